/**
 * Aho–Corasick automaton over UTF-16 code units: finds every occurrence of many patterns in one
 * pass over the text (the expression and typo lists hold thousands of entries; a page is scanned once).
 */
import { HashBits, pairHash } from './hash-bits';

export interface Match {
  start: number;
  end: number;
  /** Index of the pattern in the list given to the constructor. */
  pattern: number;
}

/** Aho–Corasick automaton over a fixed list of patterns: every occurrence of every pattern in one pass over a text. */
export class AhoCorasick {
  private readonly next: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  /** Patterns ending at each state (its own and, through failure links, shorter ones). */
  private readonly out: number[][] = [[]];
  private readonly lengths: number[];

  constructor(patterns: readonly string[]) {
    this.lengths = patterns.map((p) => p.length);
    patterns.forEach((p, index) => {
      if (!p) throw new Error('AhoCorasick: empty pattern');
      let state = 0;
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        let to = this.next[state].get(c);
        if (to === undefined) {
          to = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.next[state].set(c, to);
        }
        state = to;
      }
      this.out[state].push(index);
    });
    // Breadth-first: failure link = longest proper suffix that is a prefix of some pattern.
    const queue: number[] = [...this.next[0].values()];
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      for (const [c, t] of this.next[s]) {
        let f = this.fail[s];
        while (f && !this.next[f].has(c)) f = this.fail[f];
        const g = this.next[f].get(c);
        this.fail[t] = g !== undefined && g !== t ? g : 0;
        if (this.out[this.fail[t]].length) this.out[t] = [...this.out[t], ...this.out[this.fail[t]]];
        queue.push(t);
      }
    }
  }

  // Flat tables for matching, built once after construction: the root's transitions by character (most
  // characters of a page fall back to the root), the others in an open-addressing table of (state, char).
  // The patterns ending at each state as one flat list: state s's are outIds[outStart[s], outStart[s + 1]).
  // `edgeBits`: one bit per hashed edge, so that a character leaving a state's edges (most of them) is told
  // by one read of a small bitmap instead of a probe of the table.
  private tables?: {
    root: Int32Array;
    keys: Int32Array;
    codes: Uint16Array;
    vals: Int32Array;
    mask: number;
    fail: Int32Array;
    outStart: Int32Array;
    outIds: Int32Array;
    edgeBits: HashBits;
  };

  private flat() {
    if (this.tables) return this.tables;
    const root = new Int32Array(65536);
    let edges = 0;
    for (let st = 1; st < this.next.length; st++) edges += this.next[st].size;
    let cap = 2;
    while (cap < edges * 2) cap <<= 1;
    const keys = new Int32Array(cap).fill(-1);
    const codes = new Uint16Array(cap);
    const vals = new Int32Array(cap);
    const mask = cap - 1;
    // Eight bits per slot of the table.
    let bits = 5;
    while (1 << bits < cap * 8) bits++;
    const edgeBits = new HashBits(bits);
    for (const [c, t] of this.next[0]) root[c] = t;
    for (let st = 1; st < this.next.length; st++) {
      for (const [c, t] of this.next[st]) {
        const e = pairHash(st, c);
        edgeBits.add(e);
        let h = e & mask;
        while (keys[h] !== -1) h = (h + 1) & mask;
        keys[h] = st;
        codes[h] = c;
        vals[h] = t;
      }
    }
    const outStart = new Int32Array(this.out.length + 1);
    for (let st = 0; st < this.out.length; st++) outStart[st + 1] = outStart[st] + this.out[st].length;
    const outIds = Int32Array.from(this.out.flat());
    this.tables = { root, keys, codes, vals, mask, fail: Int32Array.from(this.fail), outStart, outIds, edgeBits };
    return this.tables;
  }

  /** Calls `found(start, end, pattern)` for every match, in order of end offset (longer patterns first at the same end). */
  forEachMatch(text: string, found: (start: number, end: number, pattern: number) => void): void {
    const { root, keys, codes, vals, mask, fail, outStart, outIds, edgeBits } = this.flat();
    const { lengths } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let to = -1;
      for (;;) {
        if (state === 0) {
          to = root[c];
          break;
        }
        const e = pairHash(state, c);
        if (edgeBits.has(e)) {
          for (let h = e & mask; keys[h] !== -1; h = (h + 1) & mask) {
            if (keys[h] === state && codes[h] === c) {
              to = vals[h];
              break;
            }
          }
          if (to !== -1) break;
        }
        state = fail[state];
      }
      state = to;
      for (let k = outStart[state], end = outStart[state + 1]; k < end; k++) found(i + 1 - lengths[outIds[k]], i + 1, outIds[k]);
    }
  }

  /** Every match, in order of end offset (longer patterns first at the same end). */
  *matches(text: string): Generator<Match> {
    yield* this.findAll(text);
  }

  /** All matches as an array. */
  findAll(text: string): Match[] {
    const all: Match[] = [];
    this.forEachMatch(text, (start, end, pattern) => all.push({ start, end, pattern }));
    return all;
  }
}
