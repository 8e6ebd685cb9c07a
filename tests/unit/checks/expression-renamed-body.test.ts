import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/expression-renamed-body';
import bodies from '../../../lib/data/rules/renamed-bodies.json';
import { buildTextModel } from '../../../lib/text-model/build';
import { ruleTester } from './rule-tester';

const tester = ruleTester(check, { segmenter: true });
const bare = ruleTester(check);
/** A linkedom page with a printed publish date: buildTextModel finds it. */
const page = (date: string, body: string) =>
  buildTextModel(parseHTML(`<!doctype html><html><body><p>发布时间：${date}</p><p>${body}</p></body></html>`).document, {
    url: 'https://www.example.gov.cn/a.html',
    readability: false,
  }).model;

describe('expression-renamed-body meta', () => {
  it('is an expression deduction with bilingual messages', () => {
    expect(check.meta).toMatchObject({ id: 'expression-renamed-body', category: 'expression', defaultSeverity: 'deduct' });
    expect(check.meta.messages.renamed['zh-CN']).toContain('{{current}}');
  });
});

tester.run({
  valid: [
    { name: '农业部门 is another word', text: '各级农业部门要加强指导' },
    { name: '国土资源部门 (部 + 门)', text: '国土资源部门' },
    { name: '文化部门, 环保部门', text: '文化部门、环保部门' },
    { name: '纪检监察部门', text: '纪检监察部门' },
    { name: "a company's 纪检监察部", text: '公司纪检监察部' },
    { name: '扶贫办法 is 扶贫/办法', text: '出台产业扶贫办法' },
    { name: '工商所得税 is 工商/所得税', text: '工商所得税' },
    { name: '个体工商户', text: '支持个体工商户发展' },
    { name: 'marked 原', text: '原农业部、原国土资源部' },
    { name: 'marked 原 before the place', text: '原县环保局局长' },
    { name: 'marked 时任', text: '时任县农业局局长' },
    { name: 'marked （现…）', text: '县农业局（现县农业农村局）' },
    { name: 'a sentence about the reform', text: '组建农业农村部，不再保留农业部' },
    { name: 'a foreign ministry', text: '美国农业部报告显示，日本农业部、俄罗斯农业部也' },
    { name: 'a foreign agency with a local name', text: '美国环保局' },
    { name: 'two countries’ ministries', text: '两国农业部签署协议' },
    { name: 'the current names', text: '自然资源部、生态环境部、农业农村部、文化和旅游部、国家卫生健康委员会、应急管理部、国家市场监督管理总局' },
    { name: 'current local names', text: '县农业农村局、市生态环境局、县市场监督管理局、县乡村振兴局' },
  ],
  // An old name: a deduction, the current name suggested.
  invalid: [
    { name: '农业部 as a word', text: '农业部办公厅印发通知', start: 0, old: '农业部', current: '农业农村部' },
    { name: '国土资源部', text: '国土资源部发布公告', start: 0, old: '国土资源部', current: '自然资源部' },
    { name: 'the state prefix', text: '中华人民共和国农业部', start: 7, old: '农业部', current: '农业农村部' },
    { name: 'a county bureau before its head’s title', text: '县农业局局长', start: 1, old: '农业局', current: '农业农村局' },
    { name: '环保局长', text: '县环保局长', start: 1, old: '环保局', current: '生态环境局' },
    { name: '扶贫办 (2021)', text: '县扶贫办主任', start: 1, old: '扶贫办', current: '乡村振兴局' },
    { name: 'the official short form', text: '国家卫生计生委印发', start: 0, old: '国家卫生计生委', current: '国家卫生健康委' },
    { name: 'a province-level 安监局', text: '省安监局', start: 1, old: '安监局', current: '应急管理厅' },
    { name: 'a city-level 安监局', text: '市安监局', start: 1, old: '安监局', current: '应急管理局' },
    { name: '中国银保监会 (2023)', text: '中国银保监会发布', start: 0, old: '中国银保监会', current: '国家金融监督管理总局' },
    { name: 'a provincial 银保监局 (2023)', text: '云南银保监局', start: 2, old: '银保监局', current: '金融监管局' },
    { name: 'a chain of renames, followed to today', text: '中国银监会', start: 0, old: '中国银监会', current: '国家金融监督管理总局' },
  ].map(({ name, text, start, old, current }) => ({
    name,
    text,
    errors: [{ severity: 'deduct' as const, messageId: 'renamed', start, end: start + old.length, text: old, suggestion: current }],
  })),
});

