import type { LinkInfo, ListInfo, ListItem, ListItemDate } from '../engine/types';
import { findDates, isTodayWidget, type FoundDate } from './dates';
import { findBreadcrumb, titleColumnName } from './page-kind';

/**
 * List detection for the text model, fed by buildTextModel's single DOM walk (no second walk, no layout
 * calls, so it runs in the content script on the live page and on linkedom in the CLI alike).
 *
 * A list is a container whose children repeat one structure with a link each: ul/ol > li, dl > dd/dt, two
 * or more table rows, or two or more sibling elements of the same tag and first class (div.item, p) holding
 * one to four links. The innermost such container wins: an element that holds a list is never an item, so a
 * layout table around the page or a block around a ul is not a list of one item. Each item gets its main
 * link (the longest text), its date and its range; the list gets the name of its column (see `caption`).
 *
 * Empty list containers (an ul/ol/dl/table with no link and at most a short text such as 暂无信息) are
 * kept as lists without items, unless they sit in a menu (nav/header, an li): blank-column reports them.
 *
 * Dates that are not items' dates never enter a list: a today's-date widget, the footer's copyright
 * years or an article's 发布时间 are outside every item (and a widget's date is skipped even inside one).
 */

/** Tags whose children are items even when there is only one (ul > li; a single tr is a layout wrapper). */
const ITEM_TAGS = new Set(['LI', 'TR', 'DD', 'DT']);
/** Containers that are kept when empty (a blank column's list). TBODY/THEAD are judged with their TABLE. */
const EMPTY_CONTAINER_TAGS = new Set(['UL', 'OL', 'DL', 'TABLE']);
/** An item holds one to this many links (a title, a category tag, an attachment); a block holds more. */
const MAX_ITEM_LINKS = 4;
/** An empty container may still hold a placeholder line (暂无信息，敬请期待) but no more text than this. */
const EMPTY_MAX_TEXT = 30;
/** How many ancestors above a list are searched for its caption (list, box body, box). */
const CAPTION_LEVELS = 3;
/** A column name longer than this is a sentence, not a caption. */
const MAX_NAME = 20;

const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'CAPTION', 'STRONG', 'B', 'LEGEND']);
/** Class names of column captions on gov templates: title, tit, hd, bt (标题), lm (栏目), lanmu, column-name. */
const HEADING_CLASS = /(?:^|[\s_-])(?:title|tit|hd|bt|lm|lmmc|lanmu|column|colname|caption|heading)(?=[\s_-]|\d|$)/i;
/** The "更多" link of a box caption: the text before it in its box is the column name. */
const MORE_LINK = /^(?:更多|查看更多|更多信息|更多>+|more|more>+|>>|»)\s*[>»＞+]*$/i;
/** Menus: empty lists there are submenus, not blank columns. */
const MENU_HINT = /(?:^|[\s_-])(?:nav|navbar|menu|submenu|header|head|topbar|dh|daohang)(?=[\s_-]|\d|$)/i;

interface Frame {
  el: Element;
  tag: string;
  /** Tag and first class token: siblings with the same signature repeat one structure. */
  sig: string;
  start: number;
  linkMark: number;
  inFooter: boolean;
  heading: boolean;
  /** Offset where a 更多 link starts inside this element, if one is a direct child. */
  moreAt?: number;
  /** Summaries of child elements that hold at least one link. */
  children?: Summary[];
  /** This element or an element below it is a list (or an empty list container). */
  hasList: boolean;
}

interface Summary {
  sig: string;
  tag: string;
  start: number;
  end: number;
  linkMark: number;
  linkEnd: number;
  hasList: boolean;
}

interface Pending {
  start: number;
  end: number;
  inFooter: boolean;
  items: Summary[];
  /** Start offsets of the container and its CAPTION_LEVELS ancestors, innermost first. */
  scopes: number[];
}

interface Span {
  start: number;
  end: number;
}

/**
 * Collects lists during buildTextModel's walk: `enter` when an element is entered (after the line break
 * a block inserts), `exit` when it is left (before the line break), `finish` once the text is complete.
 */
export class ListCollector {
  private readonly stack: Frame[] = [];
  private readonly pending: Pending[] = [];
  private readonly headings: Span[] = [];

  /**
   * @param linkMark number of links collected before this element (its own link not counted)
   * @param link the link this element opens, when it is an <a href>
   */
  enter(el: Element, start: number, linkMark: number, inFooter: boolean, link?: LinkInfo): void {
    const tag = el.tagName.toUpperCase();
    const cls = el.getAttribute('class') ?? '';
    const trimmedClass = cls.trim();
    const space = trimmedClass.search(/\s/);
    const firstClass = space < 0 ? trimmedClass : trimmedClass.slice(0, space);
    if (link && link.text.length <= 8 && MORE_LINK.test(link.text)) {
      const parent = this.stack[this.stack.length - 1];
      if (parent && parent.moreAt === undefined) parent.moreAt = start;
    }
    this.stack.push({
      el,
      tag,
      sig: firstClass ? `${tag}.${firstClass}` : tag,
      start,
      linkMark,
      inFooter,
      heading: HEADING_TAGS.has(tag) || (cls !== '' && HEADING_CLASS.test(cls)),
      hasList: false,
    });
  }

