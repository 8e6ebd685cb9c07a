/**
 * 复查 of a round: the recorded findings still open (待复核, 已确认) are looked for again in their pages as the
 * pages are now. Runs in the background service worker (it owns the network, the checks and the language
 * model); everything it touches is injected (the database, fetch, the HTML parser, the checks and their
 * resources), so Node tests run it over fake-indexeddb with a fake fetch.
 */
import { pageKey, type FindingRecord, type FindingStatus } from '../db/records';
import { setStatus } from '../db/repo';
import type { GovReviewDb } from '../db/schema';
import type { Check, LanguageModel, Segmenter, Speller } from '../engine/types';
import { LinkChecker } from '../links/link-checker';
import { decodeBytes } from '../text-model/decode';
import type { RecheckItem, RecheckReport } from './protocol';
import { recheckPage } from './recheck';

/** The statuses 复查 judges again: what the reviewer has not closed (已排除, 已整改 stay as they are). */
export const OPEN_STATUSES: readonly FindingStatus[] = ['pending', 'confirmed'];

/** A page that does not answer within this time counts as not opened (its findings stay open). */
export const RECHECK_TIMEOUT_MS = 20_000;

/** Pages fetched at once (each scanned as it arrives; well under the per-host bound of 6). */
export const RECHECK_CONCURRENCY = 3;

/** What the checks need besides the page: 复查 awaits them, so every check sees what it saw when recording. */
export interface RecheckResources {
  segmenter?: Segmenter;
  languageModel?: LanguageModel;
  speller?: Speller;
}

/**
 * What 复查 of a round runs with, all injected (the background passes its own, the tests fakes): the network, the
 * HTML parser, the checks and their resources, the review date, the bounds on time and concurrency, and progress.
 */
export interface RecheckRoundOptions {
  /** The network: called with credentials omitted, no cache and a timeout. */
  fetch: typeof fetch;
  /** Parses a page's HTML into a document (no scripts run, nothing loaded). */
  parse: (html: string) => Document;
  checks: readonly Check[];
  /** Loads the segmenter, the language model and the dictionary; started at once, awaited before the first scan. */
  resources: () => Promise<RecheckResources>;
  /** The reference date of date checks (the reviewer's 审读日期); the round's monitoring date when absent. */
  today?: string | null;
  /** Checks recorded dead links again; a fresh checker over `fetch` when absent (no verdict cached from before). */
  linkChecker?: LinkChecker;
  timeoutMs?: number;
  concurrency?: number;
  /** After each document: how many are done of how many. Called with (0, total) first. */
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

/** A document to fetch again: the page of the findings, or the frame they were recorded in. */
export interface RecheckTarget {
  url: string;
  /** The page itself, not a frame in it (checks of the top frame only, like the footer's, run on it). */
  isTopFrame: boolean;
  findings: FindingRecord[];
}

const itemOf = (r: FindingRecord): RecheckItem => ({ id: r.id, siteId: r.siteId, category: r.category, text: r.text, message: r.message, pageUrl: r.pageUrl });

/** The open findings of a round grouped by the document they are in (a frame's findings by the frame), in recording order. */
export async function recheckTargets(db: GovReviewDb, roundId: number): Promise<RecheckTarget[]> {
  const open = await db.findings
    .where('roundId')
    .equals(roundId)
    .filter((f) => OPEN_STATUSES.includes(f.status))
    .sortBy('id');
  const byDoc = new Map<string, RecheckTarget>();
  for (const r of open) {
    const url = pageKey(r.frameUrl || r.pageUrl);
    const isTopFrame = url === pageKey(r.pageUrl);
    const key = `${isTopFrame ? 'top' : 'frame'} ${url}`;
    const target = byDoc.get(key);
    if (target) target.findings.push(r);
    else byDoc.set(key, { url, isTopFrame, findings: [r] });
  }
  return [...byDoc.values()];
}

/**
 * 复查 of one round: each document holding open findings is fetched again (credentials omitted, no cache,
 * `timeoutMs`), decoded, parsed and scanned (recorded dead links checked again); findings no longer there are
 * marked 已整改 as each page is done (only if still open then). Returns what was fixed, what is still there and
 * which pages did not open, in recording order.
 */
export async function recheckRound(db: GovReviewDb, roundId: number, opts: RecheckRoundOptions): Promise<RecheckReport> {
  const round = await db.rounds.get(roundId);
  if (!round) throw new Error(`no round ${roundId}`);
  const targets = await recheckTargets(db, roundId);
  const report: RecheckReport = { roundId, pages: targets.length, fixed: [], present: [], failed: [] };
  if (!targets.length) {
    await opts.onProgress?.(0, 0);
    return report;
  }
  const today = opts.today || round.monitoringDate;
  const timeoutMs = opts.timeoutMs ?? RECHECK_TIMEOUT_MS;
  const linkChecker = opts.linkChecker ?? new LinkChecker({ fetch: opts.fetch });
  // Loading starts now and overlaps the first fetches; a resource that fails to load is left out (its checks report nothing).
  const resources = opts.resources().catch((): RecheckResources => ({}));
  const results: Array<{ present: number[]; gone: number[] } | { error: string }> = [];
  let next = 0;
  let done = 0;
  await opts.onProgress?.(0, targets.length);

  const one = async (t: RecheckTarget) => {
    const res = await opts.fetch(t.url, { credentials: 'omit', cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const { text } = decodeBytes(new Uint8Array(await res.arrayBuffer()), { contentType: res.headers.get('content-type') });
    const doc = opts.parse(text);
    const r = await recheckPage(doc, t.url, t.findings, { today, checks: opts.checks, ...(await resources), linkChecker, isTopFrame: t.isTopFrame });
    if (r.gone.length) await setStatus(db, r.gone, 'fixed', OPEN_STATUSES);
    return r;
  };
  const worker = async () => {
    while (next < targets.length) {
      const i = next++;
      try {
        results[i] = await one(targets[i]);
      } catch (err) {
        results[i] = { error: err instanceof Error ? err.message : String(err) };
      }
      done++;
      await opts.onProgress?.(done, targets.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? RECHECK_CONCURRENCY, targets.length) }, worker));

  targets.forEach((t, i) => {
    const r = results[i];
    if ('error' in r) {
      report.failed.push({ url: t.url, error: r.error });
      return;
    }
    const byId = new Map(t.findings.map((f) => [f.id, f]));
    report.fixed.push(...r.gone.map((id) => itemOf(byId.get(id)!)));
    report.present.push(...r.present.map((id) => itemOf(byId.get(id)!)));
  });
  return report;
}
