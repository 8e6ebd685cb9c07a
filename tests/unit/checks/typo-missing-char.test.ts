import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/typo-missing-char';
import { runChecks } from '../../../lib/engine/engine';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import { ruleTester, SIMPLIFIED_PAGE, sharedLanguageModel, sharedSegmenter } from './rule-tester';

const TODAY = '2026-12-05';
const tester = ruleTester(check, { segmenter: true, languageModel: true, today: TODAY });

/** A 成语 missing a character: a deduction on the three characters written, the missing one named. */
const slip = (name: string, text: string, start: number, written: string, right: string, missing: string) => ({
  name,
  text,
  errors: [
    { severity: 'deduct' as const, start, end: start + 3, text: written, suggestion: right, message: `疑漏字：“${written}”应为“${right}”（漏“${missing}”）` },
  ],
});

tester.run({
  valid: [
    { name: 'a 成语 written right', text: '我们要全心全意为人民服务' },
    { name: 'a term written right', text: '坚持因地制宜，分类指导' },
    { name: 'reduplications (看看, 常常, 天天, 人人)', text: '他常常去基层看看，好好学习，天天向上，人人参与' },
    { name: 'AABB (干干净净)', text: '把房间打扫得干干净净' },
    { name: 'two words that meet (目的的实现)', text: '确保改革目的的实现' },
    { name: 'slogans that shorten their terms, in a list (稳增长、调结构、惠民生)', text: '坚持稳增长、调结构、惠民生' },
    { name: 'a window whose end is an item of a list of two-character items (之树根深、枝繁、叶茂)', text: '让军政军民团结之树根深、枝繁、叶茂！' },
    { name: 'a phrase the model knows as written (不 + 扩大)', text: '坚持不扩大赤字' },
    { name: 'a window that begins inside a word (国民经济 holds 民经济, one off 民营经济)', text: '国民经济持续健康发展' },
    { name: 'a window that ends inside a word (人民解放军 holds 人民解, one off 人民调解)', text: '人民解放军是人民的军队' },
    { name: 'a window at the end of a term of the lexicon written whole (新冠病毒 holds 冠病毒, one off 冠状病毒)', text: '做好新冠病毒疫苗接种工作。' },
    { name: 'a productive suffix after a word (管理率: a rate, no 管理效率 missing 效)', text: '严重精神障碍患者规范管理率达90%。' },
    { name: 'a form the page uses again (a shortening of its own)', text: '要扩内需。扩内需是长期战略' },
    { name: 'a term shortened by its first word (优化结构 → 优结构, 提高效率 → 提效率): how slogans are written', text: '要优结构、提效率、强服务' },
    { name: 'a term shortened inside a phrase (充分用好)', text: '充分用好政府网站和政民互动平台' },
    { name: 'a term missing its second character (稳步推进 → 稳推进): the shape of a shortening', text: '稳推进城镇化建设' },
    { name: 'a verb shortened to its first character before its object (遇到困难群众 → 遇困群众)', text: '做好遇困群众救助工作' },
    { name: 'a slogan shortening a verb (扩大内需 → 扩内需)', text: '坚持扩内需和稳增长' },
    {
      name: 'a 成语 missing a character in a paragraph written in traditional characters, in a simplified page (locked whole: the model reads no 繁體)',
      text: `${SIMPLIFIED_PAGE}\n我們要全心意為人民服務，這是黨的宗旨。`,
    },
    {
      name: 'a 成语 missing a character in the footer',
      text: 'footer',
      model: () => {
        const text = '正文内容。主办单位：某县人民政府 我们要全心意为人民服务';
        return { ...textModelFromPlainText(text, 'x'), footer: { start: 5, end: text.length } };
      },
    },
  ],
  invalid: [
    slip('a 成语 missing its third character (全心意)', '我们要全心意为人民服务', 3, '全心意', '全心全意', '全'),
    slip('a 成语 missing its second character (因制宜)', '坚持因制宜，分类指导', 2, '因制宜', '因地制宜', '地'),
    slip('a 成语 missing its third character (实事是)', '要实事是地反映情况', 1, '实事是', '实事求是', '求'),
    slip('a list’s last item sharing the word after it (民族、宗教、侨工作)', '做好民族、宗教、侨工作。', 8, '侨工作', '侨务工作', '务'),
    slip('a term missing its third character, the last one stranded (社会障)', '进一步完善社会障体系建设', 5, '社会障', '社会保障', '保'),
    slip('a term missing its third character, the last one stranded (违法罪)', '严厉打击违法罪活动', 4, '违法罪', '违法犯罪', '犯'),
    slip('a term missing its third character, the last one ending its clause (义务育，)', '全面普及农村义务育，提高教育质量', 6, '义务育', '义务教育', '教'),
    slip('a term missing its second character where the first word is a noun (国安全)', '坚决维护国安全和社会稳定', 4, '国安全', '国家安全', '家'),
    slip('a term missing its second character where the first word is a noun (市秩序)', '进一步规范市秩序和经营行为', 5, '市秩序', '市场秩序', '场'),
    slip(
      'a 成语 missing a character on a page written in traditional characters (read folded; quoted as written)',
      '我們要全心意為人民服務，這是黨的宗旨。',
      3,
      '全心意',
      '全心全意',
      '全',
    ),
    slip('the same 成语 slip outside a footer is reported', '正文内容。我们要全心意为人民服务', 8, '全心意', '全心全意', '全'),
  ],
});

describe('typo-missing-char', () => {
  it('reports nothing without the model or without the segmenter', () => {
    expect(ruleTester(check, { segmenter: true, today: TODAY }).scan('我们要全心意为人民服务')).toEqual([]);
    expect(ruleTester(check, { languageModel: true, today: TODAY }).scan('我们要全心意为人民服务')).toEqual([]);
  });

  it('a higher margin option reports less (the option reaches the check)', () => {
    expect(tester.scan('我们要全心意为人民服务')).toHaveLength(1);
    expect(tester.scan({ text: '我们要全心意为人民服务', options: { margin: 20 } })).toEqual([]);
  });

  it('reports each slip once, in order', () => {
    expect(tester.scan('坚持因制宜，要全心意为人民服务').map((f) => [f.start, f.text])).toEqual([
      [2, '因制宜'],
      [7, '全心意'],
    ]);
  });

  it('stays within its budget on a long page of ordinary text', () => {
    const text = '坚持因地制宜，全心全意为人民服务，国民经济持续健康发展，稳增长、调结构、惠民生。'.repeat(3000);
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
