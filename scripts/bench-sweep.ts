/**
 * `npx tsx scripts/bench-sweep.ts [--pages N] [--slow MS] [--hosts N] [--articles N]`: 全站巡检 speed, printed as a
 * small table on stderr and one JSON object on stdout (its last line), figures as ratios against a baseline run in
 * this same process (the machine is noisy):
 *
 * 1. **One process, one host**: a generated site of `--pages` (1,000) pages (tests/fixtures/sweep/site.mjs), every
 *    answer delayed `--slow` (20) ms, swept as `npm run crawl` sweeps it (cli/crawl-run.ts in process, links checked,
 *    the footers' off-site links answered locally) at 4 requests per host, the newest `--articles` (20, a column's
 *    first list page) articles of each column: pages per second, peak RSS (sampled every 25 ms, and before the
 *    sweep with jieba, the model and the dictionary loaded), and the elapsed time against the politeness limit.
 *    The limit is computed from `--slow`: every request the server answered (pages and link checks, which share the
 *    cap) takes at least `--slow` ms there, so 4 at a time need requests × slow / 4; a ratio of 1 is the cap itself,
 *    above it is our own time (checking pages, waiting on the checks before the next link). The same from the run's
 *    own per-page `ms` (sum / 4) is given beside it: those times include waiting for a slot, so it is not a floor.
 * 2. **Many hosts, BullMQ**: `--hosts` (4) generated sites of pages / hosts pages each on as many servers (hosts),
 *    swept by `npm run crawl -- … --queue` (cli/crawl-queue.ts) on a local redis-server (started on a free port,
 *    nothing saved) with one worker process, then two (each its own process, as on two machines, started and loaded
 *    before the clock starts; `--concurrency 8` each): the speed-up of two workers over one, and of one worker over
 *    a local crawl of the same sites (the baseline: what the queue costs). The per-host peak (counted at each
 *    server) is checked against the cap in every run.
 *
 * A worker here is this script in its own process (`--child-worker`): cli/crawl-queue.ts's runWorker with the
 * off-site links answered locally, so that nothing leaves 127.0.0.1. Needs redis-server (`apt-get install -y
 * redis-server`). Takes about 1–2 minutes on 2 cores.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCrawlArgs, parseWorkerArgs } from '../cli/crawl-args';
import { runQueuedCrawl, runWorker } from '../cli/crawl-queue';
import { runCrawl } from '../cli/crawl-run';
import { readSites } from '../cli/crawl-sites';
import { loadNodeJieba } from '../cli/node-jieba';
import { loadNodeLanguageModel } from '../cli/node-language-model';
import { nodeSpeller } from '../cli/node-speller';
import type { SiteSummary } from '../cli/crawl-output';
import { generateSite, type ServedSite, type Site, serveSite } from '../tests/fixtures/sweep/site.mjs';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

/** The footers' off-site links (beian, conac, 找错) answered locally: the benchmark never leaves 127.0.0.1. */
const offSite: typeof fetch = (input, init) => {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  return url.hostname === '127.0.0.1'
    ? fetch(input, init)
    : Promise.resolve(new Response('<html><title>ok</title></html>', { headers: { 'content-type': 'text/html' } }));
};

