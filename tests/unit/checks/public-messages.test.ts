import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import check, { messageDate, monthsBefore } from '../../../lib/checks/public-messages';
import { buildTextModel } from '../../../lib/text-model/build';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import { type ExpectedFinding, ruleTester } from './rule-tester';
import type { TextModel } from '../../../lib/engine/types';

const URL_ = 'https://www.lincang.gov.cn/hdjl/lyxd/index.html';
const TODAY = '2026-11-22';
const tester = ruleTester(check, { today: TODAY });

const FOOTER = `<div class="footer"><p>主办：临沧市人民政府办公室　网站标识码：5309000044</p><p>联系电话：0883-2122222　滇ICP备05000394号</p></div>`;
const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}_临沧市人民政府</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/hdjl/">互动交流</a> <a href="/zwgk/">政务公开</a></div>${body}${FOOTER}</body></html>`;

interface Msg {
  title: string;
  asked?: string;
  replier?: string;
  replyTime?: string;
  reply?: string;
  status?: string;
}
const ANSWERED: Msg[] = [
  { title: '关于南汀河步道照明的建议', asked: '2026-11-02', replier: '临沧市住房和城乡建设局', replyTime: '2026-11-06', reply: '步道照明已纳入年度维修计划。' },
  {
    title: '咨询公积金提取所需材料',
    asked: '2026-10-20',
    replier: '临沧市住房公积金管理中心',
    replyTime: '2026-10-23',
    reply: '请携带身份证和银行卡到服务大厅办理。',
  },
  {
    title: '关于城区停车收费标准的咨询',
    asked: '2026-09-30',
    replier: '临沧市发展和改革委员会',
    replyTime: '2026-10-09',
    reply: '收费标准按临发改价格〔2024〕12号执行。',
  },
];
const set = (m: Msg[], i: number, over: Partial<Msg>) => m.map((x, k) => (k === i ? { ...x, ...over } : x));

/** TRS/海云: a list table with a header row; the title cell is the link to the message. */
const TRS = (ms: Msg[]) =>
  page(
    '咨询投诉',
    `<h2>咨询投诉</h2><table class="hdjl"><tr><th>标题</th><th>留言时间</th><th>答复单位</th><th>答复时间</th><th>状态</th></tr>${ms
      .map(
        (m, i) =>
          `<tr><td><a href="/hdjl/${i}.html">${m.title}</a></td><td>${m.asked ?? ''}</td><td>${m.replier ?? ''}</td><td>${m.replyTime ?? ''}</td><td>${m.status ?? (m.replyTime ? '已回复' : '未回复')}</td></tr>`,
      )
      .join('')}</table><div class="pager"><a href="?p=1">首页</a> <a href="?p=2">下一页</a> <a href="?p=9">尾页</a></div>`,
  );
/** 大汉: a detail page, label cell then value cell. */
const HANWEB = (m: Msg) =>
  page(
    '书记信箱',
    `<h2>书记信箱</h2><table class="xjxq">${[
      ['信件标题', m.title],
      ['来信时间', m.asked],
      ['来信内容', '反映的问题详见附件。'],
      ['回复单位', m.replier],
      ['回复时间', m.replyTime],
      ['回复内容', m.reply],
    ]
      .filter(([, v]) => v !== undefined)
      .map(([l, v]) => `<tr><td class="l">${l}</td><td>${v}</td></tr>`)
      .join('')}</table>`,
  );
/** 开普云: cards, the title a link to the message, then “标签：值” lines (an empty one prints the label alone). */
const UCAP = (ms: Msg[]) =>
  page(
    '网民留言',
    ms
      .map(
        (m) =>
          `<div class="card"><h4><a href="/hdjl/${encodeURIComponent(m.title)}.html">${m.title}</a></h4>${[
            ['留言时间', m.asked],
            ['答复单位', m.replier],
            ['答复时间', m.replyTime],
            ['答复内容', m.reply],
            ['办理状态', m.status],
          ]
            .filter(([, v]) => v !== undefined)
            .map(([l, v]) => `<p>${l}：${v}</p>`)
            .join('')}</div>`,
      )
      .join(''),
  );

function modelOf(html: string): TextModel {
  return buildTextModel(parseHTML(html).document, { url: URL_ }).model;
}
const on = (name: string, html: string) => ({ text: name, model: () => modelOf(html) });
const missing = (text: string, elements: string): ExpectedFinding => ({
  messageId: 'missing',
  kind: 'missing',
  severity: 'deduct',
  text,
  at: 'only',
  message: `留言缺少要素：${elements}`,
});
const unanswered = (text: string, asked: string, days: number): ExpectedFinding => ({
  messageId: 'unanswered',
  kind: 'unanswered',
  severity: 'veto',
  text,
  at: 'only',
  message: `留言超过 3 个月未答复（留言时间 ${asked}，已超过 ${days} 天未答复）`,
});
const stale = (newest: string): ExpectedFinding => ({ messageId: 'stale', kind: 'stale', severity: 'deduct', text: '', start: undefined, data: { newest } });
const undated: ExpectedFinding = { messageId: 'undated', kind: 'undated', severity: 'notice', text: '', start: undefined };

