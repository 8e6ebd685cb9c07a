/**
 * The SweepStore contract (store-contract.ts) for the in-memory store and the CLI's SQLite store, and what only
 * the SQLite store promises: its state survives closing the database (a killed process), sweeps of different
 * sites or review dates do not see each other, --fresh forgets a site but not its visits, and one live process
 * holds the state at a time.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { parseHTML } from 'linkedom';
import { afterAll, describe, expect, it } from 'vitest';
import { CrawlState } from '../../../cli/sqlite-store';
import { checks } from '../../../lib/checks';
import { MemoryStore } from '../../../lib/sweep/memory-store';
import { runSweep } from '../../../lib/sweep/sweep';
import type { PageResult, QueueItem } from '../../../lib/sweep/types';
import { serveDir } from '../../../scripts/serve.mjs';
import { storeContract } from './store-contract';

const root = mkdtempSync(join(tmpdir(), 'govreview-stores-'));
const opened: CrawlState[] = [];
let n = 0;
afterAll(() => {
  for (const s of opened) s.close();
  rmSync(root, { recursive: true, force: true });
});

/** A new state folder each time (closed after the file's tests). */
function freshState(): { dir: string; state: CrawlState } {
  const dir = join(root, `state-${++n}`);
  const state = CrawlState.open(dir);
  opened.push(state);
  return { dir, state };
}

storeContract('MemoryStore', () => new MemoryStore());
storeContract('SqliteSweepStore', () => freshState().state.store('https://www.example.gov.cn/', '2026-11-22'));