  /** @param linkCount number of links collected so far */
  exit(end: number, linkCount: number): void {
    const f = this.stack.pop();
    if (!f) return;
    const parent = this.stack[this.stack.length - 1];
    if (f.heading && end > f.start) this.headings.push({ start: f.start, end });
    if (f.moreAt !== undefined && f.moreAt > f.start) this.headings.push({ start: f.start, end: f.moreAt });

    if (f.children) {
      const items = pickItems(f.children);
      if (items) {
        f.hasList = true;
        this.pending.push({ start: f.start, end, inFooter: f.inFooter, items, scopes: this.scopes(f) });
      }
    }
    if (!f.hasList && linkCount === f.linkMark && EMPTY_CONTAINER_TAGS.has(f.tag) && end - f.start <= EMPTY_MAX_TEXT && !this.inMenu(f)) {
      f.hasList = true;
      this.pending.push({ start: f.start, end, inFooter: f.inFooter, items: [], scopes: this.scopes(f) });
    }

    if (!parent) return;
    if (f.hasList) parent.hasList = true;
    if (linkCount > f.linkMark) {
      (parent.children ??= []).push({ sig: f.sig, tag: f.tag, start: f.start, end, linkMark: f.linkMark, linkEnd: linkCount, hasList: f.hasList });
    }
  }

  /** The container's start and those of its nearest ancestors (up to <body>). */
  private scopes(f: Frame): number[] {
    const scopes = [f.start];
    for (let i = this.stack.length - 1; i >= 0 && scopes.length <= CAPTION_LEVELS; i--) {
      const a = this.stack[i];
      if (a.tag === 'HTML') break;
      scopes.push(a.start);
      if (a.tag === 'BODY') break;
    }
    return scopes;
  }

  /** Inside a list item, nav, header or an element whose class/id names a menu (bounded walk up). */
  private inMenu(f: Frame): boolean {
    const frames = [f, ...this.stack.slice(-30).reverse()];
    for (const a of frames) {
      if (a !== f && (a.tag === 'LI' || a.tag === 'NAV' || a.tag === 'HEADER')) return true;
      if (a.tag === 'BODY') break;
      const hint = `${a.el.getAttribute('class') ?? ''} ${a.el.getAttribute('id') ?? ''}`;
      if (MENU_HINT.test(hint)) return true;
    }
    return false;
  }

  /** The lists, in document order, with items, dates and column names resolved against the final text. */
  finish(text: string, links: readonly LinkInfo[], title: string): ListInfo[] {
    const pending = [...this.pending].sort((a, b) => a.start - b.start);
    const headings = [...this.headings].sort((a, b) => a.start - b.start || b.end - a.end);
    const breadcrumb = findBreadcrumb(text);
    const pageName = titleColumnName(title);
    const out: ListInfo[] = [];
    // One scan for dates over the whole text; items pick theirs by offset.
    const dates = pending.length ? findDates(text).filter((d) => !isTodayWidget(text, d.start)) : [];
    let prevEnd = 0;
    for (const p of pending) {
      const items = p.items.map((s) => toItem(s, text, links, dates)).filter((i): i is ListItem => i !== undefined);
      const span = trimSpan(text, p.start, p.end);
      const firstItem = items.length ? items[0].start : span.end;
      const list: ListInfo = { name: '', nameSource: 'none', inFooter: p.inFooter, start: span.start, end: span.end, items };
      const cap = caption(text, headings, p.scopes, prevEnd, firstItem);
      if (cap) {
        Object.assign(list, { name: cap.text, nameSource: 'caption', nameStart: cap.start, nameEnd: cap.end });
      } else if (breadcrumb?.column) {
        const c = breadcrumb.column;
        Object.assign(list, { name: c.text, nameSource: 'breadcrumb', nameStart: c.start, nameEnd: c.end });
      } else if (pageName) {
        Object.assign(list, { name: pageName, nameSource: 'title' });
      }
      out.push(list);
      // Nested lists are excluded, so lists do not overlap: a later list's caption lies after this one.
      if (p.end > prevEnd) prevEnd = p.end;
    }
    return out;
  }
}