describe('public-messages meta', () => {
  it('is a 互动回应差 deduction', () => {
    expect(check.meta).toMatchObject({ id: 'public-messages', category: 'interaction', defaultSeverity: 'deduct' });
  });
});

tester.run({
  valid: [
    on('TRS/海云 list where every reply is present', TRS(ANSWERED)),
    on('大汉 detail page with every element', HANWEB(ANSWERED[0])),
    on('开普云 cards with every element', UCAP(ANSWERED)),
    on(
      'a message left 3 weeks ago and not yet answered is pending, not a finding',
      UCAP(set(ANSWERED, 0, { replier: undefined, replyTime: undefined, reply: undefined, status: '待回复' })),
    ),
    on('a list whose newest message is under 2 months old is not stale', TRS(ANSWERED.slice(2))),
    on(
      'an article that mentions 留言 and 回复 is no message page',
      page(
        '关于开展政务服务满意度调查的通知',
        '<div class="article"><h1>关于开展政务服务满意度调查的通知</h1><p>欢迎广大网民留言，我们将及时回复。</p><p>发布时间：2026-06-01</p></div>',
      ),
    ),
    { text: '留言时间：2026-01-01\n答复单位：\n答复内容：未回复（a plain-text file is never judged）' },
  ],
  invalid: [
    {
      ...on('TRS/海云 list with a row missing its 答复单位', TRS(set(ANSWERED, 1, { replier: undefined }))),
      errors: [missing('咨询公积金提取所需材料', '答复单位')],
    },
    {
      ...on('TRS/海云 list with a row unanswered since July', TRS(set(ANSWERED, 2, { asked: '2026-07-10', replier: undefined, replyTime: undefined }))),
      errors: [unanswered('关于城区停车收费标准的咨询', '2026-07-10', 135)],
    },
    {
      ...on('TRS/海云 list not updated in 2 months', TRS(ANSWERED.slice(2).map((m) => ({ ...m, asked: '2026-09-01', replyTime: '2026-09-05' })))),
      errors: [stale('2026-09-01')],
    },
    {
      ...on('大汉 detail page without 回复单位 and 回复时间', HANWEB({ ...ANSWERED[0], replier: undefined, replyTime: undefined, asked: '2026-11-10' })),
      errors: [missing('信件标题\n关于南汀河步道照明的建议', '答复时间、答复单位')],
    },
    {
      ...on('大汉 detail page unanswered since May (回复内容 暂无)', HANWEB({ title: '关于农村饮水的反映', asked: '2026年5月4日', reply: '暂无' })),
      errors: [unanswered('信件标题\n关于农村饮水的反映', '2026-05-04', 202)],
    },
    {
      ...on(
        '开普云 cards: one without 答复内容, one unanswered since August',
        UCAP([ANSWERED[0], { ...ANSWERED[1], reply: '' }, { title: '关于道路', asked: '2026-08-01', status: '处理中' }]),
      ),
      errors: [missing('留言时间：2026-10-20', '答复内容'), unanswered('留言时间：2026-08-01', '2026-08-01', 113)],
    },
    {
      ...on('开普云 cards whose 留言时间 cannot be read', UCAP(set(ANSWERED, 0, { asked: '近日' }))),
      errors: [undated],
    },
  ],
});

describe('public-messages helpers', () => {
  it.each([
    ['2026-08-01', '2026-08-01'],
    ['2026-08-01 10:20:33', '2026-08-01'],
    ['2026年8月1日', '2026-08-01'],
    ['[08-01]', '2026-08-01'],
    ['近日', undefined],
  ])('messageDate(%s) → %s', (value, date) => expect(messageDate(value, TODAY)).toBe(date));

  it('monthsBefore counts calendar months and clamps the day', () => {
    expect(monthsBefore('2026-11-22', 3)).toBe('2026-08-22');
    expect(monthsBefore('2026-05-31', 3)).toBe('2026-02-28');
    expect(monthsBefore('2026-02-10', 2)).toBe('2025-12-10');
  });

  it('a plain-text model is never judged', () => {
    const text = '网民留言\n留言时间：2026-01-01\n答复单位：\n答复时间：\n答复内容：未回复';
    expect(tester.scan({ text: 'x', model: () => textModelFromPlainText(text, 'file:///a.txt') })).toEqual([]);
  });
});
