/**
 * `npm run crawl -- <url | sites.csv> --out DIR --queue redis://HOST:PORT […]` (the coordinator) and
 * `npm run crawl -- --worker --queue redis://HOST:PORT` (a worker, on each machine): 全站巡检 on many machines,
 * over BullMQ and Redis. The results are the same files as a local crawl's (cli/crawl-output.ts).
 *
 * Design:
 * - **One BullMQ job per page.** A job names a sweep (one site on one review date, `<id>.<gen>`) and a URL. The
 *   frontier and the results are a SweepStore in Redis (cli/queue-store.ts, the same contract as the memory,
 *   SQLite and IndexedDB stores); the jobs only deliver its items to workers. A worker claims the page a job names
 *   (moves it in flight), sweeps it with the core's per-page entry point (lib/sweep/sweep.ts `pageSweeper`: fetch,
 *   checks with the links, discovery), enqueues what it leads to (deduplicated by the sweep's `seen` set, within the
 *   page budget and the per-path query budget, counted in Redis), adds a job for each item added, then stores the
 *   result, which takes the page out of the frontier, in one Lua script. So a page leaves the frontier only after
 *   the pages it leads to have joined it: an empty frontier means the sweep is done and no page job of it is left.
 * - **Job ids are the sweep and the URL** (`<id>.<gen>-<sha1(url)>`): adding a job again while it waits or runs
 *   changes nothing. Whatever could lose a job (a worker killed between enqueuing items and adding their jobs, a job
 *   failed for good) is repaired by adding jobs again for the frontier: the worker that sweeps a page again adds
 *   jobs for the items it finds still queued, and the coordinator re-adds the whole frontier when it starts, when
 *   the queue holds no job while a sweep still has pages, and every RECONCILE_MS. A job whose page is no longer in
 *   the frontier (done, or of a generation `--fresh` replaced) is dropped unswept; a copy of a page swept twice
 *   (a worker thought dead) stores nothing and enqueues nothing.
 * - **A worker that dies mid-page**: BullMQ's lock on its job lapses after `--lease` ms, another worker's stalled
 *   check puts the job back and someone sweeps the page again (claiming a page in flight is allowed): nothing is
 *   lost, that page is fetched twice.
 * - **Priorities take turns between sweeps**: a job's priority is its item's place in its own sweep, so the n-th
 *   page of every sweep goes before the (n+1)-th of any; workers are not all stuck on one host while others wait.
 * - **The per-host cap holds across all workers**: every request (pages and link checks) goes through
 *   lib/sweep/polite-fetch.ts with slots from cli/queue-slots.ts, a semaphore per origin in Redis whose leases
 *   expire (a killed worker's slots come back after `--lease`), with `--delay` between starts, woken by pub/sub.
 * - **Link checks are shared**: each worker keeps a sweep's link results in the checker's cache and appends them to
 *   a list in Redis that the other workers read before each page, so a footer link is checked about once per sweep.
 * - **The coordinator** opens each site's sweep (its options and run in the sweep's meta, which workers read: a
 *   worker takes only --queue), enqueues the home page, then watches: it reads new results as they come (progress,
 *   --json page lines), and when a sweep's frontier is empty writes its pages.jsonl; at the end the summary.
 *   It keeps QUEUE_SITES_AT_ONCE sites going. Ctrl-C (or a kill) leaves the queue and the results in Redis: the
 *   workers go on, and the same command started again gathers. Each site's visits of its home page (站点无法访问)
 *   are kept in Redis across runs, as the SQLite state keeps them.
 */
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Agent, fetch as undiciFetch } from 'undici';
import { checks } from '../lib/checks';
import type { LinkCheckResult } from '../lib/links/link-checker';
import { politeFetch } from '../lib/sweep/polite-fetch';
import { normalizeUrl } from '../lib/sweep/scope';
import { type PageSweeper, pageSweeper, type SweepResources } from '../lib/sweep/sweep';
import type { PageResult, QueueItem } from '../lib/sweep/types';
import { type CrawlArgs, shownQueue, type WorkerArgs } from './crawl-args';
import type { NotSwept, SiteSummary } from './crawl-output';
import { rollupJson } from './crawl-output';
import { type CrawlIo, type CrawlOutcome, ProgressLines, siteLine, siteSummary, T, totalLine, writeSummary } from './crawl-run';
import type { CrawlSite, SiteList } from './crawl-sites';
import { InputError } from './errors';
import { loadNodeJieba } from './node-jieba';
import { loadNodeLanguageModel } from './node-language-model';
import { nodeSpeller } from './node-speller';
import { RedisHostSlots } from './queue-slots';
import { type Placed, QueueState, RedisSweepStore, type SweepConfig, type SweepMeta, storeFor } from './queue-store';
import { parseDocument } from './scan-target';

