import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/typo-punctuation';
import punctuation from '../../../lib/data/rules/punctuation.json';
import { buildTextModel } from '../../../lib/text-model/build';
import { ruleTester } from './rule-tester';

const tester = ruleTester(check, { today: '2026-12-05' });
/** A case on a page built from HTML (its body). */
const htmlCase = (body: string) => ({
  text: body,
  model: () =>
    buildTextModel(parseHTML(`<!doctype html><html><body>${body}</body></html>`).document, { url: 'https://www.example.gov.cn/', readability: false }).model,
});

describe('typo-punctuation meta', () => {
  it('is a typo notice naming 标点 under 内容准确性', () => {
    expect(check.meta).toMatchObject({ id: 'typo-punctuation', category: 'typo', defaultSeverity: 'notice' });
    expect(check.meta.indicator['zh-CN']).toMatch(/^内容准确性.*标点/);
  });

  it('cites GB/T 15834 (or 15835 for numbers) in every rule of its data', () => {
    for (const e of punctuation.entries) if ('rule' in e) expect(e.rule).toMatch(/GB\/T (15834|15835|1\.1)-20\d\d \d/);
  });
});

interface Expected {
  start: number;
  text: string;
  messageId: string;
  suggestion?: string;
}

// Each case is named by the rule of GB/T 15834-2011 (or 15835, GB/T 1.1) it respects or breaks; every message
// cites its clause, and a finding without a certain suggestion has none.
tester.run({
  valid: [
    // named '<rule it respects>: <case>'
    { name: '15834 4.8.2: balanced quotation marks, nested ‘’ inside “”', text: '他强调：“要深刻领会‘两个确立’的决定性意义。”' },
    {
      name: '15834 4.9.3.1: bracketed ordinals with no mark after them; a formula’s number before a full stop',
      text: '（一）加强组织领导。(2)强化落实。见公式(1).',
    },
    {
      name: '15834 4.4: a series of counts, a count that opens a clause, a count after 其中',
      text: '辖170组，16个村，6950户，25596人。其中，3人获一等奖。全年共受理来信，其中，12件。',
    },
    {
      name: '15834 4.8.3.5: a quotation over three paragraphs: each opens with “, only the last closes',
      text: '他指出：“第一段。\n“第二段。\n\n“第三段。”\n此后正文。',
    },
    { name: 'GB/T 1.1 列项: list numbering 1）2） after a colon and a semicolon', text: '主要职责：1）宣传党的路线方针政策；2）组织开展群众文化活动。' },
    { name: 'GB/T 1.1 列项: list numbering a) b) 一） at line starts', text: 'a）制定规划；\nb)组织实施；\n一）总体要求。' },
    { name: '15834 4.9.2: a pair of mixed widths （…) is balanced (width is not balance)', text: '附件（2024年版)已印发。' },
    { name: '15834 4.15.2: a title the page cut with …', text: '关于印发《××县2024年度重点工作任务…\n通知公告。' },
    { name: '15834 4.15.2: a title the page cut with ...', text: '关于印发《××县2024年度重点工作任务...\n通知公告。' },
    { name: '15834 4.15.2: the last line of the text ends mid-sentence (the text was cut)', text: '第一段。\n关于印发《××县2024年度' },
    { name: '15834 4.9.2: a pair broken by the layout (<sub> shown as a block)', text: '细颗粒物（PM\n2.5\n）平均浓度下降。' },
    { name: '15834 4.15.2: a link shown as a block inside a title', text: '根据《\n中华人民共和国著作权法\n》第五条。' },
    {
      name: '15834 4.15.2: a long title hard-wrapped with <br> mid-sentence',
      text: '根据《中共中央办公厅国务院办公厅关于\n进一步加强和改进新形势下政府网站建设与管理\n工作的若干意见》要求，现通知如下。',
    },
    { name: '15834 4.8.2: apostrophes and minutes are no quotation marks', text: 'Xi’an；中国’99昆明世界园艺博览会；东经102°42’18”。' },
    {
      name: '15834 4.15.2: title marks as navigation arrows and breadcrumb separators',
      text: '更多》\n《上一页 下一页》\n首页》政务公开》通知公告\n当前位置：首页 》 新闻中心',
    },
    { name: '15834 4.8.2: a mark alone on its line (decorative, or ” for 同上 in a table)', text: '“\n要把人民放在心中最高位置。\n”\n\n项目\n”' },
    { name: '15834 4.15.3.5: a title inside a title in single title marks', text: '《关于印发〈沧源县全面消除麻风危害规划〉的通知》' },
    { name: '15834 4.15.2: 《《X》》 is a doubled mark, not a title inside a title', text: '学习《《宪法》》。' },
    { name: '15834 4.2.3.3, 4.3.3.3: up to three ？ or ！, and ？！', text: '这难道还不够吗？？？我们一定能赢！！！怎么能这样？！' },
    { name: '15834 4.11.2, 4.10: ellipsis and dash are doubled by form', text: '如此等等……——这就是答案。' },
    {
      name: '15834 4.4.2: ASCII marks in numbers, times, URLs and English text',
      text: '共1,000元；10:30开会；访问http://www.gov.cn/a,b；Hello, world; yes: no。',
    },
    { name: '15834 4.7.2: a half-width colon after a label of the page chrome', text: '来源:县政府办\n 字号:大 中 小\n【字体:大 中 小】' },
    { name: '15834 4.1.2: two ASCII dots where the page cut a title', text: '关于开展2024年度..\n关于印发农业工作要点.. 2024-01-01' },
    { name: '15835 5.1.2: one decimal point; dots in versions and ranges', text: '增长14.3%，版本v1..3，序列1..2..3，路径a/1..2/b。' },
    { name: '15834 4.14.2: the standard 间隔号 and decimal point', text: '“文化大篷车·千乡万里行”；增长3.5%。' },
  ],
  invalid: (
    [
      {
        rule: '15834 4.8.2',
        name: 'gov_pages: closing ” missing after 责任单位, before the list’s count (4个方面)',
        text: '分为“类别、任务内容、牵头领导、责任单位4个方面的内容，共149项。',
        found: [{ start: 2, text: '“类别、任务内容、牵头领导、责任单位', messageId: 'unclosedList', suggestion: '“类别、任务内容、牵头领导、责任单位”' }],
      },
      {
        rule: '15834 4.8.2',
        name: 'a quoted list counted in numerals (三项)',
        text: '坚持“稳增长、调结构、惠民生三项任务不动摇。',
        found: [{ start: 2, text: '“稳增长、调结构、惠民生', messageId: 'unclosedList', suggestion: '“稳增长、调结构、惠民生”' }],
      },
      {
        rule: '15834 4.8.2',
        name: 'a count that is not the list’s (two items, 3个): the mark alone',
        text: '分为“类别、任务内容3个方面。',
        found: [{ start: 2, text: '“', messageId: 'unclosed' }],
      },
      {
        rule: '15834 4.15.2',
        name: 'gov_pages: opening 《 missing before 河南',
        text: '根据《指导意见》河南打好精准脱贫攻坚战三年行动计划》和《漯河市行动计划》，结合实际。',
        found: [{ start: 25, text: '》', messageId: 'unopened' }],
      },
      {
        rule: '15834 4.9.2',
        name: 'a closing bracket never opened (no numbering before it)',
        text: '会议强调）要抓好落实。',
        found: [{ start: 4, text: '）', messageId: 'unopened' }],
      },
      { rule: '15834 4.9.2', name: 'an opening 【 never closed', text: '【新华社北京电 记者报道。', found: [{ start: 0, text: '【', messageId: 'unclosed' }] },
      { rule: '15834 4.8.2', name: 'an inner ‘ never closed', text: '他说：“要坚持‘两个毫不动摇。”', found: [{ start: 7, text: '‘', messageId: 'unclosed' }] },
      {
        rule: '15834 4.8.3.5',
        name: 'a second paragraph of a quotation without its opening “',
        text: '他指出：“第一段。\n第二段。”',
        found: [
          { start: 4, text: '“', messageId: 'unclosed' },
          { start: 14, text: '”', messageId: 'unopened' },
        ],
      },
      {
        rule: '15834 4.8.2',
        name: 'a closing “ typed the wrong way round',
        text: '加快“十四五“规划实施。',
        found: [{ start: 6, text: '“', messageId: 'reversed', suggestion: '”' }],
      },
      {
        rule: '15834 4.8.2',
        name: 'an opening ” typed the wrong way round',
        text: '汇合成一个”五讲四美三热爱”的活动。',
        found: [{ start: 5, text: '”', messageId: 'reversed', suggestion: '“' }],
      },
      {
        rule: '15834 4.8.2',
        name: 'an editor that types only ”: every first of two is reversed',
        text: '推进”十四五”规划和”双碳”目标。',
        found: [
          { start: 2, text: '”', messageId: 'reversed', suggestion: '“' },
          { start: 10, text: '”', messageId: 'reversed', suggestion: '“' },
        ],
      },
      {
        rule: '15834 4.8.2',
        name: '“ closed by ’',
        text: '而“六五’时期增长更快。',
        found: [{ start: 4, text: '’', messageId: 'mismatched', suggestion: '”' }],
      },
      {
        rule: '15834 4.8.2, 4.15.2',
        name: '“ closed by 》 (which was meant is not certain)',
        text: '“纲要（草案）》把解决“三农”问题放在首位。',
        found: [{ start: 7, text: '》', messageId: 'mismatched' }],
      },
      {
        rule: '15834 4.15.3.5',
        name: 'gov_pages: a title inside a title in 《》',
        text: '《沧源县人民政府办公室关于印发《全面消除麻风危害规划（2024—2030年）》的通知》',
        found: [{ start: 15, text: '《', messageId: 'nestedTitle', suggestion: '〈' }],
      },
      {
        rule: '15834 4.4',
        name: 'a doubled comma',
        text: '请各单位，，认真落实。',
        found: [{ start: 4, text: '，，', messageId: 'doubled', suggestion: '，' }],
      },
      {
        rule: '15834 4.1',
        name: 'a doubled full stop',
        text: '认真落实。。下一步',
        found: [{ start: 4, text: '。。', messageId: 'doubled', suggestion: '。' }],
      },
      {
        rule: '15834 4.5, 4.6, 4.7',
        name: 'doubled 、 ； ：',
        text: '人、、财；；物：：事',
        found: [
          { start: 1, text: '、、', messageId: 'doubled', suggestion: '、' },
          { start: 4, text: '；；', messageId: 'doubled', suggestion: '；' },
          { start: 7, text: '：：', messageId: 'doubled', suggestion: '：' },
        ],
      },
      {
        rule: '15834 4.11.2',
        name: 'full stops for an ellipsis',
        text: '水果、蔬菜。。。都有',
        found: [{ start: 5, text: '。。。', messageId: 'periodsForEllipsis', suggestion: '……' }],
      },
      { rule: '15834 4.2.3.3', name: 'four question marks', text: '为什么？？？？', found: [{ start: 3, text: '？？？？', messageId: 'tooMany' }] },
      {
        rule: '15834 4.1.2, 4.11.2',
        name: 'two ASCII dots after a Chinese character',
        text: '包括人员、设备等..具体见附件。',
        found: [{ start: 8, text: '..', messageId: 'asciiDots' }],
      },
      {
        rule: '15834 4.4',
        name: 'a 顿号 after 第一 and 首先 opening their sentences',
        text: '第一、加强组织领导。首先、要提高认识。',
        found: [
          { start: 2, text: '、', messageId: 'commaAfterDiOrdinal', suggestion: '，' },
          { start: 12, text: '、', messageId: 'commaAfterDiOrdinal', suggestion: '，' },
        ],
      },
      {
        rule: '15834 4.5',
        name: 'a point after a Chinese-numeral ordinal opening its lines',
        text: '一.基本情况\n二．主要做法',
        found: [
          { start: 1, text: '.', messageId: 'pointAfterHanOrdinal', suggestion: '、' },
          { start: 8, text: '．', messageId: 'pointAfterHanOrdinal', suggestion: '、' },
        ],
      },
      {
        rule: '15834 4.9.3.1',
        name: 'a 顿号 after a bracketed ordinal',
        text: '（一）、加强组织领导。',
        found: [{ start: 3, text: '、', messageId: 'markAfterOrdinal', suggestion: '' }],
      },
      {
        rule: '15834 4.9.3.1',
        name: 'a 顿号 after a half-width bracketed number',
        text: '(1)、强化责任落实。',
        found: [{ start: 3, text: '、', messageId: 'markAfterOrdinal', suggestion: '' }],
      },
      {
        rule: '15834 4.4',
        name: 'gov_pages: a comma between an object and its count',
        text: '县长信箱收到信件，183条，答复183条，答复率达100%。',
        found: [{ start: 8, text: '，', messageId: 'commaBeforeCount', suggestion: '' }],
      },
      {
        rule: '15834 4.4.2',
        name: 'an ASCII comma between Chinese characters',
        text: '调整农业结构,必须坚持以市场需求为导向。',
        found: [{ start: 6, text: ',', messageId: 'halfWidth', suggestion: '，' }],
      },
      {
        rule: '15834 4.4.2',
        name: 'an ASCII comma and the space typed after it',
        text: '调整农业结构, 必须坚持。',
        found: [{ start: 6, text: ', ', messageId: 'halfWidth', suggestion: '，' }],
      },
      {
        rule: '15834 4.6.2, 4.7.2',
        name: 'an ASCII semicolon and colon in prose',
        text: '加强组织领导;县委书记在会上强调:要抓好落实。',
        found: [
          { start: 6, text: ';', messageId: 'halfWidth', suggestion: '；' },
          { start: 16, text: ':', messageId: 'halfWidth', suggestion: '：' },
        ],
      },
      {
        rule: '15835 5.1.2',
        name: 'gov_pages: a doubled decimal point in a percentage',
        text: '同比下降14..3%；',
        found: [{ start: 4, text: '14..3', messageId: 'numberMark', suggestion: '14.3' }],
      },
      {
        rule: '15835 5.1.1',
        name: 'a doubled thousands separator',
        text: '共计3,,000元。',
        found: [{ start: 2, text: '3,,000', messageId: 'numberMark', suggestion: '3,000' }],
      },
      {
        rule: '15835 5.1.2',
        name: 'a doubled point where a range may be meant: no suggestion',
        text: '需要3..5个工作日。',
        found: [{ start: 2, text: '3..5', messageId: 'numberMark' }],
      },
      {
        rule: '15834 4.14.2',
        name: 'gov_pages: ﹒ for the 间隔号 between Chinese characters',
        text: '“文化大篷车﹒千乡万里行”惠民演出',
        found: [{ start: 6, text: '﹒', messageId: 'variant', suggestion: '·' }],
      },
      {
        rule: '15835 5.1.2',
        name: '﹒ for the decimal point between digits',
        text: '增长3﹒5%。',
        found: [{ start: 3, text: '﹒', messageId: 'variant', suggestion: '.' }],
      },
      { rule: '15834 4.14.2', name: '﹒ elsewhere: no certain suggestion', text: '任务完成﹒', found: [{ start: 4, text: '﹒', messageId: 'variantNoRight' }] },
      {
        rule: '15834 4.4.2',
        name: 'the small comma ﹐',
        text: '会议指出﹐要抓好落实。',
        found: [{ start: 4, text: '﹐', messageId: 'variant', suggestion: '，' }],
      },
    ] as Array<{ rule: string; name: string; text: string; found: Expected[] }>
  ).map(({ rule, name, text, found }) => ({
    name: `${rule}: ${name}`,
    text,
    errors: found.map((e) => ({
      severity: 'notice' as const,
      start: e.start,
      end: e.start + e.text.length,
      text: e.text,
      messageId: e.messageId,
      suggestion: e.suggestion,
      messageMatches: /GB\/T 1583[45]-2011 \d/,
    })),
  })),
});

