import surnameData from '../data/surnames.json';
import { defineCheck } from '../engine/define-check';
import { UNK, type LanguageModel } from '../lm/model';
import { LEVELS as ADMIN_LEVELS, wholeLockTest } from '../lm/protect';
import { cutAround } from '../engine/segmenter';
import type { CheckContext, Segmenter } from '../engine/types';
import { isHan, TYPO_INDICATOR } from './util/indicators';
import { HashBits } from '../text/hash-bits';
import { editGain, fourCharLexicon, hash4, isVocabularyWord, PairFlags, vocabularyWordCovers, type FourCharLexicon } from './util/lm-edit';

/**
 * 多字: a character (or a two-character word) written twice in a row where the text means it once
 * (要要知耻, 推进推进), and a 成语 or term of the lexicon with one character too many inside
 * (全心全全意 → 全心全意). The language model has the last word on every candidate: the text with the extra
 * copy taken out must read better by a margin (log10; tuned on scripts/devset.ts and the 1998–2016 work
 * reports, never on the later reports or the gov_pages set, which measure it).
 *
 * A doubled character is a form of the language, not a slip, where it is
 *  - a run of three or more (人人人: 个人 + 人人; 哈哈哈), AABB (干干净净, 兢兢业业), 一 + a doubled measure word
 *    (一座座, 一个个), a doubled numeral (“十五五”规划, 三三制), a distributive reduplication before 都/有/通
 *    (县县有图书馆, 村村通), a given name after a surname standing alone (李佳佳, 周鹏鹏), or inside a word of
 *    three or more characters (蒸蒸日上, 不了了之, 绿油油);
 *  - a reduplication the model knows as a common word (看看, 常常, 天天, 人人, 谢谢: unigram ≥ REDUP_MIN),
 *    unless the second copy opens a word (满满足 is 满 + 满足). The model's vocabulary holds 的的 and 了了
 *    too (an input method's model learns what people type), but as rare words;
 *  - where two words meet: words of two or more characters the model knows together (a bigram of its own)
 *    end at the first copy and start at the second (财政/政策, 其中/中央; asked before anything else); or, as
 *    jieba reads the text, a word of two or more characters ends at the first copy and another starts at the
 *    second (实现/现代化, 2006年/年均), a preposition or particle stands before a word that begins with it
 *    (对/对外开放, 就/就业), or a word has the particle after it that the model expects (目的/的实现).
 *  - where the second copy opens a parallel series: the two characters it begins open the next unit too,
 *    after 、，； (用公正监管管出公平、管出效率: 监管 + 管出…, 管出…).
 * A pair that is itself a word (事事, 本本) needs a larger margin, unless its character is grammatical (的的,
 * 了了, 在在 are never reduplications). The 成语 form is reported only where its extra character doubles
 * a neighbour (as above) or the entry is a 成语 and the extra character no particle: a compound term takes
 * particles and modifiers inside (产品的质量, 扩大了出口), and a 成语 a conjunction (大起或大落).
 *
 * Nothing is reported where the protections lock the text whole (lib/lm/protect.ts: a paragraph in
 * traditional characters, where 我國/國民 reads as a doubled 國 to the simplified model; the footer, names,
 * document numbers), as typo-context and typo-missing-char do.
 *
 * Speed: one pass with the last five character codes in locals; a doubled character or word is found by
 * comparisons, the 成语 form by hashed keys read in bit filters (the entries' first and last two characters,
 * then all four). Candidates go to the model first (a few microseconds each), and only those it confirms to jieba.
 */

/** A reduplicated pair the model holds at least this probable (log10 unigram) is a word of the language. */
const REDUP_MIN = -5;
/** Default margin (log10) the text without the extra copy must gain over the text as written. */
const MARGIN = 2.5;
/** Extra margin for a pair that is a word of jieba's dictionary or the model's vocabulary (县县, 本本, 事事). */
const WORD_PAIR_MARGIN = 1;
/** Characters never reduplicated in writing (particles, prepositions, conjunctions, some adverbs). */
const GRAMMAR_CHARS = '的地得了着在是和与及或并而且同跟对就从向以把为被给也都还又将已之其不';
/**
 * Prepositions, conjunctions and particles that take a word after them, which may begin with the same
 * character: 对对外开放, 就就业问题, 在在场, 与与会代表, 是是非, 的的确.
 */
