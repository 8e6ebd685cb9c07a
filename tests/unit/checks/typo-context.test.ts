import { describe, expect, it } from 'vitest';
import check, { contextSlips, fitsEverySide } from '../../../lib/checks/typo-context';
import { DEFAULT_PARAMS } from '../../../lib/lm/detect';
import nearMiss from '../../../lib/checks/typo-near-miss';
import { runChecks } from '../../../lib/engine/engine';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import { inParallel } from '../../../lib/checks/util/indicators';
import { segmentationOf } from '../../../lib/lm/protect';
import { ruleTester, sharedLanguageModel, sharedSegmenter } from './rule-tester';

const TODAY = '2026-12-05';
const tester = ruleTester(check, { segmenter: true, languageModel: true, today: TODAY });

/** A two-character slip the model reads in context: the message names the changed character. */
const slip = (name: string, text: string, start: number, written: string, right: string, kind: string) => {
  const k = [...written].findIndex((c, i) => c !== right[i]);
  return {
    name,
    text,
    errors: [
      {
        severity: 'deduct' as const,
        start,
        end: start + written.length,
        text: written,
        suggestion: right,
        kind,
        message: `“${written}”疑为“${right}”：上下文更可能为“${right}”（“${written[k]}”应为“${right[k]}”）`,
      },
    ],
  };
};

