import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/typo-near-miss';
import { ruleTester } from './rule-tester';

const tester = ruleTester(check, { segmenter: true });
const withModel = ruleTester(check, { segmenter: true, languageModel: true });
const bare = ruleTester(check);

/** A four-character slip: a deduction with the right form suggested and named in the message. */
const slip = (name: string, text: string, start: number, written: string, right: string) => ({
  name,
  text,
  errors: [{ severity: 'deduct' as const, start, end: start + 4, text: written, suggestion: right, messageContains: right }],
});

tester.run({
  valid: [
    { name: 'the right term', text: '持续优化营商环境，提升服务水平' },
    { name: 'a compound of two words one character off a term (使用范围 / 适用范围)', text: '合理扩大资金使用范围' },
    { name: '的 for 第 is not reported here', text: '贯彻党的十五届六中全会精神' },
    { name: 'a window that crosses words', text: '我们要讲好中国故事' },
    { name: 'Latin letters and digits', text: 'ABCD 1234 营商 2026' },
    { name: 'a 成语 written right', text: '大家开诚布公地交流' },
    { name: 'a function character before a word (是 + 高质量, not 提高质量: a real page)', text: '营商环境是高质量发展的原生动力' },
  ],
  invalid: [
    slip('a term with a same-sound fragment (镜 for 境)', '持续优化营商环镜，提升服务水平', 4, '营商环镜', '营商环境'),
    slip('a 成语 whose halves are words (实事/求/事)', '我们要实事求事，', 3, '实事求事', '实事求是'),
    slip('a 成语 with a similar-shape character (诚 for 城)', '全县上下众志成诚', 4, '众志成诚', '众志成城'),
    slip('a term of official writing (功 for 攻)', '打赢脱贫功坚战', 2, '脱贫功坚', '脱贫攻坚'),
    slip('a set phrase of the maintainers’ terms (坚 for 艰)', '全体干部职工团结一心，共克时坚。', 11, '共克时坚', '共克时艰'),
  ],
});

// A written character inside a word of the text (基民 is a word): the model must win by REAL_WORD_MARGIN.
withModel.run({
  valid: [
    { name: 'a phrase of its own one character off a term (转业培训: training for the demobilised, 1998)', text: '加强就业服务和转业培训。支持下岗职工再就业' },
    { name: 'a term as written', text: '城镇居民人均可支配收入增长5%' },
    { name: 'the model not sure enough (疫情防空 → 防控 gains 1.98)', text: '做好疫情防空工作。' },
  ],
  invalid: [
    slip('a slip that makes another word (基民 for 居民)', '城镇基民人均可支配收入增长5%', 0, '城镇基民', '城镇居民'),
    slip('a slip that makes another word (体质 for 体制)', '推进经济体质改革', 2, '经济体质', '经济体制'),
    slip('a character with two strokes more, which only the shape measures pair (办 for 力)', '全体干部职工齐心协办，共克时艰', 6, '齐心协办', '齐心协力'),
    slip('a character alike as rendered (休 for 体)', '研究制定改革总休方案', 6, '总休方案', '总体方案'),
  ],
});

describe('typo-near-miss: the shape measures', () => {
  it('ask the model to confirm: without it a pair of the shape measures alone reports nothing', () => {
    expect(tester.scan('全体干部职工齐心协办，共克时艰')).toEqual([]);
    expect(withModel.scan('全体干部职工齐心协办，共克时艰')).toHaveLength(1);
  });

  it('leave a traditional form alone (領 is 领 in other glyphs, not a slip)', () => {
    expect(withModel.scan('坚持党的領导')).toEqual([]);
  });
});

describe('typo-near-miss', () => {
  it('reports a slip that makes another word only with the model', () => {
    expect(tester.scan('城镇基民人均可支配收入增长5%')).toEqual([]);
  });

  it('leaves the slips of the curated pair list to typo-word-pair (no second finding)', () => {
    expect(tester.scan('大家开诚不公地交流')).toEqual([]);
  });

  it('reports nothing without a segmenter', () => {
    expect(bare.scan('持续优化营商环镜')).toEqual([]);
  });

  it('reports one finding per slip, however many keys it matches', () => {
    expect(tester.scan('营商环镜、营商环镜').map((f) => f.start)).toEqual([0, 5]);
  });
});
