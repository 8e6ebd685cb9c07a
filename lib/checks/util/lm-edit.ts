/**
 * What typo-extra-char (多字) and typo-missing-char (漏字) share: the four-character 成语 and terms of the
 * lexicon with hashed keys for one pass over the text, questions to the model's vocabulary that allocate
 * nothing, and the model's verdict on one edit (one character or word taken out, or put back).
 */
import lexiconData from '../../data/lexicon/near-miss-lexicon.json';
import { decode, WordLattice } from '../../lm/lattice';
import { UNK, type LanguageModel } from '../../lm/model';
import { isHan } from './indicators';
import { pairHash } from '../../text/hash-bits';

/** The four-character entries of lib/data/lexicon/near-miss-lexicon.json. */
export interface FourCharLexicon {
  words: string[];
  /** Entries before this index are 成语, the rest compound terms of official writing. */
  idioms: number;
  /** Entry indexes by the hash of their four characters (hash4; a list in case two entries collide). */
  byHash: Map<number, number[]>;
}

let lexicon: FourCharLexicon | undefined;

/** The lexicon's 成语 and four-character terms, indexed once per process. */
export function fourCharLexicon(): FourCharLexicon {
  if (lexicon) return lexicon;
  const words: string[] = [];
  for (const all of [lexiconData.idioms, lexiconData.terms]) for (let i = 0; i + 4 <= all.length; i += 4) words.push(all.slice(i, i + 4));
  const byHash = new Map<number, number[]>();
  words.forEach((w, i) => {
    const h = hash4(w.charCodeAt(0), w.charCodeAt(1), w.charCodeAt(2), w.charCodeAt(3));
    const list = byHash.get(h);
    if (list) list.push(i);
    else byHash.set(h, [i]);
  });
  lexicon = { words, idioms: lexiconData.idioms.length / 4, byHash };
  return lexicon;
}

/** Whether text[at, at + 4) is an entry of the lexicon (成语 or term). */
export function lexiconEntryAt(lex: FourCharLexicon, text: string, at: number): boolean {
  if (at < 0 || at + 4 > text.length) return false;
  const list = lex.byHash.get(hash4(text.charCodeAt(at), text.charCodeAt(at + 1), text.charCodeAt(at + 2), text.charCodeAt(at + 3)));
  return list?.some((k) => lex.words[k] === text.slice(at, at + 4)) ?? false;
}

/** A 32-bit hash of four UTF-16 codes (collisions are resolved by comparing the entry's characters). */
export function hash4(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) ^ Math.imul(c, 0xc2b2ae3d);
  h = Math.imul(h ^ (h >>> 13), 0x297a2d39) ^ Math.imul(d, 0x27d4eb2f);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Bits of a hashed character pair in a pair-flag table (see pairSlot). */
export const PAIR_BITS = 18;

/** The slot of the character pair (a, b) among the 2^PAIR_BITS of a pair-flag table (PairFlags). */
export function pairSlot(a: number, b: number): number {
  return pairHash(a, b) >>> (32 - PAIR_BITS);
}

/**
 * Flags of hashed character pairs (pairSlot), `width` bits a slot packed 32 bits a word: a check marks the
 * pairs its entries hold (a bit per role) and reads one slot per text position. 64 KB (2 bits) or 128 KB
 * (4 bits), where a byte a slot took 256 KB: the read at every character of a page stays in the processor's
 * cache.
 */
export class PairFlags {
  private readonly words: Uint32Array;
  /** log2 of the slots a word holds, and of a slot's bits; a slot's place in its word is s & slotMask. */
  private readonly slotsLog: number;
  private readonly widthLog: number;
  private readonly slotMask: number;
  private readonly mask: number;

  constructor(width: 2 | 4) {
    this.widthLog = width === 2 ? 1 : 2;
    this.slotsLog = 5 - this.widthLog;
    this.slotMask = (1 << this.slotsLog) - 1;
    this.mask = (1 << width) - 1;
    this.words = new Uint32Array(1 << (PAIR_BITS - this.slotsLog));
  }

  add(a: number, b: number, flags: number): void {
    const s = pairSlot(a, b);
    this.words[s >>> this.slotsLog] |= (flags & this.mask) << ((s & this.slotMask) << this.widthLog);
  }

  /** The flags of the pair (a, b): those of every pair that hashes to its slot. */
  get(a: number, b: number): number {
    const s = pairSlot(a, b);
    return (this.words[s >>> this.slotsLog] >>> ((s & this.slotMask) << this.widthLog)) & this.mask;
  }
}

const ends = new Int32Array(32);
const ids = new Int32Array(32);

/** Whether text[start, end) is one word of the model's vocabulary (no substring is made). */
export function isVocabularyWord(model: LanguageModel, text: string, start: number, end: number): boolean {
  const n = model.wordsAt(text, start, end, ends, ids);
  return n > 0 && ends[n - 1] === end;
}

/** Whether one word of the model's vocabulary of at least `min` characters covers all of [start, end). */
export function vocabularyWordCovers(model: LanguageModel, text: string, start: number, end: number, min: number): boolean {
  for (let s = Math.max(0, end - model.maxWordLength); s <= start; s++) {
    const n = model.wordsAt(text, s, text.length, ends, ids);
    if (n > 0 && ends[n - 1] >= end && ends[n - 1] - s >= min) return true;
  }
  return false;
}

/** Characters of context on each side of an edit that the model reads (within the run of Chinese text). */
const EDIT_CONTEXT = 6;
/** Beam width of the decoding (as lib/lm/detect.ts). */
const BEAM = 6;

/** The run of Chinese text around [start, end), at most `context` characters on each side. */
export function hanWindow(text: string, start: number, end: number, context = EDIT_CONTEXT): [number, number] {
  let from = start;
  let to = end;
  while (from > 0 && start - from < context && isHan(text.charCodeAt(from - 1))) from--;
  while (to < text.length && to - end < context && isHan(text.charCodeAt(to))) to++;
  return [from, to];
}

/** log10 probability of the model's best reading of s[from, to) (3-gram decoding of its own words). */
function bestReading(model: LanguageModel, s: string, from = 0, to = s.length): number {
  return decode(model, readingLattice.reset(model, s, from, to).cover(from, to), from, to, UNK, UNK, NO_AFTER, BEAM);
}

/** The lattice `bestReading` decodes, reused from call to call. */
const readingLattice = new WordLattice();
const NO_AFTER: readonly number[] = [];

/**
 * How much more probable (log10) the model finds the text with text[start, end) replaced by `replacement`
 * than the text as written, both read in the same window of Chinese text around the edit. Taking a
 * character out shortens the text, which alone tends to raise its probability: callers compare the gain
 * with a margin tuned for their edit.
 */
export function editGain(model: LanguageModel, text: string, start: number, end: number, replacement: string, context = EDIT_CONTEXT): number {
  const [from, to] = hanWindow(text, start, end, context);
  const edited = text.slice(from, start) + replacement + text.slice(end, to);
  return bestReading(model, edited) - bestReading(model, text, from, to);
}
