import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { serveDir } from '../../../scripts/serve.mjs';
import { LinkChecker, type LinkCheckResult, type LinkCheckerOptions } from '../../../lib/links';
import { InFlight, bytes, doc, failFirst, onHead, page, redirect, slow, status, type Handler } from './link-routes';

/** A whole second, so that an HTTP date (second precision) lands exactly NOW + n s. */
const NOW = Date.UTC(2026, 10, 23, 8, 0, 0);
const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const BIG = doc('年度工作报告', `<p>${'政府工作报告正文。'.repeat(12_000)}</p><p>页面不存在</p>`); // ≈ 330 KB, the phrase past 64 KB
const GBK_SOFT_404 = iconv.encode(doc('提示信息', '<p>对不起，您访问的页面不存在！</p>').replace('charset="utf-8"', 'charset="gbk"'), 'gbk');

const flight = new InFlight();
const hops = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`/hop${i}`, redirect(302, i < 11 ? `/hop${i + 1}` : '/ok.html')]));
const seenHeaders: Array<Record<string, string | string[] | undefined>> = [];

const routes = {
  '/': page('某某市人民政府', '<p>首页 政务公开 办事服务 互动交流</p>'),
  '/ok.html': page(),
  '/counted.html': page(),
  '/missing.html': status(404),
  '/gone.html': status(410),
  '/flaky.html': failFirst(status(500), page()),
  '/down.html': status(503),
  '/forbidden.html': status(403),
  '/r1': redirect(301, '/r2'),
  '/r2': redirect(302, '/ok.html'),
  '/r-dead': redirect(301, '/missing.html'),
  '/loop-a': redirect(302, '/loop-b'),
  '/loop-b': redirect(302, '/loop-a'),
  '/no-location': status(302),
  '/slow.html': slow(30_000, page()),
  '/attachment.pdf': bytes(PDF, 'application/pdf'),
  '/head405.pdf': onHead(status(405), bytes(PDF, 'application/pdf')),
  '/lying.pdf': onHead(status(404), bytes(PDF, 'application/pdf')),
  '/head403.pdf': onHead(status(403), bytes(PDF, 'application/pdf')),
  '/rate.html': failFirst(status(429, { 'Retry-After': '1' }), page()),
  '/rate-date.html': failFirst(status(429, { 'Retry-After': new Date(NOW + 5_000).toUTCString() }), page()),
  '/rate-long.html': failFirst(status(503, { 'Retry-After': '120' }), page()),
  '/rate-always.html': status(429, { 'Retry-After': '1' }),
  '/soft-body.html': page('某某市人民政府', '<div class="nav">首页 政务公开 办事服务</div><p>对不起，您访问的页面不存在或已被删除！</p>'),
  '/soft-title.html': page('404 Not Found', '<p>nginx</p>'),
  '/soft-tiny.html': page('提示', '<p>信息不存在</p>'),
  '/zwgk/2024/art_123.html': redirect(302, '/'),
  '/old/notice.html': redirect(302, '/404.html'),
  '/404.html': page('提示', '<p>抱歉，请返回首页</p>'),
  '/refresh.html': page('跳转', '<meta http-equiv="refresh" content="0;url=/404.html">'),
  '/gbk.html': bytes(GBK_SOFT_404, 'text/html; charset=gbk'),
  '/big.html': bytes(Buffer.from(BIG), 'text/html; charset=utf-8'),
  '/short.html': page('联系我们', '<p>电话：0871-12345678</p>'),
  '/policy.html': page(
    '某某市人民政府信息公开指南',
    '<h1>政府信息公开指南</h1><p>申请公开的政府信息不存在的，行政机关应当告知申请人。</p><p>原第三条已删除，其余条款顺延。</p>',
  ),
  '/ua.html': ((req, res) => {
    seenHeaders.push(req.headers);
    page()(req, res);
  }) satisfies Handler,
  ...hops,
};

let site: Awaited<ReturnType<typeof serveDir>>;
let root: string;
let closedPort: number;
let sleeps: number[];
/** An injected sleep: records the wait and returns at once (no wall time). */
const sleep = async (ms: number) => {
  sleeps.push(ms);
};

