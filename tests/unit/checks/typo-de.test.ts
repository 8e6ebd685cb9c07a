import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/typo-de';
import typoContext from '../../../lib/checks/typo-context';
import { runChecks } from '../../../lib/engine/engine';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import { ruleTester, SIMPLIFIED_PAGE, sharedLanguageModel, sharedSegmenter } from './rule-tester';
import type { Segmenter } from '../../../lib/engine/types';

const TODAY = '2026-12-05';
const tester = ruleTester(check, { segmenter: true, languageModel: true, today: TODAY });
const segmenter = sharedSegmenter();

const RULE_TEXT = {
  adverbial: '修饰动词的状语后用“地”',
  complement: '动词、形容词后接补语用“得”',
  attributive: '名词前的定语后用“的”',
} as const;

/**
 * A wrong 的/地/得: the finding holds the word before the particle (the slip in its phrase); the message
 * names the particle.
 */
const slip = ({
  name,
  text,
  before,
  start,
  written,
  right,
  rule,
}: {
  name: string;
  text: string;
  before: string;
  start: number;
  written: string;
  right: string;
  rule: keyof typeof RULE_TEXT;
}) => ({
  name,
  text,
  errors: [
    {
      severity: 'notice' as const,
      messageId: rule,
      kind: rule,
      start: start - before.length,
      end: start + 1,
      text: before + written,
      suggestion: before + right,
      message: `“${written}”应为“${right}”：${RULE_TEXT[rule]}`,
    },
  ],
});

