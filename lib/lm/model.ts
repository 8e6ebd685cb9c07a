/**
 * The word 3-gram language model (log10 probabilities with Katz-style backoff), read from the binary file
 * scripts/build-lm.ts writes (layout: ./format.ts). Plain TypeScript over typed arrays: the background
 * service worker and the CLI load it once, lazily; the content script never holds it.
 *
 * Lookups are binary searches over sorted id runs; words are found in text by a character trie kept in
 * an open-addressing hash table (node, character) → child, built when the model loads.
 */
import { HashBits, pairHash as hash } from '../text/hash-bits';
import { MAGIC, VERSION, readVarints, type LmHeader, type SectionName } from './format';

/** The word id of text the vocabulary does not hold (scored with the model's <unk> probability). */
export const UNK = -1;

/** The word 3-gram language model (lib/data/lm/zh-lm.bin): vocabulary trie, unigram, bigram and trigram log10 probabilities with back-off. */
export class LanguageModel {
  readonly header: LmHeader;
  readonly size: number;
  readonly words: string[];
  private readonly uniP: Float32Array;
  private readonly uniBo: Float32Array;
  private readonly biStart: Uint32Array;
  private readonly biNext: Uint32Array;
  /**
   * The bigram and trigram values stay as the file has them, one byte each (a bin of the 256 of their table:
   * `biPt`, `biBoT`, `triPt`): 3.4 MB where float arrays took 13.6 MB, which a lookup reads at random.
   */
  private readonly biP: Uint8Array;
  private readonly biPt: Float32Array;
  private readonly biBo: Uint8Array;
  private readonly biBoT: Float32Array;
  /**
   * The trigram runs of the bigrams that have one (a fifth of them): `triStart[r] … triStart[r + 1]` for the
   * r-th such bigram. Which bigrams have one, and their rank, are in `triRank`.
   */
  private readonly triStart: Uint32Array;
  /**
   * Per 32 bigrams, two words: how many of the bigrams before them have trigrams, and a bit for each of the 32
   * that has. 0.4 MB where a start per bigram took 6 MB: most lookups end on a bigram without trigrams, read
   * from a table that stays in the processor's cache.
   */
  private readonly triRank: Uint32Array;
  private readonly triNext: Uint32Array;
  private readonly triP: Uint8Array;
  private readonly triPt: Float32Array;
  readonly unk: number;
  /**
   * No `logp` is above this (computed at load from the value tables: the highest of what `score` can add
   * up). A bound that lets a caller skip the second half of a sum that cannot reach its threshold.
   */
  readonly maxLogp: number;
  // Trie: the node where a word ends is numbered as the word (its id), the others from `size` on, the root
  // first; child(node, code) by open addressing.
  /**
   * Slots of two words: the edge's key + 1 (0: empty; the key is the parent node and the character's dense index,
   * `edgeKey`) and the child node. 4 MB, where three ints a slot at half the load took 12 MB: a walk's reads of the
   * table miss the processor's cache less.
   */
  private trie: Uint32Array;
  private trieMask: number;
  /** Dense index (1 …) of each character of the vocabulary by its UTF-16 code; 0 for any other. */
  private readonly charIndex = new Uint16Array(65536);
  /**
   * One bit per trie edge (the top EDGE_BITS bits of its hash): a walk ends where the text leaves the
   * vocabulary, and the 512 KB bitmap tells that step without a read of the table.
   */
  private readonly edgeBits = new HashBits(EDGE_BITS);
  /**
   * One bit per hash of each bigram (a Bloom filter with one hash, 4 MB for the 1.5 million bigrams): two
   * lookups in three ask for a bigram the model lacks, and most of them end on this bit without their binary
   * search (about 5 % of absent pairs pass it and are searched).
   */
  private readonly bigramBits = new HashBits(BIGRAM_BITS);
  /** Child of the root per first character (the first step of every walk, without hashing). */
  private rootChild: Int32Array;
  /** Id of each one-character word by its UTF-16 code (UNK when it is none). */
  private readonly charIds: Int32Array;
  /** Longest word, in UTF-16 units. */
  readonly maxWordLength: number;
  /**
   * A direct-mapped cache of `logp`, two doubles a slot: the 3-gram's key (`keyBase`, -1: empty) and its score.
   * The decoder asks the same 3-grams again and again (the text as written, then with each candidate, over
   * overlapping windows), and each answer is up to three binary searches. 1 MB; a lookup reads one cache line
   * (the key and the score side by side).
   */
  private readonly cache = new Float64Array(2 << CACHE_BITS).fill(-1);
  /**
   * The base of a cache key, ((h2 + 1) · base + h1) · base + w with every history below 0 as -1: an integer
   * below 2^53, exact in a double (checked at load).
   */
  private readonly keyBase: number;

