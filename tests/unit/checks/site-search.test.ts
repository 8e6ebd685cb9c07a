import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/site-search';
import { searchReason } from '../../../lib/search/judge';
import { buildTextModel } from '../../../lib/text-model/build';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import { type ExpectedFinding, ruleTester } from './rule-tester';
import type { SearchTestSummary, TextModel } from '../../../lib/engine/types';

const HOME_URL = 'https://www.lincang.gov.cn/index.html';
const ARTICLE_URL = 'https://www.lincang.gov.cn/zwgk/tzgg/202611/t20261120_1.html';
const tester = ruleTester(check, { today: '2026-11-22' });

const NAV = `<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>`;
const NEWS = `<div class="news"><h3>临沧要闻</h3><ul>
<li><a href="/xwzx/lcyw/202611/t20261121_1.html">临沧市召开2026年冬季安全生产工作会议</a><span>2026-11-21</span></li>
<li><a href="/xwzx/lcyw/202611/t20261120_2.html">市政府常务会议研究部署当前重点工作</a><span>2026-11-20</span></li>
<li><a href="/xwzx/lcyw/202611/t20261119_3.html">全市农村人居环境整治现场推进会召开</a><span>2026-11-19</span></li></ul></div>`;
const FOOT = `<div class="footer"><p>主办：临沧市人民政府办公室　承办：临沧市信息中心</p>
<p>网站标识码：5309000044　滇ICP备05000394号　滇公网安备 53090202000105号</p></div>`;

