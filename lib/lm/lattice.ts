/**
 * Word lattices over a run of Chinese text, and their decoding with the n-gram model.
 *
 *  - `segment`: the most probable segmentation by unigram probabilities (the dynamic programme jieba uses,
 *    over the model's own vocabulary), cheap enough for every character of a page;
 *  - `decode`: beam search over a lattice of the text's own words plus candidate words (each with a change
 *    cost), scored by the 3-gram model with the words before the window as history and the words after it
 *    as look-ahead. States are recombined on the last two words.
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
const NO_ARCS: readonly Arc[] = [];
const endsBuf = new Int32Array(MAX_WORDS_AT);
const idsBuf = new Int32Array(MAX_WORDS_AT);
let best = new Float64Array(256);
let back = new Int32Array(256);
let backId = new Int32Array(256);

/** Appends to `out` the vocabulary words of `text` starting at `pos` (at most MAX_WORDS_AT), and UNK when no single character is a word. */
export function exactArcs(model: LanguageModel, text: string, pos: number, to: number, out: Arc[]): void {
  const n = model.wordsAt(text, pos, to, endsBuf, idsBuf);
  if (n === 0 || endsBuf[0] !== pos + 1) out.push({ start: pos, end: pos + 1, id: UNK, cost: 0, cand: -1 });
  for (let k = 0; k < n; k++) out.push({ start: pos, end: endsBuf[k], id: idsBuf[k], cost: 0, cand: -1 });
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

/** The best path `decode` found: its score (log10 P − Σ cost, look-ahead included) and its arcs in text order. */
export interface Decoded {
  score: number;
  arcs: Arc[];
}

/**
 * The decoder's hypotheses, in a pool of typed arrays reused by every call (one decoding at a time: the
 * checks are synchronous): score, the 3-gram state (h2, h1), the arc that made it and the hypothesis it
 * extends (-1: the start), and per position a list of its hypotheses in insertion order (`next`).
 */
let poolCap = 0;
let hScore = new Float64Array(0);
let hH2 = new Int32Array(0);
let hH1 = new Int32Array(0);
let hPrev = new Int32Array(0);
let hNext = new Int32Array(0);
const hArc: (Arc | null)[] = [];
let head = new Int32Array(0);
let tail = new Int32Array(0);
let live = new Int32Array(0);

function growPool(n: number): void {
  const cap = Math.max(n, poolCap * 2, 1024);
  const copy = <T extends Float64Array | Int32Array>(a: T, b: T): T => (b.set(a), b);
  hScore = copy(hScore, new Float64Array(cap));
  hH2 = copy(hH2, new Int32Array(cap));
  hH1 = copy(hH1, new Int32Array(cap));
  hPrev = copy(hPrev, new Int32Array(cap));
  hNext = copy(hNext, new Int32Array(cap));
  hArc.length = cap;
  poolCap = cap;
}

/**
 * Beam search over `arcs` (grouped by start offset relative to `from`) covering [from, to): the best path
 * by log10 P − Σ cost. `h2`, `h1`: the two words before the window (UNK when none); `after`: the ids of the
 * words after it, scored as look-ahead so that a change must fit both sides. States are recombined on the
 * last two words; at each position the `beam` best go on (ties: the first made). `extra`: one more arc, taken
 * after those of `arcsAt` at its start (a candidate, without a copy of that position's list).
 */
export function decode(
  model: LanguageModel,
  arcsAt: Arc[][],
  from: number,
  to: number,
  h2: number,
  h1: number,
  after: readonly number[],
  beam: number,
  extra?: Arc,
): Decoded | undefined {
  const len = to - from;
  if (head.length < len + 1) {
    head = new Int32Array(2 * len + 2);
    tail = new Int32Array(2 * len + 2);
  }
  head.fill(-1, 0, len + 1);
  let used = 0;
  const add = (q: number, score: number, a2: number, a1: number, arc: Arc | null, prev: number) => {
    // Recombine on the 3-gram state: a better path to the same state takes its place in the list.
    for (let k = head[q]; k >= 0; k = hNext[k]) {
      if (hH1[k] === a1 && hH2[k] === a2) {
        if (hScore[k] >= score) return;
        hScore[k] = score;
        hArc[k] = arc;
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
    hPrev[k] = prev;
    hNext[k] = -1;
    if (head[q] < 0) head[q] = k;
    else hNext[tail[q]] = k;
    tail[q] = k;
  };
  add(0, 0, h2, h1, null, -1);
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
    const arcs = arcsAt[p] ?? NO_ARCS;
    const count = arcs.length + (extra !== undefined && extra.start - from === p ? 1 : 0);
    for (let a = 0; a < count; a++) {
      const arc = a < arcs.length ? arcs[a] : extra!;
      const e = arc.end - from;
      if (e > len) continue;
      for (let i = 0; i < n; i++) {
        const k = live[i];
        add(e, hScore[k] + model.logp(hH2[k], hH1[k], arc.id) - arc.cost, hH1[k], arc.id, arc, k);
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
  if (best < 0) return undefined;
  const path: Arc[] = [];
  for (let k = best; k >= 0 && hArc[k]; k = hPrev[k]) path.push(hArc[k]!);
  // Drop the arcs' references so the pool holds no lattice between calls.
  hArc.fill(null, 0, used);
  return { score: bestScore, arcs: path.reverse() };
}
