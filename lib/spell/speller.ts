import nspell from 'nspell';
import type { Speller } from '../engine/types';
import { americanForms } from './british';

/** Longest word we look for suggestions for: no English word a page misspells is longer; glued garbage is. */
export const MAX_SUGGEST_LENGTH = 30;
/**
 * Shortest word for which nspell's second-level (two-edit) search is worth its cost. nspell bounds that
 * search by (15 − length)³ candidate words, so on a short word with no one-edit neighbour it tries up to a
 * million forms (close to a second for "Qwzxv"); from 9 letters on it stays near 100 ms.
 */
export const MIN_TWO_EDIT_LENGTH = 9;
/** Entries kept per cache before it is cleared (a page asks about a few hundred distinct words). */
const CACHE_LIMIT = 20_000;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** Re-cases a lower-case form like `model` (Labour → Labor, LABOUR → LABOR). */
function caseLike(model: string, lower: string): string {
  if (model.length > 1 && model === model.toUpperCase()) return lower.toUpperCase();
  if (model[0] !== model[0].toLowerCase()) return lower[0].toUpperCase() + lower.slice(1);
  return lower;
}

/** Every form one edit from `word` (delete, swap of neighbours, replace, insert), lower-cased. */
function oneEditForms(word: string): string[] {
  const w = word.toLowerCase();
  const out: string[] = [];
  for (let i = 0; i <= w.length; i++) {
    const before = w.slice(0, i);
    const after = w.slice(i);
    if (after) out.push(before + after.slice(1));
    if (after.length > 1) out.push(before + after[1] + after[0] + after.slice(2));
    for (const c of LETTERS) {
      if (after) out.push(before + c + after.slice(1));
      out.push(before + c + after);
    }
  }
  return out;
}

/**
 * A Speller over a Hunspell dictionary (nspell), for the browser's service worker and Node alike: the host
 * reads the .aff and .dic files (lib/engine/types.ts: Speller).
 *
 * - `correct` is the dictionary's verdict, plus British forms (centre, labour, organisation: rewritten by
 *   lib/data/british-spellings.json to an American form the dictionary holds); curly apostrophes count as
 *   straight ones (People’s).
 * - `suggest` is bounded: words longer than {@link MAX_SUGGEST_LENGTH} (or `options.maxSuggestLength`) get
 *   none, and nspell's costly two-edit search only runs for words of {@link MIN_TWO_EDIT_LENGTH} letters or
 *   more; a shorter word with no dictionary word one edit away (or one entry of the dictionary's
 *   replacement table away) gets no suggestion rather than a slow, doubtful one.
 * - Both are cached per word.
 */
export function createSpeller(aff: string, dic: string, options: { maxSuggestLength?: number } = {}): Speller {
  const maxSuggestLength = options.maxSuggestLength ?? MAX_SUGGEST_LENGTH;
  const dictionary = nspell(aff, dic);
  const verdicts = new Map<string, boolean>();
  const suggestions = new Map<string, string[]>();
  /** The dictionary's REP table (common misspellings such as ie → ei), read through nspell's parsed affix. */
  const replacements = ((dictionary as unknown as { replacementTable?: [string, string][] }).replacementTable ?? []).map(
    ([from, to]) => [from, to.replace(/_/g, ' ')] as const,
  );

  const dictionaryCorrect = (word: string): boolean => dictionary.correct(word);

  const correct = (raw: string): boolean => {
    const word = raw.replace(/[’‘]/g, "'");
    const known = verdicts.get(word);
    if (known !== undefined) return known;
    let ok = dictionaryCorrect(word);
    if (!ok && /^[A-Za-z'-]+$/.test(word)) ok = americanForms(word.toLowerCase()).some((f) => dictionaryCorrect(caseLike(word, f)));
    return remember(verdicts, word, ok);
  };

  /** Whether nspell's first (cheap) level can find anything: some form one edit or one REP entry away. */
  const hasNearForm = (word: string): boolean => {
    const lower = word.toLowerCase();
    for (const form of oneEditForms(word)) if (dictionaryCorrect(form) || dictionaryCorrect(caseLike(word, form))) return true;
    for (const [from, to] of replacements) {
      const at = lower.indexOf(from);
      if (at >= 0 && dictionaryCorrect(caseLike(word, lower.slice(0, at) + to + lower.slice(at + from.length)))) return true;
    }
    return false;
  };

  const suggest = (raw: string): string[] => {
    const word = raw.replace(/[’‘]/g, "'");
    const known = suggestions.get(word);
    if (known) return known;
    let out: string[] = [];
    if (word.length <= maxSuggestLength && !correct(word) && (word.length >= MIN_TWO_EDIT_LENGTH || hasNearForm(word))) out = dictionary.suggest(word);
    return remember(suggestions, word, out);
  };

  return { correct, suggest };
}
