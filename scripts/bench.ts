/**
 * `npm run bench [-- --only cli,export,…]`: prints one JSON object with
 *  - cli: the bundled CLI's start-up (`--help`) and a small-page scan against `node -e ''` in the same run,
 *    the scan split into start-up, jieba, model and dictionary loads and checking (scripts/bench-cli.ts);
 *  - workflow: recording 100 findings with screenshots, the ledger with 10,000 findings (scripts/bench-workflow.ts);
 *  - export: 10,000 findings to the CSV, the report and the ZIP (scripts/bench-export.ts);
 *  - links: checking a page of 300 local links, against linkinator on the same page (scripts/bench-links.ts);
 *  - sweep: 全站巡检 of a generated 1,000-page site at 4 requests per host (pages per second, peak memory, the
 *    elapsed time against the politeness limit), and of 4 sites with one and two BullMQ workers on a local Redis
 *    (the speed-up) (scripts/bench-sweep.ts);
 *  - engine: the check engine over the 1.12 M characters of work reports vs bare jieba-wasm
 *    segmentation of the same text (scripts/bench-engine.ts, its own process);
 *  - page: time from navigation start to highlights on a 20,000-character page in Chromium with
 *    a cold service worker (stopped before each load) and a warm one, against the page's own
 *    load-event time in the same run (the baseline: what the browser needs anyway);
 *  - languageModel: on context.html, the first highlight against all nine planted ones (the lazily
 *    loaded model's findings come with a rescan), with a cold worker (model loaded after the first scan)
 *    and a warm one; the model's own load time and memory are in `engine.model`;
 *  - afterPause: context.html again after 40 s without a page (longer than Chrome's 30 s idle limit), in a
 *    Chromium that DevTools does not keep awake: whether the same worker scanned it, and its highlights'
 *    times (scripts/bench-pause.ts), and the worker's memory with jieba and the model loaded (`backgroundMemory`).
 * `--only` runs just the named Node parts (cli, engine, links, export, sweep: scripts/bench-<name>.ts), no browser.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';
import { launchWithExtension } from './harness/browser';
import { HIGHLIGHT_TIMES, settledState } from './harness/page-helpers';
import { serveDir } from './serve.mjs';

const rounds = Number(process.env.BENCH_PAGE_ROUNDS ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs one bench script in its own process (a clean heap for each) and returns the JSON it prints: the
 * whole output (bench-links pretty-prints) or, for the others, its last line.
 */