describe('typo-punctuation: valid', () => {
  it('15834 4.15.2: a list title cut by the page without an ellipsis (the title attribute holds the whole title)', () => {
    const html =
      '<ul><li><a href="/a.html" title="关于印发《××县2024年度重点工作任务分解方案》的通知">关于印发《××县2024年度重点工作</a></li></ul><p>正文。</p>';
    expect(tester.scan(htmlCase(html))).toEqual([]);
  });
});

describe('typo-punctuation: invalid', () => {
  it('15834 4.8.2: names the mark, its partner and the clause in the message', () => {
    expect(tester.scan('分为“类别、任务内容。')[0].message).toBe('双引号不成对：““”在本段中没有对应的“””（GB/T 15834-2011 4.8.2 引号的形式）');
  });

  it('15834 4.15.3.5: names the inner title and its single-mark form', () => {
    expect(tester.scan('《关于印发《规划》的通知》')[0].message).toBe(
      '书名号中又用了双书名号：“《规划》”应为“〈规划〉”（GB/T 15834-2011 4.15.3.5 书名号中还需要书名号时，里面一层用单书名号，外面一层用双书名号）',
    );
  });

  it('15834 4.15.2: a link text equal to its title attribute is whole, so an unclosed 《 in it is reported', () => {
    const html = '<ul><li><a href="/a.html" title="关于印发《重点工作的通知">关于印发《重点工作的通知</a></li></ul><p>正文。</p>';
    expect(tester.scan(htmlCase(html)).map((f) => [f.messageId, f.text])).toEqual([['unclosed', '《']]);
  });

  it('15834 4.8.2: paragraphs are lines: a quotation left open in one paragraph is not closed by a later one', () => {
    const text =
      '他说：“要抓好落实。\n\n第二段讲了很多别的事情，内容很长，和上一段的引文没有关系，也不是引文的继续，只是正文。\n\n第三段又说到了“重点工作”和另一个词。”';
    expect(tester.scan(text).map((f) => [f.messageId, f.start])).toEqual([
      ['unclosed', 3],
      ['unopened', text.length - 1],
    ]);
  });
});