tester.run({
  valid: [
    {
      name: 'a paragraph in traditional characters in a simplified page (locked whole: the model would read 全面地研究 as a slip)',
      text: `${SIMPLIFIED_PAGE}\n國家的計劃機關必須系統地全面地研究生産和需要的情况，這是國家的任務。`,
    },
    { name: 'adverbials in a chain (系统地全面地研究: jieba holds 系统地)', text: '国家的计划机关必须系统地全面地研究生产和需要的情况' },
    { name: 'adverbials in a chain (更加合理地有效地使用)', text: '在这个情况下必须更加合理地有效地使用和提高资金' },
    { name: '的 inside a word, before a particle of its own (目的的)', text: '目的的实现' },
    { name: '地 inside a word (土地)', text: '土地' },
    { name: '地 inside a word (各地)', text: '各地' },
    { name: '的 inside a word (的确)', text: '的确' },
    { name: '得 inside a word (获得)', text: '获得' },
    { name: '的 after an attribute before a noun', text: '美丽的城市' },
    { name: '地 after an adverbial before a verb', text: '认真地学习' },
    { name: '得 before a complement', text: '工作做得很好' },
    { name: 'a phrase of the dictionary with 得 inside', text: '跑得快' },
    { name: '目的 and 的 in a sentence', text: '这是实现目的的手段' },
    { name: '的确 after a pronoun', text: '我的确不知道' },
    { name: '各地 and 土地 before 的', text: '各地的发展很快，土地的利用效率不断提高' },
    { name: '取得 and 的 before a noun', text: '取得了显著的成效' },
    { name: 'a verb made a noun after a verb that takes one (表示诚挚的感谢)', text: '表示诚挚的感谢！' },
    { name: 'an idiom before 地 and a verb', text: '毫不动摇地坚持' },
    { name: 'a preposition’s object before 的 (对三大攻坚战的支持: jieba tags 攻坚战 as an idiom)', text: '财政政策要加大对三大攻坚战的支持，更多向民生倾斜' },
    { name: '地 after an adverbial led by a verb that takes a verb phrase (开始认真地思考)', text: '大家开始认真地思考这个问题。' },
    { name: '地 after an adverbial led by 得到, which takes a verb phrase (得到有效地遏制)', text: '违法行为得到有效地遏制。' },
    // A written 地 before what reads as a verb stands, whatever jieba's one tag per word says.
    { name: 'a modal verb takes a verb phrase (要有计划地发展)', text: '各地要有计划地发展特色产业。' },
    { name: 'a modal verb takes a verb phrase (应该优先地供应)', text: '应该优先地供应农村市场。' },
    { name: 'an adverb (d) modifies a verb, never a noun (尽量地节约)', text: '居民要尽量地节约用水。' },
    { name: 'a complement of direction after the word (发展起来)', text: '各项事业蓬勃地发展起来。' },
    { name: 'an idiom (jieba: nz) before 地 and a verbal noun: the adverbial reading the writer chose (日新月异地发展)', text: '经济社会日新月异地发展。' },
    { name: 'a word the model has taking 地 by habit (主动地服务)', text: '党员干部主动地服务企业。' },
    { name: '所 + a verb + 的 is a relative clause before its noun (所作的努力, jieba: 努力/ad)', text: '感谢大家为脱贫攻坚所作的努力！' },
    { name: 'a verb that takes a noun phrase, across a time word (经过三年坚持不懈的探索)', text: '经过三年坚持不懈的探索、试验和实践。' },
    { name: 'a verb that takes a noun phrase, across a quantity noun (经过几代人坚持不懈的奋斗)', text: '经过几代人坚持不懈的奋斗，终于实现。' },
    { name: '得 before a question about degree is a complement’s (落实得怎么样)', text: '各项工作落实得怎么样？' },
    { name: 'a word of scale and a noun as an adverbial (高标准地规划建设)', text: '高标准地规划建设。' },
    { name: 'an adverbial adjective (ad) after 的 at the clause’s end heads a noun phrase (联合反霸的努力，)', text: '他们联合反霸的努力，值得肯定。' },
    { name: 'a 的 phrase inside another (积极的前进的风气)', text: '群众中积极的前进的风气越来越浓。' },
    { name: '得 as a verb (得实惠)', text: '人民群众得实惠' },
    { name: '得 as a modal (děi)', text: '我们得抓紧时间' },
    { name: 'a set phrase (总的来说)', text: '总的来说' },
    { name: 'a name (张得胜)', text: '张得胜同志' },
    { name: 'a slip inside a quoted title is the title as issued', text: '印发《有效的激发市场活力》' },
    { name: 'a slip inside a short quotation (a term as coined)', text: '所谓“认真的学习”就是' },
  ],
  invalid: (
    [
      {
        name: 'an adverb before a verb takes 地 (认真的学习)',
        text: '我们要认真的学习文件精神',
        before: '认真',
        start: 5,
        written: '的',
        right: '地',
        rule: 'adverbial',
      },
      { name: 'an adjective as adverbial (有效的激发)', text: '有效的激发了市场活力', before: '有效', start: 2, written: '的', right: '地', rule: 'adverbial' },
      {
        name: 'an adverbial before a verb and its object (积极的推进)',
        text: '积极的推进各项改革',
        before: '积极',
        start: 2,
        written: '的',
        right: '地',
        rule: 'adverbial',
      },
      { name: '得 for 地 after an idiom', text: '坚定不移得推进改革', before: '坚定不移', start: 4, written: '得', right: '地', rule: 'adverbial' },
      // A dummy verb's object (表示, 给予, 进行 + a verb made a noun): 的, where the model alone is indifferent.
      {
        name: 'a dummy verb’s object (表示诚挚地感谢)',
        text: '向各界人士表示诚挚地感谢！',
        before: '诚挚',
        start: 9,
        written: '地',
        right: '的',
        rule: 'attributive',
      },
      {
        name: 'a dummy verb’s object (给予特殊地就业援助)',
        text: '对困难群众给予特殊地就业援助。',
        before: '特殊',
        start: 9,
        written: '地',
        right: '的',
        rule: 'attributive',
      },
      {
        name: 'a dummy verb’s object (进行认真地研究)',
        text: '对这些问题要进行认真地研究。',
        before: '认真',
        start: 10,
        written: '地',
        right: '的',
        rule: 'attributive',
      },
      {
        name: 'a dummy verb’s object after a word that takes 地 by habit (给予及时地救助)',
        text: '对困难群众给予及时地救助。',
        before: '及时',
        start: 9,
        written: '地',
        right: '的',
        rule: 'attributive',
      },
      { name: 'a verb before a complement of degree (做的很好)', text: '工作做的很好', before: '做', start: 3, written: '的', right: '得', rule: 'complement' },
      {
        name: 'a phrase jieba keeps whole is split where the model reads a particle (跑的快)',
        text: '他跑的快',
        before: '跑',
        start: 2,
        written: '的',
        right: '得',
        rule: 'complement',
      },
      { name: '地 before a complement', text: '把各项工作做地更好', before: '做', start: 6, written: '地', right: '得', rule: 'complement' },
      {
        name: 'an adjective before a noun takes 的 (美丽地城市)',
        text: '这是一座美丽地城市',
        before: '美丽',
        start: 6,
        written: '地',
        right: '的',
        rule: 'attributive',
      },
      {
        name: 'an adverbial-shaped word (高标准) before 地 and a noun that ends the phrase, where the model is surer (高标准地城市)',
        text: '这是一座高标准地城市。',
        before: '标准',
        start: 7,
        written: '地',
        right: '的',
        rule: 'attributive',
      },
      {
        name: 'a noun before 地 at the start of a text, nothing before it (经济地发展: no word of scale stands there)',
        text: '经济地发展。',
        before: '经济',
        start: 2,
        written: '地',
        right: '的',
        rule: 'attributive',
      },
      { name: '得 for 的 before a noun', text: '提供良好得公共服务', before: '良好', start: 4, written: '得', right: '的', rule: 'attributive' },
      {
        name: 'where the model is sure of 的, a verb after it is a noun (作出地选择)',
        text: '这是我们共同作出地选择。',
        before: '作出',
        start: 8,
        written: '地',
        right: '的',
        rule: 'attributive',
      },
      {
        name: 'where the model is sure of 的, the clause may end after it (光明得。)',
        text: '我们的前景是光明得。',
        before: '光明',
        start: 8,
        written: '得',
        right: '的',
        rule: 'attributive',
      },
    ] as const
  ).map(slip),
});

