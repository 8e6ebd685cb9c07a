/**
 * The sweep core (lib/sweep) on its own: what it crawls (scope and traps), what it follows (columns, site map,
 * newest articles), how politely (the per-origin cap holds until bodies are read), and a whole sweep of the demo
 * site served on 127.0.0.1, rolled up; stopped half-way and resumed, it ends with the same results.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checks } from '../../../lib/checks';
import { buildTextModel } from '../../../lib/text-model/build';
import { columnLinks, newestArticles, sitemapColumns, sitemapLink } from '../../../lib/sweep/discover';
import { MemoryStore } from '../../../lib/sweep/memory-store';
import { politeFetch } from '../../../lib/sweep/polite-fetch';
import { rollUp } from '../../../lib/sweep/rollup';
import { isCrawlable, normalizeUrl, QueryBudget, MAX_QUERIES_PER_PATH, siteHosts } from '../../../lib/sweep/scope';
import { runSweep } from '../../../lib/sweep/sweep';
import type { PageResult } from '../../../lib/sweep/types';
import { serveDir } from '../../../scripts/serve.mjs';

const parse = (html: string) => parseHTML(html).document as unknown as Document;
const TODAY = '2026-11-22';

describe('scope', () => {
  const hosts = siteHosts('https://www.lincang.gov.cn/');

  it('keys URLs without fragment, credentials or session id, and refuses what is not http(s)', () => {
    expect(normalizeUrl('/a/b.html#top', 'https://www.lincang.gov.cn/')).toBe('https://www.lincang.gov.cn/a/b.html');
    expect(normalizeUrl('https://u:p@www.lincang.gov.cn/x.html')).toBe('https://www.lincang.gov.cn/x.html');
    expect(normalizeUrl('/col/index.jsp;jsessionid=ABC123?id=5', 'https://www.lincang.gov.cn/')).toBe('https://www.lincang.gov.cn/col/index.jsp?id=5');
    expect(normalizeUrl('/list.php?sid=9f8e&page=2', 'https://www.lincang.gov.cn/')).toBe('https://www.lincang.gov.cn/list.php?page=2');
    expect(normalizeUrl('javascript:void(0)', 'https://www.lincang.gov.cn/')).toBeUndefined();
    expect(normalizeUrl('mailto:a@b.cn')).toBeUndefined();
  });

  it('crawls the site and its www twin only, never files, calendars, searches or log-ins', () => {
    expect(isCrawlable('https://www.lincang.gov.cn/zwgk/index.html', hosts)).toBe(true);
    expect(isCrawlable('https://lincang.gov.cn/zwgk/', hosts)).toBe(true);
    expect(isCrawlable('https://www.yn.gov.cn/', hosts)).toBe(false);
    expect(isCrawlable('https://www.lincang.gov.cn/uploads/2026/a.pdf', hosts)).toBe(false);
    expect(isCrawlable('https://www.lincang.gov.cn/calendar?month=2026-10', hosts)).toBe(false);
    expect(isCrawlable('https://www.lincang.gov.cn/list?date=20261001', hosts)).toBe(false);
    expect(isCrawlable('https://www.lincang.gov.cn/was5/web/search?searchword=x', hosts)).toBe(false);
    expect(isCrawlable('https://www.lincang.gov.cn/login.jsp', hosts)).toBe(false);
  });

  it('follows at most MAX_QUERIES_PER_PATH distinct queries of one path', () => {
    const budget = new QueryBudget();
    const allowed = Array.from({ length: MAX_QUERIES_PER_PATH + 5 }, (_, i) => budget.allow(`https://x.gov.cn/list.jsp?p=${i}`));
    expect(allowed.filter(Boolean)).toHaveLength(MAX_QUERIES_PER_PATH);
    expect(budget.allow('https://x.gov.cn/list.jsp?p=0')).toBe(true); // seen before: still fine
    expect(budget.allow('https://x.gov.cn/other.jsp?p=99')).toBe(true);
  });
});

describe('discover', () => {
  const HOME = `<html><head><title>临沧市人民政府</title></head><body>
    <div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwdt/">政务动态</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="http://www.yn.gov.cn/">云南省人民政府</a></li></ul></div>
    <div class="block"><h2>通知公告</h2><a class="more" href="/tzgg/index.html">更多&gt;&gt;</a><ul><li><a href="/tzgg/1.html">通知一</a><span>2026-11-20</span></li></ul></div>
    <div class="block"><div class="title"><a href="/zcjd/">政策解读</a></div><ul><li><a href="/zcjd/1.html">解读一</a></li></ul></div>
    <div class="footer"><a href="/sitemap.html">网站地图</a></div></body></html>`;

  it('finds the columns of a home page: navigation, 更多 links named by their caption, caption links', () => {
    const doc = parse(HOME);
    const found = columnLinks(doc, 'https://www.lincang.gov.cn/');
    expect(found.map((f) => [f.name, f.url])).toEqual([
      ['政务动态', 'https://www.lincang.gov.cn/zwdt/'],
      ['政务公开', 'https://www.lincang.gov.cn/zwgk/'],
      ['云南省人民政府', 'http://www.yn.gov.cn/'], // out of the site: the sweep's scope drops it, not discovery
      ['通知公告', 'https://www.lincang.gov.cn/tzgg/index.html'],
      ['政策解读', 'https://www.lincang.gov.cn/zcjd/'],
    ]);
    expect(sitemapLink(doc, 'https://www.lincang.gov.cn/')).toBe('https://www.lincang.gov.cn/sitemap.html');
  });

  it('reads a site map page for its columns', () => {
    const doc = parse(
      '<ul><li><a href="/a/">机构职能</a></li><li><a href="/b/">人事信息</a></li><li><a href="/">首页</a></li><li><a href="/c/">更多</a></li></ul>',
    );
    expect(sitemapColumns(doc, 'https://x.gov.cn/sitemap.html').map((l) => l.name)).toEqual(['机构职能', '人事信息']);
  });

  it('takes the newest articles of a column page, dated first, newest first', () => {
    const html = `<html><head><title>工作动态</title></head><body><div class="position">当前位置：首页 &gt; 工作动态</div><ul class="list">
      <li><a href="/a.html">甲</a><span>2026-10-01</span></li><li><a href="/b.html">乙</a><span>2026-11-20</span></li>
      <li><a href="/c.html">丙</a><span>2026-11-02</span></li><li><a href="/d.html">丁</a><span>2026-09-30</span></li></ul></body></html>`;
    const { model } = buildTextModel(parse(html), { url: 'https://x.gov.cn/gzdt/' });
    expect(newestArticles(model, TODAY, 3).map((l) => l.url)).toEqual(['https://x.gov.cn/b.html', 'https://x.gov.cn/c.html', 'https://x.gov.cn/a.html']);
  });
});

describe('politeFetch', () => {
  let server: Server;
  let url = '';
  let active = 0;
  let peak = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      active++;
      peak = Math.max(peak, active);
      // A body sent in two parts: the connection is busy until the second one is read.
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<p>一</p>');
      setTimeout(() => {
        res.end('<p>二</p>');
        active--;
      }, 40);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('never has more than perHost requests in flight to one origin, bodies included, and omits credentials', async () => {
    const seen: RequestInit[] = [];
    const polite = politeFetch({
      fetch: (input, init) => {
        seen.push(init ?? {});
        return fetch(input, init);
      },
      perHost: 2,
    });
    const bodies = await Promise.all(Array.from({ length: 8 }, (_, i) => polite.fetch(`${url}/${i}`).then((r) => r.text())));
    expect(bodies.every((b) => b === '<p>一</p><p>二</p>')).toBe(true);
    expect(polite.peak(url)).toBe(2);
    expect(peak).toBeLessThanOrEqual(2);
    expect(seen.every((i) => i.credentials === 'omit')).toBe(true);
  });

  it('waits delayMs between two requests to one origin', async () => {
    let clock = 0;
    const waits: number[] = [];
    const polite = politeFetch({
      fetch: async () => new Response(null, { status: 204 }),
      perHost: 4,
      delayMs: 500,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    await Promise.all([polite.fetch('http://a.gov.cn/1'), polite.fetch('http://a.gov.cn/2'), polite.fetch('http://a.gov.cn/3')]);
    expect(waits).toEqual([500, 500]);
  });
});

describe('runSweep on the demo site', () => {
  let site: Awaited<ReturnType<typeof serveDir>>;
  beforeAll(async () => {
    site = await serveDir(resolve(__dirname, '../../../assets/demo-site'), { port: 0 });
  });
  afterAll(() => site.close());

  const sweep = (store: MemoryStore, signal?: AbortSignal, onPage?: (r: PageResult) => void) =>
    runSweep({ name: '云岭县人民政府', url: `${site.url}/index.html` }, { today: TODAY, fetch, parse, checks, store, checkLinks: false, signal, onPage });

  it('finds the columns from the home page, fetches each once, and rolls up the stale and blank ones', async () => {
    const before = site.requests.length;
    const results = await sweep(new MemoryStore());
    const fetched = site.requests.slice(before);
    expect(new Set(fetched).size).toBe(fetched.length); // no page twice
    expect(results[0]).toMatchObject({ kind: 'home', outcome: 'ok', homeNewest: '2026-11-22' });
    const roll = rollUp({ name: '云岭县人民政府', url: `${site.url}/index.html` }, results, TODAY);
    expect(roll.unreachable).toBe(false);
    expect(roll.home.updated).toBe(true);
    expect(roll.staleColumns.map((c) => [c.name, c.newest])).toEqual([['工作动态', '2026-10-30']]);
    expect(roll.blankColumns.map((c) => c.name)).toEqual(['政策解读']);
    // The planted problems of the pages it reached are in the roll-up, with their pages.
    expect(roll.findings.filter((f) => f.check === 'personal-id-number').map((f) => f.pageUrl.replace(site.url, ''))).toContain('/dibao.html');
  });

  it('stopped half-way and run again on the same store, it fetches nothing twice but what was in flight and ends with the same results', async () => {
    const whole = await sweep(new MemoryStore());
    const store = new MemoryStore();
    const controller = new AbortController();
    const before = site.requests.length;
    await sweep(store, controller.signal, (r) => {
      if (r.kind === 'column') controller.abort(new Error('stop'));
    });
    const partial = (await store.results()).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(whole.length);
    const resumed = await sweep(store);
    const fetched = site.requests.slice(before);
    expect(fetched.length).toBeLessThanOrEqual(whole.length + 4); // at most the 4 in flight again
    const key = (rs: PageResult[]) => rs.map((r) => [r.url, r.outcome, r.findings.map((f) => f.check).join()]).sort();
    expect(key(resumed)).toEqual(key(whole));
  });

  it('says why a site does not open, and goes no further', async () => {
    const results = await runSweep(
      { name: '无', url: 'http://127.0.0.1:9/' },
      { today: TODAY, fetch, parse, checks, store: new MemoryStore(), checkLinks: false, timeoutMs: 3000 },
    );
    expect(results).toHaveLength(1);
    const roll = rollUp({ name: '无', url: 'http://127.0.0.1:9/' }, results, TODAY);
    expect(roll.unreachable).toBe(true);
    expect(roll.unreachableReason).toMatch(/拒绝连接|网络错误/);
  });

  it('refuses a home page that is not http(s)', async () => {
    await expect(runSweep({ name: 'x', url: 'ftp://x.gov.cn/' }, { today: TODAY, fetch, parse, checks, store: new MemoryStore() })).rejects.toThrow(/http/);
  });
});