// A worker of part 2, in its own process: `--child-worker <redis url> <name>`.
if (process.argv[2] === '--child-worker') {
  const [, , , queue, name] = process.argv;
  const stop = new AbortController();
  process.on('SIGTERM', () => stop.abort());
  let pages = 0;
  const { code } = await runWorker(parseWorkerArgs(['--worker', '--queue', queue, '--concurrency', '8']), {
    stdout: () => undefined,
    stderr: (s) => process.stderr.write(s),
    tty: false,
    signal: stop.signal,
    fetch: offSite,
    name,
    onPage: () => pages++,
  });
  const cpu = process.cpuUsage();
  process.stdout.write(
    `${JSON.stringify({ pages, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), cpuMs: Math.round((cpu.user + cpu.system) / 1000) })}\n`,
  );
  process.exit(code);
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PAGES = arg('--pages', 1000);
const SLOW = arg('--slow', 20);
const HOSTS = arg('--hosts', 4);
const ARTICLES = arg('--articles', 20);
const PER_HOST = 4;
const TODAY = '2026-11-22';
const tmp = mkdtempSync(join(tmpdir(), 'govreview-bench-sweep-'));
const quiet = { stdout: () => undefined, stderr: () => undefined, tty: false, columns: () => 80 };
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Writes a sites.csv of served sites. */
function sitesCsv(file: string, servers: ServedSite[], sites: Site[]): string {
  writeFileSync(
    file,
    `网站名称,网址,网站标识码\n${servers.map((s, i) => `${sites[i].spec.name}${i + 1},${s.url}/,53090200${String(i + 1).padStart(2, '0')}`).join('\n')}\n`,
  );
  return file;
}

/** Pages swept and requests answered by a crawl's servers, and whether each kept to the cap. */
function served(servers: ServedSite[], before: number[]) {
  return {
    requests: servers.reduce((n, s, i) => n + s.requests.length - before[i], 0),
    peak: Math.max(...servers.map((s) => s.peakInFlight())),
  };
}

const pagesOf = (sites: readonly SiteSummary[]) => sites.reduce((n, s) => n + s.rollup.pages.done, 0);

// ---------------------------------------------------------------------------------------------------------------
// 1. One process, one host.

const resourcesStarted = performance.now();
await loadNodeJieba();
loadNodeLanguageModel();
nodeSpeller();
const loadMs = performance.now() - resourcesStarted;
const big = generateSite({ pages: PAGES, articlesPerColumn: ARTICLES, seed: 1 });
const bigServer = await serveSite(big, { slowMs: SLOW });
const rssBefore = process.memoryUsage().rss;
let rssPeak = rssBefore;
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
}, 25);
const oneCsv = sitesCsv(join(tmp, 'one.csv'), [bigServer], [big]);
const oneArgs = parseCrawlArgs([oneCsv, '--out', join(tmp, 'one'), '--today', TODAY, '--articles', String(ARTICLES), '--per-host', String(PER_HOST)], TODAY);
const t0 = performance.now();
const one = await runCrawl(oneArgs, await readSites(oneCsv), { ...quiet, fetch: offSite });
const oneMs = performance.now() - t0;
clearInterval(sampler);
rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
const onePages = pagesOf(one.sites);
const oneRequests = bigServer.requests.length;
const floorMs = (oneRequests * SLOW) / PER_HOST;
// The run's own per-page times, from pages.jsonl (`ms`: request to page read, slot waits included).
const pageMsSum = readFileSync(join(tmp, 'one', '5309020001', 'pages.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .reduce((n, l) => n + (JSON.parse(l) as { ms: number }).ms, 0);
const local = {
  sitePages: big.truth.pageCount,
  pagesSwept: onePages,
  requests: oneRequests,
  linkChecks: oneRequests - onePages,
  elapsedMs: Math.round(oneMs),
  pagesPerSecond: round(onePages / (oneMs / 1000), 1),
  /** requests × slow / 4: the time the answered requests need at 4 in flight (computed from --slow). */
  politenessLimitMs: Math.round(floorMs),
  ratioToPolitenessLimit: round(oneMs / floorMs),
  /** The same from the pages' own `ms` (sum / 4; slot waits included, so not a floor). */
  ratioToPageTimes: round(oneMs / (pageMsSum / PER_HOST)),
  peakInFlight: bigServer.peakInFlight(),
  rssBeforeMb: mb(rssBefore),
  rssPeakMb: mb(rssPeak),
  rssGrowthMb: mb(rssPeak - rssBefore),
  loadMs: Math.round(loadMs),
};
await bigServer.close();

// ---------------------------------------------------------------------------------------------------------------
// 2. Many hosts: a local crawl, then BullMQ with one worker and with two.

const { startRedis } = await import('../tests/unit/sweep/redis-server');
const redis = await startRedis();
const sites = Array.from({ length: HOSTS }, (_, i) => generateSite({ pages: Math.round(PAGES / HOSTS), articlesPerColumn: ARTICLES, seed: i + 2 }));
const servers = await Promise.all(sites.map((s) => serveSite(s, { slowMs: SLOW })));
const manyCsv = sitesCsv(join(tmp, 'many.csv'), servers, sites);
const manyList = await readSites(manyCsv);
const base = ['--today', TODAY, '--articles', String(ARTICLES), '--per-host', String(PER_HOST)];

/** Starts `n` worker processes and waits until each has loaded and connected. */
async function startWorkers(n: number): Promise<Array<{ child: ChildProcess; result: Promise<{ pages: number; maxRssMb: number; cpuMs: number }> }>> {
  return Promise.all(
    Array.from({ length: n }, (_, i) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench-sweep.ts', '--child-worker', redis.url, `bench-${n}-${i + 1}`], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
      const result = new Promise<{ pages: number; maxRssMb: number; cpuMs: number }>((resolve, reject) =>
        child.on('close', (code) =>
          code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}')) : reject(new Error(`worker exited ${code}: ${err}`)),
        ),
      );
      return new Promise<{ child: ChildProcess; result: typeof result }>((ready, fail) => {
        child.stderr?.on('data', (c: Buffer) => {
          err += c.toString();
          if (/已连接/.test(err)) ready({ child, result });
        });
        child.on('close', () => fail(new Error(`worker did not start: ${err}`)));
      });
    }),
  );
}

