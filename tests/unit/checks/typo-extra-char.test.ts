import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/typo-extra-char';
import missingChar from '../../../lib/checks/typo-missing-char';
import { runChecks } from '../../../lib/engine/engine';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import { ruleTester, SIMPLIFIED_PAGE, sharedLanguageModel, sharedSegmenter } from './rule-tester';

const TODAY = '2026-12-05';
const tester = ruleTester(check, { segmenter: true, languageModel: true, today: TODAY });

/** An extra character: a deduction on the span written, the span without it suggested. */
const slip = ({
  name,
  text,
  start,
  written,
  right,
  message,
}: {
  name: string;
  text: string;
  start: number;
  written: string;
  right: string;
  message: string;
}) => ({
  name,
  text,
  errors: [{ severity: 'deduct' as const, start, end: start + written.length, text: written, suggestion: right, message }],
});

tester.run({
  valid: [
    { name: 'a reduplicated verb (看看)', text: '我们去基层看看群众的生活' },
    {
      name: 'a paragraph in traditional characters in a simplified page (locked whole: the simplified model reads 我國/國民 as a doubled 國)',
      text: `${SIMPLIFIED_PAGE}\n這是我國國民經濟發展的重要時期，各級政府要認真負責。`,
    },
    { name: 'a page written in traditional characters (read folded: 我国/国民 meet as words)', text: '這是我國國民經濟發展的重要時期，各級政府要認真負責。' },
    { name: 'a reduplicated adverb (常常)', text: '他常常加班到深夜' },
    { name: 'the second copy opens a parallel series (监管 + 管出秩序、管出活力)', text: '要以有效监管管出秩序、管出活力' },
    { name: 'a reduplicated word inside a slogan, whatever the model prefers (久久为功)', text: '这项工作要坚持久久为功，一张蓝图绘到底' },
    { name: 'a reduplicated word read as one word (家家户户 apart, 家家 stands as a word)', text: '家家都有新变化' },
    { name: 'the same character across two words (国家 then 家长)', text: '国家家长学校建设' },
    { name: 'reduplications inside a set phrase (好好学习，天天向上)', text: '好好学习，天天向上' },
    { name: 'a distributive reduplication (人人)', text: '人人参与、人人共享' },
    { name: 'a reduplicated noun (谢谢, 星星)', text: '谢谢大家，满天星星' },
    { name: 'AABB (干干净净)', text: '把房间打扫得干干净净' },
    { name: 'AABB inside a longer span (扎扎实实推进 holds 扎实实推进, one off the term 扎实推进)', text: '扎扎实实推进西部大开发' },
    { name: 'ABB (绿油油)', text: '田野绿油油的一片' },
    { name: '一 and a doubled measure word (一座座)', text: '一座座新城拔地而起' },
    { name: 'a distributive reduplication before 有 (县县有)', text: '基本实现了县县有图书馆' },
    { name: 'two words that meet (目的 + 的)', text: '确保改革目的的实现' },
    { name: 'two words that meet (财政 + 政策)', text: '实施积极的财政政策' },
    { name: 'a preposition before a word that begins with it (对 + 对外开放)', text: '要对对外开放作出部署' },
    { name: 'a measure word after a number (2006年 + 年均)', text: '2003年到2006年年均超收' },
    { name: 'a common reduplication inside a 成语 one off another (捷报频频传来, not 捷报频传)', text: '捷报频频传来' },
    { name: 'a 成语 written right', text: '我们要全心全意为人民服务' },
    { name: 'a 成语 with a conjunction inside (大起或大落)', text: '经济大起或大落，都不利于发展' },
    { name: 'a word repeated one by one (一个一个地)', text: '一个一个地解决群众的困难' },
    {
      name: 'an administrative level opening a body named with the same character (市 + 市场监管局: the city’s regulator)',
      text: '发现市农垦局、市市场监管局、市司法局信息公开专栏未更新',
    },
    { name: 'a level closing a determiner’s phrase, then a word that begins with it (全县 + 县直单位)', text: '全县县直单位参加会议。' },
  ],
  invalid: [
    { name: 'a doubled verb (要要)', text: '的人要要知耻', start: 2, written: '要要', right: '要', message: '“要要”多了一个“要”' },
    {
      name: 'a doubled verb before a series whose next unit opens otherwise (要要知耻而后勇、奋发有为)',
      text: '大家要要知耻而后勇、奋发有为',
      start: 2,
      written: '要要',
      right: '要',
      message: '“要要”多了一个“要”',
    },
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
    {
      name: 'a level character doubled inside a phrase (社会主义市市场经济: no abbreviation opens it)',
      text: '坚持社会主义市市场经济改革方向',
      start: 6,
      written: '市市场经济',
      right: '市场经济',
      message: '“市市场经济”多了“市”，应为“市场经济”',
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
  ].map(slip),
});

describe('typo-extra-char', () => {
  it('reports nothing without the model or without the segmenter', () => {
    expect(ruleTester(check, { segmenter: true, today: TODAY }).scan('的人要要知耻')).toEqual([]);
    expect(ruleTester(check, { languageModel: true, today: TODAY }).scan('的人要要知耻')).toEqual([]);
  });

  it('a higher margin option reports less (the option reaches the check)', () => {
    expect(tester.scan('的人要要知耻')).toHaveLength(1);
    expect(tester.scan({ text: '的人要要知耻', options: { margin: 8 } })).toEqual([]);
  });

  it('reports each slip once, in order', () => {
    expect(tester.scan('的人要要知耻，我们的的工作').map((f) => [f.start, f.text])).toEqual([
      [2, '要要'],
      [9, '的的'],
    ]);
  });

  it('the 成语 form wins over the missing-character reading inside it (one slip, one finding)', () => {
    const result = runChecks(textModelFromPlainText('我们要坚持全心全全意为人民服务', 'file:///t.txt'), {
      today: TODAY,
      checks: [check, missingChar],
      segmenter: sharedSegmenter(),
      languageModel: sharedLanguageModel(),
    });
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => [f.check, f.text])).toEqual([['typo-extra-char', '全心全全意']]);
  });

  it('stays within its budget on a long page of ordinary text', () => {
    const text = '实施积极的财政政策，人人参与、人人共享，把各项工作做得扎扎实实。'.repeat(3000);
    const result = runChecks(textModelFromPlainText(text, 'x'), {
      today: TODAY,
      checks: [check],
      segmenter: sharedSegmenter(),
      languageModel: sharedLanguageModel(),
      budgetMs: 20_000,
    });
    expect(result.errors).toEqual([]);
    expect(result.findings).toEqual([]);
  });
});
