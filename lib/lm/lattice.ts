/**
 * Word lattices over a run of Chinese text, and their decoding with the n-gram model.
 *
 *  - `segment`: the most probable segmentation by unigram probabilities (the dynamic programme jieba uses,
 *    over the model's own vocabulary), cheap enough for every character of a page;
 *  - `WordLattice`: the text's own words from each offset, filled as windows need them;
 *  - `decode`: beam search over a window of a lattice plus one candidate word (with a change cost), scored
 *    by the 3-gram model with the words before the window as history and the words after it as look-ahead.
 *    States are recombined on the last two words; `decodedThrough` and `decodedPath` read its best path.
 */
import { UNK, type LanguageModel } from './model';

/** A word of a segmentation: text offsets [start, end) and the model's id for it. */
export interface Token {
  start: number;
  end: number;
  /** Vocabulary id, or UNK for a character the model does not know. */
  id: number;
}

/** An edge of a lattice: a word over [start, end); `cost` > 0 and `cand` ≥ 0 when it changes the text. */
export interface Arc extends Token {
  cost: number;
  /** Index of the candidate this arc stands for (-1: the text as written). */
  cand: number;
}

const MAX_WORDS_AT = 16;
const endsBuf = new Int32Array(MAX_WORDS_AT);
const idsBuf = new Int32Array(MAX_WORDS_AT);
let best = new Float64Array(256);
let back = new Int32Array(256);
let backId = new Int32Array(256);

/**
 * The lattice of a text as written: from each offset of [base, limit), the vocabulary words that start there
 * and end by `limit`, and UNK where no single character is a word. Filled per offset the first time a window
 * needs it (`cover`), into typed arrays that one lattice reuses from text to text (the arcs of a page were objects,
 * kept for the page: a sixth of what a pass allocated). Arcs of a candidate go to `decode` as its `extra`;
 * `add` puts one more arc into the lattice (tests, a lattice of several candidates).
 */
export class WordLattice {
  private model?: LanguageModel;
  private text = '';
  private base = 0;
  private limit = 0;
  /** Per offset (less `base`): the index of its first arc (-1: not filled yet) and how many it has. */
  private first = new Int32Array(0);
  private counts = new Uint8Array(0);
  /** The arcs, an offset's together: end offset, word id (UNK), cost. */
  ends = new Int32Array(1024);
  ids = new Int32Array(1024);
  costs = new Float64Array(1024);
  private size = 0;
  private lastFilled = -1;

  /** Empties the lattice for text[base, limit). */
  reset(model: LanguageModel, text: string, base = 0, limit = text.length): this {
    this.model = model;
    this.text = text;
    this.base = base;
    this.limit = limit;
    const n = limit - base;
    if (this.first.length < n) {
      this.first = new Int32Array(Math.max(n, 2 * this.first.length));
      this.counts = new Uint8Array(this.first.length);
    }
    this.first.fill(-1, 0, n);
    this.size = 0;
    this.lastFilled = -1;
    return this;
  }

  /**
   * Fills the offsets of [from, to) not filled yet: `decode` reads only filled offsets (the filling stays out
   * of its loop, which V8 would otherwise inline with the vocabulary's trie, and then not the 3-gram lookups).
   */
  cover(from: number, to: number): this {
    for (let p = from; p < to; p++) if (this.first[p - this.base] < 0) this.fill(p);
    return this;
  }

  /** The index of the first arc from offset `p` (filled), `count(p)` arcs in all. */
  at(p: number): number {
    return this.first[p - this.base];
  }

  /** How many arcs start at offset `p` (filled). */
  count(p: number): number {
    return this.counts[p - this.base];
  }

  /** Adds an arc from offset `p` after the text's words there. An offset's arcs stay together: `p` must be the offset filled last. */
  add(p: number, end: number, id: number, cost: number): void {
    this.cover(p, p + 1);
    if (p !== this.lastFilled) throw new Error(`WordLattice.add: offset ${p} is not the offset filled last`);
    this.push(p, end, id, cost);
  }

  private fill(p: number): void {
    const n = this.model!.wordsAt(this.text, p, this.limit, endsBuf, idsBuf);
    this.first[p - this.base] = this.size;
    this.counts[p - this.base] = 0;
    this.lastFilled = p;
    if (n === 0 || endsBuf[0] !== p + 1) this.push(p, p + 1, UNK, 0);
    for (let k = 0; k < n; k++) this.push(p, endsBuf[k], idsBuf[k], 0);
  }

