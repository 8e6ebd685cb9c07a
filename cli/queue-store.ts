/**
 * The state of `npm run crawl -- … --queue redis://…` in Redis (cli/crawl-queue.ts): each sweep's frontier and
 * results, the link checks its workers share, and each site's visits of its home page (站点无法访问), so that any
 * worker on any machine takes any page of any sweep, and a coordinator started again gathers what was done.
 *
 * A sweep is one site on one review date, as in the SQLite state (cli/sqlite-store.ts); its keys carry a
 * generation (`<id>.<gen>`), which `--fresh` (or a home page to be tried again) replaces, so that a job of the
 * generation before finds nothing to claim. Keys (prefix `govreview:`):
 *
 * - `sweeps` (hash): sweep id → its current generation; `site:<site id>:sweeps` (set): the sweep ids of a site;
 * - `sweep:<id>.<gen>:meta` (hash): the site, review date, options, run, where the home page ended;
 * - `…:seen` (set): every URL ever enqueued; `…:items` (hash): URL → the QueueItem's JSON while it is in the
 *   frontier; `…:queued` and `…:inflight` (sorted sets): its URLs by enqueue order (`…:seq`, a counter);
 * - `…:results` (list): each PageResult's JSON, in completion order;
 * - `…:queries`, `…:qcount` (hashes): the distinct queries followed per path (scope.ts MAX_QUERIES_PER_PATH);
 * - `…:links` (list): link-check results, appended by each worker, read by the others (the link cache);
 * - `visits:<site id>` (list): each run's visit of the home page; `runs` (counter), `run:<id>` (hash).
 *
 * Every SweepStore method is one Lua script (atomic): a worker killed between two calls leaves at worst a page to
 * fetch again. Each script first checks that the sweep's meta exists: a job of a forgotten generation changes nothing.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { LinkCheckResult } from '../lib/links/link-checker';
import { MAX_QUERIES_PER_PATH } from '../lib/sweep/scope';
import type { PageResult, QueueItem, SweepSite, SweepStore } from '../lib/sweep/types';
import type { Visit } from './sqlite-store';

/** The prefix of every key of the queue's state (BullMQ's own keys are `bull:govreview-crawl:…`). */
export const KEY_PREFIX = 'govreview';

/** What a crawl's sweeps are run with (the coordinator's arguments; every worker reads them from the sweep's meta). */
export interface SweepConfig {
  perHost: number;
  delayMs: number;
  maxPages: number;
  articles: number;
  links: boolean;
}

/** A sweep's meta as workers read it when they claim one of its pages. */
export interface SweepMeta {
  site: SweepSite;
  /** The normalized home URL (the site's key, as in the SQLite state). */
  siteKey: string;
  today: string;
  config: SweepConfig;
  /** The coordinator's run that started or resumed the sweep: the home page's fetch is its visit. */
  run?: { id: number; started: string };
  /** Where the home page ended, once fetched (its host joins the site's). */
  homeFinal?: string;
}

/** An item of the frontier and its place in it (a job's priority: pages of many sweeps take turns). */
export interface Placed {
  item: QueueItem;
  seq: number;
}

const hash = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 16);
/** A site's id in the keys. */
export const siteId = (siteKey: string) => hash(siteKey);
/** The list of a site's visits of its home page. */
const visitsKey = (siteKey: string) => `${KEY_PREFIX}:visits:${siteId(siteKey)}`;
/** A sweep's id (one site, one review date), without its generation. */
export const sweepId = (siteKey: string, today: string) => hash(`${siteKey}\n${today}`);

/** The keys of one sweep (`key` is `<id>.<gen>`). */
function keysOf(key: string) {
  const p = `${KEY_PREFIX}:sweep:${key}`;
  return {
    meta: `${p}:meta`,
    seq: `${p}:seq`,
    seen: `${p}:seen`,
    items: `${p}:items`,
    queued: `${p}:queued`,
    inflight: `${p}:inflight`,
    results: `${p}:results`,
    queries: `${p}:queries`,
    qcount: `${p}:qcount`,
    links: `${p}:links`,
  };
}

