import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import check, { badPhoneNumbers, GUIDE_ELEMENTS } from '../../../lib/checks/service-guide';
import { buildTextModel } from '../../../lib/text-model/build';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import { type ExpectedFinding, ruleTester } from './rule-tester';
import type { TextModel } from '../../../lib/engine/types';

const URL_ = 'https://www.lincang.gov.cn/bszn/202611/t20261120_1.html';
const tester = ruleTester(check, { today: '2026-11-22' });

const FOOTER = `<div class="footer"><p>主办：临沧市人民政府办公室　网站标识码：5309000044</p><p>联系电话：0883-2122222　滇ICP备05000394号</p></div>`;
const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}_临沧市人民政府</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/bszn/">办事指南</a> <a href="/zwgk/">政务公开</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/bszn/">办事指南</a></div>${body}${FOOTER}</body></html>`;

type Fields = Array<[label: string, value: string]>;
/** Every element, some under synonyms (受理条件, 申请材料, 实施机关, 咨询电话, 办理程序 …). */
const COMPLETE: Fields = [
  ['事项名称', '建设工程消防验收'],
  ['设定依据', '《中华人民共和国消防法》第十三条'],
  ['受理条件', '建设工程竣工并经建设单位组织竣工验收合格'],
  ['申请材料', '1.消防验收申请表；2.工程竣工验收报告'],
  ['受理地点', '临沧市政务服务中心二楼住建窗口'],
  ['实施机关', '临沧市住房和城乡建设局'],
  ['收费依据及标准', '不收费'],
  ['受理时间', '周一至周五 9:00-12:00，14:30-17:30（法定节假日除外）'],
  ['咨询电话', '0883-2145678'],
  ['办理程序', '申请—受理—现场评定—决定—送达'],
];
const without = (f: Fields, ...labels: string[]) => f.filter(([l]) => !labels.includes(l));
const withValue = (f: Fields, label: string, value: string) => f.map(([l, v]) => [l, l === label ? value : v] as [string, string]);

/** TRS/海云: a table, th label cells followed by td value cells. */
const TRS = (f: Fields, title = '建设工程消防验收办事指南') =>
  page(
    title,
    `<div class="bszn"><h2>${title}</h2><table class="bszn-table"><tbody>${f.map(([l, v]) => `<tr><th>${l}</th><td>${v}</td></tr>`).join('')}</tbody></table></div>`,
  );
/** 大汉: dl/dt/dd, the label with a colon. */
const HANWEB = (f: Fields, title = '建设工程消防验收') =>
  page(
    `${title}_服务指南`,
    `<div class="guide"><div class="guide-title">${title}</div><dl>${f.map(([l, v]) => `<dt>${l}：</dt><dd>${v}</dd>`).join('')}</dl></div>`,
  );
/** 大汉 (older): div rows “标签：值” in one line. */
const HANWEB_ROWS = (f: Fields) =>
  page(
    '服务指南',
    `<div class="guide"><h1>服务指南</h1>${f.map(([l, v]) => `<div class="row"><span class="lbl">${l}：</span><span class="val">${v}</span></div>`).join('')}</div>`,
  );
/** 开普云: h3 headings with numbering, then paragraphs. */
const UCAP = (f: Fields) =>
  page(
    '建设工程消防验收办事指南',
    `<div class="article"><h1>建设工程消防验收办事指南</h1>${f.map(([l, v], i) => `<h3>${'一二三四五六七八九十'[i]}、${l}</h3><p>${v}</p>`).join('')}</div>`,
  );

function modelOf(html: string): TextModel {
  return buildTextModel(parseHTML(html).document, { url: URL_ }).model;
}
const on = (name: string, html: string) => ({ text: name, model: () => modelOf(html) });
const missing = (kind: string, element: string): ExpectedFinding => ({
  messageId: 'missing',
  kind,
  severity: 'deduct',
  text: '',
  start: undefined,
  message: `办事指南缺少要素：${element}`,
});
const empty = (kind: string, element: string): ExpectedFinding => ({
  ...missing(kind, element),
  messageId: 'empty',
  message: `办事指南要素内容为空：${element}`,
});
const phone = (text: string): ExpectedFinding => ({ messageId: 'phoneFormat', kind: 'phone-format', text, at: 'only', message: '联系电话格式错误' });

const ARTICLE = page(
  '关于优化营商环境的通知',
  `<div class="article"><h1>关于优化营商环境的通知</h1><p>各县（区）人民政府：为进一步优化营商环境，现将有关事项通知如下。</p><h3>一、申请条件</h3><p>符合条件的企业可以申请。</p><p>联系电话：0883-2122222</p></div>`,
);

describe('service-guide meta', () => {
  it('is a 服务不实用 deduction with the 10 elements of the indicators', () => {
    expect(check.meta).toMatchObject({ id: 'service-guide', category: 'service', defaultSeverity: 'deduct' });
    expect(GUIDE_ELEMENTS.map((e) => e.label)).toEqual([
      '事项名称',
      '设定依据',
      '申请条件',
      '办理材料',
      '办理地点',
      '办理机构',
      '收费标准',
      '办理时间',
      '联系电话',
      '办理流程',
    ]);
  });
});

tester.run({
  valid: [
    on('TRS/海云 table with every element under synonyms', TRS(COMPLETE)),
    on('大汉 dl/dt/dd with every element', HANWEB(COMPLETE)),
    on('大汉 div rows “标签：值” with every element', HANWEB_ROWS(COMPLETE)),
    on('开普云 h3 headings with every element', UCAP(COMPLETE)),
    on('the heading “××办事指南” gives the 事项名称', TRS(without(COMPLETE, '事项名称'))),
    on(
      'several numbers, a mobile, 12345 and a 400 number are valid phones',
      TRS(withValue(COMPLETE, '咨询电话', '0883-2145678、2145679；13908830001；12345；400-123-4567')),
    ),
    on('an article with a 申请条件 heading and a 联系电话 line is no guide', ARTICLE),
    on(
      'the 办事指南 column (a list of guides) is no guide',
      page(
        '办事指南',
        '<ul class="list"><li><a href="/bszn/1.html">建设工程消防验收办事指南</a></li><li><a href="/bszn/2.html">户口迁移办事指南</a></li></ul>',
      ),
    ),
    { text: '事项名称：建设工程消防验收\n申请条件：竣工验收合格\n办理材料：申请表\n联系电话：2145678（a plain-text file is never a guide）' },
  ],
  invalid: [
    {
      ...on('TRS/海云 missing 设定依据 and 办理流程', TRS(without(COMPLETE, '设定依据', '办理程序'))),
      errors: [missing('basis', '设定依据'), missing('process', '办理流程')],
    },
    {
      ...on(
        'TRS/海云 with an empty 收费 cell and a 监督投诉电话 only (not 联系电话)',
        TRS([...withValue(without(COMPLETE, '咨询电话'), '收费依据及标准', ''), ['监督投诉电话', '0883-2120000']]),
      ),
      errors: [empty('fee', '收费标准'), missing('phone', '联系电话')],
    },
    {
      ...on('大汉 dl missing four elements, 暂无 as a value', HANWEB(withValue(without(COMPLETE, '设定依据', '受理地点', '受理时间'), '实施机关', '暂无'))),
      errors: [missing('basis', '设定依据'), missing('place', '办理地点'), empty('agency', '办理机构'), missing('hours', '办理时间')],
    },
    {
      ...on('大汉 rows with a short 联系电话', HANWEB_ROWS(withValue(COMPLETE, '咨询电话', '0883-21456'))),
      errors: [phone('0883-21456')],
    },
    {
      ...on(
        '开普云 missing 事项名称 (the heading names no item) and with a landline without area code',
        UCAP(withValue(without(COMPLETE, '事项名称'), '咨询电话', '2145678')).replace(/建设工程消防验收办事指南/g, '办事指南'),
      ),
      errors: [phone('2145678'), missing('name', '事项名称')],
    },
    {
      ...on('开普云 missing 申请材料 and 实施机关', UCAP(without(COMPLETE, '申请材料', '实施机关'))),
      errors: [missing('materials', '办理材料'), missing('agency', '办理机构')],
    },
    {
      ...on('a page without a guide title but with several element labels is a guide', HANWEB_ROWS(without(COMPLETE, '受理条件')).replace(/服务指南/g, '详情')),
      errors: [missing('conditions', '申请条件')],
    },
  ],
});

describe('badPhoneNumbers', () => {
  it.each([
    ['0883-2122222', 0],
    ['（0883）2122222', 0],
    ['010-12345678', 0],
    ['0883-2122222转8001', 0],
    ['13908830001', 0],
    ['139-0883-0001', 0],
    ['12345', 0],
    ['12366', 0],
    ['800-810-1234', 0],
    ['0883-2122222（工作日 8:30-17:30）', 0],
    ['0883-212222', 1],
    ['2122222', 1],
    ['1290883000', 1],
    ['请到窗口咨询', 1],
  ])('%s → %i wrong', (value, n) => expect(badPhoneNumbers(value)).toHaveLength(n));

  it('a 联系方式 without a number is not wrong (it may give a window)', () => expect(badPhoneNumbers('请到窗口咨询', false)).toEqual([]));
});

describe('service-guide guards', () => {
  it('a plain-text model is never judged', () => {
    const text = COMPLETE.slice(0, 5)
      .map(([l, v]) => `${l}：${v}`)
      .join('\n');
    expect(tester.scan({ text: 'x', model: () => textModelFromPlainText(`建设工程消防验收办事指南\n${text}`, 'file:///a.txt') })).toEqual([]);
  });
});
