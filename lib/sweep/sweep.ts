/**
 * 全站巡检: sweeps one site from its home page, in the background service worker and in Node alike (everything
 * that differs is injected: fetch, the HTML parser, the store, the checks and their resources). Discovers the
 * columns (navigation, column blocks and their 更多 links, the 网站地图 page), fetches each column page and its
 * newest articles, runs the checks on every page (with its links checked, external ones included, never crawled),
 * and keeps each page's result in the store as it completes, so that a stopped run continues where it stopped.
 * The roll-up (lib/sweep/rollup.ts) is computed from the stored results.
 */
import { runChecks } from '../engine/engine';
import type { Check, LanguageModel, Segmenter, Speller, TextModel } from '../engine/types';
import { type LinkCheckResult, LinkChecker } from '../links/link-checker';
import { request } from '../links/request';
import { isHomePath } from '../links/link-url';
import { parseRetryAfter } from '../links/retry-after';
import { resultsByUrl, linkTargets } from '../links/targets';
import { buildTextModel } from '../text-model/build';
import { decodeBytes } from '../text-model/decode';
import { isArticlePage, isHomePage } from '../text-model/page-kind';
import { columnDates, columnLinks, newestArticles, nextPageLink, sitemapColumns, sitemapLink } from './discover';
import { politeFetch } from './polite-fetch';
import { isCrawlable, normalizeUrl, QueryBudget, siteHosts } from './scope';
import type { PageResult, QueueItem, SweepProgress, SweepSite, SweepStore } from './types';

/** The User-Agent a sweep sends where the runtime lets it (Node; browsers keep their own). */
export const SWEEP_USER_AGENT = 'GovReview-Sweep/0.1 (government website review; one request per page, credentials omitted)';

/** The indicators' "not open within 15 s" (站点无法访问, 链接打不开). */
export const SWEEP_TIMEOUT_MS = 15_000;

/** What the checks need besides the page (awaited once, before the first page is checked). */
export interface SweepResources {
  segmenter?: Segmenter;
  languageModel?: LanguageModel;
  speller?: Speller;
}

/** What a sweep runs with: the review date, the injected network, parser, checks and store, and its bounds. */
export interface SweepOptions {
  /** The review date (审读日期), YYYY-MM-DD: the checks count from it. */
  today: string;
  fetch: typeof fetch;
  /** Parses HTML into a document without running or loading anything (linkedom in Node and the service worker). */
  parse: (html: string) => Document;
  checks: readonly Check[];
  resources?: () => Promise<SweepResources>;
  store: SweepStore;
  /** Requests in flight per origin, page fetches and link checks together. Default 4. */
  perHost?: number;
  /** Pause between two requests to one origin, ms. Default 0. */
  delayMs?: number;
  /** Pages fetched at most (the home page, columns, articles). Default 500. */
  maxPages?: number;
  /** Newest articles fetched per column. Default 5. */
  articlesPerColumn?: number;
  /** Bytes of a page read at most; a longer page is checked on its first part and marked too-large. Default 2 MB. */
  maxBytes?: number;
  timeoutMs?: number;
  /** Wait before the one retry of a page that failed or answered 429/5xx, when the server names none. Default 1 s. */
  retryDelayMs?: number;
  userAgent?: string;
  /** Check each page's links and images (external ones included, never crawled). Default true. */
  checkLinks?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: SweepProgress) => void;
  /** After each page is stored (the CLI prints a JSON line per page). */
  onPage?: (r: PageResult) => void;
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const DEFAULTS = { retryDelayMs: 1000, perHost: 4, delayMs: 0, maxPages: 500, articlesPerColumn: 5, maxBytes: 2 * 1024 * 1024, timeoutMs: SWEEP_TIMEOUT_MS };

/** Why a request failed, in the reviewer's words. */
function failureText(failure: string, detail: string, timeoutMs: number): string {
  if (failure === 'timeout') return `${Math.round(timeoutMs / 1000)} 秒内无响应`;
  if (failure === 'dns') return '域名无法解析';
  if (failure === 'refused') return '服务器拒绝连接';
  return `网络错误（${detail}）`;
}