  private constructor(bytes: Uint8Array) {
    const magic = new TextDecoder().decode(bytes.subarray(0, 4));
    if (magic !== MAGIC) throw new Error('not a GovReview language model file (bad magic)');
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const version = dv.getUint32(4, true);
    if (version !== VERSION) throw new Error(`language model version ${version}, expected ${VERSION}`);
    const headerBytes = dv.getUint32(8, true);
    this.header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerBytes))) as LmHeader;
    const sec = (name: SectionName) => {
      const s = this.header.sections[name];
      if (!s || s.offset + s.length > bytes.length) throw new Error(`language model file truncated (section ${name})`);
      return bytes.subarray(s.offset, s.offset + s.length);
    };
    const { counts, quant } = this.header;
    this.unk = this.header.unk;
    this.words = new TextDecoder().decode(sec('vocab')).split('\n');
    this.size = this.words.length;
    this.keyBase = this.size + 1;
    if (this.keyBase ** 3 > Number.MAX_SAFE_INTEGER) throw new Error('language model vocabulary too large for its score cache');
    if (this.size !== counts.unigrams) throw new Error('language model vocabulary does not match its header');
    this.charIds = new Int32Array(65536).fill(UNK);
    this.words.forEach((w, i) => {
      if (w.length === 1) this.charIds[w.charCodeAt(0)] = i;
    });
    const dequant = (raw: Uint8Array, table: number[]) => {
      const t = Float32Array.from(table);
      const out = new Float32Array(raw.length);
      for (let i = 0; i < raw.length; i++) out[i] = t[raw[i]];
      return out;
    };
    this.uniP = dequant(sec('uniP'), quant.uniP);
    this.uniBo = dequant(sec('uniBo'), quant.uniBo);
    // Copies: the file's buffer is not kept alive by a view of it.
    this.biP = sec('biP').slice();
    this.biPt = Float32Array.from(quant.biP);
    this.biBo = sec('biBo').slice();
    this.biBoT = Float32Array.from(quant.biBo);
    this.triP = sec('triP').slice();
    this.triPt = Float32Array.from(quant.triP);
    const top = (a: ArrayLike<number>) => {
      let m = -Infinity;
      for (let i = 0; i < a.length; i++) if (a[i] > m) m = a[i];
      return m;
    };
    const backedOff = top(this.uniBo) + top(this.uniP);
    const bigram = Math.max(top(this.biPt), backedOff);
    this.maxLogp = Math.max(this.unk, top(this.uniP), bigram, top(this.biBoT) + bigram, top(this.triPt));
    this.biStart = runStarts(sec('biCount'), this.size);
    this.biNext = runIds(sec('biNext'), this.biStart, counts.bigrams);
    for (let a = 0; a < this.size; a++) for (let i = this.biStart[a]; i < this.biStart[a + 1]; i++) this.bigramBits.add(hash(a, this.biNext[i]));
    const triStart = runStarts(sec('triCount'), counts.bigrams);
    this.triNext = runIds(sec('triNext'), triStart, counts.trigrams);
    [this.triRank, this.triStart] = rankRuns(triStart);

    // The trie over the vocabulary.
    let chars = 0;
    let longest = 0;
    for (const w of this.words) {
      chars += w.length;
      if (w.length > longest) longest = w.length;
    }
    this.maxWordLength = longest;
    this.rootChild = new Int32Array(65536).fill(-1);
    let distinct = 0;
    for (const w of this.words)
      for (let k = 0; k < w.length; k++) {
        const code = w.charCodeAt(k);
        if (this.charIndex[code] === 0) this.charIndex[code] = ++distinct;
      }
    // A key is the node shifted past the character's index: both must fit in 32 bits (checked for nodes below).
    if (distinct >= 1 << CHAR_BITS) throw new Error('language model vocabulary too large for its trie');
    let cap = 1;
    while (cap < chars) cap <<= 1;
    this.trieMask = cap - 1;
    // First the trie's shape, nodes numbered as they are made: each node's parent and character.
    const parent = new Int32Array(chars + 1);
    const codeOf = new Uint16Array(chars + 1);
    const wordAt = new Int32Array(chars + 1).fill(-1);
    let nodes = 1;
    {
      const trie = new Uint32Array(cap * 2);
      for (let id = 0; id < this.size; id++) {
        const w = this.words[id];
        let node = 0;
        for (let k = 0; k < w.length; k++) {
          const code = w.charCodeAt(k);
          const key = edgeKey(node, this.charIndex[code]) + 1;
          for (let h = hash(node, code) & this.trieMask; ; h = (h + 1) & this.trieMask) {
            const n = trie[2 * h];
            if (n === 0) {
              if (nodes >= MAX_NODES) throw new Error('language model vocabulary too large for its trie');
              trie[2 * h] = key;
              trie[2 * h + 1] = nodes;
              parent[nodes] = node;
              codeOf[nodes] = code;
              node = nodes++;
              break;
            }
            if (n === key) {
              node = trie[2 * h + 1];
              break;
            }
          }
        }
        wordAt[node] = id;
      }
    }
    // Then numbered again: the node where a word ends is the word's id (no table of the word at a node to
    // read at each step of a walk), the others follow from `size` on (the root first).
    const renumbered = new Int32Array(nodes);
    let next = this.size;
    for (let n = 0; n < nodes; n++) renumbered[n] = wordAt[n] >= 0 ? wordAt[n] : next++;
    if (next >= MAX_NODES) throw new Error('language model vocabulary too large for its trie');
    const trie = (this.trie = new Uint32Array(cap * 2));
    for (let n = 1; n < nodes; n++) {
      const from = renumbered[parent[n]];
      const code = codeOf[n];
      if (parent[n] === 0) this.rootChild[code] = renumbered[n];
      this.edgeBits.add(hash(from, code));
      let h = hash(from, code) & this.trieMask;
      while (trie[2 * h] !== 0) h = (h + 1) & this.trieMask;
      trie[2 * h] = edgeKey(from, this.charIndex[code]) + 1;
      trie[2 * h + 1] = renumbered[n];
    }
  }

  /** Parses a model file (the whole file's bytes). Throws a clear error on anything else. */
  static fromBytes(bytes: Uint8Array): LanguageModel {
    return new LanguageModel(bytes);
  }

  /** The id of a vocabulary word, or UNK. */
  id(word: string): number {
    // A walk of the vocabulary trie (no map of 165,000 strings to build at load and hold).
    if (word.length === 0) return UNK;
    let node = this.rootChild[word.charCodeAt(0)];
    for (let k = 1; k < word.length && node >= 0; k++) node = this.child(node, word.charCodeAt(k));
    return node < 0 || node >= this.size ? UNK : node;
  }

  /** The id of the one-character word with this UTF-16 code, or UNK. */
  charId(code: number): number {
    return this.charIds[code];
  }

  /** log10 P(w) (the model's <unk> probability for UNK). */
  unigram(w: number): number {
    return w < 0 ? this.unk : this.uniP[w];
  }

  /** Index of the bigram (a, b) in the bigram arrays, or -1. */
  private bigram(a: number, b: number): number {
    if (a < 0 || b < 0 || !this.bigramBits.has(hash(a, b))) return -1;
    return search(this.biNext, this.biStart[a], this.biStart[a + 1], b);
  }

  /**
   * log10 P(w | h2 h1) with backoff (h2 / h1 = UNK for no history: the start of a run of Chinese text, or
   * an unknown word). The model has no sentence markers, so the first word of a run is scored alone.
   */
  logp(h2: number, h1: number, w: number): number {
    if (w < 0) return this.unk;
    if (h1 < 0) return this.uniP[w];
    // Every history word below 0 scores alike (no history): one key for them.
    const h = h2 < 0 ? 0 : h2 + 1;
    const slot = (Math.imul(h, 0x9e3779b1) ^ Math.imul(h1, 0x85ebca77) ^ Math.imul(w, 0xc2b2ae3d)) >>> (32 - CACHE_BITS);
    const key = (h * this.keyBase + h1) * this.keyBase + w;
    if (this.cache[2 * slot] === key) return this.cache[2 * slot + 1];
    return this.scoreInto(h2, h1, w, slot, key);
  }

  /**
   * `score`, kept in the cache's `slot`. Apart from `logp` so that `logp` stays small enough for V8 to inline
   * into its callers: a double returned from a call that is not inlined is allocated on the heap.
   */
  private scoreInto(h2: number, h1: number, w: number, slot: number, key: number): number {
    const v = this.score(h2, h1, w);
    this.cache[2 * slot] = key;
    this.cache[2 * slot + 1] = v;
    return v;
  }

  /** Empties the cache of 3-gram scores (the benchmark measures each pass as if it were the first). */
  forgetScores(): void {
    for (let i = 0; i < this.cache.length; i += 2) this.cache[i] = -1;
  }

  /** log10 P(w | h2 h1) looked up in the n-gram arrays (`logp` without its cache). */
  private score(h2: number, h1: number, w: number): number {
    const b12 = this.bigram(h1, w);
    if (h2 >= 0) {
      const b01 = this.bigram(h2, h1);
      if (b01 >= 0) {
        // The trigram's run, if the bigram (h2, h1) has one: its rank among those that do.
        const bits = this.triRank[2 * (b01 >>> 5) + 1];
        const bit = 1 << (b01 & 31);
        if ((bits & bit) !== 0) {
          const r = this.triRank[2 * (b01 >>> 5)] + popcount(bits & (bit - 1));
          const t = search(this.triNext, this.triStart[r], this.triStart[r + 1], w);
          if (t >= 0) return this.triPt[this.triP[t]];
        }
        return this.biBoT[this.biBo[b01]] + this.bigramScore(b12, h1, w);
      }
    }
    return this.bigramScore(b12, h1, w);
  }

  /** log10 P(w | h1) given the bigram's index `b` (-1: the model lacks it, so h1's backoff and w's unigram). */
  private bigramScore(b: number, h1: number, w: number): number {
    return b >= 0 ? this.biPt[this.biP[b]] : this.uniBo[h1] + this.uniP[w];
  }

  /**
   * log10 P(w | h1), the same as `logp(UNK, h1, w)`, without the 3-gram cache: for the bounds that test many
   * candidates on bigrams alone (lib/lm/detect.ts), of which only a third hit that cache, where a probe of it
   * costs about as much as the bigram's lookup (mostly ended by the bigram filter). The decoder's 3-gram scores
   * keep the cache to themselves.
   */
  bigramLogp(h1: number, w: number): number {
    if (w < 0) return this.unk;
    if (h1 < 0) return this.uniP[w];
    return this.bigramScore(this.bigram(h1, w), h1, w);
  }

  /** Whether the model holds the bigram (h1, w) itself (not through backoff). */
  hasBigram(h1: number, w: number): boolean {
    return this.bigram(h1, w) >= 0;
  }

  /**
   * Every vocabulary word that starts at `text[pos]` and ends at or before `end`: writes their end offsets
   * and ids into `ends`/`ids` (shortest first) and returns how many.
   */
  wordsAt(text: string, pos: number, end: number, ends: Int32Array, ids: Int32Array): number {
    if (pos >= end) return 0;
    let node = this.rootChild[text.charCodeAt(pos)];
    if (node < 0) return 0;
    let n = 0;
    // A node below `size` is where the word of that id ends.
    if (node < this.size) {
      ends[0] = pos + 1;
      ids[0] = node;
      n = 1;
    }
    const limit = Math.min(end, pos + this.maxWordLength);
    for (let k = pos + 1; k < limit; k++) {
      const next = this.child(node, text.charCodeAt(k));
      if (next < 0) break;
      node = next;
      if (node < this.size && n < ends.length) {
        ends[n] = k + 1;
        ids[n] = node;
        n++;
      }
    }
    return n;
  }

  /** The trie node below `node` by the character `code`, or -1. */
  private child(node: number, code: number): number {
    const e = hash(node, code);
    // Most steps leave the vocabulary: the bitmap says so without a read of the table.
    if (!this.edgeBits.has(e)) return -1;
    const key = edgeKey(node, this.charIndex[code]) + 1;
    const trie = this.trie;
    for (let h = e & this.trieMask; ; h = (h + 1) & this.trieMask) {
      const k = trie[2 * h];
      if (k === key) return trie[2 * h + 1];
      if (k === 0) return -1;
    }
  }

  /** Memory held by the model's arrays, in bytes (for the benchmark's budget). */
  get arrayBytes(): number {
    const arrays = [
      this.rootChild,
      this.charIds,
      this.uniP,
      this.uniBo,
      this.biStart,
      this.biNext,
      this.biP,
      this.biBo,
      this.triStart,
      this.triRank,
      this.triNext,
      this.triP,
      this.trie,
      this.charIndex,
      this.cache,
    ];
    return arrays.reduce((n, a) => n + a.byteLength, this.edgeBits.byteLength + this.bigramBits.byteLength);
  }
}