/** The children that are the container's items: the largest group of one signature, if it repeats. */
function pickItems(children: Summary[]): Summary[] | undefined {
  const groups = new Map<string, Summary[]>();
  for (const c of children) {
    if (c.hasList || c.linkEnd - c.linkMark > MAX_ITEM_LINKS) continue;
    const g = groups.get(c.sig);
    if (g) g.push(c);
    else groups.set(c.sig, [c]);
  }
  let best: Summary[] | undefined;
  for (const g of groups.values()) {
    // One li is a list of one; one table row is a layout wrapper (old sites wrap each item in its own table).
    const enough = g.length >= 2 || (g[0].tag !== 'TR' && ITEM_TAGS.has(g[0].tag));
    if (enough && (!best || g.length > best.length)) best = g;
  }
  return best;
}

function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/** An item: its main link (longest text), its date (see itemDate), its trimmed range. */
function toItem(s: Summary, text: string, links: readonly LinkInfo[], dates: readonly FoundDate[]): ListItem | undefined {
  const { start, end } = trimSpan(text, s.start, s.end);
  if (end <= start) return undefined;
  let link: LinkInfo | undefined;
  for (let i = s.linkMark; i < s.linkEnd; i++) {
    const l = links[i];
    if (!link || l.text.length > link.text.length) link = l;
  }
  if (!link) return undefined;
  const item: ListItem = { href: link.href, text: link.text, start, end };
  const date = itemDate(text, start, end, link, dates);
  if (date) item.date = date;
  return item;
}

/**
 * The item's date: the last date outside the title link (its own cell or span); else a date the link
 * text begins or ends with ("[11-20] 标题", "标题（2026-11-20）"). A date inside a title
 * (关于2026年12月1日起实施…的通知) is the subject, not the item's date.
 */
function itemDate(text: string, start: number, end: number, link: LinkInfo, dates: readonly FoundDate[]): ListItemDate | undefined {
  // First date starting at or after `start` (dates are in text order).
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  const ls = link.start ?? -1;
  const le = link.end ?? -1;
  let edge: ListItemDate | undefined;
  let outside: ListItemDate | undefined;
  for (let i = lo; i < dates.length && dates[i].end <= end; i++) {
    const { date, start: ds, end: de } = dates[i];
    const dated = { date, start: ds, end: de };
    if (ds >= ls && de <= le) {
      if (/^[\s[【（(〔]*$/.test(text.slice(ls, ds)) || /^[\s\]】）)〕]*$/.test(text.slice(de, le))) edge = dated;
    } else {
      outside = dated;
    }
  }
  return outside ?? edge;
}

/** Leading and trailing decoration of a caption: bullets, bars, the 更多 link. */
const CAPTION_TRIM_START = /^[\s■□●○◆◇▶►▪·•|｜>»＞【\]]+/;
const CAPTION_TRIM_END = /(?:\s*(?:更多|查看更多|more|MORE|More)?\s*[>»＞+]*\s*)$|[\s】[]+$/;

/** The caption text of a heading element's range: its first line without decoration, if it reads as a name. */
function captionText(text: string, h: Span): { text: string; start: number; end: number } | undefined {
  let s = h.start;
  let e = h.end;
  const raw = text.slice(s, e);
  // The first non-empty line that is not the 更多 link itself.
  let offset = 0;
  for (const line of raw.split('\n')) {
    const t = line.trim();
    if (t && !MORE_LINK.test(t)) {
      s = h.start + offset;
      e = s + line.length;
      break;
    }
    offset += line.length + 1;
    if (offset >= raw.length) return undefined;
  }
  let name = text.slice(s, e);
  const lead = CAPTION_TRIM_START.exec(name)?.[0].length ?? 0;
  name = name.slice(lead);
  s += lead;
  name = name.replace(CAPTION_TRIM_END, '');
  e = s + name.length;
  if (!name || name.length > MAX_NAME || !/[\p{Script=Han}A-Za-z]/u.test(name)) return undefined;
  return { text: name, start: s, end: e };
}

/**
 * The list's column name: the nearest heading (h1–h6, caption, strong/b, .title/.tit/.hd/.bt…, or the text
 * before a 更多 link in its box) that ends before the first item and lies inside the list itself, else its
 * parent, else up to CAPTION_LEVELS ancestors — never before the previous list (a box without a caption
 * must not borrow the caption of the box before it).
 */
function caption(text: string, headings: Span[], scopes: number[], floor: number, end: number): { text: string; start: number; end: number } | undefined {
  // Headings are sorted by start; skip those starting at or after `end` (binary search).
  let lo = 0;
  let hi = headings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (headings[mid].start < end) lo = mid + 1;
    else hi = mid;
  }
  for (const scope of scopes) {
    const lower = Math.max(scope, floor);
    // Nearest first: the heading that starts last (and among equal starts the shortest: the text before 更多).
    for (let i = lo - 1; i >= 0; i--) {
      const h = headings[i];
      if (h.start < lower) break;
      if (h.end > end) continue;
      const c = captionText(text, h);
      if (c) return c;
    }
  }
  return undefined;
}
