import lexiconData from '../data/lexicon/near-miss-lexicon.json';
import { HashBits, pairHash } from '../text/hash-bits';
import { confusables } from '../data/confusables';
import surnameData from '../data/surnames.json';
import { defineCheck } from '../engine/define-check';
import { boundaries, CONTEXT } from '../engine/segmenter';
import type { CheckContext, Segmenter } from '../engine/types';
import { FUNCTION_CHARS, inParallelPairs, isHan, SLIP_MESSAGE, TYPO_INDICATOR, writtenTwice } from './util/indicators';
import { editGain, fourCharLexicon, lexiconEntryAt } from './util/lm-edit';
import { GUESSED, LEVELS, protectedMask, segmentationOf, WHOLE } from '../lm/protect';

/**
 * The language model must find the corrected pair more probable by this much (log10, a window of six
 * characters each side): segmentation alone takes rare words and names for slips (受县人民政府, 暖人肺腑).
 */
const LM_MARGIN = 3;

/**
 * The margin after an administrative level character on its own (县/防指, 市/监局): the pair opens a body's
 * short name there (县防指: 县防汛抗旱指挥部, → 防止 gains 3.84), and a slip must win as clearly as one in a guessed
 * name (typo-context's nameMargin): 县政俯 → 政府 gains 5.90.
 */
const AFTER_LEVEL_MARGIN = 4.5;

/**
 * 错别字 in two-character words: a character that word segmentation leaves on its own, next to a
 * character with which, once replaced by a same-sound or similar-shape character, it makes a word of
 * official writing (建没 → 建设, 布署 → 部署). The corrected text must segment better: the word comes
 * out whole and the window has fewer pieces. Left alone, as usage rather than slips: a pair inside a
 * 成语 or term of the lexicon, inside a short quotation (a coined term), written twice in the text, or
 * after a surname standing alone (a person's name: 张/国/清).
 *
 * Speed: candidates come from one pass with hashed keys (every 公文 word indexed under each pair of
 * characters one confusion away from it); only candidates are segmented.
 */
const KINDS = ['sound', 'shape'] as const;

/** Common surnames: a surname on its own before the pair, or opening it, makes a name (张/国/清), not a slip. */
const SURNAMES = new Set([...surnameData.surnames]);

interface Index {
  words: string[];
  words2: Set<string>;
  /** hash of a (wrong) pair → triples (word index, code of its first character, of its second) of the wrong pairs indexed. */
  near: Map<number, number[]>;
  /** One bit per hashed pair of `near` (its top NEAR_BITS bits): most pairs of a text are rejected on one read of a small bitmap. */
  nearBits: HashBits;
}

const NEAR_BITS = 21;

let index: Index | undefined;

/** The Map key of a pair: its hash as a 30-bit small integer. */
const pairKey = (a: number, b: number) => pairHash(a, b) >>> 2;

function buildIndex(): Index {
  const words: string[] = [];
  for (let i = 0; i + 2 <= lexiconData.pairs.length; i += 2) words.push(lexiconData.pairs.slice(i, i + 2));
  const near = new Map<number, number[]>();
  const add = (a: string, b: string, wi: number) => {
    const ca = a.charCodeAt(0);
    const cb = b.charCodeAt(0);
    const k = pairKey(ca, cb);
    const list = near.get(k);
    if (list) list.push(wi, ca, cb);
    else near.set(k, [wi, ca, cb]);
  };
  words.forEach((w, wi) => {
    if (FUNCTION_CHARS.has(w[0]) || FUNCTION_CHARS.has(w[1])) return;
    for (const x of confusables(w[0], KINDS)) add(x, w[1], wi);
    for (const y of confusables(w[1], KINDS)) add(w[0], y, wi);
  });
  const nearBits = new HashBits(NEAR_BITS);
  for (const k of near.keys()) nearBits.add(k << 2); // the pair's hash, back from its key
  return { words, words2: new Set(words), near, nearBits };
}

