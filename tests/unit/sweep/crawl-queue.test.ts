/**
 * `npm run crawl -- … --queue redis://…` and `npm run crawl -- --worker --queue redis://…` (cli/crawl-queue.ts)
 * against a real redis-server started on a free port (tests/unit/sweep/redis-server.ts; the tests fail, never skip,
 * when it is missing): the Redis sweep store keeps the store contract; the per-origin semaphore holds its cap across
 * two processes' worth of connections and gives a dead holder's slots back; one coordinator and two workers sweep
 * three fixture sites (tests/fixtures/sweep/site.mjs, each on its own server = host, slow enough that the cap
 * matters) into what a local crawl of the same sites writes, each page fetched once, the cap held across both
 * workers; and, with the bundled CLI in child processes, a worker killed with SIGKILL mid-sweep and a coordinator
 * stopped with Ctrl-C and started again: every page is swept.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hostname } from 'node:os';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCrawlArgs, parseWorkerArgs } from '../../../cli/crawl-args';
import { QUEUE_NAME, runQueuedCrawl, runWorker } from '../../../cli/crawl-queue';
import { runCrawl } from '../../../cli/crawl-run';
import { readSites } from '../../../cli/crawl-sites';
import { InputError } from '../../../cli/errors';
import { RedisHostSlots } from '../../../cli/queue-slots';
import { QueueState, storeFor } from '../../../cli/queue-store';
import type { QueueItem } from '../../../lib/sweep/types';
import { bundlePath, ensureFreshCli } from '../../../scripts/build-cli.mjs';
import { DEFAULT_COLUMNS, generateSite, type ServedSite, type Site, type SiteSpec, serveSite } from '../../fixtures/sweep/site.mjs';
import { storeContract } from './store-contract';
import { startRedis, type TestRedis } from './redis-server';

const REPO = resolve(__dirname, '../../..');
const TODAY = '2026-11-22';

let redis: TestRedis;
let conn: Redis;
let tmp: string;
const opened: Redis[] = [];

/** A connection of its own (closed after the file's tests). */
function connect(): Redis {
  const r = new Redis(redis.url, { maxRetriesPerRequest: null });
  opened.push(r);
  return r;
}

