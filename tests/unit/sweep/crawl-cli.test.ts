/**
 * `npm run crawl` (cli/crawl.ts): its arguments, the sites.csv it reads (encodings, quoting, bad lines), a crawl
 * of two local sites into the files `npm run export` reads, and a crawl killed with SIGKILL mid-way and started
 * again, which fetches no page twice but those in flight and ends with what an uninterrupted crawl finds.
 * The sites are the generated fixture sites (tests/fixtures/sweep/site.mjs), served on 127.0.0.1 (one behind a
 * front on localhost), and what the crawl rolls up is checked against their `truth`. Spawned crawls run with
 * --no-links (the footers link off-site); the one crawl with links runs in process, off-site links answered locally.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCrawlArgs } from '../../../cli/crawl-args';
import { runCrawl } from '../../../cli/crawl-run';
import { decodeCsv, parseCsv, readSites, sitesFromCsv } from '../../../cli/crawl-sites';
import { HelpRequest, InputError } from '../../../cli/errors';
import { CrawlState } from '../../../cli/sqlite-store';
import { bundlePath, ensureFreshCli } from '../../../scripts/build-cli.mjs';
import { DEFAULT_COLUMNS, generateSite, type ServedSite, type Site, type SiteSpec, serveSite } from '../../fixtures/sweep/site.mjs';

const REPO = resolve(__dirname, '../../..');
const TODAY = '2026-11-22';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts a bundled CLI command (what `npm run <name>` runs) in its own process. */
function start(name: 'crawl' | 'export', args: string[]): { child: ChildProcess; done: Promise<Run>; out: { stdout: string } } {
  const child = spawn(process.execPath, [bundlePath(name), ...args], { cwd: REPO, env: { ...process.env, GOVREVIEW_DEBUG: '' } });
  const out = { stdout: '' };
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (out.stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<Run>((resolveRun) => child.on('close', (code) => resolveRun({ code, stdout: out.stdout, stderr })));
  return { child, done, out };
}
const cli = (name: 'crawl' | 'export', ...args: string[]) => start(name, args).done;

/**
 * A front for a served site on another host name (localhost): `npm run export` makes one site of pages that share
 * a host name (ports apart), so two sites of one crawl that go to one export must differ in it.
 */
async function front(innerUrl: string): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    requests.push(req.url ?? '/');
    try {
      const r = await fetch(innerUrl + (req.url ?? '/'), { method: req.method, redirect: 'manual' });
      const body = Buffer.from(await r.arrayBuffer());
      const location = r.headers.get('location');
      res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? 'text/html', ...(location && { location }) });
      res.end(body);
    } catch {
      res.destroy();
    }
  });
  await new Promise<void>((ok) => server.listen(0, 'localhost', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** The fixture sites (tests/fixtures/sweep/site.mjs), small: two newest articles per column. */
const SPEC_A: SiteSpec = { seed: 3, today: TODAY, articlesPerColumn: 2 };
const SPEC_B: SiteSpec = {
  seed: 4,
  today: TODAY,
  articlesPerColumn: 2,
  columns: [...DEFAULT_COLUMNS.slice(0, 5)],
  name: '云岭县教育局',
  siteCode: '5309000098',
};

let tmp: string;
let siteA: Site;
let siteB: Site;
let serverA: ServedSite;
let serverB: ServedSite;
let frontB: Awaited<ReturnType<typeof front>>;

beforeAll(async () => {
  await ensureFreshCli();
  tmp = mkdtempSync(join(tmpdir(), 'govreview-crawl-'));
  [siteA, siteB] = [generateSite(SPEC_A), generateSite(SPEC_B)];
  [serverA, serverB] = await Promise.all([serveSite(siteA), serveSite(siteB)]);
  frontB = await front(serverB.url);
});
afterAll(async () => {
  await Promise.all([serverA?.close(), serverB?.close(), frontB?.close()]);
  rmSync(tmp, { recursive: true, force: true });
});

describe('crawl arguments', () => {
  it('fills in the defaults and reads every option', () => {
    expect(parseCrawlArgs(['https://www.example.gov.cn/', '--out', 'o'], TODAY)).toEqual({
      target: 'https://www.example.gov.cn/',
      out: 'o',
      today: TODAY,
      maxPages: 500,
      perHost: 4,
      delayMs: 0,
      articles: 5,
      state: join('o', '.state'),
      fresh: false,
      links: true,
      json: false,
      lang: 'zh-CN',
    });
    const all = parseCrawlArgs(
      [
        'sites.csv',
        '--out=o',
        '--today',
        '2026-02-28',
        '--max-pages',
        '20',
        '--per-host=2',
        '--delay',
        '250',
        '--articles',
        '0',
        '--state',
        's',
        '--fresh',
        '--no-links',
        '--json',
        '--lang',
        'en',
      ],
      TODAY,
    );
    expect(all).toMatchObject({
      target: 'sites.csv',
      today: '2026-02-28',
      maxPages: 20,
      perHost: 2,
      delayMs: 250,
      articles: 0,
      state: 's',
      fresh: true,
      links: false,
      json: true,
      lang: 'en',
    });
  });

  it.each([
    [[], /no target given/],
    [['https://x.gov.cn/'], /--out DIR is required/],
    [['a.csv', 'b.csv', '--out', 'o'], /one target at a time/],
    [['a.csv', '--out'], /--out needs a value/],
    [['a.csv', '--out', 'o', '--today', '2026-02-30'], /--today must be a real date/],
    [['a.csv', '--out', 'o', '--max-pages', '0'], /--max-pages must be a whole number from 1/],
    [['a.csv', '--out', 'o', '--per-host', 'four'], /--per-host must be a whole number/],
    [['a.csv', '--out', 'o', '--delay', '-5'], /--delay needs a value|--delay must be/],
    [['a.csv', '--out', 'o', '--lang', 'fr'], /--lang must be zh-CN or en/],
    [['a.csv', '--out', 'o', '--queue', 'http://x'], /--queue must be a redis:\/\/HOST:PORT URL/],
    [['a.csv', '--out', 'o', '--worker'], /--worker takes no target and no --out/],
    [['a.csv', '--out', 'o', '--bogus'], /unknown option --bogus/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCrawlArgs(argv as string[], TODAY)).toThrow(InputError);
    expect(() => parseCrawlArgs(argv as string[], TODAY)).toThrow(message);
  });

  it('--help is a HelpRequest, on stdout with exit 0 from the CLI; bad arguments exit 2 with one line', async () => {
    expect(() => parseCrawlArgs(['--help'], TODAY)).toThrow(HelpRequest);
    const help = await cli('crawl', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run crawl -- <url \| sites\.csv> --out DIR/);
    expect(help.stdout).toContain('--state DIR');
    expect(help.stderr).toBe('');
    const bad = await cli('crawl', 'https://x.gov.cn/', '--out', join(tmp, 'bad'), '--per-host', '0');
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^govreview: --per-host must be/);
    const missing = await cli('crawl', join(tmp, 'no-such.csv'), '--out', join(tmp, 'bad'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/neither an http\(s\) URL nor a sites\.csv file that exists/);
    expect(existsSync(join(tmp, 'bad'))).toBe(false);
  });
});

describe('sites.csv', () => {
  const HEADER = '网站名称,网址,网站标识码';

  it('reads the ledger’s columns, in any order, with quoted cells, and turns away bad lines with their reason', () => {
    const text = [
      '网址,网站标识码,网站名称',
      'https://www.yl.gov.cn/,5309020001,云岭县人民政府',
      '"https://www.yl.gov.cn/jyj/",5309020002,"云岭县教育局，""教育""频道"',
      ',5309020003,没有网址的网站',
      'ftp://files.yl.gov.cn/,5309020004,文件站',
      'https://www.yl.gov.cn/#top,5309020005,重复的网站',
      'javascript:alert(1),,脚本',
      '',
      'www.bare.gov.cn,,"多行',
      '名称"',
    ].join('\r\n');
    const { sites, skipped } = sitesFromCsv(text);
    expect(sites.map((s) => [s.line, s.site.name, s.site.url, s.site.siteCode, s.slug])).toEqual([
      [2, '云岭县人民政府', 'https://www.yl.gov.cn/', '5309020001', '5309020001'],
      [3, '云岭县教育局，"教育"频道', 'https://www.yl.gov.cn/jyj/', '5309020002', '5309020002'],
      [9, '多行名称', 'http://www.bare.gov.cn/', undefined, 'www.bare.gov.cn'],
    ]);
    expect(skipped).toEqual([
      { line: 4, name: '没有网址的网站', url: '', reason: '没有网址' },
      { line: 5, name: '文件站', url: 'ftp://files.yl.gov.cn/', reason: '网址不是 http(s) 地址：ftp://files.yl.gov.cn/' },
      { line: 6, name: '重复的网站', url: 'https://www.yl.gov.cn/#top', reason: '与第 2 行网址重复' },
      { line: 7, name: '脚本', url: 'javascript:alert(1)', reason: '网址不是 http(s) 地址：javascript:alert(1)' },
    ]);
  });

  it('reads UTF-8 with and without a BOM, GBK as Excel saves it, and UTF-16 tab-separated text', () => {
    const body = `${HEADER}\n云岭县人民政府,https://www.yl.gov.cn/,5309020001\n`;
    const expected = [{ name: '云岭县人民政府', url: 'https://www.yl.gov.cn/', siteCode: '5309020001' }];
    const names = (bytes: Uint8Array) => sitesFromCsv(decodeCsv(bytes)).sites.map((s) => s.site);
    expect(names(Buffer.from(body, 'utf8'))).toEqual(expected);
    expect(names(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]))).toEqual(expected);
    expect(names(iconv.encode(body, 'gbk'))).toEqual(expected);
    expect(names(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body.replace(/,/g, '\t'), 'utf16le')]))).toEqual(expected);
  });

  it('takes a file without a header as 网站名称, 网址, 网站标识码; refuses one with no 网址 column', () => {
    expect(sitesFromCsv('云岭县,https://www.yl.gov.cn/,5309020001\n').sites.map((s) => s.site.name)).toEqual(['云岭县']);
    expect(() => sitesFromCsv('序号,名称,备注\n1,云岭县,无\n', 'x.csv')).toThrow(/x\.csv has no 网址 column/);
    expect(parseCsv('a;b;c\n1;"2;3";4\n').map((r) => r.cells)).toEqual([
      ['a', 'b', 'c'],
      ['1', '2;3', '4'],
    ]);
  });

  it('refuses a list with no site to sweep, and a workbook', async () => {
    const none = join(tmp, 'none.csv');
    writeFileSync(none, `${HEADER}\n空,,\n`);
    await expect(readSites(none)).rejects.toThrow(/lists no site to sweep（第 2 行没有网址）/);
    const xlsx = join(tmp, 'sites.xlsx');
    writeFileSync(xlsx, Buffer.from('PK\x03\x04rest of a zip'));
    await expect(readSites(xlsx)).rejects.toThrow(/workbook/);
    await expect(readSites('ftp://x.gov.cn/')).rejects.toThrow(/不是 http\(s\) 地址/);
  });
});

