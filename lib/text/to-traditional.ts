/**
 * Simplified text written back in a traditional page's characters: a finding's suggestion and the words its
 * message quotes, on a page the checks read folded to simplified (lib/text/traditional.ts). A reviewer of a
 * 繁體 page reads 「社會保障」, as the page would write it, not 「社会保障」.
 *
 * Data: lib/data/confusion/to-traditional.json (scripts/build-traditional.ts, from OpenCC's STCharacters.txt
 * and STPhrases.txt, Apache-2.0): each simplified character's first traditional form, and the phrases whose
 * form differs from their characters' first forms (头发 → 頭髮, 皇后 stays). Kept apart from traditional.ts,
 * which the content script holds: only the engine (background, CLI) needs the way back.
 *
 * Each character is written, in this order: as a phrase of the table needs it, where that differs from the
 * character's first form (发 in 头发 → 髮); as the page itself writes it most often (a page that writes 台
 * gets 台, not 臺; 後 or 后 as the page has it); else in its first traditional form; else as it is.
 */
import data from '../data/confusion/to-traditional.json';
import { type Conversion, convert, phraseTable } from './traditional';

const HAN0 = 0x4e00;
const isHan = (c: number) => c >= HAN0 && c <= 0x9fff;

/** First traditional form of each simplified character, by code − 0x4E00 (0: it stays). */
const FIRST = new Uint16Array(0x9fff - HAN0 + 1);
for (let i = 0; i < data.characters.length; i++) FIRST[data.characters.charCodeAt(i) - HAN0] = data.traditional.charCodeAt(i);
/** The first form's code of a character code (itself where it stays). */
const firstOf = (c: number) => (isHan(c) && FIRST[c - HAN0] !== 0 ? FIRST[c - HAN0] : c);

/** The phrases (simplified → traditional), each written simplified then traditional, of the same length. */
const PHRASES = phraseTable(data.phrases.split(' ').map((e) => [e.slice(0, e.length / 2), e.slice(e.length / 2)] as const));

/** The first traditional form of a simplified character (the character itself where it stays). */
export const firstTraditional = (c: string): string => (c.length === 1 ? String.fromCharCode(firstOf(c.charCodeAt(0))) : c);

/**
 * The page's own forms: for each simplified character that the conversion would change, the form the page
 * writes most often at the places where its folded text has that character (`written` and `folded` are
 * the page as written and as the checks read it, of the same length).
 */
export function pageForms(written: string, folded: string): Map<number, number> {
  const votes = new Map<number, Map<number, number>>();
  for (let i = 0; i < folded.length; i++) {
    const s = folded.charCodeAt(i);
    if (!isHan(s) || FIRST[s - HAN0] === 0) continue;
    const w = written.charCodeAt(i);
    let v = votes.get(s);
    if (!v) votes.set(s, (v = new Map()));
    v.set(w, (v.get(w) ?? 0) + 1);
  }
  const forms = new Map<number, number>();
  for (const [s, v] of votes) {
    let best = -1;
    let most = 0;
    for (const [w, n] of v) if (n > most || (n === most && w < best)) [best, most] = [w, n];
    forms.set(s, best);
  }
  return forms;
}

/** `text` (simplified) in traditional characters, the page's own forms (`pageForms`) preferred. */
export function toPageTraditional(text: string, forms: ReadonlyMap<number, number> = new Map()): string {
  /** A character's form where no phrase decides: the page's, else the first. */
  const own = (c: number) => forms.get(c) ?? firstOf(c);
  const conv: Conversion = {
    ...PHRASES,
    // A phrase's own choice where it is not the character's first form (髮 in 頭髮); else the page's form.
    phrase: (t) => {
      const to = PHRASES.phrase(t);
      if (to === undefined) return undefined;
      let out = '';
      for (let k = 0; k < t.length; k++) {
        const s = t.charCodeAt(k);
        const p = to.charCodeAt(k);
        out += String.fromCharCode(p !== firstOf(s) ? p : own(s));
      }
      return out;
    },
    char: (c) => (isHan(c) && own(c) !== c ? String.fromCharCode(own(c)) : undefined),
  };
  return convert(text, conv);
}
