import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_BOM } from '../../../lib/export/csv';
import { EXPORT_FILES } from '../../../lib/export/zip';
import { REPO, spawnCli as run } from './spawn-cli';

const exportCli = (...args: string[]) => run('cli/export.ts', ...args);

/** What `npm run scan -- <url> --json` prints, trimmed to what the export reads. */
const home = {
  target: 'http://www.lincang.gov.cn/',
  url: 'http://www.lincang.gov.cn/',
  today: '2026-11-20',
  findings: [
    {
      check: 'link-broken',
      category: 'link',
      severity: 'deduct',
      kind: 'dead',
      message: '链接无法打开',
      text: 'http://www.lincang.gov.cn/gone',
      url: 'http://www.lincang.gov.cn/',
    },
    {
      check: 'site-identification',
      category: 'identity',
      severity: 'deduct',
      kind: 'sitecode',
      message: '页面底部缺少网站标识码',
      text: '',
      suggestion: '网站标识码：5309000044',
      url: 'http://www.lincang.gov.cn/',
    },
  ],
};
const inner = {
  target: 'http://www.lincang.gov.cn/zwgk/1.html',
  url: 'http://www.lincang.gov.cn/zwgk/1.html',
  today: '2026-11-20',
  findings: [
    {
      check: 'expression-formulation',
      category: 'expression',
      severity: 'veto',
      message: '=表述错误<script>',
      text: '以习近平总书记为核心的党中央',
      url: 'http://www.lincang.gov.cn/zwgk/1.html',
    },
  ],
};
const other = { target: 'https://www.gm.gov.cn/', url: 'https://www.gm.gov.cn/', today: '2026-11-20', findings: [] };

let dir: string;
const file = (name: string, content: string) => {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'govreview-export-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Each test spawns Node with tsx: allow for a loaded machine.
describe('npm run export', { timeout: 30_000 }, () => {
  it('maps an array of scans to sites by host and writes the CSV, the report and the ZIP', async () => {
    const out = join(dir, 'out-array');
    const r = await exportCli(file('array.json', JSON.stringify([home, inner, other])), '--out', out, '--round', '2026年第四季度', '--today', '2026-11-20');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`2026年第四季度：网站 2 个，问题 3 处，不合格 1 个，合并重复 0 处 → ${out}\n`);
    const csv = readFileSync(join(out, EXPORT_FILES.csv), 'utf8');
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe(
      '1,未分区,www.lincang.gov.cn,5309000044,http://www.lincang.gov.cn/,断链错链,链接无法打开,http://www.lincang.gov.cn/gone,,扣分,待复核,2026-11-20 00:00,,,',
    );
    expect(lines[3]).toContain(",'=表述错误<script>,");
    const html = readFileSync(join(out, EXPORT_FILES.html), 'utf8');
    expect(html).toContain('<h1>2026年第四季度政府网站检查情况</h1>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script');
    const zip = unzipSync(new Uint8Array(readFileSync(join(out, EXPORT_FILES.zip))));
    expect(Object.keys(zip).sort()).toEqual([EXPORT_FILES.csv, EXPORT_FILES.html]);
    expect(zip[EXPORT_FILES.csv]).toEqual(new Uint8Array(readFileSync(join(out, EXPORT_FILES.csv))));
  });

  it('reads JSON lines and one object; the round defaults to the quarter of --today', async () => {
    const jl = await exportCli(
      file('scans.jsonl', `${JSON.stringify(home)}\n\n${JSON.stringify(other)}\n`),
      '--out',
      join(dir, 'out-jl'),
      '--today',
      '2026-05-02',
    );
    expect(jl).toMatchObject({ code: 0, stdout: expect.stringContaining('2026年第二季度：网站 2 个，问题 2 处，不合格 0 个') });
    const one = await exportCli(file('one.json', JSON.stringify(inner)), `--out=${join(dir, 'out-one')}`, '--today', '2026-11-20');
    expect(one).toMatchObject({ code: 0, stdout: expect.stringContaining('网站 1 个，问题 1 处，不合格 1 个') });
    expect(existsSync(join(dir, 'out-one', EXPORT_FILES.zip))).toBe(true);
  });

  it('takes what `npm run scan -- … --json` really prints', async () => {
    const scan = await run('cli/scan.ts', resolve(REPO, 'assets/demo-site/dibao.html'), '--json', '--no-links', '--today', '2026-11-20');
    expect(scan.code).toBe(0);
    const r = await exportCli(file('real.json', scan.stdout), '--out', join(dir, 'out-real'), '--today', '2026-11-20');
    expect(r.code).toBe(0);
    const n = (JSON.parse(scan.stdout) as { findings: unknown[] }).findings.length;
    expect(n).toBeGreaterThan(0);
    expect(
      readFileSync(join(dir, 'out-real', EXPORT_FILES.csv), 'utf8')
        .trimEnd()
        .split('\r\n'),
    ).toHaveLength(n + 1);
  });

  it.each([
    ['a missing file', () => [join(dir, 'nope.json'), '--out', join(dir, 'x')], /cannot read .*nope\.json: ENOENT/],
    ['text that is not JSON', () => [file('bad.json', 'not json {'), '--out', join(dir, 'x')], /is not JSON/],
    ['an empty file', () => [file('empty.json', ' \n'), '--out', join(dir, 'x')], /is empty/],
    ['a scan without findings', () => [file('nofind.json', '{"url":"http://a.gov.cn/"}'), '--out', join(dir, 'x')], /scan 1 of .* has no findings array/],
    ['an empty array', () => [file('none.json', '[]'), '--out', join(dir, 'x')], /holds no scans/],
    [
      'a finding with an unknown category',
      () => [file('cat.json', '{"url":"http://a.gov.cn/","findings":[{"category":"x","severity":"veto"}]}'), '--out', join(dir, 'x')],
      /finding 1: category or severity/,
    ],
    ['no --out', () => [file('ok.json', JSON.stringify(other))], /--out <dir> is required/],
    ['a bad --today', () => [file('ok2.json', JSON.stringify(other)), '--out', join(dir, 'x'), '--today', '2026-02-30'], /--today must be a real date/],
    ['an unknown option', () => ['--frobnicate'], /unknown option --frobnicate/],
  ])('exits 2 with one line on %s', async (_name, args, message) => {
    const r = await exportCli(...args());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
