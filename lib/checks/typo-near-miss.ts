import lexiconData from '../data/lexicon/near-miss-lexicon.json';
import typoPairs from '../data/rules/typo-pairs.json';
import { isConfusableCode, isShapeAlikeCode } from '../data/confusables';
import { editGain } from './util/lm-edit';
import { defineCheck } from '../engine/define-check';
import { FUNCTION_CHARS, isHan, SLIP_MESSAGE, TYPO_INDICATOR } from './util/indicators';
import { cutAround, spanInContext } from '../engine/segmenter';
import { HashBits } from '../text/hash-bits';
import { isTraditionalOnly } from '../text/traditional';
import type { CheckContext } from '../engine/types';

/**
 * 错别字 as near-misses of known words: a four-character span that is no word, where putting back one
 * same-sound or similar-shape character (lib/data/confusables.ts) gives a 成语 or a term of official
 * writing from the lexicon (lib/data/lexicon/near-miss-lexicon.json): 营商环镜 → 营商环境, 开诚不公 → 开诚布公.
 * A character alike only by the project's own shape measures (`isShapeAlikeCode`: as rendered, or with a stroke or
 * two more: 齐心协办 → 齐心协力, 总休方案 → 总体方案) counts where the model confirms it (REAL_WORD_MARGIN).
 *
 * Speed: one pass over the text with hashed keys. Every lexicon word is indexed four times, each time
 * with one position left open (key = the other three characters and the open position); a text
 * window looks up its four keys. Only hits go to the segmenter, which must show the window as whole
 * words or fragments (not a dictionary word, not part of a longer word) before anything is reported.
 */
const WORD = 4;

interface Index {
  words: string[];
  /** Words before this index are 成语, the rest compound terms of official writing. */
  idioms: number;
  /**
   * key of (three characters, open position) → indexes into words, as an open-addressing table of typed
   * arrays (a Map of 34,000 keys cost a third of the check): slot → key + 1 (0: empty), and the run of
   * word indexes [start, start + count) in `hits`.
   */
  keys: { slots: Int32Array; start: Int32Array; count: Int32Array; hits: Int32Array; mask: number };
  /** One bit per stored key (`keyBits`): most keys of a window that passes `head` or `tail` are no key, told without a probe. */
  keyBits: HashBits;
  /**
   * Bitmaps of hashed character pairs: the first two characters of some word (head) and the last
   * two (tail). A window whose last two characters are no word's tail cannot match with position 0
   * or 1 open, and one whose first two are no word's head cannot match with 2 or 3 open: most
   * windows are rejected on two bit reads, before any key is built. (Not a `PairFlags` of lm-edit: the
   * same 64 KB, but its packed slots read 1.01–1.02 of a pass in bench-ab, where a bit per role is read here
   * at every character.)
   */
  head: Uint8Array;
  tail: Uint8Array;
}

const PAIR_BITS = 18;
/** log2 of the bits of the key filter (34,000 keys: about 3 % of its bits set). */
const KEY_BITS = 20;
const pairHash = (a: number, b: number) => ((a * 40503) ^ (b * 2654435761)) >>> (32 - PAIR_BITS);
const setBit = (bits: Uint8Array, h: number) => (bits[h >>> 3] |= 1 << (h & 7));
const hasBit = (bits: Uint8Array, h: number) => (bits[h >>> 3] & (1 << (h & 7))) !== 0;

let index: Index | undefined;
/** Wrong forms that typo-word-pair owns: no second finding on the same slip. */
let pairWrong: Set<string> | undefined;

/** A 30-bit hash (a small integer: fast Map keys) of three character codes and the open position. */
function keyOf(a: number, b: number, c: number, open: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d) ^ Math.imul(open + 1, 0x27d4eb2f)) >>> 2;
}

/** The key of `s` at `at` with position `open` left out. Hash collisions are resolved by sameBut(). */
function keyAt(s: string, at: number, open: number): number {
  const c0 = s.charCodeAt(at);
  const c1 = s.charCodeAt(at + 1);
  const c2 = s.charCodeAt(at + 2);
  const c3 = s.charCodeAt(at + 3);
  switch (open) {
    case 0:
      return keyOf(c1, c2, c3, 0);
    case 1:
      return keyOf(c0, c2, c3, 1);
    case 2:
      return keyOf(c0, c1, c3, 2);
    default:
      return keyOf(c0, c1, c2, 3);
  }
}

/** Whether `word` equals the window of `text` at `at` everywhere but position `open`. */
function sameBut(word: string, text: string, at: number, open: number): boolean {
  for (let k = 0; k < WORD; k++) if (k !== open && word.charCodeAt(k) !== text.charCodeAt(at + k)) return false;
  return true;
}