function runBench(script: string): Record<string, any> {
  const run = spawnSync('npx', ['tsx', `scripts/${script}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) {
    console.error(run.stderr);
    process.exit(1);
  }
  const out = run.stdout.trim();
  try {
    return JSON.parse(out);
  } catch {
    return JSON.parse(out.split('\n').pop()!);
  }
}

const only = process.argv.indexOf('--only');
if (only > 0) {
  const parts = (process.argv[only + 1] ?? '').split(',').filter(Boolean);
  console.log(JSON.stringify(Object.fromEntries(parts.map((p) => [p, runBench(`bench-${p}.ts`)])), null, 2));
  process.exit(0);
}

// The CLI: start-up of the bundle and a small scan, against `node -e ''` in the same rounds.
const cliBench = runBench('bench-cli.ts');
const engine = runBench('bench-engine.ts');
// Link checking: 300 links served locally, ours against linkinator in the same process.
const linksFull = runBench('bench-links.ts');
const linkBench = {
  links: linksFull.links,
  ratio: linksFull.ratio,
  ours: linksFull.ours,
  linkinator: linksFull.linkinator,
  ourMistakes: linksFull.ourMistakes,
  /** The link phase against its politeness limit (the per-host cap of 6 and each link's own latency and retry waits). */
  politeness: linksFull.politeness,
  bars: linksFull.bars,
};
// Export: 10,000 findings to CSV, report and ZIP, against JSON.stringify of the same data.
const exportBench = runBench('bench-export.ts');
// 全站巡检: one host at its politeness limit, then one and two BullMQ workers over four hosts.
const sweepBench = runBench('bench-sweep.ts');

ensureChromium();
if (!process.argv.includes('--no-build')) {
  const b = spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (b.status !== 0) process.exit(1);
}
// The reviewer's workflow in Chromium: recording 100 findings with screenshots, the ledger with 10,000 findings.
const workflowBench = runBench('bench-workflow.ts');
// The next page after a reading pause: kept warm, or started cold.
const pauseBench = runBench('bench-pause.ts');
const site = await serveDir(resolve('assets/demo-site'), { port: 0 });
const browser = await launchWithExtension();
const page = await browser.context.newPage();
await page.addInitScript(HIGHLIGHT_TIMES);
const cdp = await browser.context.newCDPSession(page);
await cdp.send('ServiceWorker.enable');

async function measure(cold: boolean) {
  if (cold) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.waitForTimeout(300);
  }
  const url = `${site.url}/long.html?${Math.random()}`;
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => (window as unknown as { __firstHighlight?: number }).__firstHighlight !== undefined, null, { timeout: 30_000 });
  const result = await page.evaluate(() => ({
    highlightMs: (window as unknown as { __firstHighlight: number }).__firstHighlight,
    loadMs: performance.getEntriesByType('navigation')[0] ? (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd : NaN,
    chars: document.body.textContent.length,
  }));
  // Let the worker finish this page (on a cold worker: the model's load and the rescan with it) before the
  // next navigation, so that a warm measurement times a warm worker, not the tail of the cold one's work.
  await settledState(browser.context, browser.extensionId, url);
  return result;
}

/**
 * The language model loads lazily in the background: on a cold worker a page's first highlights come from
 * the other checks, and the model's (typo-context, typo-de …) with the rescan after the load. context.html
 * has both kinds: the time to the first highlight, and to all of its planted highlights.
 */
async function measureModel(cold: boolean) {
  if (cold) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.waitForTimeout(300);
  }
  await page.goto(`${site.url}/context.html?${Math.random()}`, { waitUntil: 'load' });
  await page.waitForFunction(() => (window as unknown as { __allHighlights?: number }).__allHighlights !== undefined, null, { timeout: 30_000 });
  return page.evaluate(() => ({
    firstMs: (window as unknown as { __firstHighlight: number }).__firstHighlight,
    allMs: (window as unknown as { __allHighlights: number }).__allHighlights,
  }));
}

await measure(false); // warm-up: first load also compiles the content script
const cold: Array<{ highlightMs: number; loadMs: number; chars: number }> = [];
const warm: typeof cold = [];
for (let i = 0; i < rounds; i++) {
  cold.push(await measure(true));
  warm.push(await measure(false));
}
const modelCold: Array<{ firstMs: number; allMs: number }> = [];
const modelWarm: typeof modelCold = [];
for (let i = 0; i < rounds; i++) {
  modelCold.push(await measureModel(true));
  modelWarm.push(await measureModel(false));
}
await browser.close();
await site.close();

const summarize = (xs: typeof cold) => ({
  highlightMs: Math.round(median(xs.map((x) => x.highlightMs))),
  loadMs: Math.round(median(xs.map((x) => x.loadMs))),
  ratioToLoad: Number((median(xs.map((x) => x.highlightMs)) / median(xs.map((x) => x.loadMs))).toFixed(2)),
});
console.log(
  JSON.stringify(
    {
      cli: cliBench,
      engine,
      sweep: sweepBench,
      links: linkBench,
      export: exportBench,
      workflow: workflowBench,
      page: { page: 'long.html', characters: cold[0].chars, rounds, coldWorker: summarize(cold), warmWorker: summarize(warm) },
      /** context.html: first highlight (other checks) and all nine (the model's too), from navigation start. */
      languageModel: {
        page: 'context.html',
        coldWorker: {
          firstHighlightMs: Math.round(median(modelCold.map((x) => x.firstMs))),
          allHighlightsMs: Math.round(median(modelCold.map((x) => x.allMs))),
        },
        warmWorker: {
          firstHighlightMs: Math.round(median(modelWarm.map((x) => x.firstMs))),
          allHighlightsMs: Math.round(median(modelWarm.map((x) => x.allMs))),
        },
      },
      afterPause: pauseBench,
      machine: { cores: (await import('node:os')).cpus().length, node: process.version },
    },
    null,
    2,
  ),
);
