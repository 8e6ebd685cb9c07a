/**
 * Context slips found by the n-gram model. The text is segmented once (unigram dynamic programme over the
 * model's vocabulary, non-Chinese characters as hard boundaries); a character the segmentation leaves on
 * its own where the model knows no bigram on one of its sides is a suspect. For each suspect, candidates
 * are the words one confusable character away (same sound, other tone, similar shape): the character
 * alone, or a vocabulary word of 2–4 characters over whole tokens around it. A cheap bigram bound drops
 * hopeless candidates; each remaining one is decoded by beam search in a window of tokens around it (a
 * lattice of the text's own words plus the candidate, 3-gram scores, history before and look-ahead after)
 * and proposed when the best path takes it and beats the text as written by `margin` log10 units after
 * its change cost.
 */
import { confusableCodes, confusionKind, WildcardIndex } from './confusion-index';
import { decode, decodedThrough, WordLattice, type Arc } from './lattice';
import { homophoneIndex, otherTone } from './homophones';
import { GUESSED, SELF, WHOLE, WORD } from './locks';
import { UNK, type LanguageModel } from './model';
import { computeWordNeighbours, tabledNeighbours, wordNeighbourTable } from './word-neighbours';

/**
 * The detector's settings: what a change costs, the margin a candidate must win by, which characters are suspects
 * and which candidates are tried, and how wide the decoding looks. Scores and costs are log10 probabilities.
 */
export interface DetectParams {
  /**
   * Change cost (log10) of a same-sound, other-tone, similar-shape (pycorrector's tables) and alike-rendered
   * (lib/data/confusion/glyph.json) character; `homophone`: of a two-character word replaced whole by a word
   * of the same sounds (plus `tone` per character of another tone; Infinity: never tried).
   */
  cost: { sound: number; tone: number; shape: number; glyph: number; homophone: number };
  /** Minimum gain over the text as written, after the cost. */
  margin: number;
  /**
   * How much less a word of the text replaced by another word one character away must win by (置业 →
   * 职业). Such a proposal survives only where jieba's dictionary lacks the written word too (typo-context),
   * so it is a rare or stray entry of the model's vocabulary, and the full margin asked too much: on the dev
   * set's input-method swaps 1.5 finds a third more, with no new false alarm on the work reports 1990–2025
   * or gov_pages (1 brings one).
   */
  wordDiscount: number;
  /**
   * The gain a proposal needs where it covers what is only guessed to be a name or quoted as issued
   * (GUESSED in lib/lm/locks.ts: single characters before 区, 市场, 医疗 …, a short item of a list, a
   * 《title》, a short quotation). The highest gain of such a proposal on correct text measured (the work
   * reports 1990–2025, gov_pages) is 3.82 (康悦医疗; 3.52 in quotations, “多予少取”; none of 3 in titles);
   * the dev set's slips there reach 11.3 (棚互区), and 4.5 lets four of nine through.
   */
  nameMargin: number;
  /**
   * The gain that is enough, below `nameMargin`, where the context speaks against the written word on every
   * side: it pairs with no neighbouring token the model knows, and the proposed word pairs with each
   * (`speaksAgainst`; 接受义乌教育 → 义务). The highest such gain of a guessed name or vocabulary word on correct
   * text measured (the work reports 1954–2025, gov_pages) is 3.25 (绍兴新鉴乡 → 新建, 1955).
   */
  fitMargin: number;
  /**
   * How much less a proposal over one whole token of the text must win by where the context speaks against
   * that token on every side (`speaksAgainst`: 群众的生活玄很困难 → 还, 结构幼滑升级 → 优化). Below the margin,
   * the highest such gain on correct text measured (the work reports 1954–2025, gov_pages, the dev set's
   * clean half) is 2.68 (已耕的土地 → 更, 1955). On the dev set 0.3 (2.7 at the default margin) finds seven
   * more slips with no new false alarm anywhere measured; 0.5 finds ten (and 已耕), 1 twenty-one, with two
   * false alarms on gov_pages (区贵屿 → 与, a place name) and one on the 2021–2025 reports (寓管理于服务 → 与).
   */
  fitDiscount: number;
  /** A single character proposed as a word of its own must be at least this probable (log10 unigram). */
  singleMin: number;
  /**
   * Beam width: the hypotheses kept per position of a window. 2: the dev set's findings are the same with 2 as
   * with 6 (and every other set's of `npm run eval`, and the work reports'); 1 loses 4 of the dev set's. A
   * window is a few tokens of the text's own words and one candidate, so few paths compete.
   */
  beam: number;
  /** Tokens of context on each side of a candidate. */
  context: number;
  /** Extra cost of replacing a word of the text by another word (Infinity: words of the text never change). */
  wordCost: number;
  /** Words of the text more probable than this (log10 unigram) are not tried as whole words. */
  wordMax: number;
  /**
   * A single character is a suspect when a side has no bigram the model knows, or one below this log10
   * probability (−Infinity: unknown bigrams only; 0: every single character).
   */
  trigger: number;
  /**
   * Candidates whose bigram gain is below margin − prefilter are not decoded. 2.5: on the dev set no
   * candidate that the decoding accepts had a bigram gain below 0.5 (3 decoded a third more candidates, and
   * on the work reports the ones it alone kept were traditional characters read as slips: 個 → 个).
   */
  prefilter: number;
  /**
   * The same for a word of 2–4 characters over the tokens around a one-character suspect (`around`): most
   * candidates are of this kind (on the work reports 14,400 of 17,800), and its bigram bound is closer to
   * what the decoding finds. On the dev set no such candidate that the decoding accepts had a bigram gain
   * below 1.36 (540 of 2,082); 1.7 (a threshold of 1.3) decodes a third fewer of them on the work reports.
   */
  spanPrefilter: number;
}