// KEYS: meta seen items queued seq queries qcount. ARGV: maxPages (0: none), maxQueries (0: none), parent URL ('' or
// a URL that must still be in the frontier), then per item: url, JSON, origin+path ('' without a query), query.
// Returns { added: url, seq, …; waiting: url, seq, … } (waiting: seen before and still queued).
const ENQUEUE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {{}, {}} end
if ARGV[3] ~= '' and redis.call('HEXISTS', KEYS[3], ARGV[3]) == 0 then return {{}, {}} end
local max = tonumber(ARGV[1])
local maxq = tonumber(ARGV[2])
local added, waiting = {}, {}
for i = 4, #ARGV, 4 do
  local url, item, path, query = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local allowed = true
  if path ~= '' and maxq > 0 then
    local field = path .. ' ' .. query
    if redis.call('HEXISTS', KEYS[6], field) == 0 then
      if tonumber(redis.call('HGET', KEYS[7], path) or '0') >= maxq then
        allowed = false
      else
        redis.call('HSET', KEYS[6], field, '1')
        redis.call('HINCRBY', KEYS[7], path, 1)
      end
    end
  end
  if allowed then
    if redis.call('SISMEMBER', KEYS[2], url) == 0 then
      if max <= 0 or redis.call('SCARD', KEYS[2]) < max then
        redis.call('SADD', KEYS[2], url)
        local seq = redis.call('INCR', KEYS[5])
        redis.call('HSET', KEYS[3], url, item)
        redis.call('ZADD', KEYS[4], seq, url)
        table.insert(added, url)
        table.insert(added, seq)
      end
    else
      local seq = redis.call('ZSCORE', KEYS[4], url)
      if seq then
        table.insert(waiting, url)
        table.insert(waiting, seq)
      end
    end
  end
end
return {added, waiting}
`;

// KEYS: meta queued inflight items. ARGV: n. The n oldest queued items, moved in flight (keeping their place).
const TAKE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
local out = {}
local rows = redis.call('ZRANGE', KEYS[2], 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')
for i = 1, #rows, 2 do
  redis.call('ZREM', KEYS[2], rows[i])
  redis.call('ZADD', KEYS[3], rows[i + 1], rows[i])
  table.insert(out, redis.call('HGET', KEYS[4], rows[i]))
end
return out
`;

// KEYS: meta queued inflight items. ARGV: url. A page named by a job, moved in flight (already in flight: the job
// was retried after its worker died); returns its JSON and the meta, or nil when it is not in the frontier (done, or
// of a forgotten generation: the job is obsolete).
const CLAIM = `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
local seq = redis.call('ZSCORE', KEYS[2], ARGV[1])
if seq then
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('ZADD', KEYS[3], seq, ARGV[1])
elseif not redis.call('ZSCORE', KEYS[3], ARGV[1]) then
  return false
end
local out = {redis.call('HGET', KEYS[4], ARGV[1])}
for _, v in ipairs(redis.call('HGETALL', KEYS[1])) do table.insert(out, v) end
return out
`;

