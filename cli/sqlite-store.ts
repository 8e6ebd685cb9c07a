/**
 * The state of `npm run crawl` in one SQLite database (better-sqlite3), so that a crawl killed at any moment and
 * started again with the same arguments fetches no page twice (but those in flight at the kill) and loses no
 * result; and so that each run's visit of each site's home page is kept across runs and days (站点无法访问 is a
 * failure rate over many visits).
 *
 * Tables (a sweep is one site, by its normalized home URL, on one review date):
 * - `frontier`: the pages waiting (queued) or being fetched (inflight), per sweep, in insertion order (seq);
 * - `results`: each fetched page's PageResult as JSON, per sweep, in completion order (seq);
 * - `visits`: each run's visit of each site's home page (run, review date, when, ok or failed, ms, why);
 * - `runs`: each start of the crawl (when, pid, arguments); `meta`: the schema version and the lock.
 *
 * WAL journal, synchronous FULL: every SweepStore method is one transaction, committed before it resolves, so a
 * SIGKILL between two calls loses nothing the sweep core has been told is stored. One process at a time: `open`
 * takes the lock (the pid of a live process holding it is refused; a dead one's is taken over).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { PageResult, QueueItem, SweepStore } from '../lib/sweep/types';
import { InputError } from './errors';

/** The database file under the state folder. */
export const STATE_FILE = 'crawl.sqlite';
const SCHEMA_VERSION = '1';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT NOT NULL, pid INTEGER NOT NULL, args TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS frontier (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  site TEXT NOT NULL,
  today TEXT NOT NULL,
  url TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'inflight')),
  item TEXT NOT NULL,
  UNIQUE (site, today, url)
);
CREATE INDEX IF NOT EXISTS frontier_take ON frontier (site, today, state, seq);
CREATE TABLE IF NOT EXISTS results (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  site TEXT NOT NULL,
  today TEXT NOT NULL,
  url TEXT NOT NULL,
  result TEXT NOT NULL,
  UNIQUE (site, today, url)
);
CREATE TABLE IF NOT EXISTS visits (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  site TEXT NOT NULL,
  run INTEGER NOT NULL,
  today TEXT NOT NULL,
  started TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'failed')),
  ms INTEGER NOT NULL,
  reason TEXT
);
CREATE INDEX IF NOT EXISTS visits_site ON visits (site, id);
`;

/** One visit of a site's home page by one run (站点无法访问 counts the failed ones). */
export interface Visit {
  run: number;
  today: string;
  /** ISO time the run started. */
  started: string;
  outcome: 'ok' | 'failed';
  ms: number;
  reason?: string;
}

/** Whether a page that answered counts as open (the roll-up's rule: ok, or too large but read). */
const opened = (r: PageResult) => r.outcome === 'ok' || r.outcome === 'too-large';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The crawl's database: runs, the lock, and one SweepStore per sweep. */
export class CrawlState {
  readonly file: string;
  private readonly db: Database.Database;
  private locked = false;

  private constructor(file: string, db: Database.Database) {
    this.file = file;
    this.db = db;
  }

  /**
   * Opens (or creates) the state under `dir`. With `lock` (the crawl's own use), refuses a state another live
   * process holds; tests and readers open it without.
   */
  static open(dir: string, opts: { lock?: boolean } = {}): CrawlState {
    let db: Database.Database;
    const file = join(dir, STATE_FILE);
    try {
      mkdirSync(dir, { recursive: true });
      db = new Database(file, { timeout: 5000 });
    } catch (e) {
      throw new InputError(`cannot open the crawl state ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
      db.exec(SCHEMA);
      const version = db.prepare<{ value: string }>("SELECT value FROM meta WHERE key = 'schema'").get()?.value;
      if (version === undefined) db.prepare("INSERT INTO meta (key, value) VALUES ('schema', ?)").run(SCHEMA_VERSION);
      else if (version !== SCHEMA_VERSION)
        throw new InputError(`${file} is a crawl state of another version (${version}); use --fresh with a new --state folder`);
    } catch (e) {
      db.close();
      if (e instanceof InputError) throw e;
      throw new InputError(`${file} is not a crawl state: ${(e as Error).message.split('\n')[0]}`);
    }
    const state = new CrawlState(file, db);
    if (opts.lock) state.lock();
    return state;
  }

  private lock(): void {
    const holder = this.db
      .transaction(() => {
        const row = this.db.prepare<{ value: string }>("SELECT value FROM meta WHERE key = 'lock'").get();
        const pid = row ? Number(row.value) : 0;
        if (pid && pid !== process.pid && alive(pid)) return pid;
        this.db.prepare("INSERT INTO meta (key, value) VALUES ('lock', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(String(process.pid));
        return 0;
      })
      .immediate();
    if (holder) {
      this.db.close();
      throw new InputError(`${this.file} is in use by another crawl (process ${holder}); wait for it or give another --state`);
    }
    this.locked = true;
  }

  /** Records the start of a run; returns its id (visits name it). */
  startRun(args: unknown, started = new Date()): number {
    const r = this.db.prepare('INSERT INTO runs (started, pid, args) VALUES (?, ?, ?)').run(started.toISOString(), process.pid, JSON.stringify(args));
    return Number(r.lastInsertRowid);
  }

  /** The store of one sweep: `site` (the normalized home URL) on review date `today`; `run` records home-page visits. */
  store(site: string, today: string, run?: { id: number; started: string }): SqliteSweepStore {
    return new SqliteSweepStore(this.db, site, today, run);
  }

  /**
   * Forgets the frontier and results of `site`'s sweep on `today`, or of every sweep of it (`--fresh`); its visit
   * history stays.
   */
  forget(site: string, today?: string): void {
    const where = today === undefined ? 'site = ?' : 'site = ? AND today = ?';
    const params = today === undefined ? [site] : [site, today];
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM frontier WHERE ${where}`).run(...params);
      this.db.prepare(`DELETE FROM results WHERE ${where}`).run(...params);
    })();
  }

  /** Every recorded visit of `site`'s home page, oldest first. */
  visits(site: string): Visit[] {
    const rows = this.db
      .prepare<{ run: number; today: string; started: string; outcome: 'ok' | 'failed'; ms: number; reason: string | null }>(
        'SELECT run, today, started, outcome, ms, reason FROM visits WHERE site = ? ORDER BY id',
      )
      .all(site);
    return rows.map(({ reason, ...v }) => ({ ...v, ...(reason !== null && { reason }) }));
  }

  /** URLs of a sweep's frontier in a state (tests: what was in flight at a kill). */
  frontierUrls(site: string, today: string, state: 'queued' | 'inflight'): string[] {
    return this.db
      .prepare<{ url: string }>('SELECT url FROM frontier WHERE site = ? AND today = ? AND state = ? ORDER BY seq')
      .all(site, today, state)
      .map((r) => r.url);
  }

  close(): void {
    if (!this.db.open) return;
    if (this.locked) this.db.prepare("DELETE FROM meta WHERE key = 'lock' AND value = ?").run(String(process.pid));
    this.db.close();
  }
}

/** A SweepStore over the crawl's database: one sweep's frontier and results; each method one transaction. */
export class SqliteSweepStore implements SweepStore {
  private readonly enqueueTx;
  private readonly takeTx;
  private readonly completeTx;
  private readonly requeueTx;
  private readonly pendingStmt;
  private readonly resultsStmt;

  constructor(
    db: Database.Database,
    readonly site: string,
    readonly today: string,
    run?: { id: number; started: string },
  ) {
    const insert = db.prepare(
      `INSERT OR IGNORE INTO frontier (site, today, url, state, item)
       SELECT @site, @today, @url, 'queued', @item WHERE NOT EXISTS (SELECT 1 FROM results WHERE site = @site AND today = @today AND url = @url)`,
    );
    this.enqueueTx = db.transaction((items: readonly QueueItem[]) =>
      items.filter((item) => insert.run({ site, today, url: item.url, item: JSON.stringify(item) }).changes === 1),
    );
    const queued = db.prepare<{ seq: number; item: string }>(
      "SELECT seq, item FROM frontier WHERE site = ? AND today = ? AND state = 'queued' ORDER BY seq LIMIT ?",
    );
    const mark = db.prepare("UPDATE frontier SET state = 'inflight' WHERE seq = ?");
    this.takeTx = db.transaction((n: number) =>
      queued.all(site, today, n).map((row) => {
        mark.run(row.seq);
        return JSON.parse(row.item) as QueueItem;
      }),
    );
    const remove = db.prepare('DELETE FROM frontier WHERE site = ? AND today = ? AND url = ?');
    const store = db.prepare(
      'INSERT INTO results (site, today, url, result) VALUES (?, ?, ?, ?) ON CONFLICT (site, today, url) DO UPDATE SET result = excluded.result',
    );
    const visit = db.prepare('INSERT INTO visits (site, run, today, started, outcome, ms, reason) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.completeTx = db.transaction((result: PageResult) => {
      remove.run(site, today, result.url);
      store.run(site, today, result.url, JSON.stringify(result));
      // The home page's fetch is this run's visit of the site (站点无法访问), stored with the result it belongs to.
      if (result.kind === 'home' && run) {
        const ok = opened(result);
        visit.run(site, run.id, today, run.started, ok ? 'ok' : 'failed', Math.round(result.ms), ok ? null : (result.error ?? result.outcome));
      }
    });
    const requeue = db.prepare("UPDATE frontier SET state = 'queued' WHERE site = ? AND today = ? AND state = 'inflight'");
    this.requeueTx = db.transaction(() => {
      requeue.run(site, today);
    });
    this.pendingStmt = db.prepare<{ n: number }>('SELECT count(*) AS n FROM frontier WHERE site = ? AND today = ?');
    this.resultsStmt = db.prepare<{ result: string }>('SELECT result FROM results WHERE site = ? AND today = ? ORDER BY seq');
  }

  async enqueue(items: readonly QueueItem[]): Promise<QueueItem[]> {
    return this.enqueueTx(items);
  }

  async take(n: number): Promise<QueueItem[]> {
    return n > 0 ? this.takeTx(n) : [];
  }

  async complete(result: PageResult): Promise<void> {
    this.completeTx(result);
  }

  /** In-flight items keep their place (their seq is older than any queued item's): they are taken first again. */
  async requeueInFlight(): Promise<void> {
    this.requeueTx();
  }

  async pending(): Promise<number> {
    return this.pendingStmt.get(this.site, this.today)?.n ?? 0;
  }

  async results(): Promise<PageResult[]> {
    return this.resultsStmt.all(this.site, this.today).map((r) => JSON.parse(r.result) as PageResult);
  }
}
