/**
 * The GovReview database: one Dexie schema class. Opened only from extension pages and the background
 * (IndexedDB opened from a content script would land in the visited site's origin); Node tests open it
 * over fake-indexeddb by passing `indexedDB` and `IDBKeyRange` in the options.
 *
 * RULE: schema versions are append-only. Never edit or remove a `version(n)` declaration once it has
 * shipped: installed extensions hold databases at every past version and Dexie upgrades them step by
 * step. To change the schema, append `version(n + 1)` with the changed tables only, put any data
 * migration in its `.upgrade()`, and add a fixture test in tests/unit/db/migrations.test.ts that opens a
 * database at version n filled with fixture rows and checks the rows after the upgrade.
 * Backups (backup.ts) carry the schema version they were written at.
 */
import { Dexie, type DexieOptions, type EntityTable, type Transaction } from 'dexie';
import type { Anchor, Category, Severity } from '../engine/types';
import {
  dedupeFieldsOf,
  findingDedupeKey,
  type FindingRecord,
  type FindingStatus,
  type Round,
  type Screenshot,
  type Site,
  type SweepPageRow,
  type SweepRecord,
} from './records';

/** The IndexedDB database every extension context opens (in the extension's origin); tests open their own name. */
export const DB_NAME = 'govreview';

/**
 * Version 1, the first schema. Index strings in Dexie's syntax: the first entry is the primary key
 * (`++id`: auto-increment), `&` unique, `*` multi-entry, `[a+b]` compound.
 * - rounds by name (unique: other reviewers' backups are matched by it);
 * - sites by host (multi-entry over `hosts`), by 网站标识码 and by name;
 * - findings by round, site, round + site (the side panel's list of one site), status, category,
 *   severity and creation time;
 * - screenshots by finding.
 */
export const STORES_V1 = {
  rounds: '++id, &name',
  sites: '++id, *hosts, siteCode, name',
  findings: '++id, roundId, siteId, [roundId+siteId], status, category, severity, createdAt',
  screenshots: '++id, findingId',
} as const;

/** Version 2: findings get `updatedAt` and a unique `dedupeKey` (backfilled by upgradeToV2). */
export const STORES_V2 = {
  findings: '++id, roundId, siteId, [roundId+siteId], status, category, severity, createdAt, updatedAt, &dedupeKey',
} as const;

/**
 * Version 3: 全站巡检 (lib/sweep). `sweeps`, one row per sweep of a site in a round (its state and roll-up);
 * `sweepPages`, its frontier and results: one row per URL of a sweep (unique), queued, in flight or done, in the
 * order found (`seq`). Working state of the background, not part of backups.
 */
export const STORES_V3 = {
  sweeps: '++id, roundId, state',
  sweepPages: '++seq, &[sweepId+url], [sweepId+state]',
} as const;

/** The current schema version (the last `version()` declared below). */
export const SCHEMA_VERSION = 3;

/** A finding as version 1 stored it: no `updatedAt`, no `dedupeKey`. Frozen: the v2 upgrade reads it. */
export interface FindingRecordV1 {
  id: number;
  roundId: number;
  siteId: number;
  pageUrl: string;
  pageTitle: string;
  frameUrl: string;
  check: string;
  category: Category;
  severity: Severity;
  messageId: string;
  data: Record<string, string | number>;
  message: string;
  text: string;
  suggestion?: string;
  kind?: string;
  start?: number;
  end?: number;
  anchor?: Anchor;
  note: string;
  status: FindingStatus;
  createdAt: number;
}

/**
 * v1 → v2: backfill `updatedAt` (= createdAt) and `dedupeKey`. Version 1 did not dedupe, so a v1 database
 * may hold the same finding several times, which the new unique index would reject: the earliest record
 * (lowest id) is kept, later copies are folded into it (their notes appended, a reviewed status wins over
 * 待复核, their screenshots re-linked) and deleted.
 */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  const findings = tx.table<FindingRecordV1 & Partial<FindingRecord>, number>('findings');
  const screenshots = tx.table<Screenshot, number>('screenshots');
  const rows = await findings.toArray(); // primary-key order: earliest first
  const kept = new Map<string, FindingRecord>();
  const dropped = new Map<number, number>(); // duplicate id → kept id
  for (const row of rows) {
    const key = findingDedupeKey(dedupeFieldsOf(row));
    const first = kept.get(key);
    if (!first) {
      kept.set(key, { ...row, dedupeKey: key, updatedAt: row.createdAt });
      continue;
    }
    if (row.note && !first.note.split('\n').includes(row.note)) first.note = first.note ? `${first.note}\n${row.note}` : row.note;
    if (first.status === 'pending') first.status = row.status;
    first.updatedAt = Math.max(first.updatedAt, row.createdAt);
    dropped.set(row.id, first.id);
  }
  // Delete the copies before writing keys, so the unique index never sees two equal keys.
  if (dropped.size) {
    await findings.bulkDelete([...dropped.keys()]);
    await screenshots
      .where('findingId')
      .anyOf([...dropped.keys()])
      .modify((s) => {
        s.findingId = dropped.get(s.findingId)!;
      });
  }
  await findings.bulkPut([...kept.values()]);
}

/** Options of GovReviewDb: Dexie's (indexedDB, IDBKeyRange for Node tests) plus the injected clock. */
export interface GovReviewDbOptions extends DexieOptions {
  /** Clock for createdAt/updatedAt (epoch ms); defaults to Date.now. Tests inject a fixed one. */
  now?: () => number;
}

/**
 * The database: 监测轮次, sites, findings and screenshots, one table each, declared version by version (append-only,
 * see above), with the clock every timestamp is taken from.
 */
export class GovReviewDb extends Dexie {
  rounds!: EntityTable<Round, 'id'>;
  sites!: EntityTable<Site, 'id'>;
  findings!: EntityTable<FindingRecord, 'id'>;
  screenshots!: EntityTable<Screenshot, 'id'>;
  /** 全站巡检 runs (version 3). */
  sweeps!: EntityTable<SweepRecord, 'id'>;
  /** Their frontiers and page results (version 3). */
  sweepPages!: EntityTable<SweepPageRow, 'seq'>;
  /** The clock every timestamp of the repository and the backup comes from. */
  readonly now: () => number;

  constructor(name: string = DB_NAME, options: GovReviewDbOptions = {}) {
    const { now, ...dexieOptions } = options;
    super(name, dexieOptions);
    this.now = now ?? Date.now;
    // Append-only: see the rule at the top of this file.
    this.version(1).stores(STORES_V1);
    this.version(2).stores(STORES_V2).upgrade(upgradeToV2);
    this.version(3).stores(STORES_V3);
  }
}

/** All tables, for transactions that span the whole database (backup, restore, merge). */
export function allTables(db: GovReviewDb) {
  return [db.rounds, db.sites, db.findings, db.screenshots];
}