/** Longest quotation treated as a coined term (“非粮化”, “平急两用”): writers quote the words they coin. */
const SHORT_QUOTE = 8;

function inShortQuote(text: string, i: number): boolean {
  // Look back and ahead at most SHORT_QUOTE characters (a search to the start of a long page would be quadratic).
  let open = -1;
  for (let k = i; k >= Math.max(0, i - SHORT_QUOTE); k--) {
    const c = text[k];
    if (c === '“') {
      open = k;
      break;
    }
    if (c === '”') return false;
  }
  if (open === -1) return false;
  for (let k = i; k <= Math.min(text.length - 1, open + SHORT_QUOTE + 1); k++) {
    if (text[k] === '”') return true;
    if (text[k] === '“') return false;
  }
  return false;
}

/** Whether the character at `at` is a word of its own in the cut. */
const isFragment = (cut: number[], at: number) => at >= 0 && cut.includes(at) && cut.includes(at + 1);

/** Whether one word of a cut (boundaries) covers [start, end): the word itself or a longer one (积极性). */
function coveredByOneWord(cut: number[], start: number, end: number): boolean {
  for (let k = 0; k + 1 < cut.length; k++) if (cut[k] <= start && cut[k + 1] >= end) return true;
  return false;
}

/** Whether the character at p is locked as a name, a title or the footer (WHOLE), or guessed to be a name (GUESSED). */
const named = (lock: Uint8Array, p: number) => lock[p] === WHOLE || lock[p] === GUESSED;

/**
 * `bounds`, each moved by `by` (in place). A loop, not `map` with an arrow: an arrow over `correction`'s
 * variables makes V8 allocate their context at every call of it, once per pair of the text (about 100 MB a
 * pass over the work reports).
 */
function shifted(bounds: number[], by: number): number[] {
  for (let k = 0; k < bounds.length; k++) bounds[k] += by;
  return bounds;
}

/**
 * The correction of the pair at i, or undefined: every rule of the file header, cheapest first. `ruledOut`
 * (whether the caller would drop any correction at i) is asked before the first segmentation of a window.
 */
function correction(seg: Segmenter, text: string, i: number, idx: Index, ruledOut: (i: number) => boolean): { word: string; open: number } | undefined {
  const a = text.charCodeAt(i);
  const b = text.charCodeAt(i + 1);
  const hash = pairHash(a, b);
  if (!idx.nearBits.has(hash)) return undefined;
  const hits = idx.near.get(hash >>> 2);
  if (!hits) return undefined;
  const pair = text.slice(i, i + 2);
  if (FUNCTION_CHARS.has(pair[0]) || FUNCTION_CHARS.has(pair[1]) || idx.words2.has(pair)) return undefined;
  // A pair inside a 成语 or term of the lexicon (正风 in 正风肃纪) is no slip.
  const lex = fourCharLexicon();
  for (let s = Math.max(0, i - 2); s <= i; s++) if (lexiconEntryAt(lex, text, s)) return undefined;
  if (inShortQuote(text, i) || seg.isWord(pair)) return undefined;
  let cut: number[] | undefined;
  let win: { from: number; text: string } | undefined;
  for (let h = 0; h < hits.length; h += 3) {
    if (hits[h + 1] !== a || hits[h + 2] !== b) continue; // a hash collision
    const word = idx.words[hits[h]];
    const open = word[0] === pair[0] ? 1 : 0;
    // Cheap before segmenting: a written character that makes a word with its other neighbour is
    // seldom left on its own.
    const outer = open === 0 ? text.slice(i - 1, i + 1) : text.slice(i + 1, i + 3);
    if (outer.length === 2 && seg.isWord(outer)) continue;
    if (!win) {
      // What the caller checks of any correction at i, before jieba segments: four pairs in five that reach here on the work reports.
      if (ruledOut(i)) return undefined;
      const from = Math.max(0, i - CONTEXT);
      win = { from, text: text.slice(from, Math.min(text.length, i + 2 + CONTEXT)) };
      cut = shifted(boundaries(seg.cut(win.text)), from);
      // The written character must stand alone …
      if (!(cut.includes(i + open) && cut.includes(i + open + 1))) return undefined;
      // … and not be part of a person's name.
      if (isFragment(cut, i - 1) && SURNAMES.has(text[i - 1])) return undefined;
      if (open === 1 && isFragment(cut, i) && SURNAMES.has(pair[0])) return undefined;
    } else if (!(cut!.includes(i + open) && cut!.includes(i + open + 1))) continue;
    // The corrected text segments into the word (or a longer one holding it), in fewer pieces.
    const at = i - win.from;
    const cut2 = shifted(boundaries(seg.cut(win.text.slice(0, at) + word + win.text.slice(at + 2))), win.from);
    if (cut2.length >= cut!.length || !coveredByOneWord(cut2, i, i + 2)) continue;
    return { word, open };
  }
  return undefined;
}

