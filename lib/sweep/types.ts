/**
 * 全站巡检 (a whole-site sweep): the types shared by the sweep core (lib/sweep/sweep.ts), its stores (IndexedDB in the
 * extension's background, SQLite in the CLI) and the roll-up. Plain data: everything here crosses contexts and is
 * stored as it is.
 */
import type { Finding } from '../engine/types';

/** A site to sweep, as the ledger's site list gives it (网站名称, 网址, 网站标识码). */
export interface SweepSite {
  name: string;
  /** The home page (http or https). */
  url: string;
  siteCode?: string;
}

/** What a page is to the sweep: the home page, a column (栏目) page, an article of a column, a site map. */
export type PageKind = 'home' | 'column' | 'article' | 'sitemap';

/** A page waiting in the frontier. */
export interface QueueItem {
  /** Absolute URL without fragment (the frontier's key). */
  url: string;
  kind: PageKind;
  /** Links followed from the home page (home 0, column 1, article 2). */
  depth: number;
  /** The column it belongs to: the column's name as its link or caption shows it ('' when unknown). */
  column: string;
  /** The page it was found on. */
  from: string;
}

/** How fetching a page went. */
export type PageOutcome = 'ok' | 'failed' | 'http-error' | 'not-html' | 'too-large' | 'redirected-away';

/** A column as the sweep saw it on its own page. */
export interface ColumnInfo {
  name: string;
  url: string;
  /** Dated items listed (all lists of the page outside its footer). */
  items: number;
  /** The newest item's date, YYYY-MM-DD, when any item is dated. */
  newest?: string;
  /** The page lists nothing (暂无信息 or an empty list): a blank column. */
  blank: boolean;
}

/** One fetched page: how it went, what the checks found on it, and what it was to the sweep. */
export interface PageResult {
  url: string;
  /** Where it ended after redirects (the same URL when none). */
  finalUrl: string;
  kind: PageKind;
  column: string;
  outcome: PageOutcome;
  status?: number;
  /** Why a page failed, in words a reviewer reads (连接超时, HTTP 503 …). */
  error?: string;
  title: string;
  charset?: string;
  /** Milliseconds from the request to the page read. */
  ms: number;
  /** The checks' findings on the page (empty for a page that did not open). */
  findings: Finding[];
  /** Filled for column pages. */
  columnInfo?: ColumnInfo;
  /** The newest dated item of the home page (首页更新), filled for the home page. */
  homeNewest?: string;
}

/** Progress of a sweep, as the popup's bar and the CLI's line show it. */
export interface SweepProgress {
  site: string;
  /** Pages fetched (ok or not). */
  done: number;
  /** Pages waiting or in flight. */
  queued: number;
  /** Columns found so far. */
  columns: number;
  /** Findings so far. */
  findings: number;
  /** The page fetched last. */
  current?: string;
}

/**
 * Where a sweep keeps its frontier and results, so that a restarted worker, a closed browser or a killed process
 * continues where it stopped and loses nothing. Every method is atomic on its own; the core calls them in an
 * order that makes a crash between two calls harmless (a page is re-fetched at worst, never lost).
 */
export interface SweepStore {
  /** Adds items to the frontier; a URL seen before (queued, in flight or done) is ignored. Returns the items added. */
  enqueue(items: readonly QueueItem[]): Promise<QueueItem[]>;
  /** Up to `n` queued items, oldest first, marked in flight. */
  take(n: number): Promise<QueueItem[]>;
  /** Stores a page's result and removes it from the frontier, in one step. */
  complete(result: PageResult): Promise<void>;
  /** Items in flight when the last run stopped go back to the queue (called once as a run starts). */
  requeueInFlight(): Promise<void>;
  /** Queued plus in-flight items. */
  pending(): Promise<number>;
  /** Every page result so far, in the order they were completed. */
  results(): Promise<PageResult[]>;
}

/** One column in the roll-up: where it is, its newest item, and whether it fails. */
export interface ColumnRollup extends ColumnInfo {
  stale: boolean;
  /** The stale-column finding's message (its window, the days since the newest item), when stale. */
  reason?: string;
}

/** A site's sweep, rolled up as a reviewer reads it (with the URLs behind each item). */
export interface SiteRollup {
  site: SweepSite;
  /** The home page did not open (站点无法访问 for this run). */
  unreachable: boolean;
  /** Why, when unreachable. */
  unreachableReason?: string;
  pages: { done: number; failed: number };
  columns: ColumnRollup[];
  staleColumns: ColumnRollup[];
  blankColumns: ColumnRollup[];
  /** The newest dated item on the home page, and whether it is within the 2 weeks before the review date. */
  home: { url: string; newest?: string; updated: boolean };
  /** Dead or wrong links across the site: link, the page it is on. */
  deadLinks: Array<{ href: string; pageUrl: string; message: string }>;
  /** Every finding, each with its page. */
  findings: Array<Finding & { pageUrl: string }>;
}
