/**
 * Schema migrations: each data migration opens a database at the old version, filled with fixture rows,
 * and checks the rows after the upgrade (the rule in lib/db/schema.ts: versions are append-only).
 */
import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { findingDedupeKey, dedupeFieldsOf } from '../../../lib/db/records';
import { SCHEMA_VERSION, STORES_V1, STORES_V2, type FindingRecordV1 } from '../../../lib/db/schema';
import { makeDb } from './fixtures';

const PAGE = 'https://www.lincang.gov.cn/news/1.html';

/** v1 fixture: two rounds' worth of findings, one recorded three times (v1 did not dedupe). */
const V1_FINDINGS: FindingRecordV1[] = [
  v1Finding({ id: 1, note: '', status: 'pending', createdAt: 1000 }),
  v1Finding({ id: 2, pageUrl: `${PAGE}#top`, note: '标题处', status: 'confirmed', createdAt: 2000 }), // same finding, other fragment
  v1Finding({ id: 3, text: '其它', start: 30, end: 32, createdAt: 3000 }), // another finding
  v1Finding({ id: 4, note: '再次确认', status: 'excluded', createdAt: 4000 }), // same as 1 again
  v1Finding({ id: 5, roundId: 2, createdAt: 5000 }), // same page and text, another round: distinct
];

function v1Finding(o: Partial<FindingRecordV1> & { id: number; createdAt: number }): FindingRecordV1 {
  const start = o.start ?? 10;
  const end = o.end ?? 12;
  const text = o.text ?? '既使';
  return {
    roundId: 1,
    siteId: 1,
    pageUrl: PAGE,
    pageTitle: '新闻 - 临沧市人民政府',
    frameUrl: PAGE,
    check: 'typo-word-pair',
    category: 'typo',
    severity: 'deduct',
    messageId: 'wrong',
    data: { wrong: text },
    message: `“${text}”有误`,
    text,
    start,
    end,
    anchor: { quote: text, prefix: '', suffix: '', start, end },
    note: '',
    status: 'pending',
    ...o,
  };
}

/** Creates a database at version 1 (the v1 declaration alone) and fills it with the fixture. */
async function openV1(indexedDB: IDBFactory): Promise<void> {
  const v1 = new Dexie('govreview-test', { indexedDB, IDBKeyRange });
  v1.version(1).stores(STORES_V1);
  await v1.table('rounds').bulkAdd([
    { id: 1, name: '2026年第三季度', monitoringDate: '2026-08-20', createdAt: 100 },
    { id: 2, name: '2026年第四季度', monitoringDate: '2026-11-20', createdAt: 200 },
  ]);
  await v1.table('sites').add({
    id: 1,
    name: '临沧市人民政府',
    siteCode: '5309000001',
    region: '临沧市',
    kind: 'portal',
    homeUrl: 'https://www.lincang.gov.cn/',
    hosts: ['www.lincang.gov.cn'],
    createdAt: 100,
    updatedAt: 100,
  });
  await v1.table('findings').bulkAdd(V1_FINDINGS);
  await v1.table('screenshots').bulkAdd([
    { id: 1, findingId: 2, bytes: new Uint8Array([1, 2, 3]), mime: 'image/png', width: 1, height: 1, createdAt: 2100 },
    { id: 2, findingId: 3, bytes: new Uint8Array([4]), mime: 'image/png', width: 1, height: 1, createdAt: 3100 },
  ]);
  expect(v1.verno).toBe(1);
  v1.close();
}

