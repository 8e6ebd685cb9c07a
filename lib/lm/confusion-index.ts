/**
 * Candidate generation for the context typo check: which characters may stand for which (the confusion
 * sets of lib/data/confusion, as a pair table with the kind of each pair), and which vocabulary words lie
 * one such change away from a stretch of text (a wildcard index over the model's words of 2–4 characters).
 */
import data from '../data/confusion/confusion.json';
import glyph from '../data/confusion/glyph.json';
import stroke from '../data/confusion/stroke.json';
import { HashBits } from '../text/hash-bits';
import { charactersOf, syllableOf, toneOf } from './readings';
import type { LanguageModel } from './model';

/** How a written character relates to the one the model proposes (cost of the change grows in this order). */
export type ChangeKind = 'sound' | 'tone' | 'shape' | 'glyph';

const KIND_CODE: Record<ChangeKind, number> = { sound: 1, tone: 2, shape: 3, glyph: 4 };
/** The ChangeKind of a kind code as `confusionKind` returns it (code 0, not confusable, has none). */
export const KIND_OF_CODE: readonly (ChangeKind | undefined)[] = [undefined, 'sound', 'tone', 'shape', 'glyph'];

const HAN0 = 0x4e00;
const HAN_COUNT = 0x9fff - HAN0 + 1;
type PairList = { codes: Int32Array; kinds: Uint8Array };
const NONE = new Int32Array(0);
const NO_PAIRS: PairList = { codes: NONE, kinds: new Uint8Array(0) };

/**
 * The listed pairs (pycorrector's sound, tone and shape tables, glyph.json and stroke.json), per character (code − 0x4E00),
 * made symmetric: built once, in one pass over the tables.
 */
let listed: Array<Map<number, number> | undefined> | undefined;
/** Per character: its confusables, sorted, and the kind of each; built on first use of that character. */
const lists: Array<PairList | undefined> = new Array(HAN_COUNT);

function buildListed(): Array<Map<number, number> | undefined> {
  const maps: Array<Map<number, number> | undefined> = new Array(HAN_COUNT);
  const put = (x: number, y: number, code: number) => {
    const m = (maps[x - HAN0] ??= new Map());
    const had = m.get(y);
    if (!had || had > code) m.set(y, code);
  };
  // The glyph kind: characters alike as rendered (glyph.json) or one a stroke or two more than the other (stroke.json).
  const tables: Array<[ChangeKind, Record<string, string>]> = [
    ['sound', data.sound],
    ['tone', data.tone],
    ['shape', data.shape],
    ['glyph', glyph],
    ['glyph', stroke],
  ];
  for (const [kind, table] of tables) {
    for (const [a, bs] of Object.entries(table)) {
      const ca = a.charCodeAt(0);
      for (const b of bs) {
        const cb = b.charCodeAt(0);
        if (ca === cb || ca < HAN0 || cb < HAN0 || ca > 0x9fff || cb > 0x9fff) continue;
        // Symmetric; the cheapest kind wins when a pair is listed twice (same sound beats similar shape).
        put(ca, cb, KIND_CODE[kind]);
        put(cb, ca, KIND_CODE[kind]);
      }
    }
  }
  return maps;
}

/**
 * The confusables of one character: its listed pairs, and the characters whose first reading is its first
 * reading's syllable (kind 1 with the same tone, 2 with another); a pair in both keeps its cheaper kind.
 */
function listOf(code: number): PairList {
  const i = code - HAN0;
  const had = lists[i];
  if (had) return had;
  listed ??= buildListed();
  const m = new Map(listed[i]);
  const tone = toneOf(code);
  for (const y of charactersOf(syllableOf(code))) {
    if (y === code) continue;
    const kind = toneOf(y) === tone ? 1 : 2;
    const was = m.get(y);
    if (!was || was > kind) m.set(y, kind);
  }
  const codes = Int32Array.from([...m.keys()].sort((x, y) => x - y));
  const list = codes.length ? { codes, kinds: Uint8Array.from(codes, (c) => m.get(c)!) } : NO_PAIRS;
  lists[i] = list;
  return list;
}

/** Builds the tables the per-character lists come from (a background warms them at model load, see language-model.ts). */
export function warmConfusion(): void {
  listed ??= buildListed();
  syllableOf(HAN0);
}

