/**
 * Which URLs a sweep crawls: pages of the site's own host (and its www twin), http(s), no downloads, no traps.
 * Traps are what makes a crawler run forever on a government site: calendars whose previous/next links never end,
 * session ids that make every link new, search and query pages with endless parameter combinations.
 */

/** Paths of files a sweep checks as links but never parses as pages. */
const FILE_PATH = /\.(?:pdf|docx?|xlsx?|pptx?|wps|et|zip|rar|7z|gz|tar|jpe?g|png|gif|bmp|webp|svg|ico|mp[34]|avi|mov|wmv|flv|exe|apk|txt|xml|css|js|json)$/i;
/** Session ids in paths or queries (;jsessionid=…, ?sid=…, PHPSESSID). */
const SESSION = /;jsessionid=[^/?#]*|[?&](?:jsessionid|phpsessid|sid|sessionid|session_id|aspsessionid\w*)=[^&#]*/gi;
/** Calendar widgets: a month or a day in the query, or a calendar path. */
const CALENDAR = /(?:calendar|rili|\/cal\/|[?&](?:month|year|date|day|ym|rq)=\d{4}[-/]?\d{0,2})/i;
/** Pages that search or filter (endless combinations), print views and log-ins. */
const ENDLESS = /\/(?:search|jsearch|was5|s|login|logout|print|rss)(?:[/.?]|$)|[?&](?:keyword|searchword|q|page_?size|order|sort)=/i;
/** Distinct queries of one path followed at most (a column's own pagination ?page=2 … stays within it). */
export const MAX_QUERIES_PER_PATH = 20;

/** The URL as the frontier keys it: absolute, no fragment, no session id. Undefined when it is not http(s). */
export function normalizeUrl(href: string, base?: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  url.username = '';
  url.password = '';
  const cleaned = url.href.replace(SESSION, (m) => (m.startsWith('?') ? '?' : ''));
  return cleaned.replace(/\?&/, '?').replace(/\?$/, '');
}

/** The host and its www twin, lower-cased. */
export function siteHosts(homeUrl: string): Set<string> {
  const host = new URL(homeUrl).hostname.toLowerCase();
  const twin = host.startsWith('www.') ? host.slice(4) : `www.${host}`;
  return new Set([host, twin]);
}

/** Whether the sweep may fetch and parse this URL as a page of the site (not whether it may check it as a link). */
export function isCrawlable(url: string, hosts: ReadonlySet<string>): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (!hosts.has(u.hostname.toLowerCase())) return false;
  if (FILE_PATH.test(u.pathname)) return false;
  if (CALENDAR.test(u.pathname + u.search) || ENDLESS.test(u.pathname + u.search)) return false;
  return true;
}

/** Counts distinct queries per path, so that one path cannot fill the frontier with its parameters. */
export class QueryBudget {
  private readonly seen = new Map<string, Set<string>>();

  /** Whether this URL's query is within its path's budget (the first MAX_QUERIES_PER_PATH distinct queries are). */
  allow(url: string): boolean {
    const u = new URL(url);
    if (!u.search) return true;
    const key = u.origin + u.pathname;
    const queries = this.seen.get(key) ?? new Set<string>();
    this.seen.set(key, queries);
    if (queries.has(u.search)) return true;
    if (queries.size >= MAX_QUERIES_PER_PATH) return false;
    queries.add(u.search);
    return true;
  }
}
