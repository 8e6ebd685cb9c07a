import { defineCheck } from '../engine/define-check';
import { segment, type Token } from '../lm/lattice';
import type { LanguageModel } from '../lm/model';
import { cutAround } from '../engine/segmenter';
import { wholeLockTest, windowTokens } from '../lm/protect';
import type { CheckContext, Segmenter } from '../engine/types';
import { isHan, TYPO_INDICATOR, writtenTwice } from './util/indicators';
import { HashBits } from '../text/hash-bits';
import { editGain, fourCharLexicon, hanWindow, hash4, isVocabularyWord, lexiconEntryAt, PairFlags, type FourCharLexicon } from './util/lm-edit';

/**
 * 漏字: a 成语 or four-character term of the lexicon written with one inner character missing (全心意 →
 * 全心全意, 因制宜 → 因地制宜). A three-character window is a candidate where putting one character back
 * between its first and second or its second and third characters makes an entry; it is reported where
 *  - the window is no word (of the model's vocabulary or jieba's dictionary) and no doubled character
 *    straddles its ends (that is typo-extra-char's);
 *  - the text as written breaks into pieces there: the model's segmentation starts a word at the window
 *    (国民经济 holds 民经济) and it or jieba's reading leaves a one-character piece inside, neither reading
 *    runs a word across its ends, and the pieces are no phrase the model knows (稳/增长, 不/扩大);
 *  - the restored entry reads as whole words (人民解放军 holds no 人民调解) and the model finds the restored
 *    text more probable than the text as written by a margin (log10; tuned on scripts/devset.ts and the
 *    1998–2016 work reports, never on the later reports or the gov_pages set, which measure it);
 *  - it is no deliberate shortening: an item of a list of three-character slogans (稳增长、调结构、惠民生) or a
 *    form the text uses again.
 * Inserting a character at every position would flag every phrase that could be longer: only the lexicon's
 * entries are put back, and only where the text as written breaks into pieces.
 *
 * Which entries: every 成语, with either inner character missing. Official writing shortens its compound
 * terms on purpose, and always the same way: it keeps the first character of a verb before its object
 * (优化结构 → 优结构, 提高效率 → 提效率, 扩大内需 → 扩内需, 遇到困难群众 → 遇困群众), which is the shape of a
 * term's missing second character. So a compound term (义务教育, 社会保障) is reported only where the
 * character a missing one leaves stranded cannot be such a shortening:
 *  - its third character missing: the word before stands whole and the last character is stranded (义务/育,
 *    社会/障, 市场/济), pairing with neither neighbour (the model knows no bigram of it with the word before or
 *    the word after: 充分/用/好 is a phrase, 社会/障/基金 is not), or ending its clause (农村义务育。; not an
 *    item of a list before 、, which may be a shortened term of its own);
 *  - its second character missing: the first word is a noun in jieba's dictionary (国家安全 → 国安全, 市场秩序 →
 *    市秩序; not 扩大, 遇到), and its first character is stranded, pairing with neither the rest nor the word
 *    before.
 * Either way the term must gain `TERM_MARGIN`, more than a 成语 (tuned on scripts/devset.ts and the 1998–2016
 * reports: 商品产运销 2.33, 深入进行 read as 深入推进 1.44; the dev set's stranded slips gain 2.7–9.5). Measured
 * without the noun test, the second kind reports 遇困群众 (2021–2023 reports) and 扩内需 (2014) as slips.
 * Nothing is reported where the protections lock the text whole (lib/lm/protect.ts: a paragraph in
 * traditional characters, the footer, names, 《titles》).
 *
 * Speed: one pass with the last three character codes and the flags of their two pairs in locals (one
 * table read per position). Every entry is indexed twice, by the three characters left when its second or
 * third character is dropped and the gap's place; a window whose two pairs are flagged for a gap builds its
 * key and reads a bit filter before any Map lookup. Candidates then go from cheap to costly: the model's
 * vocabulary and segmentation, its scores, jieba's dictionary and reading.
 */

