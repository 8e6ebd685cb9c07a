import { defineCheck } from '../engine/define-check';
import { BREAK, DEFAULT_PARAMS, detect, isHanCode, speaksAgainst, type DetectParams, type Proposal } from '../lm/detect';
import { segment } from '../lm/lattice';
import type { LanguageModel } from '../lm/model';
import { lexiconFlags, protectedMask, segmentationOf } from '../lm/protect';
import type { CheckContext, Segmenter } from '../engine/types';
import { inParallel, TYPO_INDICATOR, writtenTwice } from './util/indicators';
import sensePairs from '../data/rules/sense-pairs.json';

/**
 * Pairs of words of (nearly) the same sound that are both right, each in its own sense (暴发/爆发: 山洪暴发, 火山
 * 爆发), lib/data/rules/sense-pairs.json: the model only prefers the commoner one, so neither is changed into the other.
 */
const SENSE_PAIRS = new Set(sensePairs.entries.flatMap((e) => [`${e.a}|${e.b}`, `${e.b}|${e.a}`]));

/** Characters of context on each side when jieba is asked about a proposal (the original side's words). */
const JIEBA_CONTEXT = 8;
/**
 * The gain (log10) past which a proposal goes through a jieba word that the model reads only as pieces
 * (体惜 for 体系, 政腐 for 政府: jieba's dictionary holds many rare and stray words). The highest such gain
 * on correct text measured (the 1990–2025 work reports, gov_pages, the dev set's clean half) is 6.07, a
 * real fiscal term (暂付性款项); the dev set's slips of this shape reach 10.9.
 */
const PIECES_MARGIN = 6.5;
/**
 * The gain past which a proposal goes through a jieba word that the model reads whole too (公公 for 公共,
 * 基民 for 居民, 发颤 for 发展: an input method's slip that makes a word). The highest such gain on correct
 * text measured (the work reports 1954–2025, gov_pages) is 3.95 (为害 → 危害, 1950s usage); 3.05 on the
 * reports since 1990. On the dev set 4.5 lets 10 slips through (gains 4.6–9.5) and 4.0 two more.
 */
const WORD_MARGIN = 4.5;
/**
 * The gain past which a proposal goes through such a jieba word where the context speaks against it on every
 * side (`fitsEverySide`: 加强纸业技能培训 → 职业, 退休人猿基本养老金 → 人员). The highest such gain on correct
 * text measured (the work reports 1954–2025, gov_pages, the dev set's clean half) is 3.08 (糖料和食油的 →
 * 石油). On the dev set 3.1 finds four slips more than 3.5, the detector's `fitMargin`, used here until the
 * eighth session.
 */
const WORD_FIT_MARGIN = 3.1;
/**
 * The gain past which a pair in a parallel construction is still a slip (想什妖、做什么 → 什么). The highest
 * such gain on correct text measured (the work reports 1954–2025, gov_pages) is 4.56 (宁早勿晚 → 早午);
 * the dev set's slips there reach 8.8.
 */
const PARALLEL_MARGIN = 5;

/**
 * The proposals of the model over `text` that survive the protections: the locks of lib/lm/protect.ts, and
 * the original side (a changed character inside a word of jieba's dictionary, as jieba cuts the text
 * around it, is a word the model does not know, not a slip).
 */
export function contextSlips(
  text: string,
  model: LanguageModel,
  seg: Segmenter,
  params: DetectParams = DEFAULT_PARAMS,
  footer?: { start: number; end: number },
): Proposal[] {
  return detect(model, text, params, protectedMask(model, text, footer), lexiconFlags(model)).filter((p) => {
    if (SENSE_PAIRS.has(`${text.slice(p.start, p.end)}|${p.word}`)) return false;
    // A form of two or more characters written again elsewhere in the text is a usage, not a slip.
    if (p.end - p.start > 1 && writtenTwice(text, p.start, p.end)) return false;
    if (p.end - p.start === 2 && p.margin < PARALLEL_MARGIN && inParallel(text, p.start, segmentationOf(model, text).cut)) return false;
    if (p.kind === 'homophone') return true;
    const from = Math.max(0, p.start - JIEBA_CONTEXT);
    const to = Math.min(text.length, p.end + JIEBA_CONTEXT);
    let at = from;
    for (const w of seg.cut(text.slice(from, to))) {
      if (at <= p.at && p.at < at + w.length) {
        if (w.length < 2 || !seg.isWord(w)) return true;
        // jieba has the written character in a word of its dictionary. It is the text's word when the
        // model's own segmentation agrees on its ends (迸发); a chance grouping across the model's words
        // (稳/定量/食 where the model reads 稳定/量/食) protects nothing.
        const cuts = new Set(segment(model, text, from, to).map((t) => t.start));
        const aligned = cuts.has(at) && (cuts.has(at + w.length) || at + w.length === to);
        if (!aligned) return true;
        // The model reads the word as pieces: only a clear win overrides jieba's dictionary.
        for (let q = at + 1; q < at + w.length; q++) if (cuts.has(q)) return p.margin >= PIECES_MARGIN;
        // Both read the written word whole: it stands unless the context wins by far (基民 for 居民), or
        // clearly and on every side (WORD_FIT_MARGIN).
        return p.margin >= WORD_MARGIN || (p.margin >= WORD_FIT_MARGIN && fitsEverySide(model, text, p));
      }
      at += w.length;
    }
    return true;
  });
}