/** The settings the context typo check (lib/checks/typo-context.ts) runs with; its `margin` option replaces only the margin. */
export const DEFAULT_PARAMS: DetectParams = {
  cost: { sound: 1.5, tone: 2.5, shape: 3, glyph: 2.5, homophone: 1 },
  margin: 3,
  wordDiscount: 1.5,
  nameMargin: 4.5,
  fitMargin: 3.5,
  fitDiscount: 0.3,
  singleMin: -4.5,
  beam: 2,
  context: 2,
  prefilter: 2.5,
  spanPrefilter: 1.7,
  trigger: -Infinity,
  wordCost: 0,
  wordMax: -5,
};

/**
 * One slip the detector proposes: `word` in place of the text's [start, end), differing from it in the one
 * character at `at`. At most one per character: the candidate that wins by most.
 */
export interface Proposal {
  start: number;
  end: number;
  /** The decoded word (the suggestion). */
  word: string;
  /** Offset of the changed character. */
  at: number;
  kind: 'sound' | 'tone' | 'shape' | 'glyph' | 'homophone';
  /** Gain of the best path over the text as written, after the change cost (log10). */
  margin: number;
}

const KINDS = [undefined, 'sound', 'tone', 'shape', 'glyph', 'homophone'] as const;
/** Extra cost of each character of another tone in a whole-word homophone change. */
const HOMOPHONE_TONE = 0.5;
/** Kind code of a whole-word homophone change (after the confusion kinds of confusion-index.ts). */
const HOMOPHONE = 5;
/** Token id of a non-Chinese character: a hard boundary (no history crosses it). */
export const BREAK = -2;