/** Writes the lock row as another process would. */
function setLock(dir: string, pid: number): void {
  const db = new Database(join(dir, 'crawl.sqlite'));
  db.prepare("INSERT INTO meta (key, value) VALUES ('lock', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(pid));
  db.close();
}

const SITE = 'https://www.example.gov.cn/';
const item = (path: string, kind: QueueItem['kind'] = 'column'): QueueItem => ({ url: `${SITE}${path}`, kind, depth: 1, column: '栏目', from: SITE });
const result = (it: QueueItem, extra: Partial<PageResult> = {}): PageResult => ({
  url: it.url,
  finalUrl: it.url,
  kind: it.kind,
  column: it.column,
  outcome: 'ok',
  title: 't',
  ms: 5,
  findings: [],
  ...extra,
});

describe('SqliteSweepStore beyond the contract', () => {
  it('keeps the frontier, what is in flight and the results when the database is closed and opened again', async () => {
    const { dir, state } = freshState();
    const s = state.store(SITE, '2026-11-22');
    await s.enqueue(['a', 'b', 'c', 'd'].map((p) => item(p)));
    await s.take(2);
    await s.complete(result(item('a')));
    state.close();

    const again = CrawlState.open(dir);
    opened.push(again);
    expect(again.frontierUrls(SITE, '2026-11-22', 'inflight')).toEqual([item('b').url]);
    const s2 = again.store(SITE, '2026-11-22');
    expect(await s2.pending()).toBe(3);
    await s2.requeueInFlight();
    expect((await s2.take(5)).map((i) => i.url)).toEqual(['b', 'c', 'd'].map((p) => item(p).url));
    expect((await s2.results()).map((r) => r.url)).toEqual([item('a').url]);
    expect(await s2.enqueue([item('a')])).toEqual([]);
  });

  it('keeps sweeps of different sites and review dates apart', async () => {
    const { state } = freshState();
    const a = state.store(SITE, '2026-11-22');
    const b = state.store('https://www.other.gov.cn/', '2026-11-22');
    const c = state.store(SITE, '2026-11-23');
    await a.enqueue([item('x')]);
    expect(await b.enqueue([item('x')])).toHaveLength(1);
    expect(await c.enqueue([item('x')])).toHaveLength(1);
    await a.take(1);
    await a.complete(result(item('x')));
    expect(await b.pending()).toBe(1);
    expect(await c.results()).toEqual([]);
  });

  it('records each run’s visit of the home page with its result; --fresh forgets pages, not visits', async () => {
    const { state } = freshState();
    const run1 = { id: state.startRun({ run: 1 }), started: '2026-11-22T01:00:00.000Z' };
    const s1 = state.store(SITE, '2026-11-22', run1);
    const home = item('', 'home');
    await s1.enqueue([home]);
    await s1.take(1);
    await s1.complete(result(home, { outcome: 'failed', error: '15 秒内无响应', ms: 15_000 }));
    const run2 = { id: state.startRun({ run: 2 }), started: '2026-11-23T01:00:00.000Z' };
    const s2 = state.store(SITE, '2026-11-23', run2);
    await s2.enqueue([home]);
    await s2.take(1);
    await s2.complete(result(home, { ms: 321 }));
    await s2.enqueue([item('col')]);
    await s2.take(1);
    await s2.complete(result(item('col'))); // not the home page: no visit
    expect(state.visits(SITE)).toEqual([
      { run: run1.id, today: '2026-11-22', started: run1.started, outcome: 'failed', ms: 15_000, reason: '15 秒内无响应' },
      { run: run2.id, today: '2026-11-23', started: run2.started, outcome: 'ok', ms: 321 },
    ]);
    state.forget(SITE);
    expect(await s2.results()).toEqual([]);
    expect(await s2.enqueue([home])).toHaveLength(1);
    expect(state.visits(SITE)).toHaveLength(2);
  });

  it('is held by one live process at a time; a dead holder’s lock is taken over', () => {
    const { dir, state } = freshState();
    state.close();
    const first = CrawlState.open(dir, { lock: true });
    opened.push(first);
    first.close(); // releases it
    // Another live process holds it (our parent stands in for one): refused.
    setLock(dir, process.ppid);
    expect(() => CrawlState.open(dir, { lock: true })).toThrow(/in use by another crawl \(process \d+\)/);
    // A holder that is gone (killed): taken over.
    setLock(dir, 2147483646);
    const taken = CrawlState.open(dir, { lock: true });
    opened.push(taken);
  });

  it('refuses a file that is not a crawl state with an InputError', () => {
    const dir = join(root, 'not-a-state');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'crawl.sqlite'), 'hello, not sqlite at all '.repeat(100));
    expect(() => CrawlState.open(dir)).toThrow(/not a crawl state|cannot open/);
  });
});

describe('a sweep resumed from the SQLite store', () => {
  it('after its home page moved to another host, goes on on that host (lib/sweep/sweep.ts keeps the moved hosts)', async () => {
    const site = await serveDir(resolve(__dirname, '../../../assets/demo-site'), { host: 'localhost' });
    const mover = createServer((_req, res) => res.writeHead(302, { location: `${site.url}/index.html` }).end());
    await new Promise<void>((ok) => mover.listen(0, '127.0.0.1', ok));
    try {
      const home = `http://127.0.0.1:${(mover.address() as AddressInfo).port}/`;
      const { state } = freshState();
      const parse = (html: string) => parseHTML(html).document as unknown as Document;
      const opts = { today: '2026-11-22', fetch, parse, checks, checkLinks: false, perHost: 1 };
      const stop = new AbortController();
      let done = 0;
      await runSweep(
        { name: '云岭县', url: home },
        { ...opts, store: state.store(home, '2026-11-22'), signal: stop.signal, onPage: () => ++done === 2 && stop.abort() },
      );
      const results = await runSweep({ name: '云岭县', url: home }, { ...opts, store: state.store(home, '2026-11-22') });
      expect(results.length).toBeGreaterThan(5);
      expect(results.filter((r) => r.outcome !== 'ok').map((r) => `${r.url} ${r.error}`)).toEqual([]);
    } finally {
      mover.close();
      await site.close();
    }
  });
});
