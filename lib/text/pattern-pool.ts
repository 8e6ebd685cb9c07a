/**
 * Many pattern lists searched in one pass. The checks' lexicons (banned terms, formulations, renamed bodies,
 * 港澳台 terms, word pairs, the anchors of the political-phrase and leader-name matchers, the model's
 * protections) were each searched with an automaton of their own: nine passes over the same page. A pool
 * merges the lists it holds into one Aho–Corasick automaton, scans a text once for all of them, and gives
 * each list its matches: the same matches, in the same order, as the list's own automaton finds.
 *
 * Lists are added once (at a check's first run) and kept; the merged automaton is built at the first scan
 * after a list is added. The matches of the last text scanned are kept until another text is scanned.
 */
import { AhoCorasick, type Match } from './aho-corasick';

/** What the checks ask of a pattern list: AhoCorasick's searches (AhoCorasick itself is one). */
export interface PatternMatcher {
  /** Calls `found(start, end, pattern)` for every match, in order of end offset (longer patterns first at the same end). */
  forEachMatch(text: string, found: (start: number, end: number, pattern: number) => void): void;
  /** All matches as an array, in the order of `forEachMatch`. */
  findAll(text: string): Match[];
  /** Every match, in the order of `forEachMatch`. */
  matches(text: string): Generator<Match>;
}

/** Pattern lists searched together: `add` a list, search through the matcher it returns. */
export class PatternPool {
  private readonly lists: (readonly string[])[] = [];
  /**
   * The automaton over the lists' distinct strings; per string, its places in the lists as pairs (list,
   * index) in `refs` [refStart[k], refStart[k + 1]).
   */
  private merged?: { automaton: AhoCorasick; refStart: Int32Array; refs: Int32Array };
  private lastText?: string;
  /** Per list, the matches in the last text scanned: flat triples (start, end, index in the list). */
  private found: number[][] = [];

  /** Adds a list to the pool (kept for the pool's life). Throws on an empty pattern, as AhoCorasick does. */
  add(patterns: readonly string[]): PatternMatcher {
    if (patterns.some((p) => !p)) throw new Error('PatternPool: empty pattern');
    const id = this.lists.length;
    this.lists.push([...patterns]);
    this.merged = undefined;
    this.lastText = undefined;
    return new PooledMatcher(this, id);
  }

  /** How many lists the pool holds. */
  get size(): number {
    return this.lists.length;
  }

  /** The matches of list `id` in `text`, as flat triples (start, end, index in the list). */
  matchesOf(id: number, text: string): readonly number[] {
    if (this.merged === undefined || text !== this.lastText) this.scan(text);
    return this.found[id];
  }

  private build() {
    const index = new Map<string, number>();
    const strings: string[] = [];
    const places: number[][] = [];
    this.lists.forEach((list, l) =>
      list.forEach((p, i) => {
        let k = index.get(p);
        if (k === undefined) {
          k = strings.length;
          index.set(p, k);
          strings.push(p);
          places.push([]);
        }
        places[k].push(l, i);
      }),
    );
    const refStart = new Int32Array(strings.length + 1);
    for (let k = 0; k < strings.length; k++) refStart[k + 1] = refStart[k] + places[k].length;
    // An automaton needs a pattern: a pool of empty lists searches for a character no text holds.
    const automaton = new AhoCorasick(strings.length ? strings : ['\u0000']);
    return { automaton, refStart, refs: Int32Array.from(places.flat()) };
  }

  private scan(text: string): void {
    this.merged ??= this.build();
    const { automaton, refStart, refs } = this.merged;
    // New arrays (not emptied ones): a caller still reading the last text's matches keeps them.
    const found: number[][] = this.lists.map(() => []);
    if (refStart.length > 1) {
      automaton.forEachMatch(text, (start, end, k) => {
        for (let r = refStart[k]; r < refStart[k + 1]; r += 2) found[refs[r]].push(start, end, refs[r + 1]);
      });
    }
    this.found = found;
    this.lastText = text;
  }
}

/** One list of a pool. */
class PooledMatcher implements PatternMatcher {
  constructor(
    private readonly pool: PatternPool,
    private readonly id: number,
  ) {}

  forEachMatch(text: string, found: (start: number, end: number, pattern: number) => void): void {
    const m = this.pool.matchesOf(this.id, text);
    for (let q = 0; q < m.length; q += 3) found(m[q], m[q + 1], m[q + 2]);
  }

  findAll(text: string): Match[] {
    const m = this.pool.matchesOf(this.id, text);
    const all: Match[] = [];
    for (let q = 0; q < m.length; q += 3) all.push({ start: m[q], end: m[q + 1], pattern: m[q + 2] });
    return all;
  }

  *matches(text: string): Generator<Match> {
    yield* this.findAll(text);
  }
}

/** The pool of the checks' lexicons: every list in it is found in one pass over a page. */
export const lexiconPool = new PatternPool();
