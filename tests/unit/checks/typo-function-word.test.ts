import * as jieba from 'jieba-wasm';
import { describe, expect, it } from 'vitest';
import { loadNodeLanguageModel } from '../../../cli/node-language-model';
import check from '../../../lib/checks/typo-function-word';
import { runChecks } from '../../../lib/engine/engine';
import { jiebaSegmenter } from '../../../lib/engine/segmenter';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import type { Segmenter } from '../../../lib/engine/types';

const segmenter = jiebaSegmenter(jieba);
const languageModel = loadNodeLanguageModel();
const scan = (text: string, opts: { lm?: boolean; seg?: Segmenter } = {}) =>
  runChecks(textModelFromPlainText(text, 'file:///t.txt'), {
    today: '2026-12-05',
    checks: [check],
    segmenter: opts.seg ?? segmenter,
    languageModel: opts.lm === false ? undefined : languageModel,
  }).findings;

describe('typo-function-word', () => {
  it.each([
    ['再 as an adverb before a verb', '我们要再接再厉，再创新高，再上新台阶'],
    ['再 before a number of times', '要再一次证明我们的能力'],
    ['再 before 过 (再过两年后)', '再过两年后，这里将建成新城区'],
    ['再 before a figure that grows again', '力争今年农村贫困人口再减少1000万以上'],
    ['在 as a preposition', '大家在会议室合影留念'],
    ['即使…也', '即使困难再大，也要完成任务'],
    ['立即 and a later 也 in another clause', '立即组织人员，也要做好防护'],
    ['即 meaning "namely", with no partner', '即全面推进乡村振兴'],
    ['既…又 as written', '他既是党员又是村干部'],
  ])('valid: %s', (_name, text) => {
    expect(scan(text)).toEqual([]);
  });

  it.each([
    {
      name: '再 before a place, then a verb (再会议室合影)',
      text: '会议结束后，大家再会议室合影留念。',
      start: 8,
      written: '再会议室',
      right: '在会议室',
      rule: 'zaiPlace',
    },
    {
      name: '再 before a range closed by a localizer (再全县范围内)',
      text: '我们要再全县范围内开展排查。',
      start: 3,
      written: '再全县',
      right: '在全县',
      rule: 'zaiPlace',
    },
    {
      name: '再 opening a frame that closes the clause (再……中，)',
      text: '要再工作中不断总结经验，提高水平。',
      start: 1,
      written: '再工作',
      right: '在工作',
      rule: 'zaiPlace',
    },
    {
      name: '再 between a verb of staying and a figure (稳定再2.1%)',
      text: '但赤字率稳定再2.1%，体现了政策的连续性。',
      start: 6,
      written: '再',
      right: '在',
      rule: 'zaiPlace',
    },
    {
      name: '即…又 with parallel halves (即是…又是)',
      text: '他即是党员又是村干部。',
      start: 1,
      written: '即是党员又',
      right: '既是党员又',
      rule: 'jiCorrelative',
    },
    { name: '即…也 (即是机遇也是挑战)', text: '这即是机遇也是挑战。', start: 1, written: '即是机遇也', right: '既是机遇也', rule: 'jiCorrelative' },
  ])('invalid: $name', ({ text, start, written, right, rule }) => {
    const findings = scan(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      check: 'typo-function-word',
      category: 'typo',
      severity: 'deduct',
      messageId: rule,
      start,
      end: start + written.length,
      text: written,
      suggestion: right,
    });
    expect(findings[0].message).toContain(`“${written}”应为“${right}”`);
  });

  it('reports nothing without the model, or without a segmenter that tags', () => {
    expect(scan('大家再会议室合影留念。', { lm: false })).toEqual([]);
    expect(scan('大家再会议室合影留念。', { seg: { cut: segmenter.cut, isWord: segmenter.isWord } })).toEqual([]);
  });
});
