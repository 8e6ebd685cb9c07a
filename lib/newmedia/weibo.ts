import type { PlatformAdapter, RawPost } from './adapter';
import { fromTimestamp } from './dates';
import { absoluteUrl, all, first, hasMedia, hasPinnedLabel, outermost, textOf, visibleText } from './dom';
import { nameFromTitle } from './fallback';

/**
 * 微博 account pages: weibo.com/u/<uid>, weibo.com/<custom name> (个性域名), weibo.com/n/<name>, and the mobile
 * m.weibo.cn/u/<uid> (also /profile/<uid>); a single post (weibo.com/<uid>/<mblogid>, m.weibo.cn/detail/<id>,
 * m.weibo.cn/status/<id>) is an article.
 *
 * weibo.com (the 2021 Vue site, class names with hashed suffixes: matched by their stable prefixes):
 *   <article class="woo-panel-main … Feed_wrap_3v9LH">
 *     <div class="wbpro-feed-title …"><span class="title_title_…">置顶</span></div>      (a pinned post)
 *     <header>… <a class="head_name_24eEB" href="/u/…"><span>平安云岭</span></a>
 *       <a class="head-info_time_6sFQg" href="https://weibo.com/<uid>/<mblogid>" title="2026-11-18 10:30">11-18 10:30</a>
 *     <div class="wbpro-feed-content"><div class="detail_wbtext_4CRf9">正文</div> <div class="picture …"><img …></div>
 * weibo.com before 2021 (V6): div.WB_cardwrap.WB_feed_type, the time a[node-type="feed_list_item_date"] with
 *   title="2026-11-18 10:30" date="<ms>", the text .WB_text, a pinned post's .WB_cardtitle_b 置顶.
 * m.weibo.cn:
 *   <div class="card m-panel card9 weibo-member">  <div class="card-title"><h4>置顶</h4></div>   (pinned)
 *     <header class="weibo-top"> <h3 class="m-text-cut">平安云岭</h3> <h4><span class="time">11-18</span><span class="from">…</span></h4>
 *     <article class="weibo-main"><div class="weibo-text">正文</div> <div class="weibo-media-wraps"><img …></div>
 */

/** What the selectors match, most specific first; each list holds one alternative per layout. */
const SELECTORS = {
  /** The account's name in the profile header. */
  account: ['[class*="ProfileHeader_name"]', '.mod-fil-name .txt-shadow', '.mod-fil-name', '.username', '.profile-header .name'],
  /** One post. */
  post: ['article[class*="Feed_wrap"]', 'article.woo-panel-main', '.WB_cardwrap.WB_feed_type', '.WB_feed_type', '.card.card9', '.card9', '.weibo-member'],
  /** Its time: a link to the post (weibo.com), with the full time in its title. */
  time: ['a[class*="head-info_time"]', '[class*="head-info_time"]', 'a[node-type="feed_list_item_date"]', '.WB_from a[title]', '.weibo-top .time', 'span.time'],
  /** Its own text. */
  text: ['[class*="detail_wbtext"]', '.wbpro-feed-ogText', '.WB_text', '.weibo-text'],
  /** Its pictures and video (not the author's avatar). */
  media: [
    '.wbpro-feed-content img',
    '.wbpro-feed-content video',
    '[class*="picture"] img',
    '.WB_media_wrap img',
    '.weibo-media-wraps img',
    '.weibo-media-wraps video',
  ],
} as const;

/** <title>: 平安云岭的个人主页 - 微博, 平安云岭的微博_微博 (weibo.com); 平安云岭的微博 (m.weibo.cn). */
const TITLE_PATTERNS = [/^(.+?)的(?:个人主页|微博)/];
/** weibo.com/<x> paths that are the site's own pages, not a 个性域名. */
const RESERVED =
  'u|n|p|login(?:\\.php)?|signup|newlogin|hot|home|set|messages|mygroups|at|search|tv|ajax|aj|a|v|ttarticle|article|sorry|unfreeze|visitor|passport|feed|fav|like|comment|settings|help|about|friends|notice|index(?:\\.php)?';

/** A full time in the time link's title (2026-11-18 10:30) or its date attribute (milliseconds, V6). */
function hintOf(time: Element | null): string | undefined {
  if (!time) return undefined;
  const title = time.getAttribute('title') ?? '';
  if (/^\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2})?/.test(title.trim())) return title.trim();
  const stamp = Number(time.getAttribute('date') ?? '');
  const at = stamp ? fromTimestamp(stamp) : undefined;
  return at ? `${at.date} ${at.time}` : undefined;
}

function readPosts(doc: Document, base: string): RawPost[] {
  // Nested matches (an article inside a card) are one post: keep the outermost.
  const els = all(doc, SELECTORS.post);
  return outermost(els).map((el) => {
    const time = first(el, SELECTORS.time);
    const text = textOf(el, SELECTORS.text);
    return {
      el,
      dateEl: time,
      dateHint: hintOf(time),
      pinned: hasPinnedLabel(el),
      url: absoluteUrl(time?.getAttribute('href'), base),
      title: text ? text.slice(0, 80) : undefined,
      imageOnly: !text && !!first(el, SELECTORS.media) && hasMedia(el),
    };
  });
}

/** The uid a URL names (weibo.com/u/<uid>, m.weibo.cn/u/<uid>, /profile/<uid>), or its 个性域名 / name. */
function idOf(url: URL): string | undefined {
  const m = /^\/(?:u|profile|n)\/([^/]+)/.exec(url.pathname) ?? /^\/([^/]+)\/?$/.exec(url.pathname);
  return m ? decodeURIComponent(m[1]) : undefined;
}

const adapter: PlatformAdapter = {
  id: 'weibo',
  platform: 'weibo',
  urls: [
    { host: /^(?:www\.)?weibo\.com$/, path: /^\/(?:u|n)\/[^/]+\/?$/, kind: 'account' },
    { host: /^(?:www\.)?weibo\.com$/, path: /^\/\d+\/[A-Za-z0-9]+\/?$/, kind: 'article' },
    { host: /^(?:www\.)?weibo\.com$/, path: new RegExp(`^/(?!(?:${RESERVED})/?$)[A-Za-z0-9_.-]+/?$`, 'i'), kind: 'account' },
    { host: /^m\.weibo\.cn$/, path: /^\/(?:u|profile)\/\d+\/?$/, kind: 'account' },
    { host: /^m\.weibo\.cn$/, path: /^\/(?:detail|status)\/[A-Za-z0-9]+\/?$/, kind: 'article' },
  ],

  read(doc, url, kind) {
    const name = textOf(doc, SELECTORS.account) || nameFromTitle(doc.title, TITLE_PATTERNS);
    const posts = readPosts(doc, url.href);
    if (kind === 'article') {
      const author = posts[0] ? visibleText(first(posts[0].el, ['[class*="head_name"]', '.WB_info a', '.weibo-top h3', '.m-text-cut'])) : '';
      const uid = /^\/(\d+)\//.exec(url.pathname)?.[1];
      const home = uid ? `https://weibo.com/u/${uid}` : url.href;
      return { account: { name: author || name, id: uid, url: home }, posts: posts.slice(0, 1) };
    }
    return { account: { name, id: idOf(url), url: url.href }, posts };
  },
};

export default adapter;
