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

interface Hyp {
  score: number;
  h2: number;
  h1: number;
  arc: Arc | null;
  prev: Hyp | null;
}

/** The best path `decode` found: its score (log10 P − Σ cost, look-ahead included) and its arcs in text order. */
export interface Decoded {
  score: number;
  arcs: Arc[];
}

/**
 * Beam search over `arcs` (grouped by start offset relative to `from`) covering [from, to): the best path
 * by log10 P − Σ cost. `h2`, `h1`: the two words before the window (UNK when none); `after`: the ids of the
 * words after it, scored as look-ahead so that a change must fit both sides.
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
): Decoded | undefined {
  const len = to - from;
  const states: Hyp[][] = Array.from({ length: len + 1 }, () => []);
  states[0].push({ score: 0, h2, h1, arc: null, prev: null });
  for (let p = 0; p < len; p++) {
    const hyps = states[p];
    if (!hyps.length) continue;
    if (hyps.length > beam) {
      hyps.sort((a, b) => b.score - a.score);
      hyps.length = beam;
    }
    for (const arc of arcsAt[p] ?? []) {
      const e = arc.end - from;
      if (e > len) continue;
      const into = states[e];
      for (const h of hyps) {
        const score = h.score + model.logp(h.h2, h.h1, arc.id) - arc.cost;
        // Recombine on the 3-gram state (last two words).
        let same = -1;
        for (let k = 0; k < into.length; k++) if (into[k].h1 === arc.id && into[k].h2 === h.h1) same = k;
        if (same >= 0) {
          if (into[same].score >= score) continue;
          into[same] = { score, h2: h.h1, h1: arc.id, arc, prev: h };
        } else into.push({ score, h2: h.h1, h1: arc.id, arc, prev: h });
      }
    }
  }
  let bestHyp: Hyp | undefined;
  let bestScore = -Infinity;
  for (const h of states[len]) {
    let s = h.score;
    let a2 = h.h2;
    let a1 = h.h1;
    for (const w of after) {
      s += model.logp(a2, a1, w);
      a2 = a1;
      a1 = w;
    }
    if (s > bestScore) {
      bestScore = s;
      bestHyp = h;
    }
  }
  if (!bestHyp) return undefined;
  const arcs: Arc[] = [];
  for (let h: Hyp | null = bestHyp; h?.arc; h = h.prev) arcs.push(h.arc);
  return { score: bestScore, arcs: arcs.reverse() };
}
