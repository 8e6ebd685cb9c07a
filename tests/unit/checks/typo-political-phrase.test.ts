import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import leaderCheck from '../../../lib/checks/expression-leader-name';
import check from '../../../lib/checks/typo-political-phrase';
import { confusables } from '../../../lib/data/confusables';
import phrases from '../../../lib/data/rules/political-phrases.json';
import { runChecks } from '../../../lib/engine/engine';
import { ruleListProblems, type RuleList } from '../../../lib/engine/rule-data';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import { ruleTester, sharedSegmenter } from './rule-tester';
import type { Segmenter, Severity } from '../../../lib/engine/types';

const TODAY = '2026-11-22';
/** With the real jieba segmenter, and with none. */
const tester = ruleTester(check, { segmenter: true });
const bare = ruleTester(check);
const segmenter = sharedSegmenter();

interface Entry {
  phrase: string;
  source: string;
  alsoCorrect?: string[];
  freeAt?: number[];
  knownSlips?: string[];
}
const entries = phrases.entries as Entry[];

describe('typo-political-phrase meta and data', () => {
  it('is a typo veto', () => {
    expect(check.meta).toMatchObject({ id: 'typo-political-phrase', category: 'typo', defaultSeverity: 'veto' });
  });

  it('has a well-formed list of unique phrases of 3+ characters', () => {
    expect(ruleListProblems(phrases as unknown as RuleList, 'political-phrases')).toEqual([]);
    const list = entries.map((e) => e.phrase);
    expect(new Set(list).size).toBe(list.length);
    for (const e of entries) {
      expect(e.phrase.length).toBeGreaterThanOrEqual(3);
      for (const i of e.freeAt ?? []) expect(i).toBeLessThan(e.phrase.length);
      for (const s of e.knownSlips ?? []) expect(s).toHaveLength(e.phrase.length);
    }
  });
});

