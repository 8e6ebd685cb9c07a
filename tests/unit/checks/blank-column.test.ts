import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/blank-column';
import { buildTextModel } from '../../../lib/text-model/build';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import { ruleTester } from './rule-tester';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'columns');
const tester = ruleTester(check, { today: '2026-11-22' });

const modelOf = (body: string, url = 'https://www.yl.gov.cn/zwgk/rsxx/index.html') =>
  buildTextModel(parseHTML(`<!doctype html><html><head><title>人事信息_云岭县人民政府</title></head><body>${body}</body></html>`).document, { url }).model;
/** A case on a page (its body) at `url`. */
const page = (body: string, url?: string) => ({ text: body, model: () => modelOf(body, url) });

const crumb = (name: string) => `<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/c/">${name}</a></div>`;
const items = (n: number) =>
  `<ul class="list">${Array.from({ length: n }, (_, i) => `<li><a href="/t${i}.html">第${i + 1}条信息</a><span>2026-11-${String(i + 10)}</span></li>`).join('')}</ul>`;
const block = (name: string, inner: string) =>
  `<div class="block"><div class="hd"><span>${name}</span><a class="more" href="/more">更多&gt;&gt;</a></div>${inner}</div>`;

describe('blank-column meta', () => {
  it('is a blank deduction with bilingual messages', () => {
    expect(check.meta).toMatchObject({ id: 'blank-column', category: 'blank', defaultSeverity: 'deduct' });
    expect(Object.keys(check.meta.messages)).toEqual(['placeholder', 'emptyBlock', 'emptyColumn']);
  });
});

tester.run({
  valid: [
    { name: 'a column page with items', ...page(crumb('人事信息') + items(3)) },
    {
      name: '暂无 inside running text',
      ...page(`${crumb('政策解读')}${items(2)}<p>经查，目前暂无数据表明该项目存在违规情况，县发展改革局将继续跟踪项目建设进展并及时公开。</p>`),
    },
    {
      name: 'a placeholder inside a link title',
      ...page(`${crumb('通知公告')}<ul><li><a href="/1">关于“暂无信息”页面整改的通知</a><span>2026-11-20</span></li></ul>`),
    },
    { name: 'a placeholder in the footer', ...page(`${crumb('工作动态')}${items(2)}<div class="footer">部分栏目正在建设中</div>`) },
    {
      name: 'a submenu left empty',
      ...page(`<div class="nav"><ul><li><a href="/">首页</a><ul class="sub"></ul></li></ul></div>${crumb('工作动态')}${items(2)}`),
    },
    {
      name: 'a data table in an article',
      ...page(
        `${crumb('通知公告')}<h3>附表</h3><table><tr><td>姓名</td><td>职务</td></tr><tr><td>张三</td><td>县应急管理局局长，负责全面工作，分管办公室和应急指挥中心</td></tr></table>`,
      ),
    },
    { name: 'a pager counting nothing on a page with items', ...page(`${crumb('工作动态')}${items(2)}<div class="page">共0页</div>`) },
  ],
  // Every finding is a deduction on the last place its text has on the page, naming its column.
  invalid: (
    [
      {
        name: '暂无信息 in an empty list under a caption',
        body: `${crumb('人事信息')}<div class="list-tit">人事信息</div><ul><li>暂无信息</li></ul>`,
        found: [{ messageId: 'placeholder', text: '暂无信息', column: '人事信息', message: '空白栏目“人事信息”：页面显示“暂无信息”' }],
      },
      {
        name: '暂无数据 in a table cell',
        body: `${crumb('规划计划')}<table><tr><th>标题</th><th>日期</th></tr><tr><td colspan="2">暂无数据</td></tr></table>`,
        found: [{ messageId: 'placeholder', text: '暂无数据', column: '规划计划' }],
      },
      {
        name: 'the whole short line is the flagged text',
        body: `${crumb('便民服务')}<div class="content"><p>本栏目正在建设中，敬请期待！</p></div>`,
        found: [{ messageId: 'placeholder', text: '本栏目正在建设中，敬请期待！', column: '便民服务' }],
      },
      {
        name: '内容更新中 with the column from <title> when there is no breadcrumb',
        body: '<div class="main"><p>内容更新中……</p></div>',
        found: [{ messageId: 'placeholder', text: '内容更新中……', column: '人事信息' }],
      },
      {
        name: 'an empty captioned list: the caption is flagged',
        body: `${crumb('政务公开')}${block('应急管理', '<ul></ul>')}`,
        found: [{ messageId: 'emptyBlock', text: '应急管理', column: '应急管理', message: '空白栏目“应急管理”：栏目下没有任何信息' }],
      },
      {
        name: 'a column page with an empty list and 共0条: the breadcrumb name is flagged',
        body: `${crumb('规划计划')}<div class="list-box"><ul class="list"></ul><div class="page">共0条记录 当前第1/0页</div></div>`,
        found: [{ messageId: 'emptyColumn', text: '规划计划', column: '规划计划', message: '空白栏目“规划计划”：栏目页没有任何信息' }],
      },
      {
        name: 'a column page whose pager counts 0 (no list element at all)',
        body: `${crumb('人事信息')}<div class="list-box"></div><div class="page">共 0 条 首页 上一页 下一页 尾页</div>`,
        found: [{ messageId: 'emptyColumn', text: '人事信息', column: '人事信息' }],
      },
    ] as Array<{ name: string; body: string; found: Array<{ messageId: string; text: string; column: string; message?: string }> }>
  ).map(({ name, body, found }) => ({
    name,
    ...page(body),
    errors: found.map(({ messageId, text, column, message }) => ({
      severity: 'deduct' as const,
      messageId,
      text,
      data: { column },
      at: 'last' as const,
      ...(message ? { message } : {}),
    })),
  })),
});