/**
 * What one page of a sweep needs: runSweep's options less the frontier's (the store, the page budget, progress).
 * `perHost` bounds the link checker; the per-origin cap and pause of every request are `fetch`'s own.
 */
export type PageSweepOptions = Omit<SweepOptions, 'store' | 'maxPages' | 'onProgress' | 'onPage'> & {
  /** The link checker's results by URL, kept across pages (and, in the CLI's queue mode, across workers). */
  linkCache?: Map<string, LinkCheckResult>;
};

/**
 * One page of a sweep at a time, for a caller that keeps the frontier itself: runSweep (below), and the workers of
 * the CLI's queue mode (cli/crawl-queue.ts), each of which visits the pages of a sweep that its jobs name.
 * `opts.fetch` is used as it is: the caller makes it polite (lib/sweep/polite-fetch.ts, or one shared by machines).
 */
export interface PageSweeper {
  /** The home page ended at `finalUrl` (this run, an earlier one or another worker): its host joins the site's, and it is not fetched again as a column. */
  noteHome(finalUrl: string): void;
  /**
   * Fetches, checks and discovers one page; what it leads to (on the site, off traps, not the home page again) goes
   * to `follow` before the result is returned. Never throws but when `opts.signal` aborts (a failure is the page's result).
   */
  visit(item: QueueItem, follow: (items: QueueItem[]) => Promise<void>): Promise<PageResult>;
}