export default defineCheck({
  meta: {
    id: 'typo-fragment',
    category: 'typo',
    defaultSeverity: 'deduct',
    indicator: TYPO_INDICATOR,
    description: {
      'zh-CN':
        '查找双字词中的错别字：分词后单独成“碎片”的字，与相邻的字组成的两字串换一个同音或形近字后正好是公文常用词（建没→建设），且改正后分词更完整（该词成词、片段更少）时报告。虚词（的、在、了……）两侧不报。',
      en: 'Finds wrong characters in two-character words: a character that segmentation leaves on its own which, replaced by a same-sound or similar-shape character, makes a word of official writing with its neighbour, where the corrected text segments into that word with fewer pieces. Function characters are left alone.',
    },
    messages: {
      fragment: SLIP_MESSAGE,
    },
  },

  run(ctx: CheckContext) {
    const seg = ctx.segmenter;
    const model = ctx.languageModel;
    if (!seg || !model) return;
    index ??= buildIndex();
    const text = ctx.model.text;
    // The model's segmentation, protections and confidence (lib/lm), shared with typo-context.
    const { single } = segmentationOf(model, text);
    let locks: Uint8Array | undefined;
    // Whatever the correction: a form written twice, a parallel construction, a name, a title or the footer.
    const ruledOut = (i: number): boolean => {
      const lock = (locks ??= protectedMask(model, text, ctx.model.footer));
      return named(lock, i) || named(lock, i + 1) || inParallelPairs(text, i) || writtenTwice(text, i, i + 2);
    };
    let lastEnd = -1;
    for (let i = 0; i + 2 <= text.length; i++) {
      if ((i & 0x3fff) === 0) ctx.checkBudget();
      if (i < lastEnd || !isHan(text.charCodeAt(i)) || !isHan(text.charCodeAt(i + 1))) continue;
      // The model's segmentation (shared with the other checks of the scan) leaves one of the two on its own:
      // a pair inside a word of the text is no fragment. Cheapest, so here, before a call per pair.
      if (!single[i] && !single[i + 1]) continue;
      const fix = correction(seg, text, i, index, ruledOut);
      if (!fix) continue;
      const written = text.slice(i, i + 2);
      const lock = (locks ??= protectedMask(model, text, ctx.model.footer));
      // The changed character must be free (SELF, WORD: a lexicon word or a numeral keeps its characters);
      // the other may be kept but not be a name, a title or the footer (`ruledOut`).
      if (lock[i + fix.open]) continue;
      const afterLevel = i > 0 && LEVELS.includes(text[i - 1]) && single[i - 1] === 1;
      if (editGain(model, text, i, i + 2, fix.word) < (afterLevel ? AFTER_LEVEL_MARGIN : LM_MARGIN)) continue;
      ctx.report({
        messageId: 'fragment',
        data: { written, right: fix.word, wrongChar: written[fix.open], rightChar: fix.word[fix.open] },
        start: i,
        end: i + 2,
        suggestion: fix.word,
      });
      lastEnd = i + 2;
    }
  },
});
