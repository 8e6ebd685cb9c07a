/**
 * The sites of `npm run crawl`: one URL, or a sites.csv with the columns 网站名称, 网址, 网站标识码 (the ledger's
 * site list; in any order, found by their header, or in that order when the file has no header). Read as
 * spreadsheets save it: UTF-8 with or without a BOM, GBK/GB18030 (Excel's "CSV" on a Chinese Windows), UTF-16
 * with a BOM (Excel's "Unicode text", tab-separated); RFC 4180 quoting, comma, semicolon or tab separated.
 * A line that cannot be swept (no URL, not http(s), a duplicate) is a `SkippedLine` with its reason; the others go on.
 */
import { readFile, stat } from 'node:fs/promises';
import { normalizeUrl, siteHosts } from '../lib/sweep/scope';
import type { SweepSite } from '../lib/sweep/types';
import { InputError } from './errors';

/** A site to sweep and the sites.csv line it came from (0 for a URL given on the command line). */
export interface CrawlSite {
  line: number;
  site: SweepSite;
  /** The normalized home URL: the site's key in the state. */
  key: string;
  /** The output folder's name under --out. */
  slug: string;
}

/** A sites.csv line that is not swept, and why (in the reviewer's words). */
export interface SkippedLine {
  line: number;
  name: string;
  url: string;
  reason: string;
}

/** The sites of a sites.csv (or one URL), and the lines that could not be used. */
export interface SiteList {
  sites: CrawlSite[];
  skipped: SkippedLine[];
}

/** Largest sites.csv read (a province's sites are a few thousand lines). */
const MAX_CSV_BYTES = 20 * 1024 * 1024;

/** Header names of each column (the ledger's own first; what spreadsheets in the field call them after). */
const HEADERS = {
  name: ['网站名称', '名称', '网站', '站点名称', 'name'],
  url: ['网址', '网站网址', '网站地址', '首页网址', '首页地址', '网站首页', '首页', '域名', 'url', 'homeurl'],
  code: ['网站标识码', '标识码', '网站标识', 'sitecode', 'code'],
} as const;

/** Bytes of a CSV as text: UTF-16 by its BOM, UTF-8 (BOM dropped), else GB18030 (a superset of GBK and GB2312). */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** The separator of a CSV: the one of comma, tab and semicolon its first line holds most of (outside quotes). */
function separatorOf(text: string): string {
  const first = text.slice(0, text.search(/\r?\n|$/)).replace(/"[^"]*"/g, '');
  const count = (c: string) => first.split(c).length - 1;
  return [',', '\t', ';'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
}

/** RFC 4180 rows (quoted cells may hold separators, quotes as "" and line breaks), each with its first line number. */
export function parseCsv(text: string, sep = separatorOf(text)): Array<{ line: number; cells: string[] }> {
  const rows: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim())) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && !cell.trim()) {
      quoted = true;
      cell = '';
    } else if (c === sep) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (cell || cells.length) endRow();
  return rows;
}

const clean = (s: string | undefined) => (s ?? '').replace(/^\uFEFF/, '').trim();
const headerKey = (s: string) =>
  clean(s)
    .toLowerCase()
    .replace(/[\s_（）()*：:]/g, '');

/** A bare host (www.example.gov.cn, example.gov.cn:8080/path) as spreadsheets often hold a site's address. */
const BARE_HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d+)?(\/\S*)?$/i;

/** The home URL of a cell, or why it is none. */
export function siteUrlOf(raw: string): { url: string } | { reason: string } {
  const value = raw.trim();
  if (!value) return { reason: '没有网址' };
  const candidate = /^https?:\/\//i.test(value) ? value : BARE_HOST.test(value) ? `http://${value}` : undefined;
  const url = candidate === undefined ? undefined : normalizeUrl(candidate);
  return url ? { url } : { reason: `网址不是 http(s) 地址：${value}` };
}

/** A folder name for a site's output: its 网站标识码, else its host (and port). */
function slugOf(site: SweepSite, url: string): string {
  const code = (site.siteCode ?? '').replace(/[^\w.-]/g, '');
  if (code) return code;
  const u = new URL(url);
  return `${u.hostname}${u.port ? `_${u.port}` : ''}`.replace(/[^\w.-]/g, '_');
}