/** Default margin (log10) the restored text must gain over the text as written. */
const MARGIN = 1;
/** What a compound term (not a 成语) must gain at least, whatever the margin: see above. */
const TERM_MARGIN = 2.5;
/** A digit or Chinese numeral. */
const NUMERAL = /[0-9０-９〇零一二三四五六七八九十百千万亿两]/;

interface Index {
  lex: FourCharLexicon;
  /** key (three characters and the gap's place) → entry indexes. */
  keys: Map<number, number[]>;
  bits: HashBits;
  /**
   * Flags per hashed character pair: the three characters an entry leaves hold this pair first
   * and second (AB) or second and third (BC), for gap 1 or gap 2. A window's two pairs must both be
   * flagged for a gap before its key is built.
   */
  pairs: PairFlags;
}

const AB1 = 1;
const BC1 = 2;
const AB2 = 4;
const BC2 = 8;

let index: Index | undefined;

/** The key of a window of three characters with the gap after its first (gap 1) or second (gap 2) one. */
const keyOf = (a: number, b: number, c: number, gap: number) => hash4(a, b, c, 0x10000 + gap);

function buildIndex(): Index {
  const lex = fourCharLexicon();
  const keys = new Map<number, number[]>();
  const bits = new HashBits(22);
  const pairs = new PairFlags(4);
  lex.words.forEach((w, e) => {
    const [a, b, c, d] = [w.charCodeAt(0), w.charCodeAt(1), w.charCodeAt(2), w.charCodeAt(3)];
    // Gap 1 leaves a c d, gap 2 leaves a b d.
    pairs.add(a, c, AB1);
    pairs.add(c, d, BC1);
    pairs.add(a, b, AB2);
    pairs.add(b, d, BC2);
    for (const k of [keyOf(a, c, d, 1), keyOf(a, b, d, 2)]) {
      bits.add(k);
      const list = keys.get(k);
      if (list) list.push(e);
      else keys.set(k, [e]);
    }
  });
  return { lex, keys, bits, pairs };
}

/** A 漏字 slip: the window [start, start + 3), the entry it should be, and the character put back. */
export interface MissingCharSlip {
  start: number;
  end: number;
  right: string;
  missing: string;
}

/**
 * How the model's segmentation reads the window [i, i + 3): undefined where it is no candidate (a token
 * starts before i and runs into it, 国民经济 holding 民经济; the window is filled by whole words without a
 * one-character piece; or every pair of neighbouring tokens inside it is a bigram the model knows: 稳/增长,
 * 党/领导, 不/扩大 are phrases as written, 持/以/恒 is not), else whether it leaves a one-character token
 * there (false: a token runs past its end, 全心/意为, and jieba's reading decides).
 */
function modelPieces(model: LanguageModel, text: string, i: number): boolean | undefined {
  const { tokens, k } = tokensFrom(model, text, i);
  if (k < 0) return undefined;
  let single = false;
  let attested = tokens[k].end < i + 3; // two tokens or more, each pair known
  let q = k;
  for (; q < tokens.length && tokens[q].start < i + 3; q++) {
    const t = tokens[q];
    if (t.end - t.start === 1) single = true;
    if (q > k) attested &&= tokens[q - 1].id >= 0 && t.id >= 0 && model.hasBigram(tokens[q - 1].id, t.id);
  }
  // Whole words that fill the window exactly leave no piece (the model's reading is the text's).
  if (tokens[q - 1].end === i + 3) return attested || !single ? undefined : true;
  return single;
}

/** The model's segmentation of the window [i, i + 3) with its context, the index of the token starting at i (-1: none) and the context's end. */
function tokensFrom(model: LanguageModel, text: string, i: number): { tokens: Token[]; k: number; to: number } {
  const [from, to] = hanWindow(text, i, i + 3);
  const tokens = windowTokens(model, text, from, to);
  return { tokens, k: tokens.findIndex((t) => t.start === i), to };
}

/** Marks that end a clause or a sentence. */
const CLAUSE_END = '。；，！？';

/** Suffixes that make a word of any word before them (rates, degrees, qualities, agents: 管理率, 满意度, 服务性, 参与者). */
const SUFFIXES = '率度性化者量员费型式值额感';

