import type { NewMediaInfo, NewMediaPlatform, NewMediaPost } from '../engine/types';
import type { NewMediaPageKind, PlatformAdapter, RawPost, UrlPattern } from './adapter';
import { type AgoUnit, type DateReference, findPostDate, findPostDates, isFullDate, type PostDateMatch, resolvePostDate } from './dates';
import { findDateLabel, visibleText } from './dom';
import douyin from './douyin';
import { detectWall, fallbackPosts } from './fallback';
import kuaishou from './kuaishou';
import { PLATFORM_LABELS } from './platforms';
import toutiao from './toutiao';
import wechatAlbum from './wechat-album';
import wechatArticle from './wechat-article';
import weibo from './weibo';

/**
 * 政务新媒体 pages: which platform a URL belongs to, which adapter reads it, and what the page shows, as the text
 * model's NewMediaInfo. lib/text-model/build.ts calls readNewMedia on every document; it answers undefined off
 * the platforms' hosts. An adapter that throws or finds no post on an account page leaves the page to the shared
 * fallback (the posts' time labels): one platform's changed markup never stops the read.
 */

/** The platforms as the notices name them (平台): lib/newmedia/platforms.ts. */
export { PLATFORM_LABELS };

/** Every adapter, in the order their URL patterns are tried. */
export const adapters: readonly PlatformAdapter[] = [wechatArticle, wechatAlbum, weibo, douyin, kuaishou, toutiao];

/** The platforms' hosts: a page on one that no adapter names is read as 'unknown' (walls and the fallback only). */
const PLATFORM_HOSTS: ReadonlyArray<readonly [RegExp, NewMediaPlatform]> = [
  [/^mp\.weixin\.qq\.com$/, 'wechat'],
  [/(?:^|\.)weibo\.(?:com|cn)$/, 'weibo'],
  [/(?:^|\.)douyin\.com$/, 'douyin'],
  [/(?:^|\.)kuaishou\.com$/, 'kuaishou'],
  [/(?:^|\.)toutiao\.com$/, 'toutiao'],
];

/** What a URL is on the platforms: its platform, the adapter that reads it (none for a page no pattern names), its kind. */
export interface PlatformPage {
  platform: NewMediaPlatform;
  adapter?: PlatformAdapter;
  kind: NewMediaPageKind;
}

function parseUrl(url: string): URL | undefined {
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) ? u : undefined;
  } catch {
    return undefined;
  }
}

const matches = (p: UrlPattern, u: URL) =>
  p.host.test(u.hostname) && p.path.test(u.pathname) && Object.entries(p.query ?? {}).every(([k, re]) => re.test(u.searchParams.get(k) ?? ''));

/** The platform page a URL is, or undefined off the platforms. */
export function platformPage(url: string): PlatformPage | undefined {
  const u = parseUrl(url);
  if (!u) return undefined;
  for (const adapter of adapters) {
    const pattern = adapter.urls.find((p) => matches(p, u));
    if (pattern) return { platform: adapter.platform, adapter, kind: pattern.kind };
  }
  const host = PLATFORM_HOSTS.find(([re]) => re.test(u.hostname));
  return host ? { platform: host[1], kind: 'unknown' } : undefined;
}

/** Text nodes and their offsets in model.text (lib/text-model/build.ts's TextNodeMap). */
export interface TextNodes {
  nodes: readonly Node[];
  starts: readonly number[];
}

/** How to read a page: its URL and, from the text model, its text and text nodes (to place each post's date text). */
export interface ReadOptions {
  url: string;
  /** model.text; with `map`, each post's date gets its range in it. Also what walls are read from (else the body's text). */
  text?: string;
  map?: TextNodes;
  /** Resolves relative and year-less dates into `date` (the review date); without it only full dates are. */
  reference?: DateReference;
}

/** The [start, end) of an element's visible text in model.text, from the text-node map. */
function locator(map: TextNodes): (el: Element) => { start: number; end: number } | undefined {
  let index: Map<Node, number> | undefined;
  return (el) => {
    index ??= new Map(map.nodes.map((n, i) => [n, i]));
    let lo = -1;
    let hi = -1;
    const stack: Node[] = [el];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.nodeType === 3) {
        const i = index.get(node);
        if (i !== undefined) {
          if (lo < 0 || i < lo) lo = i;
          if (i > hi) hi = i;
        }
        continue;
      }
      const kids = node.childNodes;
      for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]);
    }
    if (lo < 0) return undefined;
    return { start: map.starts[lo], end: map.starts[hi] + ((map.nodes[hi] as Text).data ?? '').length };
  };
}

