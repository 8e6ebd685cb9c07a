import type { AdapterRead, DetailSelectors, RawPost } from './adapter';
import { findPostDate, type PostDateMatch } from './dates';

/**
 * Small DOM readers the platform adapters share. They take elements and return strings: no layout, no globals,
 * so they run on the live page and on linkedom alike (hidden means the hidden attribute or an inline
 * display:none / visibility:hidden, as lib/text-model/build.ts's staticVisibility reads it).
 */

/** Elements whose text never shows. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'TEXTAREA', 'SELECT']);
/** Elements whose text starts on a line of its own. */
const BLOCK = new Set([
  'DIV',
  'P',
  'LI',
  'UL',
  'OL',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'FOOTER',
  'SECTION',
  'ARTICLE',
  'TR',
  'TD',
  'BR',
  'DD',
  'DT',
]);

/** Hidden by attributes or inline style (what a page without layout can tell). */
export function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = (el.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '');
  return /display:none|visibility:hidden/.test(style);
}

/** The visible text of an element, a line break between blocks, whitespace runs folded, trimmed. */
export function visibleText(el: Element | null | undefined): string {
  if (!el) return '';
  const parts: string[] = [];
  // A string on the stack is a line break to emit once a block's children are done.
  const stack: Array<Node | string> = [el];
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      parts.push(item);
      continue;
    }
    if (item.nodeType === 3) {
      parts.push((item as Text).data);
      continue;
    }
    if (item.nodeType !== 1) continue;
    const e = item as Element;
    const tag = e.tagName.toUpperCase();
    if (SKIP.has(tag) || isHidden(e)) continue;
    const block = BLOCK.has(tag);
    if (block) {
      parts.push('\n');
      stack.push('\n');
    }
    const kids = Array.from(e.childNodes);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return parts
    .join('')
    .replace(/[ \t\u00a0\u3000]+/g, ' ')
    .replace(/ *\n\s*/g, '\n')
    .trim();
}

/** The first element any of the selectors matches (in the order given), or null. A selector a browser rejects is skipped. */
export function first(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const s of selectors) {
    const el = safeQuery(root, s);
    if (el) return el;
  }
  return null;
}

/** Every element the first matching selector finds (the selectors are alternatives: one layout or another). */
export function all(root: ParentNode, selectors: readonly string[]): Element[] {
  for (const s of selectors) {
    try {
      const els = Array.from(root.querySelectorAll(s));
      if (els.length) return els;
    } catch {
      // An engine that lacks a selector feature reads the next alternative.
    }
  }
  return [];
}

function safeQuery(root: ParentNode, selector: string): Element | null {
  try {
    return root.querySelector(selector);
  } catch {
    return null;
  }
}

/** The visible text of the first element the selectors match, '' when none or empty. */
export function textOf(root: ParentNode, selectors: readonly string[]): string {
  for (const s of selectors) {
    const t = visibleText(safeQuery(root, s));
    if (t) return t;
  }
  return '';
}

/** A <meta> tag's content (by property or name). */
export function metaContent(doc: Document, name: string): string {
  const el = doc.querySelector(`meta[property="${name}"], meta[name="${name}"]`);
  return (el?.getAttribute('content') ?? '').trim();
}

