/**
 * The per-host cap of `npm run crawl -- … --queue` across every worker on every machine: a counting semaphore per
 * origin in Redis, for lib/sweep/polite-fetch.ts (`slots`), so that page fetches and link checks of all workers
 * together keep to `--per-host` requests in flight per origin, with `--delay` between two starts.
 *
 * Per origin, a sorted set of leases (`govreview:slot:<origin>`: lease id → expiry, Redis's own clock) is the
 * counter: a Lua script drops the expired leases, then grants one when fewer than the cap remain, and spaces the
 * starts by the delay (`govreview:slot-next:<origin>`, the time the next request may start). A lease is renewed
 * while its request lasts (every third of its life) and released when the body has been read; a worker killed
 * mid-request stops renewing, and its leases expire after `leaseMs`: its slots come back.
 *
 * Waiting: in each process one pump per origin asks Redis for the head of its local waiters; a release anywhere
 * publishes the origin on `govreview:slot-free`, which wakes the pumps of every process at once; a pump also
 * retries when the earliest lease would expire, and every quarter second (a missed message costs that much).
 */
import type { Redis } from 'ioredis';
import type { HostSlots } from '../lib/sweep/polite-fetch';
import { KEY_PREFIX } from './queue-store';

/** The channel a release is announced on (the message is the origin). */
export const SLOT_CHANNEL = `${KEY_PREFIX}:slot-free`;
/** Default life of a lease: how long a dead worker's slots stay taken. */
export const DEFAULT_LEASE_MS = 30_000;
/** The longest a waiting pump sleeps before asking again without being woken. */
const POLL_MS = 250;

// KEYS: leases, next start. ARGV: cap, lease ms, lease id, delay ms. Returns {1, ms to wait before starting} when
// granted, {0, ms until the earliest lease expires} when not.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, tonumber(first[2]) - now}
end
redis.call('ZADD', KEYS[1], now + ttl, ARGV[3])
redis.call('PEXPIRE', KEYS[1], ttl * 2)
local wait = 0
local delay = tonumber(ARGV[4])
if delay > 0 then
  local start = math.max(now, tonumber(redis.call('GET', KEYS[2]) or '0'))
  redis.call('SET', KEYS[2], start + delay, 'PX', start + delay - now + 60000)
  wait = start - now
end
return {1, wait}
`;

// KEYS: leases. ARGV: lease id, channel, origin. Releases a lease and says so.
const RELEASE = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 1
`;

