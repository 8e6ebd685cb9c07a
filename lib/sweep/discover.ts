/**
 * What a sweep follows from a page: the site's columns from its home page (the navigation, the caption and 更多
 * links of its column blocks, the 网站地图 page) and the newest articles of a column page. Read from the parsed
 * document and its text model; nothing is fetched here.
 */
import type { TextModel } from '../engine/types';
import { resolveDate } from '../text-model/dates';
import { normalizeUrl } from './scope';

/** A link to follow, with the name it goes by. */
export interface FoundLink {
  url: string;
  name: string;
}

/** A column's name as links show it: a few Han characters (工作动态, 通知公告, 政策文件解读). */
const COLUMN_NAME = /^[\p{Script=Han}（）()·、]{2,12}$/u;
/** Link texts that are no column: the home page, the site's own services, language and accessibility switches. */
const NOT_A_COLUMN =
  /^(?:首页|网站首页|主页|返回首页|设为首页|加入收藏|无障碍浏览|繁体|简体|繁體|English|联系我们|网站地图|登录|注册|更多|下一页|上一页|尾页|末页)$/;
/** A 更多 link: 更多, more, >>, 更多>>. */
const MORE = /^(?:更多|more|查看更多|更多信息)?\s*(?:>>|»|>|＞＞|》)?$/i;
/** A link to the site map (网站地图). */
const SITEMAP = /网站地图|站点地图|sitemap/i;
/** Navigation containers by tag, id or class. */
const NAV_SELECTOR = 'nav a[href], [class*="nav"] a[href], [id*="nav"] a[href], [class*="menu"] a[href], [id*="menu"] a[href]';

const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, '');

function push(out: Map<string, FoundLink>, href: string | null, base: string, name: string): void {
  const url = href ? normalizeUrl(href, base) : undefined;
  if (!url || out.has(url) || url === normalizeUrl(base)) return;
  out.set(url, { url, name });
}

/** The caption of the block an element sits in: the first heading or title-like element before the list. */
function captionOf(el: Element): string {
  for (let block: Element | null = el.parentElement, depth = 0; block && depth < 4; block = block.parentElement, depth++) {
    const head = block.querySelector('h1, h2, h3, h4, [class*="title"], [class*="tit"], [class*="hd"]');
    const name = head ? text(head).replace(/更多.*$|more.*$|>>.*$/i, '') : '';
    if (COLUMN_NAME.test(name)) return name;
  }
  return '';
}

/**
 * The columns a home page links to: navigation links with a column's name, the caption link of each column
 * block, and the 更多 link of each block (named by the block's caption). In document order, each URL once.
 */
export function columnLinks(doc: Document, base: string): FoundLink[] {
  const out = new Map<string, FoundLink>();
  for (const a of Array.from(doc.querySelectorAll(NAV_SELECTOR))) {
    const name = text(a);
    if (COLUMN_NAME.test(name) && !NOT_A_COLUMN.test(name)) push(out, a.getAttribute('href'), base, name);
  }
  for (const a of Array.from(doc.querySelectorAll('a[href]'))) {
    const name = text(a);
    if (MORE.test(name) && (a.getAttribute('class') ?? '').includes('more')) push(out, a.getAttribute('href'), base, captionOf(a));
    else if (/^(?:更多|more|查看更多)/i.test(name)) push(out, a.getAttribute('href'), base, captionOf(a));
  }
  for (const h of Array.from(doc.querySelectorAll('h1 a[href], h2 a[href], h3 a[href], h4 a[href], [class*="title"] > a[href]'))) {
    const name = text(h);
    if (COLUMN_NAME.test(name) && !NOT_A_COLUMN.test(name)) push(out, h.getAttribute('href'), base, name);
  }
  return [...out.values()];
}

/** The 网站地图 page a home page links to, if any. */
export function sitemapLink(doc: Document, base: string): string | undefined {
  for (const a of Array.from(doc.querySelectorAll('a[href]'))) {
    if (SITEMAP.test(`${text(a)} ${a.getAttribute('title') ?? ''}`)) return normalizeUrl(a.getAttribute('href') ?? '', base);
  }
  return undefined;
}

/** The links of a site map page that name a column. */
export function sitemapColumns(doc: Document, base: string): FoundLink[] {
  const out = new Map<string, FoundLink>();
  for (const a of Array.from(doc.querySelectorAll('a[href]'))) {
    const name = text(a);
    if (COLUMN_NAME.test(name) && !NOT_A_COLUMN.test(name)) push(out, a.getAttribute('href'), base, name);
  }
  return [...out.values()];
}

/** A column page's next page (下一页), for a column whose first page lists nothing dated. */
export function nextPageLink(doc: Document, base: string): string | undefined {
  for (const a of Array.from(doc.querySelectorAll('a[href]'))) if (/^下一页|^next/i.test(text(a))) return normalizeUrl(a.getAttribute('href') ?? '', base);
  return undefined;
}

/**
 * The newest `n` articles a column page lists: its dated list items, newest first (undated ones after, in page
 * order), outside the footer. `today` resolves year-less dates.
 */
export function newestArticles(model: TextModel, today: string, n: number): FoundLink[] {
  const items: Array<{ url: string; name: string; date: string; order: number }> = [];
  let order = 0;
  for (const list of model.lists ?? []) {
    if (list.inFooter) continue;
    for (const item of list.items) {
      const url = normalizeUrl(item.href, model.url);
      if (!url) continue;
      const date = item.date ? (resolveDate(item.date.date, today) ?? '') : '';
      items.push({ url, name: item.text, date, order: order++ });
    }
  }
  items.sort((a, b) => (a.date === b.date ? a.order - b.order : a.date < b.date ? 1 : -1));
  const out = new Map<string, FoundLink>();
  for (const i of items) if (!out.has(i.url) && out.size < n) out.set(i.url, { url: i.url, name: i.name });
  return [...out.values()];
}

/** What a column page shows: its dated items and the newest date (for the roll-up). */
export function columnDates(model: TextModel, today: string): { items: number; newest?: string } {
  let items = 0;
  let newest: string | undefined;
  for (const list of model.lists ?? []) {
    if (list.inFooter) continue;
    for (const item of list.items) {
      const date = item.date ? resolveDate(item.date.date, today) : undefined;
      if (!date) continue;
      items++;
      if (!newest || date > newest) newest = date;
    }
  }
  return { items, ...(newest && { newest }) };
}