const checker = (opts: LinkCheckerOptions = {}) => new LinkChecker({ sleep, now: () => NOW, timeoutMs: 10_000, ...opts });
const url = (path: string) => `${site.url}${path}`;
const check = (path: string, opts?: LinkCheckerOptions) => checker(opts).check(url(path));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'links-'));
  const tracked = Object.fromEntries(Object.entries(routes).map(([p, h]) => [p, flight.track(h)]));
  site = await serveDir(root, { routes: tracked });
  // A port nothing listens on: open one, note it, close it.
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  closedPort = (probe.address() as { port: number }).port;
  await new Promise((done) => probe.close(done));
});
afterAll(async () => {
  await site?.close();
  rmSync(root, { recursive: true, force: true });
});
beforeEach(() => {
  sleeps = [];
});

describe('verdicts against a local server', () => {
  it.each([
    ['/ok.html', 'ok', 'ok', 200],
    ['/missing.html', 'dead', 'http-404', 404],
    ['/gone.html', 'dead', 'http-410', 410],
    ['/forbidden.html', 'suspect', 'http-403', 403],
    ['/no-location', 'error', 'bad-redirect', 302],
    ['/short.html', 'ok', 'ok', 200],
    ['/policy.html', 'ok', 'ok', 200],
    ['/big.html', 'ok', 'ok', 200],
    ['/soft-body.html', 'soft404', 'soft404-body', 200],
    ['/soft-title.html', 'soft404', 'soft404-title', 200],
    ['/soft-tiny.html', 'soft404', 'soft404-body', 200],
    ['/gbk.html', 'soft404', 'soft404-body', 200],
    ['/refresh.html', 'soft404', 'soft404-error-page', 200],
  ])('%s → %s (%s)', async (path, verdict, code, httpStatus) => {
    const r = await check(path);
    expect(r).toMatchObject({ url: url(path), verdict, code, status: httpStatus });
    expect(r.reason['zh-CN']).toBeTruthy();
    expect(r.reason.en).toBeTruthy();
    expect(sleeps).toEqual([]);
  });

  it('retries a 500 once, after the fixed backoff, and the retry succeeds', async () => {
    const r = await check('/flaky.html', { retryDelayMs: 700 });
    expect(r).toMatchObject({ verdict: 'ok', status: 200 });
    expect(sleeps).toEqual([700]);
    expect(flight.methods('/flaky.html')).toEqual(['GET', 'GET']);
  });

  it('reports a 503 that stays as an error after one retry', async () => {
    const r = await check('/down.html');
    expect(r).toMatchObject({ verdict: 'error', code: 'http-5xx', status: 503 });
    expect(r.reason['zh-CN']).toContain('重试');
    expect(flight.methods('/down.html')).toEqual(['GET', 'GET']);
    expect(sleeps).toEqual([1000]);
  });

  it('follows a 301/302 chain to a page that is ok, and reports the chain', async () => {
    const r = await check('/r1');
    expect(r).toMatchObject({ verdict: 'ok', status: 200, redirected: true, finalUrl: url('/ok.html'), chain: [url('/r1'), url('/r2'), url('/ok.html')] });
  });

  it('reports a chain that ends in a 404 as dead, with the chain', async () => {
    const r = await check('/r-dead');
    expect(r).toMatchObject({ verdict: 'dead', code: 'http-404', status: 404, finalUrl: url('/missing.html'), chain: [url('/r-dead'), url('/missing.html')] });
    expect(r.reason['zh-CN']).toBe('经 1 次重定向后：页面不存在（HTTP 404）');
    expect(r.reason.en).toBe('after 1 redirect: not found (HTTP 404)');
  });

  it('stops a redirect loop', async () => {
    const r = await check('/loop-a');
    expect(r).toMatchObject({ verdict: 'dead', code: 'redirect-loop', chain: [url('/loop-a'), url('/loop-b'), url('/loop-a')] });
  });

  it('stops after 10 redirects', async () => {
    const r = await check('/hop0');
    expect(r).toMatchObject({ verdict: 'dead', code: 'too-many-redirects' });
    expect(r.chain).toHaveLength(12); // the start and 11 targets: the 11th redirect is refused
    expect(flight.methods('/hop10')).toEqual(['GET']);
    expect(flight.methods('/hop11')).toEqual([]);
  });

  it('a deep link redirected to the home page is a soft 404', async () => {
    expect(await check('/zwgk/2024/art_123.html')).toMatchObject({ verdict: 'soft404', code: 'soft404-home', finalUrl: url('/') });
  });

  it('a redirect to a 404 page that answers 200 is a soft 404', async () => {
    expect(await check('/old/notice.html')).toMatchObject({ verdict: 'soft404', code: 'soft404-error-page', finalUrl: url('/404.html') });
  });

  it('a request beyond the timeout is retried once, then suspect (not dead)', async () => {
    const r = await check('/slow.html', { timeoutMs: 150 });
    expect(r).toMatchObject({ verdict: 'suspect', code: 'timeout' });
    expect(r.status).toBeUndefined();
    expect(sleeps).toEqual([1000]);
    expect(flight.methods('/slow.html')).toEqual(['GET', 'GET']);
  });

  it('a refused connection is dead at once (no retry)', async () => {
    const r = await checker().check(`http://127.0.0.1:${closedPort}/page.html`);
    expect(r).toMatchObject({ verdict: 'dead', code: 'refused' });
    expect(sleeps).toEqual([]);
  });

  it('takes only a HEAD for a download that answers it', async () => {
    expect(await check('/attachment.pdf')).toMatchObject({ verdict: 'ok', status: 200 });
    expect(flight.methods('/attachment.pdf')).toEqual(['HEAD']);
  });

  it.each([
    ['/head405.pdf', 'HEAD 405'],
    ['/lying.pdf', 'HEAD 404 from a server that lies to HEAD'],
    ['/head403.pdf', 'HEAD 403'],
  ])('%s: %s is confirmed by a GET, which is ok', async (path) => {
    expect(await check(path)).toMatchObject({ verdict: 'ok', status: 200 });
    expect(flight.methods(path)).toEqual(['HEAD', 'GET']);
  });

  it("headFirst 'always' HEADs a page too, then GETs it to read its text", async () => {
    const before = flight.methods('/soft-body.html').length;
    expect(await check('/soft-body.html', { headFirst: 'always' })).toMatchObject({ verdict: 'soft404' });
    expect(flight.methods('/soft-body.html').slice(before)).toEqual(['HEAD', 'GET']);
  });

  it('honours Retry-After in seconds', async () => {
    expect(await check('/rate.html')).toMatchObject({ verdict: 'ok', status: 200 });
    expect(sleeps).toEqual([1000]);
  });

  it('honours Retry-After as an HTTP date, against the injected clock', async () => {
    expect(await check('/rate-date.html')).toMatchObject({ verdict: 'ok' });
    expect(sleeps).toEqual([5000]);
  });

  it('caps a long Retry-After', async () => {
    expect(await check('/rate-long.html', { maxRetryAfterMs: 30_000 })).toMatchObject({ verdict: 'ok' });
    expect(sleeps).toEqual([30_000]);
  });

  it('a 429 that stays is suspect, not dead', async () => {
    expect(await check('/rate-always.html')).toMatchObject({ verdict: 'suspect', code: 'http-429', status: 429 });
    expect(sleeps).toEqual([1000]);
  });

  it('sends no cookies or credentials and an identifying User-Agent', async () => {
    await check('/ua.html');
    expect(seenHeaders[0]['user-agent']).toMatch(/^GovReview-LinkCheck/);
    expect(seenHeaders[0].cookie).toBeUndefined();
    expect(seenHeaders[0].authorization).toBeUndefined();
  });
});