/** The per-page part of a sweep of `site` (its hosts, home addresses, link checker and checks' resources), to visit pages with. */
export function pageSweeper(site: SweepSite, opts: PageSweepOptions): PageSweeper {
  const o = { ...DEFAULTS, ...opts };
  const home = normalizeUrl(site.url);
  if (!home) throw new Error(`网址不是 http(s) 地址：${site.url}`);
  const hosts = siteHosts(home);
  const links =
    o.checkLinks === false
      ? undefined
      : new LinkChecker({
          fetch: o.fetch,
          perHost: o.perHost,
          timeoutMs: o.timeoutMs,
          userAgent: o.userAgent ?? SWEEP_USER_AGENT,
          ...(o.linkCache && { cache: o.linkCache }),
        });
  const resources = o.resources ? o.resources().catch(() => ({}) as SweepResources) : Promise.resolve({} as SweepResources);
  // The addresses of the home page (as asked, and where it ended): never fetched again as a column or a site map.
  const homeAliases = new Set([home]);
  const noteHome = (finalUrl: string) => {
    for (const h of siteHosts(finalUrl)) hosts.add(h);
    homeAliases.add(finalUrl);
  };

  /** The home page under another of its addresses (/ and /index.html, where it ended after a redirect). */
  const isHomeAlias = (url: string) => {
    if (homeAliases.has(url)) return true;
    const u = new URL(url);
    return !u.search && isHomePath(u) && [...homeAliases].some((h) => new URL(h).host === u.host);
  };

  /** Fetches, checks and follows one page; never throws (a failure is the page's result). */
  const visit = async (item: QueueItem, follow: (items: QueueItem[]) => Promise<void>): Promise<PageResult> => {
    const started = Date.now();
    const base: Omit<PageResult, 'outcome'> = { url: item.url, finalUrl: item.url, kind: item.kind, column: item.column, title: '', ms: 0, findings: [] };
    const get = () =>
      request({
        url: item.url,
        method: 'GET',
        redirect: 'follow',
        timeoutMs: o.timeoutMs,
        maxBodyBytes: o.maxBytes,
        userAgent: o.userAgent ?? SWEEP_USER_AGENT,
        fetch: o.fetch,
        signal: o.signal,
      });
    let exchange = await get();
    // One retry, as the link checker does, for what may pass (a time-out, a network error, 429, 5xx): after the
    // server's Retry-After (at most 30 s) or RETRY_DELAY_MS.
    if (exchange.kind === 'failure' ? exchange.failure !== 'dns' && exchange.failure !== 'blocked-port' : exchange.status === 429 || exchange.status >= 500) {
      const after = exchange.kind === 'response' ? parseRetryAfter(exchange.headers.get('retry-after'), Date.now()) : undefined;
      await sleep(Math.min(after ?? o.retryDelayMs, 30_000), o.signal);
      exchange = await get();
    }
    const ms = Date.now() - started;
    if (exchange.kind === 'failure') return { ...base, ms, outcome: 'failed', error: failureText(exchange.failure, exchange.detail, o.timeoutMs) };
    const finalUrl = normalizeUrl(exchange.url) ?? item.url;
    const at = { ...base, ms, finalUrl, status: exchange.status };
    if (exchange.status >= 400) return { ...at, outcome: 'http-error', error: `HTTP ${exchange.status}` };
    const finalHost = new URL(finalUrl).hostname.toLowerCase();
    // A home page that moved (http → https, a new domain) takes the sweep with it; any other page leaving the site is not followed.
    if (item.kind === 'home') noteHome(finalUrl);
    else if (!hosts.has(finalHost)) return { ...at, outcome: 'redirected-away', error: `重定向到站外：${finalUrl}` };
    if (!exchange.body) return { ...at, outcome: 'not-html', error: `非网页（${exchange.headers.get('content-type') ?? '未知类型'}）` };
    try {
      return await analyze(item, at, exchange.body, exchange.headers.get('content-type'), exchange.truncated, follow);
    } catch (err) {
      if (o.signal?.aborted) throw err;
      return { ...at, outcome: 'failed', error: `页面无法解析（${err instanceof Error ? err.message : String(err)}）` };
    }
  };

  /** Decodes, parses and checks a page that answered, and follows what it leads to. */
  const analyze = async (
    item: QueueItem,
    at: Omit<PageResult, 'outcome'>,
    body: Uint8Array,
    contentType: string | null,
    truncated: boolean,
    follow: (items: QueueItem[]) => Promise<void>,
  ): Promise<PageResult> => {
    const { finalUrl } = at;
    const decoded = decodeBytes(body, { contentType, html: true });
    const doc = o.parse(decoded.text);
    const { model } = buildTextModel(doc, { url: finalUrl, isTopFrame: true, charset: decoded.charset });
    if (links) {
      const results = await links.checkAll(linkTargets(model), { signal: o.signal }).catch(() => []);
      model.linkResults = resultsByUrl(results);
    }
    const res = await resources;
    const scan = runChecks(model, { today: o.today, checks: o.checks, ...res });
    const result: PageResult = {
      ...at,
      outcome: truncated ? 'too-large' : 'ok',
      ...(truncated && { error: `页面超过 ${Math.round(o.maxBytes / 1024)} KB，只检查了前一部分` }),
      title: model.title,
      charset: decoded.charset,
      findings: scan.findings,
    };
    // Within the site and off traps; never the home page again.
    const inScope = (items: QueueItem[]) => {
      const kept = items.filter((i) => !isHomeAlias(i.url) && isCrawlable(i.url, hosts));
      return kept.length ? follow(kept) : Promise.resolve();
    };
    await discover(item, doc, model, result, inScope);
    return result;
  };

  /** Fills what the roll-up needs and enqueues what the page leads to. */
  const discover = async (item: QueueItem, doc: Document, model: TextModel, result: PageResult, follow: (items: QueueItem[]) => Promise<void>) => {
    const dates = columnDates(model, o.today);
    if (item.kind === 'home') {
      if (dates.newest) result.homeNewest = dates.newest;
      const found = columnLinks(doc, model.url).map((l): QueueItem => ({ url: l.url, kind: 'column', depth: 1, column: l.name, from: item.url }));
      const map = sitemapLink(doc, model.url);
      if (map) found.push({ url: map, kind: 'sitemap', depth: 1, column: '', from: item.url });
      await follow(found);
    } else if (item.kind === 'sitemap') {
      await follow(sitemapColumns(doc, model.url).map((l) => ({ url: l.url, kind: 'column', depth: 1, column: l.name, from: item.url })));
    } else if (item.kind === 'column' && !(dates.items === 0 && isArticlePage(model))) {
      // (A navigation link to a single article, 政务服务 → one page, is no column.)
      const blank = result.findings.some((f) => f.check === 'blank-column');
      result.columnInfo = { name: item.column || model.title, url: item.url, items: dates.items, ...(dates.newest && { newest: dates.newest }), blank };
      const articles = newestArticles(model, o.today, o.articlesPerColumn);
      await follow(articles.map((l) => ({ url: l.url, kind: 'article', depth: 2, column: item.column, from: item.url })));
      // A first page with nothing dated may be a cover: its next page (下一页) is the list.
      if (!dates.items && !blank) {
        const next = nextPageLink(doc, model.url);
        if (next) await follow([{ url: next, kind: 'column', depth: 1, column: item.column, from: item.url }]);
      }
    }
    // A home page reached as a column (首页 in the navigation) is not swept twice: its URL is the frontier's key.
    if (item.kind !== 'home' && isHomePage(model) && item.depth === 1) result.columnInfo = undefined;
  };

  return { noteHome, visit };
}