/** CJK Unified Ideographs: the characters the model's vocabulary is made of. */
export const isHanCode = (c: number): boolean => c >= 0x4e00 && c <= 0x9fff;
/** Numerals: a single character is never changed into one, nor a character beside a number (市二届 → 十二届 rewrites a number, not a slip). */
const NUMERAL_CODES = new Set([...'〇零一二三四五六七八九十百千万亿两'].map((c) => c.charCodeAt(0)));
/** The formal numerals (大写数字) of amounts. */
const FORMAL_NUMERALS = new Set([...'壹贰叁肆伍陆柒捌玖拾佰仟'].map((c) => c.charCodeAt(0)));
/** Characters of a number: the numerals, formal or not, and the digits. */
const isNumberChar = (c: number): boolean => NUMERAL_CODES.has(c) || FORMAL_NUMERALS.has(c) || (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
/**
 * Whether writing the numeral `code` at `at` would make (or change) a number: a numeral or digit stands
 * beside it, or is the written character itself (第壹 is a formal numeral, not a slip for 第一). Inside a
 * word candidate a numeral beside other characters is the word's own (千方摆计 → 千方百计, 漪带一路 →
 * 一带一路), where 市二届 → 十二届 would rewrite a number.
 */
const makesNumber = (text: string, at: number, code: number): boolean =>
  NUMERAL_CODES.has(code) &&
  (isNumberChar(text.charCodeAt(at)) || (at > 0 && isNumberChar(text.charCodeAt(at - 1))) || (at + 1 < text.length && isNumberChar(text.charCodeAt(at + 1))));

const indexes = new WeakMap<LanguageModel, WildcardIndex>();

/** The wildcard index of a model, built once on first use. */
export function wildcardIndex(model: LanguageModel): WildcardIndex {
  let idx = indexes.get(model);
  if (!idx) indexes.set(model, (idx = new WildcardIndex(model)));
  return idx;
}

/** Growable scratch buffers (one detection at a time: the engine is synchronous). */
let cap = 0;
let best = new Float64Array(0);
let back = new Int32Array(0);
let backId = new Int32Array(0);
let tokStart = new Int32Array(0);
let tokId = new Int32Array(0);
let tokAt = new Int32Array(0);
const endsBuf = new Int32Array(16);
const idsBuf = new Int32Array(16);

function ensure(n: number): void {
  if (n + 2 <= cap) return;
  cap = Math.max(n + 2, cap * 2, 1024);
  best = new Float64Array(cap);
  back = new Int32Array(cap);
  backId = new Int32Array(cap);
  tokStart = new Int32Array(cap);
  tokId = new Int32Array(cap);
  tokAt = new Int32Array(cap);
}

/**
 * Segments the whole text into the scratch arrays: tokens [tokStart[k], tokStart[k + 1]) with ids tokId[k]
 * (UNK for an unknown Chinese character, BREAK for any other character). Returns the token count.
 */
let lastSegmented: { model: LanguageModel; text: string; count: number } | undefined;

function segmentAll(model: LanguageModel, text: string): number {
  // The checks of one scan segment the same text (the protections, then the detector): the scratch arrays
  // still hold it.
  if (lastSegmented && lastSegmented.model === model && lastSegmented.text === text) return lastSegmented.count;
  const count = segmentInto(model, text);
  lastSegmented = { model, text, count };
  return count;
}

function segmentInto(model: LanguageModel, text: string): number {
  const n = text.length;
  ensure(n);
  best.fill(-Infinity, 0, n + 1);
  best[0] = 0;
  const unk = model.unk;
  for (let p = 0; p < n; p++) {
    const base = best[p];
    const code = text.charCodeAt(p);
    if (!isHanCode(code)) {
      // Non-Chinese characters cost nothing and cut the text: every path goes through them.
      best[p + 1] = base;
      back[p + 1] = p;
      backId[p + 1] = BREAK;
      continue;
    }
    const m = model.wordsAt(text, p, n, endsBuf, idsBuf);
    if (m === 0 || endsBuf[0] !== p + 1) {
      const s = base + unk;
      if (s > best[p + 1]) {
        best[p + 1] = s;
        back[p + 1] = p;
        backId[p + 1] = UNK;
      }
    }
    for (let k = 0; k < m; k++) {
      const e = endsBuf[k];
      const s = base + model.unigram(idsBuf[k]);
      if (s > best[e]) {
        best[e] = s;
        back[e] = p;
        backId[e] = idsBuf[k];
      }
    }
  }
  // Backtrack into the token arrays (reversed, then flipped in place).
  let count = 0;
  for (let e = n; e > 0; e = back[e]) {
    tokStart[count] = back[e];
    tokId[count] = backId[e];
    count++;
  }
  for (let a = 0, b = count - 1; a < b; a++, b--) {
    const s = tokStart[a];
    tokStart[a] = tokStart[b];
    tokStart[b] = s;
    const i = tokId[a];
    tokId[a] = tokId[b];
    tokId[b] = i;
  }
  tokStart[count] = n;
  for (let k = 0; k < count; k++) for (let p = tokStart[k], e = tokStart[k + 1]; p < e; p++) tokAt[p] = k;
  return count;
}

/** The model's segmentation of the whole text (copies of the scratch arrays): tokens [starts[k], starts[k + 1]). */
export function segmentText(model: LanguageModel, text: string): { starts: Int32Array; ids: Int32Array; count: number } {
  const count = segmentAll(model, text);
  return { starts: tokStart.slice(0, count + 1), ids: tokId.slice(0, count), count };
}

/**
 * Per model, the word branch's candidates of each vocabulary word, looked up once per word: a text's rare
 * words recur (59,000 occurrences of 8,000 words on the work reports). The words of its length one
 * confusable character away, as quads (offset of the changed character, word id, kind, the new character)
 * in the order `around` finds them, for a model without its word-neighbour table (lib/lm/word-neighbours.ts).
 * Cleared past PER_WORD_MAX words (a long-lived worker).
 */
const perWord = new WeakMap<LanguageModel, Map<number, Int32Array>>();
const PER_WORD_MAX = 50_000;

/** Forgets the words' candidates found so far (the benchmark measures each pass as if it were the first). */
export function forgetWordCandidates(model: LanguageModel): void {
  perWord.delete(model);
}

/** The model's per-word map of neighbours. */
function perWordMap(model: LanguageModel): Map<number, Int32Array> {
  let map = perWord.get(model);
  if (!map) perWord.set(model, (map = new Map()));
  return map;
}

/**
 * Stores `list` as the entry of `id` in a per-word map. (Callers look the entry up first and make the list
 * only when it is missing: an arrow to make it, passed on every call, would be allocated on every call.)
 */
function storeWordEntry(byId: Map<number, Int32Array>, id: number, list: number[]): Int32Array {
  if (byId.size >= PER_WORD_MAX) byId.clear();
  const got = Int32Array.from(list);
  byId.set(id, got);
  return got;
}

/**
 * Per model, the whole-word homophones of every two-character word, built once with the model (prepareModel):
 * `pairs[2 * start[id] … 2 * start[id + 1])` holds, for word `id`, the words of the same sounds with both
 * characters changed (one is the one-character candidates' business), neither into a numeral, as pairs (word
 * id, count of its characters of another tone), in the homophone index's order. 192,000 pairs for the 59,000
 * words that have any: 2 MB, built in about 50 ms, where a pass looked each word up anew (2 % of it).
 */
const homophoneTables = new WeakMap<LanguageModel, { start: Int32Array; pairs: Int32Array }>();

export function wordHomophoneTable(model: LanguageModel): { start: Int32Array; pairs: Int32Array } {
  let table = homophoneTables.get(model);
  if (table) return table;
  const { keys, ids } = homophoneIndex(model);
  const { words } = model;
  // Whether b is a whole-word homophone of a (same key): both characters changed, neither into a numeral.
  const alike = (a: string, b: string) => {
    const c0 = b.charCodeAt(0);
    const c1 = b.charCodeAt(1);
    return c0 !== a.charCodeAt(0) && c1 !== a.charCodeAt(1) && !NUMERAL_CODES.has(c0) && !NUMERAL_CODES.has(c1);
  };
  const start = new Int32Array(model.size + 1);
  // Two passes over the groups of one key: the counts, then the pairs.
  const groups = (each: (i: number, j: number) => void) => {
    for (let i = 0; i < keys.length; ) {
      let j = i + 1;
      while (j < keys.length && keys[j] === keys[i]) j++;
      each(i, j);
      i = j;
    }
  };
  groups((i, j) => {
    for (let a = i; a < j; a++) for (let b = i; b < j; b++) if (alike(words[ids[a]], words[ids[b]])) start[ids[a] + 1]++;
  });
  for (let id = 0; id < model.size; id++) start[id + 1] += start[id];
  const pairs = new Int32Array(2 * start[model.size]);
  const at = start.slice(0, model.size);
  groups((i, j) => {
    for (let a = i; a < j; a++) {
      const wa = words[ids[a]];
      for (let b = i; b < j; b++) {
        const wb = words[ids[b]];
        if (!alike(wa, wb)) continue;
        const tones = (otherTone(wa.charCodeAt(0), wb.charCodeAt(0)) ? 1 : 0) + (otherTone(wa.charCodeAt(1), wb.charCodeAt(1)) ? 1 : 0);
        const q = 2 * at[ids[a]]++;
        pairs[q] = ids[b];
        pairs[q + 1] = tones;
      }
    }
  });
  table = { start, pairs };
  homophoneTables.set(model, table);
  return table;
}

/**
 * The words of the length of word `id` one confusable character away: from the table built with the
 * model (lib/lm/word-neighbours.ts) where one is attached, else found here once per word (see `perWord`).
 */
function wordNeighbours(model: LanguageModel, idx: WildcardIndex, id: number): Int32Array {
  const tabled = tabledNeighbours(model, id);
  if (tabled) return tabled;
  const byId = perWordMap(model);
  return byId.get(id) ?? storeWordEntry(byId, id, computeWordNeighbours(model, idx, id));
}

/**
 * Per model and lexicon flags (`vocabulary`, per word id): for each two-character word of the 公文
 * vocabulary (WORD), the two-character words of the lexicons one confusable character away, as quads
 * (offset of the changed character, word id, kind, the new character). An index like the wildcard index:
 * built once (about 6,000 words; at model load in the background and the benchmark), not per pass.
 */
const vocabularyTables = new WeakMap<Uint8Array, Map<number, Int32Array>>();

export function vocabularyNeighbours(model: LanguageModel, vocabulary: Uint8Array): Map<number, Int32Array> {
  let table = vocabularyTables.get(vocabulary);
  if (table) return table;
  table = new Map();
  const idx = wildcardIndex(model);
  const out: number[] = [];
  for (let id = 0; id < vocabulary.length; id++) {
    if (vocabulary[id] !== WORD || model.words[id].length !== 2) continue;
    out.length = 0;
    // The word's neighbours of the lexicons: those of the word-neighbour table (or found as the table
    // would hold them) that the lexicons have, in the same order.
    const near = wordNeighbours(model, idx, id);
    for (let q = 0; q < near.length; q += 4) if (vocabulary[near[q + 1]]) out.push(near[q], near[q + 1], near[q + 2], near[q + 3]);
    if (out.length) table.set(id, Int32Array.from(out));
  }
  vocabularyTables.set(vocabulary, table);
  return table;
}

const NO_NEIGHBOURS = new Int32Array(0);

/** Per model and threshold: for each written character, the one-character words it may stand for. */
const singleTables = new WeakMap<LanguageModel, Map<number, Map<number, { ids: Int32Array; kinds: Uint8Array }>>>();
const DE = new Set([...'的地得'].map((c) => c.charCodeAt(0)));

/**
 * The confusable characters of `written` that the model knows as words of at least `min` log10
 * probability, with the kind of each; numerals never (a number is the numbers' business), nor 的/地/得 for
 * one another (typo-de reads their grammar). Built once per character.
 */
function singleCandidates(model: LanguageModel, written: number, min: number): { ids: Int32Array; kinds: Uint8Array } {
  let byMin = singleTables.get(model);
  if (!byMin) singleTables.set(model, (byMin = new Map()));
  let table = byMin.get(min);
  if (!table) byMin.set(min, (table = new Map()));
  let got = table.get(written);
  if (got) return got;
  const ids: number[] = [];
  const kinds: number[] = [];
  for (const code of confusableCodes(written)) {
    if (NUMERAL_CODES.has(code) || (DE.has(written) && DE.has(code))) continue;
    const id = model.charId(code);
    if (id === UNK || model.unigram(id) < min) continue;
    ids.push(id);
    kinds.push(confusionKind(written, code));
  }
  got = { ids: Int32Array.from(ids), kinds: Uint8Array.from(kinds) };
  table.set(written, got);
  return got;
}

/**
 * A span a candidate word may replace around a one-character suspect: any of 2–4 characters, also cutting
 * into a neighbouring token (the segmentation glues a slip's neighbour into a wrong word: 外交/工/左 reads
 * 交工/左, 和服/勿 for 和/服务; the decoding re-segments what is left of it).
 */
const anySpan = (): boolean => true;

interface Cand {
  arc: Arc;
  at: number;
  kind: number;
  /** A word of the text replaced by another (the margin less `wordDiscount`). */
  word?: boolean;
  /** It covers a guessed name (at least `nameMargin`). */
  named?: boolean;
}

/**
 * Proposals over `text`. `locked` (when given) marks characters that must not change (SELF), not be
 * covered by a proposal at all (WHOLE), or only by one that wins by `nameMargin` (GUESSED; WORD where the
 * proposal changes the character): names, titles, the project's lexicons (lib/lm/protect.ts
 * protectedMask). `vocabulary` (per word id, non-zero for a word of the lexicons) lets a common word of
 * the 公文 vocabulary (WORD) be tried as a whole word, changed into another word of the lexicons.
 */
export function detect(model: LanguageModel, text: string, params: DetectParams = DEFAULT_PARAMS, locked?: Uint8Array, vocabulary?: Uint8Array): Proposal[] {
  /** The character must stay as written. */
  const fixed = (p: number) => locked !== undefined && (locked[p] === SELF || locked[p] === WHOLE);
  /** The character is kept by a lock or a lexicon: never part of a whole-word homophone change. */
  const kept = (p: number) => locked !== undefined && locked[p] !== 0 && locked[p] !== GUESSED;
  /** Whether [s, e) covers, beside the changed character `at`, one that no proposal may cover. */
  const coversWhole = (s: number, e: number, at: number) => {
    if (locked) for (let p = s; p < e; p++) if (p !== at && locked[p] === WHOLE) return true;
    return false;
  };
  /** Whether [s, e) covers a guessed name, or changes a 公文 word at `at` (-1: every character changes). */
  const named = (s: number, e: number, at: number) => {
    if (locked) for (let p = s; p < e; p++) if (locked[p] === GUESSED || (locked[p] === WORD && (at < 0 || p === at))) return true;
    return false;
  };
  const idx = wildcardIndex(model);
  const vocabTable = vocabulary ? vocabularyNeighbours(model, vocabulary) : undefined;
  const neighbourTable = wordNeighbourTable(model);
  const count = segmentAll(model, text);
  const len = (k: number) => tokStart[k + 1] - tokStart[k];
  const idOf = (k: number) => (k >= 0 && k < count ? tokId[k] : BREAK);
  const costOf = (kind: number) => (kind === 1 ? params.cost.sound : kind === 2 ? params.cost.tone : kind === 3 ? params.cost.shape : params.cost.glyph);
  const homophones = wordHomophoneTable(model);
  const tryHomophones = params.cost.homophone < Infinity;

  const cands: Cand[] = [];
  const threshold = params.margin - params.prefilter;
  const spanThreshold = params.margin - params.spanPrefilter;
  const wordThreshold = threshold - params.wordDiscount;
  // What a word of the vocabulary needs before decoding: it changes only by `nameMargin` (or `fitMargin`,
  // where every side speaks against it: the dev set finds the same with 1 as with 2).
  const nameThreshold = params.nameMargin - params.prefilter;
  // Whether the model knows the bigram of tokens k and k + 1 (true where either is no word): each boundary
  // serves the token on both sides, so the last one asked is kept.
  let memoK = -2;
  let memoKnown = true;
  const knownPair = (k: number): boolean => {
    if (k === memoK) return memoKnown;
    const a = idOf(k);
    const b = idOf(k + 1);
    memoK = k;
    memoKnown = a < 0 || b < 0 || (model.hasBigram(a, b) && (params.trigger === -Infinity || model.bigramLogp(a, b) >= params.trigger));
    return memoKnown;
  };
  // The word-span branch's callback, made once: an arrow made in the loop would make V8 allocate the loop
  // body's variables anew for every token. `aroundAt`: the suspect; the written side's score is kept per span
  // of tokens (the spans of one suspect are few, their candidates many).
  let aroundAt = -1;
  let spanK0 = -1;
  let spanK1 = -1;
  let spanWritten = 0;
  const spanFound = (s: number, e: number, wid: number, kind: number, code: number) => {
    const at = aroundAt;
    if (makesNumber(text, at, code) || coversWhole(s, e, at)) return;
    const k0 = tokAt[s];
    const k1 = tokAt[e - 1];
    if (k0 !== spanK0 || k1 !== spanK1) {
      spanK0 = k0;
      spanK1 = k1;
      spanWritten = writtenScore(model, k0, k1, count);
    }
    const cost = costOf(kind);
    if (!candidateReaches(model, k0, k1, count, wid, spanWritten, cost, spanThreshold)) return;
    cands.push({ arc: { start: s, end: e, id: wid, cost, cand: 0 }, at, kind, named: named(s, e, at) });
  };
  for (let k = 0; k < count; k++) {
    const id = tokId[k];
    if (id === BREAK) continue;
    const size = len(k);
    if (size > 1 && !(params.wordCost < Infinity && size <= 4)) continue; // a word of the text stays
    // A common word of 3–4 characters is never tried (`wordMax` below; only two-character words have homophones).
    if (size > 2 && id !== UNK && model.unigram(id) > params.wordMax) continue;
    // Before the bigram test, what the branches below would try. A single character: nothing where it is
    // locked. A word: its homophones (a two-character word no lexicon keeps), and the words one confusable
    // character away, near[nearFrom, nearTo) (see the word branch); a word with neither is not tested.
    let alikeTried = false;
    let near: Int32Array = NO_NEIGHBOURS;
    let nearFrom = 0;
    let nearTo = 0;
    if (size === 1) {
      if (fixed(tokStart[k])) continue;
    } else {
      const s0 = tokStart[k];
      // Only a word that has homophones (one in nine of the text's words has neither them nor neighbours: no bigram test).
      alikeTried = size === 2 && tryHomophones && !kept(s0) && !kept(s0 + 1) && homophones.start[id + 1] > homophones.start[id];
      // A common word of the vocabulary changes only into another word of it.
      const common = id !== UNK && model.unigram(id) > params.wordMax;
      if (!common || (vocabulary !== undefined && locked?.[s0] === WORD && locked[s0 + 1] === WORD)) {
        if (neighbourTable && !(common && vocabTable)) {
          near = neighbourTable.quads;
          nearFrom = 4 * neighbourTable.start[id];
          nearTo = 4 * neighbourTable.start[id + 1];
        } else {
          near = common && vocabTable ? (vocabTable.get(id) ?? NO_NEIGHBOURS) : wordNeighbours(model, idx, id);
          nearTo = near.length;
        }
      }
      if (!alikeTried && nearFrom === nearTo) continue;
    }
    // Suspect: a side without a bigram the model knows (or no neighbour at all).
    const prev = idOf(k - 1);
    const next = idOf(k + 1);
    if (id !== UNK && (prev >= 0 || next >= 0) && knownPair(k - 1) && knownPair(k)) continue;
    if (alikeTried) {
      // A pinyin input method's slip: the whole word replaced by another word of the same sounds (规模 →
      // 鬼魔, 依托 → 一坨), both characters changed. Not a word of the lexicons (SELF, WORD: 市场 has many
      // homophones, and the dev set finds no slip there that the word branch misses).
      const s0 = tokStart[k];
      const alike = homophones.pairs;
      const from = 2 * homophones.start[id];
      const to = 2 * homophones.start[id + 1];
      const written = to > from ? writtenScore(model, k, k, count) : 0;
      for (let q = from; q < to; q += 2) {
        const cost = params.cost.homophone + alike[q + 1] * HOMOPHONE_TONE;
        if (!candidateReaches(model, k, k, count, alike[q], written, cost, threshold)) continue;
        cands.push({ arc: { start: s0, end: s0 + 2, id: alike[q], cost, cand: 0 }, at: s0, kind: HOMOPHONE, named: named(s0, s0 + 2, -1) });
      }
    }
    if (size > 1) {
      // A real word in the wrong place (置业培训 for 职业培训): the token itself replaced by a word of the
      // same length one confusable character away, at an extra cost. Only words rarer than `wordMax`: a
      // common word is almost never beaten by its neighbour by the margin, and they are most of a text;
      // but a 公文 word of the vocabulary (WORD) is tried whatever its frequency, since an input method
      // turns one into another (市场 → 市长, 国际 → 国籍), and it changes only by `nameMargin`.
      const s0 = tokStart[k];
      const e0 = s0 + size;
      const written = nearTo > nearFrom ? writtenScore(model, k, k, count) : 0;
      for (let q = nearFrom; q < nearTo; q += 4) {
        const at = s0 + near[q];
        const code = near[q + 3];
        if (fixed(at) || makesNumber(text, at, code) || coversWhole(s0, e0, at)) continue;
        const cost = costOf(near[q + 2]) + params.wordCost;
        if (!candidateReaches(model, k, k, count, near[q + 1], written, cost, locked?.[at] === WORD ? nameThreshold : wordThreshold)) continue;
        cands.push({ arc: { start: s0, end: e0, id: near[q + 1], cost, cand: 0 }, at, kind: near[q + 2], word: true, named: named(s0, e0, at) });
      }
      continue;
    }
    const at = tokStart[k];
    if (fixed(at)) continue;
    const h = prev < 0 ? UNK : prev;
    const n1 = next < 0 ? UNK : next;
    // The cheap bound (bigrams only, tokens around fixed) before any decoding.
    const orig = model.bigramLogp(h, id) + (n1 === UNK ? 0 : model.bigramLogp(id, n1));
    const written = text.charCodeAt(at);
    const singles = singleCandidates(model, written, params.singleMin);
    for (let q = 0; q < singles.ids.length; q++) {
      const cid = singles.ids[q];
      const kind = singles.kinds[q];
      const cost = costOf(kind);
      // The second bigram is read only where the first leaves room (no logp is above maxLogp): `candidateReaches`
      // written out with the suspect's neighbours, which a call per candidate would read again (1.03 in bench-ab).
      const first = model.bigramLogp(h, cid);
      if (n1 !== UNK && first + model.maxLogp - orig - cost < threshold) continue;
      const alt = first + (n1 === UNK ? 0 : model.bigramLogp(cid, n1));
      if (alt - orig - cost < threshold) continue;
      cands.push({ arc: { start: at, end: at + 1, id: cid, cost, cand: 0 }, at, kind, named: named(at, at + 1, at) });
    }
    aroundAt = at;
    spanK0 = -1;
    spanK1 = -1;
    idx.around(text, at, 0, text.length, anySpan, spanFound);
  }
  if (!cands.length) return [];

  const bestAt = new Map<number, Proposal>();
  /** Per window (its start and length): the score of the text as written. */
  const windows = new Map<number, number>();
  // Decisions by content (the window's text, its history and look-ahead, the candidate): a text that repeats
  // itself (a hostile page, a table of one phrase) is decoded once per distinct window, not once per copy.
  const decided = new Decisions(text);
  // The text's words from each offset, for every window that holds it (decode passes over the words that
  // run past a window's end).
  const lattice = textLattice.reset(model, text);
  for (let ci = 0; ci < cands.length; ci++) {
    const c = cands[ci];
    const k0 = tokAt[c.arc.start];
    const k1 = tokAt[c.arc.end - 1];
    // The window: `context` tokens each side, within the run of Chinese text.
    let w0 = k0;
    let w1 = k1;
    for (let i = 0; i < params.context && w0 > 0 && tokId[w0 - 1] !== BREAK; i++) w0--;
    for (let i = 0; i < params.context && w1 + 1 < count && tokId[w1 + 1] !== BREAK; i++) w1++;
    const from = tokStart[w0];
    const to = tokStart[w1 + 1];
    const h1 = idOf(w0 - 1);
    const h2 = h1 < 0 ? UNK : idOf(w0 - 2);
    // The look-ahead: up to two tokens after the window (NO_TOKEN where there is none).
    const a0 = w1 + 1 < count && tokId[w1 + 1] !== BREAK ? tokId[w1 + 1] : NO_TOKEN;
    const a1 = a0 !== NO_TOKEN && w1 + 2 < count && tokId[w1 + 2] !== BREAK ? tokId[w1 + 2] : NO_TOKEN;
    const key = [from, to, h2, h1, a0, a1, c.arc.start - from, c.arc.end - from, c.arc.id];
    let gain = decided.find(key, c.arc.cost);
    if (Number.isNaN(gain)) {
      gain = decideGain(c.arc, from, to, h1, h2, a0 === NO_TOKEN ? NO_AFTER : a1 === NO_TOKEN ? [a0] : [a0, a1]);
      decided.add(key, c.arc.cost, gain);
    }
    const need = params.margin - (c.word ? params.wordDiscount : 0);
    if (gain < Math.min(need, params.margin - params.fitDiscount)) continue;
    // Where the written token (the candidate's whole span) fits neither side and the candidate both, a lower
    // gain is enough: fitDiscount less than the margin, and fitMargin below nameMargin for a guessed name or
    // a word of the vocabulary.
    const short = gain < need;
    const nameShort = c.named && gain < params.nameMargin;
    const wholeToken = k0 === k1 && c.arc.start === tokStart[k0] && c.arc.end === tokStart[k0 + 1];
    const fits = (short || nameShort) && wholeToken && speaksAgainst(model, idOf(k0 - 1), tokId[k0], idOf(k0 + 1), c.arc.id);
    if ((short && !fits) || (nameShort && !(gain >= params.fitMargin && fits))) continue;
    const had = bestAt.get(c.at);
    if (!had || had.margin < gain) {
      bestAt.set(c.at, { start: c.arc.start, end: c.arc.end, word: model.words[c.arc.id], at: c.at, kind: KINDS[c.kind]!, margin: gain });
    }
  }
  return [...bestAt.values()].sort((a, b) => a.start - b.start);

  /** The gain of the best path through `arc` over the text as written in [from, to) (−Infinity when the best path avoids it). */
  function decideGain(arc: Arc, from: number, to: number, h1: number, h2: number, after: readonly number[]): number {
    // A window's history and look-ahead are the tokens around it: its start and length say which.
    const key = from * 4096 + (to - from);
    let orig = windows.get(key);
    if (orig === undefined) {
      orig = decode(model, lattice.cover(from, to), from, to, Math.max(h2, UNK), Math.max(h1, UNK), after, params.beam);
      windows.set(key, orig);
    }
    const alt = decode(model, lattice, from, to, Math.max(h2, UNK), Math.max(h1, UNK), after, params.beam, arc);
    return decodedThrough() ? alt - orig : -Infinity;
  }
}

/** A look-ahead slot without a token (no token id is below UNK and BREAK). */
const NO_TOKEN = -3;
const NO_AFTER: readonly number[] = [];
/** The lattice of the text `detect` reads (one text at a time: the checks are synchronous). */
const textLattice = new WordLattice();

/**
 * The decoder's answers within one text, by content: the window's characters, its history and look-ahead, and
 * the candidate (its offsets in the window, its word and cost). Keyed by a hash of all of that and checked field
 * by field, so that the common case (a window met once) builds no string.
 */
export class Decisions {
  /** Per hash, the index of its first record; records of one hash are chained through `next`. */
  private readonly byHash = new Map<number, number>();
  /** Per record: its key (window start, window end, h2, h1, look-ahead 0 and 1, candidate start and end in the window, word), flat. */
  private readonly keys: number[] = [];
  private readonly costs: number[] = [];
  private readonly gains: number[] = [];
  private readonly next: number[] = [];

  /** The last key `find` hashed, and its hash: `add` after a miss hashes it again only for another key. */
  private lastKey?: readonly number[];
  private lastCost = 0;
  private lastHash = 0;

  constructor(private readonly text: string) {}

  private hash(key: readonly number[], cost: number): number {
    const text = this.text;
    let h = 0x811c9dc5;
    for (let p = key[0]; p < key[1]; p++) h = Math.imul(h ^ text.charCodeAt(p), 0x01000193);
    h = Math.imul(h ^ (key[1] - key[0]), 0x01000193);
    for (let i = 2; i < KEY_FIELDS; i++) h = Math.imul(h ^ key[i], 0x01000193);
    return Math.imul(h ^ Math.round(cost * 1024), 0x01000193) >>> 0;
  }

  /** Whether record r is for the same window content and candidate. */
  private same(r: number, key: readonly number[], cost: number): boolean {
    const k = this.keys;
    const o = r * KEY_FIELDS;
    if (this.costs[r] !== cost || k[o + 1] - k[o] !== key[1] - key[0]) return false;
    for (let i = 2; i < KEY_FIELDS; i++) if (k[o + i] !== key[i]) return false;
    const text = this.text;
    for (let p = key[0], q = k[o]; p < key[1]; p++, q++) if (text.charCodeAt(p) !== text.charCodeAt(q)) return false;
    return true;
  }

  /** The gain decided for this content, or NaN. */
  find(key: readonly number[], cost: number): number {
    this.lastKey = key;
    this.lastCost = cost;
    this.lastHash = this.hash(key, cost);
    for (let r = this.byHash.get(this.lastHash) ?? -1; r >= 0; r = this.next[r]) if (this.same(r, key, cost)) return this.gains[r];
    return Number.NaN;
  }

  add(key: readonly number[], cost: number, gain: number): void {
    const h = key === this.lastKey && cost === this.lastCost ? this.lastHash : this.hash(key, cost);
    const r = this.gains.length;
    for (const v of key) this.keys.push(v);
    this.costs.push(cost);
    this.gains.push(gain);
    this.next.push(this.byHash.get(h) ?? -1);
    this.byHash.set(h, r);
  }
}

/** The fields of a `Decisions` key. */
const KEY_FIELDS = 9;

/**
 * Whether the context speaks against the written token on every side: it forms no pair the model knows
 * with either neighbouring token (`before`, `after`: token ids; BREAK where there is none, a mark or the
 * text's end; an unknown character, UNK, pairs with nothing), and the proposed word forms a known pair
 * with each; one neighbour at least.
 */
export function speaksAgainst(model: LanguageModel, before: number, written: number, after: number, proposed: number): boolean {
  if (written < 0 || proposed < 0 || (before === BREAK && after === BREAK)) return false;
  if (before !== BREAK && (model.hasBigram(before, written) || !model.hasBigram(before, proposed))) return false;
  if (after !== BREAK && (model.hasBigram(written, after) || !model.hasBigram(proposed, after))) return false;
  return true;
}

/**
 * A cheap bound before decoding, in two halves: a candidate word in place of tokens k0..k1 gains its bigram
 * score less `writtenScore` and its cost (`candidateReaches`). The written side: the bigram score of the tokens k0..k1 between
 * the tokens around them.
 */
function writtenScore(model: LanguageModel, k0: number, k1: number, count: number): number {
  const prev = k0 > 0 && tokId[k0 - 1] !== BREAK ? tokId[k0 - 1] : UNK;
  const next = k1 + 1 < count && tokId[k1 + 1] !== BREAK ? tokId[k1 + 1] : UNK;
  let score = 0;
  let h = prev;
  for (let k = k0; k <= k1; k++) {
    score += model.bigramLogp(h, tokId[k]);
    h = tokId[k];
  }
  return next === UNK ? score : score + model.bigramLogp(h, next);
}

/**
 * The candidate's side: whether the bigram score of the word `id` between the tokens around k0..k1 gains at
 * least `threshold` over `written` after `cost` (score − written − cost, as written out). The second bigram
 * is read only where the first leaves room for it (no logp is above `maxLogp`): most candidates fail on the
 * first.
 */
function candidateReaches(model: LanguageModel, k0: number, k1: number, count: number, id: number, written: number, cost: number, threshold: number): boolean {
  const prev = k0 > 0 && tokId[k0 - 1] !== BREAK ? tokId[k0 - 1] : UNK;
  const next = k1 + 1 < count && tokId[k1 + 1] !== BREAK ? tokId[k1 + 1] : UNK;
  const first = model.bigramLogp(prev, id);
  if (next === UNK) return first - written - cost >= threshold;
  if (first + model.maxLogp - written - cost < threshold) return false;
  return first + model.bigramLogp(id, next) - written - cost >= threshold;
}