describe('blank-column', () => {
  it('invalid: on the home page, one finding per blank block, named by its caption', () => {
    const model = modelOf(
      block('要闻动态', items(2)) +
        block('应急管理', '<ul></ul>') +
        block('互动交流', '<div class="bd">暂无信息</div>') +
        block('人事信息', '<ul><li>暂无内容</li></ul>'),
      'https://www.yl.gov.cn/',
    );
    const findings = tester.scan({ text: 'the home page', model: () => model });
    expect(findings.map((f) => [f.messageId, f.data.column, f.text, f.start])).toEqual([
      ['emptyBlock', '应急管理', '应急管理', model.text.indexOf('应急管理')],
      ['placeholder', '互动交流', '暂无信息', model.text.indexOf('暂无信息')],
      ['placeholder', '人事信息', '暂无内容', model.text.indexOf('暂无内容')],
    ]);
  });

  it('valid: a plain-text file is no column page', () => {
    expect(tester.scan({ text: '人事信息\n暂无信息\n', model: () => textModelFromPlainText('人事信息\n暂无信息\n', 'file:///notes.txt') })).toEqual([]);
  });

  it('valid: no page-level finding on the home page or an article', () => {
    expect(tester.scan(page(`${block('要闻动态', items(2))}<div class="page">共0条</div>`, 'https://www.yl.gov.cn/'))).toEqual([]);
    const para = '县农业农村局组织技术人员深入凤鸣镇、青松乡等地，开展小春生产技术指导服务，帮助群众解决播种、施肥、病虫害防治等方面的实际问题。'.repeat(3);
    expect(tester.scan(page(`${crumb('工作动态')}<article><h1>标题</h1><p>${para}</p><p>${para}</p><ul></ul></article>`))).toEqual([]);
  });
});

describe('blank-column on fixture pages (tests/fixtures/columns)', () => {
  it.each([
    ['blank-zanwu.html', [{ messageId: 'placeholder', text: '暂无信息', start: 99, column: '人事信息' }]],
    ['building.html', [{ messageId: 'placeholder', text: '本栏目正在建设中，敬请期待！', start: 64, column: '便民服务' }]],
    ['empty-column.html', [{ messageId: 'emptyColumn', text: '规划计划', start: 59, column: '规划计划' }]],
    ['home.html', [{ messageId: 'emptyBlock', text: '应急管理', start: 490, column: '应急管理' }]],
    ['dongtai-spans.html', []],
    ['tzgg-table.html', []],
    ['short-dates.html', []],
    ['div-list.html', []],
    ['widget-footer.html', []],
    ['article-dated.html', []],
    ['article-undated.html', []],
  ])('%s', (file, expected) => {
    const url = file === 'home.html' ? 'https://www.yl.gov.cn/' : `https://www.yl.gov.cn/col/${file}`;
    const model = buildTextModel(parseHTML(readFileSync(join(FIXTURES, file), 'utf8')).document, { url }).model;
    const findings = tester.scan({ text: file, model: () => model });
    expect(findings.map((f) => ({ messageId: f.messageId, text: f.text, start: f.start, column: f.data.column }))).toEqual(expected);
  });
});
