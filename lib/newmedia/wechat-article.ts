import type { PlatformAdapter, RawPost } from './adapter';
import { fromTimestamp } from './dates';
import { first, hasMedia, inlineScripts, metaContent, textOf, visibleText } from './dom';

/**
 * 微信公众号 articles: mp.weixin.qq.com/s/<id> (the short link) and mp.weixin.qq.com/s?__biz=…&mid=…&idx=…&sn=…
 * (the long one). The page (rich_media template) is served with its text and filled by scripts: the publish
 * time is written into #publish_time from the inline script's `var ct = "1700000000"` (create_time), so a page
 * read before its scripts ran (the CLI, a saved page) has the time only in the script.
 *
 *   <div id="img-content" class="rich_media_wrp">
 *     <h1 class="rich_media_title" id="activity-name">标题</h1>
 *     <div id="meta_content" class="rich_media_meta_list">
 *       <span class="rich_media_meta rich_media_meta_text">作者</span>
 *       <span class="rich_media_meta rich_media_meta_nickname" id="profileBt"><a id="js_name">公众号名</a></span>
 *       <em id="publish_time" class="rich_media_meta rich_media_meta_text">2026年11月18日 10:30</em>
 *     </div>
 *     <div class="rich_media_content" id="js_content">正文…</div>
 */

/** What the selectors match, most specific first. */
const SELECTORS = {
  /** The article's heading. */
  title: ['#activity-name', 'h1.rich_media_title', '.rich_media_title'],
  /** The 公众号 name in the meta line (a link that opens the profile card). */
  account: ['#js_name', '.rich_media_meta_nickname a', '.rich_media_meta_nickname', '#js_profile_qrcode .profile_nickname', '.profile_nickname'],
  /** The printed publish time (filled by the page's script: 2026-11-18 10:30, 2026年11月18日 10:30, 昨天 …). */
  publishTime: ['#publish_time', '#js_publish_time', '.rich_media_meta_list em.rich_media_meta_text'],
  /** The article body. */
  body: ['#js_content', '.rich_media_content'],
  /** The article as a whole (its post element). */
  article: ['#img-content', '#js_article', '.rich_media'],
} as const;

/** The inline script's publish timestamp: var ct = "1700000000"; create_time: '1700000000'; createTime = 1700000000. */
const SCRIPT_TIMESTAMP = /\b(?:ct|create_time|createTime)\s*[:=]\s*(?:JsDecode\(\s*)?["']?(\d{10})(?!\d)/;
/** The account's __biz in a script: var biz = "" || "MzA5…=="; window.biz = "MzA5…". */
const SCRIPT_BIZ = /\bbiz\s*[:=]\s*(?:["']{2}\s*\|\|\s*)?["']([A-Za-z0-9+/]{8,}={0,2})["']/;
/** The account's original id: var user_name = "gh_0123456789ab". */
const SCRIPT_USER_NAME = /\buser_name\s*[:=]\s*["'](gh_[0-9a-f]{6,})["']/;
/** The account's name: var nickname = htmlDecode("平安云岭"). */
const SCRIPT_NICKNAME = /\bnickname\s*[:=]\s*(?:htmlDecode\(\s*)?["']([^"'\n]{1,40})["']/;

/** The account's 历史消息 page (it opens in the WeChat client only): the account's URL when its __biz is known. */
export function wechatProfileUrl(biz: string): string {
  return `https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=${encodeURIComponent(biz)}#wechat_redirect`;
}

const adapter: PlatformAdapter = {
  id: 'wechat-article',
  platform: 'wechat',
  urls: [{ host: /^mp\.weixin\.qq\.com$/, path: /^\/s(?:\/[\w-]+)?\/?$/, kind: 'article' }],

  read(doc, url) {
    const scripts = inlineScripts(doc);
    const biz = url.searchParams.get('__biz') || SCRIPT_BIZ.exec(scripts)?.[1];
    const userName = SCRIPT_USER_NAME.exec(scripts)?.[1];
    const name = textOf(doc, SELECTORS.account) || SCRIPT_NICKNAME.exec(scripts)?.[1] || metaContent(doc, 'og:article:author') || undefined;
    const title = textOf(doc, SELECTORS.title) || metaContent(doc, 'og:title');
    const article = first(doc, SELECTORS.article) ?? doc.body;
    const body = first(doc, SELECTORS.body);
    const stamp = SCRIPT_TIMESTAMP.exec(scripts)?.[1];
    const at = stamp ? fromTimestamp(Number(stamp)) : undefined;
    const posts: RawPost[] = [];
    // A page without the template's body (a verification page, a deleted article) has no post to read.
    if (article && (body || title)) {
      posts.push({
        el: article,
        dateEl: first(doc, SELECTORS.publishTime),
        dateHint: at ? `${at.date} ${at.time}` : undefined,
        pinned: false,
        url: metaContent(doc, 'og:url') || url.href,
        title: title || undefined,
        imageOnly: !!body && !visibleText(body) && hasMedia(body),
      });
    }
    return {
      account: { name, id: biz || userName, url: biz ? wechatProfileUrl(biz) : url.href },
      posts,
    };
  },
};

export default adapter;
