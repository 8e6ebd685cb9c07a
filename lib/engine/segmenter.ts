import type { Segmenter } from './types';

/** The functions GovReview uses from jieba-wasm (the same in its Node and web builds). */
export interface JiebaModule {
  cut(text: string, hmm?: boolean | null): string[];
  cut_all(text: string): string[];
  add_word(word: string, freq?: number | null, tag?: string | null): number;
  /** Part-of-speech tagging (both builds have it; optional so that stand-ins without it still fit). */
  tag?(sentence: string, hmm?: boolean | null): Array<{ word: string; tag: string }>;
}

/** Entries kept in the isWord cache before it is cleared (a page asks about a few hundred). */
const CACHE_LIMIT = 50_000;

/**
 * A Segmenter over jieba-wasm. `cut` turns HMM off: a slip such as 营商环镜 must stay as fragments
 * (营商/环/镜), not be glued into a guessed new word. `isWord` asks jieba's full-mode cut whether the
 * dictionary holds the word, with a cache.
 */
/**
 * Per jieba instance (every segmenter over one module shares its dictionary): the words given to
 * addWords, and those of them that were not dictionary words before.
 */
const state = new WeakMap<JiebaModule, { given: Set<string>; added: Set<string> }>();

/** The engine's Segmenter over jieba-wasm (either build): cut, tag and dictionary lookups, with the project's words added. */
export function jiebaSegmenter(jieba: JiebaModule): Segmenter {
  const words = new Map<string, boolean>();
  /** Words we added: jieba knows them now, but they are not dictionary words. */
  let st = state.get(jieba);
  if (!st) state.set(jieba, (st = { given: new Set(), added: new Set() }));
  const { given, added } = st;
  const tagger = jieba.tag;
  return {
    cut: (text) => jieba.cut(text, false),
    // Same cut as `cut` (HMM off), each word with its dictionary tag.
    ...(tagger && { tag: (text: string) => tagger(text, false).map((t): [string, string] => [t.word, t.tag]) }),
    addWords(list) {
      for (const w of list) {
        if (given.has(w) || !w) continue;
        given.add(w);
        // No frequency: jieba suggests the one that keeps the word whole (a rare dictionary word such as
        // 做为 gets it too). Words jieba did not know are remembered as not dictionary words.
        const known = jieba.cut_all(w).includes(w);
        words.set(w, known);
        if (!known) added.add(w);
        jieba.add_word(w, null, null);
      }
    },
    isWord(word) {
      if (added.has(word)) return false;
      let known = words.get(word);
      if (known === undefined) {
        if (words.size >= CACHE_LIMIT) words.clear();
        known = word.length > 0 && jieba.cut_all(word).includes(word);
        words.set(word, known);
      }
      return known;
    },
  };
}

/** Token boundaries of a cut as offsets: [0, len(w0), len(w0)+len(w1), …, text.length]. */
export function boundaries(words: readonly string[]): number[] {
  const out = [0];
  let at = 0;
  for (const w of words) out.push((at += w.length));
  return out;
}

/** Characters of context on each side when a span is segmented in place. */
export const CONTEXT = 12;

/** Word boundaries (absolute offsets into `text`) of the segmentation of [start, end) with CONTEXT around it. */
export function cutAround(segmenter: Segmenter, text: string, start: number, end: number): number[] {
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(text.length, end + CONTEXT);
  return boundaries(segmenter.cut(text.slice(from, to))).map((b) => b + from);
}

/**
 * How the span [start, end) of `text` falls in its segmentation: `token` when it is exactly one word,
 * `aligned` when it starts and ends on word boundaries (a run of whole words or fragments), `crossing`
 * when a word runs across either end.
 */
export function spanInContext(
  segmenter: Segmenter,
  text: string,
  start: number,
  end: number,
  cut = cutAround(segmenter, text, start, end),
): 'token' | 'aligned' | 'crossing' {
  const i = cut.indexOf(start);
  if (i === -1 || !cut.includes(end)) return 'crossing';
  return cut[i + 1] === end ? 'token' : 'aligned';
}