tester.run({
  valid: [
    { name: 'the phrases as written in official text', text: '高举中国特色社会主义伟大旗帜，全面贯彻习近平新时代中国特色社会主义思想，推进中国式现代化' },
    { name: '依法治国 and the local 依法治X', text: '全面依法治国，推进依法治省、依法治市、依法治县，全面依法治市' },
    { name: 'other countries’ communist parties and 全国共产党员', text: '美国共产党、法国共产党等各国共产党；全国共产党员' },
    { name: 'another word at the end of a short phrase (社会主义 is four characters)', text: '这一问题引起全社会注意' },
    { name: 'two other words in a phrase’s frame, of other sounds', text: '全面深化事业单位改革；向香港特别行政区同胞、澳门特别行政区同胞致以问候' },
    { name: 'a same-sound pair at a long phrase’s end that is no word', text: '中国特色社会住翼' },
    { name: 'fuzzy pinyin only inside a short phrase, not at its end (四个意思: shì/sì)', text: '他在讲话中讲了四个意思。' },
    { name: '中国共产主义青年团', text: '中国共产主义青年团' },
    { name: 'the older formulation 全面建设小康社会', text: '全面建设小康社会的关键时期' },
    { name: '第一个百年奋斗目标', text: '实现第一个百年奋斗目标' },
    { name: '党纪学习教育 and 党章学习教育', text: '开展党纪学习教育、党章学习教育' },
    { name: '全面从严管党治党, 从严治警', text: '全面从严管党治党，全面从严治警' },
    { name: '社会主义民主法治 and 中国特色社会主义法律体系', text: '社会主义民主法治建设；中国特色社会主义法律体系' },
    { name: '打黑除恶, the name before 2018', text: '打黑除恶专项斗争' },
    { name: 'a phrase edge that is the next word', text: '坚持科学发展的道路；编制科学发展规划' },
    { name: 'a 4-character change that is not sound- or shape-alike', text: '乡镇振兴；不忘初衷' },
    { name: 'punctuation instead of 、', text: '不忘初心，牢记使命' },
    { name: 'a traditional character', text: '人民代表大會制度；全国人民代表大會' },
    { name: 'a leader’s name inside a phrase (left to expression-leader-name)', text: '习进平新时代中国特色社会主义思想' },
    { name: 'a 5-character near miss that runs into the next word (1957 report)', text: '企业中非共产党员的负责人' },
    { name: 'another word in the place of the phrase’s own, neither sound- nor shape-alike (劳动 for 运动)', text: '全体职工开展爱国卫生劳动。' },
  ],
  // A slip in a phrase: a veto (unless the phrase is an administrative or policy term), the phrase suggested,
  // the wrong and the right character in the data.
  invalid: (
    [
      {
        name: 'the country’s name, sound-alike',
        text: '中华人民共合国成立',
        found: [{ start: 0, end: 7, text: '中华人民共合国', right: '中华人民共和国', wrong: '合', ok: '和' }],
      },
      {
        name: 'the country’s name, 中共人民共和国 (a real slip)',
        text: '中共人民共和国',
        found: [{ start: 0, end: 7, text: '中共人民共和国', right: '中华人民共和国', wrong: '共', ok: '华' }],
      },
      {
        name: 'the country’s name, 中华人民大和国 (a real slip)',
        text: '中华人民大和国',
        found: [{ start: 0, end: 7, text: '中华人民大和国', right: '中华人民共和国', wrong: '大', ok: '共' }],
      },
      {
        name: '扫黑险恶, a listed real slip',
        text: '坚决打好扫黑险恶专项斗争',
        found: [{ start: 4, end: 8, text: '扫黑险恶', right: '扫黑除恶', wrong: '险', ok: '除' }],
      },
      {
        name: 'the longest phrase only',
        text: '培育和践行社会主意核心价值观',
        found: [{ start: 5, end: 14, text: '社会主意核心价值观', right: '社会主义核心价值观', wrong: '意', ok: '义' }],
      },
      {
        name: 'the guiding thought, slip outside the name',
        text: '习近平新时代中国特色社会主意思想',
        found: [{ start: 0, end: 16, text: '习近平新时代中国特色社会主意思想', right: '习近平新时代中国特色社会主义思想', wrong: '意', ok: '义' }],
      },
      {
        name: 'a slip inside 不忘初心、牢记使命',
        text: '不忘初衷、牢记使命',
        found: [{ start: 0, end: 9, text: '不忘初衷、牢记使命', right: '不忘初心、牢记使命', wrong: '衷', ok: '心' }],
      },
      {
        name: '检察院 written 检查院',
        text: '最高人民检查院工作报告',
        found: [{ start: 0, end: 7, text: '最高人民检查院', right: '最高人民检察院', wrong: '查', ok: '察' }],
      },
      {
        name: '全面从严治党, interior',
        text: '全面从言治党',
        found: [{ start: 0, end: 6, text: '全面从言治党', right: '全面从严治党', wrong: '言', ok: '严' }],
      },
      { name: '两学一做, sound-alike', text: '两学一作学习教育', found: [{ start: 0, end: 4, text: '两学一作', right: '两学一做', wrong: '作', ok: '做' }] },
      {
        name: '营商环境, sound-alike (an administrative term: deduct)',
        text: '优化营商环镜',
        found: [{ start: 2, end: 6, text: '营商环镜', right: '营商环境', wrong: '镜', ok: '境', severity: 'deduct' }],
      },
      { name: '一带一路, sound-alike', text: '共建一代一路', found: [{ start: 2, end: 6, text: '一代一路', right: '一带一路', wrong: '代', ok: '带' }] },
      { name: '乡村振兴, shape-alike', text: '全面推进乡村震兴', found: [{ start: 4, end: 8, text: '乡村震兴', right: '乡村振兴', wrong: '震', ok: '振' }] },
      {
        name: 'a long phrase whose last word runs into the next one',
        text: '进一步全面信化改革开放',
        found: [{ start: 3, end: 9, text: '全面信化改革', right: '全面深化改革', wrong: '信', ok: '深' }],
      },
      {
        name: '碳达峰, a 3-character phrase (a policy term: deduct)',
        text: '实现炭达峰目标',
        found: [{ start: 2, end: 5, text: '炭达峰', right: '碳达峰', wrong: '炭', ok: '碳', severity: 'deduct' }],
      },
      {
        name: 'two characters written as another word of the same sounds (an input method’s choice)',
        text: '以习近平新时代中国特色社会注意思想为指导',
        found: [
          { start: 1, end: 17, text: '习近平新时代中国特色社会注意思想', right: '习近平新时代中国特色社会主义思想', wrong: '注意', ok: '主义', pair: true },
        ],
      },
      {
        name: 'a same-sound word of other tones (斜上 xié shàng for 协商 xié shāng)',
        text: '坚持中国共产党领导的多党合作和政治斜上制度',
        found: [
          {
            start: 2,
            end: 21,
            text: '中国共产党领导的多党合作和政治斜上制度',
            right: '中国共产党领导的多党合作和政治协商制度',
            wrong: '斜上',
            ok: '协商',
            pair: true,
          },
        ],
      },
      {
        name: 'a same-sound word inside 不忘初心、牢记使命',
        text: '不忘出新、牢记使命',
        found: [{ start: 0, end: 9, text: '不忘出新、牢记使命', right: '不忘初心、牢记使命', wrong: '出新', ok: '初心', pair: true }],
      },
      {
        name: 'a same-sound word at the end of a long phrase, a word of its own',
        text: '坚持和发展中国特色社会注意',
        found: [{ start: 5, end: 13, text: '中国特色社会注意', right: '中国特色社会主义', wrong: '注意', ok: '主义', pair: true }],
      },
      {
        name: 'a fuzzy-pinyin slip inside a short phrase (名 míng for 民 mín; a 2020 notice: “中华民族”写错)',
        text: '增强中华名族凝聚力',
        found: [{ start: 2, end: 6, text: '中华名族', right: '中华民族', wrong: '名', ok: '民' }],
      },
      {
        name: 'two slips in one text',
        text: '中华人民共合国；扫黑险恶',
        found: [
          { start: 0, end: 7, text: '中华人民共合国', right: '中华人民共和国', wrong: '合', ok: '和' },
          { start: 8, end: 12, text: '扫黑险恶', right: '扫黑除恶', wrong: '险', ok: '除' },
        ],
      },
    ] as Array<{
      name: string;
      text: string;
      found: Array<{ start: number; end: number; text: string; right: string; wrong: string; ok: string; severity?: Severity; pair?: boolean }>;
    }>
  ).map(({ name, text, found }) => ({
    name,
    text,
    errors: found.map((want) => ({
      severity: want.severity ?? 'veto',
      messageId: want.pair ? 'phraseHomophone' : 'phraseSlip',
      start: want.start,
      end: want.end,
      text: want.text,
      suggestion: want.right,
      data: { right: want.right, wrongChar: want.wrong, rightChar: want.ok },
    })),
  })),
});