/** `items` (indexes 0..n − 1) reordered stably by `key` (an integer below `range`). */
function countingOrder(n: number, range: number, key: (i: number) => number, items: Int32Array): Int32Array {
  const start = new Int32Array(range + 1);
  for (let j = 0; j < n; j++) start[key(items[j]) + 1]++;
  for (let k = 0; k < range; k++) start[k + 1] += start[k];
  const out = new Int32Array(n);
  for (let j = 0; j < n; j++) out[start[key(items[j])]++] = items[j];
  return out;
}

/** Kind code (1 sound, 2 tone, 3 shape) of writing `written` for `meant`, or 0 when not confusable. Symmetric. */
export function confusionKind(written: number, meant: number): number {
  return written >= HAN0 && written <= 0x9fff ? kindIn(listOf(written), meant) : 0;
}

/** The kind of `meant` in a character's sorted list of confusables (0: not in it). */
function kindIn(l: PairList, meant: number): number {
  let lo = 0;
  let hi = l.codes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = l.codes[mid];
    if (v === meant) return l.kinds[mid];
    if (v < meant) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

/** Characters confusable with the character `code` (any kind), as sorted char codes. */
export function confusableCodes(code: number): Int32Array {
  return code >= HAN0 && code <= 0x9fff ? listOf(code).codes : NONE;
}

/** The longest vocabulary word `around` finds (characters). */
export const MAX_LEN = 4;
/** log2 of the bits of the wildcard index's key bitmap. */
const KEY_BITS = 22;
/**
 * The kind of each character as a confusable of the character `around` is asked about, for the length of one
 * call: a lookup per chain entry instead of a binary search of the confusables. Stamped with the call
 * (`(call << 3) | kind`), so that a call sets the marks of its confusables and never clears them.
 */
const marks = new Uint32Array(HAN_COUNT);
/** The stamp of the current call of `around` (1 … MARK_CALLS − 1; 0 is no call's). */
let markCall = 0;
const MARK_CALLS = 1 << 29;
/** The kind of the character `code` among the confusables of the current call (0: none). */
const markOf = (code: number): number => {
  const m = marks[code - HAN0];
  return m >>> 3 === markCall ? m & 7 : 0;
};

/** FNV-style hash of text[from, from + len) with position `hole` masked. */
function maskedHash(text: string, from: number, len: number, hole: number): number {
  let h = (0x811c9dc5 ^ (len * 8 + (hole - from))) >>> 0;
  for (let k = from; k < from + len; k++) {
    const c = k === hole ? 0 : text.charCodeAt(k);
    h = Math.imul(h ^ c, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Vocabulary words of 2–4 characters that match a stretch of text everywhere but one position. Words of
 * 3–4 characters are indexed by each character position masked: an open-addressing table of hashes
 * (typed arrays: a Map keyed by 32-bit hashes is several times slower) with a chain of word ids per
 * hash. Words of two characters are found through the sorted partners of their other character (a
 * hashed chain of 大? or ?化 holds thousands).
 */
export class WildcardIndex {
  /**
   * Open-addressing table of hashes, two words a slot: the hash (0 marks an empty slot; stored hashes are odd)
   * and where the slot's entries start in `entries` (contiguous, for sequential reads); they end where the
   * next slot's start, a word later (one more slot at the end holds the total). A hit reads one cache line,
   * where three arrays (hash, start, count) took three.
   */
  private readonly slots: Uint32Array;
  /** Per entry, two ints: the word id, and (masked character) | (hole << 16) | (length << 24). */
  private readonly entries: Int32Array;
  private readonly mask: number;
  /**
   * One bit per stored hash (its top KEY_BITS bits): most stretches of text with a hole match no word,
   * and a 512 KB bitmap says so without a read of the table (a cache miss each).
   */
  private readonly keyBits = new HashBits(KEY_BITS);
  /**
   * The two-character words by one character, for a direct lookup where a chain is long: for each character
   * c (code − 0x4E00), `partners` [partnerStart[c], partnerStart[c + 1]) holds, sorted, the other characters
   * of its words (first the words that end in c, then those that begin with it: `partnerMid[c]` splits
   * them), and `partnerIds` the word of each.
   */
  private readonly partnerStart = new Int32Array(HAN_COUNT + 1);
  private readonly partnerMid = new Int32Array(HAN_COUNT);
  private readonly partners: Int32Array;
  private readonly partnerIds: Int32Array;

  constructor(private readonly model: LanguageModel) {
    const { words } = model;
    ({ partners: this.partners, ids: this.partnerIds } = this.buildPartners(words));
    let total = 0;
    for (const w of words) if (w.length >= 3 && w.length <= MAX_LEN) total += w.length;
    let cap = 1;
    while (cap < total * 2) cap <<= 1;
    this.mask = cap - 1;
    const slots = (this.slots = new Uint32Array(2 * cap + 2));
    const count = new Int32Array(cap);
    this.entries = new Int32Array(total * 2);
    // Two passes over the words: count per slot, then place each entry in its slot's run.
    const slotOf = new Int32Array(total);
    let n = 0;
    for (let id = 0; id < words.length; id++) {
      const w = words[id];
      if (w.length < 3 || w.length > MAX_LEN) continue;
      for (let j = 0; j < w.length; j++) {
        const key = (maskedHash(w, 0, w.length, j) | 1) >>> 0;
        let h = key & this.mask;
        while (slots[2 * h] !== 0 && slots[2 * h] !== key) h = (h + 1) & this.mask;
        slots[2 * h] = key;
        this.keyBits.add(key);
        count[h]++;
        slotOf[n++] = h;
      }
    }
    let at = 0;
    for (let h = 0; h < cap; h++) {
      slots[2 * h + 1] = at;
      at += count[h];
    }
    slots[2 * cap + 1] = at;
    const fill = new Int32Array(cap);
    n = 0;
    for (let id = 0; id < words.length; id++) {
      const w = words[id];
      if (w.length < 3 || w.length > MAX_LEN) continue;
      for (let j = 0; j < w.length; j++) {
        const h = slotOf[n++];
        const e = slots[2 * h + 1] + fill[h]++;
        this.entries[2 * e] = id;
        this.entries[2 * e + 1] = w.charCodeAt(j) | (j << 16) | (w.length << 24);
      }
    }
  }

  /** Fills partnerStart/partnerMid; returns the partner characters and word ids (see `partners`). */
  private buildPartners(words: readonly string[]): { partners: Int32Array; ids: Int32Array } {
    const pairs: number[] = [];
    for (let id = 0; id < words.length; id++) {
      const w = words[id];
      if (w.length !== 2) continue;
      const a = w.charCodeAt(0) - HAN0;
      const b = w.charCodeAt(1) - HAN0;
      if (a < 0 || b < 0 || a >= HAN_COUNT || b >= HAN_COUNT) continue;
      pairs.push(b, 0, a, id, a, 1, b, id);
    }
    // Order (character, side, partner): per character, the words ending in it, then those beginning with it.
    const n = pairs.length / 4;
    // Two stable counting sorts (by partner, then by character and side): the order of a comparison sort
    // of (character, side, partner) keys, no two alike, in linear time.
    const byPartner = countingOrder(
      n,
      HAN_COUNT,
      (i) => pairs[4 * i + 2],
      Int32Array.from({ length: n }, (_, i) => i),
    );
    const order = countingOrder(n, 2 * HAN_COUNT, (i) => 2 * pairs[4 * i] + pairs[4 * i + 1], byPartner);
    const partners = new Int32Array(n);
    const ids = new Int32Array(n);
    const counts = new Int32Array(HAN_COUNT);
    const before = new Int32Array(HAN_COUNT);
    for (let i = 0; i < n; i++) {
      const r = order[i];
      const c = pairs[4 * r];
      partners[i] = pairs[4 * r + 2] + HAN0;
      ids[i] = pairs[4 * r + 3];
      counts[c]++;
      if (pairs[4 * r + 1] === 0) before[c]++;
    }
    for (let c = 0; c < HAN_COUNT; c++) {
      this.partnerStart[c + 1] = this.partnerStart[c] + counts[c];
      this.partnerMid[c] = this.partnerStart[c] + before[c];
    }
    return { partners, ids };
  }

  /**
   * Calls `found(s, s + 2, id, kind, code)` for each two-character word (starting at `s` in the text) made of `other` and one of the confusables `conf`
   * (in front of `other` when `front`, else after it), in the order of `conf`.
   */
  private pairsWith(
    other: number,
    front: boolean,
    conf: PairList,
    s: number,
    found: (start: number, end: number, id: number, kind: number, code: number) => void,
  ): void {
    const c = other - HAN0;
    if (c < 0 || c >= HAN_COUNT) return;
    let lo = front ? this.partnerStart[c] : this.partnerMid[c];
    const end = front ? this.partnerMid[c] : this.partnerStart[c + 1];
    const { partners, partnerIds } = this;
    // Both lists are sorted: a merge, galloping through the partners by binary search.
    if (end - lo <= 8 * conf.codes.length) {
      // A short run: read it through, each partner's kind from the marks of the written character (up to eight
      // partners a confusable: a read in order costs less than a step of the search; 0.92 of 4 in a replay of
      // the work reports' 32,600 calls, 16 and more no faster).
      for (let i = lo; i < end; i++) {
        const kind = markOf(partners[i]);
        if (kind) found(s, s + 2, partnerIds[i], kind, partners[i]);
      }
      return;
    }
    for (let q = 0; q < conf.codes.length && lo < end; q++) {
      const code = conf.codes[q];
      let hi = end - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (partners[mid] < code) lo = mid + 1;
        else hi = mid - 1;
      }
      if (lo < end && partners[lo] === code) found(s, s + 2, partnerIds[lo], conf.kinds[q], code);
    }
  }

  /**
   * Calls `found(start, end, id, kind, code)`, for each span [start, end) that `allowed` admits, for each vocabulary word
   * that covers position `at` of `text` within [from, to), matches the text everywhere but at `at`, and
   * differs there by a confusable character `code` (kind: 1 same sound, 2 other tone, 3 similar shape, 4
   * alike as rendered).
   */
  around(
    text: string,
    at: number,
    from: number,
    to: number,
    allowed: (start: number, end: number) => boolean,
    found: (start: number, end: number, id: number, kind: number, code: number) => void,
  ): void {
    const written = text.charCodeAt(at);
    if (written < HAN0 || written > 0x9fff) return;
    const conf = listOf(written);
    if (!conf.codes.length) return;
    const { entries, slots } = this;
    const words = this.model.words;
    if (++markCall === MARK_CALLS) {
      marks.fill(0);
      markCall = 1;
    }
    const stamp = markCall << 3;
    for (let q = 0; q < conf.codes.length; q++) marks[conf.codes[q] - HAN0] = stamp | conf.kinds[q];
    // Two characters: the partner runs, no hashing.
    for (let s = Math.max(from, at - 1); s <= at && s + 2 <= to; s++) {
      // The span's start goes with the call, not in an arrow made per span.
      if (allowed(s, s + 2)) this.pairsWith(text.charCodeAt(s === at ? at + 1 : s), s === at, conf, s, found);
    }
    for (let len = 3; len <= MAX_LEN; len++) {
      for (let s = Math.max(from, at - len + 1); s <= at && s + len <= to; s++) {
        if (!allowed(s, s + len)) continue;
        const key = (maskedHash(text, s, len, at) | 1) >>> 0;
        if (!this.keyBits.has(key)) continue;
        let h = key & this.mask;
        while (slots[2 * h] !== 0 && slots[2 * h] !== key) h = (h + 1) & this.mask;
        if (slots[2 * h] === 0) continue;
        const shape = ((at - s) << 16) | (len << 24);
        const end = 2 * slots[2 * h + 3];
        for (let e = 2 * slots[2 * h + 1]; e < end; e += 2) {
          // Cheap tests first: same length and hole, a confusable character in the hole.
          const meta = entries[e + 1];
          if ((meta & 0x7fff0000) !== shape) continue;
          const kind = markOf(meta & 0xffff);
          if (!kind) continue;
          const id = entries[e];
          const w = words[id];
          let ok = true;
          for (let k = 0; k < len && ok; k++) if (s + k !== at && w.charCodeAt(k) !== text.charCodeAt(s + k)) ok = false;
          if (ok) found(s, s + len, id, kind, meta & 0xffff);
        }
      }
    }
  }
}
