import * as jieba from 'jieba-wasm';
import { describe, expect, it } from 'vitest';
import { loadNodeLanguageModel } from '../../../cli/node-language-model';
import check from '../../../lib/checks/typo-fragment';
import { inParallelPairs } from '../../../lib/checks/util/indicators';
import { runChecks } from '../../../lib/engine/engine';
import { jiebaSegmenter } from '../../../lib/engine/segmenter';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';

const segmenter = jiebaSegmenter(jieba);
const languageModel = loadNodeLanguageModel();
const scan = (text: string, withSegmenter = true, withModel = true) =>
  runChecks(textModelFromPlainText(text, 'file:///t.txt'), {
    today: '2026-11-22',
    checks: [check],
    segmenter: withSegmenter ? segmenter : undefined,
    languageModel: withModel ? languageModel : undefined,
  }).findings;

describe('inParallelPairs', () => {
  it.each([
    ['专款专用、专账核算', 5, true],
    ['谋深谋实', 2, true],
    ['稳岗扩岗', 2, true],
    ['要狠抓落食', 3, false],
    ['提高办事效律', 4, false],
    ['专款，用于专账', 5, false],
    ['遇事找法、解决问题用法、化解矛盾靠法。', 16, true],
    ['稳岗位、稳就业', 4, true],
    ['办事依法，化解矛盾靠谱。', 9, false],
    // Four-character items of a 、 list opened by the same character.
    ['实行专账管理、专款专用。', 2, true],
    ['专款专用、专账管理。', 5, true],
    ['实行专账管理、分类核算。', 2, false],
    ['实行专账管理、专款专用资金。', 2, false],
    ['加快建设、加强管理。', 2, false],
    // Slogan clauses opened by ABA reduplications: the verbs after them are coined to match.
    ['肩并肩同议振兴大计，心连心共谋发展良策。', 3, true],
    ['群众代表面对面同议，手拉手共建。', 7, false],
    ['村民代表手拉手同议发展良策。', 7, false],
  ] as const)('%s at %i: %s', (text, at, want) => {
    expect(inParallelPairs(text, at)).toBe(want);
  });
});

describe('typo-fragment', () => {
  it.each([
    ['correct prose', '进一步加强队伍建设，切实保障民生，加快推进项目建设'],
    ['a pair inside a term of the lexicon (正风 in 正风肃纪)', '这是正风肃纪的要求'],
    ['a set phrase of official writing no 成语 list holds (共克时艰: 共克 is no slip for 攻克)', '全体干部职工团结一心，共克时艰。'],
    ['a coined term in a short quotation', '防止“非粮化”倾向'],
    ['a pair written twice is a usage', '财政政策加力提效，助力企业降本提效'],
    ['a body’s short name after a level character on its own (县防指: 县防汛抗旱指挥部)', '县防指决定启动防汛四级应急响应。'],
    ['function characters on either side (再/在)', '现再就去办理'],
    ['a pair in a parallel run of pairs (专款专用、专账核算: the demo article)', '做到专款专用、专账核算，坚决杜绝截留'],
    ['a verb coined in a run of slogan clauses opened by ABA reduplications', '肩并肩同议振兴大计，心连心共谋发展良策'],
  ])('valid: %s', (_name, text) => {
    expect(scan(text)).toEqual([]);
  });

  it.each([
    { name: 'a same-sound character inside a three-character word (积级性)', text: '调动群众的积级性', start: 5, written: '积级', right: '积极' },
    { name: 'a same-sound character left on its own (落食)', text: '要狠抓落食', start: 3, written: '落食', right: '落实' },
    { name: 'a similar-shape character (效律)', text: '提高办事效律', start: 4, written: '效律', right: '效率' },
    { name: 'a slip after a level character that wins clearly (县政俯: 5.90)', text: '县政俯召开常务会议。', start: 1, written: '政俯', right: '政府' },
  ])('invalid: $name', ({ text, start, written, right }) => {
    const findings = scan(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      check: 'typo-fragment',
      category: 'typo',
      severity: 'deduct',
      start,
      end: start + 2,
      text: written,
      suggestion: right,
    });
    const open = written[0] !== right[0] ? 0 : 1;
    expect(findings[0].message).toBe(`“${written}”疑为“${right}”之误（“${written[open]}”应为“${right[open]}”）`);
  });

  it('reports nothing without a segmenter or without the language model', () => {
    expect(scan('要狠抓落食', false)).toEqual([]);
    expect(scan('要狠抓落食', true, false)).toEqual([]);
  });

  it.each([
    ['the issuing body of a document number (榕政办〔2016〕)', '关于做好有关事项的通知》（榕政办〔2016〕237号）'],
    [
      "a form's document number left blank (临市机发　号)",
      ' 临沧市发电\n\n发电单位 临沧市人民政府办公室 签批盖章 徐伟声\n\n等级 特急·明电 临府办明电〔2019〕80 号 临市机发 号',
    ],
    [
      'a clause that opens as the long one before it does (简化优化…流程，简除…)',
      '依托信息化平台，简化优化“市县同权”事项办理流程，简除同权事项办理、流转的繁琐手续。',
    ],
    ['a community name before 社区', '志愿者分别走进福民社区、幸福社区开展活动'],
    ['a pair the model does not find more probable once changed (受县)', '各位代表：我受县人民政府委托，作政府工作报告'],
    ['an idiom the lexicons lack (暖人肺腑)', '一声声问候，暖人肺腑；一条条建议，真诚恳切'],
  ])("valid with the model's protections and confidence: %s", (_name, text) => {
    expect(scan(text)).toEqual([]);
  });

  it('one slip seen by two checks is one finding (the engine keeps the wider one)', async () => {
    const nearMiss = (await import('../../../lib/checks/typo-near-miss')).default;
    const text = '打赢脱贫功坚战';
    const both = runChecks(textModelFromPlainText(text, 'x'), { today: '2026-11-22', checks: [nearMiss, check], segmenter, languageModel }).findings;
    expect(scan(text).map((f) => f.text)).toEqual(['功坚']); // on its own, this check sees the slip too
    expect(both.map((f) => [f.check, f.text])).toEqual([['typo-near-miss', '脱贫功坚']]);
  });
});

describe('typo-fragment and names', () => {
  it.each(['县委书记张国青同志出席会议', '国务院副总理何立峰、张国清、刘国中'])("valid: a person's name is no slip: %s", (text) => {
    expect(scan(text)).toEqual([]);
  });
});