describe('schema v1 → v2', () => {
  let db: ReturnType<typeof makeDb> | undefined;
  afterEach(() => db?.close());

  it('backfills updatedAt and dedupeKey and folds v1 duplicates into the earliest record', async () => {
    const indexedDB = new IDBFactory();
    await openV1(indexedDB);
    db = makeDb(undefined, indexedDB);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);

    const findings = await db.findings.toArray();
    expect(findings.map((f) => f.id)).toEqual([1, 3, 5]);
    const [first, other, otherRound] = findings;
    // 1 absorbs 2 and 4: notes appended, the first reviewed status wins over 待复核, updatedAt = the last copy.
    expect(first).toMatchObject({ note: '标题处\n再次确认', status: 'confirmed', createdAt: 1000, updatedAt: 4000 });
    expect(other).toMatchObject({ status: 'pending', createdAt: 3000, updatedAt: 3000 });
    expect(otherRound).toMatchObject({ roundId: 2, updatedAt: 5000 });
    for (const f of findings) expect(f.dedupeKey).toBe(findingDedupeKey(dedupeFieldsOf(f)));
    expect(new Set(findings.map((f) => f.dedupeKey)).size).toBe(3);

    // The screenshot of deleted copy 2 now belongs to the record that was kept.
    const shots = await db.screenshots.orderBy('id').toArray();
    expect(shots.map((s) => [s.id, s.findingId])).toEqual([
      [1, 1],
      [2, 3],
    ]);
    expect(Array.from(shots[0].bytes)).toEqual([1, 2, 3]);

    // Rounds and sites are untouched; the new indexes answer queries.
    expect(await db.rounds.count()).toBe(2);
    expect(await db.sites.where('hosts').equals('www.lincang.gov.cn').count()).toBe(1);
    expect(await db.findings.where('dedupeKey').equals(first.dedupeKey).count()).toBe(1);
    expect(await db.findings.where('updatedAt').above(3500).count()).toBe(2);
  });

  it('upgrades an empty v1 database', async () => {
    const indexedDB = new IDBFactory();
    const v1 = new Dexie('govreview-test', { indexedDB, IDBKeyRange });
    v1.version(1).stores(STORES_V1);
    await v1.open();
    v1.close();
    db = makeDb(undefined, indexedDB);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(await db.findings.count()).toBe(0);
  });
});

describe('schema v2 → v3', () => {
  let db: ReturnType<typeof makeDb> | undefined;
  afterEach(() => db?.close());

  it('adds the 全站巡检 tables and leaves every v2 row as it was', async () => {
    const indexedDB = new IDBFactory();
    const v2 = new Dexie('govreview-test', { indexedDB, IDBKeyRange });
    v2.version(1).stores(STORES_V1);
    v2.version(2).stores(STORES_V2);
    await v2.table('rounds').add({ id: 1, name: '2026年第四季度', monitoringDate: '2026-11-20', createdAt: 200 });
    const row = { ...v1Finding({ id: 7, createdAt: 1000 }), updatedAt: 1500 };
    const key = findingDedupeKey(dedupeFieldsOf(row));
    await v2.table('findings').add({ ...row, dedupeKey: key });
    expect(v2.verno).toBe(2);
    v2.close();

    db = makeDb(undefined, indexedDB);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(await db.findings.toArray()).toEqual([{ ...row, dedupeKey: key }]);
    expect(await db.rounds.count()).toBe(1);
    // The new tables exist, empty, with their indexes.
    expect(await db.sweeps.count()).toBe(0);
    const id = await db.sweeps.add({
      roundId: 1,
      site: { name: '临沧', url: 'https://www.lincang.gov.cn/' },
      today: '2026-11-22',
      state: 'running',
      delayMs: 0,
      startedAt: 1,
      updatedAt: 1,
      progress: { site: '临沧', done: 0, queued: 0, columns: 0, findings: 0 },
    } as never);
    expect(await db.sweeps.where('state').equals('running').primaryKeys()).toEqual([id]);
    await db.sweepPages.add({ sweepId: id, url: 'https://www.lincang.gov.cn/', state: 'queued', item: {} } as never);
    await expect(db.sweepPages.add({ sweepId: id, url: 'https://www.lincang.gov.cn/', state: 'queued', item: {} } as never)).rejects.toThrow();
  });
});
