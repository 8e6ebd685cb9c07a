/**
 * `npm run export` on backups (in process): a backup gives the extension's export of the same database, and
 * backups and scans from several reviewers merge into one round without duplicates.
 */
import { IDBFactory } from 'fake-indexeddb';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { parseExportInput } from '../../../cli/export-inputs';
import { mergeInputs, type MergeOptions } from '../../../cli/export-merge';
import { toJson } from '../../../cli/report';
import type { ScanOutput } from '../../../cli/scan-target';
import { exportBackup, mergeBackup, restoreBackup } from '../../../lib/db/backup';
import { addSite, attachScreenshot, createRound, proposeSite, recordFinding, setNote, setStatus } from '../../../lib/db/repo';
import type { GovReviewDb } from '../../../lib/db/schema';
import { roundExport, rowsToExport } from '../../../lib/db/to-export';
import { buildExport } from '../../../lib/export/zip';
import type { Finding } from '../../../lib/engine/types';
import { identificationFinding, makeDb, typoFinding } from '../db/fixtures';

const T0 = Date.UTC(2026, 10, 20, 1, 0, 0); // 2026-11-20 09:00 in Beijing
const HOUR = 3_600_000;

/** A database whose clock the test sets (`db.clock.t = …`) before each write. */
type ClockedDb = GovReviewDb & { clock: { t: number } };
const open: GovReviewDb[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));
function newDb(start: number): ClockedDb {
  const clock = { t: start };
  const db = Object.assign(
    makeDb(() => clock.t, new IDBFactory()),
    { clock },
  );
  open.push(db);
  return db;
}

/** What the CLI does with the files' texts, without the files: parse each, merge, map, build. */
async function cliExport(texts: string[], opts: Partial<MergeOptions> = {}) {
  const inputs = await Promise.all(texts.map((t, i) => parseExportInput(t, `input-${i + 1}.json`)));
  const { duplicates, ...rows } = mergeInputs(inputs, { today: '2026-11-25', ...opts });
  const out = rowsToExport(rows);
  return { ...out, duplicates, bundle: buildExport(out.data, out.screenshots) };
}

/** A typo at text[start, start + 2) of a page (the same slip at the same place is the same finding). */
const typoAt = (start: number, url = 'https://www.lc.gov.cn/news/1.html'): Finding =>
  typoFinding({ start, end: start + 2, url, anchor: { quote: '既使', prefix: '会议强调，', suffix: '困难再大', start, end: start + 2 } });

const bytes = (...b: number[]) => new Uint8Array(b);

/** CSV data rows as cells (no commas or quotes occur in these fixtures). */
const csvRows = (csv: string) =>
  csv
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .slice(1)
    .map((l) => l.split(','));

