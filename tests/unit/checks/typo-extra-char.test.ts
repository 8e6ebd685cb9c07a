import * as jieba from 'jieba-wasm';
import { describe, expect, it } from 'vitest';
import { loadNodeLanguageModel } from '../../../cli/node-language-model';
import check from '../../../lib/checks/typo-extra-char';
import missingChar from '../../../lib/checks/typo-missing-char';
import { runChecks } from '../../../lib/engine/engine';
import { jiebaSegmenter } from '../../../lib/engine/segmenter';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import type { Check } from '../../../lib/engine/types';

const segmenter = jiebaSegmenter(jieba);
const languageModel = loadNodeLanguageModel();
const scan = (text: string, opts: { lm?: boolean; seg?: boolean; checks?: Check[]; margin?: number } = {}) => {
  const result = runChecks(textModelFromPlainText(text, 'file:///t.txt'), {
    today: '2026-12-05',
    checks: opts.checks ?? [check],
    segmenter: opts.seg === false ? undefined : segmenter,
    languageModel: opts.lm === false ? undefined : languageModel,
    config: opts.margin === undefined ? undefined : { 'typo-extra-char': { options: { margin: opts.margin } } },
  });
  expect(result.errors).toEqual([]);
  return result.findings;
};

describe('typo-extra-char', () => {
  it.each([
    ['a reduplicated verb (看看)', '我们去基层看看群众的生活'],
    ['a reduplicated adverb (常常)', '他常常加班到深夜'],
    ['a reduplicated word inside a slogan, whatever the model prefers (久久为功)', '这项工作要坚持久久为功，一张蓝图绘到底'],
    ['a reduplicated word read as one word (家家户户 apart, 家家 stands as a word)', '家家都有新变化'],
    ['the same character across two words (国家 then 家长)', '国家家长学校建设'],
    ['reduplications inside a set phrase (好好学习，天天向上)', '好好学习，天天向上'],
    ['a distributive reduplication (人人)', '人人参与、人人共享'],
    ['a reduplicated noun (谢谢, 星星)', '谢谢大家，满天星星'],
    ['AABB (干干净净)', '把房间打扫得干干净净'],
    ['AABB inside a longer span (扎扎实实推进 holds 扎实实推进, one off the term 扎实推进)', '扎扎实实推进西部大开发'],
    ['ABB (绿油油)', '田野绿油油的一片'],
    ['一 and a doubled measure word (一座座)', '一座座新城拔地而起'],
    ['a distributive reduplication before 有 (县县有)', '基本实现了县县有图书馆'],
    ['two words that meet (目的 + 的)', '确保改革目的的实现'],
    ['two words that meet (财政 + 政策)', '实施积极的财政政策'],
    ['a preposition before a word that begins with it (对 + 对外开放)', '要对对外开放作出部署'],
    ['a measure word after a number (2006年 + 年均)', '2003年到2006年年均超收'],
    ['a common reduplication inside a 成语 one off another (捷报频频传来, not 捷报频传)', '捷报频频传来'],
    ['a 成语 written right', '我们要全心全意为人民服务'],
    ['a 成语 with a conjunction inside (大起或大落)', '经济大起或大落，都不利于发展'],
    ['a word repeated one by one (一个一个地)', '一个一个地解决群众的困难'],
  ])('valid: %s', (_name, text) => {
    expect(scan(text)).toEqual([]);
  });

  it.each([
    { name: 'a doubled verb (要要)', text: '的人要要知耻', start: 2, written: '要要', right: '要', message: '“要要”多了一个“要”' },
    { name: 'a doubled particle (的的)', text: '我们的的工作', start: 2, written: '的的', right: '的', message: '“的的”多了一个“的”' },
    { name: 'a doubled preposition (在在)', text: '他在在会上讲话', start: 1, written: '在在', right: '在', message: '“在在”多了一个“在”' },
    { name: 'a doubled conjunction (和和)', text: '改革和和加强城乡社区', start: 2, written: '和和', right: '和', message: '“和和”多了一个“和”' },
    {
      name: 'a character doubled at the start of a word (坚坚持)',
      text: '坚坚持以人民为中心',
      start: 0,
      written: '坚坚',
      right: '坚',
      message: '“坚坚”多了一个“坚”',
    },
    { name: 'a doubled word (推进推进)', text: '要推进推进改革', start: 1, written: '推进推进', right: '推进', message: '“推进推进”多了一个“推进”' },
    { name: 'a doubled word (发展发展)', text: '要发展发展经济', start: 1, written: '发展发展', right: '发展', message: '“发展发展”多了一个“发展”' },
    {
      name: 'a 成语 with a doubled character inside (全心全全意)',
      text: '我们要坚持全心全全意为人民服务',
      start: 5,
      written: '全心全全意',
      right: '全心全意',
      message: '“全心全全意”多了“全”，应为“全心全意”',
    },
    {
      name: 'a term with a doubled character inside (国家家安全)',
      text: '维护国家家安全',
      start: 2,
      written: '国家家安全',
      right: '国家安全',
      message: '“国家家安全”多了“家”，应为“国家安全”',
    },
    {
      name: 'a 成语 with an extra character standing alone (一心一人意)',
      text: '一心一人意',
      start: 0,
      written: '一心一人意',
      right: '一心一意',
      message: '“一心一人意”多了“人”，应为“一心一意”',
    },
  ])('invalid: $name', ({ text, start, written, right, message }) => {
    const findings = scan(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      check: 'typo-extra-char',
      category: 'typo',
      severity: 'deduct',
      start,
      end: start + written.length,
      text: written,
      suggestion: right,
      message,
    });
  });

  it('reports nothing without the model or without the segmenter', () => {
    expect(scan('的人要要知耻', { lm: false })).toEqual([]);
    expect(scan('的人要要知耻', { seg: false })).toEqual([]);
  });

  it('a higher margin option reports less (the option reaches the check)', () => {
    expect(scan('的人要要知耻')).toHaveLength(1);
    expect(scan('的人要要知耻', { margin: 8 })).toEqual([]);
  });

  it('reports each slip once, in order', () => {
    expect(scan('的人要要知耻，我们的的工作').map((f) => [f.start, f.text])).toEqual([
      [2, '要要'],
      [9, '的的'],
    ]);
  });

  it('the 成语 form wins over the missing-character reading inside it (one slip, one finding)', () => {
    const both = scan('我们要坚持全心全全意为人民服务', { checks: [check, missingChar] });
    expect(both.map((f) => [f.check, f.text])).toEqual([['typo-extra-char', '全心全全意']]);
  });

  it('stays within its budget on a long page of ordinary text', () => {
    const text = '实施积极的财政政策，人人参与、人人共享，把各项工作做得扎扎实实。'.repeat(3000);
    const result = runChecks(textModelFromPlainText(text, 'x'), { today: '2026-12-05', checks: [check], segmenter, languageModel, budgetMs: 20_000 });
    expect(result.errors).toEqual([]);
    expect(result.findings).toEqual([]);
  });
});