const FUNCTION_CHARS = '的是和与同跟对就在从向以把为被给按比要有';
/**
 * A word and the single character after it meet as words where the model has their bigram at least this
 * probable (log10): 目的/的 (−1.4), 实事求是/是 (−2.0), but not 社会/会 (−2.9).
 */
const MEET_BIGRAM_MIN = -2.5;
/** A digit or Chinese numeral: a measure word after it closes the number's phrase (2006年/年均). */
const NUMERAL = /[0-9０-９〇零一二三四五六七八九十百千万亿两]/;
/** What follows a distributive reduplication (县县有, 人人都, 村村通). */
const DISTRIBUTIVE_NEXT = '都有通皆';
/** Common surnames: one standing alone before a doubled character opens a given name (李佳佳, 周鹏鹏). */
const SURNAMES = new Set<string>(surnameData.surnames);
/** Heads of a repeated word that make a legitimate repetition: 一个一个地, 一步一步 (one by one), 很多很多. */
const REPEAT_HEADS = '一很';
/** Administrative levels, written alone for "this province's, city's …" before a body's name (市市场监管局). */
const LEVELS = `${ADMIN_LEVELS}州盟旗`;
/** Words that make a phrase with a level (全县, 本市, 各省, 该区, 我县, 每村, 外省, 邻县, 两市). */
const LEVEL_DETERMINERS = '全本各该我每外邻两';

interface Index {
  lex: FourCharLexicon;
  /** Flags per hashed character pair: the first two (HEAD) or last two (TAIL) characters of an entry. */
  pairs: PairFlags;
  bits: HashBits;
}

const HEAD = 1;
const TAIL = 2;

let index: Index | undefined;

function buildIndex(): Index {
  const lex = fourCharLexicon();
  const pairs = new PairFlags(2);
  const bits = new HashBits(22);
  for (const w of lex.words) {
    pairs.add(w.charCodeAt(0), w.charCodeAt(1), HEAD);
    pairs.add(w.charCodeAt(2), w.charCodeAt(3), TAIL);
    bits.add(hash4(w.charCodeAt(0), w.charCodeAt(1), w.charCodeAt(2), w.charCodeAt(3)));
  }
  return { lex, pairs, bits };
}

/** A 多字 slip: [start, end) of the text, its correction and what is written once too often. */
export interface ExtraCharSlip {
  start: number;
  end: number;
  /** The corrected text of [start, end). */
  right: string;
  /** The character (or word) written once too often. */
  extra: string;
  kind: 'doubled' | 'inTerm';
}

/** Whether the doubled character at [i, i + 2) is a form by its shape alone (runs, AABB, 一座座, 十五五, 县县有). */
function doubledByShape(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (text.charCodeAt(i - 1) === c || text.charCodeAt(i + 2) === c) return true;
  if (i >= 2 && text.charCodeAt(i - 2) === text.charCodeAt(i - 1) && isHan(text.charCodeAt(i - 1))) return true;
  if (text.charCodeAt(i + 2) === text.charCodeAt(i + 3) && isHan(text.charCodeAt(i + 2))) return true;
  if (text[i - 1] === '一' || NUMERAL.test(text[i])) return true;
  // An administrative level opening a phrase, the body named after it beginning with the same character:
  // the level's abbreviation (、市市场监管局、: the city's market regulator; 社会主义市市场经济 stays a slip).
  if (LEVELS.includes(text[i]) && (i === 0 || !isHan(text.charCodeAt(i - 1)))) return true;
  // … or closing a determiner's phrase (全县/县直单位, 本市/市场主体, 各省/省委): the whole county, then a word
  // of its own that begins with the level.
  if (LEVELS.includes(text[i]) && LEVEL_DETERMINERS.includes(text[i - 1])) return true;
  return DISTRIBUTIVE_NEXT.includes(text[i + 2]) && !GRAMMAR_CHARS.includes(text[i]);
}

/**
 * Whether the doubled character at [i, i + 2) is a form as jieba reads the window: inside one word
 * (蒸蒸日上), a common reduplication, or where two words meet (see the module comment).
 */
