import { parseHTML } from 'linkedom';
import browser from 'webextension-polyfill';
import { grantedFetch } from './host-access';
import { checks } from '@/lib/checks';
import { RECHECK_STATE_KEY, type RecheckState } from '@/lib/extension/protocol';
import { recheckRound } from '@/lib/extension/recheck-round';
import { loadCheckResources } from './check-resources';
import { database } from './recorder';
import { pingWorker } from './worker-ping';
import { PING_EVERY_MS } from '@/lib/extension/keep-warm';

/**
 * Parses a fetched page without running or loading anything. A service worker has no DOMParser: linkedom
 * parses, as in the CLI (a page without an <html> tag is wrapped first: linkedom builds none around a fragment).
 */
export function parseHtml(html: string): Document {
  const source = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return parseHTML(source).document as unknown as Document;
}

/** The run going on in this worker, if any. */
let current: RecheckState | undefined;
let settled: Promise<void> | undefined;

const save = (state: RecheckState) => browser.storage.session.set({ [RECHECK_STATE_KEY]: state });

/**
 * A run the previous life of the worker left unfinished (the worker was stopped) is over: the ledger must not
 * wait for it. Runs once per worker life, before any new run is stored.
 */
function settleInterrupted(): Promise<void> {
  settled ??= browser.storage.session
    .get(RECHECK_STATE_KEY)
    .then(async (got) => {
      const state = got[RECHECK_STATE_KEY] as RecheckState | undefined;
      if (state?.running && !current) await save({ ...state, running: false, finishedAt: Date.now(), error: 'interrupted' });
    })
    .catch(() => undefined);
  return settled;
}

/** Called as the worker starts. */
export function restoreRecheck(): void {
  void settleInterrupted();
}

/**
 * Starts 复查 of a round (or joins the run of that round going on) and answers at once with its state; the
 * progress and the report go to `storage.session` (RECHECK_STATE_KEY), where the ledger watches them. While it
 * runs, an extension call every 20 s keeps the worker alive (link checks of a page can outlast its 30 s idle limit).
 */
export async function startRecheck(roundId: number, today: string | null): Promise<RecheckState> {
  await settleInterrupted();
  if (current) {
    if (current.roundId === roundId) return current;
    throw new Error(`复查 of round ${current.roundId} is running`);
  }
  const state: RecheckState = { roundId, running: true, done: 0, total: 0, startedAt: Date.now() };
  current = state;
  await save(state);
  const keepAlive = setInterval(pingWorker, PING_EVERY_MS);
  void recheckRound(database(), roundId, {
    // Only sites that need no grant or were granted (the ledger asks for the round's sites before 复查).
    fetch: grantedFetch,
    parse: parseHtml,
    checks,
    today,
    // 复查 judges recorded findings again, so every check must see what it saw when recording.
    resources: loadCheckResources,
    onProgress: async (done, total) => {
      Object.assign(state, { done, total });
      await save({ ...state });
    },
  })
    .then(
      (report) => save({ ...state, running: false, finishedAt: Date.now(), report }),
      (err: unknown) => save({ ...state, running: false, finishedAt: Date.now(), error: err instanceof Error ? err.message : String(err) }),
    )
    .catch((err: unknown) => console.warn('[GovReview] 复查: the state was not stored', err))
    .finally(() => {
      clearInterval(keepAlive);
      current = undefined;
    });
  return { ...state };
}
