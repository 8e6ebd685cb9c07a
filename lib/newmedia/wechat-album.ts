import type { PlatformAdapter, RawPost } from './adapter';
import { fromTimestamp } from './dates';
import { absoluteUrl, all, first, hasMedia, hasPinnedLabel, textOf, visibleText } from './dom';
import { nameFromTitle } from './fallback';
import { wechatProfileUrl } from './wechat-article';

/**
 * 微信公众号 lists: a 合集 (mp.weixin.qq.com/mp/appmsgalbum?__biz=…&action=getalbum&album_id=…), which opens in
 * any browser, and the account's 历史消息 (mp.weixin.qq.com/mp/profile_ext?action=home&__biz=…), which opens
 * in the WeChat client only (a desktop browser gets 请在微信客户端打开链接: a login wall).
 *
 *   合集:   <div id="js_tag_name" class="album__label-title">#政务公开</div>
 *           <span class="album__author-name">平安云岭</span>
 *           <ul class="album__list js_album_list">
 *             <li class="album__list-item js_album_item" data-link="https://mp.weixin.qq.com/s?…" data-title="标题">
 *               <div class="album__item-title"><span class="album__item-title-wrp">标题</span></div>
 *               <div class="album__item-info"><span class="js_article_create_time album__item-info-item">2026年11月18日</span></div>
 *
 *   历史消息: <strong class="profile_nickname" id="nickname">平安云岭</strong>
 *           <div class="weui_msg_card js_card"><div class="weui_msg_card_hd">2026年11月18日</div>
 *             <div class="weui_msg_card_bd"><div class="weui_media_box appmsg js_appmsg" hrefs="https://mp.weixin.qq.com/s?…">
 *               <h4 class="weui_media_title" hrefs="…">标题</h4><p class="weui_media_extra_info">2026年11月18日</p>
 */

/** What the selectors match, most specific first. */
const SELECTORS = {
  /** 合集: its name (#合集名). */
  albumName: ['#js_tag_name', '.album__label-title'],
  /** 合集 and 历史消息: the 公众号 name. */
  account: ['.album__author-name', '.js_jump_profile .album__author-name', '#nickname', '.profile_nickname'],
  /** 合集: one article of the list (data-link, data-title; data-create-time on some versions, in seconds). */
  albumItem: ['li.album__list-item', '.js_album_item', '.album__list > li'],
  albumTitle: ['.album__item-title-wrp', '.album__item-title'],
  albumTime: ['.js_article_create_time', '.album__item-info-item'],
  /** 历史消息: one day's card, with its date header, holding one or more articles. */
  historyCard: ['.weui_msg_card', '.js_card'],
  historyCardDate: ['.weui_msg_card_hd'],
  historyItem: ['.weui_media_box.appmsg', '.js_appmsg', '.weui_media_box'],
  historyTitle: ['.weui_media_title'],
  historyTime: ['.weui_media_extra_info'],
} as const;

/** <title> of an album page: 政务公开 - 平安云岭 (合集名 - 公众号名), or the name alone. */
const TITLE_PATTERNS = [/^.+?\s*[-–—|]\s*(.+)$/];

function albumPosts(doc: Document, base: string): RawPost[] {
  return all(doc, SELECTORS.albumItem).map((el) => {
    const title = textOf(el, SELECTORS.albumTitle) || el.getAttribute('data-title') || undefined;
    const stamp = Number(el.getAttribute('data-create-time') ?? el.getAttribute('data-create_time') ?? '');
    const at = stamp ? fromTimestamp(stamp) : undefined;
    return {
      el,
      dateEl: first(el, SELECTORS.albumTime),
      dateHint: at ? `${at.date} ${at.time}` : undefined,
      pinned: hasPinnedLabel(el),
      url: absoluteUrl(el.getAttribute('data-link') ?? el.querySelector('a[href]')?.getAttribute('href'), base),
      title,
      imageOnly: !title && hasMedia(el),
    };
  });
}

function historyPosts(doc: Document, base: string): RawPost[] {
  const posts: RawPost[] = [];
  for (const card of all(doc, SELECTORS.historyCard)) {
    const cardDate = first(card, SELECTORS.historyCardDate);
    for (const el of all(card, SELECTORS.historyItem)) {
      const titleEl = first(el, SELECTORS.historyTitle);
      const title = visibleText(titleEl) || undefined;
      posts.push({
        el,
        dateEl: first(el, SELECTORS.historyTime) ?? cardDate,
        pinned: hasPinnedLabel(el),
        url: absoluteUrl(titleEl?.getAttribute('hrefs') ?? el.getAttribute('hrefs') ?? el.querySelector('a[href]')?.getAttribute('href'), base),
        title,
        imageOnly: !title && hasMedia(el),
      });
    }
  }
  return posts;
}

const adapter: PlatformAdapter = {
  id: 'wechat-album',
  platform: 'wechat',
  urls: [
    { host: /^mp\.weixin\.qq\.com$/, path: /^\/mp\/appmsgalbum\/?$/, kind: 'account' },
    { host: /^mp\.weixin\.qq\.com$/, path: /^\/mp\/profile_ext\/?$/, query: { action: /^home$/ }, kind: 'account' },
  ],

  read(doc, url) {
    const biz = url.searchParams.get('__biz') ?? undefined;
    const isAlbum = /appmsgalbum/.test(url.pathname);
    const name = textOf(doc, SELECTORS.account) || (isAlbum ? nameFromTitle(doc.title, TITLE_PATTERNS) : undefined);
    const account = { name: name || undefined, id: biz, url: biz ? wechatProfileUrl(biz) : url.href };
    if (!isAlbum) return { account, posts: historyPosts(doc, url.href) };
    const albumName = textOf(doc, SELECTORS.albumName).replace(/^#/, '') || undefined;
    return {
      account,
      album: { name: albumName, id: url.searchParams.get('album_id') ?? undefined },
      posts: albumPosts(doc, url.href),
    };
  },
};

export default adapter;
