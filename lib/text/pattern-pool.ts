/**
 * Many pattern lists searched in one pass. The checks' lexicons (banned terms, formulations, renamed bodies,
 * 港澳台 terms, word pairs, the anchors of the political-phrase and leader-name matchers, the model's
 * protections) were each searched with an automaton of their own: nine passes over the same page. A pool
 * merges the lists it holds into one Aho–Corasick automaton, scans a text once for all of them, and gives
 * each list its matches: the same matches, in the same order, as the list's own automaton finds.
 *
 * Lists are added once and kept: the checks' when their modules load, the model's protections when the model is
 * prepared (lib/lm/prepare.ts, which builds the merged automaton then with `prepare`); otherwise the merged
 * automaton is built at the first scan of a new text after a list is added. A list added while a text is being
 * checked is searched in that text on its own: the lists already scanned are not scanned again. The matches of
 * the last text are kept until another text is scanned.
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
  /**
   * Per list, the matches in the last text scanned: flat triples (start, end, index in the list), in typed
   * arrays (a page of one phrase repeated holds millions); undefined for a list added since.
   */
  private found: (Int32Array | undefined)[] = [];

  /** Adds a list to the pool (kept for the pool's life). Throws on an empty pattern, as AhoCorasick does. */
  add(patterns: readonly string[]): PatternMatcher {
    if (patterns.some((p) => !p)) throw new Error('PatternPool: empty pattern');
    const id = this.lists.length;
    this.lists.push([...patterns]);
    this.merged = undefined;
    return new PooledMatcher(this, id);
  }

  /**
   * Builds the merged automaton now, if a list was added since it was built (at a quiet moment: the
   * background calls it when the model has loaded, whose protections are the last list to come).
   */
  prepare(): void {
    this.merged ??= this.build();
  }

  /** How many lists the pool holds. */
  get size(): number {
    return this.lists.length;
  }

  /** The matches of list `id` in `text`, as flat triples (start, end, index in the list). */
  matchesOf(id: number, text: string): Int32Array {
    if (text !== this.lastText) this.scan(text);
    let found = this.found[id];
    if (found === undefined) {
      // Added since this text was scanned: searched on its own (the next text gets the merged automaton).
      const out = new Triples();
      const list = this.lists[id];
      if (list.length) new AhoCorasick(list).forEachMatch(text, (start, end, pattern) => out.push(start, end, pattern));
      this.found[id] = found = out.done();
    }
    return found;
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
    const found = this.lists.map(() => new Triples());
    if (refStart.length > 1) {
      automaton.forEachMatch(text, (start, end, k) => {
        for (let r = refStart[k]; r < refStart[k + 1]; r += 2) found[refs[r]].push(start, end, refs[r + 1]);
      });
    }
    this.found = found.map((t) => t.done());
    this.lastText = text;
  }
}

/** A growing list of triples of ints. */
class Triples {
  private data = EMPTY;
  private length = 0;

  push(a: number, b: number, c: number): void {
    if (this.length + 3 > this.data.length) {
      const grown = new Int32Array(Math.max(48, this.data.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length] = a;
    this.data[this.length + 1] = b;
    this.data[this.length + 2] = c;
    this.length += 3;
  }

  /** The triples pushed (a view: no copy). */
  done(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

const EMPTY = new Int32Array(0);

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
