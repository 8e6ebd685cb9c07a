/**
 * `npm run export -- <files>… --out <dir>` end to end, each CLI in its own process on temporary files: a scan
 * (with its page title) and backups in, the CSV, report and ZIP out; bad inputs exit 2 with nothing written.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJson } from '../../../cli/report';
import { scanTarget } from '../../../cli/scan-target';
import { exportBackup } from '../../../lib/db/backup';
import { addSite, attachScreenshot, createRound, recordFinding, setStatus } from '../../../lib/db/repo';
import { EXPORT_FILES } from '../../../lib/export/zip';
import { fakeClock, makeDb, typoFinding } from '../db/fixtures';
import { spawnCli } from './spawn-cli';

const exportCli = (...args: string[]) => spawnCli('cli/export.ts', ...args);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]);
const PAGE = 'https://www.yl.gov.cn/zwgk/1.html';

let dir: string;
const file = (name: string, content: string) => {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};
const csvRows = (path: string) =>
  readFileSync(path, 'utf8')
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .slice(1)
    .map((l) => l.split(','));

/** A reviewer's backup: round 2026年第四季度 (or none), the 云岭县 portal, a typo per offset with a screenshot; `status` on the first. */
async function backup(name: string, opts: { start?: number; offsets?: number[]; status?: 'confirmed' | 'excluded'; rounds?: boolean } = {}): Promise<string> {
  const db = makeDb(fakeClock(opts.start), new IDBFactory());
  if (opts.rounds !== false) {
    const round = await createRound(db, '2026年第四季度', '2026-11-20');
    const site = await addSite(db, {
      name: '云岭县人民政府',
      siteCode: '5309000099',
      region: '云岭县',
      kind: 'portal',
      homeUrl: 'https://www.yl.gov.cn/',
      hosts: ['www.yl.gov.cn'],
    });
    for (const start of opts.offsets ?? []) {
      const finding = typoFinding({ start, end: start + 2, url: PAGE, anchor: { quote: '既使', prefix: '', suffix: '', start, end: start + 2 } });
      const { record } = await recordFinding(db, { round, site, pageUrl: PAGE, pageTitle: '通知', finding });
      await attachScreenshot(db, record.id, { image: JPEG, mime: 'image/jpeg', width: 1, height: 1 });
      if (opts.status && start === opts.offsets![0]) await setStatus(db, [record.id], opts.status);
    }
  }
  const text = await exportBackup(db);
  db.close();
  return file(name, text);
}

/** A valid backup's text, for editing into a wrong one. */
async function readBackupText(): Promise<string> {
  return readFileSync(await backup('base.json', { offsets: [10] }), 'utf8');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'govreview-export-backup-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run export with backups', () => {
  it('exports what `npm run scan --json` prints (with the page title) together with a backup', async () => {
    const page = file('mzj.html', '<!doctype html><html><head><title>云岭县民政局</title></head><body><p>低保对象联系电话：13987016642</p></body></html>');
    const scan = await spawnCli('cli/scan.ts', page, '--json', '--no-links', '--today', '2026-11-21');
    expect(scan.code).toBe(0);
    const doc = JSON.parse(scan.stdout) as { title: string; findings: Array<{ check: string }> };
    expect(doc.title).toBe('云岭县民政局');
    expect(doc.findings.map((f) => f.check)).toContain('personal-mobile-number');

    const out = join(dir, 'out-mixed');
    const r = await exportCli(file('scan.json', scan.stdout), await backup('reviewer.json', { offsets: [10], status: 'confirmed' }), '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`2026年第四季度：网站 2 个，问题 ${doc.findings.length + 1} 处，不合格 1 个，合并重复 0 处 → ${out}\n`);
    const rows = csvRows(join(out, EXPORT_FILES.csv));
    expect(rows[0].slice(1, 4).concat(rows[0][10], rows[0][12])).toEqual(['云岭县', '云岭县人民政府', '5309000099', '已确认', '5309000099-00001.jpg']);
    expect(rows.slice(1).map((r) => [r[2], r[10]])).toEqual(doc.findings.map(() => ['云岭县民政局', '待复核']));
    const zip = unzipSync(new Uint8Array(readFileSync(join(out, EXPORT_FILES.zip))));
    expect(zip['screenshots/5309000099-00001.jpg']).toEqual(JPEG);
    expect(zip[EXPORT_FILES.csv]).toEqual(new Uint8Array(readFileSync(join(out, EXPORT_FILES.csv))));
  }, 60_000);

  it("merges two reviewers' backups of the same round: one row a finding, the status set last", async () => {
    const a = await backup('a.json', { offsets: [10, 20] });
    const b = await backup('b.json', { start: Date.UTC(2026, 10, 21), offsets: [10, 30], status: 'excluded' });
    const out = join(dir, 'out-two');
    const r = await exportCli(a, b, '--out', out, '--round', '2026年第四季度');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`2026年第四季度：网站 1 个，问题 3 处，不合格 0 个，合并重复 1 处 → ${out}\n`);
    expect(csvRows(join(out, EXPORT_FILES.csv)).map((row) => [row[10], row[12]])).toEqual([
      ['已排除', '5309000099-00001.jpg'],
      ['待复核', '5309000099-00002.jpg'],
      ['待复核', '5309000099-00003.jpg'],
    ]);
  }, 30_000);

  it.each([
    [
      'a backup of an unsupported version',
      async () => [file('v9.json', (await readBackupText()).replace('"version":1', '"version":9'))],
      /v9\.json: Backup file version 9 is not supported/,
    ],
    [
      'a round the backups do not hold',
      async () => [await backup('r.json', { offsets: [10] }), '--round', '2027年第一季度'],
      /no round "2027年第一季度" in the backups; they hold: 2026年第四季度$/m,
    ],
    [
      'backups without findings',
      async () => [await backup('empty-a.json'), await backup('empty-b.json', { rounds: false })],
      /no findings to export: round "2026年第四季度" of the backups has none/,
    ],
    ['one missing file among good ones', async () => [await backup('ok.json', { offsets: [10] }), join(dir, 'nope.json')], /cannot read .*nope\.json: ENOENT/],
    [
      'a file that is not JSON after a good one',
      async () => [await backup('ok2.json', { offsets: [10] }), file('bad.json', '{"format": ')],
      /bad\.json is not JSON/,
    ],
  ])(
    'exits 2 with one line and writes nothing on %s',
    async (_name, args, message) => {
      const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
      const r = await exportCli(...(await args()), '--out', out);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^govreview: /);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    },
    30_000,
  );
});

describe('npm run scan --json: title', () => {
  it("is the page's <title>, and empty for a text file", async () => {
    const html = file('t.html', '<html><head><title>\n  临沧市人民政府\n  门户网站 </title></head><body><p>正文</p></body></html>');
    const txt = file('t.txt', '正文一行\n');
    const title = async (target: string) => (JSON.parse(toJson(await scanTarget(target, { today: '2026-11-20', links: false }))) as { title: string }).title;
    expect(await title(html)).toBe('临沧市人民政府 门户网站');
    expect(await title(txt)).toBe('');
  }, 30_000);
});