tester.run({
  valid: [
    { name: 'correct prose', text: '要加快推进产业结构优化升级，实施一批技术水平高、带动能力强的重大工程。' },
    { name: 'a person named beside a title', text: '县长吴海宏主持会议，副县长李盛华列席会议。' },
    { name: 'a village name before 村 (two pieces and the suffix)', text: '梅术村和梅树村的群众' },
    { name: 'a body its members form, abbreviated before 体 (医共体: 医疗卫生共同体)', text: '推进紧密型县域医共体建设。' },
    { name: 'a word whose homophone the model prefers, both right in their senses (山洪暴发: 暴发)', text: '今年汛期，我县部分地区暴发山洪。' },
    { name: 'the issuing body of a document number', text: '根据临政办字〔2022〕49号文件' },
    { name: 'a firm’s 字号 before its 行业 word, written without 公司 (康悦医疗)', text: '引进溶菌酶、康悦医疗丁腈手套等项目' },
    {
      name: 'a real word of the dictionary stays where another fits every side but wins only a little (食油, gain 3.08)',
      text: '保证糖料和食油的供应',
    },
    { name: 'a coined term in a short quotation', text: '坚决防止耕地“非量化”倾向' },
    { name: 'a form written twice in the text is a usage', text: '推进主辅分离、辅业改制，做好辅业改制工作' },
    { name: 'a verb coined in a run of slogan clauses opened by ABA reduplications', text: '面对面听取意见，手拉手同议良策，心贴心共谱新篇。' },
    { name: 'a word the model knows only in part, that jieba’s dictionary has whole (石漠化)', text: '推进岩溶地区石漠化综合治理' },
    { name: 'a coined pair in a parallel construction (争资争项)', text: '各地要争资争项，加快项目建设' },
    {
      name: 'an item of a list whose next item repeats its second character five away (村务公开、居务公开)',
      text: '全面推行村务公开、居务公开，保障群众知情权',
    },
    { name: 'a set phrase of parallel form, where the context wins only a little (宁早勿晚, gain 4.56)', text: '能早则早、宁早勿晚' },
    { name: 'a word both segmenters read whole stays where the context wins only a little (迸发, gain 3.05)', text: '市场主体不断迸发新的活力。' },
  ],
  invalid: [
    slip('a same-sound slip that breaks a word (环镜)', '我们要加强环镜保护', 5, '环镜', '环境', 'sound'),
    // Characters that look alike as rendered (lib/data/confusion/glyph.json), pairs the pycorrector tables lack.
    // 什 repeats in 什么 (a parallel form, like 争资争项): only a clear win goes through.
    slip('a slip in a parallel form, where the context wins by far (什妖、做什么)', '让群众知道政府在想什妖、做什么', 9, '什妖', '什么', 'sound'),
    // 基民 is a word of jieba's dictionary and of the model's: only a clear win goes through it.
    slip('a slip that makes another word, where the context wins by far (基民 for 居民)', '城镇基民人均可支配收入增长', 2, '基民', '居民', 'sound'),
    // A 《title》 is quoted as issued (GUESSED): only a clear win goes through.
    slip('a slip inside a quoted title, where the context wins by far', '印发《关于加强环镜保护工作的通知》', 7, '环镜', '环境', 'sound'),
    // 棚互 before 区 looks like a place name (GUESSED): a clear win still goes through.
    slip('a slip inside a name guessed from its suffix, where the context wins by far (棚互区)', '更大规模加快棚互区改造', 6, '棚互区', '棚户区', 'sound'),
    // 幻境 is a word of jieba's dictionary and of the model's, but it pairs with neither neighbour while
    // 环境 pairs with both (生态环境, 环境十分): a gain of 3.96 goes through (FIT_MARGIN), not only 4.5.
    slip('a word that fits neither neighbour, where another fits both (幻境 for 环境)', '这对改善生态幻境十分重要', 6, '幻境', '环境', 'tone'),
    slip('a character that looks alike (休 for 体)', '深化医药卫生休制改革', 6, '休制', '体制', 'glyph'),
    // A character with a stroke or two fewer or more (lib/data/confusion/stroke.json: 力/办), which neither the
    // pycorrector tables nor the rendered comparison pair.
    slip('a character with two strokes fewer (力 for 办)', '请到县政府力公室领取材料。', 5, '力公室', '办公室', 'glyph'),
    slip('a character with two strokes more (办 for 力)', '全体党员要努办工作，争创一流业绩。', 5, '努办', '努力', 'glyph'),
    // The segmentation glues the slip's neighbour into a wrong word (外交/工/左 reads 交工): the candidate
    // word may cut into it.
    slip('a slip whose neighbour the segmentation took into another word (交工/左)', '我国外交工左进一步开创了新局面', 4, '工左', '工作', 'tone'),
    {
      name: 'a whole word swapped for another of the same sounds (an input method’s slip: 成像 for 城乡)',
      text: '要统筹成像经济社会发展',
      errors: [
        {
          severity: 'deduct' as const,
          start: 3,
          end: 5,
          text: '成像',
          suggestion: '城乡',
          kind: 'homophone',
          message: '“成像”疑为同音词“城乡”之误（输入法选错词）：上下文更可能为“城乡”',
        },
      ],
    },
    // jieba's dictionary has 政腐, the model reads it as two pieces: a gain past PIECES_MARGIN overrides it.
    slip('a slip that makes a stray jieba word the model reads as pieces (政腐, a gain of about 11)', '各级政腐工作人员要带头守法', 2, '政腐', '政府', 'sound'),
    slip('a same-sound slip of a rare character (丸善)', '继续丸善城市社区居民自治', 2, '丸善', '完善', 'sound'),
    slip('a similar-shape slip (调腔)', '搞好价格调腔，防止物价反弹', 4, '调腔', '调控', 'shape'),
    slip('a slip in a word after a single character (学肖)', '坚持以政府和公办学肖为主', 8, '学肖', '学校', 'sound'),
  ],
});

/** Runs several checks together, as the engine does on a page. */
const scanWith = (text: string, checks = [check]) =>
  runChecks(textModelFromPlainText(text, 'file:///t.txt'), { today: TODAY, checks, segmenter: sharedSegmenter(), languageModel: sharedLanguageModel() })
    .findings;