/** log2 of the bits of the bigram filter (`bigramBits`). */
const BIGRAM_BITS = 25;
/** log2 of the bits of the trie's edge bitmap. */
const EDGE_BITS = 22;
/** Bits of a character's dense index in a trie edge's key (8,362 characters in the shipped vocabulary). */
const CHAR_BITS = 14;
/** Nodes a key can name (one less: key + 1 must fit too). */
const MAX_NODES = 2 ** (32 - CHAR_BITS) - 1;
/** A trie edge's key: the parent node and the character's dense index, as an unsigned 32-bit integer. */
const edgeKey = (node: number, index: number) => ((node << CHAR_BITS) | index) >>> 0;
/** log2 of the score cache's slots. */
const CACHE_BITS = 16;

/** Binary search of `x` in the sorted run arr[from, to); its index or -1. */
function search(arr: Uint32Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = arr[mid];
    if (v === x) return mid;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The number of bits set in a 32-bit integer. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * Run starts (`starts[i] … starts[i + 1]` is run i) as a rank table of the non-empty runs and their starts
 * alone (see `triRank`, `triStart`).
 */
export function rankRuns(starts: Uint32Array): [Uint32Array, Uint32Array] {
  const n = starts.length - 1;
  const rank = new Uint32Array(2 * Math.ceil(n / 32));
  let kept = 0;
  for (let i = 0; i < n; i++) {
    if (i % 32 === 0) rank[2 * (i >>> 5)] = kept;
    if (starts[i + 1] > starts[i]) {
      rank[2 * (i >>> 5) + 1] |= 1 << (i & 31);
      kept++;
    }
  }
  const compact = new Uint32Array(kept + 1);
  let r = 0;
  for (let i = 0; i < n; i++) if (starts[i + 1] > starts[i]) compact[r++] = starts[i];
  compact[kept] = starts[n];
  return [rank, compact];
}

/** Prefix sums of a varint count list: starts[i] .. starts[i + 1] is run i. */
function runStarts(bytes: Uint8Array, n: number): Uint32Array {
  const counts = new Uint32Array(n);
  readVarints(bytes, 0, n, counts);
  const starts = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) starts[i + 1] = starts[i] + counts[i];
  return starts;
}

/** Delta-coded id runs back to absolute ids. */
function runIds(bytes: Uint8Array, starts: Uint32Array, total: number): Uint32Array {
  const ids = new Uint32Array(total);
  readVarints(bytes, 0, total, ids);
  for (let r = 0; r + 1 < starts.length; r++) {
    let acc = 0;
    for (let i = starts[r]; i < starts[r + 1]; i++) ids[i] = acc += ids[i];
  }
  if (starts[starts.length - 1] !== total) throw new Error('language model runs do not match their counts');
  return ids;
}