describe('a backup, exported by the CLI', () => {
  it('gives the same CSV, report, ZIP and screenshot names as the extension exporting the same database', async () => {
    const db = newDb(T0);
    const q4 = await createRound(db, '2026年第四季度', '2026-11-20');
    const q3 = await createRound(db, '2026年第三季度', '2026-08-20');
    await db.sites.delete((await addSite(db, { name: '已删除', siteCode: '', region: '', kind: 'department', homeUrl: '', hosts: [] })).id);
    await addSite(db, { name: '无问题的网站', siteCode: '', region: '', kind: 'department', homeUrl: 'https://a.yl.gov.cn/', hosts: ['a.yl.gov.cn'] });
    const portal = await addSite(db, {
      name: '云岭县人民政府',
      siteCode: '5309000099',
      region: '云岭县',
      kind: 'portal',
      homeUrl: 'https://www.yl.gov.cn/',
      hosts: ['www.yl.gov.cn'],
    });
    const dept = await addSite(db, proposeSite('https://fgw.yl.gov.cn/tzgg/2.html', { sponsor: '云岭县发展和改革局' }));
    const page = 'https://www.yl.gov.cn/zwgk/1.html';
    // Ids as a used database has them: not 1, 2, 3… for the round's rows (the screenshot names hold them).
    await recordFinding(db, { round: q3, site: portal, pageUrl: page, pageTitle: '通知', finding: typoFinding({ text: '以经', start: 3, end: 5 }) });
    db.clock.t += HOUR;
    const a = await recordFinding(db, { round: q4, site: portal, pageUrl: page, pageTitle: '通知', finding: typoAt(10, page) });
    const b = await recordFinding(db, { round: q4, site: portal, pageUrl: 'https://www.yl.gov.cn/', pageTitle: '首页', finding: identificationFinding('icp') });
    const c = await recordFinding(db, {
      round: q4,
      site: dept,
      pageUrl: 'https://fgw.yl.gov.cn/tzgg/2.html',
      pageTitle: '公告',
      finding: typoAt(40, 'https://fgw.yl.gov.cn/tzgg/2.html'),
    });
    const d = await recordFinding(db, {
      round: q4,
      site: dept,
      pageUrl: 'https://fgw.yl.gov.cn/',
      pageTitle: '首页',
      finding: typoAt(5, 'https://fgw.yl.gov.cn/'),
    });
    await attachScreenshot(db, a.record.id, { image: bytes(0xff, 0xd8, 1), mime: 'image/jpeg', width: 10, height: 10 });
    await attachScreenshot(db, a.record.id, { image: bytes(0xff, 0xd8, 2), mime: 'image/jpeg', width: 10, height: 10 }); // the newer one is exported
    await attachScreenshot(db, c.record.id, { image: bytes(0x89, 0x50, 3), mime: 'image/png', width: 10, height: 10 });
    db.clock.t += HOUR;
    await setStatus(db, [b.record.id], 'excluded');
    await setStatus(db, [c.record.id], 'confirmed');
    await setStatus(db, [d.record.id], 'fixed');
    await setNote(db, c.record.id, '已与单位核实');

    const ext = await roundExport(db, q4.id);
    const extBundle = buildExport(ext.data, ext.screenshots);
    const cli = await cliExport([await exportBackup(db)]);

    expect(cli.duplicates).toBe(0);
    expect(cli.data).toEqual(ext.data);
    expect(cli.bundle.csv).toBe(extBundle.csv);
    expect(cli.bundle.html).toBe(extBundle.html);
    expect(cli.bundle.zip).toEqual(extBundle.zip);
    // …and that export is the round's, with the reviewers' statuses and the newest screenshot of each finding.
    expect(csvRows(cli.bundle.csv).map((r) => [r[2], r[10], r[12]])).toEqual([
      ['云岭县人民政府', '待复核', `5309000099-${String(a.record.id).padStart(5, '0')}.jpg`],
      ['云岭县人民政府', '已排除', ''],
      ['云岭县发展和改革局', '已确认', `site-${String(c.record.id).padStart(5, '0')}.png`],
      ['云岭县发展和改革局', '已整改', ''],
    ]);
    const zip = unzipSync(cli.bundle.zip);
    expect(zip[`screenshots/5309000099-${String(a.record.id).padStart(5, '0')}.jpg`]).toEqual(bytes(0xff, 0xd8, 2));
    expect(cli.data.findings[2].note).toBe('已与单位核实');
  });

  it('takes the newest round by monitoring date, or the one --round names, and lists the rounds when none matches', async () => {
    const db = newDb(T0);
    const q4 = await createRound(db, '2026年第四季度', '2026-11-20'); // created first, newer by date
    const q3 = await createRound(db, '2026年第三季度', '2026-08-20');
    const site = await addSite(db, {
      name: '临沧市人民政府',
      siteCode: '5309000001',
      region: '临沧市',
      kind: 'portal',
      homeUrl: 'https://www.lc.gov.cn/',
      hosts: ['www.lc.gov.cn'],
    });
    await recordFinding(db, { round: q4, site, pageUrl: 'https://www.lc.gov.cn/news/1.html', pageTitle: '', finding: typoAt(10) });
    await recordFinding(db, { round: q3, site, pageUrl: 'https://www.lc.gov.cn/news/1.html', pageTitle: '', finding: typoAt(20) });
    await recordFinding(db, { round: q3, site, pageUrl: 'https://www.lc.gov.cn/news/1.html', pageTitle: '', finding: typoAt(30) });
    const file = await exportBackup(db);

    const newest = await cliExport([file]);
    expect(newest.data.round).toEqual({ name: '2026年第四季度', monitoringDate: '2026-11-20' });
    expect(newest.data.findings).toHaveLength(1);
    const named = await cliExport([file], { round: '2026年第三季度' });
    expect(named.data.round).toEqual({ name: '2026年第三季度', monitoringDate: '2026-08-20' });
    expect(named.data.findings).toHaveLength(2);
    expect(named.bundle.csv).toBe(buildExport((await roundExport(db, q3.id)).data).csv);
    await expect(cliExport([file], { round: '2025年第一季度' })).rejects.toThrow(
      'no round "2025年第一季度" in the backups; they hold: 2026年第四季度、2026年第三季度',
    );
  });
});

