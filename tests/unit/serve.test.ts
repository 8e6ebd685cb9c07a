import { spawnSync } from 'node:child_process';
import { fantiPage } from '../../scripts/gen-fanti-page';
import { readFileSync, readdirSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { resolve, sep } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childUrl, contentTypeFor, declaredCharset, serveDir } from '../../scripts/serve.mjs';
import { checks } from '../../lib/checks';

const REPO = resolve(__dirname, '../..');
const ROOT = resolve(REPO, 'assets/demo-site');

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request with the path sent exactly as written (fetch would normalize '..' away). */
function raw(base: string, path: string, opts: { method?: string; agent?: Agent } = {}): Promise<Raw> {
  const u = new URL(base);
  return new Promise((done, fail) => {
    const req = request({ host: u.hostname, port: u.port, path, method: opts.method ?? 'GET', agent: opts.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

let site: Awaited<ReturnType<typeof serveDir>>;

beforeAll(async () => {
  site = await serveDir(ROOT, { port: 0 });
});
afterAll(async () => {
  await site?.close();
});

describe('serveDir', () => {
  it('listens on 127.0.0.1 with a URL without trailing slash', () => {
    expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(site.port).toBe(Number(new URL(site.url).port));
  });

  it('sets content types; HTML is UTF-8 but for the GBK page, which is left to its meta tag', async () => {
    const cases: Array<[string, string]> = [
      ['/index.html', 'text/html; charset=utf-8'],
      ['/', 'text/html; charset=utf-8'],
      ['/dibao.html', 'text/html; charset=utf-8'],
      ['/style.css', 'text/css; charset=utf-8'],
      ['/expected.json', 'application/json; charset=utf-8'],
      ['/gbk.html', 'text/html'],
    ];
    for (const [path, type] of cases) {
      const r = await raw(site.url, path);
      expect(r.status, path).toBe(200);
      expect(r.headers['content-type'], path).toBe(type);
      expect(r.headers['cache-control'], path).toBe('no-store');
    }
    const gbk = await raw(site.url, '/gbk.html');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk.body)).toThrow();
    const text = iconv.decode(gbk.body, 'gbk');
    expect(text).toContain('<meta charset="gb2312">');
    expect(text).toContain('云岭县农业农村局');
    // '/' serves index.html itself.
    expect((await raw(site.url, '/')).body.equals(readFileSync(resolve(ROOT, 'index.html')))).toBe(true);
  });

  it('decides the HTML type from a declared charset, not from the file name', () => {
    expect(declaredCharset(Buffer.from('<html><head><meta charset="GBK">'))).toBe('gbk');
    expect(declaredCharset(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'))).toBe('gb2312');
    expect(declaredCharset(Buffer.from('<meta charset=utf-8>'))).toBe('utf-8');
    expect(declaredCharset(Buffer.from('<p>no meta</p>'))).toBeUndefined();
    expect(contentTypeFor('x.html', Buffer.from('<meta charset="gbk">'))).toBe('text/html');
    expect(contentTypeFor('x.html', Buffer.from('<meta charset="utf-8">'))).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('x.html', Buffer.from('<p>'))).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('x.bin')).toBe('application/octet-stream');
  });

  it("sends Content-Security-Policy: default-src 'none' with csp.html only", async () => {
    const csp = await raw(site.url, '/csp.html');
    expect(csp.status).toBe(200);
    expect(csp.headers['content-security-policy']).toBe("default-src 'none'");
    expect((await raw(site.url, '/dibao.html')).headers['content-security-policy']).toBeUndefined();
    expect((await raw(site.url, '/csp.html?x=1')).headers['content-security-policy']).toBe("default-src 'none'");
  });

  it('answers 404 with a small HTML page for missing files', async () => {
    for (const path of ['/missing.html', '/no/such/dir/', '/images/logo.png']) {
      const r = await raw(site.url, path);
      expect(r.status, path).toBe(404);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      const body = r.body.toString('utf8');
      expect(body).toContain('<!DOCTYPE html>');
      expect(body).toContain('404');
      expect(body).toContain('页面不存在');
    }
  });

  it('answers /search?q= from the served UTF-8 pages: a count and a link per page that holds the words, or 没有找到', async () => {
    const hit = await raw(site.url, `/search?q=${encodeURIComponent('城乡最低生活保障')}`);
    expect(hit.status).toBe(200);
    const html = hit.body.toString('utf8');
    const count = Number(/共找到 (\d+) 条结果/.exec(html)?.[1]);
    expect(count).toBeGreaterThan(0);
    expect(html).toContain('href="/dibao.html"');
    expect(html.match(/<li>/g)).toHaveLength(count);
    const miss = await raw(site.url, `/search?q=${encodeURIComponent('没有这个词语的页面')}`);
    expect(miss.body.toString('utf8')).toContain('没有找到与“没有这个词语的页面”相关的结果');
    // The words come back escaped.
    const hostile = await raw(site.url, `/search?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    expect(hostile.body.toString('utf8')).not.toContain('<img src=x');
  });

  it('refuses path traversal, encoded or not', async () => {
    const secret = readFileSync(resolve(REPO, 'package.json'), 'utf8').slice(0, 40);
    for (const path of [
      '/../package.json',
      '/../../package.json',
      '/%2e%2e/%2e%2e/package.json',
      '/.%2E/.%2e/package.json',
      '/..%2f..%2fpackage.json',
      '/%2e%2e%2f%2e%2e%2fpackage.json',
      '/..%5c..%5cpackage.json',
      '/index.html%00.css',
    ]) {
      const r = await raw(site.url, path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
      expect(r.body.toString('utf8'), path).not.toContain(secret);
    }
    expect((await raw(site.url, '/../package.json')).status).toBe(403);
    expect((await raw(site.url, '/%2e%2e/%2e%2e/package.json')).status).toBe(403);
  });

  it('substitutes the iframe src of frame-host.html server-side', async () => {
    const body = async (path: string) => (await raw(site.url, path)).body.toString('utf8');
    const iframeSrc = (html: string) => /<iframe[^>]*\ssrc="([^"]*)"/.exec(html)?.[1];

    const plain = await body('/frame-host.html');
    expect(plain).not.toContain('{{CHILD_URL}}');
    expect(iframeSrc(plain)).toBe('frame-child.html');

    const other = 'http://127.0.0.1:45678/frame-child.html';
    const cross = await body(`/frame-host.html?child=${encodeURIComponent(other)}`);
    expect(iframeSrc(cross)).toBe(other);

    // Anything but an http(s) URL or a relative path falls back to the default; quotes never break out.
    expect(iframeSrc(await body(`/frame-host.html?child=${encodeURIComponent('javascript:alert(1)')}`))).toBe('frame-child.html');
    const injected = await body(`/frame-host.html?child=${encodeURIComponent('http://127.0.0.1:1/a"><script>alert(1)</script>')}`);
    expect(injected).not.toContain('<script>alert(1)');
    expect(iframeSrc(injected)).toMatch(/^http:\/\/127\.0\.0\.1:1\//);
    expect(childUrl(null)).toBe('frame-child.html');
    expect(childUrl('//evil.example/x')).toBe('frame-child.html');
    expect(childUrl('frame-child.html?x=1')).toBe('frame-child.html?x=1');

    // The file on disk keeps its placeholder; only the response is rewritten.
    expect(readFileSync(resolve(ROOT, 'frame-host.html'), 'utf8')).toContain('{{CHILD_URL}}');
  });

  it('serves the child page to a frame host on another origin', async () => {
    const other = await serveDir(ROOT, { port: 0 });
    try {
      expect(other.url).not.toBe(site.url);
      const child = await raw(other.url, '/frame-child.html');
      expect(child.status).toBe(200);
      expect(child.body.toString('utf8')).toContain('办件结果公示');
    } finally {
      await other.close();
    }
  });

  it('logs every request path in order, with its query', async () => {
    const s = await serveDir(ROOT, { port: 0 });
    try {
      await raw(s.url, '/index.html');
      await raw(s.url, '/long.html?0.5');
      await raw(s.url, '/nope.html');
      await raw(s.url, '/../package.json');
      await fetch(`${s.url}/style.css`).then((r) => r.text());
      expect(s.requests).toEqual(['/index.html', '/long.html?0.5', '/nope.html', '/../package.json', '/style.css']);
    } finally {
      await s.close();
    }
  });

  it('counts open and peak concurrent connections, and close() ends keep-alive sockets', async () => {
    const s = await serveDir(ROOT, { port: 0 });
    const agent = new Agent({ keepAlive: true, maxSockets: 10 });
    try {
      expect(s.connections()).toBe(0);
      await Promise.all([0, 1, 2].map(() => raw(s.url, '/long.html', { agent })));
      expect(s.maxConnections()).toBe(3);
      expect(s.connections()).toBe(3); // kept alive
      await Promise.race([s.close(), new Promise((_, fail) => setTimeout(() => fail(new Error('close() hung')), 3000))]);
      expect(s.connections()).toBe(0);
      expect(s.maxConnections()).toBe(3);
    } finally {
      agent.destroy();
      await s.close();
    }
  });

  it('supports extra headers, routes, HEAD and refuses other methods', async () => {
    const s = await serveDir(ROOT, {
      port: 0,
      headers: (path) => (path === '/dibao.html' ? { 'X-Demo': 'yes', 'Cache-Control': 'max-age=60' } : undefined),
      routes: {
        '/slow': (_req, res) => {
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          res.end('ok');
        },
      },
    });
    try {
      const dibao = await raw(s.url, '/dibao.html');
      expect(dibao.headers['x-demo']).toBe('yes');
      expect(dibao.headers['cache-control']).toBe('max-age=60');
      expect((await raw(s.url, '/index.html')).headers['x-demo']).toBeUndefined();
      const route = await raw(s.url, '/slow?x=1');
      expect(route.body.toString()).toBe('ok');
      const head = await raw(s.url, '/dibao.html', { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(head.body.length).toBe(0);
      expect(Number(head.headers['content-length'])).toBe(readFileSync(resolve(ROOT, 'dibao.html')).length);
      expect((await raw(s.url, '/dibao.html', { method: 'POST' })).status).toBe(405);
    } finally {
      await s.close();
    }
  });

  it('rejects when the port is taken', async () => {
    await expect(serveDir(ROOT, { port: site.port })).rejects.toThrow(/EADDRINUSE/);
  });

  it('runs from the command line and prints its URL', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [resolve(REPO, 'scripts/serve.mjs'), ROOT, '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((done, fail) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('\n')) done(out);
        });
        child.on('exit', (code) => fail(new Error(`exited ${code}`)));
        setTimeout(() => fail(new Error('no URL printed')), 5000);
      });
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
      expect(url).toBeTruthy();
      expect((await raw(url!, '/index.html')).status).toBe(200);
    } finally {
      child.kill();
    }
  });
});

// The demo site's planted problems (expected.json) must be really there and really valid, so the e2e
// tests and the detection figures test the checks, not the fixtures.
describe('demo site', () => {
  type Planted = { page: string; check: string; text: string; kind?: string };
  const expected = JSON.parse(readFileSync(resolve(ROOT, 'expected.json'), 'utf8')) as Record<string, Planted[]>;
  const pageText = (page: string) => {
    const buf = readFileSync(resolve(ROOT, page));
    return page === 'gbk.html' ? iconv.decode(buf, 'gbk') : buf.toString('utf8');
  };
  const visible = (html: string) =>
    html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<!--[\s\S]*?-->|<head[\s\S]*?<\/head>/g, '').replace(/<[^>]+>/g, '\n');
  const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const idCheckChar = (id17: string) => '10X98765432'[[...id17].reduce((s, c, i) => s + Number(c) * ID_WEIGHTS[i], 0) % 11];
  const luhn = (n: string) =>
    [...n].reverse().reduce((s, c, i) => s + (i % 2 ? (Number(c) * 2 > 9 ? Number(c) * 2 - 9 : Number(c) * 2) : Number(c)), 0) % 10 === 0;

  it('lists every page of the site, each entry naming its own page and a known check', () => {
    // Pages of the portal and of its departments' sub-sites (jyj/, rsj/: a home page each).
    const pages = readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.html'))
      .map((f) => f.split(sep).join('/'));
    expect(Object.keys(expected).sort()).toEqual(pages.sort());
    for (const [page, entries] of Object.entries(expected)) {
      for (const e of entries) {
        expect(e.page).toBe(page);
        expect(checks.map((c) => c.meta.id)).toContain(e.check);
        if (e.check === 'site-identification') expect(['conac', 'sitecode', 'icp', 'psb', 'sponsor', 'contact']).toContain(e.kind);
        if (e.check === 'site-jiucuo') expect(['home', 'page']).toContain(e.kind);
        if (e.check === 'service-guide')
          expect(['name', 'basis', 'conditions', 'materials', 'place', 'agency', 'fee', 'hours', 'phone', 'process', 'phone-format']).toContain(e.kind);
        if (e.check === 'public-messages') expect(['missing', 'unanswered', 'stale', 'undated']).toContain(e.kind);
        if (e.check === 'site-search') expect(['missing', 'broken', 'untested']).toContain(e.kind);
      }
    }
  });

  it('plants valid personal numbers, each once in its page, and no unlisted unmasked ones', () => {
    for (const [page, entries] of Object.entries(expected)) {
      const text = visible(pageText(page));
      for (const e of entries.filter((x) => x.check.startsWith('personal-'))) {
        expect(text.split(e.text).length - 1, `${page} ${e.text}`).toBe(1);
        if (e.check === 'personal-id-number') {
          expect(e.text).toMatch(/^53\d{4}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]$/);
          expect(e.text[17], e.text).toBe(idCheckChar(e.text.slice(0, 17)));
        }
        if (e.check === 'personal-mobile-number') expect(e.text).toMatch(/^1[3-9]\d{9}$/);
        if (e.check === 'personal-bank-card') {
          expect(e.text).toMatch(/^\d{19}$/);
          expect(luhn(e.text), e.text).toBe(true);
        }
      }
      // Every unmasked candidate in the visible text is a planted one (masked forms carry '*').
      const planted = new Set(entries.map((e) => e.text));
      const candidates = [...text.matchAll(/(?<![\d*])(\d{17}[\dX]|\d{16,19}|1[3-9]\d{9})(?![\d*])/g)].map((m) => m[1]);
      for (const c of candidates) expect(planted.has(c), `${page}: unplanned ${c}`).toBe(true);
    }
  });

  it('dibao.html has twelve rows, masked but for exactly three leaks', () => {
    const html = pageText('dibao.html');
    expect(html.match(/<tr><td>\d+<\/td>/g)).toHaveLength(12);
    expect(html).toContain('发布时间：2026-11-20');
    expect(html).toContain('<th>开户行/账号</th>');
    expect(html).toContain('53**************12');
    expect(html).toContain('138****1234');
    expect(expected['dibao.html'].map((e) => e.check).sort()).toEqual(['personal-bank-card', 'personal-id-number', 'personal-mobile-number']);
  });

  it("carries the complete footer on every top page but no-footer.html, which lacks the site code and the 公安 number, no-jiucuo.html, which lacks the 找错 widget, and bsid.html, whose 主办单位 and site code are another area's", () => {
    const footerItems = [
      '主办：云岭县人民政府办公室',
      '网站标识码：5309000099',
      '滇ICP备05000999号',
      '滇公网安备 53090202000999号',
      '联系电话：0883-1234567',
      'dcs.conac.cn/js/27/000/0000/60000000/CA270000000600000000000.js',
      'id="_jiucuo_" sitecode="5309000099"',
    ];
    for (const page of Object.keys(expected).filter((p) => p !== 'frame-child.html')) {
      const html = pageText(page);
      const lacking = footerItems.filter((item) => !html.includes(item));
      if (page === 'no-footer.html') {
        expect(lacking).toEqual(['网站标识码：5309000099', '滇公网安备 53090202000999号']);
        expect(html).not.toContain('标识码');
        expect(html).not.toContain('recordcode=');
      } else if (page === 'bsid.html') {
        // 临沧市人民政府 with a 大理 (5329) site code: site-identification's area cross-check.
        expect(lacking).toEqual(['主办：云岭县人民政府办公室', '网站标识码：5309000099', 'id="_jiucuo_" sitecode="5309000099"']);
        expect(html).toContain('主办：临沧市人民政府');
        expect(html).toContain('网站标识码：5329000099');
        expect(html).toContain('id="_jiucuo_" sitecode="5329000099"');
      } else if (page === 'no-jiucuo.html') {
        expect(lacking).toEqual(['id="_jiucuo_" sitecode="5309000099"']);
        expect(html).not.toContain('zfwzgl');
      } else if (page === 'fanti.html') {
        // The 繁體 version of xcdt.html: every item in traditional characters, as the simplified site's.
        expect(lacking).toEqual([
          '主办：云岭县人民政府办公室',
          '网站标识码：5309000099',
          '滇ICP备05000999号',
          '滇公网安备 53090202000999号',
          '联系电话：0883-1234567',
        ]);
        for (const item of [
          '主辦：雲嶺縣人民政府辦公室',
          '網站標識碼：5309000099',
          '滇ICP備05000999號',
          '滇公網安備 53090202000999號',
          '聯繫電話：0883-1234567',
        ])
          expect(html).toContain(item);
      } else if (/^(?:jyj|rsj)\//.test(page)) {
        // A department's sub-site: its own 主办单位, the portal's site code (集约化 platform).
        expect(lacking, page).toEqual(['主办：云岭县人民政府办公室']);
        expect(html).toMatch(/主办：云岭县(?:教育体育局|人力资源和社会保障局)/);
      } else expect(lacking, page).toEqual([]);
    }
    expect(expected['no-jiucuo.html'].map((e) => [e.check, e.kind])).toEqual([['site-jiucuo', 'page']]);
    expect(expected['bsid.html'].map((e) => [e.check, e.kind])).toEqual([['site-identification', 'sitecode']]);
    expect(expected['bszn.html'].map((e) => [e.check, e.kind])).toEqual([
      ['service-guide', 'phone-format'],
      ['service-guide', 'basis'],
      ['service-guide', 'fee'],
    ]);
    expect(expected['hdjl.html'].map((e) => [e.check, e.kind])).toEqual([
      ['public-messages', 'missing'],
      ['public-messages', 'unanswered'],
    ]);
    expect(expected['no-footer.html'].map((e) => e.kind).sort()).toEqual(['psb', 'sitecode']);
  });

  it('keeps the generated pages in step with their generators', () => {
    for (const gen of ['scripts/gen-long-page.mjs', 'scripts/gen-gbk-page.mjs']) {
      const r = spawnSync(process.execPath, [resolve(REPO, gen), '--check'], { encoding: 'utf8' });
      expect(r.status, `${gen}: ${r.stderr}`).toBe(0);
    }
    // fanti.html is xcdt.html in 繁體 (scripts/gen-fanti-page.ts): an edit of xcdt.html must reach it.
    expect(pageText('fanti.html')).toBe(fantiPage());
    const han = (visible(pageText('long.html')).match(/\p{Script=Han}/gu) ?? []).length;
    expect(han).toBeGreaterThan(19_000);
    expect(han).toBeLessThan(23_000);
  });

  it('needs no script or stylesheet on csp.html, and its planted leaks are in the static text', () => {
    const html = pageText('csp.html');
    expect(html).not.toMatch(/<link[^>]+stylesheet/);
    expect(html).not.toMatch(/<script>(?!<\/script>)/); // only the external footer badges, which CSP blocks
    expect(html.match(/<script\b[^>]*>/g)?.every((t) => /\ssrc=/.test(t))).toBe(true);
  });

  it('ticks on mutating.html: a script appends a dated item every second', () => {
    const html = pageText('mutating.html');
    expect(html).toMatch(/setInterval\([\s\S]*1000\)/);
    expect(html).toContain('id="ticker"');
  });
});