describe('typo-political-phrase on text', () => {
  it('invalid: words the message with the changed character', () => {
    const [f] = tester.scan('中华人民共合国');
    expect(f.message).toBe('时政表述“中华人民共和国”有错字：“合”应为“和”');
  });

  it('invalid: words the message of a same-sound word with both words', () => {
    const [f] = tester.scan('社会注意核心价值观');
    expect(f.message).toBe('时政表述“社会主义核心价值观”有错词：“注意”应为同音的“主义”（输入法选错词）');
  });

  it('invalid: a slip in a leader’s name inside a phrase is reported once, by expression-leader-name', () => {
    const result = runChecks(textModelFromPlainText('习进平新时代中国特色社会主义思想', 'file:///t.txt'), {
      today: TODAY,
      checks: [check, leaderCheck],
      segmenter,
    });
    expect(result.errors).toEqual([]);
    const findings = result.findings;
    expect(findings.map((f) => [f.check, f.text])).toEqual([['expression-leader-name', '习进平']]);
  });

  it('invalid: every interior character of every 5+ phrase is checked', () => {
    const missed: string[] = [];
    for (const e of entries) {
      if (e.phrase.length < 5) continue;
      for (let i = 1; i < e.phrase.length - 1; i++) {
        if (e.freeAt?.includes(i) || !/\p{Script=Han}/u.test(e.phrase[i])) continue;
        if (e.phrase.startsWith('习近平') && i < 3) continue;
        const written = `${e.phrase.slice(0, i)}〇${e.phrase.slice(i + 1)}`;
        const found = tester.scan(`。${written}。`);
        if (!found.some((f) => f.suggestion === e.phrase || (f.suggestion!.length > e.phrase.length && f.suggestion!.includes(e.phrase)))) missed.push(written);
      }
    }
    // 〇 is a Han character that no phrase has: a substitution inside a phrase is always a slip there.
    expect(missed).toEqual([]);
  });

  it('invalid: a confusable character in every 3–4 character phrase is checked', () => {
    const missed: string[] = [];
    for (const e of entries) {
      if (e.phrase.length > 4) continue;
      for (let i = 0; i < e.phrase.length; i++) {
        const c = [...confusables(e.phrase[i])].find((x) => !(phrases.traditionalForms as Record<string, string>)[e.phrase[i]]?.includes(x));
        if (!c) continue;
        const written = e.phrase.slice(0, i) + c + e.phrase.slice(i + 1);
        if (segmenter.isWord(written) || entries.some((x) => x.phrase === written || x.alsoCorrect?.includes(written))) continue;
        const found = tester.scan(`。${written}。`);
        if (found.length !== 1 || found[0].suggestion !== e.phrase) missed.push(`${written}→${found.map((f) => f.suggestion)}`);
      }
    }
    expect(missed).toEqual([]);
  });
});