  private push(p: number, end: number, id: number, cost: number): void {
    if (this.size === this.ends.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => (b.set(a), b);
      this.ends = grow(this.ends, new Int32Array(2 * this.size));
      this.ids = grow(this.ids, new Int32Array(2 * this.size));
      this.costs = grow(this.costs, new Float64Array(2 * this.size));
    }
    this.ends[this.size] = end;
    this.ids[this.size] = id;
    this.costs[this.size] = cost;
    this.size++;
    this.counts[p - this.base]++;
  }
}

/** Most probable segmentation of text[from, to) by unigram probabilities. */
export function segment(model: LanguageModel, text: string, from: number, to: number): Token[] {
  const len = to - from;
  if (best.length < len + 1) {
    best = new Float64Array(len * 2 + 1);
    back = new Int32Array(len * 2 + 1);
    backId = new Int32Array(len * 2 + 1);
  }
  best.fill(-Infinity, 0, len + 1);
  best[0] = 0;
  const unk = model.unk;
  for (let p = 0; p < len; p++) {
    const base = best[p];
    if (base === -Infinity) continue;
    const n = model.wordsAt(text, from + p, to, endsBuf, idsBuf);
    if (n === 0 || endsBuf[0] !== from + p + 1) {
      const s = base + unk;
      if (s > best[p + 1]) {
        best[p + 1] = s;
        back[p + 1] = p;
        backId[p + 1] = UNK;
      }
    }
    for (let k = 0; k < n; k++) {
      const e = endsBuf[k] - from;
      const s = base + model.unigram(idsBuf[k]);
      if (s > best[e]) {
        best[e] = s;
        back[e] = p;
        backId[e] = idsBuf[k];
      }
    }
  }
  const out: Token[] = [];
  for (let e = len; e > 0; e = back[e]) out.push({ start: from + back[e], end: from + e, id: backId[e] });
  return out.reverse();
}

/**
 * The decoder's hypotheses, in a pool of typed arrays reused by every call (one decoding at a time: the
 * checks are synchronous): score, the 3-gram state (h2, h1), the arc that made it (its index in the lattice,
 * EXTRA for the candidate, -1 for none: the start), whether its path takes the candidate, the hypothesis it
 * extends (-1: the start), and per position a list of its hypotheses in insertion order (`next`).
 */
let poolCap = 0;
let hScore = new Float64Array(0);
let hH2 = new Int32Array(0);
let hH1 = new Int32Array(0);
let hPrev = new Int32Array(0);
let hNext = new Int32Array(0);
let hArc = new Int32Array(0);
let hThrough = new Uint8Array(0);
let head = new Int32Array(0);
let tail = new Int32Array(0);
let live = new Int32Array(0);
/** Hypotheses of the pool in use by the last decoding. */
let used = 0;
/** The arc index of a hypothesis made by the candidate (`extra`). */
const EXTRA = -2;

/** The last decoding: its best hypothesis (-1: none), and what its path is read from (`decodedPath`). */
const last: { best: number; lattice?: WordLattice; from: number; extra?: Arc } = { best: -1, from: 0 };

function growPool(n: number): void {
  const cap = Math.max(n, poolCap * 2, 1024);
  const copy = <T extends Float64Array | Int32Array | Uint8Array>(a: T, b: T): T => (b.set(a), b);
  hScore = copy(hScore, new Float64Array(cap));
  hH2 = copy(hH2, new Int32Array(cap));
  hH1 = copy(hH1, new Int32Array(cap));
  hPrev = copy(hPrev, new Int32Array(cap));
  hNext = copy(hNext, new Int32Array(cap));
  hArc = copy(hArc, new Int32Array(cap));
  hThrough = copy(hThrough, new Uint8Array(cap));
  poolCap = cap;
}

/** A hypothesis at position `q` (relative to the window): a new one, or a better path to a state it holds. */
function add(q: number, score: number, a2: number, a1: number, arc: number, through: number, prev: number): void {
  // Recombine on the 3-gram state: a better path to the same state takes its place in the list.
  for (let k = head[q]; k >= 0; k = hNext[k]) {
    if (hH1[k] === a1 && hH2[k] === a2) {
      if (hScore[k] >= score) return;
      hScore[k] = score;
      hArc[k] = arc;
      hThrough[k] = through;
      hPrev[k] = prev;
      return;
    }
  }
  if (used === poolCap) growPool(used + 1);
  const k = used++;
  hScore[k] = score;
  hH2[k] = a2;
  hH1[k] = a1;
  hArc[k] = arc;
  hThrough[k] = through;
  hPrev[k] = prev;
  hNext[k] = -1;
  if (head[q] < 0) head[q] = k;
  else hNext[tail[q]] = k;
  tail[q] = k;
}

