import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/stale-column';
import { buildTextModel } from '../../../lib/text-model/build';
import { ruleTester, type ValidCase } from './rule-tester';
import type { Finding, Severity } from '../../../lib/engine/types';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'columns');
const tester = ruleTester(check, { today: '2026-11-22' });

const modelOf = (body: string, url = 'https://www.yl.gov.cn/col/index.html') =>
  buildTextModel(parseHTML(`<!doctype html><html><head><title>云岭县人民政府</title></head><body>${body}</body></html>`).document, { url }).model;
/** A case on a page (its body) at `url`. */
const page = (body: string, url?: string) => ({ text: body, model: () => modelOf(body, url) });
/** Scans a case; every finding of this check is on a date, so it has a range. */
const scan = (c: ValidCase): Finding[] => {
  const findings = tester.scan(c);
  for (const f of findings) expect(f.start, f.text).toBeDefined();
  return findings;
};

/** A column page: breadcrumb, a captioned list of items dated as given. */
const columnPage = (name: string, dates: string[], caption = true) =>
  `<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/col/">${name}</a></div>` +
  (caption ? `<div class="title">${name}</div>` : '') +
  `<ul class="list">${dates.map((d, i) => `<li><a href="/col/t${i}.html">第${i + 1}条信息的标题</a><span class="date">${d}</span></li>`).join('')}</ul>`;

/** A home-page block. */
const block = (name: string, dates: string[]) =>
  `<div class="block"><div class="hd"><span>${name}</span><a class="more" href="/more">更多&gt;&gt;</a></div><ul>${dates
    .map((d, i) => `<li><a href="/${encodeURIComponent(name)}/t${i}.html">${name}第${i + 1}条</a><span>${d}</span></li>`)
    .join('')}</ul></div>`;

describe('stale-column meta', () => {
  it('is a stale check, veto by default, with bilingual messages', () => {
    expect(check.meta).toMatchObject({ id: 'stale-column', category: 'stale', defaultSeverity: 'veto' });
    expect(Object.keys(check.meta.messages)).toEqual(['columnNotUpdated', 'homeNotUpdated']);
  });
});