/**
 * Whether the model reads the window [i, i + 3) as a word of two characters and a stranded one: the last
 * character a token of its own, followed by a known word or the end of its clause, and pairing (as a bigram
 * the model knows) with neither the word before nor the word after (社会/障/基金; 充分/用/好 pairs).
 */
function strandedLast(model: LanguageModel, text: string, i: number): boolean {
  // A productive suffix makes a word of any word before it (管理率, 透明度, 服务性): not stranded.
  if (SUFFIXES.includes(text[i + 2])) return false;
  const { tokens, k, to } = tokensFrom(model, text, i);
  if (k < 0 || k + 1 >= tokens.length) return false;
  // Nothing after it: only where the clause ends there (义务育。); an item of a list (…、) may be a shortened term of its own.
  if (k + 2 >= tokens.length && !(to === i + 3 && CLAUSE_END.includes(text[to]))) return false;
  const [word, last, next] = [tokens[k], tokens[k + 1], tokens[k + 2]];
  if (word.end !== i + 2 || last.end !== i + 3 || word.id < 0 || last.id < 0 || (next && next.id < 0)) return false;
  return !model.hasBigram(word.id, last.id) && (!next || !model.hasBigram(last.id, next.id));
}

/**
 * Whether the model reads the window [i, i + 3) as a stranded character and a word of two: the first
 * character a token of its own, the rest one word, pairing with neither (no bigram the model knows), and
 * the first with no word before it that it pairs with (国/建设, 市/秩序; at the start of a run of Chinese text
 * it has none).
 */
function strandedFirst(model: LanguageModel, text: string, i: number): boolean {
  const { tokens, k } = tokensFrom(model, text, i);
  if (k < 0 || k + 1 >= tokens.length) return false;
  const [first, rest] = [tokens[k], tokens[k + 1]];
  if (first.end !== i + 1 || rest.end !== i + 3 || first.id < 0 || rest.id < 0 || model.hasBigram(first.id, rest.id)) return false;
  const before = k > 0 ? tokens[k - 1] : undefined;
  return !before || (before.id >= 0 && !model.hasBigram(before.id, first.id));
}

/** jieba's tags of a noun (common, proper, locality, place): the first word of a term official writing does not shorten. */
const NOUN_TAG = /^(n|nr|ns|nt|nz|f|s)$/;

/** Whether jieba's dictionary tags `word` as a noun (false without a tagger). */
function isNoun(seg: Segmenter, word: string): boolean {
  const tags = seg.tag?.(word);
  return tags?.length === 1 && NOUN_TAG.test(tags[0][1]);
}

/**
 * Whether the window [i, i + 3) is an item of a list of three-character items (稳增长、调结构、惠民生;
 * 扩内需、保增长): the slogans of official writing shorten their terms on purpose. Or whether it runs into a
 * list of two-character items, its end being one of them (团结之树根深、枝繁、叶茂: 根深 is an item, 树 the phrase's,
 * no 树大根深 with 大 left out).
 */
function inSloganList(text: string, i: number): boolean {
  const item = (from: number, step: number) => {
    let n = 0;
    for (let p = from; p >= 0 && p < text.length && isHan(text.charCodeAt(p)); p += step) n++;
    return n;
  };
  if ((text[i + 3] === '、' && item(i + 4, 1) === 3) || (text[i - 1] === '、' && item(i - 2, -1) === 3)) return true;
  // Two more items of two characters after the window's end. (Not before its start: 民族、宗教、侨工作 is 侨务工作
  // with 务 left out, the list's last item sharing 工作.)
  return text[i + 3] === '、' && item(i + 4, 1) === 2 && text[i + 6] === '、' && item(i + 7, 1) === 2;
}

/**
 * Whether the model reads the entry as whole words once `missing` is put back at i + gap: a window whose
 * end runs into a longer word (人民解 of 人民解放军, where 人民调解 would fit) reads otherwise.
 */
function restoredReadsWhole(model: LanguageModel, text: string, i: number, gap: number, missing: string): boolean {
  const [from, to] = hanWindow(text, i, i + 3);
  const restored = text.slice(from, i + gap) + missing + text.slice(i + gap, to);
  const start = i - from;
  let ends = 0;
  for (const t of segment(model, restored, 0, restored.length)) {
    if (t.start === start) ends++;
    if (t.end === start + 4) ends++;
  }
  return ends === 2;
}

