import { grantedFetch } from './host-access';
import { checks } from '@/lib/checks';
import { addSite, proposeSite, recordFinding, siteForUrl } from '@/lib/db/repo';
import type { SweepRecord } from '@/lib/db/records';
import { DexieSweepStore } from '@/lib/db/sweep-store';
import type { SweepStatus } from '@/lib/extension/protocol';
import { sweepStatusOf } from '@/lib/extension/sweep-status';
import { rollUp } from '@/lib/sweep/rollup';
import { runSweep } from '@/lib/sweep/sweep';
import type { SweepSite } from '@/lib/sweep/types';
import { loadCheckResources } from './check-resources';
import { parseHtml } from './recheck';
import { currentRound, database } from './recorder';
import { pingWorker } from './worker-ping';
import { PING_EVERY_MS } from '@/lib/extension/keep-warm';

/**
 * 全站巡检 in the service worker (the background owns the network and the database): one sweep at a time, its
 * frontier and results in IndexedDB (lib/db/sweep-store.ts) as it goes, so a stopped worker, a closed browser or a
 * crash loses nothing: a sweep left `running` is resumed when the worker starts. When it finishes, every finding
 * goes into the round's ledger as 待复核 (without a screenshot: the reviewer opens the page, where the finding is
 * highlighted, and captures it there), and the roll-up (stale and blank columns, the home page's update) is kept
 * on the sweep for the side panel.
 */

let current: { id: number; controller: AbortController; done: Promise<void> } | undefined;

const statusOf = (r: SweepRecord | undefined): SweepStatus | null => (r ? sweepStatusOf(r) : null);

/** The latest sweep of the site of `url` (any page of it), or the latest sweep at all when `url` is absent. */
export async function sweepStatus(url?: string): Promise<SweepStatus | null> {
  const all = await database().sweeps.orderBy('id').reverse().toArray();
  const host = url ? hostOf(url) : undefined;
  return statusOf(host ? all.find((s) => hostOf(s.site.url) === host) : all[0]);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** The home page of the site of `url`: the ledger's site home when it knows one, else the origin's root. */
async function siteOf(url: string, title: string): Promise<SweepSite> {
  const known = await siteForUrl(database(), url).catch(() => undefined);
  const origin = new URL(url).origin;
  return { name: known?.name || title || new URL(url).host, url: `${origin}/`, ...(known?.siteCode && { siteCode: known.siteCode }) };
}

/** Starts a sweep of the site of `url` in the round of `today` (a sweep of that site going on or paused is resumed). */
export async function startSweep(url: string, title: string, today: string, delayMs = 0): Promise<SweepStatus | null> {
  const db = database();
  const round = await currentRound(today);
  const site = await siteOf(url, title);
  const open = await db.sweeps
    .where('roundId')
    .equals(round.id)
    .filter((s) => s.site.url === site.url && s.state !== 'done')
    .first();
  const now = Date.now();
  const id =
    open?.id ??
    (await db.sweeps.add({
      roundId: round.id,
      site,
      today,
      state: 'running',
      delayMs,
      startedAt: now,
      updatedAt: now,
      progress: { site: site.name, done: 0, queued: 1, columns: 0, findings: 0 },
    } as SweepRecord));
  if (open) await db.sweeps.update(open.id, { state: 'running', updatedAt: now });
  run(id);
  return sweepStatus(site.url);
}

/** Pauses the sweep going on (its frontier stays in the database; resume continues it). */
export async function pauseSweep(): Promise<SweepStatus | null> {
  if (!current) return sweepStatus();
  const { id, controller, done } = current;
  await database().sweeps.update(id, { state: 'paused', updatedAt: Date.now() });
  controller.abort(new Error('paused by the reviewer'));
  await done;
  return statusOf(await database().sweeps.get(id));
}

/** Resumes a paused (or interrupted) sweep. */
export async function resumeSweep(id: number): Promise<SweepStatus | null> {
  await database().sweeps.update(id, { state: 'running', updatedAt: Date.now() });
  run(id);
  return statusOf(await database().sweeps.get(id));
}

/** Called as the worker starts: a sweep left running (the worker or the browser stopped) goes on. */
export function restoreSweeps(): void {
  void database()
    .sweeps.where('state')
    .equals('running')
    .first()
    .then((s) => s && run(s.id))
    .catch((err) => console.warn('[GovReview] 全站巡检 not resumed', err));
}

/** Runs sweep `id` in this worker (once: a second call while it runs is ignored). */
function run(id: number): void {
  if (current) return;
  const controller = new AbortController();
  // An extension call every 20 s (pingWorker) keeps the worker alive while pages are fetched.
  const keepAlive = setInterval(pingWorker, PING_EVERY_MS);
  const db = database();
  const done = (async () => {
    const sweep = await db.sweeps.get(id);
    if (!sweep) return;
    const store = new DexieSweepStore(db, id);
    let lastSave = 0;
    const results = await runSweep(sweep.site, {
      today: sweep.today,
      // Only sites that need no grant or were granted (the popup asks before 全站巡检).
      fetch: grantedFetch,
      parse: parseHtml,
      checks,
      store,
      delayMs: sweep.delayMs,
      signal: controller.signal,
      resources: loadCheckResources,
      onProgress: (progress) => {
        // At most a few writes a second; the last one is written below.
        if (Date.now() - lastSave < 300) return;
        lastSave = Date.now();
        void db.sweeps.update(id, { progress, updatedAt: Date.now() });
      },
    });
    if (controller.signal.aborted) return; // paused: the state was set by pauseSweep
    const rollup = rollUp(sweep.site, results, sweep.today);
    const recorded = await recordResults(sweep, results);
    await db.sweeps.update(id, {
      state: 'done',
      updatedAt: Date.now(),
      rollup: { ...rollup, findings: rollup.findings.length },
      recorded,
      progress: { site: sweep.site.name, done: results.length, queued: 0, columns: rollup.columns.length, findings: rollup.findings.length },
    });
  })()
    .catch(async (err: unknown) => {
      if (controller.signal.aborted) return;
      await db.sweeps.update(id, { state: 'failed', error: err instanceof Error ? err.message : String(err), updatedAt: Date.now() });
    })
    .finally(() => {
      clearInterval(keepAlive);
      if (current?.id === id) current = undefined;
    });
  current = { id, controller, done };
}

/** Puts every finding of the sweep into the round's ledger as 待复核 (each once: recordFinding dedupes). */
async function recordResults(sweep: SweepRecord, results: Awaited<ReturnType<typeof runSweep>>): Promise<number> {
  const db = database();
  let site = await siteForUrl(db, sweep.site.url);
  if (!site) {
    const proposal = proposeSite(sweep.site.url, { pageTitle: sweep.site.name });
    site = await addSite(db, { ...proposal, name: sweep.site.name || proposal.name, ...(sweep.site.siteCode && { siteCode: sweep.site.siteCode }) });
  }
  let n = 0;
  for (const page of results)
    for (const finding of page.findings) {
      const { created } = await recordFinding(db, { round: sweep.roundId, site, pageUrl: page.url, pageTitle: page.title, finding, note: '全站巡检' });
      if (created) n++;
    }
  return n;
}