describe('links that are not requested', () => {
  it.each(['mailto:zwgk@example.gov.cn', 'tel:12345', 'javascript:void(0)', 'data:text/plain,x', 'blob:http://a/b', 'about:blank', 'ftp://example.gov.cn/a'])(
    '%s is skipped',
    async (href) => {
      const fetchSpy = vi.fn<typeof fetch>();
      const r = await checker({ fetch: fetchSpy }).check(href);
      expect(r).toMatchObject({ verdict: 'skipped', code: 'skipped-scheme', ms: 0 });
      expect(fetchSpy).not.toHaveBeenCalled();
    },
  );

  it.each(['http://', 'http://exa mple.gov.cn/', 'https://[::1/'])('%s is an invalid URL: dead', async (href) => {
    expect(await checker({ fetch: vi.fn<typeof fetch>() }).check(href)).toMatchObject({ verdict: 'dead', code: 'invalid-url' });
  });
});

describe('network failures (injected fetch: no DNS lookups in tests)', () => {
  it('a host name that does not resolve is dead at once', async () => {
    const fetchFails = vi.fn<typeof fetch>(async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND old.example.gov.cn'), { code: 'ENOTFOUND' }) });
    });
    expect(await checker({ fetch: fetchFails }).check('http://old.example.gov.cn/')).toMatchObject({ verdict: 'dead', code: 'dns' });
    expect(fetchFails).toHaveBeenCalledTimes(1);
  });

  it("a browser's bare 'Failed to fetch' is retried once, then an error", async () => {
    const fetchFails = vi.fn<typeof fetch>(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await checker({ fetch: fetchFails }).check('https://example.gov.cn/a.html')).toMatchObject({ verdict: 'error', code: 'network' });
    expect(fetchFails).toHaveBeenCalledTimes(2);
    expect(sleeps).toEqual([1000]);
  });
});

