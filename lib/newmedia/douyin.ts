import type { PlatformAdapter, RawPost } from './adapter';
import { absoluteUrl, all, first, hasMedia, hasPinnedLabel, readDetailPage, textNodeMatch, textOf } from './dom';
import { nameFromTitle } from './fallback';

/**
 * 抖音 account pages (www.douyin.com/user/<sec_uid>) and single works (www.douyin.com/video/<id>,
 * www.douyin.com/note/<id> for 图文). The site marks its parts with data-e2e attributes, stable where its
 * class names are hashed:
 *
 *   <div data-e2e="user-info"> <h1><span>平安云岭</span></h1> <p><span>抖音号：pingan_yl</span> …
 *   <div data-e2e="user-post-list"><ul data-e2e="scroll-list">
 *     <li><a href="/video/7301234567890123456"> <div><span>置顶</span></div> <img …> <span class="author-card-user-video-like">1.2万</span>
 *         <p>视频标题 #话题</p></a></li>
 *   video page: <div data-e2e="detail-video-info"><h1>标题</h1> … <span data-e2e="detail-video-publish-time">发布时间：2026-11-18 10:30</span>
 *
 * The works grid prints a pinned work's 置顶 tag, its cover, its title and likes; whether and how it prints a
 * work's date changes with the site's versions, so a work's time is read from a data-e2e time element when
 * there is one, else from any short text in the card that is a time (11-18, 3天前). A grid that prints none
 * gives undated posts: 未能检测, never a guess.
 */

/** What the selectors match, most specific first. */
const SELECTORS = {
  /** The account's name in the profile header. */
  account: ['[data-e2e="user-info"] h1', '[data-e2e="user-detail"] h1', '[data-e2e="user-info"] [class*="name"]'],
  /** 抖音号：xxx in the profile header. */
  accountInfo: ['[data-e2e="user-info"]', '[data-e2e="user-detail"]'],
  /** One work in the grid. */
  post: ['[data-e2e="user-post-list"] li', '[data-e2e="scroll-list"] > li', '[data-e2e="user-post-item"]'],
  /** A work's time, where the grid prints one. */
  time: ['[data-e2e*="publish-time"]', '[data-e2e*="time"]', '[class*="publish-time"]', '[class*="time"]'],
  /** A work's title (its caption). */
  title: ['[data-e2e="video-desc"]', 'p', '[class*="title"]'],
  /** The single work's page. */
  detailTitle: ['[data-e2e="detail-video-info"] h1', '[data-e2e="video-desc"]', 'h1'],
  detailTime: ['[data-e2e="detail-video-publish-time"]'],
  detailAuthor: ['[data-e2e="video-author-title"]', '[data-e2e="user-info"] [data-e2e="video-author-title"]', '[data-e2e="video-author"]'],
  detail: ['[data-e2e="detail-video-info"]', '[data-e2e="video-detail"]', 'main'],
} as const;

/** <title>: 平安云岭的抖音 - 抖音, 平安云岭的主页 - 抖音. */
const TITLE_PATTERNS = [/^(.+?)的(?:抖音|主页|个人主页)/];
/** 抖音号：pingan_yl. */
const DOUYIN_ID = /抖音号[:：]\s*([\w.-]+)/;

function gridPosts(doc: Document, base: string): RawPost[] {
  return all(doc, SELECTORS.post).map((el) => {
    const link = el.querySelector('a[href*="/video/"], a[href*="/note/"], a[href]');
    const title = textOf(el, SELECTORS.title) || (el.querySelector('img[alt]')?.getAttribute('alt') ?? '').trim();
    return {
      el,
      dateEl: first(el, SELECTORS.time),
      pinned: hasPinnedLabel(el),
      url: absoluteUrl(link?.getAttribute('href'), base),
      title: title || undefined,
      imageOnly: !title && hasMedia(el),
    };
  });
}

const adapter: PlatformAdapter = {
  id: 'douyin',
  platform: 'douyin',
  urls: [
    { host: /^(?:www\.)?douyin\.com$/, path: /^\/user\/(?!self\/?$)[\w-]+\/?$/, kind: 'account' },
    { host: /^(?:www\.)?douyin\.com$/, path: /^\/(?:video|note)\/\d+\/?$/, kind: 'article' },
  ],

  read(doc, url, kind) {
    if (kind === 'article') return readDetailPage(doc, url, SELECTORS);
    const secUid = /^\/user\/([\w-]+)/.exec(url.pathname)?.[1];
    const name = textOf(doc, SELECTORS.account) || nameFromTitle(doc.title, TITLE_PATTERNS);
    const douyinId = textNodeMatch(first(doc, SELECTORS.accountInfo), DOUYIN_ID);
    return { account: { name, id: douyinId ?? secUid, url: url.href }, posts: gridPosts(doc, url.href) };
  },
};

export default adapter;