describe('inParallel with the model’s tokens', () => {
  // A repeated character marks a parallel construction only where it holds the same place in its token
  // (or its neighbour repeats too), and never a particle: 政 of 行政 ends its word, so 政驸 is no unit
  // beside it; 争 of 争资 and 争项 opens both.
  it.each([
    ['各地要争资争项', 5, true],
    ['共建共享', 2, true],
    ['行政长官和政驸依法施政', 5, false],
    ['外交工作取的新的成绩', 5, false],
    ['助学金、贷学金和奖学金', 4, true],
  ] as const)('%s at %i: %s', (text, at, want) => {
    expect(inParallel(text, at, segmentationOf(sharedLanguageModel(), text).cut)).toBe(want);
  });
});

describe('typo-context', () => {
  it('reports nothing without the model or without the segmenter', () => {
    expect(ruleTester(check, { segmenter: true, today: TODAY }).scan('我们要加强环镜保护')).toEqual([]);
    expect(ruleTester(check, { languageModel: true, today: TODAY }).scan('我们要加强环镜保护')).toEqual([]);
  });

  it('reads a dictionary word as a slip below WORD_MARGIN only where it pairs with no neighbour and the proposed word with each', () => {
    const model = sharedLanguageModel();
    const fits = (text: string) => {
      const start = text.indexOf('纸业');
      return fitsEverySide(model, text, { start, end: start + 2, word: '职业' });
    };
    expect(fits('要加强纸业技能培训')).toBe(true); // 加强职业, 职业技能: known; 加强纸业, 纸业技能: not
    expect(fits('要加强纸业集团技能培训')).toBe(false); // 纸业集团 is a pair the model knows
    expect(fits('要加强纸业，')).toBe(true); // a mark is no neighbour: the one before decides
    expect(fits('纸业')).toBe(false); // no neighbour, no evidence
    const text = '要加强纸业技能培训';
    expect(fitsEverySide(model, text, { start: 3, end: 7, word: '职业技能' })).toBe(false); // two tokens: no one word to judge
    // The same slip, reported at a gain of about 4 (below WORD_MARGIN, above FIT_MARGIN).
    expect(tester.scan('要加强纸业技能培训').map((f) => f.suggestion)).toEqual(['职业']);
  });

  it('reports a slip below the margin where every side speaks against the written character, with its correction', () => {
    const [f] = tester.scan('部分农民的生活玄很困难');
    expect([f.text, f.suggestion]).toEqual(['玄', '还']);
    expect(tester.scan({ text: '部分农民的生活玄很困难', options: { margin: 4 } })).toEqual([]);
  });

  it("a word of jieba's dictionary gives way a little above 食油's 3.08 where every side speaks against it", () => {
    const model = sharedLanguageModel();
    const text = '积极发颤现代农业';
    const [p] = contextSlips(text, model, sharedSegmenter());
    expect(p.word).toBe('发展');
    expect(p.margin).toBeGreaterThan(3.08);
    expect(p.margin).toBeLessThan(DEFAULT_PARAMS.fitMargin); // below the names' fitMargin: this one is the word's own
    expect(fitsEverySide(model, text, p)).toBe(true);
    expect(tester.scan(text).map((f) => f.suggestion)).toEqual(['发展']);
  });

  it('a higher margin option reports less (the option reaches the detector)', () => {
    const text = '搞好价格调腔，防止物价反弹'; // gain about 3.6 over the text as written
    const strict = tester.scan({ text, options: { margin: 6 } });
    expect(tester.scan(text)).toHaveLength(1);
    expect(strict).toEqual([]);
  });

  it('gives way to a curated check that saw the same slip (one slip, one finding)', () => {
    const text = '持续优化营商环镜';
    const both = scanWith(text, [nearMiss, check]);
    expect(tester.scan(text).map((f) => f.text)).toEqual(['环镜']); // on its own, the model sees it too
    expect(both.map((f) => [f.check, f.text])).toEqual([['typo-near-miss', '营商环镜']]);
  });

  it('stays within its budget on a long page of ordinary text', () => {
    const text = '要加快推进产业结构优化升级，实施一批技术水平高、带动能力强的重大工程。'.repeat(3000);
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
