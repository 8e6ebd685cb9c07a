import type { PlatformAdapter, RawPost } from './adapter';
import { absoluteUrl, all, first, hasMedia, hasPinnedLabel, outermost, readDetailPage, textOf, visibleText } from './dom';
import { nameFromTitle } from './fallback';

/**
 * 今日头条 account pages: www.toutiao.com/c/user/token/<token>/ (the current form), www.toutiao.com/c/user/<id>/
 * (the older one) and m.toutiao.com/profile/<id>/; single posts: www.toutiao.com/article/<id>/, /w/<id>/ (微头条),
 * /video/<id>/, /group/<id>/.
 *
 *   <div class="profile-info-wrapper"><div class="user-info"><div class="name">平安云岭</div> …
 *   <div class="profile-tab-feed">
 *     <div class="profile-feed-card"><div class="feed-card-wrapper feed-card-article-wrapper">
 *       <div class="feed-card-article-l"><a class="title" href="/article/7301234567890123456/" aria-label="标题">标题</a>
 *         <div class="feed-card-footer"><div class="feed-card-footer-cmp">
 *           <span class="feed-card-footer-cmp-top">置顶</span> <div class="feed-card-footer-time-cmp">3天前</div> <div …>12评论</div>
 *   微头条 (text and pictures, no title link): <div class="weitoutiao-content">正文</div> <div class="weitoutiao-img-wrapper"><img …>
 *   article page: <h1>标题</h1> <div class="article-meta"><span>2026-11-18 10:30</span> <span class="name"><a>平安云岭</a></span>
 */

/** What the selectors match, most specific first. */
const SELECTORS = {
  /** The account's name in the profile header. */
  account: ['.user-info .name', '.profile-info-wrapper .name', '.user-name', '.profile-info .name'],
  /** One post of the feed. */
  post: ['.profile-feed-card', '.profile-tab-feed .feed-card-wrapper', '.feed-card-wrapper', '.feed-card-article-wrapper'],
  /** A post's time. */
  time: ['.feed-card-footer-time-cmp', '[class*="footer-time"]', '[class*="time-cmp"]', '.time'],
  /** A post's title link (articles and videos). */
  title: ['a.title', '.feed-card-article-l a', '.title'],
  /** A 微头条's own text (no title). */
  text: ['.weitoutiao-content', '[class*="weitoutiao"] [class*="content"]', '.feed-card-w-content'],
  /** The single post's page. */
  detailTitle: ['.article-content h1', 'h1'],
  detailTime: ['.article-meta .time', '.article-meta span', '.meta-info .time'],
  detailAuthor: ['.article-meta .name', '.article-meta .user-name', '.author-info .name', '.user-card .name'],
  detail: ['.article-content', '.main-content', 'main'],
} as const;

/** <title>: 平安云岭的头条主页 - 今日头条(www.toutiao.com). */
const TITLE_PATTERNS = [/^(.+?)的(?:头条主页|个人主页|主页)/];

function feedPosts(doc: Document, base: string): RawPost[] {
  const els = all(doc, SELECTORS.post);
  return outermost(els).map((el) => {
    const titleEl = first(el, SELECTORS.title);
    const title = visibleText(titleEl) || titleEl?.getAttribute('aria-label') || textOf(el, SELECTORS.text).slice(0, 80);
    return {
      el,
      dateEl: first(el, SELECTORS.time),
      pinned: hasPinnedLabel(el),
      url: absoluteUrl(titleEl?.getAttribute('href') ?? el.querySelector('a[href]')?.getAttribute('href'), base),
      title: title || undefined,
      imageOnly: !title && hasMedia(el),
    };
  });
}

const adapter: PlatformAdapter = {
  id: 'toutiao',
  platform: 'toutiao',
  urls: [
    { host: /^(?:www\.)?toutiao\.com$/, path: /^\/c\/user\/(?:token\/)?[\w-]+\/?$/, kind: 'account' },
    { host: /^m\.toutiao\.com$/, path: /^\/profile\/[\w-]+\/?$/, kind: 'account' },
    { host: /^(?:www\.)?toutiao\.com$/, path: /^\/(?:article|w|video|group)\/\d+\/?$/, kind: 'article' },
  ],

  read(doc, url, kind) {
    if (kind === 'article') return readDetailPage(doc, url, SELECTORS);
    const id = /\/(?:token|user|profile)\/([\w-]+)\/?$/.exec(url.pathname)?.[1];
    const name = textOf(doc, SELECTORS.account) || nameFromTitle(doc.title, TITLE_PATTERNS);
    return { account: { name, id, url: url.href }, posts: feedPosts(doc, url.href) };
  },
};

export default adapter;
