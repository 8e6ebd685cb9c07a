import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../cli/args';
import { InputError } from '../../cli/errors';
import { loadTarget } from '../../cli/load';
import { MAX_FRAMES, scanTarget } from '../../cli/scan-target';
import { bundlePath, ensureFreshCli } from '../../scripts/build-cli.mjs';
import { serveDir, type ServedDir } from '../../scripts/serve.mjs';
import { parseHTML } from 'linkedom';
import { buildTextModel } from '../../lib/text-model/build';

const REPO = resolve(__dirname, '../..');
const DEMO = resolve(REPO, 'assets/demo-site');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI in its own process (exit codes and stdout are the contract): the bundle `npm run scan`
 * runs (dist/cli/scan.mjs, rebuilt in beforeAll when a source is newer).
 */
function cli(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    const p = spawn(process.execPath, [bundlePath('scan'), ...args], { cwd: REPO, env: { ...process.env, GOVREVIEW_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    p.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    p.on('close', (code) => done({ code, stdout, stderr }));
  });
}

let dir: string;
let server: ServedDir;
const ID = '530902198703150411'; // valid area 530902, 1987-03-15, check digit 1

beforeAll(async () => {
  await ensureFreshCli();
  dir = mkdtempSync(join(tmpdir(), 'govreview-cli-'));
  writeFileSync(join(dir, 'empty.html'), '');
  writeFileSync(join(dir, 'blank.txt'), '  \n\t\n');
  writeFileSync(join(dir, 'doc.pdf'), Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64, 7)]));
  writeFileSync(join(dir, 'nul.txt'), Buffer.from([0x41, 0x00, 0x42, 0x00]));
  writeFileSync(join(dir, 'list.txt'), `公示名单\n张三 联系电话 13987016642\n\n李四 身份证号 ${ID}\n电话 138****5678 已脱敏\n`);
  writeFileSync(join(dir, 'clean.txt'), '政府工作报告\n发展是第一要务。\n');
  writeFileSync(join(dir, 'gb2312-undeclared.html'), iconv.encode(`<html><body><p>低保公示：王五，电话13987016642，住址某村。</p></body></html>`, 'gbk'));
  server = await serveDir(DEMO, {
    routes: {
      '/missing': (_req, res) => {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404</h1>');
      },
      '/error': (_req, res) => {
        res.writeHead(503).end();
      },
      '/pdf': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.4');
      },
      '/huge': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(1024 * 1024, 0x61);
        for (let i = 0; i < 11; i++) res.write(chunk);
        res.end();
      },
      '/gbk-header': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=GBK' }).end(iconv.encode('<p>联系人手机：13987016642</p>', 'gbk'));
      },
      '/links': (_req, res) => {
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(
            '<html><head><title>通知公告</title></head><body><p><a href="/index.html">首页</a> <a href="/gone">已删除的通知</a> <a href="/boom">办事指南</a> <a href="#nowhere">附件说明</a> <a href="mailto:a@b.cn">信箱</a></p></body></html>',
          );
      },
      '/gone': (_req, res) => {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404</h1>');
      },
      '/boom': (_req, res) => {
        res.writeHead(500).end();
      },
      '/frames': (_req, res) => {
        const frames = Array.from({ length: MAX_FRAMES + 3 }, (_, i) => `<iframe src="/frame-child.html?${i}"></iframe>`).join('');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><body><p>主页</p>${frames}</body></html>`);
      },
    },
  });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('CLI bad input: exit 2, one line on stderr, nothing on stdout, no stack trace', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    ['no target', () => [], /no target/],
    ['unknown option', () => ['x.html', '--frobnicate'], /unknown option --frobnicate/],
    ['bad --today', () => ['x.html', '--today', '2026-02-30'], /--today must be a real date/],
    ['bad --fail-on', () => ['x.html', '--fail-on', 'notice'], /--fail-on must be veto or deduct/],
    ['missing file', () => [join(dir, 'nope.html')], /no such file/],
    ['a folder', () => [dir], /is a folder/],
    ['empty file', () => [join(dir, 'empty.html')], /is empty/],
    ['whitespace-only text', () => [join(dir, 'blank.txt')], /is empty/],
    ['a PDF', () => [join(dir, 'doc.pdf')], /not text \(PDF\)/],
    ['NUL bytes', () => [join(dir, 'nul.txt')], /not text/],
    ['unreachable URL', () => ['http://127.0.0.1:9/'], /cannot reach http:\/\/127\.0\.0\.1:9\//],
    ['HTTP 404', () => [`${server.url}/missing`], /HTTP 404/],
    ['HTTP 503', () => [`${server.url}/error`], /HTTP 503/],
    ['a PDF by URL', () => [`${server.url}/pdf`], /not a web page \(Content-Type application\/pdf\)/],
    ['a body over 10 MB', () => [`${server.url}/huge`], /too large/],
    ['an ftp URL', () => ['ftp://127.0.0.1/a.html'], /only http\(s\) URLs/],
  ];
  it.each(cases)('%s', async (_name, argv, message) => {
    const run = await cli(...argv());
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^govreview: /);
    expect(lines[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('CLI scans', () => {
  it('--json prints exactly one JSON object with the findings and their lines for a .txt file', async () => {
    const run = await cli(join(dir, 'list.txt'), '--json', '--today', '2026-11-22');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(doc.target).toBe(join(dir, 'list.txt'));
    expect(doc.today).toBe('2026-11-22');
    expect(
      doc.findings.map((f: { check: string; text: string; line: number; severity: string; category: string }) => [
        f.check,
        f.text,
        f.line,
        f.severity,
        f.category,
      ]),
    ).toEqual([
      ['personal-mobile-number', '13987016642', 2, 'veto', 'privacy'],
      ['personal-id-number', ID, 4, 'veto', 'privacy'],
    ]);
    for (const f of doc.findings) {
      expect(f.message).toMatch(/未脱敏/);
      expect(typeof f.suggestion).toBe('string');
      expect(f.indicator).toMatch(/泄露个人信息/);
    }
  });

  it('prints a readable report, and --fail-on veto exits 1 when a veto finding is present', async () => {
    const run = await cli(resolve(DEMO, 'dibao.html'), '--today', '2026-11-22', '--fail-on', 'veto', '--no-links');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/单项否决/);
    expect(run.stdout).toMatch(/530902198703150411/);
    expect(run.stdout).toMatch(/建议：53\*+411/);
    const ok = await cli(join(dir, 'clean.txt'), '--fail-on', 'deduct');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/未发现问题/);
  });

  it('reports in English with --lang en', async () => {
    const run = await cli(join(dir, 'list.txt'), '--lang', 'en');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Veto/);
    expect(run.stdout).toMatch(/line 2/);
  });

  it('scans a page by URL from 127.0.0.1, footer items included', async () => {
    const out = await scanTarget(`${server.url}/no-footer.html`, { today: '2026-11-22', links: false });
    const expected = JSON.parse(readFileSync(resolve(DEMO, 'expected.json'), 'utf8'))['no-footer.html'] as Array<{ check: string; kind: string }>;
    expect(out.kind).toBe('html');
    expect(out.findings.map((f) => [f.check, f.kind])).toEqual(expected.map((e) => [e.check, e.kind]));
  });
});

describe('CLI link checking', () => {
  it('checks links by default: link findings carry the absolute URL as text, the verdict and the status', async () => {
    const run = await cli(`${server.url}/links`, '--json', '--today', '2026-11-22');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    const links = doc.findings.filter((f: { category: string }) => f.category === 'link');
    expect(links.map((f: { text: string; verdict: string; status?: number }) => [f.text, f.verdict, f.status ?? null])).toEqual([
      [`${server.url}/gone`, 'dead', 404],
      [`${server.url}/boom`, 'error', 500],
      [`${server.url}/links#nowhere`, 'fragment', null],
    ]);
  }, 60_000);

  it('--no-links makes no request beyond the page (in-page #links are still judged)', async () => {
    const before = server.requests.length;
    const out = await scanTarget(`${server.url}/links`, { today: '2026-11-22', links: false });
    expect(server.requests.slice(before)).toEqual(['/links']);
    expect(out.findings.filter((f) => f.category === 'link').map((f) => f.kind)).toEqual(['fragment']);
  });
});

