/**
 * Traditional characters: which text is written in them, and the same text in simplified characters.
 *
 * Data: lib/data/confusion/traditional.json (scripts/build-traditional.ts, from OpenCC's tables): the 3,086
 * traditional-only characters of the basic block (a conversion to simplified always changes them; none is a
 * simplified character) and the simplified form of each; the 24 characters that simplified text uses too
 * (於, 乾), folded only in a traditional text; the 410 phrases that fold otherwise (答覆 → 答复, 乾坤).
 *
 * A 繁體 version of a government site is the simplified site converted character by character. Its labels
 * (網站標識碼, 主辦單位, 發布時間, 暫無信息), formulations and words are the simplified ones in other glyphs,
 * so the checks read such a page folded back (`foldTraditional`): one character for one, every offset the
 * page's own, so a finding highlights the page's text where it stands.
 */
import traditional from '../data/confusion/traditional.json';

const HAN0 = 0x4e00;
/** Simplified form of each traditional-only character, by code − 0x4E00 (0: not traditional-only). */
const SIMPLIFIED = new Uint16Array(0x9fff - HAN0 + 1);
for (let i = 0; i < traditional.characters.length; i++) {
  SIMPLIFIED[traditional.characters.charCodeAt(i) - HAN0] = traditional.simplified.charCodeAt(i);
}
/** What a text written in traditional characters folds: SIMPLIFIED, and the characters simplified text uses too (於 → 于). */
const FOLD = SIMPLIFIED.slice();
for (let i = 0; i + 1 < traditional.alsoFolded.length; i += 2) {
  FOLD[traditional.alsoFolded.charCodeAt(i) - HAN0] = traditional.alsoFolded.charCodeAt(i + 1);
}

/**
 * A stretch with at least this many traditional-only characters, making at least this share of its Chinese
 * characters, is written in traditional Chinese. One or two in a simplified paragraph are 繁简混用, which the
 * checks still report; the simplified paragraphs of the work reports and gov_pages hold none.
 */
const TRADITIONAL_MIN = 3;
const TRADITIONAL_SHARE = 0.05;

/** Whether a stretch of `han` Chinese characters, `trad` of them traditional-only, is written in traditional Chinese. */
export const writtenTraditional = (han: number, trad: number): boolean => trad >= TRADITIONAL_MIN && trad >= han * TRADITIONAL_SHARE;

/** Whether the character code is a traditional-only character (a conversion to simplified always changes it). */
export const isTraditionalOnly = (c: number): boolean => c >= HAN0 && c <= 0x9fff && SIMPLIFIED[c - HAN0] !== 0;

/** Counts of the Chinese characters of text[from, to) and of the traditional-only ones among them. */
export function traditionalCounts(text: string, from = 0, to = text.length): { han: number; trad: number } {
  let han = 0;
  let trad = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < HAN0 || c > 0x9fff) continue;
    han++;
    if (SIMPLIFIED[c - HAN0] !== 0) trad++;
  }
  return { han, trad };
}

/** Whether the text as a whole is written in traditional characters (a 繁體 page). */
export function isTraditionalText(text: string): boolean {
  const { han, trad } = traditionalCounts(text);
  return writtenTraditional(han, trad);
}

/**
 * How a conversion in OpenCC's manner reads a text: at each position the longest phrase of the table,
 * else the character's own form (undefined: the character stays).
 */
export interface Conversion {
  /** The longest phrase, in UTF-16 units. */
  longest: number;
  /** Whether some phrase starts with this character code (a cheap test before any lookup). */
  mayStart(code: number): boolean;
  phrase(text: string): string | undefined;
  char(code: number): string | undefined;
}

/** `text` converted: the longest phrase at each position first, then the character's own form. */
export function convert(text: string, conv: Conversion): string {
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let to: string | undefined;
    let used = 1;
    if (conv.mayStart(c)) {
      for (let n = Math.min(conv.longest, text.length - i); n >= 2 && to === undefined; n--) {
        to = conv.phrase(text.slice(i, i + n));
        used = n;
      }
    }
    if (to === undefined) {
      used = 1;
      to = conv.char(c);
    }
    if (to === undefined) continue;
    out.push(text.slice(from, i), to);
    i += used - 1;
    from = i + 1;
  }
  if (from === 0) return text;
  out.push(text.slice(from));
  return out.join('');
}

const isHan = (c: number) => c >= HAN0 && c <= 0x9fff;

/** A table of phrases (of Chinese characters, from → to) as the phrase half of a Conversion. */
export function phraseTable(pairs: Iterable<readonly [string, string]>): Omit<Conversion, 'char'> {
  const phrases = new Map<string, string>(pairs);
  const starts = new Uint8Array(0x9fff - HAN0 + 1);
  let longest = 0;
  for (const from of phrases.keys()) {
    starts[from.charCodeAt(0) - HAN0] = 1;
    longest = Math.max(longest, from.length);
  }
  return { longest, mayStart: (c) => isHan(c) && starts[c - HAN0] === 1, phrase: (t) => phrases.get(t) };
}

/**
 * The fold back to simplified (see `foldTraditional`): OpenCC's phrases that fold otherwise than character by
 * character (答覆 → 答复, 乾坤 stays), then each character's form.
 */
const FOLDING: Conversion = {
  ...phraseTable(traditional.phrases as [string, string][]),
  char: (c) => (isHan(c) && FOLD[c - HAN0] !== 0 ? String.fromCharCode(FOLD[c - HAN0]) : undefined),
};

/**
 * A text written in traditional characters in simplified ones: OpenCC's phrases that fold otherwise first
 * (答覆 → 答复, 乾坤 stays), then each traditional-only character, and each that simplified text uses too
 * (於 → 于, 乾 → 干), replaced by its simplified form. Same length, same offsets (every phrase keeps its length).
 */
export function foldTraditional(text: string): string {
  return convert(text, FOLDING);
}