describe('expression-renamed-body on text', () => {
  it('invalid: names the current name in the message', () => {
    const [f] = tester.scan('农业部办公厅印发通知');
    expect(f.message).toBe('“农业部”为机构改革前的名称（2018年起已更名或撤并），现为“农业农村部”');
  });

  it('reports nothing without a segmenter (it cannot tell 农业部 from 农业部门)', () => {
    expect(bare.scan('农业部办公厅印发通知')).toEqual([]);
  });
});

describe('expression-renamed-body and the page date', () => {
  it('valid: a 2017 page naming 环境保护部 (publish date from 发布时间)', () => {
    const m = page('2017-05-02', '环境保护部召开新闻发布会');
    expect(m.publishDate?.date).toBe('2017-05-02');
    expect(tester.scan({ text: '环境保护部召开新闻发布会', model: () => m })).toEqual([]);
  });

  it('invalid: the same on a 2019 page', () => {
    const m = page('2019-05-02', '环境保护部召开新闻发布会');
    const at = m.text.indexOf('环境保护部');
    expect(tester.scan({ text: '环境保护部召开新闻发布会', model: () => m }).map((f) => [f.start, f.end, f.suggestion])).toEqual([[at, at + 5, '生态环境部']]);
  });

  it('local names: stale only after the local reforms (2019-03-31)', () => {
    expect(tester.scan({ text: '县环保局开展执法检查', date: '2018-12-01' })).toEqual([]);
    expect(tester.scan({ text: '县环保局开展执法检查', date: '2019-06-01' }).map((f) => f.suggestion)).toEqual(['生态环境局']);
  });

  it('the suggestion is the name current at the page date', () => {
    expect(tester.scan({ text: '中国银监会', date: '2020-06-01' }).map((f) => f.suggestion)).toEqual(['中国银保监会']);
    expect(tester.scan({ text: '中国银监会', date: '2018-01-01' })).toEqual([]);
    expect(tester.scan({ text: '中国银保监会', date: '2022-06-01' })).toEqual([]);
  });
});

describe('expression-renamed-body data', () => {
  const olds = new Set(bodies.entries.map((e) => e.old));

  it('has each old name once, and dates as YYYY-MM-DD', () => {
    expect(olds.size).toBe(bodies.entries.length);
    for (const e of bodies.entries) expect(e.renamed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('finds every old name standing alone and suggests a name that is current today', () => {
    for (const e of bodies.entries) {
      const found = tester.scan(`。${e.old}。`);
      expect(found.map((f) => f.text)).toEqual([e.old]);
      expect(olds.has(found[0].suggestion!)).toBe(false);
      if (!olds.has(e.new)) expect(found[0].suggestion).toBe(e.new);
    }
  });

  it('never reports a current name', () => {
    for (const e of bodies.entries) if (!olds.has(e.new)) expect(tester.scan(`。${e.new}。`)).toEqual([]);
  });
});

describe('expression-renamed-body on the correct official vocabulary', () => {
  const lines = readFileSync(join(__dirname, '../../../lib/data/correct-vocabulary/expressions.txt'), 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);

  it('reports nothing on any line of lib/data/correct-vocabulary/expressions.txt', () => {
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.flatMap((l) => tester.scan(l).map((f) => `${l} → ${f.text}`))).toEqual([]);
  });
});