// KEYS: leases. ARGV: lease id, lease ms. Pushes a held lease's expiry on (0 when it had expired and was dropped).
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
return 1
`;

type SlotRedis = Redis & {
  grSlotAcquire(leases: string, next: string, cap: number, ttl: number, id: string, delay: number): Promise<[number, number]>;
  grSlotRelease(leases: string, id: string, channel: string, origin: string): Promise<number>;
  grSlotRenew(leases: string, id: string, ttl: number): Promise<number>;
};

interface Waiter {
  cap: number;
  delayMs: number;
  resolve: (release: () => void) => void;
}

/** Statistics for tests and the benchmark. */
export interface SlotStats {
  granted: number;
  /** Asks Redis answered "no slot". */
  refused: number;
  /** Leases found expired when renewed (their worker was frozen longer than a lease). */
  lost: number;
}

/** The per-origin semaphore of one process (one per worker), on its connection plus one subscriber. */
export class RedisHostSlots {
  private readonly redis: SlotRedis;
  private sub?: Redis;
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly pumping = new Set<string>();
  private readonly wakers = new Map<string, Set<() => void>>();
  /** Held leases: id → origin. */
  private readonly held = new Map<string, string>();
  private renewTimer?: ReturnType<typeof setInterval>;
  private n = 0;
  private closed = false;
  readonly stats: SlotStats = { granted: 0, refused: 0, lost: 0 };

  constructor(
    redis: Redis,
    private readonly opts: { leaseMs?: number; id: string },
  ) {
    this.redis = redis as SlotRedis;
    if (typeof this.redis.grSlotAcquire !== 'function') {
      redis.defineCommand('grSlotAcquire', { numberOfKeys: 2, lua: ACQUIRE });
      redis.defineCommand('grSlotRelease', { numberOfKeys: 1, lua: RELEASE });
      redis.defineCommand('grSlotRenew', { numberOfKeys: 1, lua: RENEW });
    }
  }

  private get leaseMs(): number {
    return this.opts.leaseMs ?? DEFAULT_LEASE_MS;
  }

  /** Subscribes to the releases and starts renewing leases. */
  async start(): Promise<void> {
    this.sub = this.redis.duplicate();
    this.sub.on('message', (_channel: string, origin: string) => this.wake(origin));
    await this.sub.subscribe(SLOT_CHANNEL);
    this.renewTimer = setInterval(() => this.renew(), Math.max(100, Math.floor(this.leaseMs / 3)));
    this.renewTimer.unref();
  }

  /** The slots of a sweep: its cap and delay, this semaphore's origins. */
  limits(cap: number, delayMs: number): HostSlots {
    return { acquire: (origin) => this.acquire(origin, cap, delayMs) };
  }

  /** Waits for a slot of `origin` under `cap` (and for its turn after `delayMs`); resolves with its release. */
  acquire(origin: string, cap: number, delayMs = 0): Promise<() => void> {
    return new Promise((resolve) => {
      const list = this.waiters.get(origin) ?? [];
      this.waiters.set(origin, list);
      list.push({ cap, delayMs, resolve });
      void this.pump(origin);
    });
  }

  /** Stops renewing and listening; held leases are released by their requests (or expire). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.renewTimer);
    for (const set of this.wakers.values()) for (const w of set) w();
    await this.sub?.quit().catch(() => undefined);
  }

  private leaseKey(origin: string) {
    return `${KEY_PREFIX}:slot:${origin}`;
  }

  private async pump(origin: string): Promise<void> {
    if (this.pumping.has(origin)) return;
    this.pumping.add(origin);
    try {
      const list = this.waiters.get(origin) ?? [];
      while (list.length && !this.closed) {
        const w = list[0];
        const id = `${this.opts.id}:${++this.n}`;
        let granted: number;
        let ms: number;
        try {
          [granted, ms] = await this.redis.grSlotAcquire(this.leaseKey(origin), `${KEY_PREFIX}:slot-next:${origin}`, w.cap, this.leaseMs, id, w.delayMs);
        } catch {
          // Redis away (ioredis reconnects and retries; a script error would repeat): ask again a little later.
          await this.sleepUntilWoken(origin, POLL_MS);
          continue;
        }
        if (granted) {
          list.shift();
          this.stats.granted++;
          this.held.set(id, origin);
          const release = this.releaser(origin, id);
          if (ms > 0) setTimeout(() => w.resolve(release), ms);
          else w.resolve(release);
          continue;
        }
        this.stats.refused++;
        await this.sleepUntilWoken(origin, Math.max(5, Math.min(POLL_MS, ms)));
      }
      if (!list.length) this.waiters.delete(origin);
    } finally {
      this.pumping.delete(origin);
    }
  }

  private releaser(origin: string, id: string): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.held.delete(id);
      this.redis
        .grSlotRelease(this.leaseKey(origin), id, SLOT_CHANNEL, origin)
        .catch(() => undefined) // the lease expires by itself
        .finally(() => this.wake(origin));
    };
  }

  private sleepUntilWoken(origin: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const set = this.wakers.get(origin) ?? new Set();
      this.wakers.set(origin, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
    });
  }

  private wake(origin: string): void {
    const set = this.wakers.get(origin);
    if (set) for (const w of [...set]) w();
  }

  private renew(): void {
    for (const [id, origin] of this.held)
      this.redis
        .grSlotRenew(this.leaseKey(origin), id, this.leaseMs)
        .then((n) => {
          if (!n && this.held.has(id)) this.stats.lost++;
        })
        .catch(() => undefined);
  }
}
