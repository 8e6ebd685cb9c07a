import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { buildTextModel } from '../../lib/text-model/build';
import { findBreadcrumb, isArticlePage, isHomePage, titleColumnName } from '../../lib/text-model/page-kind';
import type { ListInfo, TextModel } from '../../lib/engine/types';

const build = (body: string, { title = '云岭县人民政府', url = 'https://www.yl.gov.cn/zwgk/tzgg/index.html' } = {}) =>
  buildTextModel(parseHTML(`<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`).document, { url, readability: false }).model;

/** A list as the tests read it: the name, and per item its title and date with the date's text. */
function summary(model: TextModel, list: ListInfo) {
  return {
    name: list.name,
    nameSource: list.nameSource,
    nameText: list.nameStart === undefined ? undefined : model.text.slice(list.nameStart, list.nameEnd),
    inFooter: list.inFooter,
    items: list.items.map((i) => [i.text, i.date?.date, i.date ? model.text.slice(i.date.start, i.date.end) : undefined]),
  };
}
const lists = (model: TextModel) => (model.lists ?? []).map((l) => summary(model, l));

describe('list detection', () => {
  it('ul > li with the date in a span, captioned by the h2 of its box (更多 stripped)', () => {
    const model = build(`<div class="box"><h2><span>通知公告</span><a class="more" href="/tzgg/">更多&gt;&gt;</a></h2>
      <ul><li><a href="/a.html">关于开展冬季森林防火宣传月活动的通知</a><span class="date">2026-11-12</span></li>
      <li><a href="/b.html">临时救助对象公示</a><span class="date">2026-10-15</span></li></ul></div>`);
    expect(lists(model)).toEqual([
      {
        name: '通知公告',
        nameSource: 'caption',
        nameText: '通知公告',
        inFooter: false,
        items: [
          ['关于开展冬季森林防火宣传月活动的通知', '2026-11-12', '2026-11-12'],
          ['临时救助对象公示', '2026-10-15', '2026-10-15'],
        ],
      },
    ]);
    const [list] = model.lists!;
    const item = list.items[0];
    expect(item.href).toBe('https://www.yl.gov.cn/a.html');
    expect(model.text.slice(item.start, item.end)).toBe('关于开展冬季森林防火宣传月活动的通知2026-11-12');
    expect(model.text.slice(list.start, list.end)).toBe('关于开展冬季森林防火宣传月活动的通知2026-11-12\n临时救助对象公示2026-10-15');
  });

  it('table rows with the date in its own cell; the header row is no item; a title date is not the item date', () => {
    const model = build(`<table><caption>政策文件</caption>
      <tr><th>标题</th><th>发布日期</th></tr>
      <tr><td><a href="/1.html">关于2026年12月1日起实施新版办事指南的通知</a></td><td>2026-11-20</td></tr>
      <tr><td><a href="/2.html">云岭县优化营商环境若干措施</a></td><td>2026/10/09</td></tr></table>`);
    expect(lists(model)).toEqual([
      {
        name: '政策文件',
        nameSource: 'caption',
        nameText: '政策文件',
        inFooter: false,
        items: [
          ['关于2026年12月1日起实施新版办事指南的通知', '2026-11-20', '2026-11-20'],
          ['云岭县优化营商环境若干措施', '2026-10-09', '2026/10/09'],
        ],
      },
    ]);
  });

  it('repeated div siblings with a link each, captioned by .title; dates written 2026年5月20日', () => {
    const model = build(`<div class="wrap"><div class="title">政策文件</div><div class="list">
      <div class="item"><a href="/1.html">森林草原防灭火应急预案</a><p class="time">2026年5月20日</p></div>
      <div class="item"><a href="/2.html">城乡环境卫生管理办法</a><p class="time">2026年4月3日</p></div></div></div>`);
    expect(lists(model)).toEqual([
      expect.objectContaining({
        name: '政策文件',
        nameSource: 'caption',
        items: [
          ['森林草原防灭火应急预案', '2026-05-20', '2026年5月20日'],
          ['城乡环境卫生管理办法', '2026-04-03', '2026年4月3日'],
        ],
      }),
    ]);
  });

  it('year-less dates: [11-20] before the link, 11月2日 after it, a date the link text ends with', () => {
    const model = build(`<h3>部门动态</h3><ul>
      <li><span>[11-20]</span><a href="/1.html">县教育体育局开展校园安全检查</a></li>
      <li><a href="/2.html">县林草局召开防火工作会</a>（11月2日）</li>
      <li><a href="/3.html">县市场监管局开展检查 2026-10-28</a></li></ul>`);
    expect(lists(model)[0].items).toEqual([
      ['县教育体育局开展校园安全检查', '--11-20', '11-20'],
      ['县林草局召开防火工作会', '--11-02', '11月2日'],
      ['县市场监管局开展检查 2026-10-28', '2026-10-28', '2026-10-28'],
    ]);
  });

  it('the caption comes from the box of the list, never from the box before it', () => {
    const model = build(
      `<div class="blocks">
      <div class="block"><h2>要闻动态</h2><ul><li><a href="/1.html">要闻一</a><span>2026-11-20</span></li></ul></div>
      <div class="block"><ul><li><a href="/2.html">无标题区块</a><span>2026-11-19</span></li></ul></div>
      <div class="block"><div class="hd">通知公告<a href="/more">更多</a></div><ul><li><a href="/3.html">公告一</a><span>2026-11-18</span></li></ul></div></div>`,
      { title: '云岭县人民政府门户网站' },
    );
    expect(lists(model).map((l) => [l.name, l.nameSource])).toEqual([
      ['要闻动态', 'caption'],
      ['云岭县人民政府门户网站', 'title'],
      ['通知公告', 'caption'],
    ]);
  });

  it('falls back to the breadcrumb (its last name, without 正文), then to <title>', () => {
    const withCrumb = build(`<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/tzgg/">通知公告</a></div>
      <ul class="list"><li><a href="/1.html">公告一</a><span>2026-11-20</span></li></ul>`);
    expect(lists(withCrumb).at(-1)).toMatchObject({ name: '通知公告', nameSource: 'breadcrumb', nameText: '通知公告' });
    const withTitle = build(`<ul class="list"><li><a href="/1.html">公告一</a><span>2026-11-20</span></li></ul>`, { title: '工作动态_云岭县人民政府' });
    expect(lists(withTitle)[0]).toMatchObject({ name: '工作动态', nameSource: 'title', nameText: undefined });
  });

  it('a layout table around the page is no list: the innermost list wins', () => {
    const model = build(`<table class="layout"><tr><td>
      <table><tr><td class="tit">工作动态</td></tr>
        <tr><td><a href="/1.html">动态一</a></td><td>2026-11-20</td></tr>
        <tr><td><a href="/2.html">动态二</a></td><td>2026-11-18</td></tr></table>
      </td></tr></table>`);
    expect(lists(model)).toEqual([
      expect.objectContaining({
        name: '工作动态',
        items: [
          ['动态一', '2026-11-20', '2026-11-20'],
          ['动态二', '2026-11-18', '2026-11-18'],
        ],
      }),
    ]);
  });

  it('old sites wrap each item in its own one-row table: the rows around them are the items', () => {
    const row = (t: string, d: string) =>
      `<tr><td><table width="100%"><tr><td>· <a href="/${d}.html">${t}</a></td><td align="right">${d}</td></tr></table></td></tr>`;
    const model = build(`<table><tr><td class="lm">工作动态</td></tr>${row('动态一', '2026-11-20')}${row('动态二', '2026-11-18')}</table>`);
    expect(lists(model)).toEqual([
      expect.objectContaining({
        name: '工作动态',
        items: [
          ['动态一', '2026-11-20', '2026-11-20'],
          ['动态二', '2026-11-18', '2026-11-18'],
        ],
      }),
    ]);
  });

  it('footer lists are marked; widgets and copyright years are in no list', () => {
    const model = build(`<div class="top">今天是2026年11月22日 星期日</div>
      <h2>县政要闻</h2><ul><li><a href="/1.html">要闻一</a><span>2026-11-01</span></li></ul>
      <div class="footer"><ul><li><a href="https://www.gov.cn/">中国政府网</a></li><li><a href="https://www.yn.gov.cn/">云南省人民政府</a></li></ul>
      <p>© 2003-2026 云岭县人民政府 版权所有 更新日期：2026-11-22</p></div>`);
    expect(lists(model).map((l) => [l.name, l.inFooter, l.items.map((i) => i[1])])).toEqual([
      ['县政要闻', false, ['2026-11-01']],
      ['云岭县人民政府', true, [undefined, undefined]],
    ]);
  });

  it('a date in an item after 今天是 is a widget, not the item date', () => {
    const model = build(`<h2>动态</h2><ul><li><a href="/1.html">动态一</a>今天是2026年11月22日</li></ul>`);
    expect(lists(model)[0].items).toEqual([['动态一', undefined, undefined]]);
  });

  it('keeps empty list containers (blank columns) with their caption, but not submenus', () => {
    const model = build(`<div class="nav"><ul><li><a href="/">首页</a><ul class="sub"></ul></li></ul></div>
      <div class="block"><h2>应急管理<a href="/yjgl/">更多&gt;&gt;</a></h2><ul></ul></div>
      <div class="block"><div class="list-tit">人事信息</div><ul><li>暂无信息</li></ul></div>
      <article><h3>数据表</h3><table><tr><td>姓名</td><td>职务</td></tr><tr><td>张三</td><td>局长，负责县应急管理局全面工作，分管办公室、财务股和应急指挥中心</td></tr></table></article>`);
    expect(lists(model)).toEqual([
      expect.objectContaining({ name: '云岭县人民政府', nameSource: 'title', items: [['首页', undefined, undefined]] }),
      expect.objectContaining({ name: '应急管理', nameSource: 'caption', nameText: '应急管理', items: [] }),
      expect.objectContaining({ name: '人事信息', nameSource: 'caption', items: [] }),
    ]);
    const placeholder = model.lists![2];
    expect(model.text.slice(placeholder.start, placeholder.end)).toBe('暂无信息');
  });

  it('works on a page 20,000 levels deep', () => {
    const deep = `${'<div>'.repeat(20000)}<ul><li><a href="/1.html">动态一</a>2026-11-20</li></ul>${'</div>'.repeat(20000)}`;
    expect(lists(build(deep))[0].items).toEqual([['动态一', '2026-11-20', '2026-11-20']]);
  });
});