/**
 * Sweeps `site` into `opts.store` until its frontier is empty, `maxPages` are fetched, or `signal` aborts (then it
 * resolves; the store holds everything done so far). Returns the results stored (of this run and earlier ones).
 */
export async function runSweep(site: SweepSite, opts: SweepOptions): Promise<PageResult[]> {
  const o = { ...DEFAULTS, ...opts };
  const home = normalizeUrl(site.url);
  if (!home) throw new Error(`网址不是 http(s) 地址：${site.url}`);
  const polite = politeFetch({ fetch: o.fetch, perHost: o.perHost, delayMs: o.delayMs });
  const pages = pageSweeper(site, { ...o, fetch: polite.fetch });
  const queries = new QueryBudget();
  const { store } = o;

  await store.requeueInFlight();
  const earlier = await store.results();
  // A home page that moved in an earlier run took the sweep with it: so it does on resuming.
  for (const r of earlier) if (r.kind === 'home') pages.noteHome(r.finalUrl);
  let done = earlier.length;
  let findings = earlier.reduce((n, r) => n + r.findings.length, 0);
  let columns = earlier.filter((r) => r.columnInfo).length;
  let budget = o.maxPages - done - (await store.pending());
  if (done === 0 && (await store.pending()) === 0) {
    await store.enqueue([{ url: home, kind: 'home', depth: 0, column: '', from: '' }]);
    budget--;
  }

  const progress = async (current?: string) =>
    o.onProgress?.({ site: site.name, done, queued: await store.pending(), columns, findings, ...(current && { current }) });

  /** Adds what a page leads to (within the site and off traps already), within the query and page budgets. */
  const follow = async (items: QueueItem[]) => {
    const allowed = items.filter((i) => queries.allow(i.url));
    if (!allowed.length || budget <= 0) return;
    const added = await store.enqueue(allowed.slice(0, budget));
    budget -= added.length;
  };

  const inFlight = new Set<Promise<void>>();
  const run = async (item: QueueItem) => {
    const result = await pages.visit(item, follow);
    await store.complete(result);
    done++;
    findings += result.findings.length;
    if (result.columnInfo) columns++;
    o.onPage?.(result);
    await progress(item.url);
  };
  await progress();
  while (!o.signal?.aborted) {
    const room = o.perHost - inFlight.size;
    const next = room > 0 ? await store.take(room) : [];
    for (const item of next) {
      const p: Promise<void> = run(item)
        .catch(() => undefined) // aborted: the item stays in flight and is requeued next run
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    if (!inFlight.size) break;
    await Promise.race(inFlight);
  }
  await Promise.allSettled(inFlight);
  return store.results();
}
