/**
 * The site-search test (站内搜索, 国办秘函〔2019〕19号: no search, or a broken one, −4): submit the home page's
 * search once, as the browser would, with words the home page shows (lib/search/term.ts), and judge the answer
 * (lib/search/judge.ts). One request, credentials omitted, no cookies, no referrer; redirects followed. Only
 * fetch and timers: the background service worker and the CLI run the same code. The host decides when (the
 * reviewer's action, or once per site and round); checks only read the summary it attaches to the model.
 */
import type { SearchEntry, SearchTestSummary, TextModel } from '../engine/types';
import { request } from '../links/request';
import { encodeForm } from './encode';
import { judgeSearch, searchReason } from './judge';
import { searchTermOf } from './term';

/** How the test runs: the fetch to use (the service worker's, or the CLI's bounded one), the review date, its bounds. */
export interface SearchTestOptions {
  fetch: typeof fetch;
  /** The review date (resolves year-less headline dates when the term comes from a headline). */
  today: string;
  timeoutMs?: number;
  /** Bytes of the result page read at most. */
  maxBodyBytes?: number;
  userAgent?: string;
  signal?: AbortSignal;
}

/** Time the search request may take before the test says 未能检测 (the link checker's per-request time too). */
export const SEARCH_TIMEOUT_MS = 15_000;
const MAX_BODY = 512 * 1024;

/** The entry the test submits: a form first (it can be submitted), then a link, then a scripted box. */
export function entryToTest(searches: readonly SearchEntry[] | undefined): SearchEntry | undefined {
  if (!searches?.length) return undefined;
  return searches.find((s) => s.kind === 'form') ?? searches.find((s) => s.kind === 'link') ?? searches[0];
}

/** The request a form sends for `term`: a GET with the query in the URL (the action's own query replaced, as browsers do), or a POST body. */
export function searchRequest(entry: SearchEntry, term: string): { url: string; method: 'GET' | 'POST'; form?: string } {
  const pairs: Array<[string, string]> = [...(entry.fields ?? [])];
  if (entry.field) pairs.unshift([entry.field, term]);
  const body = encodeForm(pairs, entry.charset);
  if (entry.method === 'post') return { url: entry.action, method: 'POST', form: body };
  const url = new URL(entry.action);
  url.hash = '';
  url.search = body ? `?${body}` : '';
  return { url: url.href, method: 'GET' };
}

/** What the test will submit for one home page: the entry, and the words (for a form). */
export interface SearchPlan {
  pageUrl: string;
  entry: SearchEntry;
  /** The words for a form; undefined when the page shows none (the test then says so). */
  term?: string;
}

/** The plan for a home page's model, or undefined when it offers no search (未提供站内搜索 comes from the model alone). */
export function planSearchTest(model: TextModel, today: string): SearchPlan | undefined {
  const entry = entryToTest(model.searches);
  if (!entry) return undefined;
  return { pageUrl: model.url, entry, ...(entry.kind === 'form' && { term: searchTermOf(model, today) }) };
}

/** Runs a plan: one request at most. Never rejects except when `signal` aborts. */
export async function runSearchTest(plan: SearchPlan, opts: Omit<SearchTestOptions, 'today'>): Promise<SearchTestSummary> {
  const { entry, term } = plan;
  const timeoutMs = opts.timeoutMs ?? SEARCH_TIMEOUT_MS;
  const spec = {
    timeoutMs,
    maxBodyBytes: opts.maxBodyBytes ?? MAX_BODY,
    userAgent: opts.userAgent,
    fetch: opts.fetch,
    signal: opts.signal,
    redirect: 'follow' as const,
  };
  if (entry.kind === 'script') return { verdict: 'untested', term: '', url: plan.pageUrl, reason: searchReason('script') };
  if (entry.kind === 'link') {
    // A link to the search service: it must open; what it finds needs the reviewer.
    const exchange = await request({ ...spec, url: entry.action, method: 'GET' });
    return judgeSearch({ exchange, url: entry.action, term: '', timeoutMs });
  }
  if (!term) return { verdict: 'untested', term: '', url: entry.action, reason: searchReason('no-term') };
  const req = searchRequest(entry, term);
  const exchange = await request({ ...spec, url: req.url, method: req.method, form: req.form });
  return judgeSearch({ exchange, url: req.url, term, timeoutMs });
}

/** Plans and runs the test for a home page's model; undefined when it offers no search. */
export async function testSiteSearch(model: TextModel, opts: SearchTestOptions): Promise<SearchTestSummary | undefined> {
  const plan = planSearchTest(model, opts.today);
  return plan && runSearchTest(plan, opts);
}