/** A home page: a header holding `search`, the nav, the news block and the site's foot. */
const home = (search: string, title = '临沧市人民政府门户网站') =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="临沧市人民政府"></div>${search}</div>${NAV}${NEWS}${FOOT}</body></html>`;

/** TRS/海云 WAS: /was5/web/search with searchword and a hidden channelid, submitted by an image/submit input. */
const TRS_WAS5 = `<div class="search"><form name="searchform" action="/was5/web/search" method="get" target="_blank" onsubmit="return checkForm();">
<input type="hidden" name="channelid" value="246790"><input type="text" name="searchword" id="searchword" placeholder="请输入关键字"><input type="submit" value="搜索" class="btn"></form></div>`;
/** TRS/海云 站群 search (/guestweb4/s) with a visible button. */
const TRS_GUESTWEB = `<div class="search"><form action="/guestweb4/s" method="get" target="_blank"><input type="hidden" name="siteCode" value="5309000044">
<input type="hidden" name="column" value="全部"><input type="text" name="searchWord" placeholder="请输入搜索内容"><button type="submit">搜索</button></form></div>`;
/** 大汉 jcms: /jsearch/search.do with q and hidden webid/pg, an image button. */
const HANWEB_JSEARCH = `<table class="top-search"><tr><td><form name="searchform" action="/jsearch/search.do" method="get" target="_blank">
<input type="hidden" name="webid" value="1"><input type="hidden" name="pg" value="12"><input type="hidden" name="p" value="1"><input type="hidden" name="checkbox" value="1">
<input type="text" name="q" id="q" value="请输入关键字"><input type="image" src="/images/search_btn.png" alt="搜索"></form></td></tr></table>`;
/** 大汉 jsearchfront with a text button. */
const HANWEB_FRONT = `<div class="ss"><form action="/jsearchfront/search.do" method="get"><input type="hidden" name="websiteid" value="530900000000000">
<input type="hidden" name="searchid" value="12"><input type="hidden" name="pg" value=""><input type="text" name="q" placeholder="全站搜索"><button>检索</button></form></div>`;
/** 开普云: a div.search box, an input and a button that the page's scripts submit. */
const UCAP_BOX = `<div class="search"><input type="text" id="searchKey" placeholder="请输入关键词"><button type="button" onclick="doSearch()">搜索</button></div>`;
/** 开普云: a form to /search/index.html with keyword. */
const UCAP_FORM = `<div class="m-search"><form action="/search/index.html" method="get"><input type="text" name="keyword" placeholder="请输入关键词"><button type="submit">搜 索</button></form></div>`;
/** A form posting to the province's search service host. */
const SO_HOST = `<div class="search"><form action="https://so.lincang.gov.cn/cms-search/intelligentSearch" method="post"><input type="hidden" name="siteCode" value="5309000044">
<input type="text" name="keywords" placeholder="搜索本站"><button type="submit">搜索</button></form></div>`;
/** Only a link to the site's search page. */
const LINK_ONLY = `<div class="links"><a href="/search/">站内搜索</a></div>`;
const LINK_FULLTEXT = `<div class="links"><a href="https://so.lincang.gov.cn/">全文检索</a></div>`;

/** Forms that are no site search. */
const LOGIN = `<div class="login"><form action="/member/login.do" method="post"><input type="text" name="username" placeholder="用户名"><input type="password" name="password" placeholder="密码"><button>登录</button></form></div>`;
const LIUYAN = `<div class="liuyan"><form action="/hdjl/save.do" method="post"><input type="text" name="title" placeholder="标题"><input type="text" name="name" placeholder="姓名"><textarea name="content">请输入留言内容</textarea><button>提交留言</button></form></div>`;
const BANJIAN = `<div class="bjcx"><form action="/bsfw/bjcx/query.do" method="get"><input type="text" name="sblsh" placeholder="请输入办件编号"><button>办件查询</button></form></div>`;
/** A 办件查询 form whose field the CMS happens to call keyword (the source means 办件查询 forms to be no search). */
const BANJIAN_KEYWORD = `<div class="bjcx"><form action="/bsfw/bjcx/query.do" method="get"><input type="text" name="keyword" placeholder="请输入办件编号或受理编号"><button>办件查询</button></form></div>`;

function modelOf(html: string, url = HOME_URL, opts: { isTopFrame?: boolean; searchTest?: SearchTestSummary } = {}): TextModel {
  const { model } = buildTextModel(parseHTML(html).document, { url, isTopFrame: opts.isTopFrame });
  if (opts.searchTest) model.searchTest = opts.searchTest;
  return model;
}
const on = (name: string, html: string, opts: { url?: string; isTopFrame?: boolean; searchTest?: SearchTestSummary } = {}) => ({
  text: name,
  model: () => modelOf(html, opts.url ?? HOME_URL, opts),
});

const test = (verdict: SearchTestSummary['verdict'], url: string, reason: SearchTestSummary['reason'], status?: number): SearchTestSummary => ({
  verdict,
  term: '临沧市人民政府',
  url,
  reason,
  ...(status !== undefined && { status }),
});
const worksAt = (url: string) => test('works', url, searchReason('found', { term: '临沧市人民政府', count: 12 }));

const WAS5_URL = 'https://www.lincang.gov.cn/was5/web/search?searchword=%E4%B8%B4&channelid=246790';
const GUESTWEB_URL = 'https://www.lincang.gov.cn/guestweb4/s?searchWord=%E4%B8%B4&siteCode=5309000044';
const JSEARCH_URL = 'https://www.lincang.gov.cn/jsearch/search.do?q=%E4%B8%B4&webid=1';
const FRONT_URL = 'https://www.lincang.gov.cn/jsearchfront/search.do?q=%E4%B8%B4';
const UCAP_URL = 'https://www.lincang.gov.cn/search/index.html?keyword=%E4%B8%B4';
const SO_URL = 'https://so.lincang.gov.cn/cms-search/intelligentSearch';

const missing: ExpectedFinding = {
  messageId: 'missing',
  kind: 'missing',
  severity: 'deduct',
  text: '',
  start: undefined,
  end: undefined,
  message: '网站首页未提供站内搜索',
};

describe('site-search meta', () => {
  it('is a search deduction on the top frame only, with its three messages', () => {
    expect(check.meta).toMatchObject({ id: 'site-search', category: 'search', defaultSeverity: 'deduct', topFrameOnly: true });
    expect(Object.keys(check.meta.messages).sort()).toEqual(['broken', 'missing', 'untested']);
    expect(check.meta.indicator['zh-CN']).toBe('站内搜索');
  });
});

tester.run({
  valid: [
    // Each layout, before the test has run: a present search is enough.
    on('TRS/海云 /was5/web/search, no test yet', home(TRS_WAS5)),
    on('TRS/海云 /guestweb4/s, no test yet', home(TRS_GUESTWEB)),
    on('大汉 /jsearch/search.do, no test yet', home(HANWEB_JSEARCH)),
    on('大汉 /jsearchfront/search.do, no test yet', home(HANWEB_FRONT)),
    on('开普云 div.search box submitted by script, no test yet', home(UCAP_BOX)),
    on('开普云 form to /search/index.html, no test yet', home(UCAP_FORM)),
    on('a form posting to so.lincang.gov.cn, no test yet', home(SO_HOST)),
    on('a 站内搜索 link only, no test yet', home(LINK_ONLY)),
    on('a 全文检索 link to the search host only, no test yet', home(LINK_FULLTEXT)),
    on('the site root / counts as the home page', home(UCAP_FORM), { url: 'https://www.lincang.gov.cn/' }),
    // … and with a test that found the search working.
    on('TRS/海云 was5, the test works', home(TRS_WAS5), { searchTest: worksAt(WAS5_URL) }),
    on('TRS/海云 guestweb4, the test works', home(TRS_GUESTWEB), { searchTest: worksAt(GUESTWEB_URL) }),
    on('大汉 jsearch, the test works', home(HANWEB_JSEARCH), { searchTest: worksAt(JSEARCH_URL) }),
    on('大汉 jsearchfront, the test works', home(HANWEB_FRONT), { searchTest: worksAt(FRONT_URL) }),
    on('开普云 form, the test works', home(UCAP_FORM), { searchTest: worksAt(UCAP_URL) }),
    on('so.* host, the test works', home(SO_HOST), { searchTest: worksAt(SO_URL) }),
    on('a link entry that opens', home(LINK_ONLY), {
      searchTest: { verdict: 'works', term: '', url: 'https://www.lincang.gov.cn/search/', reason: searchReason('link-ok') },
    }),
    // Pages that are not judged.
    on('an article page without any search', home(''), { url: ARTICLE_URL }),
    on('an article page with a broken search result attached is not judged either', home(TRS_WAS5), {
      url: ARTICLE_URL,
      searchTest: test('broken', WAS5_URL, searchReason('status', { status: 404 }), 404),
    }),
    on('a frame (not the top frame) of the home URL', home(''), { isTopFrame: false }),
    on(
      'an error page at the home URL (little text, no foot)',
      '<!doctype html><html><head><title>404</title></head><body><h1>404 页面不存在</h1><p>您访问的页面不存在或已被删除。</p></body></html>',
    ),
    on(
      'a home URL without a site foot (a bare frame document)',
      `<!doctype html><html><head><title>临沧市人民政府</title></head><body>${NAV}${NEWS}</body></html>`,
    ),
  ],
  invalid: [
    { ...on('TRS-style home page without any search', home('')), errors: [missing] },
    { ...on('a home page whose only form is a login form', home(LOGIN)), errors: [missing] },
    { ...on('a home page whose only form is a 留言 form (textarea)', home(LIUYAN)), errors: [missing] },
    { ...on('a home page whose only form is a 办件查询 form', home(BANJIAN)), errors: [missing] },
    {
      ...on('a home page with login, 留言 and 办件查询 forms but no search', home(`${LOGIN}${LIUYAN}${BANJIAN}`)),
      errors: [missing],
    },
    {
      // lib/text-model/search-entries.ts says a 办件查询 form is no search; a field named keyword makes it one.
      ...on('a 办件查询 form whose field is named keyword is still no site search', home(BANJIAN_KEYWORD)),
      errors: [missing],
    },
    {
      ...on(
        'a link that only mentions search in its text is not an entry (搜索引擎优化 news)',
        home('<div><a href="/xwzx/seo.html">搜索引擎优化培训会召开</a></div>'),
      ),
      errors: [missing],
    },
    {
      ...on('TRS/海云 guestweb4 broken: ranged on the form’s button text', home(TRS_GUESTWEB), {
        searchTest: test('broken', GUESTWEB_URL, searchReason('status', { status: 404 }), 404),
      }),
      errors: [
        {
          messageId: 'broken',
          kind: 'broken',
          severity: 'deduct',
          text: '搜索',
          at: 'only',
          message: '站内搜索无法使用：检索请求返回 HTTP 404',
          data: { reason: '检索请求返回 HTTP 404', 'reason@en': 'the search request answered HTTP 404', term: '临沧市人民政府', url: GUESTWEB_URL },
        },
      ],
    },
    {
      ...on('大汉 jsearch broken (no text in the form: an image button): a page-level finding', home(HANWEB_JSEARCH), {
        searchTest: test('broken', JSEARCH_URL, searchReason('no-result', { term: '临沧市人民政府', evidence: '没有找到相关结果' })),
      }),
      errors: [
        {
          messageId: 'broken',
          severity: 'deduct',
          text: '',
          start: undefined,
          end: undefined,
          messageContains: ['站内搜索无法使用', '没有找到相关结果'],
        },
      ],
    },
    {
      ...on('开普云 form broken by a soft 404: ranged on 搜 索', home(UCAP_FORM), {
        searchTest: test('broken', UCAP_URL, searchReason('soft404', { evidence: 'https://www.lincang.gov.cn/' })),
      }),
      errors: [{ messageId: 'broken', severity: 'deduct', text: '搜 索', at: 'only', messageContains: '检索结果为错误页' }],
    },
    {
      ...on('so.* host broken (cannot connect): ranged on its button', home(SO_HOST), {
        searchTest: test('broken', SO_URL, searchReason('network', { detail: 'ECONNREFUSED' })),
      }),
      errors: [{ messageId: 'broken', text: '搜索', at: 'only', messageContains: 'ECONNREFUSED' }],
    },
    {
      ...on('a 站内搜索 link that 404s: ranged on the link text', home(LINK_ONLY), {
        searchTest: { verdict: 'broken', term: '', url: 'https://www.lincang.gov.cn/search/', status: 404, reason: searchReason('status', { status: 404 }) },
      }),
      errors: [{ messageId: 'broken', text: '站内搜索', at: 'only', severity: 'deduct' }],
    },
    {
      ...on('broken: the finding sits on the entry that was tested, not on an earlier form', home(`${TRS_GUESTWEB}${UCAP_FORM}`), {
        searchTest: test('broken', UCAP_URL, searchReason('status', { status: 500 }), 500),
      }),
      errors: [{ messageId: 'broken', text: '搜 索', at: 'only' }],
    },
    {
      // A 开普云 home page: a scripted box and a 高级检索 link; the test opens the link (a form or link goes first).
      ...on(
        'broken link beside a scripted box: the finding sits on the link that was tested',
        home(`${UCAP_BOX}<div class="adv"><a href="/search/advanced.html">高级检索</a></div>`),
        {
          searchTest: {
            verdict: 'broken',
            term: '',
            url: 'https://www.lincang.gov.cn/search/advanced.html',
            status: 404,
            reason: searchReason('status', { status: 404 }),
          },
        },
      ),
      errors: [{ messageId: 'broken', text: '高级检索', at: 'only' }],
    },
    {
      ...on('开普云 scripted box untested: a notice on the box’s text', home(UCAP_BOX), {
        searchTest: { verdict: 'untested', term: '', url: HOME_URL, reason: searchReason('script') },
      }),
      errors: [
        {
          messageId: 'untested',
          kind: 'untested',
          severity: 'notice',
          text: '搜索',
          at: 'only',
          message: '站内搜索未能检测：搜索框由页面脚本提交，未能自动检测，请人工检索',
          suggestion: '请人工在首页搜索框检索一次，确认能返回结果',
        },
      ],
    },
    {
      ...on('TRS/海云 was5 timed out: a page-level notice (the form shows no text)', home(TRS_WAS5), {
        searchTest: test('untested', WAS5_URL, searchReason('timeout', { seconds: 15 })),
      }),
      errors: [{ messageId: 'untested', severity: 'notice', text: '', start: undefined, messageContains: '15 秒内无响应' }],
    },
    {
      ...on('大汉 jsearchfront: results loaded by script → untested notice on 检索', home(HANWEB_FRONT), {
        searchTest: test('untested', FRONT_URL, searchReason('unclear', { term: '临沧市人民政府' })),
      }),
      errors: [{ messageId: 'untested', severity: 'notice', text: '检索', at: 'only' }],
    },
  ],
});

describe('site-search guards', () => {
  it('a plain-text model is never judged, even at a home URL', () => {
    const model = () =>
      textModelFromPlainText(`当前位置：首页\n临沧市人民政府\n${'政务公开 办事服务 互动交流 '.repeat(10)}\n主办：临沧市人民政府办公室`, HOME_URL);
    expect(tester.scan({ text: 'plain text', model })).toEqual([]);
  });

  it('a saved home page (breadcrumb 首页 alone) is judged like the root URL', () => {
    const html = home('').replace(NAV, `<div class="position">当前位置：首页</div>`);
    const found = tester.scan({ text: 'file', model: () => modelOf(html, 'file:///tmp/saved.html') });
    expect(found.map((f) => f.messageId)).toEqual(['missing']);
  });

  it('a broken test says why in both locales', () => {
    const found = tester.scan(on('x', home(TRS_GUESTWEB), { searchTest: test('broken', GUESTWEB_URL, searchReason('status', { status: 503 }), 503) }));
    expect(found).toHaveLength(1);
    expect(found[0].data).toMatchObject({ reason: '检索请求返回 HTTP 503', 'reason@en': 'the search request answered HTTP 503' });
    expect(found[0].suggestion).toContain('修复站内搜索');
  });
});
