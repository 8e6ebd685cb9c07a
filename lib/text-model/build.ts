import { Readability } from '@mozilla/readability';
import type { ImageInfo, LinkInfo, ScriptInfo, TextModel } from '../engine/types';
import { type DateReference, readNewMedia } from '../newmedia';
import { ListCollector } from './lists';
import { findPublishDate } from './publish-date';
import { findSearchEntries } from './search-entries';
import { foldTraditional, isTraditionalText } from '../text/traditional';

/** Elements whose text never shows. */
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'HEAD',
  'TITLE',
  'META',
  'LINK',
  'SVG',
  'CANVAS',
  'IFRAME',
  'FRAME',
  'OBJECT',
  'SELECT',
  'TEXTAREA',
]);
/** Elements that break a line: a '\n' is inserted before and after their text so cells never run together. */
const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'CAPTION',
  'CENTER',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
  'BODY',
  'HTML',
  'OPTION',
  'LEGEND',
  'DETAILS',
  'SUMMARY',
  'DIALOG',
]);

/** Footer (页面底部功能区) containers: <footer>, or id/class naming the foot of the page. */
const FOOTER_HINT = /(^|[\s_-])(foot(er)?|bottom|copyright|copy|banquan|dibu|bq)([\s_-]|\d|$)/i;

/** Text node → its [start, end) in model.text. Kept by the content script to turn offsets into DOM Ranges. */
export interface TextNodeMap {
  nodes: Text[];
  starts: number[];
}

/** How to build a text model: the page's URL, whether it is the top frame, visibility, Readability. */
export interface BuildOptions {
  url?: string;
  isTopFrame?: boolean;
  /**
   * Visibility of an element. The content script passes one based on Element.checkVisibility;
   * the default (Node, no layout) reads the hidden attribute and inline display/visibility.
   */
  isVisible?: (el: Element) => boolean;
  /** Run Readability on a clone for the main content (default true). */
  readability?: boolean;
  /**
   * The charset the document was decoded from (the CLI's decoder knows it; a live page's is
   * document.characterSet, read when this is absent). A search form submits in it.
   */
  charset?: string;
  /**
   * The review date (and time) a 政务新媒体 page's relative and year-less post times (3天前, 11-18) are resolved
   * against into NewMediaPost.date; without it only full dates are, and the checks resolve the rest.
   */
  newMediaReference?: DateReference;
}

/** Visibility from attributes and inline styles only (no layout): what Node and linkedom can tell. */
export function staticVisibility(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return false;
  // A WeChat article's body is sent hidden (style="visibility: hidden") and shown by the page's script, which
  // no scan without scripts runs: read as the reader sees it.
  if (el.id === 'js_content') return true;
  const style = (el.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '');
  return !/display:none|visibility:hidden/.test(style);
}

function isFooterElement(el: Element): boolean {
  if (el.tagName === 'FOOTER') return true;
  const id = el.getAttribute('id') ?? '';
  const cls = el.getAttribute('class') ?? '';
  return FOOTER_HINT.test(id) || FOOTER_HINT.test(cls);
}