describe('typo-political-phrase rules that need the segmenter', () => {
  it('invalid: without a segmenter, phrases of 6+ characters and listed real slips are still reported', () => {
    expect(bare.scan('中华人民共合国；扫黑险恶').map((f) => [f.start, f.end, f.suggestion])).toEqual([
      [0, 7, '中华人民共和国'],
      [8, 12, '扫黑除恶'],
    ]);
  });

  it('valid: without a segmenter, phrases of 3–5 characters are not reported', () => {
    expect(bare.scan('优化营商环镜，共建一代一路，企业中非共产党员')).toEqual([]);
  });

  it('valid: a written span that is a dictionary word is not reported', () => {
    const wordy: Segmenter = { ...segmenter, isWord: (w) => w === '营商环镜' || segmenter.isWord(w) };
    expect(ruleTester(check, { segmenter: wordy }).scan('优化营商环镜')).toEqual([]);
  });

  it('valid: a span that does not start and end on word boundaries is not reported', () => {
    // jieba cuts 营商/环/镜头: the span 营商环镜 ends inside 镜头. Cut character by character, it would be reported.
    expect(tester.scan('营商环镜头')).toEqual([]);
    const byChar: Segmenter = { ...segmenter, cut: (t) => [...t] };
    expect(
      ruleTester(check, { segmenter: byChar })
        .scan('营商环镜头')
        .map((f) => f.text),
    ).toEqual(['营商环镜']);
  });
});

describe('typo-political-phrase on the correct vocabulary', () => {
  it('valid: reports nothing on lib/data/correct-vocabulary/political.txt, with or without a segmenter', () => {
    const text = readFileSync(join(__dirname, '../../../lib/data/correct-vocabulary/political.txt'), 'utf8');
    expect(tester.scan(text)).toEqual([]);
    expect(bare.scan(text)).toEqual([]);
  });

  it('valid: no phrase or alsoCorrect form is reported on its own', () => {
    const all = entries.flatMap((e) => [e.phrase, ...(e.alsoCorrect ?? [])]);
    expect(tester.scan(all.join('\n'))).toEqual([]);
  });
});

describe('typo-political-phrase stays linear', () => {
  it.each([
    ['1 M characters of correct phrases', '坚持和发展中国特色社会主义，全面依法治国，依法治省，'.repeat(40_000), 0],
    ['1 M characters of near misses that are correct', '美国共产党全国共产党员依法治市'.repeat(70_000), 0],
    ['slips separated by commas (one finding each)', '中华人民共合国，'.repeat(20_000), 20_000],
  ])('%s', (_name, text, expected) => {
    const result = runChecks(textModelFromPlainText(text, 'file:///big.txt'), { today: TODAY, checks: [check], segmenter, budgetMs: 20_000 });
    expect(result.errors).toEqual([]);
    expect(result.findings).toHaveLength(expected);
  });
});
