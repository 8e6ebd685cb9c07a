import { LinkChecker, type LinkCheckResult } from '@/lib/links/link-checker';
import { cacheKey } from '@/lib/links/link-url';
import { summarize } from '@/lib/links/targets';
import type { LinkProgress } from '@/lib/extension/protocol';
import type { LinkResultSummary } from '@/lib/engine/types';

const BAD = new Set(['dead', 'error', 'soft404']);
/** Results between two re-scans of the page while checking runs (so dead links appear as they are found). */
const RESCAN_EVERY = 25;

/** Where verdicts outlive the worker (storage.session: kept for the browser session, never on disk). */
export interface VerdictStore {
  load(): Promise<Record<string, LinkResultSummary>>;
  save(verdicts: Record<string, LinkResultSummary>): Promise<void>;
}

interface Job {
  controller: AbortController;
  progress: LinkProgress;
}

/**
 * Link checking in the service worker (the background owns the network): one checker for the session,
 * so its cache and its per-host bound (6, as Chrome's own) span every tab; one job per tab, started and
 * stopped by the reviewer. Requests omit credentials (lib/links).
 */
export class LinkRunner {
  private readonly cache = new Map<string, LinkCheckResult>();
  private readonly checker: LinkChecker;
  private readonly jobs = new Map<number, Job>();
  /** Verdicts of earlier lives of this worker, this browser session. */
  private restored: Record<string, LinkResultSummary> = {};
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly onProgress: (tabId: number, p: LinkProgress) => void,
    private readonly onResults: (tabId: number) => void,
    private readonly store?: VerdictStore,
    /** The network (the background passes one that refuses sites the reviewer has not granted). */
    fetchImpl?: typeof fetch,
  ) {
    this.checker = new LinkChecker({ cache: this.cache, redirects: 'auto', ...(fetchImpl && { fetch: fetchImpl }) });
  }

  /** Reads the verdicts an earlier worker saved (an MV3 worker stops after 30 s idle; the session goes on). */
  async restore(): Promise<void> {
    if (this.store) this.restored = { ...(await this.store.load().catch(() => ({}))), ...this.restored };
  }

  /** Saves every verdict known, at most once a second while checking; `now` at the end of a job. */
  private persist(now = false): void {
    if (!this.store) return;
    const save = () => {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      const all: Record<string, LinkResultSummary> = { ...this.restored };
      for (const [key, r] of this.cache) all[key] = summarize(r);
      void this.store!.save(all).catch(() => undefined);
    };
    if (now) save();
    else this.saveTimer ??= setTimeout(save, 1000);
  }

  progress(tabId: number): LinkProgress {
    return this.jobs.get(tabId)?.progress ?? { running: false, done: 0, total: 0, bad: 0, suspect: 0 };
  }

  /** The cached verdicts of these URLs (for the link check to read), or undefined when none is known. */
  resultsFor(urls: readonly string[]): Record<string, LinkResultSummary> | undefined {
    const out: Record<string, LinkResultSummary> = {};
    let any = false;
    for (const u of urls) {
      const key = cacheKey(u);
      const r = this.cache.get(key);
      const known = r ? summarize(r) : this.restored[key];
      if (known) {
        out[key] = known;
        any = true;
      }
    }
    return any ? out : undefined;
  }

  /** Checks these URLs of a tab; `withheld` links were left out (their sites not granted) and are only counted. */
  start(tabId: number, urls: readonly string[], withheld = 0): LinkProgress {
    this.stop(tabId);
    const controller = new AbortController();
    const progress: LinkProgress = { running: true, done: 0, total: new Set(urls.map(cacheKey)).size, bad: 0, suspect: 0, ...(withheld && { withheld }) };
    this.jobs.set(tabId, { controller, progress });
    this.onProgress(tabId, { ...progress });
    let sinceRescan = 0;
    void this.checker
      .checkAll(urls, {
        signal: controller.signal,
        onProgress: ({ done, result }) => {
          progress.done = done;
          if (BAD.has(result.verdict)) progress.bad++;
          if (result.verdict === 'suspect') progress.suspect++;
          this.onProgress(tabId, { ...progress });
          this.persist();
          if (++sinceRescan >= RESCAN_EVERY) {
            sinceRescan = 0;
            this.onResults(tabId);
          }
        },
      })
      .catch(() => undefined) // stopped: the results so far stay cached
      .finally(() => {
        if (this.jobs.get(tabId)?.controller !== controller) return;
        progress.running = false;
        this.persist(true);
        this.onProgress(tabId, { ...progress });
        this.onResults(tabId);
      });
    return { ...progress };
  }

  stop(tabId: number): LinkProgress {
    const job = this.jobs.get(tabId);
    if (job?.progress.running) job.controller.abort(new Error('stopped by the reviewer'));
    return this.progress(tabId);
  }

  forget(tabId: number): void {
    this.stop(tabId);
    this.jobs.delete(tabId);
  }
}
