import { type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { entryToTest, planSearchTest, runSearchTest, type SearchPlan, searchRequest, testSiteSearch } from '../../../lib/search/search-test';
import { buildTextModel } from '../../../lib/text-model/build';
import type { SearchEntry, TextModel } from '../../../lib/engine/types';

/**
 * The site-search test against a local server on 127.0.0.1 (no internet): what it sends (the raw query bytes,
 * the POST body, no cookies) and what it makes of the answers (results, error statuses, soft 404s, "nothing
 * found", results a script loads, time-outs, refused connections).
 */

const TERM = '临沧市人民政府';
const TODAY = '2026-11-22';
/** The test's time-out: the slow route answers well after it. */
const TIMEOUT_MS = 300;

interface Seen {
  method: string;
  /** The request target as the server read it: path and raw query, percent-escapes untouched. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

type Route = (req: IncomingMessage, res: ServerResponse) => void;

const send =
  (status: number, body: string | Buffer, headers: Record<string, string> = {}): Route =>
  (_req, res) => {
    const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': buf.length, ...headers });
    res.end(buf);
  };

/** A page in the site's template: the site's name in the header and in the footer, as every page of it has. */
const sitePage = (title: string, body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}-临沧市人民政府</title></head><body>
<div class="header"><div class="logo">临沧市人民政府</div><div class="nav">首页 政务公开 办事服务 互动交流</div></div>
<div class="main">${body}</div>
<div class="footer">主办：临沧市人民政府办公室　网站标识码：5309000044　滇ICP备05000394号</div></body></html>`;

const RESULTS = sitePage(
  '搜索结果',
  `<div class="count">共找到 12 条结果</div><ul><li><a href="/a1.html">关于印发《临沧市人民政府工作规则》的通知</a></li><li><a href="/a2.html">临沧市人民政府常务会议纪要</a></li></ul>`,
);
const GBK_RESULTS = iconv.encode(sitePage('搜索结果', '<p>检索到相关结果 3 篇</p>').replace('charset="utf-8"', 'charset="gbk"'), 'gbk');
const NOTHING = sitePage('搜索结果', '<p class="none">很抱歉，没有找到与“临沧市人民政府”相关的结果。</p>');
const NOTHING_SHORT = sitePage('搜索结果', '<p class="none">没有找到“临沧市人民政府”相关结果</p>');
const ZERO = sitePage('搜索结果', '<p>共找到 0 条与“临沧市人民政府”相关的结果</p>');
/** A result page whose script fills the list and shows the "nothing found" block only when needed. */
const SCRIPTED = sitePage(
  '搜索结果',
  `<div id="noResult" style="display:none">抱歉，没有找到与“<span id="kw"></span>”相关的结果</div><ul id="list"></ul>
<script>fetch('/api/search' + location.search).then((r) => r.json()).then(render);</script>`,
);
/** The same, the hidden block holding nested blocks (an icon and a line), as 开普云/TRS result templates write it. */
const SCRIPTED_NESTED = sitePage(
  '搜索结果',
  `<div class="no-result" style="display: none;"><div class="icon"></div><div class="txt">抱歉，没有找到相关结果</div></div><ul id="list"></ul>
<script>loadResults();</script>`,
);
/** The box and an echo of the words, no results, no "nothing found": nothing to tell from. */
const ECHO_ONLY = sitePage('搜索结果', '<div class="kw">您搜索的是：临沧市人民政府</div><ul id="list"></ul><script>loadResults();</script>');
const HOME = sitePage('首页', '<p>欢迎访问</p>');
const SEARCH_PAGE = sitePage('站内搜索', '<form action="/was5/web/search"><input name="searchword"><button>搜索</button></form>');

const seen: Seen[] = [];
const timers = new Set<NodeJS.Timeout>();
const routes: Record<string, Route> = {
  '/': send(200, HOME),
  '/was5/web/search': send(200, RESULTS),
  '/gbk/search': send(200, GBK_RESULTS, { 'Content-Type': 'text/html; charset=gbk' }),
  '/post/search': (req, res) => (req.method === 'POST' ? send(200, RESULTS)(req, res) : send(405, 'no')(req, res)),
  '/missing/search': send(404, sitePage('404', '<p>页面不存在</p>')),
  '/down/search': send(500, 'Internal Server Error', { 'Content-Type': 'text/plain' }),
  '/home-redirect/search': send(302, '', { Location: '/' }),
  '/nothing/search': send(200, NOTHING),
  '/nothing-short/search': send(200, NOTHING_SHORT),
  '/zero/search': send(200, ZERO),
  '/scripted/search': send(200, SCRIPTED),
  '/scripted-nested/search': send(200, SCRIPTED_NESTED),
  '/echo/search': send(200, ECHO_ONLY),
  '/slow/search': (req, res) => {
    const t = setTimeout(() => {
      timers.delete(t);
      send(200, RESULTS)(req, res);
    }, 5_000);
    timers.add(t);
  },
  '/search/': send(200, SEARCH_PAGE),
};

let server: Server;
let base: string;
let refusedBase: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      const route = routes[(req.url ?? '/').split('?')[0]];
      if (route) route(req, res);
      else send(404, sitePage('404', '<p>您访问的页面不存在</p>'))(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port that nothing listens on: bind one, then close it.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  refusedBase = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
});

afterAll(async () => {
  for (const t of timers) clearTimeout(t);
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen.length = 0;
});

const opts = { fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init), timeoutMs: TIMEOUT_MS, userAgent: 'GovReview-test' };
const form = (path: string, extra: Partial<SearchEntry> = {}): SearchEntry => ({
  kind: 'form',
  action: `${base}${path}`,
  method: 'get',
  field: 'searchword',
  fields: [['channelid', '246790']],
  charset: 'utf-8',
  ...extra,
});
/** A plan for the local home page: the words for a form, none (as planSearchTest makes it) for a link. */
const planFor = (entry: SearchEntry, term?: string): SearchPlan => ({ pageUrl: `${base}/`, entry, ...(term !== undefined && { term }) });
const run = (entry: SearchEntry, term = entry.kind === 'form' ? TERM : undefined) => runSearchTest(planFor(entry, term), opts);

/** A home page served from the local site, built as the content script or the CLI builds it. */
function homeModel(search: string, charset = 'utf-8'): TextModel {
  const html = sitePage('首页', `${search}<p>临沧要闻</p>`).replace('<title>首页-临沧市人民政府', '<title>临沧市人民政府门户网站');
  return buildTextModel(parseHTML(html).document, { url: `${base}/`, charset }).model;
}

describe('what the test sends', () => {
  it('a GET carries the field and the hidden fields in the query (UTF-8), with no cookie and no referrer', async () => {
    const model = homeModel(
      '<form action="/was5/web/search" method="get"><input type="hidden" name="channelid" value="246790"><input name="searchword" placeholder="请输入关键字"><button>搜索</button></form>',
    );
    const result = await testSiteSearch(model, { ...opts, today: TODAY });
    expect(result).toMatchObject({ verdict: 'works', term: TERM, status: 200 });
    expect(seen).toHaveLength(1);
    expect(seen[0].method).toBe('GET');
    expect(seen[0].url).toBe('/was5/web/search?searchword=%E4%B8%B4%E6%B2%A7%E5%B8%82%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C&channelid=246790');
    expect(seen[0].headers.cookie).toBeUndefined();
    expect(seen[0].headers.referer).toBeUndefined();
    expect(seen[0].headers['user-agent']).toBe('GovReview-test');
  });

  it('fetch is asked to omit credentials, send no referrer, bypass the cache and follow redirects', async () => {
    const inits: RequestInit[] = [];
    const spy = (input: RequestInfo | URL, init?: RequestInit) => {
      inits.push(init ?? {});
      return fetch(input, init);
    };
    await runSearchTest(planFor(form('/was5/web/search'), TERM), { ...opts, fetch: spy });
    expect(inits).toHaveLength(1);
    expect(inits[0]).toMatchObject({ method: 'GET', credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store', redirect: 'follow' });
  });

  it('a GBK form sends its query in GBK: the raw bytes the server receives', async () => {
    const model = homeModel(
      '<form action="/gbk/search"><input type="hidden" name="channelid" value="246790"><input type="hidden" name="column" value="全部"><input name="searchword"><input type="image" src="/go.gif"></form>',
      'gbk',
    );
    expect(model.searches?.[0].charset).toBe('gbk');
    const result = await testSiteSearch(model, { ...opts, today: TODAY });
    expect(seen).toHaveLength(1);
    expect(seen[0].url).toBe('/gbk/search?searchword=%C1%D9%B2%D7%CA%D0%C8%CB%C3%F1%D5%FE%B8%AE&channelid=246790&column=%C8%AB%B2%BF');
    // The GBK result page is decoded as GBK: its count is read.
    expect(result).toMatchObject({ verdict: 'works', reason: { 'zh-CN': '检索“临沧市人民政府”返回 3 条结果' } });
  });

  it('a POST sends the urlencoded body with its content type, to the action URL as written', async () => {
    const result = await run(form('/post/search?from=home', { method: 'post', field: 'keywords', fields: [['siteCode', '5309000044']] }));
    expect(result.verdict).toBe('works');
    expect(result.url).toBe(`${base}/post/search?from=home`);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/post/search?from=home' });
    expect(seen[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen[0].body.toString('latin1')).toBe('keywords=%E4%B8%B4%E6%B2%A7%E5%B8%82%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C&siteCode=5309000044');
    expect(seen[0].headers.cookie).toBeUndefined();
  });

  it('a script-only box is not tested and nothing is requested', async () => {
    const model = homeModel(
      '<div class="search"><input id="searchKey" placeholder="请输入关键词"><button type="button" onclick="doSearch()">搜索</button></div>',
    );
    expect(model.searches?.map((s) => s.kind)).toEqual(['script']);
    const result = await testSiteSearch(model, { ...opts, today: TODAY });
    expect(result).toMatchObject({ verdict: 'untested', term: '', reason: { 'zh-CN': '搜索框由页面脚本提交，未能自动检测，请人工检索' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([]);
  });

  it('a form on a page that shows no words to search for is untested, and nothing is requested', async () => {
    const result = await runSearchTest(planFor(form('/was5/web/search')), opts);
    expect(result).toMatchObject({ verdict: 'untested', term: '', reason: { 'zh-CN': '首页上找不到可用作检索词的网站名称或标题，未能检测' } });
    expect(seen).toEqual([]);
  });

  it('a page without any search has no test', async () => {
    expect(await testSiteSearch(homeModel('<p>没有搜索</p>'), { ...opts, today: TODAY })).toBeUndefined();
    expect(seen).toEqual([]);
  });
});

describe('verdicts', () => {
  it('a result page with a count (共找到 12 条) works', async () => {
    const result = await run(form('/was5/web/search'));
    expect(result).toMatchObject({ verdict: 'works', status: 200, term: TERM, reason: { 'zh-CN': '检索“临沧市人民政府”返回 12 条结果' } });
    expect(result.url).toBe(`${base}/was5/web/search?searchword=%E4%B8%B4%E6%B2%A7%E5%B8%82%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C&channelid=246790`);
  });

  it('404 → broken, with the status', async () => {
    expect(await run(form('/missing/search'))).toMatchObject({ verdict: 'broken', status: 404, reason: { 'zh-CN': '检索请求返回 HTTP 404' } });
  });

  it('500 → broken, with the status', async () => {
    expect(await run(form('/down/search'))).toMatchObject({ verdict: 'broken', status: 500 });
  });

  it('the search redirected to the home page → broken (soft 404)', async () => {
    const result = await run(form('/home-redirect/search'));
    expect(result.verdict).toBe('broken');
    expect(result.reason['zh-CN']).toContain('检索结果为错误页');
    expect(seen.map((s) => s.url.split('?')[0])).toEqual(['/home-redirect/search', '/']);
  });

  it('“很抱歉，没有找到与…相关的结果” for the site’s own name → broken, quoting the page', async () => {
    const result = await run(form('/nothing/search'));
    expect(result.verdict).toBe('broken');
    expect(result.reason['zh-CN']).toMatch(/^检索首页上的“临沧市人民政府”，结果页显示“.*没有找到与/);
  });

  it('a zero count (共找到 0 条) → broken', async () => {
    expect((await run(form('/zero/search'))).verdict).toBe('broken');
  });

  it('“没有找到“…”相关结果” in the site’s template → broken', async () => {
    // The term is the site's name, which the header and footer of every result page carry: only the phrase can tell.
    expect((await run(form('/nothing-short/search'))).verdict).toBe('broken');
  });

  it('a hidden "nothing found" block and results a script loads (no count) → untested, not broken', async () => {
    const result = await run(form('/scripted/search'));
    expect(result).toMatchObject({ verdict: 'untested', status: 200 });
    expect(result.reason['zh-CN']).toContain('未能检测');
  });

  it('a hidden "nothing found" block with nested blocks → untested, not broken', async () => {
    expect((await run(form('/scripted-nested/search'))).verdict).toBe('untested');
  });

  it('a page that only echoes the words in the site’s template (no results, no count) → untested, not works', async () => {
    expect((await run(form('/echo/search'))).verdict).toBe('untested');
  });

  it('a server slower than timeoutMs → untested (未能检测), not broken', async () => {
    const started = performance.now();
    const result = await run(form('/slow/search'));
    expect(result.verdict).toBe('untested');
    expect(result.reason['zh-CN']).toContain('未能检测');
    expect(performance.now() - started).toBeLessThan(4_000);
  });

  it('connection refused → broken', async () => {
    const result = await runSearchTest({ pageUrl: `${refusedBase}/`, entry: { ...form('/s'), action: `${refusedBase}/was5/web/search` }, term: TERM }, opts);
    expect(result.verdict).toBe('broken');
    expect(result.reason['zh-CN']).toContain('检索请求无法连接');
  });

  it('an aborted test rejects (the only way it rejects)', async () => {
    const controller = new AbortController();
    const pending = runSearchTest(planFor(form('/slow/search'), TERM), { ...opts, timeoutMs: 10_000, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 50);
    await expect(pending).rejects.toThrow('stop');
  });
});

describe('a link entry', () => {
  const link = (path: string): SearchEntry => ({ kind: 'link', action: `${base}${path}`, method: 'get' });

  it('works when the search page opens (one GET, nothing submitted)', async () => {
    const result = await run(link('/search/'));
    expect(result).toMatchObject({ verdict: 'works', term: '', status: 200, url: `${base}/search/`, reason: { 'zh-CN': '搜索页可以打开（未提交检索词）' } });
    expect(seen.map((s) => [s.method, s.url])).toEqual([['GET', '/search/']]);
    expect(seen[0].headers.cookie).toBeUndefined();
  });

  it('is broken on 404', async () => {
    expect(await run(link('/gone/'))).toMatchObject({ verdict: 'broken', status: 404 });
  });
});

describe('planning', () => {
  const f: SearchEntry = { kind: 'form', action: 'https://www.lincang.gov.cn/s', method: 'get', field: 'q' };
  const l: SearchEntry = { kind: 'link', action: 'https://www.lincang.gov.cn/search/', method: 'get' };
  const s: SearchEntry = { kind: 'script', action: '', method: 'get' };

  it('entryToTest: a form first, then a link, then a scripted box', () => {
    expect(entryToTest([s, l, f])).toBe(f);
    expect(entryToTest([s, l])).toBe(l);
    expect(entryToTest([s])).toBe(s);
    expect(entryToTest([])).toBeUndefined();
    expect(entryToTest(undefined)).toBeUndefined();
  });

  it('searchRequest: a GET replaces the action’s own query and drops its fragment; the field comes first', () => {
    const entry: SearchEntry = {
      kind: 'form',
      action: 'https://www.lincang.gov.cn/jsearch/search.do?webid=9#top',
      method: 'get',
      field: 'q',
      fields: [['webid', '1']],
    };
    expect(searchRequest(entry, '临沧 市')).toEqual({
      url: 'https://www.lincang.gov.cn/jsearch/search.do?q=%E4%B8%B4%E6%B2%A7+%E5%B8%82&webid=1',
      method: 'GET',
    });
  });

  it('searchRequest: a POST keeps the URL and puts the pairs in the body, in the form’s charset', () => {
    const entry: SearchEntry = {
      kind: 'form',
      action: 'https://so.lincang.gov.cn/s?x=1',
      method: 'post',
      field: 'searchword',
      fields: [['c', '全部']],
      charset: 'gb2312',
    };
    expect(searchRequest(entry, '搜索')).toEqual({ url: 'https://so.lincang.gov.cn/s?x=1', method: 'POST', form: 'searchword=%CB%D1%CB%F7&c=%C8%AB%B2%BF' });
  });

  it('planSearchTest: the words only for a form; undefined without a search', () => {
    const withForm = homeModel('<form action="/was5/web/search"><input name="searchword"><button>搜索</button></form>');
    expect(planSearchTest(withForm, TODAY)).toMatchObject({ pageUrl: `${base}/`, entry: { kind: 'form' }, term: TERM });
    const withLink = homeModel('<a href="/search/">站内搜索</a>');
    const linkPlan = planSearchTest(withLink, TODAY);
    expect(linkPlan?.entry.kind).toBe('link');
    expect(linkPlan && 'term' in linkPlan).toBe(false);
    expect(planSearchTest(homeModel('<p>无</p>'), TODAY)).toBeUndefined();
  });
});
