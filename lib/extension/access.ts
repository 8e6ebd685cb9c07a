/**
 * Where GovReview reads pages without being asked (least privilege). Government sites (*.gov.cn) and the
 * bundled demo site on 127.0.0.1 are read as they open; any other page only when the reviewer asks: a
 * click on the toolbar button (that tab, that once), or 本站自动审读 in the popup for a site of a round that is
 * not on gov.cn (政务服务 platforms, county portals on other domains; kept in the settings, `autoSites`).
 * One list, read by the content script's static matches and the background, which injects and registers the
 * same script for the others.
 *
 * The same list is the extension's only required host permission (wxt.config.ts). Every other host is an
 * optional permission asked for when the reviewer starts something that needs it (`originsToAsk`): link
 * checking asks for the hosts of the page's links, 复查 for the pages of the round, 本站自动审读, 全站巡检 and
 * 检测站内搜索 for the site, 开启政务新媒体审读 for the platforms. The evidence screenshot needs activeTab: a
 * click on the toolbar button, a shortcut or the context menu grants it for the tab, and Chrome keeps it while
 * the tab stays on that site (verified in the e2e suite); a 记录 in the page's card before that stores the
 * finding without its screenshot and says why.
 */

/** Match patterns read without asking: government sites, and the bundled demo site (npm start serves it on 127.0.0.1). */
export const ALWAYS_MATCHES = ['*://*.gov.cn/*', 'http://127.0.0.1/*'] as const;

/**
 * The 政务新媒体 platforms' pages (微信公众号 articles and lists, 微博, 抖音, 快手, 今日头条): read only after the reviewer
 * switches 开启政务新媒体审读 on in the popup (settings.newMedia: a content script registered for these patterns);
 * nothing runs there before, and the switch asks for these hosts first.
 */
export const NEWMEDIA_MATCHES = [
  '*://mp.weixin.qq.com/*',
  '*://weibo.com/*',
  '*://*.weibo.com/*',
  '*://m.weibo.cn/*',
  '*://www.douyin.com/*',
  '*://www.kuaishou.com/*',
  '*://www.toutiao.com/*',
  '*://m.toutiao.com/*',
] as const;

/**
 * The hosts the reviewer may grant on demand (the manifest's optional_host_permissions): any http(s) site, one
 * origin at a time as a task needs it.
 */
export const OPTIONAL_MATCHES = ['*://*/*'] as const;

/**
 * The origin patterns (`scheme://host/*`) of these URLs that the required permissions do not cover, each
 * once, in order: what to ask the reviewer for before fetching them. Other schemes are left out.
 */
export function originsToAsk(urls: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const url of urls) {
    const pattern = originPattern(url);
    if (pattern && !matchesAny(url, ALWAYS_MATCHES)) out.add(pattern);
  }
  return [...out];
}

/** The match pattern of one page's site (its scheme and host, any path); null for other schemes. */
export function originPattern(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return `${u.protocol}//${u.hostname}/*`;
  } catch {
    return null;
  }
}

/** Whether a URL is covered by one of the match patterns (scheme, host with a leading *. wildcard, any path and port). */
export function matchesAny(url: string, patterns: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return patterns.some((p) => {
    const m = /^(\*|https?):\/\/([^/]+)\/\*$/.exec(p);
    if (!m) return p === '<all_urls>' && /^(https?|file):$/.test(u.protocol);
    const [, scheme, host] = m;
    if (scheme !== '*' && `${scheme}:` !== u.protocol) return false;
    if (scheme === '*' && u.protocol !== 'http:' && u.protocol !== 'https:') return false;
    if (host === '*') return true;
    if (host.startsWith('*.')) return u.hostname === host.slice(2) || u.hostname.endsWith(host.slice(1));
    return u.hostname === host;
  });
}