function buildIndex(): Index {
  const words: string[] = [];
  for (const all of [lexiconData.idioms, lexiconData.terms]) for (let i = 0; i + WORD <= all.length; i += WORD) words.push(all.slice(i, i + WORD));
  const idioms = lexiconData.idioms.length / WORD;
  const byKey = new Map<number, number[]>();
  const head = new Uint8Array(1 << (PAIR_BITS - 3));
  const tail = new Uint8Array(1 << (PAIR_BITS - 3));
  words.forEach((w, wi) => {
    setBit(head, pairHash(w.charCodeAt(0), w.charCodeAt(1)));
    setBit(tail, pairHash(w.charCodeAt(2), w.charCodeAt(3)));
    for (let open = 0; open < WORD; open++) {
      const k = keyAt(w, 0, open);
      const list = byKey.get(k);
      if (list) list.push(wi);
      else byKey.set(k, [wi]);
    }
  });
  let cap = 1;
  while (cap < byKey.size * 2) cap <<= 1;
  const keys = { slots: new Int32Array(cap), start: new Int32Array(cap), count: new Int32Array(cap), hits: new Int32Array(words.length * WORD), mask: cap - 1 };
  const keyBits = new HashBits(KEY_BITS);
  let at = 0;
  for (const [k, list] of byKey) {
    keyBits.add(k << 2);
    let h = k & keys.mask;
    while (keys.slots[h] !== 0) h = (h + 1) & keys.mask;
    keys.slots[h] = k + 1;
    keys.start[h] = at;
    keys.count[h] = list.length;
    for (const wi of list) keys.hits[at++] = wi;
  }
  return { words, idioms, keys, keyBits, head, tail };
}

/**
 * The first word of the key's slot that the window at `at` matches but for position `open`, where the written
 * character and the word's are `alike` (and the word's is no particle), or -1.
 */
function hitAt(idx: Index, slot: number, text: string, at: number, open: number, alike: (a: number, b: number) => boolean): number {
  const { keys, words } = idx;
  const written = text.charCodeAt(at + open);
  for (let q = keys.start[slot], end = q + keys.count[slot]; q < end; q++) {
    const w = words[keys.hits[q]];
    const right = w.charCodeAt(open);
    if (sameBut(w, text, at, open) && !isParticle(right) && alike(written, right)) return keys.hits[q];
  }
  return -1;
}

/**
 * Whether the window at `at` is itself a word of the key's slot (a window that is a word matches each of its
 * four keys): told from the slot's few words, without a string made of the window.
 */
function isWordOfSlot(idx: Index, slot: number, text: string, at: number, open: number): boolean {
  const { keys, words } = idx;
  const written = text.charCodeAt(at + open);
  for (let q = keys.start[slot], end = q + keys.count[slot]; q < end; q++) {
    const w = words[keys.hits[q]];
    if (w.charCodeAt(open) === written && sameBut(w, text, at, open)) return true;
  }
  return false;
}

/** The slot of `key` in the index's key table, or -1. */
function slotOf(keys: Index['keys'], key: number): number {
  for (let h = key & keys.mask; ; h = (h + 1) & keys.mask) {
    const k = keys.slots[h];
    if (k === 0) return -1;
    if (k === key + 1) return h;
  }
}

/**
 * 的/地/得 are confused so often, and so harmlessly for a near-miss (党的十五届 is not 第十五届), that
 * a window whose changed character is one of them is no finding here. By code: 的 地 得.
 */
const isParticle = (code: number) => code === 0x7684 || code === 0x5730 || code === 0x5f97;

/**
 * The gain (log10, lib/checks/util/lm-edit.ts) the model must find for a term whose written character sits
 * inside a word of the text (城镇基民 → 城镇居民, 10.3): on correct text measured (the work reports 1954–2025,
 * gov_pages) such candidates gain at most 3.94 (转业培训 → 专业培训, 1998), and 4.5 is the margin the other
 * checks ask of a proposal that changes a word (typo-context's nameMargin).
 */
const REAL_WORD_MARGIN = 4.5;