function doubledInReading(model: LanguageModel, seg: Segmenter, text: string, i: number): boolean {
  const cut = cutAround(seg, text, i, i + 2);
  let k = 0;
  while (cut[k + 1] <= i) k++;
  const a1 = cut[k];
  const b1 = cut[k + 1];
  const [a2, b2] = b1 > i + 1 ? [a1, b1] : [cut[k + 1], cut[k + 2]];
  const pair = isVocabularyWord(model, text, i, i + 2) ? model.id(text.slice(i, i + 2)) : UNK;
  const common = pair !== UNK && model.unigram(pair) >= REDUP_MIN;
  if (a1 === a2) return b1 - a1 >= 3 || common;
  if (common && b2 - a2 < 2) return true;
  if (b1 !== i + 1 || a2 !== i + 1) return false;
  const leftLength = b1 - a1 === 1 && NUMERAL.test(text[i - 1] ?? '') ? 2 : b1 - a1;
  if (leftLength >= 2 && b2 - a2 >= 2) return true;
  if (b1 - a1 === 1) return b2 - a2 >= 2 && FUNCTION_CHARS.includes(text[i]);
  const left = model.id(text.slice(a1, b1));
  const right = model.charId(text.charCodeAt(i));
  return left !== UNK && right !== UNK && model.hasBigram(left, right) && model.bigramLogp(left, right) >= MEET_BIGRAM_MIN;
}

const ends = new Int32Array(32);
const ids = new Int32Array(32);

/**
 * Whether words of two or more characters the model knows together (a bigram of its own) end at the first
 * copy and start at the second (财政/政策, 其中/中央): two words that meet, found without jieba.
 */
function knownMeeting(model: LanguageModel, text: string, i: number): boolean {
  const n = model.wordsAt(text, i + 1, text.length, ends, ids);
  if (n === 0 || ends[n - 1] < i + 3) return false;
  const rights = ids.slice(0, n);
  const rightEnds = ends.slice(0, n);
  for (let s = Math.max(0, i + 1 - model.maxWordLength); s < i; s++) {
    const m = model.wordsAt(text, s, i + 1, ends, ids);
    if (m === 0 || ends[m - 1] !== i + 1) continue;
    for (let k = 0; k < n; k++) if (rightEnds[k] >= i + 3 && model.hasBigram(ids[m - 1], rights[k])) return true;
  }
  return false;
}

/**
 * Whether the doubled character at [i, i + 2) is a slip: no form by shape, the model's gain without the
 * second copy above the margin (a larger one for a pair the model's vocabulary holds), no form in jieba's
 * reading, and no reduplicated word of jieba's dictionary.
 */
function doubledIsSlip(model: LanguageModel, seg: Segmenter, text: string, i: number, margin: number): boolean {
  if (doubledByShape(text, i) || knownMeeting(model, text, i)) return false;
  // A surname standing alone (not the end of a word: 提高/高) before the pair: a given name.
  if (SURNAMES.has(text[i - 1]) && !(i >= 2 && isVocabularyWord(model, text, i - 2, i))) return false;
  if (opensParallelUnit(text, i + 1)) return false;
  const gain = editGain(model, text, i + 1, i + 2, '');
  if (gain < margin || vocabularyWordCovers(model, text, i, i + 2, 3)) return false;
  if (doubledInReading(model, seg, text, i)) return false;
  // A doubled particle (的的, 了了, 在在) is a slip whenever the model agrees; a pair that jieba's dictionary
  // holds and reads as one word there (久久 of 久久为功, 常常; not 国家/家 of 国家家安全) is a reduplicated word,
  // whatever the model prefers; a pair only the
  // model's vocabulary holds needs the larger margin.
  if (GRAMMAR_CHARS.includes(text[i])) return true;
  const cut = cutAround(seg, text, i, i + 2);
  if (cut.includes(i) && cut[cut.indexOf(i) + 1] === i + 2 && seg.isWord(text.slice(i, i + 2))) return false;
  return gain >= margin + WORD_PAIR_MARGIN || !isVocabularyWord(model, text, i, i + 2);
}

/** Marks between the units of a parallel series (管出公平、管出效率). */
const SERIES_MARKS = '、，；';
/** How far the next unit of a series may start (characters). */
const SERIES_REACH = 12;

/**
 * Whether the two characters at `at` open a unit that the next unit of a series opens too: the second copy
 * of a doubled character begins a parallel series (用公正监管管出公平、管出效率: 监管 + 管出…, 管出…).
 */
