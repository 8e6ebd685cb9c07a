/**
 * Aho–Corasick automaton over UTF-16 code units: finds every occurrence of many patterns in one
 * pass over the text (the expression and typo lists hold thousands of entries; a page is scanned once).
 */
export interface Match {
  start: number;
  end: number;
  /** Index of the pattern in the list given to the constructor. */
  pattern: number;
}

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

  /** Every match, in order of end offset (longer patterns first at the same end). */
  *matches(text: string): Generator<Match> {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let to = this.next[state].get(c);
      while (to === undefined && state) {
        state = this.fail[state];
        to = this.next[state].get(c);
      }
      state = to ?? 0;
      for (const p of this.out[state]) yield { start: i + 1 - this.lengths[p], end: i + 1, pattern: p };
    }
  }

  /** All matches as an array. */
  findAll(text: string): Match[] {
    return [...this.matches(text)];
  }
}
