/**
 * Pair-substitution matcher: finds, in one pass, every span of a text that equals one of many known strings
 * with exactly two neighbouring characters both replaced (社会注意思想 for 社会主义思想: an input method that
 * picks the wrong word for two syllables). Checks decide which of these spans are slips (same sounds, …); this
 * module only finds them.
 *
 * Anchors: for a change at positions (i, i + 1) of S, the part before it, S[0, i), and the part after it,
 * S[i + 2, |S|), are unchanged; the longer one is the anchor of that pair position, found with every other
 * anchor by one Aho–Corasick pass, and each occurrence is verified against the rest of S. A pair position
 * whose anchor is shorter than `minAnchor` is not searched (a one-character anchor finds every character).
 *
 * Characters are UTF-16 code units. Known strings must not contain surrogates; a span whose written
 * pair holds a surrogate is not reported.
 */
import { AhoCorasick } from './aho-corasick';
import type { PatternMatcher, PatternPool } from './pattern-pool';
import { STEP_EVERY, type SubstitutionMatch } from './one-substitution';

/**
 * A span of the text that is one of the known strings with the two characters at `position`, `position + 1`
 * replaced: a SubstitutionMatch whose `written` and `right` hold the two characters.
 */
export type PairSubstitutionMatch = SubstitutionMatch;

/** Which pair position of which known string an anchor stands for. */
interface AnchorRef {
  known: number;
  /** Index in the known string of the pair's first character. */
  pair: number;
  /** true: the anchor is the part before the pair; false: the part after it. */
  before: boolean;
}

const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;

/** Finds, in one pass, every span of a text that is one of the known strings with two neighbouring characters replaced. */
export class PairSubstitutionMatcher {
  private readonly automaton: PatternMatcher;
  /** For each automaton pattern (a distinct anchor), the pair positions it stands for. */
  private readonly refs: AnchorRef[][] = [];

  /**
   * @param known strings without surrogates; duplicates are allowed (each index is reported).
   * @param pairsOf the pair positions (index of the first character) to search in each known string; default every one.
   * @param minAnchor the shortest unchanged part that anchors a search (default 2).
   * @param pool where the anchors are searched (lib/text/pattern-pool.ts: with other lists, in one pass); default an automaton of their own.
   */
  constructor(
    private readonly known: readonly string[],
    pairsOf: (s: string, index: number) => readonly number[] = (s) => Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => i),
    minAnchor = 2,
    pool?: PatternPool,
  ) {
    const index = new Map<string, number>();
    const patterns: string[] = [];
    known.forEach((s, k) => {
      for (let i = 0; i < s.length; i++) if (isSurrogate(s.charCodeAt(i))) throw new Error(`PairSubstitutionMatcher: known string ${k} "${s}" has a surrogate`);
      for (const pair of pairsOf(s, k)) {
        if (pair < 0 || pair + 2 > s.length) throw new Error(`PairSubstitutionMatcher: pair ${pair} outside known string ${k} "${s}"`);
        const before = pair >= s.length - pair - 2;
        const anchor = before ? s.slice(0, pair) : s.slice(pair + 2);
        if (anchor.length < minAnchor) continue;
        let p = index.get(anchor);
        if (p === undefined) {
          p = patterns.length;
          index.set(anchor, p);
          patterns.push(anchor);
          this.refs.push([]);
        }
        this.refs[p].push({ known: k, pair, before });
      }
    });
    this.automaton = pool ? pool.add(patterns) : new AhoCorasick(patterns.length ? patterns : ['\u0000']);
    if (!patterns.length) this.refs.push([]);
  }

  /** Every pair-substitution span, in order of start offset, then known index, then position. `onStep` is called once per 256 anchor occurrences (STEP_EVERY). */
  findAll(text: string, onStep?: () => void): PairSubstitutionMatch[] {
    const out: PairSubstitutionMatch[] = [];
    let steps = 0;
    this.automaton.forEachMatch(text, (mStart, mEnd, pattern) => {
      if (onStep && (++steps & STEP_EVERY) === 0) onStep();
      for (const ref of this.refs[pattern]) {
        const s = this.known[ref.known];
        const start = ref.before ? mStart : mEnd - s.length;
        if (start < 0 || start + s.length > text.length) continue;
        const at = start + ref.pair;
        const a = text.charCodeAt(at);
        const b = text.charCodeAt(at + 1);
        if (a === s.charCodeAt(ref.pair) || b === s.charCodeAt(ref.pair + 1) || isSurrogate(a) || isSurrogate(b)) continue;
        // The rest of S outside the anchor and the pair must be as written.
        const [from, to] = ref.before ? [ref.pair + 2, s.length] : [0, ref.pair];
        let same = true;
        for (let k = from; k < to && same; k++) same = text.charCodeAt(start + k) === s.charCodeAt(k);
        if (!same) continue;
        out.push({ start, end: start + s.length, known: ref.known, position: at, written: text.slice(at, at + 2), right: s.slice(ref.pair, ref.pair + 2) });
      }
    });
    return out.sort((x, y) => x.start - y.start || x.known - y.known || x.position - y.position);
  }
}
