import * as jieba from 'jieba-wasm';
import { describe, expect, it } from 'vitest';
import { loadNodeLanguageModel } from '../../../cli/node-language-model';
import check from '../../../lib/checks/typo-context';
import nearMiss from '../../../lib/checks/typo-near-miss';
import { runChecks } from '../../../lib/engine/engine';
import { jiebaSegmenter } from '../../../lib/engine/segmenter';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import type { Check } from '../../../lib/engine/types';

const segmenter = jiebaSegmenter(jieba);
const languageModel = loadNodeLanguageModel();
const scan = (text: string, opts: { lm?: boolean; seg?: boolean; checks?: Check[] } = {}) =>
  runChecks(textModelFromPlainText(text, 'file:///t.txt'), {
    today: '2026-12-05',
    checks: opts.checks ?? [check],
    segmenter: opts.seg === false ? undefined : segmenter,
    languageModel: opts.lm === false ? undefined : languageModel,
  }).findings;

describe('typo-context', () => {
  it.each([
    ['correct prose', '要加快推进产业结构优化升级，实施一批技术水平高、带动能力强的重大工程。'],
    ['a slip inside a quoted title is the title as issued', '印发《关于加强环镜保护工作的通知》'],
    ['a person named beside a title', '县长吴海宏主持会议，副县长李盛华列席会议。'],
    ['a village name before 村 (two pieces and the suffix)', '梅术村和梅树村的群众'],
    ['the issuing body of a document number', '根据临政办字〔2022〕49号文件'],
    ['a real word of the dictionary stays, even where another would fit better (幻境)', '这对改善生态幻境十分重要'],
    ['a coined term in a short quotation', '坚决防止耕地“非量化”倾向'],
    ['a form written twice in the text is a usage', '推进主辅分离、辅业改制，做好辅业改制工作'],
  ])('valid: %s', (_name, text) => {
    expect(scan(text)).toEqual([]);
  });

  it.each([
    { name: 'a same-sound slip that breaks a word (环镜)', text: '我们要加强环镜保护', start: 5, written: '环镜', right: '环境', kind: 'sound' },
    { name: 'a same-sound slip of a rare character (丸善)', text: '继续丸善城市社区居民自治', start: 2, written: '丸善', right: '完善', kind: 'sound' },
    { name: 'a similar-shape slip (调腔)', text: '搞好价格调腔，防止物价反弹', start: 4, written: '调腔', right: '调控', kind: 'shape' },
    { name: 'a slip in a word after a single character (学肖)', text: '坚持以政府和公办学肖为主', start: 8, written: '学肖', right: '学校', kind: 'sound' },
  ])('invalid: $name', ({ text, start, written, right, kind }) => {
    const findings = scan(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      check: 'typo-context',
      category: 'typo',
      severity: 'deduct',
      start,
      end: start + written.length,
      text: written,
      suggestion: right,
    });
    const k = [...written].findIndex((c, i) => c !== right[i]);
    expect(findings[0].message).toBe(`“${written}”疑为“${right}”：上下文更可能为“${right}”（“${written[k]}”应为“${right[k]}”）`);
    expect(findings[0].kind).toBe(kind);
  });

  it('reports nothing without the model or without the segmenter', () => {
    expect(scan('我们要加强环镜保护', { lm: false })).toEqual([]);
    expect(scan('我们要加强环镜保护', { seg: false })).toEqual([]);
  });

  it('a higher margin option reports less (the option reaches the detector)', () => {
    const text = '搞好价格调腔，防止物价反弹'; // gain about 3.6 over the text as written
    const strict = runChecks(textModelFromPlainText(text, 'x'), {
      today: '2026-12-05',
      checks: [check],
      segmenter,
      languageModel,
      config: { 'typo-context': { options: { margin: 6 } } },
    }).findings;
    expect(scan(text)).toHaveLength(1);
    expect(strict).toEqual([]);
  });

  it('gives way to a curated check that saw the same slip (one slip, one finding)', () => {
    const text = '持续优化营商环镜';
    const both = scan(text, { checks: [nearMiss, check] });
    expect(scan(text).map((f) => f.text)).toEqual(['环镜']); // on its own, the model sees it too
    expect(both.map((f) => [f.check, f.text])).toEqual([['typo-near-miss', '营商环镜']]);
  });

  it('stays within its budget on a long page of ordinary text', () => {
    const text = '要加快推进产业结构优化升级，实施一批技术水平高、带动能力强的重大工程。'.repeat(3000);
    const result = runChecks(textModelFromPlainText(text, 'x'), { today: '2026-12-05', checks: [check], segmenter, languageModel, budgetMs: 20_000 });
    expect(result.errors).toEqual([]);
    expect(result.findings).toEqual([]);
  });
});