describe('page kind', () => {
  it.each([
    ['当前位置：首页 > 政务公开 > 通知公告', ['首页', '政务公开', '通知公告'], '通知公告', false],
    ['您现在的位置：首页 >> 新闻中心 >> 工作动态 >> 正文', ['首页', '新闻中心', '工作动态', '正文'], '工作动态', false],
    ['当前位置：首页', ['首页'], '首页', true],
    ['您的位置: 网站首页 » 政策解读', ['网站首页', '政策解读'], '政策解读', false],
    ['当前位置：\n首页 ＞ 人事信息', ['首页', '人事信息'], '人事信息', false],
  ])('breadcrumb %j', (text, segments, column, home) => {
    const crumb = findBreadcrumb(text)!;
    expect(crumb.segments.map((s) => s.text)).toEqual(segments);
    expect(crumb.column?.text).toBe(column);
    expect(text.slice(crumb.column!.start, crumb.column!.end)).toBe(column);
    expect(crumb.isHome).toBe(home);
  });

  it('ignores running text that mentions 当前位置', () => {
    expect(findBreadcrumb('当前位置：请在地图上点击您所在的小区，系统将自动显示最近的便民服务中心和办理时间，并给出到达的公交线路')).toBeUndefined();
  });

  it.each([
    ['通知公告_云岭县人民政府', '通知公告'],
    ['工作动态 - 云岭县人民政府', '工作动态'],
    ['政策解读｜云岭县', '政策解读'],
    ['云岭县人民政府门户网站', '云岭县人民政府门户网站'],
  ])('title %s → %s', (title, name) => {
    expect(titleColumnName(title)).toBe(name);
  });

  it.each([
    ['https://www.yl.gov.cn/', '', true],
    ['https://www.yl.gov.cn/index.html', '', true],
    ['https://www.yl.gov.cn/index.shtml', '', true],
    ['http://www.yl.gov.cn/default.aspx?lang=zh', '', true],
    ['https://www.yl.gov.cn/zwgk/index.html', '', false],
    ['https://www.yl.gov.cn/zwgk/tzgg/', '当前位置：首页 > 通知公告', false],
    ['file:///C:/saved/index.html', '当前位置：首页\n', true],
    ['file:///C:/saved/index.html', '', false],
  ])('%s %j: home %s', (url, text, home) => {
    expect(isHomePage({ url, text })).toBe(home);
  });

  it('an article page has a long main text that no list makes up; a list page does not', () => {
    const para = '为深入贯彻落实党中央、国务院关于政务公开工作的决策部署，进一步提升政府网站信息发布质量，现就有关事项通知如下。'.repeat(4);
    const doc = (body: string) => parseHTML(`<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`).document;
    const article = buildTextModel(doc(`<article><h1>关于加强政府网站管理的通知</h1><p>${para}</p><p>${para}</p></article>`), {
      url: 'https://www.yl.gov.cn/a/1.html',
    }).model;
    expect(isArticlePage(article)).toBe(true);
    const items = Array.from(
      { length: 30 },
      (_, i) =>
        `<li><a href="/${i}.html">云岭县召开第${i}次专题会议研究部署冬季安全生产和森林防火工作</a><span>2026-11-${String((i % 20) + 1).padStart(2, '0')}</span></li>`,
    ).join('');
    const listPage = buildTextModel(doc(`<div class="list"><ul>${items}</ul></div>`), { url: 'https://www.yl.gov.cn/a/' }).model;
    expect(isArticlePage(listPage)).toBe(false);
    expect(isArticlePage(buildTextModel(doc(`<p>短</p>`), { url: 'https://www.yl.gov.cn/a/' }).model)).toBe(false);
  });
});

describe('the demo home page', () => {
  it('finds its four captioned blocks with every date', () => {
    const html = readFileSync(join(__dirname, '..', '..', 'assets', 'demo-site', 'index.html'), 'utf8');
    const model = buildTextModel(parseHTML(html).document, { url: 'https://demo.example/index.html', readability: false }).model;
    const blocks = lists(model).filter((l) => l.nameSource === 'caption');
    expect(blocks.map((b) => [b.name, b.items.length, b.items[0][1]])).toEqual([
      ['要闻动态', 7, '2026-11-21'],
      ['通知公告', 6, '2026-11-20'],
      ['政策文件', 5, '2026-11-10'],
      ['政务服务', 4, '2026-11-22'],
    ]);
    expect(blocks.every((b) => b.items.every((i) => i[1] !== undefined))).toBe(true);
  });
});
