/**
 * The reviewer's next page after reading one for a while (`npm run bench`, `afterPause`): context.html is
 * scanned, nothing happens for 40 s (longer than Chrome's 30 s idle limit for an extension worker), then the
 * tab goes on to context.html again. Timed from navigation start, as the page bench does: the first
 * highlight and all nine planted ones (the model's among them), and whether the worker was the same one
 * (kept warm, lib/extension/keep-warm.ts) or had to start again and reload jieba and the model; and, last, the
 * worker's memory with both loaded (JS heap and ArrayBuffer backing stores, before and after a collection). Driven over
 * a pipe without Playwright (scripts/harness/cdp-pipe.ts): a worker that DevTools is attached to never stops.
 * Prints JSON. Needs the built extension (`npx wxt build`).
 */
import { resolve } from 'node:path';
import { EXTENSION_DIR } from './harness/browser';
import { launchOverPipe } from './harness/cdp-pipe';
import { HIGHLIGHT_TIMES } from './harness/page-helpers';
import { serveDir } from './serve.mjs';

const PAUSE_MS = Number(process.env.BENCH_PAUSE_MS ?? 40_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

const site = await serveDir(resolve('assets/demo-site'), { port: 0 });
const browser = await launchOverPipe(EXTENSION_DIR);
try {
  const { sessionId } = await browser.open('about:blank');
  // When the first highlight and all nine are painted (ms since navigation start), as in scripts/bench.ts.
  await browser.send('Page.enable', {}, sessionId);
  await browser.send('Page.addScriptToEvaluateOnNewDocument', { source: HIGHLIGHT_TIMES }, sessionId);
  const visit = async () => {
    await browser.send('Page.navigate', { url: `${site.url}/context.html?${Math.random()}` }, sessionId);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const got = await browser.evaluate<{ first?: number; all?: number } | null>(
        sessionId,
        `location.pathname.endsWith('context.html') && window.__allHighlights !== undefined ? { first: window.__firstHighlight, all: window.__allHighlights } : null`,
      );
      if (got) return { firstHighlightMs: Math.round(got.first ?? Number.NaN), allHighlightsMs: Math.round(got.all ?? Number.NaN) };
      if (Date.now() > deadline) throw new Error('context.html: the nine highlights did not all appear within 30 s');
      await sleep(50);
    }
  };
  const first = await visit();
  const [before] = await browser.workers();
  await sleep(PAUSE_MS);
  const next = await visit();
  const [after] = await browser.workers();
  // The background's memory with jieba and the model loaded (issue 11's budget: ≤ 200 MB), read last: a
  // worker that DevTools attaches to is never stopped. The JS heap and the ArrayBuffer backing stores (the
  // model's arrays, jieba's WebAssembly memory), as V8 reports them, before and after a full collection.
  let backgroundMemory: Record<string, number> | undefined;
  if (after) {
    const { sessionId: worker } = await browser.send<{ sessionId: string }>('Target.attachToTarget', { targetId: after.targetId, flatten: true });
    const usage = async () => {
      const u = await browser.send<{ usedSize: number; backingStorageSize: number }>('Runtime.getHeapUsage', {}, worker);
      return { heapMB: mb(u.usedSize), backingStoreMB: mb(u.backingStorageSize), totalMB: mb(u.usedSize + u.backingStorageSize) };
    };
    const live = await usage();
    await browser.send('HeapProfiler.collectGarbage', {}, worker);
    const collected = await usage();
    backgroundMemory = {
      heapMB: live.heapMB,
      backingStoreMB: live.backingStoreMB,
      totalMB: live.totalMB,
      afterGcHeapMB: collected.heapMB,
      afterGcBackingStoreMB: collected.backingStoreMB,
      afterGcTotalMB: collected.totalMB,
    };
  }
  console.log(
    JSON.stringify({
      page: 'context.html',
      pauseMs: PAUSE_MS,
      /** The browser's first page: the extension just installed, its worker starting, jieba and the model loading. */
      firstVisit: first,
      afterPause: next,
      /** Whether the page after the pause was scanned by the worker of the first visit (no restart, no reload of the model). */
      sameWorker: before !== undefined && after !== undefined && before.targetId === after.targetId,
      /** The background worker's memory once it has scanned with jieba and the model (MB; the budget is 200). */
      backgroundMemory,
    }),
  );
} finally {
  await browser.close();
  await site.close();
}