/** The BullMQ queue of every queued crawl on a Redis (its keys: `bull:govreview-crawl:…`). */
export const QUEUE_NAME = 'govreview-crawl';
/** Sites a coordinator keeps going at once (their pages take turns in the queue). */
export const QUEUE_SITES_AT_ONCE = 16;
/** How often the coordinator adds jobs again for its sweeps' frontiers (lost jobs come back at the latest then). */
export const RECONCILE_MS = 30_000;
/** How often the coordinator looks at its sweeps. */
const POLL_MS = 200;
/** BullMQ's highest priority number (its lowest priority). */
const MAX_PRIORITY = 2_097_151;
/** Sweeps whose page sweepers (and link caches) a worker keeps. */
const CONTEXTS = 32;

/** What a job carries: the sweep (`<id>.<gen>`) and the page's URL. */
export interface PageJob {
  sweep: string;
  url: string;
}

const JOB_OPTIONS = {
  // A job throws only when Redis fails it (a page that fails is a result): try again a few times.
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: true,
  removeOnFail: true,
} as const;

/** A page's job id: the same page of the same sweep is one job. */
export const jobIdOf = (sweep: string, url: string) => `${sweep}-${createHash('sha1').update(url).digest('hex').slice(0, 24)}`;

/** Adds a job for each item (those of one URL once); adding one that exists changes nothing. */
export async function addJobs(queue: Queue, sweep: string, items: readonly Placed[]): Promise<void> {
  const seen = new Set<string>();
  const jobs = [];
  for (const { item, seq } of items) {
    if (seen.has(item.url)) continue;
    seen.add(item.url);
    const data: PageJob = { sweep, url: item.url };
    jobs.push({ name: 'page', data, opts: { ...JOB_OPTIONS, jobId: jobIdOf(sweep, item.url), priority: Math.min(MAX_PRIORITY, Math.max(1, seq)) } });
  }
  for (let i = 0; i < jobs.length; i += 500) await queue.addBulk(jobs.slice(i, i + 500));
}

/** Connects to Redis (commands wait while it reconnects); an InputError when it does not answer at first. */
export async function connectRedis(url: string, name: string): Promise<Redis> {
  let last = '';
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: null,
    connectTimeout: 5000,
    connectionName: name.replace(/[^\w.-]/g, '_'),
    retryStrategy: (n) => Math.min(n * 200, 2000),
  });
  redis.on('error', (e: Error & { code?: string }) => {
    last = e.code ?? e.message;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    redis.disconnect();
    throw new InputError(`cannot reach Redis at ${shownQueue(url)}: ${last || (e as Error).message}`);
  }
  return redis;
}

/** The checks' resources, loaded once per process (as the local crawl loads them). */
const resources = async (): Promise<SweepResources> => ({
  segmenter: await loadNodeJieba(),
  languageModel: loadNodeLanguageModel(),
  speller: nodeSpeller(),
});

/**
 * A sweep's link results as the checker's cache (lib/links/link-checker.ts `cache`): what this worker checks is
 * appended to the sweep's list in Redis, and `sync` takes in what the other workers appended since.
 */