tester.run({
  valid: [
    { name: '动态 updated exactly 2 weeks ago', ...page(columnPage('工作动态', ['2026-11-08', '2026-11-01'])) },
    { name: '动态 updated yesterday, year left out', ...page(columnPage('乡镇动态', ['[11-21]', '[11-02]'])) },
    { name: '通知公告 updated 183 days ago', ...page(columnPage('通知公告', ['2026-05-23', '2026-01-10'])) },
    { name: '政策文件 written 2026年5月23日', ...page(columnPage('政策文件', ['2026年5月23日'])) },
    { name: '人事信息 updated 365 days ago', ...page(columnPage('人事信息', ['2025-11-22'])) },
    { name: '规划计划 updated 300 days ago', ...page(columnPage('规划计划', ['2026-01-26'])) },
    { name: 'a column whose name says nothing about its window', ...page(columnPage('专题专栏', ['2020-01-01'])) },
    { name: 'a future date (an event notice) is not stale', ...page(columnPage('工作动态', ['2026-12-01'])) },
    { name: 'a menu without dates', ...page('<ul class="menu"><li><a href="/a">工作动态</a></li><li><a href="/b">通知公告</a></li></ul>') },
    { name: 'a list with few dated items is a menu', ...page(columnPage('工作动态', ['2020-01-01', '', '', ''])) },
    {
      name: 'old dates in the footer',
      ...page(
        `${columnPage('工作动态', ['2026-11-20'])}<div class="footer"><h3>工作动态</h3><ul><li><a href="/x">旧信息</a><span>2019-01-01</span></li></ul></div>`,
      ),
    },
    { name: 'a 今天是 widget is no item date', ...page(`<div class="top">今天是2026年11月22日</div>${columnPage('工作动态', ['2026-11-15'])}`) },
  ],
  // A stale column: its newest date, on the last place it has on the page.
  invalid: (
    [
      {
        name: '动态 15 days old: 1 day over',
        body: columnPage('工作动态', ['2026-11-07', '2026-11-01']),
        text: '2026-11-07',
        data: { column: '工作动态', label: '动态要闻类', newest: '2026-11-07', days: 15, window: 14, over: 1 },
        severity: 'veto',
        kind: 'news',
      },
      {
        name: '要闻, year left out',
        body: columnPage('县政要闻', ['[10-30]', '[10-28]']),
        text: '10-30',
        data: { column: '县政要闻', newest: '2026-10-30', days: 23, over: 9 },
        severity: 'veto',
        kind: 'news',
      },
      {
        name: '通知公告 184 days old',
        body: columnPage('通知公告', ['2026-05-22', '2026-03-01']),
        text: '2026-05-22',
        data: { label: '通知公告类', days: 184, window: 183, over: 1 },
        severity: 'veto',
        kind: 'notice',
      },
      {
        name: '政策文件 from the breadcrumb only',
        body: columnPage('政策文件', ['2026.04.01'], false),
        text: '2026.04.01',
        data: { column: '政策文件', days: 235, over: 52 },
        severity: 'veto',
        kind: 'policy',
      },
      {
        name: '政策解读 is a deduction',
        body: columnPage('政策解读', ['2026-03-02']),
        text: '2026-03-02',
        data: { label: '政策解读类', days: 265, over: 82 },
        severity: 'deduct',
        kind: 'interpretation',
      },
      {
        name: '人事信息 366 days old',
        body: columnPage('人事信息', ['2025-11-21']),
        text: '2025-11-21',
        data: { label: '人事类', days: 366, window: 365, over: 1 },
        severity: 'deduct',
        kind: 'personnel',
      },
      {
        name: '任前公示 is 人事, not 公示',
        body: columnPage('干部任前公示', ['2025-06-01']),
        text: '2025-06-01',
        data: { label: '人事类' },
        severity: 'deduct',
        kind: 'personnel',
      },
      {
        name: '规划计划 over a year',
        body: columnPage('规划计划', ['2025-01-02']),
        text: '2025-01-02',
        data: { label: '规划计划类', days: 689, over: 324 },
        severity: 'deduct',
        kind: 'plan',
      },
      {
        name: 'the newest date wins, wherever it is in the list',
        body: columnPage('工作动态', ['2026-10-01', '2026-10-20', '2026-10-05']),
        text: '2026-10-20',
        data: { newest: '2026-10-20', days: 33 },
        severity: 'veto',
        kind: 'news',
      },
    ] as Array<{ name: string; body: string; text: string; data: Record<string, unknown>; severity: Severity; kind: string }>
  ).map(({ name, body, text, data, severity, kind }) => ({
    name,
    ...page(body),
    errors: [{ messageId: 'columnNotUpdated', text, severity, kind, data, at: 'last' as const }],
  })),
});

describe('stale-column on column pages', () => {
  it('invalid: words the message with the column, its newest date, its window and the days over', () => {
    const [f] = scan(page(columnPage('工作动态', ['2026-10-30'])));
    expect(f.message).toBe('栏目“工作动态”（动态要闻类）最新信息日期为 2026-10-30，已 23 天未更新，超过 14 天的更新时限 9 天');
  });

  it('invalid: across a new year, [12-20] read on 2027-01-06 is 2026-12-20 (17 days)', () => {
    const column = page(columnPage('工作动态', ['[12-20]', '[12-18]']));
    expect(scan({ ...column, today: '2027-01-03' })).toEqual([]);
    const [f] = scan({ ...column, today: '2027-01-06' });
    expect(f).toMatchObject({ text: '12-20', data: expect.objectContaining({ newest: '2026-12-20', days: 17, over: 3 }) });
  });

  it('valid: the sidebar list of an article page is not its column', () => {
    const para =
      '11月18日，县农业农村局组织技术人员深入凤鸣镇、青松乡等地开展小春生产技术指导服务，帮助群众解决播种、施肥、病虫害防治等方面的实际问题。'.repeat(3);
    const body = `<div class="position">当前位置：首页 &gt; 工作动态 &gt; 正文</div><article><h1>县农业农村局开展技术指导服务</h1><p>${para}</p><p>${para}</p></article>
      <div class="related"><h3>相关新闻</h3><ul><li><a href="/1">秋冬种推进会</a><span>2026-09-12</span></li><li><a href="/2">技术培训班</a><span>2026-09-03</span></li></ul></div>`;
    expect(scan(page(body, 'https://www.yl.gov.cn/col/t1.html'))).toEqual([]);
  });
});