function opensParallelUnit(text: string, at: number): boolean {
  const unit = text.slice(at, at + 2);
  for (let k = at + 2; k < Math.min(text.length, at + 2 + SERIES_REACH); k++) {
    const c = text[k];
    if (SERIES_MARKS.includes(c)) return text.startsWith(unit, k + 1);
    if (c === '。' || c === '\n') return false;
  }
  return false;
}

/** Whether the doubled word at [i, i + 4) (ABAB) is a slip. */
function doubledWordIsSlip(model: LanguageModel, text: string, i: number, margin: number): boolean {
  if (!isVocabularyWord(model, text, i, i + 2) || isVocabularyWord(model, text, i, i + 4)) return false;
  if (REPEAT_HEADS.includes(text[i])) return false;
  // ABABAB and longer: a chant or a list, not a slip.
  if (text.charCodeAt(i - 2) === text.charCodeAt(i) && text.charCodeAt(i - 1) === text.charCodeAt(i + 1)) return false;
  if (text.charCodeAt(i + 4) === text.charCodeAt(i) && text.charCodeAt(i + 5) === text.charCodeAt(i + 1)) return false;
  if (vocabularyWordCovers(model, text, i + 1, i + 3, 3)) return false;
  return editGain(model, text, i + 2, i + 4, '') >= margin;
}

/** The entry of the lexicon that the five characters at `i` make without the one at `i + r`, or -1. */
function entryWithout(idx: Index, text: string, i: number, r: number, h: number): number {
  if (!idx.bits.has(h)) return -1;
  for (const e of idx.lex.byHash.get(h) ?? []) {
    const w = idx.lex.words[e];
    let same = true;
    for (let k = 0, p = i; k < 4 && same; k++, p++) {
      if (p === i + r) p++;
      same = w.charCodeAt(k) === text.charCodeAt(p);
    }
    if (same) return e;
  }
  return -1;
}

/**
 * The slip of the five Chinese characters at `i` (codes c0…c4) without its character at i + r, for the r
 * whose bit is set in `without`: an entry with one extra character inside.
 */
function inTermSlip(
  model: LanguageModel,
  seg: Segmenter,
  idx: Index,
  text: string,
  i: number,
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  c4: number,
  without: number,
  margin: number,
): ExtraCharSlip | undefined {
  for (let r = 1; r <= 3; r++) {
    if ((without & (1 << r)) === 0) continue;
    const e = entryWithout(idx, text, i, r, r === 1 ? hash4(c0, c2, c3, c4) : r === 2 ? hash4(c0, c1, c3, c4) : hash4(c0, c1, c2, c4));
    // The model and jieba are asked in order of cost, and only about a window that makes an entry.
    if (e < 0) continue;
    const extra = text[i + r];
    const twin = text[i + r - 1] === extra ? i + r - 1 : text[i + r + 1] === extra ? i + r : -1;
    if (twin >= 0) {
      if (!doubledIsSlip(model, seg, text, twin, margin)) continue;
    } else if (e >= idx.lex.idioms || GRAMMAR_CHARS.includes(extra) || !standsAlone(seg, text, i + r) || editGain(model, text, i + r, i + r + 1, '') < margin)
      continue;
    if (isVocabularyWord(model, text, i, i + 5) || seg.isWord(text.slice(i, i + 5))) return undefined;
    return { start: i, end: i + 5, right: idx.lex.words[e], extra, kind: 'inTerm' };
  }
  return undefined;
}

/**
 * Whether jieba's reading leaves the character at `at` as a word of its own: an extra character inside a
 * word of the window (不切合实际, 大批有作为) is a rewording of the 成语, not a slip.
 */
function standsAlone(seg: Segmenter, text: string, at: number): boolean {
  const cut = cutAround(seg, text, at, at + 1);
  return cut.includes(at) && cut.includes(at + 1);
}