class SharedLinkCache extends Map<string, LinkCheckResult> {
  private cursor = 0;

  constructor(private readonly store: RedisSweepStore) {
    super();
  }

  override set(key: string, value: LinkCheckResult): this {
    const had = super.has(key);
    super.set(key, value);
    if (!had && this.store) this.store.addLinkResult(key, value).catch(() => undefined);
    return this;
  }

  async sync(): Promise<void> {
    const from = this.cursor;
    const rows = await this.store.linkResults(from);
    this.cursor = Math.max(this.cursor, from + rows.length);
    for (const [k, v] of rows) if (!super.has(k)) super.set(k, v);
  }
}

/** Where a worker writes and what stops it (the process's streams and signals, or a test's). */
export interface WorkerIo {
  stdout(s: string): void;
  stderr(s: string): void;
  tty: boolean;
  /** Aborted: the worker finishes its pages in flight and stops. */
  signal?: AbortSignal;
  /** Tests substitute the network (default: undici). */
  fetch?: typeof globalThis.fetch;
  /** The worker's name in the jobs and the JSON lines (default host-pid). */
  name?: string;
  /** After each page this worker stored (tests and the benchmark). */
  onPage?: (r: PageResult, sweep: string) => void;
}

/** A worker's own words. */
const W = {
  'zh-CN': {
    ready: (name: string, queue: string) => `worker ${name} 已连接 ${queue}，等待巡检任务（Ctrl-C 停止）`,
    live: (name: string, pages: number, active: number) => `worker ${name}：已巡检 ${pages} 页，进行中 ${active} 页`,
    stopping: '正在停止：等待进行中的页面完成（再按 Ctrl-C 立即退出，页面由其他 worker 接手）',
    stopped: (name: string, pages: number) => `worker ${name} 已停止：巡检 ${pages} 页`,
  },
  en: {
    ready: (name: string, queue: string) => `worker ${name} connected to ${queue}, waiting for pages (Ctrl-C stops)`,
    live: (name: string, pages: number, active: number) => `worker ${name}: ${pages} pages done, ${active} in progress`,
    stopping: 'stopping: finishing the pages in flight (Ctrl-C again to quit now; other workers take them over)',
    stopped: (name: string, pages: number) => `worker ${name} stopped: ${pages} pages`,
  },
} as const;

/** What a worker keeps per sweep: its page sweeper (with the link cache), built from the sweep's meta. */
interface SweepContext {
  sweeper: PageSweeper;
  links?: SharedLinkCache;
  /** The meta it was built from (options, review date, site): a coordinator that changed them makes a new one. */
  basis: string;
  label: string;
}