/** A pages.jsonl as its objects. */
interface PageDoc {
  target: string;
  title: string;
  findings: Array<{ check: string; category: string; key?: string; text: string; start?: number }>;
}
const docsOf = (file: string): PageDoc[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as PageDoc);

/** The pages of a pages.jsonl by URL, each with its findings' identities, for comparing two crawls. */
function pagesOf(file: string): Map<string, string[]> {
  return new Map(docsOf(file).map((d) => [d.target, d.findings.map((f) => `${f.check}|${f.key ?? ''}|${f.text}|${f.start ?? ''}`).sort()]));
}

const path = (url: string) => new URL(url).pathname;
const sorted = (xs: readonly string[]) => [...xs].sort();

/** What the crawl rolled up for a fixture site is what the site holds (its `truth`), dead links aside. */
/** The parts of a site in summary.json that expectTruth reads. */
interface SummarySite {
  staleColumns: Array<{ name: string }>;
  blankColumns: Array<{ name: string }>;
  home: { newest?: string; updated: boolean };
  pages: { done: number; failed: number };
}

function expectTruth(summary: SummarySite, docs: PageDoc[], site: Site): void {
  const { truth } = site;
  expect(sorted(summary.staleColumns.map((c) => c.name))).toEqual(sorted(truth.staleColumns));
  expect(sorted(summary.blankColumns.map((c) => c.name))).toEqual(sorted(truth.blankColumns));
  expect(summary.home).toMatchObject({ newest: truth.homeNewest, updated: truth.homeUpdated });
  expect(summary.pages).toEqual({ done: truth.sweepPaths.length, failed: 0 });
  expect(sorted(docs.map((d) => path(d.target)))).toEqual(sorted(truth.sweepPaths));
  const typos = docs.flatMap((d) => d.findings.filter((f) => f.category === 'typo').map((f) => `${path(d.target)} ${f.text}`));
  expect(sorted(typos)).toEqual(sorted(truth.typoPages.map((t) => `${t.path} ${t.text}`)));
}