/** A queued crawl of the many-host sites with `n` workers; fresh sweeps each time. */
async function queued(n: number) {
  const workers = await startWorkers(n);
  const before = servers.map((s) => s.requests.length);
  const args = parseCrawlArgs([manyCsv, '--out', join(tmp, `queued-${n}`), ...base, '--queue', redis.url, '--fresh'], TODAY);
  const t = performance.now();
  const outcome = await runQueuedCrawl(args, manyList, quiet);
  const ms = performance.now() - t;
  for (const w of workers) w.child.kill('SIGTERM');
  const done = await Promise.all(workers.map((w) => w.result));
  if (outcome.code !== 0) throw new Error(`queued crawl exited ${outcome.code}`);
  return {
    ms,
    pages: pagesOf(outcome.sites),
    perWorker: done.map((d) => d.pages),
    workerRssMb: done.map((d) => d.maxRssMb),
    workerCpuMs: done.map((d) => d.cpuMs),
    ...served(servers, before),
  };
}

const before = servers.map((s) => s.requests.length);
const tl = performance.now();
const localMany = await runCrawl(parseCrawlArgs([manyCsv, '--out', join(tmp, 'local-many'), ...base], TODAY), manyList, { ...quiet, fetch: offSite });
const localManyMs = performance.now() - tl;
const localServed = served(servers, before);
const w1 = await queued(1);
const w2 = await queued(2);
await Promise.all(servers.map((s) => s.close()));
await redis.stop();
rmSync(tmp, { recursive: true, force: true });

const manyHosts = {
  hosts: HOSTS,
  pagesSwept: pagesOf(localMany.sites),
  local: { elapsedMs: Math.round(localManyMs), requests: localServed.requests, pagesPerSecond: round(pagesOf(localMany.sites) / (localManyMs / 1000), 1) },
  oneWorker: {
    elapsedMs: Math.round(w1.ms),
    requests: w1.requests,
    pagesPerSecond: round(w1.pages / (w1.ms / 1000), 1),
    workerRssMb: w1.workerRssMb,
    workerCpuMs: w1.workerCpuMs,
  },
  twoWorkers: {
    elapsedMs: Math.round(w2.ms),
    requests: w2.requests,
    pagesPerSecond: round(w2.pages / (w2.ms / 1000), 1),
    pagesPerWorker: w2.perWorker,
    workerRssMb: w2.workerRssMb,
    workerCpuMs: w2.workerCpuMs,
  },
  /** Two workers against one (the speed-up). */
  speedUp: round(w1.ms / w2.ms),
  /** One worker against the local crawl of the same sites (what the queue costs). */
  oneWorkerToLocal: round(w1.ms / localManyMs),
  /** Most requests in flight at one host, counted by the servers over all runs (the cap is PER_HOST). */
  peakInFlight: Math.max(...servers.map((s) => s.peakInFlight())),
  perHost: PER_HOST,
};

const table = [
  ['', 'pages', 'requests', 'elapsed', 'pages/s', 'ratio'],
  [
    `1 host, 1 process (${PAGES}-page site)`,
    String(local.pagesSwept),
    String(local.requests),
    `${local.elapsedMs} ms`,
    String(local.pagesPerSecond),
    `${local.ratioToPolitenessLimit} × politeness limit (${local.politenessLimitMs} ms)`,
  ],
  [
    `${HOSTS} hosts, local crawl`,
    String(manyHosts.pagesSwept),
    String(manyHosts.local.requests),
    `${manyHosts.local.elapsedMs} ms`,
    String(manyHosts.local.pagesPerSecond),
    '1 (baseline)',
  ],
  [
    `${HOSTS} hosts, 1 BullMQ worker`,
    String(w1.pages),
    String(w1.requests),
    `${manyHosts.oneWorker.elapsedMs} ms`,
    String(manyHosts.oneWorker.pagesPerSecond),
    `${manyHosts.oneWorkerToLocal} × local`,
  ],
  [
    `${HOSTS} hosts, 2 BullMQ workers`,
    String(w2.pages),
    String(w2.requests),
    `${manyHosts.twoWorkers.elapsedMs} ms`,
    String(manyHosts.twoWorkers.pagesPerSecond),
    `speed-up ${manyHosts.speedUp} × over 1 worker`,
  ],
];
const widths = table[0].map((_, c) => Math.max(...table.map((r) => [...r[c]].length)));
for (const row of table) process.stderr.write(`${row.map((cell, c) => cell.padEnd(widths[c])).join('  ')}\n`);
process.stderr.write(
  `peak RSS ${local.rssPeakMb} MB (${local.rssBeforeMb} MB before the sweep, loads included); per-host peak ${Math.max(local.peakInFlight, manyHosts.peakInFlight)} (cap ${PER_HOST}); slow ${SLOW} ms\n`,
);
console.log(JSON.stringify({ slowMs: SLOW, perHost: PER_HOST, articles: ARTICLES, local, manyHosts }));