describe('several backups and scans, merged', () => {
  /** A reviewer's database: round 2026年第四季度, the 临沧 portal, typos at the given offsets of one page, a screenshot each. */
  async function reviewer(start: number, offsets: number[], site: { name: string; hosts: string[]; padRounds?: number }) {
    const db = newDb(start);
    for (let i = 0; i < (site.padRounds ?? 0); i++) await createRound(db, `2026年第${'一二三'[i]}季度`, `2026-0${3 * i + 2}-20`);
    const round = await createRound(db, '2026年第四季度', '2026-11-20');
    const s = await addSite(db, {
      name: site.name,
      siteCode: '5309000001',
      region: '临沧市',
      kind: 'portal',
      homeUrl: `https://${site.hosts[0]}/`,
      hosts: site.hosts,
    });
    const ids = new Map<number, number>();
    for (const at of offsets) {
      const { record } = await recordFinding(db, { round, site: s, pageUrl: 'https://www.lc.gov.cn/news/1.html', pageTitle: '新闻', finding: typoAt(at) });
      await attachScreenshot(db, record.id, { image: bytes(start === T0 ? 0xa : 0xb, at), mime: 'image/jpeg', width: 1, height: 1 });
      ids.set(at, record.id);
    }
    return { db, ids };
  }

  it('keeps one copy of a finding two reviewers recorded: the status set last wins, its screenshot is kept once, bytes intact', async () => {
    const a = await reviewer(T0, [10, 20, 30], { name: '临沧市人民政府', hosts: ['www.lc.gov.cn'] });
    const b = await reviewer(T0 + HOUR, [10, 20, 40], { name: '临沧市人民政府门户网站', hosts: ['lc.gov.cn', 'www.lc.gov.cn'], padRounds: 2 });
    b.db.clock.t = T0 + 2 * HOUR;
    await setStatus(b.db, [b.ids.get(10)!], 'excluded'); // B rules the slip at 10 out after A last touched it…
    a.db.clock.t = T0 + 3 * HOUR;
    await setStatus(a.db, [a.ids.get(20)!], 'confirmed'); // …and A confirms the one at 20 after B recorded it

    const out = await cliExport([await exportBackup(a.db), await exportBackup(b.db)]);
    expect(out.duplicates).toBe(2);
    expect(out.data.sites.map((s) => s.name)).toEqual(['临沧市人民政府门户网站']); // one site (same code); B edited it last
    expect(out.data.findings.map((f) => [f.text, f.status])).toEqual([
      ['既使', '已排除'],
      ['既使', '已确认'],
      ['既使', '待复核'],
      ['既使', '待复核'],
    ]);

    // Each finding's one screenshot, from the copy that won, byte for byte.
    const zip = unzipSync(out.bundle.zip);
    const shots = Object.keys(zip).filter((n) => n.startsWith('screenshots/'));
    expect(shots).toHaveLength(4);
    expect(out.data.findings.map((f) => [...zip[`screenshots/${f.screenshot}`]])).toEqual([
      [0xb, 10], // B's copy won: its screenshot
      [0xa, 20],
      [0xa, 30],
      [0xb, 40],
    ]);
    expect(csvRows(strFromU8(zip['findings.csv'])).map((r) => [r[10], r[12]])).toEqual(out.data.findings.map((f) => [f.status, f.screenshot]));
  });

  it("merges as the ledger's 合并备份 does, in either order: a decision is not undone by a copy recorded again later", async () => {
    const site = { name: '临沧市人民政府', hosts: ['www.lc.gov.cn'] };
    const a = await reviewer(T0, [10, 20], site);
    const b = await reviewer(T0 + 1, [10, 30], site);
    a.db.clock.t = T0 + HOUR;
    await setStatus(a.db, [a.ids.get(10)!], 'confirmed');
    b.db.clock.t = T0 + 2 * HOUR;
    // B records the slip at 10 again: its copy is newer, and still 待复核. (The CLI used to let it win.)
    await recordFinding(b.db, { round: 1, site: 1, pageUrl: 'https://www.lc.gov.cn/news/1.html', pageTitle: '新闻', finding: typoAt(10) });
    await setStatus(b.db, [b.ids.get(30)!], 'excluded');
    const files = { a: await exportBackup(a.db), b: await exportBackup(b.db) };

    for (const [first, second] of [
      ['a', 'b'],
      ['b', 'a'],
    ] as const) {
      const cli = await cliExport([files[first], files[second]]);
      const db = newDb(T0 + 3 * HOUR);
      await restoreBackup(db, files[first]);
      await mergeBackup(db, files[second]);
      const ext = await roundExport(db, 1);
      expect(cli.data).toEqual(ext.data);
      expect(cli.screenshots).toEqual(ext.screenshots);
      expect(cli.data.findings.map((f) => f.status).sort()).toEqual(['已排除', '已确认', '待复核']);
      // The confirmed slip keeps A's screenshot: the winner's.
      const confirmed = cli.data.findings.find((f) => f.status === '已确认')!;
      expect([...cli.screenshots.get(confirmed.screenshot!)!]).toEqual([0xa, 10]);
    }
  });

  it("joins scans to the backups' round: the backup's site record and the reviewer's status beat a fresh scan", async () => {
    const db = newDb(T0);
    const round = await createRound(db, '2026年第四季度', '2026-11-20');
    const site = await addSite(db, {
      name: '云岭县人民政府',
      siteCode: '5309000099',
      region: '云岭县',
      kind: 'portal',
      homeUrl: 'https://www.yl.gov.cn/',
      hosts: ['www.yl.gov.cn'],
    });
    const page = 'https://www.yl.gov.cn/zwgk/1.html';
    const { record } = await recordFinding(db, { round, site, pageUrl: page, pageTitle: '通知', finding: typoAt(10, page) });
    await attachScreenshot(db, record.id, { image: bytes(1, 2, 3), mime: 'image/jpeg', width: 1, height: 1 });
    await setStatus(db, [record.id], 'excluded');

    // What `npm run scan -- <url> --json` prints for two pages of that site and one of another, weeks later.
    const scan = (url: string, title: string, findings: Finding[]): string =>
      toJson({
        target: url,
        url,
        title,
        kind: 'html',
        charset: 'utf-8',
        today: '2027-01-05',
        frames: [],
        findings,
        errors: [],
        notes: [],
      } satisfies ScanOutput);
    const scans = [
      scan(page, '关于印发通知_云岭县人民政府', [typoAt(10, page), typoAt(50, page)]),
      scan('https://www.yl.gov.cn/', '云岭县门户', []),
      scan('https://www.other.gov.cn/index.html', '他县人民政府', [{ ...identificationFinding('icp'), url: 'https://www.other.gov.cn/index.html' }]),
    ].join('\n');

    const out = await cliExport([scans, await exportBackup(db)], { today: '2027-01-05' });
    expect(out.data.round).toEqual({ name: '2026年第四季度', monitoringDate: '2026-11-20' });
    expect(out.duplicates).toBe(1);
    expect(out.data.sites.map((s) => [s.name, s.region, s.siteCode])).toEqual([
      ['云岭县人民政府', '云岭县', '5309000099'],
      ['他县人民政府', '未分区', ''],
    ]);
    expect(csvRows(out.bundle.csv).map((r) => [r[2], r[4], r[10], r[11], r[12]])).toEqual([
      ['云岭县人民政府', page, '已排除', '2026-11-20 09:00', `5309000099-${String(record.id).padStart(5, '0')}.jpg`],
      ['云岭县人民政府', page, '待复核', '2027-01-05 00:00', ''],
      ['他县人民政府', 'https://www.other.gov.cn/index.html', '待复核', '2027-01-05 00:00', ''],
    ]);
    expect(out.screenshots.size).toBe(1);
  });

  it('with scans only, the round is --round or the quarter of --today, as before', async () => {
    const scan = JSON.stringify({ target: 'https://www.lc.gov.cn/', url: 'https://www.lc.gov.cn/', title: '临沧市人民政府', findings: [] });
    expect((await cliExport([scan], { today: '2026-05-02' })).data.round).toEqual({ name: '2026年第二季度', monitoringDate: '2026-05-02' });
    const named = await cliExport([scan, scan], { today: '2026-05-02', round: '专项检查' });
    expect(named.data.round.name).toBe('专项检查');
    expect(named.data.sites.map((s) => s.name)).toEqual(['临沧市人民政府']);
  });
});

describe('inputs the export refuses', () => {
  async function backupText(): Promise<string> {
    const db = newDb(T0);
    await createRound(db, '2026年第四季度', '2026-11-20');
    return exportBackup(db);
  }

  it.each([
    [
      'a backup of a newer file version',
      (f: Record<string, unknown>) => ({ ...f, version: 2 }),
      'input-1.json: Backup file version 2 is not supported (expected 1)',
    ],
    [
      'a backup written at another database schema',
      (f: Record<string, unknown>) => ({ ...f, schemaVersion: 99 }),
      'input-1.json: Backup written at database schema 99',
    ],
    ['a file in another format', (f: Record<string, unknown>) => ({ ...f, format: 'other-backup' }), 'input-1.json: Not a GovReview backup'],
  ])('%s', async (_name, edit, message) => {
    const file = JSON.stringify(edit(JSON.parse(await backupText()) as Record<string, unknown>));
    await expect(cliExport([file])).rejects.toThrow(message);
  });

  it('backups without a finding in the round', async () => {
    await expect(cliExport([await backupText()])).rejects.toThrow('no findings to export: round "2026年第四季度" of the backups has none');
  });
});
