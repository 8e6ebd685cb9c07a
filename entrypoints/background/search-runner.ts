import { runSearchTest, type SearchPlan } from '@/lib/search/search-test';
import type { SearchState } from '@/lib/extension/protocol';
import type { SearchTestSummary } from '@/lib/engine/types';
import { pageKey } from '@/lib/db/records';

/** Where results and the once-per-round marks outlive the worker. */
export interface SearchStore {
  /** Results by home page URL (storage.session: this browser session). */
  loadResults(): Promise<Record<string, SearchTestSummary>>;
  saveResults(results: Record<string, SearchTestSummary>): Promise<void>;
  /** `${round}|${site}` keys of the sites tested automatically (storage.local: the whole round). */
  loadMarks(): Promise<string[]>;
  saveMarks(marks: string[]): Promise<void>;
}

/**
 * The site-search test in the service worker (the background owns the network): one request per run, with
 * credentials omitted (lib/search). Runs when the reviewer asks (the popup's 检测站内搜索), or by itself once per
 * site and round when a home page of a site in the ledger is read; never on every page view. The result is
 * kept per home page and attached to that page's model at its next scan (the site-search check reads it).
 */
export class SearchRunner {
  private readonly plans = new Map<number, SearchPlan>();
  private results: Record<string, SearchTestSummary> = {};
  private marks = new Set<string>();
  private readonly running = new Map<string, Promise<SearchTestSummary>>();
  private readonly ready: Promise<void>;

  constructor(
    private readonly fetchImpl: typeof fetch,
    private readonly onDone: (tabId: number) => void,
    private readonly store?: SearchStore,
  ) {
    this.ready = this.restore();
  }

  private async restore(): Promise<void> {
    if (!this.store) return;
    const [results, marks] = await Promise.all([this.store.loadResults().catch(() => ({})), this.store.loadMarks().catch(() => [])]);
    this.results = { ...results, ...this.results };
    for (const m of marks) this.marks.add(m);
  }

  /** What the tab's top frame offers to test (undefined: not a home page, or no search on it). */
  async note(tabId: number, plan: SearchPlan | undefined): Promise<void> {
    await this.ready;
    if (plan) this.plans.set(tabId, plan);
    else this.plans.delete(tabId);
  }

  /** The known result for a home page. */
  async resultFor(url: string): Promise<SearchTestSummary | undefined> {
    await this.ready;
    return this.results[pageKey(url)];
  }

  state(tabId: number): SearchState {
    const plan = this.plans.get(tabId);
    if (!plan) return { testable: false, running: false };
    const key = pageKey(plan.pageUrl);
    const result = this.results[key];
    return { testable: true, running: this.running.has(key), ...(result && { result }) };
  }

  /**
   * Runs the tab's test (the reviewer's action): one run per home page at a time, a run already going is joined.
   * Answers at once; the tab is told to scan again when the result is in.
   */
  start(tabId: number): SearchState {
    const plan = this.plans.get(tabId);
    if (!plan) return this.state(tabId);
    const key = pageKey(plan.pageUrl);
    if (!this.running.has(key)) {
      const run = runSearchTest(plan, { fetch: this.fetchImpl })
        .catch(
          (err): SearchTestSummary => ({
            verdict: 'untested',
            term: plan.term ?? '',
            url: plan.pageUrl,
            reason: { 'zh-CN': `检测中断：${String(err)}`, en: `interrupted: ${String(err)}` },
          }),
        )
        .then((result) => {
          this.results[key] = result;
          void this.store?.saveResults(this.results).catch(() => undefined);
          return result;
        })
        .finally(() => {
          this.running.delete(key);
          for (const [tab, p] of this.plans) if (pageKey(p.pageUrl) === key) this.onDone(tab);
        });
      this.running.set(key, run);
    }
    return this.state(tabId);
  }

  /** The automatic run: once per `site` and `round`, only when no result is known. Returns whether it started. */
  async startOnce(tabId: number, round: string, site: string): Promise<boolean> {
    await this.ready;
    const plan = this.plans.get(tabId);
    const mark = `${round}|${site}`;
    if (!plan || this.marks.has(mark) || this.results[pageKey(plan.pageUrl)]) return false;
    this.marks.add(mark);
    void this.store?.saveMarks([...this.marks]).catch(() => undefined);
    this.start(tabId);
    return true;
  }

  /** The run of a home page, when one is going (tests wait on it). */
  pending(url: string): Promise<SearchTestSummary> | undefined {
    return this.running.get(pageKey(url));
  }

  forget(tabId: number): void {
    this.plans.delete(tabId);
  }
}