describe('stale-column on the home page', () => {
  const home = (body: string) => page(body, 'https://www.yl.gov.cn/');

  it('valid: every block within its window', () => {
    expect(scan(home(block('要闻动态', ['[11-20]']) + block('通知公告', ['2026-07-02']) + block('人事信息', ['2026-01-10'])))).toEqual([]);
  });

  it('invalid: reports each stale block, on its newest date', () => {
    const model = home(
      block('要闻动态', ['2026-11-20']) +
        block('通知公告', ['2026-04-01', '2026-03-01']) +
        block('政策文件', ['2025-12-30']) +
        block('专题专栏', ['2019-01-01']),
    );
    const findings = scan(model);
    const text = model.model().text;
    expect(findings.map((f) => [f.messageId, f.data.column, f.text, f.start])).toEqual([
      ['columnNotUpdated', '通知公告', '2026-04-01', text.indexOf('2026-04-01')],
      ['columnNotUpdated', '政策文件', '2025-12-30', text.indexOf('2025-12-30')],
    ]);
  });

  it('invalid: nothing on the home page in 2 weeks is 首页不更新 (veto), on the newest date of all blocks', () => {
    const model = home(
      block('工作动态', ['2026-11-05', '2026-11-01']) +
        block('通知公告', ['2026-11-07']) +
        '<ul class="scroll"><li><a href="/x">滚动信息</a><span>2026-10-30</span></li></ul>',
    );
    const findings = scan(model);
    const text = model.model().text;
    expect(findings.map((f) => [f.messageId, f.severity, f.text, f.start])).toEqual([
      ['columnNotUpdated', 'veto', '2026-11-05', text.indexOf('2026-11-05')],
      ['homeNotUpdated', 'veto', '2026-11-07', text.indexOf('2026-11-07')],
    ]);
    expect(findings[1].message).toBe('首页最新信息日期为 2026-11-07，已 15 天无新信息，超过 14 天的更新时限 1 天');
    expect(findings[1].kind).toBe('home');
  });

  it('valid: a fresh uncaptioned list keeps the home page fresh', () => {
    expect(scan(home(`${block('通知公告', ['2026-11-01'])}<ul class="scroll"><li><a href="/x">滚动信息</a><span>2026-11-21</span></li></ul>`))).toEqual([]);
  });
});

describe('stale-column on fixture pages (tests/fixtures/columns)', () => {
  const load = (file: string) => {
    const url = file === 'home.html' ? 'https://www.yl.gov.cn/' : `https://www.yl.gov.cn/col/${file}`;
    return { text: file, model: () => buildTextModel(parseHTML(readFileSync(join(FIXTURES, file), 'utf8')).document, { url }).model };
  };
  it.each([
    ['dongtai-spans.html', [{ text: '2026-10-30', start: 115, column: '工作动态', over: 9, severity: 'veto' }]],
    ['tzgg-table.html', [{ text: '2026-05-08', start: 144, column: '通知公告', over: 15, severity: 'veto' }]],
    ['home.html', [{ text: '2026-03-02', start: 351, column: '政策解读', over: 82, severity: 'deduct' }]],
    ['short-dates.html', [{ text: '11-02', start: 113, column: '部门动态', over: 6, severity: 'veto' }]],
    ['div-list.html', [{ text: '2026年05月20日', start: 98, column: '政策文件', over: 3, severity: 'veto' }]],
    ['widget-footer.html', [{ text: '2026-11-01', start: 110, column: '县政要闻', over: 7, severity: 'veto' }]],
    ['blank-zanwu.html', []],
    ['building.html', []],
    ['empty-column.html', []],
    ['article-dated.html', []],
    ['article-undated.html', []],
  ])('%s', (file, expected) => {
    const findings = scan(load(file));
    expect(findings.map((f) => ({ text: f.text, start: f.start, column: f.data.column, over: f.data.over, severity: f.severity }))).toEqual(expected);
    for (const f of findings) expect(f.end).toBe(f.start! + f.text.length);
  });
});