/** Turns what an adapter read into the model's posts: the printed time, its range, the date when it can be told. */
function toPost(raw: RawPost, opts: ReadOptions, locate?: ReturnType<typeof locator>): NewMediaPost {
  // The printed time: in the adapter's time element, else in a short label of the post.
  let labelEl: Element | undefined;
  let printed: PostDateMatch | undefined;
  if (raw.dateEl) {
    printed = findPostDate(visibleText(raw.dateEl));
    if (printed) labelEl = raw.dateEl;
  }
  if (!printed) {
    const label = findDateLabel(raw.el);
    if (label) ({ el: labelEl, match: printed } = label);
  }
  const post: NewMediaPost = { dateText: printed?.text ?? '', pinned: raw.pinned, imageOnly: raw.imageOnly };
  if (raw.url) post.url = raw.url;
  // A pinned tag inside the title (<h4><span>置顶</span>标题</h4>) is no part of it.
  const title = raw.pinned ? raw.title?.replace(/^(?:置顶|已置顶)\s*/, '') : raw.title;
  if (title) post.title = title;

  const span = labelEl && locate && opts.text !== undefined ? locate(labelEl) : undefined;
  if (span && opts.text !== undefined) {
    const inModel = findPostDates(opts.text.slice(span.start, span.end))[0] ?? findPostDate(opts.text.slice(span.start, span.end));
    if (inModel) {
      post.dateText = inModel.text;
      post.start = span.start + inModel.start;
      post.end = span.start + inModel.end;
      printed = inModel;
    }
  }

  const hint = raw.dateHint ? findPostDate(raw.dateHint) : undefined;
  if (!printed && hint) post.dateText = raw.dateHint!.trim();
  // A full date (the page's attribute or timestamp first: it is exact where the print says 11-18 or 3天前) needs no reference.
  const full = [hint?.value, printed?.value].find((v) => v?.kind === 'date' && isFullDate(v));
  if (full?.kind === 'date') post.date = full.date;
  else if (printed) {
    const resolved = opts.reference ? resolvePostDate(printed.value, opts.reference) : undefined;
    if (resolved) post.date = resolved.date;
    if (printed.value.kind === 'ago' && ROUNDED.includes(printed.value.unit)) post.approximate = true;
  }
  return post;
}

/** Units the platforms round down to (2周前 is 14 to 20 days): a date from them is an estimate. */
const ROUNDED: readonly AgoUnit[] = ['week', 'month', 'year'];

/** Whether the post has a time one can read (a date, or a printed time that parses). */
export function isDated(post: NewMediaPost): boolean {
  return post.date !== undefined || findPostDate(post.dateText) !== undefined;
}

/**
 * What a 政务新媒体 page shows, or undefined when the URL is not a platform's. Reads the DOM as it is now.
 */
export function readNewMedia(doc: Document, opts: ReadOptions): NewMediaInfo | undefined {
  const page = platformPage(opts.url);
  if (!page) return undefined;
  const url = new URL(opts.url);
  const root = doc.body ?? doc.documentElement;
  let read: ReturnType<PlatformAdapter['read']> = { account: { url: url.href }, posts: [] };
  if (page.adapter && page.kind !== 'unknown') {
    try {
      read = page.adapter.read(doc, url, page.kind);
    } catch {
      // A page whose markup broke the adapter is read by the fallback below.
    }
  }
  if (!read.posts.length && page.kind !== 'article' && root) read = { ...read, posts: fallbackPosts(root, url.href) };

  const locate = opts.map && opts.text !== undefined ? locator(opts.map) : undefined;
  const posts = read.posts.map((raw) => toPost(raw, opts, locate));
  const info: NewMediaInfo = { platform: page.platform, pageKind: page.kind, account: tidy(read.account), posts };
  if (read.album) info.album = tidy(read.album);

  const unpinned = posts.filter((p) => !p.pinned);
  if (!unpinned.some(isDated)) {
    const wall = detectWall(opts.text ?? visibleText(root));
    info.problem = wall ?? (unpinned.length ? 'undated' : 'no-posts');
  }
  return info;
}

/** The object without its undefined fields (the model crosses contexts as plain data). */
function tidy<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
}

export { type DateReference, resolvePostDate } from './dates';
