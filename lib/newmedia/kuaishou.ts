import type { PlatformAdapter, RawPost } from './adapter';
import { absoluteUrl, all, first, hasMedia, hasPinnedLabel, outermost, readDetailPage, textNodeMatch, textOf } from './dom';
import { nameFromTitle } from './fallback';

/**
 * 快手 account pages (www.kuaishou.com/profile/<id>, and the older live.kuaishou.com/profile/<id>) and single
 * works (www.kuaishou.com/short-video/<id>).
 *
 *   <div class="profile-user"><div class="user-detail"><p class="user-name"><span>平安云岭</span></p> <span>快手号：pingan_yl</span>
 *   <div class="user-photo-list"><div class="card-list">
 *     <div class="video-card video-item vertical"> <div class="video-card-main"><div class="card-link">
 *       <div class="poster"><img class="poster-img"> <span class="video-info-content"><span class="info-text">1.2w</span></span></div>
 *       <span class="card-top-tag">置顶</span></div></div>
 *       <div class="video-info"><p class="video-info-title">标题</p></div>
 *   work page: <div class="video-info"><h1 class="video-info-title">标题</h1> … <span class="photo-time">2026-11-18</span>
 *
 * Like 抖音's, the works grid prints covers, titles, likes and a pinned tag; a time is read from a time element
 * when the card has one, else from any short text in the card that is a time (3天前, 11-18).
 */

/** What the selectors match, most specific first. */
const SELECTORS = {
  /** The account's name in the profile header. */
  account: ['.user-detail .user-name', '.profile-user .user-name', '.user-info .user-name', '.profile-user-name'],
  /** 快手号：xxx in the profile header. */
  accountInfo: ['.user-detail', '.profile-user', '.user-info'],
  /** One work in the grid. */
  post: ['.user-photo-list .video-card', '.card-list .video-card', '.video-card', '.photo-card'],
  /** A work's time, where the card prints one. */
  time: ['.photo-time', '.video-info-time', '[class*="publish-time"]', '[class*="time"]'],
  /** A work's title. */
  title: ['.video-info-title', '.photo-title', '[class*="title"]'],
  /** The single work's page. */
  detailTitle: ['.video-info .video-info-title', 'h1.video-info-title', '.photo-title', 'h1'],
  detailTime: ['.photo-time', '.video-info-time', '[class*="publish-time"]'],
  detailAuthor: ['.profile-user-name', '.video-info .user-name', '.author-name', '.user-name'],
  detail: ['.video-detail', '.video-info', 'main'],
} as const;

/** <title>: 平安云岭(@pingan_yl)的个人主页 - 快手, 平安云岭的快手主页. */
const TITLE_PATTERNS = [/^(.+?)(?:[(（][^)）]*[)）])?的(?:个人主页|快手主页|快手)/];
/** 快手号：pingan_yl. */
const KUAISHOU_ID = /快手号[:：]\s*([\w.-]+)/;

function gridPosts(doc: Document, base: string): RawPost[] {
  const els = all(doc, SELECTORS.post);
  return outermost(els).map((el) => {
    const link = el.querySelector('a[href*="/short-video/"], a[href]');
    const title = textOf(el, SELECTORS.title);
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
  id: 'kuaishou',
  platform: 'kuaishou',
  urls: [
    { host: /^(?:www|live)\.kuaishou\.com$/, path: /^\/profile\/[\w-]+\/?$/, kind: 'account' },
    { host: /^www\.kuaishou\.com$/, path: /^\/short-video\/[\w-]+\/?$/, kind: 'article' },
  ],

  read(doc, url, kind) {
    if (kind === 'article') return readDetailPage(doc, url, SELECTORS);
    const profileId = /^\/profile\/([\w-]+)/.exec(url.pathname)?.[1];
    const name = textOf(doc, SELECTORS.account) || nameFromTitle(doc.title, TITLE_PATTERNS);
    const kuaishouId = textNodeMatch(first(doc, SELECTORS.accountInfo), KUAISHOU_ID);
    return { account: { name, id: kuaishouId ?? profileId, url: url.href }, posts: gridPosts(doc, url.href) };
  },
};

export default adapter;
