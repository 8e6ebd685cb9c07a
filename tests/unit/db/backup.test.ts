/** Backup, restore and merge of the whole database as one JSON file. */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, BackupError, exportBackup, mergeBackup, restoreBackup } from '../../../lib/db/backup';
import { addSite, attachScreenshot, createRound, recordFinding, setStatus } from '../../../lib/db/repo';
import type { GovReviewDb } from '../../../lib/db/schema';
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
    expect(parsed).toMatchObject({ format: BACKUP_FORMAT, version: 1, schemaVersion: 2 });
    expect(parsed.tables.screenshots[0].bytes).toBe('CgD/Bw=='); // [10, 0, 255, 7]

    const b = await reviewer([99]); // restore replaces whatever was there
    await restoreBackup(b, file);
    expect(await dump(b)).toEqual(await dump(a));
    // Restored ids keep counting: the next record does not collide.
    const next = await recordFinding(b, { round: 1, site: 1, pageUrl: PAGE, pageTitle: '', finding: typoFinding({ text: '以经' }) });
    expect(next.record.id).toBe(5);
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
    ['a newer database schema', (f) => ({ ...f, schemaVersion: 3 }), 'unsupported-version'],
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
      sites: { added: 1, skipped: 1 },
      findings: { added: 2, skipped: 1 },
      screenshots: { added: 1, skipped: 1 },
    });
    const findings = await a.findings.toArray();
    expect(findings.map((f) => [f.anchor?.start ?? f.kind, f.siteId])).toEqual([
      [10, 1],
      [20, 1],
      [30, 1],
      ['icp', 2],
    ]);
    expect(findings[1].status).toBe('confirmed'); // A's verdict stays
    const shots = await a.screenshots.toArray();
    expect(shots.map((s) => [s.findingId, s.bytes[0]])).toEqual([
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
    // Merging the same file again adds nothing.
    const again = await mergeBackup(a, await exportBackup(b));
    expect(again.findings).toEqual({ added: 0, skipped: 3 });
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
    expect(report.sites).toEqual({ added: 0, skipped: 1 });
    expect(report.findings).toEqual({ added: 1, skipped: 1 });
    const added = (await a.findings.toArray()).at(-1)!;
    expect([added.roundId, added.siteId]).toEqual([round.id, site.id]);
  });

  it('adds rounds and sites the database does not have', async () => {
    const a = newDb();
    const b = await reviewer([5]);
    const report = await mergeBackup(a, await exportBackup(b));
    expect(report).toEqual({
      rounds: { added: 1, skipped: 0 },
      sites: { added: 1, skipped: 0 },
      findings: { added: 1, skipped: 0 },
      screenshots: { added: 1, skipped: 0 },
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
    const kept = await addSite(a, { name: '我命名的', siteCode: '', region: '本区', kind: 'department', homeUrl: '', hosts: ['fgw.lincang.gov.cn'] });
    const b = await reviewer([5], { extraSite: true }); // confirmed 临沧市人民政府 and 临沧市发展和改革委员会
    await mergeBackup(a, await exportBackup(b));
    expect(await a.sites.get(proposed.id)).toMatchObject({ name: '临沧市人民政府', siteCode: '5309000001', region: '临沧市', kind: 'portal', proposed: false });
    // A site this reviewer confirmed (no flag) keeps its own words.
    expect(await a.sites.get(kept.id)).toMatchObject({ name: '我命名的', region: '本区' });
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
