/** Backup, restore and merge of the whole database as one JSON file. */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, BackupError, exportBackup, mergeBackup, restoreBackup } from '../../../lib/db/backup';
import { addSite, attachScreenshot, createRound, recordFinding, setNote, setStatus } from '../../../lib/db/repo';
import { SCHEMA_VERSION, type GovReviewDb } from '../../../lib/db/schema';
import { fakeClock, identificationFinding, makeDb, typoFinding } from './fixtures';

const PAGE = 'https://www.lincang.gov.cn/news/1.html';
const open: GovReviewDb[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

function newDb(clock = fakeClock()): GovReviewDb {
  const db = makeDb(clock, new IDBFactory());
  open.push(db);
  return db;
}

/** Every row of every table, for equality checks. */
async function dump(db: GovReviewDb) {
  return {
    rounds: await db.rounds.toArray(),
    sites: await db.sites.toArray(),
    findings: await db.findings.toArray(),
    screenshots: (await db.screenshots.toArray()).map((s) => ({ ...s, bytes: Array.from(s.bytes) })),
  };
}

/** A reviewer's database: one round, one site, findings at the given offsets of one page, a screenshot each. */
async function reviewer(offsets: number[], opts: { extraSite?: boolean; note?: string } = {}): Promise<GovReviewDb> {
  const db = newDb();
  const round = await createRound(db, '2026年第四季度', '2026-11-20');
  const site = await addSite(db, {
    name: '临沧市人民政府',
    siteCode: '5309000001',
    region: '临沧市',
    kind: 'portal',
    homeUrl: 'https://www.lincang.gov.cn/',
    hosts: ['www.lincang.gov.cn'],
  });
  for (const start of offsets) {
    const finding = typoFinding({ start, end: start + 2, anchor: { quote: '既使', prefix: '', suffix: '', start, end: start + 2 } });
    const { record } = await recordFinding(db, { round, site, pageUrl: PAGE, pageTitle: '新闻', finding, note: opts.note });
    await attachScreenshot(db, record.id, { image: new Uint8Array([start % 256, 0, 255, 7]), width: 10, height: 20 });
  }
  if (opts.extraSite) {
    const dept = await addSite(db, {
      name: '临沧市发展和改革委员会',
      siteCode: '',
      region: '临沧市',
      kind: 'department',
      homeUrl: 'https://fgw.lincang.gov.cn/',
      hosts: ['fgw.lincang.gov.cn'],
    });
    await recordFinding(db, { round, site: dept, pageUrl: 'https://fgw.lincang.gov.cn/', pageTitle: '首页', finding: identificationFinding('icp') });
  }
  return db;
}

describe('exportBackup / restoreBackup', () => {
  it('round-trips every table, screenshot bytes included', async () => {
    const a = await reviewer([10, 20, 30], { extraSite: true, note: '核实' });
    await setStatus(a, [1], 'confirmed');
    const file = await exportBackup(a);
    const parsed = JSON.parse(file);
    expect(parsed).toMatchObject({ format: BACKUP_FORMAT, version: 1, schemaVersion: SCHEMA_VERSION });
    expect(parsed.tables.screenshots[0].bytes).toBe('CgD/Bw=='); // [10, 0, 255, 7]

    const b = await reviewer([99]); // restore replaces whatever was there
    await restoreBackup(b, file);
    expect(await dump(b)).toEqual(await dump(a));
    // Restored ids keep counting: the next record does not collide.
    const next = await recordFinding(b, { round: 1, site: 1, pageUrl: PAGE, pageTitle: '', finding: typoFinding({ text: '以经' }) });
    expect(next.record.id).toBe(5);
  });

  it('restores a backup the previous version wrote at schema 2 (schema 3 added only working tables)', async () => {
    const a = await reviewer([10, 20, 30], { note: '核实' });
    const file = JSON.parse(await exportBackup(a));
    const b = await reviewer([99]);
    await restoreBackup(b, JSON.stringify({ ...file, schemaVersion: 2 }));
    expect(await dump(b)).toEqual(await dump(a));
  });

  it('accepts the file as bytes, with a BOM, or as a Blob', async () => {
    const a = await reviewer([10]);
    const file = await exportBackup(a);
    for (const input of [new TextEncoder().encode(`\uFEFF${file}`), new Blob([file])]) {
      const b = newDb();
      await restoreBackup(b, input);
      expect(await dump(b)).toEqual(await dump(a));
    }
  });

  /** A parsed backup file, loosely typed so the cases can break it. */
  type FileJson = { version: number; schemaVersion: number; tables: Record<string, Record<string, unknown>[]> };
  const good = async (): Promise<FileJson> => JSON.parse(await exportBackup(await reviewer([10, 20])));
  it.each<[string, (f: FileJson) => unknown, string]>([
    ['not JSON', () => '{"format": "govreview-backup", ', 'not-json'],
    ['another program’s JSON', () => ({ format: 'something-else', tables: {} }), 'wrong-format'],
    ['a newer file layout', (f) => ({ ...f, version: 2 }), 'unsupported-version'],
    ['a newer database schema', (f) => ({ ...f, schemaVersion: SCHEMA_VERSION + 1 }), 'unsupported-version'],
    ['a schema-1 backup (rows without dedupeKey)', (f) => ({ ...f, schemaVersion: 1 }), 'unsupported-version'],
    ['a missing table', (f) => (delete f.tables.sites, f), 'wrong-format'],
    ['a wrong status', (f) => ((f.tables.findings[1].status = '已确认'), f), 'invalid-row'],
    ['a finding of no round', (f) => ((f.tables.findings[0].roundId = 7), f), 'invalid-row'],
    ['duplicate ids', (f) => ((f.tables.findings[1].id = f.tables.findings[0].id), f), 'invalid-row'],
    ['the same finding twice', (f) => (f.tables.findings.push({ ...f.tables.findings[0], id: 50 }), f), 'invalid-row'],
    ['broken base64', (f) => ((f.tables.screenshots[0].bytes = '###'), f), 'invalid-row'],
  ])('rejects %s with a clear error and leaves the database intact', async (_, corrupt, code) => {
    const db = await reviewer([1, 2, 3], { extraSite: true });
    const before = await dump(db);
    const broken = corrupt(await good());
    const error = await restoreBackup(db, typeof broken === 'string' ? broken : JSON.stringify(broken)).catch((e) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/backup/i);
    await expect(mergeBackup(db, typeof broken === 'string' ? broken : JSON.stringify(broken))).rejects.toThrow(BackupError);
    expect(await dump(db)).toEqual(before);
  });

  it('rolls back when writing fails half-way', async () => {
    const db = await reviewer([1, 2, 3]);
    const before = await dump(db);
    const file = await exportBackup(await reviewer([10, 20]));
    // Fail on the first screenshot written: the tables were already cleared and refilled by then.
    db.screenshots.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(restoreBackup(db, file)).rejects.toThrow(/disk full/);
    expect(await dump(db)).toEqual(before);
  });
});

describe('mergeBackup', () => {
  it('merges an overlapping reviewer without duplicates, remapping ids', async () => {
    // Reviewer A saw offsets 10 and 20; reviewer B saw 20 and 30 and also a department site.
    const a = await reviewer([10, 20]);
    await setStatus(a, [2], 'confirmed');
    const b = await reviewer([20, 30], { extraSite: true });
    const report = await mergeBackup(a, await exportBackup(b));
    expect(report).toEqual({
      rounds: { added: 0, skipped: 1 },
      sites: { added: 1, updated: 0, skipped: 1 },
      findings: { added: 2, updated: 1, skipped: 0 }, // 20: A's status, found at B's earlier time
      screenshots: { added: 1, removed: 0, skipped: 1 },
    });
    const findings = await a.findings.toArray();
    expect(findings.map((f) => [f.anchor?.start ?? f.kind, f.siteId])).toEqual([
      [10, 1],
      [20, 1],
      [30, 1],
      ['icp', 2],
    ]);
    expect(findings[1].status).toBe('confirmed'); // A's decision beats B's 待复核 copy
    expect(findings[1].createdAt).toBe((await b.findings.get(1))!.createdAt); // found when B first recorded it
    const shots = await a.screenshots.toArray();
    expect(shots.map((s) => [s.findingId, s.bytes[0]])).toEqual([
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
    // Merging the same file again adds nothing.
    const again = await mergeBackup(a, await exportBackup(b));
    expect(again.findings).toEqual({ added: 0, updated: 0, skipped: 3 });
    expect(again.sites).toEqual({ added: 0, updated: 0, skipped: 2 });
    expect(await a.findings.count()).toBe(4);
  });

  it('maps rounds by name and sites by host when ids and 标识码 differ', async () => {
    const a = newDb();
    await createRound(a, '2026年第三季度', '2026-08-20');
    const round = await createRound(a, '2026年第四季度', '2026-11-20');
    await addSite(a, { name: '其它', siteCode: '', region: '', kind: 'department', homeUrl: '', hosts: ['other.gov.cn'] });
    const site = await addSite(a, { name: '临沧', siteCode: '', region: '', kind: 'portal', homeUrl: '', hosts: ['www.lincang.gov.cn'] });
    await recordFinding(a, {
      round,
      site,
      pageUrl: PAGE,
      pageTitle: '',
      finding: typoFinding({ start: 20, end: 22, anchor: { quote: '既使', prefix: '', suffix: '', start: 20, end: 22 } }),
    });

    const b = await reviewer([20, 40]); // round 1 = 2026年第四季度, site 1 with 标识码 and the same host
    const report = await mergeBackup(a, await exportBackup(b));
    expect(report.rounds).toEqual({ added: 0, skipped: 1 });
    // A edited its site last, so its name stays; the 标识码, region and home page it left empty come from B.
    expect(report.sites).toEqual({ added: 0, updated: 1, skipped: 0 });
    expect(await a.sites.get(site.id)).toMatchObject({ name: '临沧', siteCode: '5309000001', region: '临沧市', homeUrl: 'https://www.lincang.gov.cn/' });
    expect(report.findings).toEqual({ added: 1, updated: 1, skipped: 0 }); // 20 found earlier by B
    const added = (await a.findings.toArray()).at(-1)!;
    expect([added.roundId, added.siteId]).toEqual([round.id, site.id]);
  });

  it('adds rounds and sites the database does not have', async () => {
    const a = newDb();
    const b = await reviewer([5]);
    const report = await mergeBackup(a, await exportBackup(b));
    expect(report).toEqual({
      rounds: { added: 1, skipped: 0 },
      sites: { added: 1, updated: 0, skipped: 0 },
      findings: { added: 1, updated: 0, skipped: 0 },
      screenshots: { added: 1, removed: 0, skipped: 0 },
    });
    expect(await dump(a)).toEqual(await dump(b));
  });

  it("gives a site this reviewer only had proposed the other reviewer's confirmed name, code and region", async () => {
    const a = newDb();
    const proposed = await addSite(a, {
      name: 'www.lincang.gov.cn',
      siteCode: '',
      region: '',
      kind: 'department',
      homeUrl: 'https://www.lincang.gov.cn/',
      hosts: ['www.lincang.gov.cn'],
      proposed: true,
    });
    const b = await reviewer([5]); // confirmed 临沧市人民政府, edited before A proposed its site
    await mergeBackup(a, await exportBackup(b));
    expect(await a.sites.get(proposed.id)).toMatchObject({ name: '临沧市人民政府', siteCode: '5309000001', region: '临沧市', kind: 'portal', proposed: false });
  });

  it('between two confirmed sites, the one edited last wins, in either direction of import', async () => {
    const dept = { siteCode: '', kind: 'department' as const, homeUrl: '', hosts: ['fgw.lincang.gov.cn'] };
    const a = newDb();
    const mine = await addSite(a, { ...dept, name: '我命名的', region: '本区' }); // t0
    const b = await reviewer([5], { extraSite: true }); // 临沧市发展和改革委员会 at t4
    await mergeBackup(a, await exportBackup(b));
    expect(await a.sites.get(mine.id)).toMatchObject({ name: '临沧市发展和改革委员会', region: '临沧市' });

    // The other way round: B's database takes in A's older edit and keeps its own.
    const a2 = newDb();
    await addSite(a2, { ...dept, name: '我命名的', region: '本区' });
    const b2 = await reviewer([5], { extraSite: true });
    const report = await mergeBackup(b2, await exportBackup(a2));
    expect(report.sites).toEqual({ added: 0, updated: 0, skipped: 1 });
    expect((await b2.sites.toArray()).map((s) => s.name)).toEqual(['临沧市人民政府', '临沧市发展和改革委员会']);
  });

  it('takes the later decision and its screenshot, and never lets a re-recorded 待复核 copy undo a decision', async () => {
    const clockA = { t: Date.UTC(2026, 10, 20) };
    const clockB = { t: Date.UTC(2026, 10, 20) };
    const a = makeDb(() => clockA.t, new IDBFactory());
    const b = makeDb(() => clockB.t, new IDBFactory());
    open.push(a, b);
    const at = (start: number) => typoFinding({ start, end: start + 2, anchor: { quote: '既使', prefix: '', suffix: '', start, end: start + 2 } });
    for (const [db, tag] of [
      [a, 0xa],
      [b, 0xb],
    ] as const) {
      const round = await createRound(db, '2026年第四季度', '2026-11-20');
      const site = await addSite(db, { name: '临沧', siteCode: '5309000001', region: '', kind: 'portal', homeUrl: '', hosts: ['www.lincang.gov.cn'] });
      for (const start of [10, 20, 30]) {
        const { record } = await recordFinding(db, { round, site, pageUrl: PAGE, pageTitle: '', finding: at(start) });
        await attachScreenshot(db, record.id, { image: new Uint8Array([tag, start]), width: 1, height: 1 });
      }
    }
    clockA.t += 1000;
    await setStatus(a, [1], 'confirmed'); // A confirms 10 first…
    await setNote(a, 2, '待问单位'); // …notes 20…
    clockB.t += 2000;
    await setStatus(b, [1], 'excluded'); // …B excludes 10 later
    await setStatus(b, [3], 'fixed'); // and marks 30 已整改
    await recordFinding(b, { round: 1, site: 1, pageUrl: PAGE, pageTitle: '', finding: at(20) }); // B records 20 again, after A's note
    clockA.t += 5000;
    await recordFinding(a, { round: 1, site: 1, pageUrl: PAGE, pageTitle: '', finding: at(30) }); // A records 30 again: newer, still 待复核

    const fileA = await exportBackup(a);
    const fileB = await exportBackup(b);
    const report = await mergeBackup(a, fileB);
    expect(report.findings).toEqual({ added: 0, updated: 3, skipped: 0 });
    expect(report.screenshots).toEqual({ added: 3, removed: 3, skipped: 0 });
    await mergeBackup(b, fileA);
    for (const db of [a, b]) {
      const rows = await db.findings.toArray();
      expect(rows.map((f) => [f.anchor?.start, f.status, f.note])).toEqual([
        [10, 'excluded', ''], // the later decision (B's)
        [20, 'pending', '待问单位'], // B's copy is newer, but has no note: A's stays
        [30, 'fixed', ''], // a decision beats A's newer 待复核 copy
      ]);
      expect((await db.screenshots.toArray()).map((s) => [s.findingId, ...s.bytes])).toEqual([
        [1, 0xb, 10],
        [2, 0xb, 20],
        [3, 0xb, 30],
      ]);
    }
  });

  it('keeps the proposed flag through backup and restore, and refuses a flag that is not a boolean', async () => {
    const a = newDb();
    await addSite(a, { name: 'x', siteCode: '', region: '', kind: 'department', homeUrl: '', hosts: ['x.gov.cn'], proposed: true });
    const file = await exportBackup(a);
    const b = newDb();
    await restoreBackup(b, file);
    expect((await b.sites.toArray())[0].proposed).toBe(true);
    const bad = JSON.parse(file);
    bad.tables.sites[0].proposed = 'yes';
    await expect(restoreBackup(b, JSON.stringify(bad))).rejects.toThrow(/proposed/);
  });
});