/** Every 多字 slip of `text`, in order, none overlapping another. */
export function extraCharSlips(text: string, model: LanguageModel, seg: Segmenter, margin = MARGIN, checkBudget: () => void = () => {}): ExtraCharSlip[] {
  const idx = (index ??= buildIndex());
  const { pairs } = idx;
  const out: ExtraCharSlip[] = [];
  let lastEnd = 0;
  // The last five character codes (c4 at j), the flags of the last four adjacent pairs (p3: c3 c4) and
  // how many Chinese characters run up to j.
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let c4 = 0;
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
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
    c2 = c3;
    c3 = c4;
    c4 = code;
    p0 = p1;
    p1 = p2;
    p2 = p3;
    p3 = pairs.get(c3, c4);
    if ((j & 0x3fff) === 0) checkBudget();
    // An entry with an extra character inside: [j − 4, j] without its character at j − 4 + r, r = 1, 2, 3,
    // where the entry's first two and last two characters are some entry's (bit r of `without`).
    const h01 = (p0 & HEAD) !== 0;
    const t34 = (p3 & TAIL) !== 0;
    const without = run < 5 || !(h01 || t34) ? 0 : (t34 && pairs.get(c0, c2) & HEAD ? 2 : 0) | (h01 && t34 ? 4 : 0) | (h01 && pairs.get(c2, c4) & TAIL ? 8 : 0);
    if (without) {
      const s = inTermSlip(model, seg, idx, text, j - 4, c0, c1, c2, c3, c4, without, margin);
      if (s) {
        // The doubled character inside it (全心全全意) was reported just before: the 成语 form says more.
        while (out.length && out[out.length - 1].start >= s.start) out.pop();
        if (!out.length || out[out.length - 1].end <= s.start) {
          out.push(s);
          lastEnd = s.end;
        }
        continue;
      }
    }
    if (j - 3 >= lastEnd && run >= 4 && c1 === c3 && c2 === c4 && c1 !== c2 && doubledWordIsSlip(model, text, j - 3, margin)) {
      const word = text.slice(j - 1, j + 1);
      out.push({ start: j - 3, end: j + 1, right: word, extra: word, kind: 'doubled' });
      lastEnd = j + 1;
    } else if (j - 1 >= lastEnd && run >= 2 && c3 === c4 && doubledIsSlip(model, seg, text, j - 1, margin)) {
      out.push({ start: j - 1, end: j + 1, right: text[j], extra: text[j], kind: 'doubled' });
      lastEnd = j + 1;
    }
  }
  return out;
}

export default defineCheck({
  meta: {
    id: 'typo-extra-char',
    category: 'typo',
    defaultSeverity: 'deduct',
    indicator: TYPO_INDICATOR,
    description: {
      'zh-CN':
        '查多字：同一个字或词连写两遍（“要要知耻”“推进推进”），以及成语、公文四字词中间多出一个字（“全心全全意”→“全心全意”）。叠词（看看、常常、天天、人人）、AABB 式（干干净净）、“一个个”、两个词相接（财政政策、目的的实现）不报；每处都须经词语三元语言模型确认：删去多出的字后明显更通顺。',
      en: 'Finds a character or word written twice in a row (要要知耻, 推进推进) and a 成语 or four-character official term with an extra character inside (全心全全意 → 全心全意). Reduplications (看看, 常常, 天天, 人人), AABB forms (干干净净), 一个个 and two words that meet (财政政策, 目的的实现) are left alone; every finding is confirmed by the word 3-gram language model: the text reads clearly better without the extra character.',
    },
    messages: {
      doubled: {
        'zh-CN': '“{{written}}”多了一个“{{extra}}”',
        en: '"{{written}}" has one "{{extra}}" too many',
      },
      inTerm: {
        'zh-CN': '“{{written}}”多了“{{extra}}”，应为“{{right}}”',
        en: '"{{written}}" has an extra "{{extra}}": "{{right}}"',
      },
    },
    options: {
      margin: {
        type: 'number',
        default: MARGIN,
        description: {
          'zh-CN': '删去多出的字后，语言模型概率须提高的最小值（以 10 为底的对数，越大越保守）',
          en: 'Minimum gain of the text without the extra character over the text as written (log10 probability; higher is more cautious)',
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
    const lockedWhole = wholeLockTest(model, text, ctx.model.footer);
    for (const s of extraCharSlips(text, model, seg, margin, ctx.checkBudget)) {
      if (lockedWhole(s.start, s.end)) continue;
      ctx.report({
        messageId: s.kind,
        data: { written: text.slice(s.start, s.end), extra: s.extra, right: s.right },
        start: s.start,
        end: s.end,
        suggestion: s.right,
      });
    }
  },
});