/** Runs a worker until `io.signal` aborts; returns the pages it swept. */
export async function runWorker(args: WorkerArgs, io: WorkerIo): Promise<{ code: number; pages: number }> {
  const t = W[args.lang];
  const name = (io.name ?? `${hostname()}-${process.pid}`).replace(/[^\w.-]/g, '_');
  const redis = await connectRedis(args.queue, `govreview-worker-${name}`);
  const slots = new RedisHostSlots(redis, { leaseMs: args.leaseMs, id: name });
  const dispatcher = new Agent({ connections: 32 });
  const baseFetch =
    io.fetch ??
    (((input: RequestInfo | URL, init?: RequestInit) =>
      undiciFetch(input as never, { ...(init as object), dispatcher } as never)) as unknown as typeof globalThis.fetch);
  const queue = new Queue(QUEUE_NAME, { connection: redis });
  const contexts = new Map<string, SweepContext>();
  let pages = 0;
  let active = 0;
  let worker: Worker | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  try {
    await slots.start();
    // jieba and the model load before the first job: loading blocks the event loop (and the job locks' renewal).
    await resources();

    const contextOf = (key: string, meta: SweepMeta, store: RedisSweepStore): SweepContext => {
      const basis = JSON.stringify([meta.site, meta.today, meta.config]);
      let c = contexts.get(key);
      if (c?.basis !== basis) {
        const links = meta.config.links ? new SharedLinkCache(store) : undefined;
        const polite = politeFetch({ fetch: baseFetch, slots: slots.limits(meta.config.perHost, meta.config.delayMs) });
        c = {
          sweeper: pageSweeper(meta.site, {
            today: meta.today,
            fetch: polite.fetch,
            parse: parseDocument,
            checks,
            resources,
            perHost: meta.config.perHost,
            articlesPerColumn: meta.config.articles,
            checkLinks: meta.config.links,
            ...(links && { linkCache: links }),
          }),
          ...(links && { links }),
          basis,
          label: meta.site.name || new URL(meta.siteKey || meta.site.url).host,
        };
      }
      // Most recently used last; the oldest go.
      contexts.delete(key);
      contexts.set(key, c);
      for (const old of contexts.keys()) if (contexts.size > CONTEXTS) contexts.delete(old);
      return c;
    };

    const sweepJob = async (job: Job<PageJob>): Promise<string> => {
      const { sweep, url } = job.data;
      const claimed = await new RedisSweepStore(redis, sweep).claim(url);
      if (!claimed) return 'obsolete';
      const { item, meta } = claimed;
      const store = storeFor(redis, sweep, meta);
      const ctx = contextOf(sweep, meta, store);
      if (meta.homeFinal) ctx.sweeper.noteHome(meta.homeFinal);
      active++;
      try {
        await ctx.links?.sync();
        const follow = async (items: QueueItem[]) => {
          const { added, waiting } = await store.enqueueFrom(item.url, items);
          await addJobs(queue, sweep, [...added, ...waiting]);
        };
        const result = await ctx.sweeper.visit(item, follow);
        if (!(await store.completeResult(result))) return 'duplicate';
        pages++;
        io.onPage?.(result, sweep);
        if (args.json)
          io.stdout(
            `${JSON.stringify({ type: 'page', worker: name, site: ctx.label, url: result.url, kind: result.kind, outcome: result.outcome, findings: result.findings.length, ...(result.error && { error: result.error }) })}\n`,
          );
        return result.outcome;
      } finally {
        active--;
      }
    };

    worker = new Worker<PageJob, string>(QUEUE_NAME, sweepJob, {
      connection: redis,
      name,
      concurrency: args.concurrency,
      lockDuration: args.leaseMs,
      // A job whose worker died is put back within about lockDuration + 2 × stalledInterval.
      stalledInterval: Math.max(500, Math.floor(args.leaseMs / 4)),
      maxStalledCount: 10,
      autorun: false,
    });
    worker.on('error', (err) => {
      if (process.env.GOVREVIEW_DEBUG) io.stderr(`worker error: ${err.message}\n`);
    });
    worker.run().catch((err: Error) => io.stderr(`worker stopped: ${err.message}\n`));
    await worker.waitUntilReady();
    io.stderr(`${t.ready(name, shownQueue(args.queue))}\n`);
    if (io.tty) {
      timer = setInterval(() => io.stderr(`\r\x1b[2K${t.live(name, pages, active)}`), 500);
      timer.unref();
    }
    await new Promise<void>((resolve) => {
      if (!io.signal || io.signal.aborted) return resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    io.stderr(`${io.tty ? '\r\x1b[2K' : ''}${t.stopping}\n`);
    await worker.close();
    io.stderr(`${io.tty ? '\r\x1b[2K' : ''}${t.stopped(name, pages)}\n`);
    return { code: 0, pages };
  } finally {
    clearInterval(timer);
    await worker?.close(true).catch(() => undefined);
    await queue.close().catch(() => undefined);
    await slots.close();
    await dispatcher.close().catch(() => undefined);
    redis.disconnect();
  }
}

/** One site of a queued crawl, as the coordinator follows it. */
interface Followed {
  s: CrawlSite;
  key: string;
  store: RedisSweepStore;
  label: string;
  results: PageResult[];
  /** Results there before this run started (no page line for them). */
  before: number;
  columns: number;
  findings: number;
}

/** Sleeps `ms`, or less when `signal` aborts. */
const nap = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** Words of the coordinator beyond a local crawl's. */
export const COORDINATOR_WORDS = {
  'zh-CN': {
    noWorker: (queue: string) => `队列中有待巡检的页面，但没有 worker：请在各台机器上运行 npm run crawl -- --worker --queue ${queue}`,
    stopping: '正在停止：队列和结果保留在 Redis 中，worker 继续巡检；再次运行同一命令汇总结果（再按 Ctrl-C 立即退出）',
  },
  en: {
    noWorker: (queue: string) => `pages are waiting in the queue but no worker takes them: run npm run crawl -- --worker --queue ${queue} on each machine`,
    stopping: 'stopping: the queue and the results stay in Redis and the workers go on; run the same command again to gather (Ctrl-C again to quit now)',
  },
} as const;

/**
 * The coordinator: puts the listed sites' sweeps on the queue, follows them until each frontier is empty, and
 * writes the same outputs as a local crawl. Never throws for one site's failure.
 */
export async function runQueuedCrawl(args: CrawlArgs, list: SiteList, io: CrawlIo): Promise<CrawlOutcome> {
  if (!args.queue) throw new InputError('--queue is required');
  const t = T[args.lang];
  const c = COORDINATOR_WORDS[args.lang];
  const shown = shownQueue(args.queue);
  const progress = new ProgressLines(io);
  const emit = (obj: object) => {
    if (args.json) io.stdout(`${JSON.stringify(obj)}\n`);
  };
  for (const s of list.skipped) {
    progress.print(t.skipped(s));
    emit({ type: 'skipped', line: s.line, name: s.name, url: s.url, reason: s.reason });
  }
  const redis = await connectRedis(args.queue, 'govreview-coordinator');
  const state = new QueueState(redis);
  const queue = new Queue(QUEUE_NAME, { connection: redis });
  const sites: SiteSummary[] = [];
  const notSwept: NotSwept[] = [];
  let failures = 0;
  try {
    const started = new Date();
    const config: SweepConfig = { perHost: args.perHost, delayMs: args.delayMs, maxPages: args.maxPages, articles: args.articles, links: args.links };
    const run = {
      id: await state.startRun({ target: args.target, today: args.today, ...config, fresh: args.fresh }, started),
      started: started.toISOString(),
    };

    /** Opens a site's sweep (over again with --fresh, or when its home page did not open last time) and enqueues its home page. */
    const open = async (s: CrawlSite): Promise<Followed> => {
      const meta = { site: s.site, siteKey: s.key, today: args.today, config, run };
      if (args.fresh) {
        await state.forget(s.key);
        await rm(join(args.out, s.slug, 'pages.jsonl'), { force: true });
      }
      let key = await state.open(meta);
      let store = state.store(key);
      let results = await store.results();
      const home = results.find((r) => r.kind === 'home');
      if (home && home.outcome !== 'ok' && home.outcome !== 'too-large') {
        // Tried again: another visit (its sweep held nothing else).
        await state.forget(s.key, args.today);
        key = await state.open(meta);
        store = state.store(key);
        results = [];
      }
      const homeUrl = normalizeUrl(s.site.url) ?? s.key;
      if (!(await store.started())) await store.enqueueFrom('', [{ url: homeUrl, kind: 'home', depth: 0, column: '', from: '' }]);
      // Resumed: jobs of the frontier that were lost come back (those that exist are left as they are).
      await addJobs(queue, key, await store.frontier());
      const label = s.site.name || new URL(s.key).host;
      return {
        s,
        key,
        store,
        label,
        results,
        before: results.length,
        columns: results.filter((r) => r.columnInfo).length,
        findings: results.reduce((n, r) => n + r.findings.length, 0),
      };
    };

    /** Writes a site's outputs (done, or stopped with pages pending). */
    const finish = async (f: Followed, pending: number) => {
      try {
        const summary = await siteSummary(args, f.s, f.results, await state.visits(f.s.key), pending);
        sites.push(summary);
        progress.print(siteLine(t, f.label, summary), f.s.key);
        emit({ type: 'site', ...rollupJson(summary) });
      } catch (err) {
        failures++;
        const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
        notSwept.push({ line: f.s.line, slug: f.s.slug, site: f.s.site, reason: `巡检出错：${msg}` });
        progress.print(t.failed(f.label, msg), f.s.key);
        emit({ type: 'site', line: f.s.line, slug: f.s.slug, site: f.s.site, error: msg });
      }
    };

    const waiting = [...list.sites];
    const active: Followed[] = [];
    let reconciled = Date.now();
    let moved = Date.now();
    let hinted = false;
    while (!io.signal?.aborted) {
      while (active.length < QUEUE_SITES_AT_ONCE && waiting.length && !io.signal?.aborted) {
        const s = waiting.shift() as CrawlSite;
        try {
          active.push(await open(s));
        } catch (err) {
          failures++;
          const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
          notSwept.push({ line: s.line, slug: s.slug, site: s.site, reason: `巡检出错：${msg}` });
          progress.print(t.failed(s.site.name || s.key, msg), s.key);
        }
      }
      if (!active.length) break;
      let anyPending = false;
      for (const f of [...active]) {
        const fresh = await f.store.resultsFrom(f.results.length);
        for (const r of fresh) {
          f.results.push(r);
          f.findings += r.findings.length;
          if (r.columnInfo) f.columns++;
          emit({ type: 'page', site: f.label, url: r.url, kind: r.kind, outcome: r.outcome, findings: r.findings.length, ...(r.error && { error: r.error }) });
        }
        if (fresh.length) moved = Date.now();
        const pending = await f.store.pending();
        if (pending === 0) {
          // The results stored before the frontier emptied are all read: none can come after.
          f.results.push(...(await f.store.resultsFrom(f.results.length)));
          active.splice(active.indexOf(f), 1);
          await finish(f, 0);
          continue;
        }
        anyPending = true;
        progress.set(f.s.key, t.progress(f.label, { site: f.label, done: f.results.length, queued: pending, columns: f.columns, findings: f.findings }));
      }
      if (anyPending) {
        const counts = await queue.getJobCounts('active', 'waiting', 'prioritized', 'delayed');
        const jobs = Object.values(counts).reduce((n, x) => n + x, 0);
        if (!jobs || Date.now() - reconciled > RECONCILE_MS) {
          for (const f of active) await addJobs(queue, f.key, await f.store.frontier());
          reconciled = Date.now();
        }
        if (!hinted && Date.now() - moved > 10_000 && (await queue.getWorkersCount()) === 0) {
          hinted = true;
          progress.print(c.noWorker(shown));
        }
      }
      await nap(POLL_MS, io.signal);
    }
    // Stopped: what is there is written, with the pages still pending.
    for (const f of active) {
      f.results.push(...(await f.store.resultsFrom(f.results.length)));
      await finish(f, await f.store.pending());
    }
    for (const s of waiting) notSwept.push({ line: s.line, slug: s.slug, site: s.site, reason: '巡检已停止' });
  } finally {
    progress.end();
    await queue.close().catch(() => undefined);
    redis.disconnect();
  }
  await writeSummary(args, list, sites, notSwept, { queue: shown });
  if (!args.json) io.stdout(`${totalLine(t, args, list, sites)}\n`);
  const stopped = !!io.signal?.aborted && (notSwept.length > failures || sites.some((s) => s.pending));
  return { code: failures ? 3 : stopped ? 130 : 0, sites, skipped: list.skipped, notSwept };
}
