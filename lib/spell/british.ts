import britishSpellings from '../data/british-spellings.json';

/**
 * British → American rewrites (lib/data/british-spellings.json). The dictionary we ship (dictionary-en) is
 * en_US; government English pages of China often write British forms (centre, labour, programme), which
 * are right and must not be reported.
 */
interface BritishData {
  rules: { from: string; to: string }[];
  words: { british: string; american: string }[];
}

const data = britishSpellings as BritishData;
const rules = data.rules.map((r) => ({ re: new RegExp(r.from, 'g'), at: new RegExp(r.from, 'y'), to: r.to }));
/** Endings a British stem of the word list may carry (fulfils, cheques, practised, practising). */
const INFLECTIONS = ['', 's', 'es', 'd', 'ed', 'ing', 'er', 'ers', 'ment', 'ments'];

/** Each single rewrite of `word` by one rule at one match. */
function rewrites(word: string): string[] {
  const out: string[] = [];
  for (const { re, at, to } of rules) {
    for (const m of word.matchAll(re)) {
      // Rewrite this match only: the sticky twin matches at the same place with the same lookahead.
      at.lastIndex = 0;
      out.push(word.slice(0, m.index) + word.slice(m.index).replace(at, to));
    }
  }
  for (const { british, american } of data.words) {
    for (const suffix of INFLECTIONS) {
      if (word === british + suffix) out.push(american + suffix);
      // practis-ing, practis-ed: a British stem ending in e drops it before -ing/-ed, like its American form.
      else if (british.endsWith('e') && suffix && word === british.slice(0, -1) + suffix) out.push(american.slice(0, -1) + suffix);
    }
  }
  return out;
}

/**
 * American forms a lower-cased British spelling may stand for: every result of one rewrite and of two
 * (manoeuvre → maneuvre → maneuver). The caller keeps those its dictionary accepts; a slip is not
 * excused unless a rewrite lands on a real word, and the rules only touch the endings where the two
 * spellings differ.
 */
export function americanForms(word: string): string[] {
  const first = rewrites(word);
  const all = new Set(first);
  for (const w of first) for (const v of rewrites(w)) all.add(v);
  all.delete(word);
  return [...all];
}