describe('runtimes that hide redirects (redirect: manual gives an opaque redirect, as in a browser)', () => {
  /** Node's fetch, but a manual redirect comes back as a browser returns it: opaque, no status, no headers. */
  const browserLikeFetch = vi.fn<typeof fetch>(async (input, init) => {
    const res = await fetch(input, init);
    if (init?.redirect !== 'manual' || res.status < 300 || res.status >= 400) return res;
    await res.body?.cancel();
    const opaque = new Response(null, { status: 200 });
    Object.defineProperties(opaque, { type: { value: 'opaqueredirect' }, status: { value: 0 } });
    return opaque;
  });

  it('switches to redirect: follow and reports the final URL', async () => {
    const c = checker({ fetch: browserLikeFetch });
    expect(await c.check(url('/r1'))).toMatchObject({ verdict: 'ok', redirected: true, finalUrl: url('/ok.html'), chain: [url('/r1'), url('/ok.html')] });
    expect(await c.check(url('/r-dead'))).toMatchObject({ verdict: 'dead', code: 'http-404', finalUrl: url('/missing.html') });
    expect(await c.check(url('/zwgk/2024/art_123.html'))).toMatchObject({ verdict: 'soft404', code: 'soft404-home' });
    const modes = browserLikeFetch.mock.calls.map(([, init]) => init?.redirect);
    expect(modes).toEqual(['manual', 'follow', 'follow', 'follow']);
  });
});

describe('cache, deduplication, progress and cancellation', () => {
  it('checks a URL once: concurrent checks share it, later ones come from the cache, fragments do not matter', async () => {
    const cache = new Map<string, LinkCheckResult>();
    const c = checker({ cache });
    const [a, b] = await Promise.all([c.check(url('/counted.html')), c.check(url('/counted.html#part2'))]);
    expect(a).toBe(b);
    expect(await c.check(url('/counted.html#top'))).toBe(a);
    expect(await checker({ cache }).check(url('/counted.html'))).toBe(a); // a session cache outlives a checker
    expect(flight.methods('/counted.html')).toEqual(['GET']);
    expect([...cache.keys()]).toEqual([url('/counted.html')]);
  });

  it('checkAll: one result per input in order, progress per distinct URL', async () => {
    const progress: Array<[number, number, string]> = [];
    const hrefs = [url('/ok.html'), url('/missing.html'), url('/ok.html#x'), 'mailto:a@b.cn'];
    const results = await checker().checkAll(hrefs, { onProgress: ({ done, total, result }) => progress.push([done, total, result.verdict]) });
    expect(results.map((r) => r.verdict)).toEqual(['ok', 'dead', 'ok', 'skipped']);
    expect(progress.map(([done, total]) => [done, total])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(progress.map(([, , v]) => v).sort()).toEqual(['dead', 'ok', 'skipped']);
  });

  it('stops on abort: pending and in-flight requests end, finished results stay cached', async () => {
    const cache = new Map<string, LinkCheckResult>();
    const c = checker({ cache });
    const stop = new AbortController();
    const slowOnes = Array.from({ length: 8 }, (_, i) => url(`/slow.html?stop=${i}`));
    const run = c.checkAll([url('/ok.html'), ...slowOnes], {
      signal: stop.signal,
      onProgress: ({ result }) => {
        if (result.url === url('/ok.html')) stop.abort(new DOMException('stopped by the reviewer', 'AbortError'));
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect([...cache.keys()]).toEqual([url('/ok.html')]);
    await vi.waitFor(() => expect(flight.now).toBe(0)); // the server saw every request dropped
    expect(flight.log.filter((l) => l.url.startsWith('/slow.html?stop=')).length).toBeLessThanOrEqual(6);
  });

  it('a second caller of a URL whose first caller stopped gets a full check', async () => {
    const c = checker({ timeoutMs: 150 });
    const first = new AbortController();
    const a = c.check(url('/slow.html?shared'), first.signal);
    const b = c.check(url('/slow.html?shared'));
    first.abort();
    await expect(a).rejects.toBeDefined();
    expect(await b).toMatchObject({ verdict: 'suspect', code: 'timeout' });
  });
});
