import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/expression-leader-name';
import { confusables } from '../../../lib/data/confusables';
import leaders from '../../../lib/data/rules/leaders.json';
import { runChecks } from '../../../lib/engine/engine';
import { ruleListProblems, type RuleList } from '../../../lib/engine/rule-data';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import { ruleTester, sharedSegmenter } from './rule-tester';
import type { Segmenter } from '../../../lib/engine/types';

const TODAY = '2026-11-22';
/** With the real jieba segmenter, and with none. */
const tester = ruleTester(check, { segmenter: true });
const bare = ruleTester(check);
const segmenter = sharedSegmenter();

describe('expression-leader-name meta and data', () => {
  it('is an expression veto', () => {
    expect(check.meta).toMatchObject({ id: 'expression-leader-name', category: 'expression', defaultSeverity: 'veto' });
  });

  it('has a well-formed leaders list, checked on the reference date, with a title and a date per leader', () => {
    expect(ruleListProblems(leaders as unknown as RuleList, 'leaders')).toEqual([]);
    expect(leaders.checked).toBe(TODAY);
    expect(leaders.description).toMatch(/党代会/);
    expect(leaders.description).toMatch(/两会/);
    for (const l of leaders.entries) {
      expect(l.titles.length).toBeGreaterThan(0);
      expect(l.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(l.context.before.length + l.context.after.length).toBeGreaterThan(0);
    }
    expect(new Set(leaders.entries.map((l) => l.name)).size).toBe(leaders.entries.length);
  });
});

tester.run({
  valid: [
    { name: 'the right names with their titles', text: '以习近平同志为核心的党中央；国务院总理李强；全国人大常委会委员长赵乐际；全国政协主席王沪宁' },
    { name: 'vice premiers and state councillors', text: '国务院副总理丁薛祥、何立峰、张国清、刘国中，国务委员王小洪、吴政隆、谌贻琴' },
    { name: 'another person named like a leader, with 同志', text: '县委书记张国青同志出席' },
    { name: 'another person named like a leader, no title', text: '刘国忠、王晓洪、丁学祥参加了会议' },
    { name: 'a local official with a local title', text: '县政协副主席韩政、市委常委蔡琪、王晓洪部长、吴正隆秘书长' },
    { name: 'words around a leader name fragment', text: '深入学习近年来出台的政策，练习近乎完美，江西近平均气温' },
    { name: 'a traditional-script page', text: '國務院總理李強、總理李強' },
    { name: 'a traditional character in a simplified page', text: '国务院总理李強' },
    { name: 'a variant that is not sound- or shape-alike', text: '国务院副总理张国庆' },
    { name: 'a former premier', text: '国务院总理李克强' },
    { name: 'a two-character name without a title', text: '李墙、蔡琪、李稀' },
  ],
  // A wrong leader name: a veto, the right name suggested.
  invalid: [
    { name: '习近平 in the standard formulation', text: '以习近评同志为核心的党中央', found: [{ start: 1, end: 4, text: '习近评', right: '习近平' }] },
    { name: '习近平 with its surname replaced', text: '席近平总书记强调', found: [{ start: 0, end: 3, text: '席近平', right: '习近平' }] },
    { name: '习近平 with no title (bare)', text: '学习习进平新时代中国特色社会主义思想', found: [{ start: 2, end: 5, text: '习进平', right: '习近平' }] },
    { name: 'a vice premier after his title', text: '国务院副总理张国青出席', found: [{ start: 6, end: 9, text: '张国青', right: '张国清' }] },
    { name: 'a vice premier before his title', text: '刘国忠副总理指出', found: [{ start: 0, end: 3, text: '刘国忠', right: '刘国中' }] },
    { name: 'the premier after 国务院总理', text: '国务院总理李墙主持会议', found: [{ start: 5, end: 7, text: '李墙', right: '李强' }] },
    { name: 'the premier before 总理', text: '李墙总理指出', found: [{ start: 0, end: 2, text: '李墙', right: '李强' }] },
    { name: 'the NPC chairman', text: '全国人大常委会委员长赵乐纪', found: [{ start: 10, end: 13, text: '赵乐纪', right: '赵乐际' }] },
    { name: 'a state councillor', text: '国务委员王晓洪出席', found: [{ start: 4, end: 7, text: '王晓洪', right: '王小洪' }] },
    { name: 'the vice president', text: '国家副主席韩征会见', found: [{ start: 5, end: 7, text: '韩征', right: '韩正' }] },
    { name: 'the CPPCC chairman', text: '全国政协主席王护宁', found: [{ start: 6, end: 9, text: '王护宁', right: '王沪宁' }] },
    { name: 'the CCDI secretary', text: '中央纪委书记李稀', found: [{ start: 6, end: 8, text: '李稀', right: '李希' }] },
    {
      name: 'a Standing Committee member after 政治局常委 (王沪宁)',
      text: '中共中央政治局常委王户宁出席',
      found: [{ start: 9, end: 12, text: '王户宁', right: '王沪宁' }],
    },
    {
      name: 'a Standing Committee member after 政治局常委 (赵乐际)',
      text: '中共中央政治局常委赵乐级出席',
      found: [{ start: 9, end: 12, text: '赵乐级', right: '赵乐际' }],
    },
    { name: 'the premier after 政治局常委', text: '中共中央政治局常委李墙主持', found: [{ start: 9, end: 11, text: '李墙', right: '李强' }] },
    {
      name: 'two slips in one text',
      text: '总理李墙、国务院副总理何立锋出席。',
      found: [
        { start: 2, end: 4, text: '李墙', right: '李强' },
        { start: 11, end: 14, text: '何立锋', right: '何立峰' },
      ],
    },
  ].map(({ name, text, found }) => ({
    name,
    text,
    errors: found.map((want) => ({
      severity: 'veto' as const,
      messageId: 'leaderName',
      start: want.start,
      end: want.end,
      text: want.text,
      suggestion: want.right,
    })),
  })),
});

describe('expression-leader-name on text', () => {
  it('invalid: words the message with the changed character and the titles', () => {
    const [f] = tester.scan('以习近评同志为核心的党中央');
    expect(f.message).toBe('领导人姓名错误：“习近评”应为“习近平”（“评”应为“平”；中共中央总书记、国家主席、中央军委主席）');
    expect(f.data).toEqual({ written: '习近评', right: '习近平', wrongChar: '评', rightChar: '平', titles: '中共中央总书记、国家主席、中央军委主席' });
  });

  it('invalid: confusable variants of every name are found next to the first title of the leader', () => {
    const missed: string[] = [];
    for (const l of leaders.entries) {
      const [before, after] = l.context.before.length ? [l.context.before[0], ''] : ['', l.context.after[0]];
      for (let i = 0; i < l.name.length; i++) {
        // The first few confusable characters of each position (not a word, not the traditional form).
        for (const c of [...new Set(confusables(l.name[i]))].slice(0, 4)) {
          const variant = l.name.slice(0, i) + c + l.name.slice(i + 1);
          if (segmenter.isWord(variant) || (leaders.traditionalForms as Record<string, string>)[l.name[i]]?.includes(c)) continue;
          const text = `${before}${variant}${after}`;
          const found = tester.scan(text);
          if (found.length !== 1 || found[0].suggestion !== l.name || found[0].start !== before.length) missed.push(text);
        }
      }
    }
    expect(missed).toEqual([]);
  });
});

describe('expression-leader-name rules that need the segmenter', () => {
  it('valid: without a segmenter a bare variant is not reported', () => {
    expect(bare.scan('学习习进平新时代中国特色社会主义思想')).toEqual([]);
  });

  it('invalid: without a segmenter a variant next to a title is still reported', () => {
    expect(bare.scan('席近平总书记').map((f) => [f.start, f.end, f.suggestion])).toEqual([[0, 3, '习近平']]);
  });

  it('valid: a variant that is a dictionary word is not reported', () => {
    const wordy: Segmenter = { ...segmenter, isWord: (w) => w === '席近平' || segmenter.isWord(w) };
    expect(ruleTester(check, { segmenter: wordy }).scan('席近平总书记')).toEqual([]);
  });
});

describe('expression-leader-name on the correct vocabulary', () => {
  it('valid: reports nothing on lib/data/correct-vocabulary/political.txt, with or without a segmenter', () => {
    const text = readFileSync(join(__dirname, '../../../lib/data/correct-vocabulary/political.txt'), 'utf8');
    expect(tester.scan(text)).toEqual([]);
    expect(bare.scan(text)).toEqual([]);
  });
});

describe('expression-leader-name stays linear', () => {
  it.each([
    ['1 M characters of correct names', '以习近平同志为核心的党中央，国务院总理李强，国务院副总理张国清，'.repeat(30_000), 0],
    ['1 M characters of other people’s names', '张国青同志、刘国忠、王晓洪部长、李墙，'.repeat(50_000), 0],
    ['slips separated by commas (one finding each)', '席近平总书记，'.repeat(20_000), 20_000],
  ])('%s', (_name, text, expected) => {
    const result = runChecks(textModelFromPlainText(text, 'file:///big.txt'), { today: TODAY, checks: [check], segmenter, budgetMs: 20_000 });
    expect(result.errors).toEqual([]);
    expect(result.findings).toHaveLength(expected);
  });
});
