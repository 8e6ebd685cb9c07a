import * as jieba from 'jieba-wasm';
import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/typo-word-pair';
import typoPairs from '../../../lib/data/rules/typo-pairs.json';
import { runChecks } from '../../../lib/engine/engine';
import { jiebaSegmenter } from '../../../lib/engine/segmenter';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';

const segmenter = jiebaSegmenter(jieba);
const scan = (text: string, withSegmenter = true) =>
  runChecks(textModelFromPlainText(text, 'file:///t.txt'), { today: '2026-11-22', checks: [check], segmenter: withSegmenter ? segmenter : undefined }).findings;

describe('typo-word-pair', () => {
  it.each([
    ['既使 inside 既使用…又…', '既使用电脑，又使用手机'],
    ['按装 across 按/装置', '请按装置说明书操作'],
    ['the right forms', '开诚布公地交流；深入开展扫黑除恶专项斗争；截至目前；作为试点；安装调试'],
    ['截止 before a date is right', '报名截止日期为11月30日'],
    ['截止到目前 (截止到 = 截至) is right', '截止到目前，共受理申请120件'],
  ])('valid: %s', (_name, text) => {
    expect(scan(text)).toEqual([]);
  });

  it.each([
    // Seed 003: 梁河县防震减灾局 wrote 开诚不公 for 开诚布公.
    { name: 'seed 003: 开诚不公', text: '会上大家开诚不公地交流了意见', start: 4, wrong: '开诚不公', right: '开诚布公' },
    { name: '扫黑险恶 (2019, on over a hundred sites)', text: '深入开展扫黑险恶专项斗争', start: 4, wrong: '扫黑险恶', right: '扫黑除恶' },
    { name: '既使 as a word', text: '既使困难再大，也要坚持', start: 0, wrong: '既使', right: '即使' },
    { name: '截止目前', text: '截止目前，全县共有', start: 0, wrong: '截止目前', right: '截至目前' },
    { name: '按装 as a word', text: '为群众按装路灯', start: 3, wrong: '按装', right: '安装' },
    { name: '再接再励', text: '希望大家再接再励', start: 4, wrong: '再接再励', right: '再接再厉' },
  ])('invalid: $name', ({ text, start, wrong, right }) => {
    const findings = scan(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      check: 'typo-word-pair',
      category: 'typo',
      severity: 'deduct',
      start,
      end: start + wrong.length,
      text: wrong,
      suggestion: right,
      message: `“${wrong}”应为“${right}”`,
    });
  });

  it('reports nothing without a segmenter (it cannot tell 既使用 from 既使)', () => {
    expect(scan('既使困难再大，也要坚持', false)).toEqual([]);
  });

  it('every pair is a real change, each wrong form once, and each suggestion is itself not flagged', () => {
    const wrongs = typoPairs.entries.map((e) => e.wrong);
    expect(new Set(wrongs).size).toBe(wrongs.length);
    for (const e of typoPairs.entries) {
      expect(e.wrong).not.toBe(e.right);
      expect(scan(e.right).map((f) => f.text)).toEqual([]);
    }
  });

  it('finds every wrong form of the list standing alone', () => {
    for (const e of typoPairs.entries) expect(scan(`。${e.wrong}。`).map((f) => f.suggestion)).toEqual([e.right]);
  });
});