/**
 * The entries the window [i, i + 3) (codes a, b, c) makes with one character put back at its `gap`, as
 * (entry, gap) pairs appended to `out`.
 */
function entriesAt(idx: Index, a: number, b: number, c: number, gap: number, out: number[]): void {
  const key = keyOf(a, b, c, gap);
  if (!idx.bits.has(key)) return;
  for (const e of idx.keys.get(key) ?? []) {
    const w = idx.lex.words[e];
    // The entry without its character at `gap` must be the window (the key is a hash).
    if (w.charCodeAt(0) === a && w.charCodeAt(gap === 1 ? 2 : 1) === b && w.charCodeAt(3) === c) out.push(e, gap);
  }
}

/** The slip of the window [i, i + 3), given the (entry, gap) pairs it matches: the entry the model likes best. */
function slipAt(model: LanguageModel, seg: Segmenter, idx: Index, text: string, i: number, found: number[], margin: number): MissingCharSlip | undefined {
  // A character doubled across an end of the window (全心全|全意) is typo-extra-char's.
  if (text.charCodeAt(i - 1) === text.charCodeAt(i) || text.charCodeAt(i + 2) === text.charCodeAt(i + 3)) return undefined;
  if (isVocabularyWord(model, text, i, i + 3)) return undefined;
  // The window is the end or the start of an entry the text writes whole (新冠病毒 holds 冠病毒, which
  // 冠状病毒 would otherwise restore): the entry as written, not a slip.
  if (lexiconEntryAt(idx.lex, text, i - 1) || lexiconEntryAt(idx.lex, text, i)) return undefined;
  const pieces = modelPieces(model, text, i);
  if (pieces === undefined) return undefined;
  let best: MissingCharSlip | undefined;
  let bestGain = margin;
  let lastStranded: boolean | undefined;
  let firstStranded: boolean | undefined;
  for (let k = 0; k < found.length; k += 2) {
    // A 成语 is never shortened. A compound term is reported only where the character left stranded cannot
    // be a shortening (see the check's comment): the last one of its second word (义务/育), or the first one
    // of a first word that is a noun (国/安全; 扩/内需 keeps a verb's first character on purpose).
    const gap = found[k + 1];
    const term = found[k] >= idx.lex.idioms;
    if (term) {
      const ok =
        gap === 2
          ? (lastStranded ??= strandedLast(model, text, i))
          : (firstStranded ??= strandedFirst(model, text, i)) && isNoun(seg, idx.lex.words[found[k]].slice(0, 2));
      if (!ok) continue;
    }
    const w = idx.lex.words[found[k]];
    // A measure word after a number belongs to it (2400所/城市 is no 所在城市).
    if (gap === 1 && NUMERAL.test(text[i - 1] ?? '')) continue;
    if (!restoredReadsWhole(model, text, i, gap, w[gap])) continue;
    const gain = editGain(model, text, i + gap, i + gap, w[gap]);
    if (term && gain < TERM_MARGIN) continue;
    if (gain >= bestGain) {
      bestGain = gain;
      best = { start: i, end: i + 3, right: w, missing: w[gap] };
    }
  }
  if (!best || seg.isWord(text.slice(i, i + 3))) return undefined;
  // jieba's reading must cross neither end (流入地/政府, 产运销), and one of the two readings must leave a
  // piece of one character in the window (义务/育; jieba's 全/心意 where the model reads 全心/意为).
  const cut = cutAround(seg, text, i, i + 3);
  if (!cut.includes(i) || !cut.includes(i + 3)) return undefined;
  if (!pieces && !cut.some((b, k) => b >= i && b < i + 3 && cut[k + 1] === b + 1)) return undefined;
  return inSloganList(text, i) || writtenTwice(text, i, i + 3) ? undefined : best;
}