describe('decoding pages as a browser would', () => {
  it('reads a GBK page declared in <meta> (the bundled demo page)', async () => {
    const loaded = await loadTarget(resolve(DEMO, 'gbk.html'));
    expect(loaded.charset).toBe('gb18030');
    expect(loaded.text).toMatch(/人民政府/);
    expect(loaded.text).not.toMatch(/\uFFFD/);
  });

  it('sniffs an undeclared GB2312 file and finds the number in it', async () => {
    const out = await scanTarget(join(dir, 'gb2312-undeclared.html'), { today: '2026-11-22', links: false });
    expect(out.charset).toBe('gb18030');
    expect(out.findings.filter((f) => f.category === 'privacy').map((f) => f.text)).toEqual(['13987016642']);
  });

  it('uses the HTTP header charset', async () => {
    const out = await scanTarget(`${server.url}/gbk-header`, { today: '2026-11-22', links: false });
    expect(out.charset).toBe('gb18030');
    expect(out.findings.filter((f) => f.category === 'privacy').map((f) => f.text)).toEqual(['13987016642']);
  });
});

describe('the bundled demo pages, scanned as files, give what expected.json says', () => {
  const expected = JSON.parse(readFileSync(resolve(DEMO, 'expected.json'), 'utf8')) as Record<
    string,
    Array<{ check: string; text: string; kind?: string; afterSearchTest?: boolean }>
  >;
  it.each(Object.keys(expected).filter((p) => !p.startsWith('frame-')))('%s', async (page) => {
    const out = await scanTarget(resolve(DEMO, page), { today: '2026-11-22', links: false });
    // A saved page's search cannot be submitted: what only the search test finds is not expected here.
    const planted = expected[page].filter((e) => !e.afterSearchTest);
    expect(out.findings.map((f) => [f.check, f.text])).toEqual(planted.map((e) => [e.check, e.text]));
  });
});