describe('typo-punctuation: properties', () => {
  const FILLER = fc.string({ unit: fc.constantFrom(...'农业发展工作会议强调落实'), maxLength: 6 });
  const PAIRS: Array<[string, string]> = [
    ['“', '”'],
    ['《', '》'],
    ['（', '）'],
    ['【', '】'],
    ['(', ')'],
  ];
  /** Text built only of balanced pairs (any nesting, no ‘’: under “” it is the inner mark, tested apart). */
  const balanced: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      FILLER,
      fc.tuple(fc.constantFrom(...PAIRS), fc.array(tie('node'), { maxLength: 3 }), FILLER).map(([[o, c], inner, tail]) => `${o}${inner.join('')}${c}${tail}`),
    ),
  })).node;

  it('15834 4.8.2, 4.9.2, 4.15.2: any text built of balanced pairs has no unbalanced finding', () => {
    fc.assert(
      fc.property(fc.array(balanced, { minLength: 1, maxLength: 4 }), (paragraphs) => {
        const findings = tester.scan(paragraphs.map((p) => `${p}。`).join('\n'));
        expect(findings.filter((f) => f.messageId !== 'nestedTitle')).toEqual([]);
      }),
    );
  });

  it('15834 4.8.2, 4.9.2, 4.15.2: removing the closing mark of a pair gives exactly one finding, on its opening mark', () => {
    fc.assert(
      fc.property(FILLER, FILLER, FILLER, fc.constantFrom(...PAIRS), (a, b, c, [open]) => {
        const findings = tester.scan(`${a}${open}${b}${c}。`);
        expect(findings.map((f) => [f.messageId, f.start])).toEqual([['unclosed', a.length]]);
      }),
    );
  });

  it('15834 4.4: doubling any comma of a correct sentence gives exactly one doubled finding there', () => {
    fc.assert(
      fc.property(
        fc.array(
          FILLER.filter((s) => s.length > 0),
          { minLength: 2, maxLength: 5 },
        ),
        fc.nat(),
        (parts, k) => {
          const at = k % (parts.length - 1);
          const text = `${parts.map((p, i) => (i === at ? `${p}，，` : i < parts.length - 1 ? `${p}，` : p)).join('')}。`;
          const findings = tester.scan(text);
          expect(findings.map((f) => [f.messageId, f.text])).toEqual([['doubled', '，，']]);
        },
      ),
    );
  });
});