export default defineCheck({
  meta: {
    id: 'typo-near-miss',
    category: 'typo',
    defaultSeverity: 'deduct',
    indicator: TYPO_INDICATOR,
    description: {
      'zh-CN':
        '查找“差一个字”的成语和公文常用词：四字片段本身不成词，把其中一个字换成同音或形近字后正好是常用成语或公文词语（营商环镜→营商环境，开诚不公→开诚布公）；只在分词显示该片段由完整的词或单字组成时报告。多一两笔或字形相近的字（齐心协办→齐心协力）须经语言模型确认。',
      en: 'Finds 成语 and official terms written with one wrong character: a four-character span that is no word, where one same-sound or similar-shape character makes a frequent 成语 or official term (营商环镜 → 营商环境); reported only where word segmentation shows the span as whole words or fragments. A character alike by a stroke or two more, or as rendered (齐心协办 → 齐心协力), needs the language model to confirm it.',
    },
    messages: {
      nearMiss: SLIP_MESSAGE,
    },
  },

  run(ctx: CheckContext) {
    const seg = ctx.segmenter;
    if (!seg) return;
    index ??= buildIndex();
    pairWrong ??= new Set(typoPairs.entries.map((e) => e.wrong));
    const { words, idioms, keys, keyBits, head, tail } = index;
    const text = ctx.model.text;
    const n = text.length;
    let lastEnd = -1;
    // The end of the run of Han characters that holds i (found when i reaches it: each character read once).
    let stop = 0;
    for (let i = 0; i + WORD <= n; i++) {
      if (stop <= i) {
        stop = i;
        while (stop < n && isHan(text.charCodeAt(stop))) stop++;
      }
      if (stop - i < WORD) {
        i = stop; // skip past the short run (and the non-Han character after it)
        continue;
      }
      if ((i & 0x3fff) === 0) ctx.checkBudget();
      const tailOk = hasBit(tail, pairHash(text.charCodeAt(i + 2), text.charCodeAt(i + 3)));
      const headOk = hasBit(head, pairHash(text.charCodeAt(i), text.charCodeAt(i + 1)));
      if (!tailOk && !headOk) continue;
      for (let open = tailOk ? 0 : 2; open < (headOk ? WORD : 2); open++) {
        const key = keyAt(text, i, open);
        if (!keyBits.has(key << 2)) continue;
        const slot = slotOf(keys, key);
        if (slot < 0) continue;
        if (i < lastEnd) break;
        // A window that is a word of the lexicon matches at its first key (its head and tail bits are set).
        if (isWordOfSlot(index, slot, text, i, open)) break;
        const wrongCode = text.charCodeAt(i + open);
        if (isParticle(wrongCode)) continue;
        const wrongChar = text[i + open];
        // A function character at an end of the span, the rest a word: grammar, not a slip (是 + 高质量, not 提高质量).
        if (
          FUNCTION_CHARS.has(wrongChar) &&
          ((open === 0 && seg.isWord(text.slice(i + 1, i + WORD))) || (open === WORD - 1 && seg.isWord(text.slice(i, i + WORD - 1))))
        )
          continue;
        let hit = hitAt(index, slot, text, i, open, isConfusableCode);
        // Else a character alike by the project's own shape measures (齐心协办 → 齐心协力: 办 is 力 with two
        // strokes more), which the model must confirm; a traditional form is a variant, not a slip.
        let byShape = false;
        if (hit < 0 && !isTraditionalOnly(wrongCode)) {
          hit = hitAt(index, slot, text, i, open, isShapeAlikeCode);
          byShape = hit >= 0;
        }
        if (hit < 0) continue;
        const written = text.slice(i, i + WORD);
        if (pairWrong.has(written)) break;
        const right = words[hit];
        if (seg.isWord(written)) break;
        const cut = cutAround(seg, text, i, i + WORD);
        if (spanInContext(seg, text, i, i + WORD, cut) === 'crossing') break;
        // A compound term (适用范围) is built of words, and so is correct text one character away from it
        // (使用范围): only a character left as a fragment of its own (营商/环/镜) is a slip. A 成语 is no
        // compound: 开诚/不公 is a slip for 开诚布公 although both halves are words.
        if (byShape || (hit >= idioms && !(cut.includes(i + open) && cut.includes(i + open + 1)))) {
          // The written character is inside a word of the text (疫情防空, 城镇基民): a slip that makes another
          // word, which only the model can tell from a phrase of its own (转业培训 is no 专业培训). A pair of the
          // shape measures asks the same of the model, wherever the character stands.
          const model = ctx.languageModel;
          if (!model || editGain(model, text, i, i + WORD, right) < REAL_WORD_MARGIN) {
            if (byShape) continue; // another place of the window may still hold a pair of the tables
            break;
          }
        }
        ctx.report({
          messageId: 'nearMiss',
          data: { written, right, wrongChar, rightChar: right[open] },
          start: i,
          end: i + WORD,
          suggestion: right,
        });
        lastEnd = i + WORD;
        break;
      }
    }
  },
});
