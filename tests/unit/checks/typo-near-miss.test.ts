import * as jieba from 'jieba-wasm';
import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/typo-near-miss';
import { runChecks } from '../../../lib/engine/engine';
import { jiebaSegmenter } from '../../../lib/engine/segmenter';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';

const segmenter = jiebaSegmenter(jieba);
const scan = (text: string, withSegmenter = true) =>
  runChecks(textModelFromPlainText(text, 'file:///t.txt'), { today: '2026-11-22', checks: [check], segmenter: withSegmenter ? segmenter : undefined }).findings;

describe('typo-near-miss', () => {
  it.each([
    ['the right term', '持续优化营商环境，提升服务水平'],
    ['a compound of two words one character off a term (使用范围 / 适用范围)', '合理扩大资金使用范围'],
    ['的 for 第 is not reported here', '贯彻党的十五届六中全会精神'],
    ['a window that crosses words', '我们要讲好中国故事'],
    ['Latin letters and digits', 'ABCD 1234 营商 2026'],
    ['a 成语 written right', '大家开诚布公地交流'],
  ])('valid: %s', (_name, text) => {
    expect(scan(text)).toEqual([]);
  });

  it.each([
    { name: 'a term with a same-sound fragment (镜 for 境)', text: '持续优化营商环镜，提升服务水平', start: 4, written: '营商环镜', right: '营商环境' },
    { name: 'a 成语 whose halves are words (实事/求/事)', text: '我们要实事求事，', start: 3, written: '实事求事', right: '实事求是' },
    { name: 'a 成语 with a similar-shape character (诚 for 城)', text: '全县上下众志成诚', start: 4, written: '众志成诚', right: '众志成城' },
    { name: 'a term of official writing (功 for 攻)', text: '打赢脱贫功坚战', start: 2, written: '脱贫功坚', right: '脱贫攻坚' },
  ])('invalid: $name', ({ text, start, written, right }) => {
    const findings = scan(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      check: 'typo-near-miss',
      category: 'typo',
      severity: 'deduct',
      start,
      end: start + 4,
      text: written,
      suggestion: right,
    });
    expect(findings[0].message).toContain(right);
  });

  it('leaves the slips of the curated pair list to typo-word-pair (no second finding)', () => {
    expect(scan('大家开诚不公地交流')).toEqual([]);
  });

  it('reports nothing without a segmenter', () => {
    expect(scan('持续优化营商环镜', false)).toEqual([]);
  });

  it('reports one finding per slip, however many keys it matches', () => {
    expect(scan('营商环镜、营商环镜').map((f) => f.start)).toEqual([0, 5]);
  });
});
