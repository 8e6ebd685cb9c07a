import * as jieba from 'jieba-wasm';
import { describe, expect, it } from 'vitest';
import { loadNodeLanguageModel } from '../../../cli/node-language-model';
import check from '../../../lib/checks/typo-de';
import typoContext from '../../../lib/checks/typo-context';
import { runChecks } from '../../../lib/engine/engine';
import { jiebaSegmenter } from '../../../lib/engine/segmenter';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import type { Check, Segmenter } from '../../../lib/engine/types';

const segmenter = jiebaSegmenter(jieba);
const languageModel = loadNodeLanguageModel();
const scan = (text: string, opts: { lm?: boolean; seg?: Segmenter | false; checks?: Check[] } = {}) =>
  runChecks(textModelFromPlainText(text, 'file:///t.txt'), {
    today: '2026-12-05',
    checks: opts.checks ?? [check],
    segmenter: opts.seg === false ? undefined : (opts.seg ?? segmenter),
    languageModel: opts.lm === false ? undefined : languageModel,
  }).findings;

const RULE_TEXT = {
  adverbial: '修饰动词的状语后用“地”',
  complement: '动词、形容词后接补语用“得”',
  attributive: '名词前的定语后用“的”',
} as const;

describe('typo-de', () => {
  it.each([
    ['的 inside a word, before a particle of its own (目的的)', '目的的实现'],
    ['地 inside a word (土地)', '土地'],
    ['地 inside a word (各地)', '各地'],
    ['的 inside a word (的确)', '的确'],
    ['得 inside a word (获得)', '获得'],
    ['的 after an attribute before a noun', '美丽的城市'],
    ['地 after an adverbial before a verb', '认真地学习'],
    ['得 before a complement', '工作做得很好'],
    ['a phrase of the dictionary with 得 inside', '跑得快'],
    ['目的 and 的 in a sentence', '这是实现目的的手段'],
    ['的确 after a pronoun', '我的确不知道'],
    ['各地 and 土地 before 的', '各地的发展很快，土地的利用效率不断提高'],
    ['取得 and 的 before a noun', '取得了显著的成效'],
    ['a verb made a noun after a verb that takes one (表示诚挚的感谢)', '表示诚挚的感谢！'],
    ['an idiom before 地 and a verb', '毫不动摇地坚持'],
    ['得 as a verb (得实惠)', '人民群众得实惠'],
    ['得 as a modal (děi)', '我们得抓紧时间'],
    ['a set phrase (总的来说)', '总的来说'],
    ['a name (张得胜)', '张得胜同志'],
    ['a slip inside a quoted title is the title as issued', '印发《有效的激发市场活力》'],
    ['a slip inside a short quotation (a term as coined)', '所谓“认真的学习”就是'],
  ])('valid: %s', (_name, text) => {
    expect(scan(text)).toEqual([]);
  });

  it.each([
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
  ])('invalid: $name', ({ text, before, start, written, right, rule }) => {
    // The finding holds the word before the particle (the slip in its phrase); the message names the particle.
    const findings = scan(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      check: 'typo-de',
      category: 'typo',
      severity: 'notice',
      messageId: rule,
      kind: rule,
      start: start - before.length,
      end: start + 1,
      text: before + written,
      suggestion: before + right,
    });
    expect(findings[0].message).toBe(`“${written}”应为“${right}”：${RULE_TEXT[rule as keyof typeof RULE_TEXT]}`);
  });

  it('invalid: two slips in one text are two findings', () => {
    const findings = scan('同志们认真的学习了文件，工作做的很好。');
    expect(findings.map((f) => [f.start, f.end, f.suggestion])).toEqual([
      [3, 6, '认真地'],
      [14, 16, '做得'],
    ]);
  });

  it('reports nothing without the language model', () => {
    expect(scan('有效的激发了市场活力', { lm: false })).toEqual([]);
  });

  it('reports nothing without the segmenter', () => {
    expect(scan('有效的激发了市场活力', { seg: false })).toEqual([]);
  });

  it('reports nothing with a segmenter that cannot tag', () => {
    const untagged: Segmenter = { cut: segmenter.cut, isWord: segmenter.isWord };
    expect(scan('有效的激发了市场活力', { seg: untagged })).toEqual([]);
  });

  it('typo-context leaves 的/地/得 to this check: one slip, one finding', () => {
    const findings = scan('有效的激发了市场活力', { checks: [typoContext, check] });
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