describe('crawl of a sites.csv', () => {
  it('sweeps two sites, reports the bad lines, writes what npm run export reads and the summary; resumes doing nothing', async () => {
    const csv = join(tmp, 'sites.csv');
    // GBK, as Excel saves a CSV on a Chinese Windows.
    writeFileSync(
      csv,
      iconv.encode(
        [
          '网站名称,网址,网站标识码',
          `云岭县人民政府,${serverA.url}/,5309020001`,
          '没有网址的网站,,5309020009',
          `"云岭县教育局, 测试",${frontB.url}/,5309020002`,
          '文件站,ftp://files.yl.gov.cn/,',
        ].join('\r\n'),
        'gbk',
      ),
    );
    const out = join(tmp, 'out-two');
    const args = [csv, '--out', out, '--today', TODAY, '--articles', '2', '--no-links', '--json'];
    const first = await cli('crawl', ...args);
    expect(first.code, first.stderr).toBe(0);
    // Bad lines: one clear line each on stderr.
    expect(first.stderr).toContain('跳过 sites.csv 第 3 行（没有网址的网站）：没有网址');
    expect(first.stderr).toContain('跳过 sites.csv 第 5 行（文件站）：网址不是 http(s) 地址：ftp://files.yl.gov.cn/');
    // --json: JSON lines only on stdout, one per page and one per site (and one per skipped line).
    const lines = first.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string } & Record<string, unknown>);
    expect(new Set(lines.map((l) => l.type))).toEqual(new Set(['page', 'site', 'skipped']));
    const pageLines = lines.filter((l) => l.type === 'page');
    expect(pageLines[0]).toMatchObject({ site: expect.any(String), url: expect.any(String), kind: 'home', outcome: 'ok', findings: expect.any(Number) });
    const siteLines = lines.filter((l) => l.type === 'site') as unknown as Array<{ slug: string; pages: { done: number }; complete: boolean }>;
    expect(sorted(siteLines.map((s) => s.slug))).toEqual(['5309020001', '5309020002']);
    expect(siteLines.every((s) => s.complete)).toBe(true);
    expect(pageLines).toHaveLength(siteLines.reduce((n, s) => n + s.pages.done, 0));

    // Per site: pages.jsonl in the shape of scan --json, named by its sites.csv line; the roll-up is the site's truth.
    const json = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(json.sites).toHaveLength(2);
    const docsA = docsOf(join(out, '5309020001', 'pages.jsonl'));
    const docsB = docsOf(join(out, '5309020002', 'pages.jsonl'));
    expectTruth(json.sites[0], docsA, siteA);
    expectTruth(json.sites[1], docsB, siteB);
    expect(docsA[0]).toMatchObject({
      target: `${serverA.url}/`,
      url: `${serverA.url}/`,
      title: '云岭县人民政府',
      kind: 'html',
      today: TODAY,
      findings: expect.any(Array),
      site: { name: '云岭县人民政府', url: `${serverA.url}/`, siteCode: '5309020001' },
      pageKind: 'home',
      outcome: 'ok',
    });
    expect(docsB.every((d) => d.title === '云岭县教育局, 测试')).toBe(true);
    expect(json.sites[0]).toMatchObject({
      site: { name: '云岭县人民政府', siteCode: '5309020001' },
      visits: { failed: 0, total: 1, veto: false },
      complete: true,
    });
    expect(json.skipped.map((s: { line: number }) => s.line)).toEqual([3, 5]);

    // summary.csv: BOM, the columns, one row per line of sites.csv, in its order.
    const summary = readFileSync(join(out, 'summary.csv'), 'utf8');
    expect(
      summary.startsWith(
        '\uFEFF网站名称,网址,网站标识码,访问结果,页面数,失败页面数,栏目数,不更新栏目,空白栏目,首页更新,断链数,问题数,得分,结果,站点无法访问\r\n',
      ),
    ).toBe(true);
    const rows = parseCsv(summary.slice(1)).map((r) => r.cells);
    expect(rows).toHaveLength(5);
    const a = json.sites[0];
    const list = (cols: Array<{ name: string }>) => `${cols.length} 个：${cols.map((c) => c.name).join('、')}`;
    expect(rows[1].slice(0, 12)).toEqual([
      '云岭县人民政府',
      `${serverA.url}/`,
      '5309020001',
      '正常',
      String(siteA.truth.sweepPaths.length),
      '0',
      String(a.columns.length),
      list(a.staleColumns),
      list(a.blankColumns),
      `${siteA.truth.homeNewest}（是）`,
      '0',
      String(a.findings),
    ]);
    expect(rows[1][13]).toMatch(/^不合格：单项否决/); // the planted 营商环镜 is a veto typo
    expect(rows[1][14]).toBe('失败 0 次 / 共 1 次（0%），< 5%');
    expect(rows[2]).toEqual(['没有网址的网站', '', '', '未巡检：第 3 行没有网址', '', '', '', '', '', '', '', '', '', '', '']);
    expect(rows[3].slice(0, 4)).toEqual(['云岭县教育局, 测试', `${frontB.url}/`, '5309020002', '正常']);
    expect(rows[4][3]).toBe('未巡检：第 5 行网址不是 http(s) 地址：ftp://files.yl.gov.cn/');

    // npm run export turns the pages into its CSV, each site named as sites.csv names it.
    const exported = await cli(
      'export',
      join(out, '5309020001', 'pages.jsonl'),
      join(out, '5309020002', 'pages.jsonl'),
      '--out',
      join(tmp, 'export'),
      '--today',
      TODAY,
    );
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/^2026年第四季度：网站 2 个，问题 \d+ 处，不合格 2 个/);
    const findingRows = parseCsv(readFileSync(join(tmp, 'export', 'findings.csv'), 'utf8').slice(1)).slice(1);
    expect(new Set(findingRows.map((r) => r.cells[2]))).toEqual(new Set(['云岭县人民政府', '云岭县教育局, 测试']));
    expect(findingRows).toHaveLength(json.sites[0].findings + json.sites[1].findings);

    // The same command again: everything is in the state, nothing is fetched, the outputs are the same.
    const before = serverA.requests.length + frontB.requests.length;
    const again = await cli('crawl', ...args);
    expect(again.code, again.stderr).toBe(0);
    expect(serverA.requests.length + frontB.requests.length).toBe(before);
    expect(readFileSync(join(out, '5309020001', 'pages.jsonl'), 'utf8')).toBe(docsA.map((d) => `${JSON.stringify(d)}\n`).join(''));
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe(summary);

    // --fresh starts over (every page fetched again) and keeps the visit history: two visits now.
    const fresh = await cli('crawl', ...args, '--fresh');
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(serverA.requests.length).toBe(2 * siteA.truth.sweepPaths.length);
    const after = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(after.sites[0].visits).toMatchObject({ failed: 0, total: 2 });
  }, 120_000);

  it('with its links checked (in process, off-site links answered locally), finds the dead attachments', async () => {
    const out = join(tmp, 'out-links');
    const offSite: typeof fetch = (input, init) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return url.hostname === '127.0.0.1'
        ? fetch(input, init)
        : Promise.resolve(new Response('<html><title>ok</title></html>', { headers: { 'content-type': 'text/html' } }));
    };
    const args = parseCrawlArgs([`${serverA.url}/`, '--out', out, '--today', TODAY, '--articles', '2'], TODAY);
    let stdout = '';
    const outcome = await runCrawl(args, await readSites(args.target), {
      stdout: (s) => (stdout += s),
      stderr: () => undefined,
      tty: false,
      columns: () => 80,
      fetch: offSite,
    });
    expect(outcome.code).toBe(0);
    expect(stdout).toMatch(/^巡检网站 1 个，页面 \d+ 个/);
    const [summary] = outcome.sites;
    expect(sorted(summary.rollup.deadLinks.map((d) => `${path(d.href)} ${path(d.pageUrl)}`))).toEqual(
      sorted(siteA.truth.deadLinks.map((d) => `${d.href} ${d.page}`)),
    );
    // A URL target is named by its home page's title.
    expect(summary.rollup.site.name).toBe(
      siteA.files
        .get('/')
        ?.body.toString()
        .match(/<title>([^<]*)<\/title>/)?.[1],
    );
    const row = parseCsv(readFileSync(join(out, 'summary.csv'), 'utf8').slice(1)).map((r) => r.cells)[1];
    expect(row[10]).toBe(String(siteA.truth.deadLinks.length));
  }, 120_000);

  it('counts a site that does not open as 无法访问 and its visit as failed; the next run tries it again', async () => {
    // A port nothing listens on: take one and close it.
    const probe = createServer();
    await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((ok) => probe.close(() => ok()));
    const out = join(tmp, 'out-down');
    const run = await cli('crawl', `http://127.0.0.1:${port}/`, '--out', out, '--today', TODAY, '--no-links');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('无法访问（服务器拒绝连接）');
    expect(run.stdout).toContain('无法访问 1 个');
    expect(existsSync(join(out, `127.0.0.1_${port}`, 'pages.jsonl'))).toBe(true);
    const row = parseCsv(readFileSync(join(out, 'summary.csv'), 'utf8').slice(1)).map((r) => r.cells)[1];
    expect(row[3]).toBe('无法访问：服务器拒绝连接');
    expect(row[13]).toBe('未评分（首页未打开）');
    expect(row[14]).toBe('失败 1 次 / 共 1 次（100%），≥ 5% → 单项否决');
    // The next run tries it again: a second failed visit.
    const again = await cli('crawl', `http://127.0.0.1:${port}/`, '--out', out, '--today', TODAY, '--no-links');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('站点无法访问：失败 2 次 / 共 2 次（100%），≥ 5% → 单项否决');
  }, 120_000);
});

