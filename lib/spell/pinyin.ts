import pinyinData from '../data/pinyin-syllables.json';

/**
 * Hanyu Pinyin detection (lib/data/pinyin-syllables.json: the syllables of 《汉语拼音方案》). Place and
 * person names on Chinese government pages are written in pinyin (Xuzhou, Guangdong, Zhang Wei, Huai'an),
 * and an English dictionary knows few of them: a word that splits wholly into pinyin syllables is a name,
 * not an English misspelling.
 */
const SYLLABLES = new Set([...pinyinData.syllables.split(' '), ...pinyinData.uForms.split(' ')].map((s) => s.replace(/ü/g, 'v')));
const LONGEST = Math.max(...[...SYLLABLES].map((s) => s.length));

/** Strips tone marks (Jiāngsū → Jiangsu) and writes ü as v, the form the syllable table is matched in. */
function plain(word: string): string {
  return word
    .toLowerCase()
    .replace(/ü/g, 'v')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Whether `letters` (lower case, no separators) splits into syllables of the table (dynamic programming). */
function splits(letters: string): boolean {
  if (!letters) return false;
  const reach = new Array<boolean>(letters.length + 1).fill(false);
  reach[0] = true;
  for (let i = 0; i < letters.length; i++) {
    if (!reach[i]) continue;
    for (let len = 1; len <= LONGEST && i + len <= letters.length; len++) if (SYLLABLES.has(letters.slice(i, i + len))) reach[i + len] = true;
  }
  return reach[letters.length];
}

/**
 * Whether `word` is written wholly in pinyin syllables, with or without tone marks: Xuzhou, GUANGDONG,
 * Jiāngsū, Xi'an (an apostrophe separates syllables, as the scheme prescribes), Lv. Every piece between
 * apostrophes must split on its own.
 */
export function isPinyin(word: string): boolean {
  const pieces = plain(word).split(/['’]/);
  return pieces.every((p) => /^[a-z]+$/.test(p) && splits(p));
}
