import * as jieba from 'jieba-wasm';
import { describe, expect, it } from 'vitest';
import { loadNodeLanguageModel } from '../../../cli/node-language-model';
import check from '../../../lib/checks/typo-missing-char';
import { runChecks } from '../../../lib/engine/engine';
import { jiebaSegmenter } from '../../../lib/engine/segmenter';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';

const segmenter = jiebaSegmenter(jieba);
const languageModel = loadNodeLanguageModel();
const scan = (text: string, opts: { lm?: boolean; seg?: boolean; margin?: number } = {}) => {
  const result = runChecks(textModelFromPlainText(text, 'file:///t.txt'), {
    today: '2026-12-05',
    checks: [check],
    segmenter: opts.seg === false ? undefined : segmenter,
    languageModel: opts.lm === false ? undefined : languageModel,
    config: opts.margin === undefined ? undefined : { 'typo-missing-char': { options: { margin: opts.margin } } },
  });
  expect(result.errors).toEqual([]);
  return result.findings;
};

describe('typo-missing-char', () => {
  it.each([
    ['a 成语 written right', '我们要全心全意为人民服务'],
    ['a term written right', '坚持因地制宜，分类指导'],
    ['reduplications (看看, 常常, 天天, 人人)', '他常常去基层看看，好好学习，天天向上，人人参与'],
    ['AABB (干干净净)', '把房间打扫得干干净净'],
    ['two words that meet (目的的实现)', '确保改革目的的实现'],
    ['slogans that shorten their terms, in a list (稳增长、调结构、惠民生)', '坚持稳增长、调结构、惠民生'],
    ['a phrase the model knows as written (不 + 扩大)', '坚持不扩大赤字'],
    ['a window that begins inside a word (国民经济 holds 民经济, one off 民营经济)', '国民经济持续健康发展'],
    ['a window that ends inside a word (人民解放军 holds 人民解, one off 人民调解)', '人民解放军是人民的军队'],
    ['a form the page uses again (a shortening of its own)', '要扩内需。扩内需是长期战略'],
    ['a term shortened by its first word (优化结构 → 优结构, 提高效率 → 提效率): how slogans are written', '要优结构、提效率、强服务'],
    ['a term shortened inside a phrase (充分用好)', '充分用好政府网站和政民互动平台'],
  ])('valid: %s', (_name, text) => {
    expect(scan(text)).toEqual([]);
  });

  it.each([
    { name: 'a 成语 missing its third character (全心意)', text: '我们要全心意为人民服务', start: 3, written: '全心意', right: '全心全意', missing: '全' },
    { name: 'a 成语 missing its second character (因制宜)', text: '坚持因制宜，分类指导', start: 2, written: '因制宜', right: '因地制宜', missing: '地' },
    { name: 'a 成语 missing its third character (实事是)', text: '要实事是地反映情况', start: 1, written: '实事是', right: '实事求是', missing: '求' },
  ])('invalid: $name', ({ text, start, written, right, missing }) => {
    const findings = scan(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      check: 'typo-missing-char',
      category: 'typo',
      severity: 'deduct',
      start,
      end: start + 3,
      text: written,
      suggestion: right,
    });
    expect(findings[0].message).toBe(`疑漏字：“${written}”应为“${right}”（漏“${missing}”）`);
  });

  it('reports nothing without the model or without the segmenter', () => {
    expect(scan('我们要全心意为人民服务', { lm: false })).toEqual([]);
    expect(scan('我们要全心意为人民服务', { seg: false })).toEqual([]);
  });

  it('a higher margin option reports less (the option reaches the check)', () => {
    expect(scan('我们要全心意为人民服务')).toHaveLength(1);
    expect(scan('我们要全心意为人民服务', { margin: 20 })).toEqual([]);
  });

  it('reports each slip once, in order', () => {
    expect(scan('坚持因制宜，要全心意为人民服务').map((f) => [f.start, f.text])).toEqual([
      [2, '因制宜'],
      [7, '全心意'],
    ]);
  });

  it('stays within its budget on a long page of ordinary text', () => {
    const text = '坚持因地制宜，全心全意为人民服务，国民经济持续健康发展，稳增长、调结构、惠民生。'.repeat(3000);
    const result = runChecks(textModelFromPlainText(text, 'x'), { today: '2026-12-05', checks: [check], segmenter, languageModel, budgetMs: 20_000 });
    expect(result.errors).toEqual([]);
    expect(result.findings).toEqual([]);
  });
});