beforeAll(async () => {
  redis = await startRedis();
  conn = connect();
  tmp = mkdtempSync(join(tmpdir(), 'govreview-queue-'));
  await ensureFreshCli();
}, 60_000);
afterAll(async () => {
  for (const r of opened) r.disconnect();
  await redis?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

let stores = 0;
const SITE = { name: '云岭县人民政府', url: 'https://www.example.gov.cn/' };
const CONFIG = { perHost: 4, delayMs: 0, maxPages: 500, articles: 5, links: true };
/** A sweep of its own (its site key differs each time). */
async function freshSweep(config = CONFIG) {
  const state = new QueueState(conn);
  const siteKey = `https://www.example.gov.cn/?store=${++stores}`;
  const key = await state.open({ site: SITE, siteKey, today: TODAY, config, run: { id: 7, started: '2026-11-22T01:00:00.000Z' } });
  return { state, siteKey, key };
}

storeContract('RedisSweepStore', async () => {
  const { state, key } = await freshSweep();
  return state.store(key);
});

const item = (path: string, kind: QueueItem['kind'] = 'column'): QueueItem => ({
  url: `https://www.example.gov.cn${path}`,
  kind,
  depth: kind === 'home' ? 0 : 1,
  column: '栏目',
  from: 'https://www.example.gov.cn/',
});

describe('RedisSweepStore beyond the contract', () => {
  it('claims the page a job names (again after its worker died), and nothing of a forgotten generation', async () => {
    const { state, siteKey, key } = await freshSweep();
    const store = state.store(key);
    await store.enqueue([item('/', 'home'), item('/a/')]);
    const claimed = await store.claim(item('/a/').url);
    expect(claimed?.item).toEqual(item('/a/'));
    expect(claimed?.meta).toMatchObject({ site: SITE, siteKey, today: TODAY, config: CONFIG, run: { id: 7 } });
    // A job retried after its worker died claims the page in flight again.
    expect((await store.claim(item('/a/').url))?.item).toEqual(item('/a/'));
    expect(await store.claim(item('/nowhere/').url)).toBeUndefined();
    // Done: the job is obsolete; a second copy's result is not stored.
    const result = {
      url: item('/a/').url,
      finalUrl: item('/a/').url,
      kind: 'column' as const,
      column: '栏目',
      outcome: 'ok' as const,
      title: 't',
      ms: 5,
      findings: [],
    };
    expect(await store.completeResult(result)).toBe(true);
    expect(await store.completeResult(result)).toBe(false);
    expect(await store.claim(item('/a/').url)).toBeUndefined();
    expect(await store.results()).toHaveLength(1);
    // --fresh: a new generation; the old one's jobs find nothing, its keys are gone.
    await state.forget(siteKey);
    expect(await store.claim(item('/', 'home').url)).toBeUndefined();
    expect(await store.enqueue([item('/b/')])).toEqual([]);
    expect(await conn.keys(`govreview:sweep:${key}:*`)).toEqual([]);
    expect(await state.current(siteKey, TODAY)).toBeUndefined();
  });

  it('keeps the page budget and the per-path query budget across callers, and enqueues nothing from a page already done', async () => {
    const { siteKey, key } = await freshSweep({ ...CONFIG, maxPages: 5 });
    const meta = { site: SITE, siteKey, today: TODAY, config: { ...CONFIG, maxPages: 5 } };
    const a = storeFor(conn, key, meta);
    const b = storeFor(conn, key, meta);
    expect((await a.enqueueFrom('', [item('/1'), item('/2'), item('/3')])).added).toHaveLength(3);
    const second = await b.enqueueFrom('', [item('/3'), item('/4'), item('/5'), item('/6')]);
    expect(second.added.map((p) => p.item.url)).toEqual([item('/4').url, item('/5').url]);
    expect(second.waiting.map((p) => p.item.url)).toEqual([item('/3').url]); // seen before, still queued: its job may be re-added
    expect(second.added.map((p) => p.seq)).toEqual([4, 5]);

    const { key: k2 } = await freshSweep();
    const q = storeFor(conn, k2, { ...meta, config: CONFIG });
    const queries = Array.from({ length: 25 }, (_, i) => item(`/list.jsp?page=${i}`));
    expect((await q.enqueueFrom('', queries)).added).toHaveLength(20);
    expect((await q.enqueueFrom('', [item('/list.jsp?page=0'), item('/other.jsp?page=99')])).added.map((p) => p.item.url)).toEqual([
      item('/other.jsp?page=99').url,
    ]);
    // A page no longer in the frontier (swept already by a worker thought dead) adds nothing.
    expect((await q.enqueueFrom(item('/gone/').url, [item('/child/')])).added).toEqual([]);
  });

  it("records the run's visit of the home page with its result, as the SQLite state does", async () => {
    const { state, siteKey, key } = await freshSweep();
    const home = item('/', 'home');
    await state.store(key).enqueue([home]);
    const claimed = await state.store(key).claim(home.url);
    const store = storeFor(conn, key, claimed?.meta ?? ({} as never));
    await store.completeResult({
      url: home.url,
      finalUrl: home.url,
      kind: 'home',
      column: '',
      outcome: 'failed',
      error: '15 秒内无响应',
      title: '',
      ms: 15_000,
      findings: [],
    });
    expect(await state.visits(siteKey)).toEqual([
      { run: 7, today: TODAY, started: '2026-11-22T01:00:00.000Z', outcome: 'failed', ms: 15_000, reason: '15 秒内无响应' },
    ]);
  });
});

describe('the per-origin semaphore in Redis', () => {
  it('holds its cap across two workers’ connections, spaces starts by the delay, and gives a dead holder’s slots back', async () => {
    const [one, two] = [new RedisHostSlots(connect(), { id: 'one', leaseMs: 1500 }), new RedisHostSlots(connect(), { id: 'two', leaseMs: 1500 })];
    await Promise.all([one.start(), two.start()]);
    try {
      const origin = `http://127.0.0.1:${redis.port}-cap`;
      let now = 0;
      let peak = 0;
      const hold = async (slots: RedisHostSlots) => {
        const release = await slots.acquire(origin, 3);
        peak = Math.max(peak, ++now);
        await new Promise((r) => setTimeout(r, 15));
        now--;
        release();
      };
      await Promise.all(Array.from({ length: 24 }, (_, i) => hold(i % 2 ? one : two)));
      expect(peak).toBe(3);
      expect(one.stats.granted + two.stats.granted).toBe(24);

      // --delay: starts 100 ms apart, whoever asks.
      const starts: number[] = [];
      await Promise.all(
        Array.from({ length: 4 }, async (_, i) => {
          const release = await (i % 2 ? one : two).acquire(`${origin}-delay`, 4, 100);
          starts.push(Date.now());
          release();
        }),
      );
      // (Spaced on Redis's clock; seen here with a little jitter of each reply's handling.)
      starts.sort((a, b) => a - b);
      expect(starts[3] - starts[0]).toBeGreaterThanOrEqual(270);
      for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(40);

      // A worker that dies holding both slots: they come back when its leases expire.
      const dead = new RedisHostSlots(connect(), { id: 'dead', leaseMs: 1000 });
      await dead.acquire(`${origin}-dead`, 2);
      await dead.acquire(`${origin}-dead`, 2);
      await dead.close(); // stops renewing, releases nothing
      const t0 = Date.now();
      const release = await one.acquire(`${origin}-dead`, 2);
      expect(Date.now() - t0).toBeGreaterThan(500);
      expect(Date.now() - t0).toBeLessThan(3000);
      release();
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  }, 30_000);
});

/** Off-site links (the footers' beian, conac and 找错 links) answered locally: the tests never leave 127.0.0.1. */
function offSite(count?: Map<string, number>): typeof fetch {
  return (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (url.hostname !== '127.0.0.1') return Promise.resolve(new Response('<html><title>ok</title></html>', { headers: { 'content-type': 'text/html' } }));
    // The sweep fetches a page with redirect: 'follow'; the link checker goes hop by hop ('manual').
    if (count && init?.redirect === 'follow') count.set(url.href, (count.get(url.href) ?? 0) + 1);
    return fetch(input, init);
  };
}

/** A pages.jsonl as its objects. */
interface PageDoc {
  target: string;
  findings: Array<{ check: string; category: string; key?: string; text: string; start?: number }>;
}
const docsOf = (file: string): PageDoc[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as PageDoc);
/** The pages of a pages.jsonl by URL, each with its findings' identities. */
const pagesOf = (file: string) =>
  new Map(docsOf(file).map((d) => [d.target, d.findings.map((f) => `${f.check}|${f.key ?? ''}|${f.text}|${f.start ?? ''}`).sort()]));
const path = (url: string) => new URL(url).pathname;
const sorted = (xs: readonly string[]) => [...xs].sort();

/** The parts of a site in summary.json compared with the fixture's truth. */
interface SummarySite {
  slug: string;
  staleColumns: Array<{ name: string }>;
  blankColumns: Array<{ name: string }>;
  home: { newest?: string; updated: boolean };
  pages: { done: number; failed: number };
  deadLinks: Array<{ href: string; pageUrl: string }>;
  complete: boolean;
}

/** What a crawl rolled up for a fixture site is what the site holds (its `truth`). */
function expectTruth(summary: SummarySite, docs: PageDoc[], site: Site, links: boolean): void {
  const { truth } = site;
  expect(sorted(summary.staleColumns.map((c) => c.name))).toEqual(sorted(truth.staleColumns));
  expect(sorted(summary.blankColumns.map((c) => c.name))).toEqual(sorted(truth.blankColumns));
  expect(summary.home).toMatchObject({ newest: truth.homeNewest, updated: truth.homeUpdated });
  expect(summary.pages).toEqual({ done: truth.sweepPaths.length, failed: 0 });
  expect(sorted(docs.map((d) => path(d.target)))).toEqual(sorted(truth.sweepPaths));
  const typos = docs.flatMap((d) => d.findings.filter((f) => f.category === 'typo').map((f) => `${path(d.target)} ${f.text}`));
  expect(sorted(typos)).toEqual(sorted(truth.typoPages.map((t) => `${t.path} ${t.text}`)));
  if (links)
    expect(sorted(summary.deadLinks.map((d) => `${path(d.href)} ${path(d.pageUrl)}`))).toEqual(sorted(truth.deadLinks.map((d) => `${d.href} ${d.page}`)));
}

/** Three small fixture sites (two newest articles per column), one with a 网站地图 and a column only it links. */
const SPECS: SiteSpec[] = [
  { seed: 3, today: TODAY, articlesPerColumn: 2, siteCode: '5309020001', sitemap: true },
  { seed: 4, today: TODAY, articlesPerColumn: 2, name: '云岭县教育局', siteCode: '5309020002', columns: [...DEFAULT_COLUMNS.slice(0, 5)] },
  { seed: 5, today: TODAY, articlesPerColumn: 2, siteCode: '5309020003' },
];

function sitesCsv(file: string, servers: ServedSite[], sites: Site[]): void {
  const lines = ['网站名称,网址,网站标识码', ...servers.map((s, i) => `${sites[i].spec.name},${s.url}/,${sites[i].spec.siteCode}`)];
  writeFileSync(file, `${lines.join('\n')}\n`);
}

const quietIo = () => ({ stdout: () => undefined, stderr: () => undefined, tty: false, columns: () => 80 });

describe('a queued crawl: one coordinator, two workers, three hosts', () => {
  it('rolls up each site’s truth, fetches each page once, keeps the per-host cap across both workers, and writes what a local crawl writes', async () => {
    const sites = SPECS.map((s) => generateSite(s));
    const servers = await Promise.all(sites.map((s) => serveSite(s, { slowMs: 30 })));
    const stop = new AbortController();
    try {
      const csv = join(tmp, 'three.csv');
      sitesCsv(csv, servers, sites);
      const out = join(tmp, 'queued');
      const args = parseCrawlArgs([csv, '--out', out, '--today', TODAY, '--articles', '2', '--per-host', '3', '--queue', redis.url], TODAY);
      const list = await readSites(csv);

      const fetched = new Map<string, number>();
      const byWorker = new Map<string, number>();
      const swept = new Map<string, number>();
      const worker = (name: string) =>
        runWorker(parseWorkerArgs(['--worker', '--queue', redis.url, '--concurrency', '4']), {
          ...quietIo(),
          signal: stop.signal,
          fetch: offSite(fetched),
          name,
          onPage: (r) => {
            byWorker.set(name, (byWorker.get(name) ?? 0) + 1);
            swept.set(r.url, (swept.get(r.url) ?? 0) + 1);
          },
        });
      const workers = [worker('w1'), worker('w2')];
      const outcome = await runQueuedCrawl(args, list, { ...quietIo() });
      stop.abort();
      const done = await Promise.all(workers);
      expect(outcome.code).toBe(0);
      expect(done.map((d) => d.code)).toEqual([0, 0]);

      // Each site's roll-up is its truth; the outputs are there.
      const json = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { sites: SummarySite[]; queue: string };
      expect(json.queue).toBe(`${redis.url}`);
      expect(json.sites.map((s) => s.slug)).toEqual(['5309020001', '5309020002', '5309020003']);
      json.sites.forEach((s, i) => {
        expect(s.complete).toBe(true);
        expectTruth(s, docsOf(join(out, s.slug, 'pages.jsonl')), sites[i], true);
      });
      expect(readFileSync(join(out, 'summary.csv'), 'utf8').split('\r\n').filter(Boolean)).toHaveLength(4);

      // Each page swept once and fetched once (link checks of the same URLs apart), by both workers together.
      const all = sites.flatMap((s, i) => s.truth.sweepPaths.map((p) => `${servers[i].url}${p}`));
      expect(sorted([...swept.keys()])).toEqual(sorted(all));
      expect(Math.max(...swept.values())).toBe(1);
      expect(sorted([...fetched.keys()])).toEqual(sorted(all));
      expect(Math.max(...fetched.values())).toBe(1);
      expect(byWorker.get('w1')).toBeGreaterThan(0);
      expect(byWorker.get('w2')).toBeGreaterThan(0);
      // The cap held at each host, pages and link checks of both workers together, and was used.
      for (const s of servers) {
        expect(s.peakInFlight()).toBeLessThanOrEqual(3);
        expect(s.peakInFlight()).toBeGreaterThanOrEqual(2);
      }

      // A local crawl of the same sites writes the same pages with the same findings, and the same roll-ups.
      const local = join(tmp, 'local');
      const localArgs = parseCrawlArgs([csv, '--out', local, '--today', TODAY, '--articles', '2', '--per-host', '3'], TODAY);
      const localOutcome = await runCrawl(localArgs, list, { ...quietIo(), fetch: offSite() });
      expect(localOutcome.code).toBe(0);
      const localJson = JSON.parse(readFileSync(join(local, 'summary.json'), 'utf8')) as { sites: Array<SummarySite & { visits: unknown }> };
      for (const slug of ['5309020001', '5309020002', '5309020003'])
        expect(pagesOf(join(out, slug, 'pages.jsonl'))).toEqual(pagesOf(join(local, slug, 'pages.jsonl')));
      const withoutVisits = (sites: Array<object>) => sites.map(({ visits: _v, ...rest }: { visits?: unknown }) => rest);
      expect(withoutVisits(json.sites)).toEqual(withoutVisits(localJson.sites));

      // Started again: everything is in Redis, nothing is fetched, the outputs are the same.
      const requests = servers.reduce((n, s) => n + s.requests.length, 0);
      const summary = readFileSync(join(out, 'summary.csv'), 'utf8');
      expect((await runQueuedCrawl(args, list, { ...quietIo() })).code).toBe(0);
      expect(servers.reduce((n, s) => n + s.requests.length, 0)).toBe(requests);
      expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe(summary);
    } finally {
      stop.abort();
      await Promise.all(servers.map((s) => s.close()));
    }
  }, 120_000);
});

interface Child {
  child: ChildProcess;
  out: { stdout: string; stderr: string };
  done: Promise<number | null>;
}

/** Starts the bundled `crawl` (what `npm run crawl` runs) in its own process. */
function crawl(args: string[]): Child {
  const child = spawn(process.execPath, [bundlePath('crawl'), ...args], { cwd: REPO, env: { ...process.env, GOVREVIEW_DEBUG: '' } });
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (c: Buffer) => (out.stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out.stderr += c.toString()));
  const done = new Promise<number | null>((ok) => child.on('close', (code) => ok(code)));
  return { child, out, done };
}

/** Waits until `test` holds (checked every 10 ms), or fails after `ms`. */
async function until(test: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const pageLines = (c: Child) => (c.out.stdout.match(/"type":"page"/g) ?? []).length;

describe('queued crawl with the CLI in child processes', () => {
  it('a worker killed mid-sweep (SIGKILL) and a coordinator stopped with Ctrl-C and started again: every page is swept', async () => {
    await conn.flushall();
    const sites = SPECS.slice(0, 2).map((s) => generateSite(s));
    const servers = await Promise.all(sites.map((s) => serveSite(s, { slowMs: 120 })));
    const children: Child[] = [];
    try {
      const csv = join(tmp, 'two.csv');
      sitesCsv(csv, servers, sites);
      const out = join(tmp, 'killed');
      const worker = () => crawl(['--worker', '--queue', redis.url, '--lease', '4000', '--concurrency', '3', '--json']);
      const [w1, w2] = [worker(), worker()];
      children.push(w1, w2);
      await until(() => /已连接/.test(w1.out.stderr) && /已连接/.test(w2.out.stderr), 60_000, 'the workers to connect');

      const args = [csv, '--out', out, '--queue', redis.url, '--today', TODAY, '--articles', '2', '--no-links', '--per-host', '2', '--json'];
      const first = crawl(args);
      children.push(first);
      // Killed once it has swept three pages and holds others (BullMQ names the worker that holds a job).
      const queue = new Queue(QUEUE_NAME, { connection: connect() });
      const w1Name = `${hostname()}-${w1.child.pid}`.replace(/[^\w.-]/g, '_');
      let held: string[] = [];
      for (const end = Date.now() + 60_000; !held.length; ) {
        if (Date.now() > end) throw new Error('timed out waiting for worker 1 to hold pages');
        if (pageLines(w1) >= 3) held = (await queue.getActive()).filter((j) => j.processedBy === w1Name).map((j) => (j.data as { url: string }).url);
        if (!held.length) await new Promise((r) => setTimeout(r, 5));
      }
      w1.child.kill('SIGKILL');
      await queue.close();
      expect(await w1.done).toBeNull();
      // What worker 1 had stored when it died: a page is stored, then printed, and the kill may fall between
      // (its stdout then lacks a page that is done). Read now, long before the held jobs' lease (4 s) lapses.
      const storedAtDeath = new Set<string>();
      for (const key of await conn.keys('*:results')) {
        for (const r of await conn.lrange(key, 0, -1)) storedAtDeath.add((JSON.parse(r) as { url: string }).url);
      }
      // Ctrl-C on the coordinator: the queue and the results stay; the pages worker 1 held wait for its lease.
      first.child.kill('SIGINT');
      expect(await first.done).toBe(130);
      expect(first.out.stderr).toContain('队列和结果保留在 Redis 中');
      const stopped = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { sites: SummarySite[] };
      expect(stopped.sites.some((s) => !s.complete)).toBe(true);

      // Started again: it gathers everything, worker 2 having taken over worker 1's pages.
      const second = crawl(args);
      children.push(second);
      expect(await second.done, second.out.stderr).toBe(0);
      const json = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { sites: SummarySite[] };
      json.sites.forEach((s, i) => {
        expect(s.complete).toBe(true);
        expectTruth(s, docsOf(join(out, s.slug, 'pages.jsonl')), sites[i], false);
      });
      // Every page fetched, none more than twice; twice only those worker 1 had in flight (at most its concurrency).
      let twice = 0;
      servers.forEach((server, i) => {
        const counts = new Map<string, number>();
        for (const p of server.requests) counts.set(p, (counts.get(p) ?? 0) + 1);
        expect(sorted([...counts.keys()])).toEqual(sorted(sites[i].truth.sweepPaths));
        expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
        twice += [...counts.values()].filter((n) => n === 2).length;
        expect(server.peakInFlight()).toBeLessThanOrEqual(2);
      });
      expect(twice).toBeLessThanOrEqual(3);
      // The pages worker 1 held when it died, and had not stored, were swept by worker 2 once their jobs' lease lapsed
      // (a job whose page worker 1 had stored just before it died is dropped as done).
      const urls = (c: Child) =>
        c.out.stdout
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => (JSON.parse(l) as { url: string }).url);
      const taken = held.filter((u) => !storedAtDeath.has(u));
      expect(urls(w2)).toEqual(expect.arrayContaining(taken));
      for (const u of urls(w1)) expect(storedAtDeath.has(u)).toBe(true); // printed only once stored
      expect(pageLines(w2)).toBeGreaterThan(0);

      w2.child.kill('SIGTERM');
      expect(await w2.done).toBe(0);
      expect(w2.out.stderr).toMatch(/已停止：巡检 \d+ 页/);
    } finally {
      for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
      await Promise.all(servers.map((s) => s.close()));
    }
  }, 120_000);

  it('refuses bad queue arguments with one line, and an unreachable Redis with a clear one', async () => {
    expect(() => parseCrawlArgs(['a.csv', '--out', 'o', '--queue', 'http://x'], TODAY)).toThrow(/--queue must be a redis:\/\/HOST:PORT URL/);
    expect(() => parseCrawlArgs(['a.csv', '--out', 'o', '--queue', 'redis://x', '--state', 's'], TODAY)).toThrow(/exclude each other/);
    expect(() => parseWorkerArgs(['--worker'])).toThrow(/--worker needs --queue/);
    expect(() => parseWorkerArgs(['--worker', '--queue', 'redis://x', '--out', 'o'])).toThrow(InputError);
    expect(() => parseWorkerArgs(['--worker', '--queue', 'redis://x', 'sites.csv'])).toThrow(/takes no target/);
    expect(parseWorkerArgs(['--worker', '--queue=redis://h:1', '--concurrency', '2', '--lease', '5000'])).toEqual({
      queue: 'redis://h:1',
      concurrency: 2,
      leaseMs: 5000,
      json: false,
      lang: 'zh-CN',
    });
    const down = crawl(['--worker', '--queue', 'redis://127.0.0.1:1']);
    expect(await down.done).toBe(2);
    expect(down.out.stderr.trim()).toBe('govreview: cannot reach Redis at redis://127.0.0.1:1: ECONNREFUSED');
    expect(existsSync(join(tmp, 'never'))).toBe(false);
  }, 30_000);
});