/** Gives each site its folder (a second site of one slug gets -2, -3 …) and turns away a URL seen on an earlier line. */
function assemble(entries: Array<{ line: number; name: string; url: string; code: string }>, skipped: SkippedLine[]): CrawlSite[] {
  const sites: CrawlSite[] = [];
  const byKey = new Map<string, number>();
  const slugs = new Set<string>();
  for (const e of entries) {
    const parsed = siteUrlOf(e.url);
    if ('reason' in parsed) {
      skipped.push({ line: e.line, name: e.name, url: e.url, reason: parsed.reason });
      continue;
    }
    const earlier = byKey.get(parsed.url);
    if (earlier !== undefined) {
      skipped.push({ line: e.line, name: e.name, url: e.url, reason: `与第 ${earlier} 行网址重复` });
      continue;
    }
    byKey.set(parsed.url, e.line);
    const site: SweepSite = { name: e.name, url: parsed.url, ...(e.code && { siteCode: e.code }) };
    const base = slugOf(site, parsed.url);
    let slug = base;
    for (let n = 2; slugs.has(slug.toLowerCase()); n++) slug = `${base}-${n}`;
    slugs.add(slug.toLowerCase());
    sites.push({ line: e.line, site, key: parsed.url, slug });
  }
  return sites;
}

/** The sites of a sites.csv's text. An InputError when it has no 网址 column it can find. */
export function sitesFromCsv(text: string, file = 'sites.csv'): SiteList {
  const rows = parseCsv(text);
  if (!rows.length) throw new InputError(`${file} is empty`);
  const header = rows[0].cells.map(headerKey);
  const find = (names: readonly string[]) => header.findIndex((h) => names.includes(h));
  let cols = { name: find(HEADERS.name), url: find(HEADERS.url), code: find(HEADERS.code) };
  let body = rows.slice(1);
  if (cols.url < 0) {
    // No header naming the 网址 column: a file of bare lines in the ledger's order (网站名称, 网址, 网站标识码).
    const looksLikeData = rows[0].cells.some((c) => /^https?:\/\//i.test(clean(c)));
    if (!looksLikeData) {
      throw new InputError(`${file} has no 网址 column (its header should read 网站名称,网址,网站标识码; got "${rows[0].cells.map(clean).join(',')}")`);
    }
    cols = { name: 0, url: 1, code: 2 };
    body = rows;
  }
  const skipped: SkippedLine[] = [];
  const entries = body.map(({ line, cells }) => ({
    line,
    // A name wrapped over lines in its cell is one name.
    name: cols.name >= 0 ? clean(cells[cols.name]).replace(/\s*[\r\n]+\s*/g, '') : '',
    url: clean(cells[cols.url]),
    code: cols.code >= 0 ? clean(cells[cols.code]) : '',
  }));
  return { sites: assemble(entries, skipped), skipped };
}

/**
 * The sites of the crawl's target: an http(s) URL (one site, named later by its home page's title), or a file,
 * read as a sites.csv. An InputError when the target is neither, the file cannot be read, or it lists no site.
 */
export async function readSites(target: string): Promise<SiteList> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    const parsed = siteUrlOf(target);
    if ('reason' in parsed) throw new InputError(parsed.reason);
    return { sites: assemble([{ line: 0, name: '', url: parsed.url, code: '' }], []), skipped: [] };
  }
  let bytes: Uint8Array;
  try {
    const info = await stat(target);
    if (info.isDirectory()) throw new InputError(`${target} is a folder; give a sites.csv file or a URL`);
    if (info.size > MAX_CSV_BYTES) throw new InputError(`${target} is too large (${Math.round(info.size / 2 ** 20)} MB)`);
    bytes = await readFile(target);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${target} is neither an http(s) URL nor a sites.csv file that exists`);
    throw new InputError(`cannot read ${target}: ${code ?? 'unreadable'}`);
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new InputError(`${target} is a workbook (.xlsx), not a CSV: save it as CSV (逗号分隔) first`);
  }
  const list = sitesFromCsv(decodeCsv(bytes), target);
  if (!list.sites.length) {
    const why = list.skipped.map((s) => `第 ${s.line} 行${s.reason}`).join('；');
    throw new InputError(`${target} lists no site to sweep${why ? `（${why}）` : ''}`);
  }
  return list;
}

/** Whether two sites share a host (they are then swept one after the other, never together). */
export function shareHost(a: CrawlSite, b: CrawlSite): boolean {
  const hb = siteHosts(b.key);
  return [...siteHosts(a.key)].some((h) => hb.has(h));
}