/** `raw` as an absolute http(s) URL against `base`, or undefined (javascript:, empty, unparsable). */
export function absoluteUrl(raw: string | null | undefined, base: string): string | undefined {
  const value = (raw ?? '').trim();
  if (!value || /^(?:javascript|data|mailto|about):/i.test(value)) return undefined;
  try {
    const u = new URL(value, base);
    return /^https?:$/.test(u.protocol) ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** The inline scripts' text (what the CLI and a live page both have: the server's HTML). */
export function inlineScripts(doc: Document): string {
  return Array.from(doc.querySelectorAll('script:not([src])'))
    .map((s) => s.textContent ?? '')
    .join('\n');
}

/** Labels that mark a pinned post, as the platforms print them (a tag of its own: 置顶, 置顶微博 …). */
const PINNED_LABEL = /^(?:置顶|已置顶|置顶微博|置顶视频|置顶作品|置顶文章)$/;

/** Whether the post shows a pinned label: an element (itself or inside) whose whole visible text is 置顶 or the like. */
export function hasPinnedLabel(post: Element): boolean {
  if (PINNED_LABEL.test(visibleText(post))) return true;
  for (const el of Array.from(post.querySelectorAll('*'))) {
    if (el.children.length > 2) continue;
    const own = (el.textContent ?? '').trim();
    if (own.length <= 5 && PINNED_LABEL.test(own) && !isHidden(el) && !hiddenAbove(el, post)) return true;
  }
  return false;
}

function hiddenAbove(el: Element, root: Element): boolean {
  for (let e: Element | null = el; e && e !== root; e = e.parentElement) if (isHidden(e)) return true;
  return false;
}

/** Dates that are not a post's time: when the account registered, a birthday, a founding date. */
const NOT_POST_DATE = /注册|加入|入驻|认证|生日|成立|出生|创建于|开通/;
/** A date label is short: a title or a paragraph that mentions a date is not the post's time. */
const LABEL_MAX = 32;

/** A post's time label found by its text: the element and the match in its text. */
export interface DateLabel {
  el: Element;
  match: PostDateMatch;
}

/**
 * The first short visible text inside `root` that holds a post time (发布于 2026-11-18, 3天前, 11-18 10:30),
 * in document order: the fallback where a platform's own time element is not found. Titles and paragraphs are
 * longer than a label and never read; registration and birth dates are skipped.
 */
export function findDateLabel(root: Element): DateLabel | undefined {
  return dateLabels(root, 1)[0];
}

/** Every short visible text inside `root` that holds a post time, in document order (at most `limit`). */
export function dateLabels(root: Element, limit = Number.POSITIVE_INFINITY): DateLabel[] {
  const out: DateLabel[] = [];
  const checked = new Set<Element>();
  const stack: Node[] = [root];
  while (stack.length && out.length < limit) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      const el = node.parentElement;
      // An element is judged once, whatever the number of its text nodes.
      if (!el || checked.has(el) || !(node as Text).data.trim()) continue;
      checked.add(el);
      if ((el.textContent ?? '').length > LABEL_MAX * 4) continue;
      const own = visibleText(el);
      if (own.length > LABEL_MAX || NOT_POST_DATE.test(own)) continue;
      const match = findPostDate(own);
      if (match) out.push({ el, match });
      continue;
    }
    if (node.nodeType !== 1) continue;
    const e = node as Element;
    if (SKIP.has(e.tagName.toUpperCase()) || isHidden(e)) continue;
    const kids = Array.from(e.childNodes);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

/**
 * The first group of `pattern` in one visible text node under `root` (抖音号：xxx): one node at a time, so a value
 * never runs on into the next span's text.
 */
export function textNodeMatch(root: Element | null, pattern: RegExp): string | undefined {
  if (!root) return undefined;
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      const m = pattern.exec((node as Text).data);
      if (m?.[1]) return m[1];
      continue;
    }
    if (node.nodeType !== 1 || SKIP.has((node as Element).tagName.toUpperCase()) || isHidden(node as Element)) continue;
    const kids = Array.from(node.childNodes);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return undefined;
}

/** The elements none of the others contains (nested matches of one post are that post), in their order. */
export function outermost(els: readonly Element[]): Element[] {
  const set = new Set(els);
  return els.filter((el) => {
    for (let up = el.parentElement; up; up = up.parentElement) if (set.has(up)) return false;
    return true;
  });
}

/** Whether the element shows pictures or a video (img, video, a background-image cover). */
export function hasMedia(el: Element): boolean {
  return !!el.querySelector('img, video, picture, [style*="background-image"]');
}

/**
 * A video or post detail page read the same way on 抖音, 快手 and 今日头条: the one post it shows (its title, its time
 * element), and the author as the account; no post when the page shows neither a title nor a time.
 */
export function readDetailPage(doc: Document, url: URL, selectors: DetailSelectors): AdapterRead {
  const el = first(doc, selectors.detail) ?? doc.body;
  const title = textOf(doc, selectors.detailTitle);
  const dateEl = first(doc, selectors.detailTime);
  const author = visibleText(first(doc, selectors.detailAuthor)) || undefined;
  const posts: RawPost[] = el && (title || dateEl) ? [{ el, dateEl, pinned: false, url: url.href, title: title || undefined, imageOnly: !title }] : [];
  return { account: { name: author, url: url.href }, posts };
}