/**
 * Beam search over the lattice's arcs covering [from, to) (filled: `WordLattice.cover`): the best path's score, log10 P − Σ cost, look-ahead
 * included (−Infinity when no path covers the window). `h2`, `h1`: the two words before the window (UNK when
 * none); `after`: the ids of the words after it, scored as look-ahead so that a change must fit both sides.
 * Arcs that end past `to` are left out. States are recombined on the last two words; at each position the
 * `beam` best go on (ties: the first made). `extra`: one more arc, taken after the lattice's at its start (a
 * candidate, the lattice left as it is); `decodedThrough` says whether the best path takes it.
 */
export function decode(
  model: LanguageModel,
  lattice: WordLattice,
  from: number,
  to: number,
  h2: number,
  h1: number,
  after: readonly number[],
  beam: number,
  extra?: Arc,
): number {
  const len = to - from;
  if (head.length < len + 1) {
    head = new Int32Array(2 * len + 2);
    tail = new Int32Array(2 * len + 2);
  }
  head.fill(-1, 0, len + 1);
  used = 0;
  add(0, 0, h2, h1, -1, 0, -1);
  const xs = extra === undefined ? -1 : extra.start - from;
  const { ends, ids, costs } = lattice;
  for (let p = 0; p < len; p++) {
    // This position's hypotheses, best first (stable: insertion order among equals), cut to the beam.
    let n = 0;
    for (let k = head[p]; k >= 0; k = hNext[k]) {
      if (live.length === n) live = Int32Array.from({ length: 2 * n + 16 }, (_, i) => live[i] ?? 0);
      live[n++] = k;
    }
    if (!n) continue;
    if (n > beam) {
      for (let i = 1; i < n; i++) {
        const k = live[i];
        const sc = hScore[k];
        let j = i - 1;
        while (j >= 0 && hScore[live[j]] < sc) {
          live[j + 1] = live[j];
          j--;
        }
        live[j + 1] = k;
      }
      n = beam;
    }
    const first = lattice.at(from + p);
    const stop = first + lattice.count(from + p);
    for (let a = first; a < stop; a++) {
      const e = ends[a] - from;
      if (e > len) continue;
      const id = ids[a];
      const cost = costs[a];
      for (let i = 0; i < n; i++) {
        const k = live[i];
        add(e, hScore[k] + model.logp(hH2[k], hH1[k], id) - cost, hH1[k], id, a, hThrough[k], k);
      }
    }
    if (p === xs) {
      const e = extra!.end - from;
      if (e <= len) {
        for (let i = 0; i < n; i++) {
          const k = live[i];
          add(e, hScore[k] + model.logp(hH2[k], hH1[k], extra!.id) - extra!.cost, hH1[k], extra!.id, EXTRA, 1, k);
        }
      }
    }
  }
  let best = -1;
  let bestScore = -Infinity;
  for (let k = head[len]; k >= 0; k = hNext[k]) {
    let sc = hScore[k];
    let a2 = hH2[k];
    let a1 = hH1[k];
    for (let i = 0; i < after.length; i++) {
      const w = after[i];
      sc += model.logp(a2, a1, w);
      a2 = a1;
      a1 = w;
    }
    if (sc > bestScore) {
      bestScore = sc;
      best = k;
    }
  }
  last.best = best;
  last.lattice = lattice;
  last.from = from;
  last.extra = extra;
  return bestScore;
}

/** Whether the best path of the last decoding takes its `extra` arc. */
export function decodedThrough(): boolean {
  return last.best >= 0 && hThrough[last.best] === 1;
}

/** The best path of the last decoding, its arcs in text order (empty when there was none); the lattice must be as it was. */
export function decodedPath(): Arc[] {
  const { best, lattice, from, extra } = last;
  if (best < 0 || !lattice) return [];
  const arcs: number[] = [];
  for (let k = best; k >= 0 && hArc[k] !== -1; k = hPrev[k]) arcs.push(hArc[k]);
  const path: Arc[] = [];
  let start = from;
  for (let i = arcs.length - 1; i >= 0; i--) {
    const a = arcs[i];
    const arc = a === EXTRA ? extra! : { start, end: lattice.ends[a], id: lattice.ids[a], cost: lattice.costs[a], cand: lattice.costs[a] > 0 ? 0 : -1 };
    path.push(arc);
    start = arc.end;
  }
  return path;
}