describe('frames', () => {
  it('scans at most MAX_FRAMES frames and says what it left out', async () => {
    const out = await scanTarget(`${server.url}/frames`, { today: '2026-11-22', links: false });
    expect(out.frames.filter((f) => !f.top)).toHaveLength(MAX_FRAMES);
    expect(out.notes.some((n) => n.includes(`more than ${MAX_FRAMES} frames`))).toBe(true);
    expect(server.requests.filter((r) => r.startsWith('/frame-child.html')).length).toBe(MAX_FRAMES);
  });
});

describe('parseArgs', () => {
  it('takes flags in either form and defaults today from the caller', () => {
    expect(parseArgs(['a.html', '--json', '--today=2024-02-29', '--no-links', '--fail-on', 'deduct'], '2026-11-22')).toEqual({
      target: 'a.html',
      json: true,
      today: '2024-02-29',
      links: false,
      search: false,
      failOn: 'deduct',
      lang: 'zh-CN',
    });
    expect(parseArgs(['a.html'], '2026-11-22').today).toBe('2026-11-22');
    // The search test runs with the link checks unless --no-search (and never without them).
    expect(parseArgs(['https://x.gov.cn/'], '2026-11-22')).toMatchObject({ links: true, search: true });
    expect(parseArgs(['https://x.gov.cn/', '--no-search'], '2026-11-22')).toMatchObject({ links: true, search: false });
    expect(() => parseArgs(['a.html', 'b.html'], '2026-11-22')).toThrow(InputError);
    expect(() => parseArgs(['a.html', '--today'], '2026-11-22')).toThrow(/needs a value/);
  });
});

describe('--url: a saved page scanned as the page it was', () => {
  it('parses an http(s) address and refuses anything else', () => {
    expect(parseArgs(['a.html', '--url', 'https://mp.weixin.qq.com/s/abc'], '2026-11-22').url).toBe('https://mp.weixin.qq.com/s/abc');
    expect(() => parseArgs(['a.html', '--url', 'file:///a.html'], '2026-11-22')).toThrow(/--url must be an http\(s\) address/);
    expect(() => parseArgs(['a.html', '--url'], '2026-11-22')).toThrow(/needs a value/);
  });

  it('takes the URL for the page: its findings belong to it, its frames are not fetched', async () => {
    const saved = resolve(DEMO, 'frame-host.html');
    const out = await scanTarget(saved, { today: '2026-11-22', links: false, asUrl: 'https://www.example.gov.cn/zwfw/index.html' });
    expect(out.url).toBe('https://www.example.gov.cn/zwfw/index.html');
    expect(out.frames.map((f) => f.url)).toEqual(['https://www.example.gov.cn/zwfw/index.html']);
    expect(out.notes.join()).toMatch(/frame\(s\) not scanned/);
    expect(out.findings.every((f) => f.url === 'https://www.example.gov.cn/zwfw/index.html')).toBe(true);
  });
});

describe('a saved WeChat article (--url mp.weixin.qq.com)', () => {
  const fixture = (f: string) => resolve(__dirname, '../fixtures/newmedia', f);

  it('is judged as a 政务新媒体 page: its typo found, no website-only check (footer identification, columns) on it', async () => {
    const url = 'https://mp.weixin.qq.com/s?__biz=MzA5NzYxMjM0NQ==&mid=2650012345&idx=1&sn=0a1b2c3d4e5f60718293a4b5c6d7e8f9';
    const out = await scanTarget(fixture('wechat-article.html'), { today: '2026-11-22', links: false, asUrl: url });
    expect(out.findings.filter((f) => f.category === 'typo').map((f) => f.text)).toContain('营商环镜');
    expect(out.findings.filter((f) => ['site-identification', 'site-jiucuo', 'site-search', 'stale-column', 'blank-column'].includes(f.check))).toEqual([]);
    // The same file without its URL is a saved page of some website: the footer checks run on it.
    const plain = await scanTarget(fixture('wechat-article.html'), { today: '2026-11-22', links: false });
    expect(plain.findings.some((f) => f.check === 'site-identification')).toBe(true);
  });

  it('reads the body the page sends hidden (its script shows it), as the browser shows it', async () => {
    const { document } = parseHTML(readFileSync(fixture('wechat-article-unrendered.html'), 'utf8'));
    const { model } = buildTextModel(document as unknown as Document, { url: 'https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOpQrStUv' });
    expect(model.text).toContain('冬季森林防火专项行动');
  });
});