/**
 * Whether the context speaks against the written span on every side (`speaksAgainst` of lib/lm/detect.ts):
 * it is one token of the model's segmentation, pairing with no neighbouring Chinese token the model knows,
 * while the proposed word pairs with each.
 */
export function fitsEverySide(model: LanguageModel, text: string, p: Pick<Proposal, 'start' | 'end' | 'word'>): boolean {
  const { cut, idAt } = segmentationOf(model, text);
  if (!cut[p.start] || !cut[p.end]) return false;
  for (let i = p.start + 1; i < p.end; i++) if (cut[i]) return false;
  let b = p.start - 1;
  while (b > 0 && !cut[b]) b--;
  const before = p.start > 0 && isHanCode(text.charCodeAt(p.start - 1)) ? idAt[b] : BREAK;
  const after = p.end < text.length && isHanCode(text.charCodeAt(p.end)) ? idAt[p.end] : BREAK;
  return speaksAgainst(model, before, idAt[p.start], after, model.id(p.word));
}

/**
 * 错别字 by context: a right word in the wrong place (在/再, 做/作, 即/既), or a slip that breaks a word,
 * found by the word 3-gram model (lib/lm/, data: libime's lm_sc, LGPL-2.1+). The model decodes a lattice
 * of the text's words plus candidates one same-sound, other-tone or similar-shape character away, and a
 * candidate is reported only where it beats the text as written by a clear margin after its change cost.
 *
 * Protected (never reported): characters of 《titles》, numerals, names by their shapes (a surname and the
 * pieces after it, the pieces before …村/…社区/…公司), document-number abbreviations, occurrences of the
 * project's lexicons (leaders, bodies, formulations, 公文 vocabulary, 成语), and any proposal whose
 * changed character sits inside a word of jieba's dictionary as jieba segments the original text, where the
 * model's segmentation has the same word. Its
 * findings give way to any other text finding they overlap (yieldsOnOverlap): a slip is reported once.
 */
export default defineCheck({
  meta: {
    id: 'typo-context',
    category: 'typo',
    defaultSeverity: 'deduct',
    indicator: TYPO_INDICATOR,
    yieldsOnOverlap: true,
    description: {
      'zh-CN':
        '用词语三元语言模型（libime lm_sc，LGPL-2.1+）按上下文查错别字：每个分词后单独成片、且与邻词没有已知搭配的字，换成同音、异调或形近字（或与邻字组成相差一字的词）后，在前后文中明显更通顺（超过置信差与改字代价）时报告，如“再家里”→“在家里”、“做为”→“作为”。书名号内、数字、人名地名、文号、领导人姓名、机构名称、规范表述和公文词语不改。',
      en: 'Finds wrong characters by context with a word 3-gram language model (libime lm_sc, LGPL-2.1+): a character left on its own without a known neighbour pair, replaced by a same-sound, other-tone or similar-shape character (or making a word one character away with its neighbours), reported when the context reads clearly better by a margin beyond the change cost (再家里 → 在家里, 做为 → 作为). Titles, numerals, names, document numbers, leaders, bodies, formulations and official vocabulary are left alone.',
    },
    messages: {
      context: {
        'zh-CN': '“{{written}}”疑为“{{right}}”：上下文更可能为“{{right}}”（“{{wrongChar}}”应为“{{rightChar}}”）',
        en: '"{{written}}" looks like a slip for "{{right}}": the context makes "{{right}}" more likely ("{{wrongChar}}" for "{{rightChar}}")',
      },
      homophone: {
        'zh-CN': '“{{written}}”疑为同音词“{{right}}”之误（输入法选错词）：上下文更可能为“{{right}}”',
        en: '"{{written}}" looks like the wrong homophone for "{{right}}" (an input-method slip): the context makes "{{right}}" more likely',
      },
    },
    options: {
      margin: {
        type: 'number',
        default: DEFAULT_PARAMS.margin,
        description: {
          'zh-CN': '报告所需的最小置信差（以 10 为底的对数概率，越大越保守）',
          en: 'Minimum gain over the text as written (log10 probability; higher is more cautious)',
        },
      },
    },
  },

  run(ctx: CheckContext) {
    const model = ctx.languageModel;
    const seg = ctx.segmenter;
    if (!model || !seg) return;
    const text = ctx.model.text;
    const margin = typeof ctx.options.margin === 'number' ? ctx.options.margin : DEFAULT_PARAMS.margin;
    const proposals = contextSlips(text, model, seg, { ...DEFAULT_PARAMS, margin }, ctx.model.footer);
    ctx.checkBudget();
    for (const p of proposals) {
      const written = text.slice(p.start, p.end);
      const k = p.at - p.start;
      ctx.report({
        messageId: p.kind === 'homophone' ? 'homophone' : 'context',
        data: { written, right: p.word, wrongChar: written[k], rightChar: p.word[k] },
        start: p.start,
        end: p.end,
        suggestion: p.word,
        kind: p.kind,
      });
    }
  },
});
