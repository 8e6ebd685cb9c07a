import type { TextModel } from '../engine/types';

/**
 * What a page is, in the reviewers' terms, from its URL, its breadcrumb (当前位置) and its <title>:
 * the home page (首页, judged on all its blocks), a column page (栏目页, one list), an article page.
 * Plain text heuristics, no DOM: the checks call them on the serialized model.
 */

/** A piece of text with its range in model.text. */
export interface TextSpan {
  text: string;
  start: number;
  end: number;
}

/** A page's breadcrumb (当前位置), read from the text: the path of names down to the page and the column it ends in. */
export interface Breadcrumb {
  /** The names on the path, in order (首页, 信息公开, 通知公告). */
  segments: TextSpan[];
  /** The page's column: the last segment, skipping a trailing 正文/详情 of an article page. */
  column?: TextSpan;
  /** The breadcrumb names the home page alone (当前位置：首页). */
  isHome: boolean;
}

const BREADCRUMB_LABEL = /(?:当前位置|您现在的位置|您现在所在的位置|您的位置|您当前的位置|现在的位置|所在位置|当前的位置)\s*(?:是)?\s*[:：]?/;
const BREADCRUMB_SEPARATOR = /\s*(?:>>|->|-->|>|»|＞|›|→|\/|\\)\s*/g;
const HOME_NAMES = new Set(['首页', '网站首页', '主页', '门户首页']);
/** A trailing segment naming the article view, not a column. */
const ARTICLE_SEGMENT = /^(?:正文|详情|内容|详细内容|信息详情|文章详情|浏览|阅读)$/;

/**
 * The breadcrumb printed after 当前位置：/您现在的位置：, on the same line (or the next when the label
 * stands alone). Segments are split at >, >>, », ＞, →, /.
 */
export function findBreadcrumb(text: string): Breadcrumb | undefined {
  const m = BREADCRUMB_LABEL.exec(text);
  if (!m) return undefined;
  let from = m.index + m[0].length;
  let lineEnd = text.indexOf('\n', from);
  if (lineEnd < 0) lineEnd = text.length;
  if (!text.slice(from, lineEnd).trim()) {
    from = lineEnd + 1;
    lineEnd = text.indexOf('\n', from);
    if (lineEnd < 0) lineEnd = text.length;
  }
  const line = text.slice(from, lineEnd);
  const segments: TextSpan[] = [];
  let at = 0;
  const push = (endAt: number) => {
    const raw = line.slice(at, endAt);
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (t) segments.push({ text: t, start: from + at + lead, end: from + at + lead + t.length });
  };
  BREADCRUMB_SEPARATOR.lastIndex = 0;
  for (let s = BREADCRUMB_SEPARATOR.exec(line); s; s = BREADCRUMB_SEPARATOR.exec(line)) {
    push(s.index);
    at = s.index + s[0].length;
  }
  push(line.length);
  // A breadcrumb is a handful of short names; a long line is running text that mentions 当前位置.
  if (!segments.length || segments.length > 8 || segments.some((s) => s.text.length > 30)) return undefined;
  let i = segments.length - 1;
  while (i > 0 && ARTICLE_SEGMENT.test(segments[i].text)) i--;
  const column = segments[i];
  return { segments, column, isHome: segments.every((s) => HOME_NAMES.has(s.text)) };
}

/** The column named by a <title> such as 通知公告_云岭县人民政府 or 工作动态 - 某某局: its first part. */
export function titleColumnName(title: string): string {
  const first = title.split(/\s*[_|｜—–]+\s*|\s+-\s+|-/).find((s) => s.trim());
  return (first ?? '').trim();
}

/** Paths of a site's root page. */
const ROOT_PATH = /^\/(?:(?:index|default|home|main)\.(?:s?html?|jsp|php|aspx?))?$/i;

/**
 * The site's home page: the root URL (/, /index.html, /index.shtml, /default.aspx…) of an http(s) site, or a
 * breadcrumb naming 首页 alone (a saved home page scanned from a file).
 */
export function isHomePage(model: Pick<TextModel, 'url' | 'text'>): boolean {
  try {
    const u = new URL(model.url);
    if ((u.protocol === 'http:' || u.protocol === 'https:') && ROOT_PATH.test(u.pathname)) return true;
  } catch {
    // Not a URL (a test model): fall through to the breadcrumb.
  }
  return findBreadcrumb(model.text)?.isHome ?? false;
}

/** Non-space characters of main text that make a page an article (a three-line notice is about 150). */
const MIN_MAIN = 150;
/** A list whose items hold this share of the main text makes the page a list page. */
const LIST_SHARE = 0.5;

const nonSpace = (s: string) => s.replace(/\s+/g, '').length;

/**
 * Non-space characters of the main text that are not the footer's: on a nearly empty page (a column showing
 * 暂无信息) Readability may take the footer for the content, and a long footer is no article.
 */
function mainWithoutFooter(model: TextModel): number {
  const main = model.main?.text ?? '';
  let length = nonSpace(main);
  if (!model.footer) return length;
  const lines = new Set(
    model.text
      .slice(model.footer.start, model.footer.end)
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.length >= 4),
  );
  for (const line of lines) if (main.includes(line)) length -= nonSpace(line);
  return length;
}

/**
 * An article page: Readability found a main text of at least MIN_MAIN non-space characters, no list outside
 * the footer makes up half of it (a column page's "main text" is its list), and it is not the home page.
 */
export function isArticlePage(model: TextModel): boolean {
  if (!model.main || isHomePage(model)) return false;
  const mainLength = mainWithoutFooter(model);
  if (mainLength < MIN_MAIN) return false;
  for (const list of model.lists ?? []) {
    if (list.inFooter || list.items.length < 2) continue;
    let itemText = 0;
    for (const item of list.items) itemText += nonSpace(model.text.slice(item.start, item.end));
    if (itemText >= mainLength * LIST_SHARE) return false;
  }
  return true;
}
