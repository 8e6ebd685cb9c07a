import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { buildTextModel } from '../../../lib/text-model/build';
import { findSearchEntries } from '../../../lib/text-model/search-entries';
import type { SearchEntry } from '../../../lib/engine/types';

const BASE = 'https://www.lincang.gov.cn/';
const doc = (body: string, head = '<meta charset="utf-8">') =>
  parseHTML(`<!doctype html><html><head>${head}<title>临沧市人民政府</title></head><body>${body}</body></html>`).document;
const entries = (body: string, charset = 'utf-8', base = BASE): SearchEntry[] => findSearchEntries(doc(body), base, charset).map((e) => e.entry);
const one = (body: string, charset?: string): SearchEntry => {
  const found = entries(body, charset);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('findSearchEntries: forms', () => {
  it('a TRS/海云 GET form: absolute action, the searchword field, the hidden channelid, the document charset', () => {
    expect(
      one(`<form action="/was5/web/search" method="get" onsubmit="return checkForm();"><input type="hidden" name="channelid" value="246790">
<input type="text" name="searchword" placeholder="请输入关键字"><input type="submit" value="搜索"></form>`),
    ).toEqual({
      kind: 'form',
      action: 'https://www.lincang.gov.cn/was5/web/search',
      method: 'get',
      field: 'searchword',
      fields: [['channelid', '246790']],
      charset: 'utf-8',
    });
  });

  it('a 大汉 form: q is the field, its prompt value is not sent as another field, the hidden webid/pg are', () => {
    const e =
      one(`<form name="searchform" action="jsearch/search.do" target="_blank"><input type="hidden" name="webid" value="1"><input type="hidden" name="pg" value="12">
<input name="q" id="q" value="请输入关键字"><input type="image" name="go" src="/images/search.png"></form>`);
    expect(e).toMatchObject({ kind: 'form', action: 'https://www.lincang.gov.cn/jsearch/search.do', method: 'get', field: 'q' });
    expect(e.fields).toEqual([
      ['webid', '1'],
      ['pg', '12'],
    ]);
  });

  it('a POST form (method in any case) to a search host', () => {
    const e = one(
      `<form action="https://so.lincang.gov.cn/cms-search/intelligentSearch" method="POST"><input type="hidden" name="siteCode" value="5309000044"><input name="keywords"><button>搜索</button></form>`,
    );
    expect(e).toMatchObject({
      kind: 'form',
      method: 'post',
      action: 'https://so.lincang.gov.cn/cms-search/intelligentSearch',
      field: 'keywords',
      fields: [['siteCode', '5309000044']],
    });
  });

  it('an unknown method is a GET; a form without action submits to the page itself', () => {
    const e = one('<form method="dialog"><input name="keyword"><button>搜索</button></form>');
    expect(e).toMatchObject({ method: 'get', action: BASE });
  });

  it('fields as a browser sends them: chosen options, checked boxes and radios only, no buttons, no disabled fields', () => {
    const e = one(`<form action="/search/index.html">
<select name="channel"><option value="all">全部</option><option value="xw" selected>新闻</option></select>
<select name="sort"><option value="time">按时间</option><option value="score">按相关度</option></select>
<select name="range"><option>全文</option></select>
<input type="radio" name="scope" value="title"><input type="radio" name="scope" value="fulltext" checked>
<input type="checkbox" name="exact" checked><input type="checkbox" name="sub" value="1">
<input type="hidden" name="siteid" value="12"><input type="hidden" name="off" value="x" disabled><input type="hidden" value="unnamed">
<input type="text" name="keyword" placeholder="请输入关键词"><input type="submit" name="go" value="搜索"><input type="reset" name="r"><button name="b">搜</button>
</form>`);
    expect(e.field).toBe('keyword');
    expect(e.fields).toEqual([
      ['channel', 'xw'],
      ['sort', 'time'],
      ['range', '全文'],
      ['scope', 'fulltext'],
      ['exact', 'on'],
      ['siteid', '12'],
    ]);
  });

  it('of two text inputs, the one that says search is the field; the other is sent as it stands', () => {
    const e = one(
      '<form action="/s"><input type="text" name="year" value="2026"><input type="search" name="wd" placeholder="搜索"><button>搜索</button></form>',
    );
    expect(e).toMatchObject({ field: 'wd', fields: [['year', '2026']] });
  });

  it('a field without a known name is found by its placeholder, and a form only named search takes its first text input', () => {
    expect(one('<form action="/cms/query.do"><input name="txt" placeholder="请输入检索内容"><button>查询</button></form>').field).toBe('txt');
    expect(one('<form action="/was5/web/search"><input name="t1"><input type="image" src="/go.gif"></form>').field).toBe('t1');
  });

  it('accept-charset wins over the document charset (first label, lower-cased)', () => {
    expect(one('<form action="/s" accept-charset="GB2312"><input name="q"><button>搜索</button></form>').charset).toBe('gb2312');
    expect(one('<form action="/s" accept-charset="GBK UTF-8"><input name="q"><button>搜索</button></form>').charset).toBe('gbk');
    expect(one('<form action="/s" accept-charset="utf-8"><input name="q"><button>搜索</button></form>', 'gbk').charset).toBe('utf-8');
  });

  it('a GBK document passes its charset to its forms (findSearchEntries and buildTextModel)', () => {
    expect(one('<form action="/was5/web/search"><input name="searchword"></form>', 'gbk').charset).toBe('gbk');
    const { model } = buildTextModel(doc('<form action="/was5/web/search"><input name="searchword"><button>搜索</button></form>', '<meta charset="gb2312">'), {
      url: BASE,
      charset: 'GBK',
    });
    expect(model.charset).toBe('gbk');
    expect(model.searches?.[0]).toMatchObject({ kind: 'form', field: 'searchword', charset: 'gbk' });
  });

  it('forms whose script builds the URL are script entries: javascript: action, onsubmit ending in return false, an unnamed box', () => {
    const script = { kind: 'script', action: '', method: 'get' };
    expect(one('<form action="javascript:void(0)"><input name="q"><button>搜索</button></form>')).toEqual(script);
    expect(one('<form action="/s" onsubmit="doSearch(this); return false;"><input name="q"><button>搜索</button></form>')).toEqual(script);
    expect(one('<form action="/search/index.html"><input id="kw" placeholder="请输入关键词"><button>搜索</button></form>')).toEqual(script);
  });
});

describe('findSearchEntries: forms that are no search', () => {
  it.each([
    ['a login form', '<form action="/login.do" method="post"><input name="username"><input type="password" name="pwd"><button>登录</button></form>'],
    [
      'a 留言 form with a textarea',
      '<form action="/hdjl/save.do" method="post"><input name="title" placeholder="标题"><textarea name="content"></textarea><button>提交</button></form>',
    ],
    ['an upload form', '<form action="/upload.do" method="post"><input name="name"><input type="file" name="f"><button>上传</button></form>'],
    ['a 办件查询 form', '<form action="/bsfw/bjcx/query.do"><input name="sblsh" placeholder="请输入办件编号"><button>查询</button></form>'],
    [
      'a registration form with many text fields',
      '<form action="/register.do"><input name="name"><input name="phone"><input name="keyword" placeholder="关键字"><button>注册</button></form>',
    ],
    [
      'a 友情链接 jump menu (a select, no text input)',
      '<form name="links"><select onchange="window.open(this.value)"><option>市级部门网站</option><option value="http://fgw.lincang.gov.cn">市发展改革委</option></select></form>',
    ],
    ['a subscription form (an email field)', '<form action="/subscribe.do"><input type="email" name="mail"><button>订阅</button></form>'],
    [
      'a 满意度 vote form',
      '<form action="/vote.do"><input type="radio" name="v" value="1">满意<input type="radio" name="v" value="2">不满意<button>投票</button></form>',
    ],
  ])('%s', (_name, body) => {
    expect(entries(body)).toEqual([]);
  });
});

describe('findSearchEntries: boxes and links', () => {
  it('a 开普云 box outside a form: by its field name, or by a search block around a plain input', () => {
    expect(entries('<div class="m-search"><input type="text" id="keyword"><a href="javascript:;" onclick="go()">搜索</a></div>')).toEqual([
      { kind: 'script', action: '', method: 'get' },
    ]);
    expect(entries('<div id="sousuo"><div class="box"><input type="text" class="ipt"></div><span onclick="go()">搜索</span></div>')).toEqual([
      { kind: 'script', action: '', method: 'get' },
    ]);
  });

  it('an input outside a form that says nothing of search is no entry', () => {
    expect(entries('<div class="login"><input type="text" name="user"><input type="checkbox" name="keep"></div>')).toEqual([]);
  });

  it('links naming the search or pointing at a search service', () => {
    expect(
      entries(`<a href="/search/">站内搜索</a><a href="https://so.lincang.gov.cn/">全 文 检 索</a><a href="/jsearch/index.jsp"><img src="/s.png" alt="高级搜索"></a>
<a href="/sousuo/"></a><a href="/was5/web/search?channelid=1">搜索</a>`),
    ).toEqual([
      { kind: 'link', action: 'https://www.lincang.gov.cn/search/', method: 'get' },
      { kind: 'link', action: 'https://so.lincang.gov.cn/', method: 'get' },
      { kind: 'link', action: 'https://www.lincang.gov.cn/jsearch/index.jsp', method: 'get' },
      { kind: 'link', action: 'https://www.lincang.gov.cn/sousuo/', method: 'get' },
      { kind: 'link', action: 'https://www.lincang.gov.cn/was5/web/search?channelid=1', method: 'get' },
    ]);
  });

  it('links that are no search entry: script links, fragments, a search path with other words, news about search', () => {
    expect(
      entries(`<a href="javascript:openSearch()">站内搜索</a><a href="#search">搜索</a><a href="mailto:a@b.cn">搜索</a>
<a href="/search/more.html">更多</a><a href="/xwzx/1.html">全市开展搜索救援演练</a>`),
    ).toEqual([]);
  });

  it('order: forms first, then boxes, then links', () => {
    const found = entries(
      `<a href="/search/">站内搜索</a><div class="search"><input id="kw"></div><form action="/s"><input name="q"><button>搜索</button></form>`,
    );
    expect(found.map((e) => e.kind)).toEqual(['form', 'script', 'link']);
  });
});

describe('search entries in the text model: ranges on the visible text', () => {
  const modelOf = (body: string) => buildTextModel(doc(body), { url: BASE }).model;
  const textOf = (body: string) => {
    const m = modelOf(body);
    return (m.searches ?? []).map((e) => (e.start === undefined ? undefined : m.text.slice(e.start, e.end)));
  };

  it('a form’s range is its visible text, trimmed', () => {
    expect(textOf('<p>导航</p><form action="/s"><label> 站内搜索： </label><input name="q"><button> 搜索 </button></form><p>正文</p>')).toEqual([
      '站内搜索：  搜索',
    ]);
  });

  it('a link’s range is its text; a box’s is its block’s text', () => {
    expect(textOf('<div class="search"><input id="kw"><button type="button">搜 索</button></div><p>要闻</p><a href="/search/">全文检索</a>')).toEqual([
      '搜 索',
      '全文检索',
    ]);
  });

  it('an entry with no visible text (an image or submit input) has no range', () => {
    const m = modelOf('<p>首页</p><form action="/was5/web/search"><input name="searchword"><input type="image" src="/go.png" alt="搜索"></form>');
    expect(m.searches).toHaveLength(1);
    expect(m.searches?.[0].start).toBeUndefined();
    expect(m.searches?.[0].end).toBeUndefined();
  });

  it('a page without a search has no searches; the document charset is kept', () => {
    const m = modelOf('<p>首页</p><form action="/login.do"><input name="u"><input type="password" name="p"></form>');
    expect(m.searches).toBeUndefined();
    expect(m.charset).toBe('utf-8');
  });
});