describe('crawl killed and started again', () => {
  it('fetches no page twice but those in flight at the kill, and ends with what an uninterrupted crawl finds', async () => {
    const site = generateSite(SPEC_A);
    const slow = await serveSite(site, { slowMs: 100 });
    try {
      const home = `${slow.url}/`;
      const out = join(tmp, 'out-killed');
      const args = [home, '--out', out, '--today', TODAY, '--articles', '2', '--no-links', '--json', '--per-host', '2'];

      // Kill it once three pages are stored (each page line comes after its result is committed).
      const first = start('crawl', args);
      await new Promise<void>((ok, fail) => {
        const timer = setInterval(() => {
          if ((first.out.stdout.match(/"type":"page"/g) ?? []).length >= 3) {
            clearInterval(timer);
            first.child.kill('SIGKILL');
            ok();
          }
        }, 5);
        first.done.then(() => {
          clearInterval(timer);
          fail(new Error('the crawl ended before it could be killed'));
        });
      });
      const killed = await first.done;
      expect(killed.code).toBeNull();

      // What was in flight at the kill, as the state holds it.
      const state = CrawlState.open(join(out, '.state'));
      const inFlight = state.frontierUrls(home, TODAY, 'inflight').map(path);
      const queued = state.frontierUrls(home, TODAY, 'queued');
      state.close();
      expect(inFlight.length).toBeGreaterThan(0);
      expect(queued.length).toBeGreaterThan(0); // killed mid-way, not at the end

      const second = await cli('crawl', ...args);
      expect(second.code, second.stderr).toBe(0);

      const counts = new Map<string, number>();
      for (const p of slow.requests) counts.set(p, (counts.get(p) ?? 0) + 1);
      const twice = [...counts].filter(([, n]) => n > 1).map(([p]) => p);
      expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
      expect(inFlight).toEqual(expect.arrayContaining(twice));
      expect(sorted([...counts.keys()])).toEqual(sorted(site.truth.sweepPaths));

      // An uninterrupted crawl of the same site: the same pages with the same findings, the same roll-up.
      const whole = join(tmp, 'out-whole');
      const full = await cli('crawl', home, '--out', whole, '--today', TODAY, '--articles', '2', '--no-links', '--per-host', '2');
      expect(full.code, full.stderr).toBe(0);
      const slug = new URL(slow.url).host.replace(':', '_');
      const resumed = pagesOf(join(out, slug, 'pages.jsonl'));
      expect(resumed.size).toBe(site.truth.sweepPaths.length);
      expect(resumed).toEqual(pagesOf(join(whole, slug, 'pages.jsonl')));
      const summaryOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).sites[0];
      const { visits: _v1, ...a } = summaryOf(out);
      const { visits: _v2, ...b } = summaryOf(whole);
      expect(a).toEqual(b);
      expectTruth(a, docsOf(join(out, slug, 'pages.jsonl')), site);
    } finally {
      await slow.close();
    }
  }, 120_000);
});
