import { isPinyin } from './pinyin';

/**
 * The English words of a page that a spelling check may judge, found without a dictionary (cheap: one
 * pass of regular expressions over the Latin-script runs of the text). What is left out is what a
 * dictionary would wrongly call a misspelling: URLs and domain names, e-mail addresses, file names,
 * codes (letters with digits: H1N1, ICP备案 numbers), ALL-CAPS abbreviations (kept only inside an
 * all-caps heading), camelCase and other identifiers, words of one or two letters, roman numerals,
 * words the page defines in parentheses, text on code-like lines, and a lone Latin word inside Chinese
 * text (政务APP, ofd格式: a name or a format, not English text). Words written in pinyin syllables
 * (Xuzhou, Zhang Wei) are kept but marked: many English words split into syllables too (see, more).
 */

/** A word to check, with what the page tells about it. */
export interface EnglishWord {
  /** The word as written, without a possessive 's: Goverment, People, well (of well-known). */
  word: string;
  /** UTF-16 offsets of `word` in the text. */
  start: number;
  end: number;
  /** Latin run of one line between Chinese characters the word belongs to (words are checked per run). */
  segment: number;
  /** Starts with a capital (or is an all-caps word of a heading). */
  capitalised: boolean;
  /**
   * The capital reads as a name's: the word follows a lower-case word of the same sentence, or stands next
   * to another capitalised word (Geely Group, Xuzhou Municipal People's Government).
   */
  nameContext: boolean;
  /**
   * The word splits wholly into pinyin syllables (Xuzhou, Changde, but also see, more, populaire). A check
   * never reports such a word: when the dictionary rejects it, it is a pinyin name (capitalised) or, in
   * lower case, a sign that its run may not be English at all.
   */
  pinyin: boolean;
}

/** Characters that end a Latin run: CJK ideographs and punctuation, fullwidth forms, line breaks. */
const RUN = /[^\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\n]+/g;
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;
/** A Latin letter: a line or run without one holds no word to check. */
const LATIN = /[A-Za-z]/;
/** Tokens: what lies between spaces and the punctuation that never joins a word. */
const TOKEN = /[^\s,;!?"“”()[\]{}<>|*…–—«»]+/g;
/**
 * Characters of code; three on a short line, one of them a brace or an equals sign (which prose does not
 * use), make it code. Pipes and brackets are not among them: navigation bars use them (Home | News).
 */
const CODE_CHARS = /[{}<>=;$\\`]/g;
const HYPHENS = /[-‐‑]/;
const ROMAN = /^(?=[ivxlcdm]+$)m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/i;
/** A word in parentheses of its own, as pages define a short name: Yangtze River Delta (YRD), (Sunan). */
const DEFINED = /[(（]\s*([A-Za-z][A-Za-z'’-]*)\s*[)）]/g;

/** Whether a line reads as code (script text, CSS, markup shown as text): its words are identifiers. */
function isCodeLine(line: string): boolean {
  const n = line.match(CODE_CHARS)?.length ?? 0;
  return n >= 3 && n * 40 >= line.length && /[{}=]/.test(line);
}

const letterCount = (w: string): number => w.replace(/['’]/g, '').length;
const isAllCaps = (w: string): boolean => /[A-Z]/.test(w) && !/[a-z]/.test(w);
const isCapitalised = (w: string): boolean => /^[A-Z]/.test(w);

interface Token {
  text: string;
  start: number;
  /** Ends a sentence or a clause (its own trailing . or :). */
  endsSentence: boolean;
  /** Only spaces separate it from the token before (not | , ; ( and the like: a nav bar's items are apart). */
  joined: boolean;
}

/** Tokens of a run, trimmed of quotes and trailing sentence punctuation. */
function tokens(run: string, offset: number): Token[] {
  const out: Token[] = [];
  let prevEnd = -1;
  for (const m of run.matchAll(TOKEN)) {
    // Joined to the token kept before it (a dropped one, all quotes or dots, separates).
    const joined = prevEnd >= 0 && out.length > 0 && /^\s*$/.test(run.slice(prevEnd, m.index));
    prevEnd = m.index! + m[0].length;
    let text = m[0];
    let start = offset + m.index!;
    const lead = /^['‘’`]+/.exec(text)?.[0].length ?? 0;
    text = text.slice(lead);
    start += lead;
    const trail = /[.:'‘’`]+$/.exec(text)?.[0] ?? '';
    text = text.slice(0, text.length - trail.length);
    if (text) out.push({ text, start, endsSentence: /[.:]/.test(trail), joined });
    else prevEnd = -1;
  }
  return out;
}