/** Longest inline script text searched for loader URLs (hostile pages inline megabytes). */
const INLINE_SCRIPT_SCAN = 20_000;
const SCRIPT_URL_RE = /(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}(?::\d+)?\/[^\s'"<>()\\]*\.js\b[^\s'"<>()\\]*/gi;

/**
 * URLs of scripts an inline script loads, e.g. the conac badge written by
 * `document.write(unescape("%3Cscript src='https://dcs.conac.cn/js/…'%3E"))`: a reviewer counts the
 * badge as hung, and a scan that runs no page scripts (the CLI) must see it too. Never executes anything.
 */
function inlineScriptUrls(code: string): string[] {
  let text = code.length > INLINE_SCRIPT_SCAN ? code.slice(0, INLINE_SCRIPT_SCAN) : code;
  text = text.replace(/%([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return [...new Set(text.match(SCRIPT_URL_RE) ?? [])];
}

/** Whether `href` points at a fragment of the page at `pageUrl` (same URL but for the #fragment). */
export function isPageFragment(href: string, pageUrl: string): boolean {
  const hash = href.indexOf('#');
  if (hash === -1 || hash === href.length - 1) return false;
  const page = pageUrl.indexOf('#') === -1 ? pageUrl : pageUrl.slice(0, pageUrl.indexOf('#'));
  return href.slice(0, hash) === page;
}

function absolute(raw: string, base: string): string {
  try {
    return new URL(raw, base).href;
  } catch {
    return raw;
  }
}

/**
 * Builds the text model of a document once: visible text with a map back to its text nodes,
 * the title, links, images and scripts (for the identification and link checks), the footer
 * range, the main content (Readability on a clone) and the publish date printed in the page.
 * Runs on a live page (content script) and on linkedom in Node alike.
 */
export function buildTextModel(doc: Document, opts: BuildOptions = {}): { model: TextModel; map: TextNodeMap } {
  const url = opts.url ?? doc.location?.href ?? doc.URL ?? '';
  const base = doc.baseURI && doc.baseURI !== 'about:blank' ? doc.baseURI : url;
  const isVisible = opts.isVisible ?? staticVisibility;
  const parts: string[] = [];
  let length = 0;
  const map: TextNodeMap = { nodes: [], starts: [] };
  const links: LinkInfo[] = [];
  const images: ImageInfo[] = [];
  const scripts: ScriptInfo[] = [];
  let footer: { start: number; end: number } | undefined;
  let lastChar = '\n';
  const lists = new ListCollector();

  const push = (s: string) => {
    parts.push(s);
    length += s.length;
    lastChar = s[s.length - 1];
  };
  const breakLine = () => {
    if (lastChar !== '\n') push('\n');
  };

  for (const s of Array.from(doc.querySelectorAll('script'))) {
    const attrs: Record<string, string> = {};
    for (const a of Array.from(s.attributes)) attrs[a.name.toLowerCase()] = a.value;
    const src = s.getAttribute('src');
    if (src) scripts.push({ src: absolute(src, base), id: s.id ?? '', attrs });
    else
      for (const url of inlineScriptUrls(s.textContent ?? ''))
        scripts.push({ src: absolute(url, base), id: '', attrs: { ...attrs, 'data-govreview-inline': '' } });
  }

  const charset = (opts.charset ?? doc.characterSet ?? 'utf-8').toLowerCase();
  const searchFound = findSearchEntries(doc, base, charset);
  const searchOf = new Map(searchFound.map((s) => [s.el, s.entry]));
  const searchStarts = new Map<Element, number>();

  // Iterative walk (deep pages must not overflow the stack).
  const root = doc.body ?? doc.documentElement;
  if (root) {
    type Frame = { el: Element; child: ChildNode | null; inFooter: boolean; link?: LinkInfo; footerStart?: number };
    const stack: Frame[] = [];
    const enter = (el: Element, inFooter: boolean, link?: LinkInfo, linkMark = links.length): void => {
      const footerHere = !inFooter && isFooterElement(el);
      if (BLOCK.has(el.tagName)) breakLine();
      if (searchOf.has(el)) searchStarts.set(el, length);
      stack.push({ el, child: el.firstChild, inFooter: inFooter || footerHere, link, footerStart: footerHere ? length : undefined });
      lists.enter(el, length, linkMark, inFooter || footerHere, linkMark < links.length ? link : undefined);
    };
    enter(root, false);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const node = top.child;
      if (!node) {
        stack.pop();
        lists.exit(length, links.length);
        const search = searchOf.get(top.el);
        const searchStart = searchStarts.get(top.el);
        if (search && searchStart !== undefined && length > searchStart) {
          // The entry's visible text, without the line breaks around it.
          const raw = parts.join('').slice(searchStart);
          const lead = raw.length - raw.trimStart().length;
          const trail = raw.length - raw.trimEnd().length;
          if (raw.trim()) {
            search.start = searchStart + lead;
            search.end = length - trail;
          }
        }
        if (BLOCK.has(top.el.tagName)) breakLine();
        if (top.link && top.link.start !== undefined) {
          if (length > top.link.start) top.link.end = length;
          else delete top.link.start;
        }
        if (top.footerStart !== undefined && !footer && length > top.footerStart) {
          footer = { start: top.footerStart, end: length };
        } else if (top.footerStart !== undefined && footer && length > top.footerStart) {
          // Several footer-like blocks: keep the last one that starts below the first (page bottom).
          if (top.footerStart >= footer.end) footer = { start: footer.start, end: length };
        }
        continue;
      }
      top.child = node.nextSibling;
      if (node.nodeType === 3) {
        const data = (node as Text).data;
        if (data.length === 0) continue;
        // Whitespace-only nodes between blocks carry no text; keep them inside inline runs.
        if (!data.trim() && lastChar === '\n') continue;
        map.nodes.push(node as Text);
        map.starts.push(length);
        push(data);
        continue;
      }
      if (node.nodeType !== 1) continue;
      const el = node as Element;
      const tag = el.tagName.toUpperCase();
      if (tag === 'IMG') {
        const img: ImageInfo = {
          src: absolute(el.getAttribute('src') ?? '', base),
          alt: el.getAttribute('alt') ?? '',
          inFooter: top.inFooter,
        };
        const title = el.getAttribute('title');
        if (title) img.title = title;
        if (top.link) img.linkHref = top.link.href;
        images.push(img);
        continue;
      }
      if (tag === 'BR') {
        push('\n');
        continue;
      }
      if (SKIP.has(tag) || !isVisible(el)) continue;
      let link = top.link;
      const linkMark = links.length;
      if (tag === 'A' && el.hasAttribute('href')) {
        const rawHref = el.getAttribute('href') ?? '';
        link = { href: absolute(rawHref, base), rawHref, text: (el.textContent ?? '').trim(), inFooter: top.inFooter, start: length };
        const title = el.getAttribute('title');
        if (title) link.title = title;
        links.push(link);
      }
      enter(el, top.inFooter, link, linkMark);
    }
  }

  // A page written in traditional characters (a 繁體 version of a site) is read folded back to simplified,
  // one character for one (lib/text/traditional.ts): its labels, terms and formulations are the simplified
  // site's, and every offset stays the page's own.
  const raw = parts.join('');
  const traditional = isTraditionalText(raw);
  const fold = traditional ? foldTraditional : (s: string) => s;
  const text = fold(raw);
  if (traditional) {
    for (const l of links) {
      l.text = fold(l.text);
      if (l.title) l.title = fold(l.title);
    }
    for (const img of images) {
      img.alt = fold(img.alt);
      if (img.title) img.title = fold(img.title);
    }
  }
  const title = (doc.title ?? '').trim();
  const model: TextModel = {
    url,
    title: fold(title),
    text,
    isTopFrame: opts.isTopFrame ?? true,
    links,
    images,
    scripts,
    source: 'html',
    charset,
  };
  if (traditional) {
    model.traditional = true;
    model.written = raw;
    model.writtenTitle = title;
  }
  if (searchFound.length) model.searches = searchFound.map((s) => s.entry);
  const lang = doc.documentElement?.getAttribute('lang');
  if (lang) model.lang = lang;
  if (footer) model.footer = footer;
  const found = lists.finish(text, links, model.title);
  if (found.length) model.lists = found;
  if (links.some((l) => isPageFragment(l.href, url))) {
    const anchors = new Set<string>();
    for (const el of Array.from(doc.querySelectorAll('[id], a[name]'))) {
      const id = el.getAttribute('id');
      if (id) anchors.add(id);
      const name = el.tagName.toUpperCase() === 'A' ? el.getAttribute('name') : null;
      if (name) anchors.add(name);
    }
    model.anchors = [...anchors];
  }
  // 政务新媒体 pages (lib/newmedia/): the account and its posts, each post's date text placed in `text`.
  const newMedia = readNewMedia(doc, { url, text, map, reference: opts.newMediaReference });
  if (newMedia) model.newMedia = newMedia;
  const publishDate = findPublishDate(text);
  if (publishDate) model.publishDate = publishDate;
  if (opts.readability !== false) {
    const main = readMain(doc);
    if (main) model.main = traditional ? { ...main, title: fold(main.title), text: fold(main.text) } : main;
  }
  return { model, map };
}

function readMain(doc: Document): TextModel['main'] | undefined {
  try {
    const clone = doc.cloneNode(true) as Document;
    const article = new Readability(clone, { charThreshold: 100 }).parse();
    if (!article?.textContent) return undefined;
    const main: NonNullable<TextModel['main']> = { title: article.title ?? '', text: article.textContent.trim() };
    if (article.byline) main.byline = article.byline;
    return main;
  } catch {
    // Readability is a heuristic on hostile markup; a page without a readable article still scans.
    return undefined;
  }
}