// KEYS: meta queued inflight items results visits. ARGV: url, result JSON, the home page's final URL (''), a visit's
// JSON (''). Stores a result and takes its page out of the frontier in one step; a page not in the frontier (done
// already by a worker thought dead) is ignored. Returns 1 when stored.
const COMPLETE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HEXISTS', KEYS[4], ARGV[1]) == 0 then return 0 end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('HDEL', KEYS[4], ARGV[1])
redis.call('RPUSH', KEYS[5], ARGV[2])
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'homeFinal', ARGV[3]) end
if ARGV[4] ~= '' then redis.call('RPUSH', KEYS[6], ARGV[4]) end
return 1
`;

// KEYS: queued inflight. Items in flight go back to the queue at their old places.
const REQUEUE = `
local rows = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
for i = 1, #rows, 2 do redis.call('ZADD', KEYS[1], rows[i + 1], rows[i]) end
redis.call('DEL', KEYS[2])
return #rows / 2
`;

type ScriptRedis = Redis & {
  grEnqueue(...args: Array<string | number>): Promise<[Array<string | number>, Array<string | number>]>;
  grTake(...args: Array<string | number>): Promise<string[]>;
  grClaim(...args: Array<string | number>): Promise<string[] | null>;
  grComplete(...args: Array<string | number>): Promise<number>;
  grRequeue(...args: Array<string | number>): Promise<number>;
};

/** Defines the store's scripts on a connection (once; ioredis sends EVALSHA, loading a script when Redis lacks it). */
function withScripts(redis: Redis): ScriptRedis {
  const r = redis as ScriptRedis;
  if (typeof r.grEnqueue !== 'function') {
    redis.defineCommand('grEnqueue', { numberOfKeys: 7, lua: ENQUEUE });
    redis.defineCommand('grTake', { numberOfKeys: 4, lua: TAKE });
    redis.defineCommand('grClaim', { numberOfKeys: 4, lua: CLAIM });
    redis.defineCommand('grComplete', { numberOfKeys: 6, lua: COMPLETE });
    redis.defineCommand('grRequeue', { numberOfKeys: 2, lua: REQUEUE });
  }
  return r;
}

/** Pairs [url, seq, url, seq …] back to the items given (the first of each URL). */
function placed(flat: Array<string | number>, byUrl: Map<string, QueueItem>): Placed[] {
  const out: Placed[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    const item = byUrl.get(String(flat[i]));
    if (item) out.push({ item, seq: Number(flat[i + 1]) });
  }
  return out;
}

/** Whether a page that answered counts as open (the roll-up's rule). */
const opened = (r: PageResult) => r.outcome === 'ok' || r.outcome === 'too-large';

/** Options of a RedisSweepStore beyond its sweep. */
export interface RedisStoreOptions {
  /** The page budget (maxPages): URLs enqueued at most, counted in Redis across workers. Default none. */
  maxPages?: number;
  /** Distinct queries followed per path (scope.ts QueryBudget, across workers). Default none. */
  maxQueries?: number;
  /** Completing the home page records this run's visit of the site (站点无法访问), as the SQLite store does. */
  visitOf?: { run: { id: number; started: string }; today: string; siteKey: string };
}

/**
 * A SweepStore in Redis (the contract of lib/sweep/types.ts; tests/unit/sweep/store-contract.ts runs against it),
 * plus what the queue's workers need: claiming the page a job names, enqueuing within the page and query budgets
 * (and only while the page that found the items is still in the frontier), the frontier with each item's place.
 */
export class RedisSweepStore implements SweepStore {
  private readonly k: ReturnType<typeof keysOf>;
  private readonly redis: ScriptRedis;

  constructor(
    redis: Redis,
    /** The sweep's `<id>.<gen>`. */
    readonly key: string,
    private readonly opts: RedisStoreOptions = {},
  ) {
    this.redis = withScripts(redis);
    this.k = keysOf(key);
  }

  /** Enqueues as the contract says; returns the items added. */
  async enqueue(items: readonly QueueItem[]): Promise<QueueItem[]> {
    return (await this.enqueueFrom('', items)).added.map((p) => p.item);
  }

  /**
   * Enqueues what the page `parent` leads to ('' for none), unless `parent` has left the frontier meanwhile (a
   * second worker's copy of a page already done). Returns the items added, and those seen before that still wait
   * (their jobs may have been lost with a killed worker: adding a job again is harmless).
   */
  async enqueueFrom(parent: string, items: readonly QueueItem[]): Promise<{ added: Placed[]; waiting: Placed[] }> {
    if (!items.length) return { added: [], waiting: [] };
    const args: Array<string | number> = [this.opts.maxPages ?? 0, this.opts.maxQueries ?? 0, parent];
    const byUrl = new Map<string, QueueItem>();
    for (const item of items) {
      if (!byUrl.has(item.url)) byUrl.set(item.url, item);
      const u = new URL(item.url);
      args.push(item.url, JSON.stringify(item), u.search ? u.origin + u.pathname : '', u.search);
    }
    const k = this.k;
    const [added, waiting] = await this.redis.grEnqueue(k.meta, k.seen, k.items, k.queued, k.seq, k.queries, k.qcount, ...args);
    return { added: placed(added, byUrl), waiting: placed(waiting, byUrl) };
  }

  async take(n: number): Promise<QueueItem[]> {
    if (n <= 0) return [];
    const k = this.k;
    const rows = await this.redis.grTake(k.meta, k.queued, k.inflight, k.items, n);
    return rows.map((r) => JSON.parse(r) as QueueItem);
  }

  /** The page a job names, moved in flight, with the sweep's meta; undefined when the job is obsolete. */
  async claim(url: string): Promise<{ item: QueueItem; meta: SweepMeta } | undefined> {
    const k = this.k;
    const row = await this.redis.grClaim(k.meta, k.queued, k.inflight, k.items, url);
    if (!row) return undefined;
    const fields: Record<string, string> = {};
    for (let i = 1; i < row.length; i += 2) fields[row[i]] = row[i + 1];
    return { item: JSON.parse(row[0]) as QueueItem, meta: parseMeta(fields) };
  }

  async complete(result: PageResult): Promise<void> {
    await this.completeResult(result);
  }

  /** Stores a page's result; false when its page was not in the frontier (done already, or forgotten). */
  async completeResult(result: PageResult): Promise<boolean> {
    const k = this.k;
    const home = result.kind === 'home';
    const by = this.opts.visitOf;
    let visit = '';
    if (home && by) {
      const ok = opened(result);
      const v: Visit = {
        run: by.run.id,
        today: by.today,
        started: by.run.started,
        outcome: ok ? 'ok' : 'failed',
        ms: Math.round(result.ms),
        ...(!ok && { reason: result.error ?? result.outcome }),
      };
      visit = JSON.stringify(v);
    }
    const stored = await this.redis.grComplete(
      k.meta,
      k.queued,
      k.inflight,
      k.items,
      k.results,
      by ? visitsKey(by.siteKey) : `${KEY_PREFIX}:visits:-`,
      result.url,
      JSON.stringify(result),
      home ? result.finalUrl : '',
      visit,
    );
    return stored === 1;
  }

  async requeueInFlight(): Promise<void> {
    await this.redis.grRequeue(this.k.queued, this.k.inflight);
  }

  async pending(): Promise<number> {
    const [[, q], [, f]] = (await this.redis.multi().zcard(this.k.queued).zcard(this.k.inflight).exec()) as [[null, number], [null, number]];
    return q + f;
  }

  async results(): Promise<PageResult[]> {
    return this.resultsFrom(0);
  }

  /** The results from the `from`-th on (the coordinator reads them as they come). */
  async resultsFrom(from: number): Promise<PageResult[]> {
    return (await this.redis.lrange(this.k.results, from, -1)).map((r) => JSON.parse(r) as PageResult);
  }

  /** Every item of the frontier (queued and in flight) with its place, oldest first. */
  async frontier(): Promise<Placed[]> {
    const [queued, inflight] = await Promise.all([
      this.redis.zrange(this.k.queued, 0, -1, 'WITHSCORES'),
      this.redis.zrange(this.k.inflight, 0, -1, 'WITHSCORES'),
    ]);
    const rows: Array<[string, number]> = [];
    for (const flat of [queued, inflight]) for (let i = 0; i < flat.length; i += 2) rows.push([flat[i], Number(flat[i + 1])]);
    if (!rows.length) return [];
    const json = await this.redis.hmget(this.k.items, ...rows.map(([url]) => url));
    return rows
      .map(([, seq], i) => ({ json: json[i], seq }))
      .filter((r): r is { json: string; seq: number } => !!r.json)
      .map((r) => ({ item: JSON.parse(r.json) as QueueItem, seq: r.seq }))
      .sort((a, b) => a.seq - b.seq);
  }

  /** Whether anything was ever enqueued. */
  async started(): Promise<boolean> {
    return (await this.redis.scard(this.k.seen)) > 0;
  }

  /** Link-check results from the `from`-th on, as workers appended them. */
  async linkResults(from: number): Promise<Array<[string, LinkCheckResult]>> {
    return (await this.redis.lrange(this.k.links, from, -1)).map((r) => JSON.parse(r) as [string, LinkCheckResult]);
  }

  /** Appends a link-check result for the other workers. */
  async addLinkResult(url: string, result: LinkCheckResult): Promise<void> {
    await this.redis.rpush(this.k.links, JSON.stringify([url, result]));
  }
}

/** A meta hash as read from Redis. */
function parseMeta(f: Record<string, string>): SweepMeta {
  return {
    site: JSON.parse(f.site ?? '{}') as SweepSite,
    siteKey: f.siteKey ?? '',
    today: f.today ?? '',
    config: JSON.parse(f.config ?? '{}') as SweepConfig,
    ...(f.run && { run: JSON.parse(f.run) as { id: number; started: string } }),
    ...(f.homeFinal && { homeFinal: f.homeFinal }),
  };
}

/** The store a worker uses for a page of the sweep `key` whose meta it claimed: the crawl's budgets, its run's visit. */
export function storeFor(redis: Redis, key: string, meta: SweepMeta): RedisSweepStore {
  return new RedisSweepStore(redis, key, {
    maxPages: meta.config.maxPages,
    maxQueries: MAX_QUERIES_PER_PATH,
    ...(meta.run && { visitOf: { run: meta.run, today: meta.today, siteKey: meta.siteKey } }),
  });
}

/** The crawl's state in Redis: its runs, its sweeps (by site and review date) and the sites' visits. */
export class QueueState {
  constructor(readonly redis: Redis) {}

  /** Records the start of a coordinator's run; returns its id (visits name it). */
  async startRun(args: unknown, started = new Date()): Promise<number> {
    const id = await this.redis.incr(`${KEY_PREFIX}:runs`);
    await this.redis.hset(`${KEY_PREFIX}:run:${id}`, { started: started.toISOString(), pid: String(process.pid), args: JSON.stringify(args) });
    return id;
  }

  /** The current `<id>.<gen>` of the sweep of `siteKey` on `today`, when there is one. */
  async current(siteKey: string, today: string): Promise<string | undefined> {
    const id = sweepId(siteKey, today);
    const gen = await this.redis.hget(`${KEY_PREFIX}:sweeps`, id);
    return gen ? `${id}.${gen}` : undefined;
  }

  /**
   * The sweep of `site` on `today` (a new generation when there is none), its meta set to `meta` (options and run
   * as the coordinator gives them now; where the home page ended is kept). Returns its `<id>.<gen>`.
   */
  async open(meta: Omit<SweepMeta, 'homeFinal'>): Promise<string> {
    const id = sweepId(meta.siteKey, meta.today);
    let key = await this.current(meta.siteKey, meta.today);
    if (!key) {
      const gen = randomBytes(4).toString('hex');
      // Another coordinator may have opened it meanwhile: the first generation written wins.
      await this.redis.hsetnx(`${KEY_PREFIX}:sweeps`, id, gen);
      key = (await this.current(meta.siteKey, meta.today)) as string;
      await this.redis.sadd(`${KEY_PREFIX}:site:${siteId(meta.siteKey)}:sweeps`, id);
    }
    await this.redis.hset(keysOf(key).meta, {
      site: JSON.stringify(meta.site),
      siteKey: meta.siteKey,
      today: meta.today,
      config: JSON.stringify(meta.config),
      ...(meta.run && { run: JSON.stringify(meta.run) }),
    });
    return key;
  }

  /**
   * Forgets the frontier and results of `siteKey`'s sweep on `today`, or of every sweep of it (`--fresh`): their
   * keys go and their generation is replaced, so that jobs left in the queue find nothing to claim. Visits stay.
   */
  async forget(siteKey: string, today?: string): Promise<void> {
    const ids = today === undefined ? await this.redis.smembers(`${KEY_PREFIX}:site:${siteId(siteKey)}:sweeps`) : [sweepId(siteKey, today)];
    for (const id of ids) {
      const gen = await this.redis.hget(`${KEY_PREFIX}:sweeps`, id);
      await this.redis.hdel(`${KEY_PREFIX}:sweeps`, id);
      if (gen) await this.redis.del(...Object.values(keysOf(`${id}.${gen}`)));
    }
  }

  /** The store of the sweep `key`, for the coordinator and tests (no budgets, no visits). */
  store(key: string, opts: RedisStoreOptions = {}): RedisSweepStore {
    return new RedisSweepStore(this.redis, key, opts);
  }

  /** Every recorded visit of `siteKey`'s home page, oldest first. */
  async visits(siteKey: string): Promise<Visit[]> {
    return (await this.redis.lrange(visitsKey(siteKey), 0, -1)).map((v) => JSON.parse(v) as Visit);
  }
}