/** Words of a token that may be English (hyphenated parts apart), or none when the token is not prose. */
function wordsOf(token: Token): { word: string; start: number }[] {
  // Letters, apostrophes and hyphens only. Anything else makes the token a URL or domain (. / :), an address
  // (@), a file name (.pdf), a code (digits: H1N1, ICP备 numbers), an identifier (_ = #) or a word with
  // diacritics (pinyin with tones, another language): none of them English prose.
  if (!/^[A-Za-z'’‐‑-]+$/.test(token.text)) return [];
  const out: { word: string; start: number }[] = [];
  let at = 0;
  for (const part of token.text.split(HYPHENS)) {
    const word = part.replace(/['’][sS]$/, '').replace(/['’]+$/, '');
    if (word) out.push({ word, start: token.start + at });
    at += part.length + 1;
  }
  return out;
}

/** Why a word is not English to judge, or '' when it is. */
function skipReason(word: string, defined: Set<string>, inCapsHeading: boolean): string {
  if (letterCount(word) < 3) return 'short';
  if (isAllCaps(word)) return inCapsHeading ? '' : 'abbreviation';
  if (/^[A-Z]{2,}s$/.test(word)) return 'abbreviation'; // VOCs, APPs: plural of an abbreviation
  if (/.[A-Z]/.test(word)) return 'identifier'; // iPhone, WeChat, camelCase, McDonald
  if (ROMAN.test(word)) return 'roman';
  if (defined.has(word)) return 'defined';
  return '';
}

/**
 * The English words of `text` worth a dictionary look-up, in text order (see the module comment for what
 * is left out). Pure and cheap: the background calls it (through {@link hasEnglishText}) to decide whether
 * a page needs the speller at all.
 */
export function englishWords(text: string): EnglishWord[] {
  const defined = new Set<string>();
  for (const m of text.matchAll(DEFINED)) defined.add(m[1].replace(/['’][sS]$/, ''));
  const out: EnglishWord[] = [];
  let segment = 0;
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const base = lineStart;
    lineStart += line.length + 1;
    // A line without a Latin letter holds no run to read (most lines of a Chinese page).
    if (!LATIN.test(line) || isCodeLine(line)) continue;
    for (const m of line.matchAll(RUN)) {
      const run = m[0];
      if (!LATIN.test(run)) continue;
      segment++;
      const at = base + m.index!;
      const toks = tokens(run, at);
      const letterTokens = toks.filter((t) => /[A-Za-z]{2}/.test(t.text));
      // A lone Latin token inside Chinese text (政务APP, 下载ofd格式) is a name, unit or format, not English text.
      const touchesChinese = CJK.test(line[m.index! - 1] ?? '') || CJK.test(line[m.index! + run.length] ?? '');
      if (touchesChinese && letterTokens.length < 2) continue;
      // An all-caps heading (XUZHOU MUNICIPAL PEOPLE'S GOVERNMENT): its words are words, not abbreviations.
      const capsWords = toks.filter((t) => isAllCaps(t.text) && /^[A-Z'’-]{3,}$/.test(t.text)).length;
      const inCapsHeading = capsWords >= 3 && capsWords * 2 >= letterTokens.length;
      toks.forEach((tok, i) => {
        const prev = tok.joined && !toks[i - 1].endsSentence ? toks[i - 1] : undefined;
        const next = !tok.endsSentence && toks[i + 1]?.joined ? toks[i + 1] : undefined;
        for (const { word, start } of wordsOf(tok)) {
          if (skipReason(word, defined, inCapsHeading)) continue;
          const capitalised = isCapitalised(word);
          const nameContext = capitalised && (/^[a-z]/.test(prev?.text ?? '') || isCapitalised(prev?.text ?? '') || isCapitalised(next?.text ?? ''));
          out.push({ word, start, end: start + word.length, segment, capitalised, nameContext, pinyin: isPinyin(word) });
        }
      });
    }
  }
  return out;
}

/**
 * Whether `text` holds any English word a spelling check would look at: the background loads the
 * dictionary (half a megabyte, ~200 ms to build) only for such pages. A Chinese page whose only Latin
 * text is URLs, codes, pinyin or abbreviations answers false.
 */
export function hasEnglishText(text: string): boolean {
  // Fast path: most Chinese pages have no run of three Latin letters at all.
  if (!/[A-Za-z]{3}/.test(text)) return false;
  return englishWords(text).some((w) => !w.pinyin);
}
