/**
 * One-substitution matcher: finds, in one pass, every span of a text that equals one of many known strings
 * with exactly one character replaced (中华人民共合国 for 中华人民共和国, 习近评 for 习近平). The exact
 * string is not a hit. Checks decide which of these spans are slips; this module only finds them.
 *
 * Why halves: a one-substitution variant of S keeps one half of S unchanged — the left half when the
 * changed character lies in the right half, the right half otherwise. An Aho–Corasick automaton over all
 * halves finds every occurrence of a half in one pass; each occurrence is then verified against the other
 * half (counting differences up to 2). Every variant is found exactly once: its changed character lies in
 * exactly one half, so only the occurrence of the other half verifies. Cost: one automaton pass plus
 * O(|S|) per half occurrence; real text rarely contains the halves of official phrases.
 *
 * Characters are UTF-16 code units. Known strings must not contain surrogates, and a span is not reported
 * when the written unit is a surrogate (an astral character cannot replace a BMP one in place).
 */
import { AhoCorasick } from './aho-corasick';
import type { PatternMatcher, PatternPool } from './pattern-pool';

/**
 * `findAll` calls its `onStep` (a budget check, which reads the clock) once per STEP_EVERY + 1 occurrences (a
 * mask): a call per occurrence cost 3 ms a pass over the work reports, and a page repeating one phrase a
 * million times still meets a budget check every 256 occurrences.
 */
export const STEP_EVERY = 255;

/** A span of the text that is one of the known strings with exactly one character replaced. */
export interface SubstitutionMatch {
  /** UTF-16 offsets of the span in the text (end exclusive); end - start = known string length. */
  start: number;
  end: number;
  /** Index of the known string in the list given to the constructor. */
  known: number;
  /** Offset in the text of the replaced character (start <= position < end). */
  position: number;
  /** The character as written in the text. */
  written: string;
  /** The character the known string has there. */
  right: string;
}

/** Shortest known string: with 2 characters, a variant keeps only one character, which anchors nothing. */
export const MIN_KNOWN_LENGTH = 3;

/** Which half of which known string an automaton pattern is. */
interface HalfRef {
  known: number;
  /** true: the left half (S[0, cut)); false: the right half (S[cut, |S|)). */
  left: boolean;
}

const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;

/** Finds, in one pass, every span of a text that is one of the known phrases with exactly one character replaced. */
export class OneSubstitutionMatcher {
  private readonly known: readonly string[];
  private readonly cuts: number[];
  private readonly automaton: PatternMatcher;
  /** For each automaton pattern (a distinct half), the halves it stands for. */
  private readonly refs: HalfRef[][];

  /**
   * @param known strings of at least {@link MIN_KNOWN_LENGTH} UTF-16 units without surrogates; duplicates
   *   are allowed (each index is reported).
   * @param pool where the halves are searched (lib/text/pattern-pool.ts: with other lists, in one pass); default an automaton of their own.
   */
  constructor(known: readonly string[], pool?: PatternPool) {
    this.known = known;
    this.cuts = known.map((s, i) => {
      if (s.length < MIN_KNOWN_LENGTH) throw new Error(`OneSubstitutionMatcher: known string ${i} "${s}" is shorter than ${MIN_KNOWN_LENGTH}`);
      for (let k = 0; k < s.length; k++) if (isSurrogate(s.charCodeAt(k))) throw new Error(`OneSubstitutionMatcher: known string ${i} "${s}" has a surrogate`);
      return s.length >> 1;
    });
    const index = new Map<string, number>();
    const patterns: string[] = [];
    this.refs = [];
    const add = (half: string, ref: HalfRef) => {
      let p = index.get(half);
      if (p === undefined) {
        p = patterns.length;
        index.set(half, p);
        patterns.push(half);
        this.refs.push([]);
      }
      this.refs[p].push(ref);
    };
    known.forEach((s, i) => {
      add(s.slice(0, this.cuts[i]), { known: i, left: true });
      add(s.slice(this.cuts[i]), { known: i, left: false });
    });
    this.automaton = pool ? pool.add(patterns) : new AhoCorasick(patterns);
  }

  /**
   * Every one-substitution span, in order of start offset, then known index. `onStep` is called once per
   * 256 half occurrences (a budget check, e.g. CheckContext.checkBudget; STEP_EVERY).
   */
  findAll(text: string, onStep?: () => void): SubstitutionMatch[] {
    const out: SubstitutionMatch[] = [];
    let steps = 0;
    // Each half as it is found (no list of every occurrence first: a page of one phrase repeated has millions).
    this.automaton.forEachMatch(text, (mStart, _mEnd, pattern) => {
      if (onStep && (++steps & STEP_EVERY) === 0) onStep();
      for (const ref of this.refs[pattern]) {
        const s = this.known[ref.known];
        const cut = this.cuts[ref.known];
        // The span's start, and the range [from, to) of the text to compare with the other half.
        const start = ref.left ? mStart : mStart - cut;
        if (start < 0 || start + s.length > text.length) continue;
        const from = ref.left ? cut : 0;
        const to = ref.left ? s.length : cut;
        let diff = -1;
        let count = 0;
        for (let k = from; k < to && count < 2; k++) {
          if (text.charCodeAt(start + k) !== s.charCodeAt(k)) {
            count++;
            diff = k;
          }
        }
        if (count !== 1 || isSurrogate(text.charCodeAt(start + diff))) continue;
        out.push({
          start,
          end: start + s.length,
          known: ref.known,
          position: start + diff,
          written: text[start + diff],
          right: s[diff],
        });
      }
    });
    return out.sort((a, b) => a.start - b.start || a.known - b.known);
  }
}