describe('typo-de', () => {
  it('invalid: two slips in one text are two findings', () => {
    const findings = tester.scan('同志们认真的学习了文件，工作做的很好。');
    expect(findings.map((f) => [f.start, f.end, f.suggestion])).toEqual([
      [3, 6, '认真地'],
      [14, 16, '做得'],
    ]);
  });

  it('reports nothing without the language model', () => {
    expect(ruleTester(check, { segmenter: true, today: TODAY }).scan('有效的激发了市场活力')).toEqual([]);
  });

  it('reports nothing without the segmenter', () => {
    expect(ruleTester(check, { languageModel: true, today: TODAY }).scan('有效的激发了市场活力')).toEqual([]);
  });

  it('reports nothing with a segmenter that cannot tag', () => {
    const untagged: Segmenter = { cut: segmenter.cut, isWord: segmenter.isWord };
    expect(ruleTester(check, { segmenter: untagged, languageModel: true, today: TODAY }).scan('有效的激发了市场活力')).toEqual([]);
  });

  it('typo-context leaves 的/地/得 to this check: one slip, one finding', () => {
    const findings = runChecks(textModelFromPlainText('有效的激发了市场活力', 'file:///t.txt'), {
      today: TODAY,
      checks: [typoContext, check],
      segmenter,
      languageModel: sharedLanguageModel(),
    }).findings;
    expect(findings.map((f) => [f.check, f.start, f.suggestion])).toEqual([['typo-de', 0, '有效地']]);
  });
});

describe('Segmenter.tag over jieba (what this check reads)', () => {
  it('cuts as cut does, each word with its dictionary tag', () => {
    const text = '我们要认真地学习，工作做得很好。';
    const tagged = segmenter.tag!(text);
    expect(tagged.map(([w]) => w)).toEqual(segmenter.cut(text));
    expect(tagged).toContainEqual(['地', 'uv']);
    expect(tagged).toContainEqual(['得', 'ud']);
    expect(segmenter.tag!('美丽的城市')).toContainEqual(['的', 'uj']);
  });
});