/** Every 漏字 slip of `text`, in order, none overlapping another (`footer`: the page's, locked whole). */
export function missingCharSlips(
  text: string,
  model: LanguageModel,
  seg: Segmenter,
  margin = MARGIN,
  checkBudget: () => void = () => {},
  footer?: { start: number; end: number },
): MissingCharSlip[] {
  const idx = (index ??= buildIndex());
  const { pairs } = idx;
  const out: MissingCharSlip[] = [];
  const found: number[] = [];
  let lastEnd = 0;
  const lockedWhole = wholeLockTest(model, text, footer);
  // The last three character codes (c2 at j), the flags of their two pairs, and how many Chinese
  // characters run up to j.
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let f0 = 0;
  let f1 = 0;
  let run = 0;
  for (let j = 0; j < text.length; j++) {
    const code = text.charCodeAt(j);
    if (!isHan(code)) {
      run = 0;
      continue;
    }
    run++;
    c0 = c1;
    c1 = c2;
    c2 = code;
    f0 = f1;
    f1 = pairs.get(c1, c2);
    if ((j & 0x3fff) === 0) checkBudget();
    if (run < 3 || j - 2 < lastEnd) continue;
    const gap1 = (f0 & AB1) !== 0 && (f1 & BC1) !== 0;
    const gap2 = (f0 & AB2) !== 0 && (f1 & BC2) !== 0;
    if (!gap1 && !gap2) continue;
    if (found.length) found.length = 0;
    if (gap1) entriesAt(idx, c0, c1, c2, 1, found);
    if (gap2) entriesAt(idx, c0, c1, c2, 2, found);
    const s = found.length ? slipAt(model, seg, idx, text, j - 2, found, margin) : undefined;
    if (s && !lockedWhole(s.start, s.end)) {
      out.push(s);
      lastEnd = s.end;
    }
  }
  return out;
}

export default defineCheck({
  meta: {
    id: 'typo-missing-char',
    category: 'typo',
    defaultSeverity: 'deduct',
    indicator: TYPO_INDICATOR,
    description: {
      'zh-CN':
        '查漏字：成语中间漏了一个字（“全心意”→“全心全意”，“因制宜”→“因地制宜”），或公文四字词漏字后留下的字被孤立、不可能是有意的缩略（“社会障体系”→“社会保障体系”，“维护国安全”→“国家安全”）。只在三字片段本身不成词、分词后在此处留下单字碎片，且词语三元语言模型认为补上该字后明显更通顺时报告；动词首字加宾语的缩略（“优结构”“扩内需”）不报；不在每个位置试插字。',
      en: 'Finds a 成语 with one inner character missing (全心意 → 全心全意, 因制宜 → 因地制宜), or a four-character official term with one missing where the character it strands cannot be a deliberate shortening (社会障体系 → 社会保障体系, 维护国安全 → 国家安全). Reported only where the three characters are no word, segmentation leaves a one-character piece there, and the word 3-gram language model finds the restored text clearly more probable; a verb shortened to its first character before its object (优结构, 扩内需) is left alone; characters are not tried at every position.',
    },
    messages: {
      missing: {
        'zh-CN': '疑漏字：“{{written}}”应为“{{right}}”（漏“{{missing}}”）',
        en: 'A character seems missing: "{{written}}" should be "{{right}}" ("{{missing}}" left out)',
      },
    },
    options: {
      margin: {
        type: 'number',
        default: MARGIN,
        description: {
          'zh-CN': '补上漏字后语言模型概率须提高的最小值（以 10 为底的对数，越大越保守）',
          en: 'Minimum gain of the restored text over the text as written (log10 probability; higher is more cautious)',
        },
      },
    },
  },

  run(ctx: CheckContext) {
    const model = ctx.languageModel;
    const seg = ctx.segmenter;
    if (!model || !seg) return;
    const text = ctx.model.text;
    const margin = typeof ctx.options.margin === 'number' ? ctx.options.margin : MARGIN;
    for (const s of missingCharSlips(text, model, seg, margin, ctx.checkBudget, ctx.model.footer)) {
      ctx.report({
        messageId: 'missing',
        data: { written: text.slice(s.start, s.end), right: s.right, missing: s.missing },
        start: s.start,
        end: s.end,
        suggestion: s.right,
      });
    }
  },
});
