import { defineCheck } from '../engine/define-check';
import { englishWords, type EnglishWord } from '../spell/english-text';
import { isPinyin } from '../spell/pinyin';
import type { CheckContext, Speller } from '../engine/types';
import { TYPO_INDICATOR } from './util/indicators';

/**
 * 英文拼写错误 (named as such in the national inspection notices): misspelled English words on Chinese
 * government pages (English versions of sites, navigation labels, captions, a header such as "Xuzhou
 * Municipal People's Goverment"), judged by a Hunspell dictionary (ctx.speller; without it the check
 * reports nothing).
 *
 * It must not cry wolf, so a word is reported only when all of this holds:
 * 1. lib/spell/english-text.ts keeps it as English prose (not a URL, address, file name, code, abbreviation,
 *    identifier, roman numeral, word the page defines in parentheses, code line, or lone Latin token
 *    inside Chinese text), and it does not split into pinyin syllables (Xuzhou, Changde);
 * 2. the dictionary rejects it, British spellings included, and it is no closed compound of two dictionary
 *    words (hotline, homestay) nor the plural of a dictionary noun (sceneries: usage, not spelling);
 * 3. its Latin run reads as English: a run where at least three words and more than half are unknown is
 *    another language and is left alone (capitalised pinyin names count neither way);
 * 4. the dictionary offers a close correction: the same first letter (slips rarely touch it), one edit away
 *    (two for words of nine letters or more that do not read as names), for a word of three or four letters only a swap
 *    of neighbours (teh → the); for a capitalised word the closest correction must be a common word
 *    (Macau's closest is the name Macao: a spelling of a name, not a slip);
 * 5. a capitalised word that reads as a name (repeated on the page, after a lower-case word, beside
 *    another capitalised word) and has fewer than six letters is only reported for a swap: short names
 *    collide with common words by one edit (Haier → Hair, Geely → Geeky, Kum → Kim), long ones rarely
 *    do, so "Goverment" on every page header is still found.
 * A word glued to a function word (spiritof, Suzhoufrom, thedemonstration) is reported as a missing space.
 * Each spelling is reported once per page, at its first place, with how often it occurs (data.count).
 */

/**
 * Function words that pages glue to a neighbour when a space is lost (spiritof, Suzhoufrom,
 * thedemonstration, projectwhich). Two-letter ones other than "of" end or begin too many real words and
 * names (checkin, addon, Brandon) to be trusted alone: they count only between a word and one of these
 * (focusonthe), except "to" at the end of a lower-case word (accordingto, playto).
 */
const GLUED = new Set(['the', 'of', 'and', 'for', 'from', 'with', 'into', 'that', 'this', 'which']);
const GLUED_BETWEEN = ['to', 'in', 'on', 'at', 'by'];
/**
 * Distinct misspellings asked for suggestions per page: a page with more after every filter above is not
 * English the dictionary can judge. Words of nine letters or more may cost the speller a two-edit search
 * (~150 ms each; shorter ones a few ms), so they have a smaller share, keeping a page well inside the
 * engine's 5 s budget.
 */
const MAX_SUGGESTED = 30;
const MAX_LONG_SUGGESTED = 10;
const LONG = 9;

/** Optimal string alignment distance (Damerau: a swap of neighbours is one edit), up to `max` + 1. */
function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0][j] = j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}

const isTransposition = (a: string, b: string): boolean => {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
};

/**
 * A plural the dictionary does not list of a noun it holds: mostly a non-count noun made plural
 * (sceneries, equipments, informations), a slip of usage rather than of spelling.
 */
function isPluralOfWord(word: string, speller: Speller): boolean {
  const w = word.toLowerCase();
  if (w.length < 5 || !w.endsWith('s') || w.endsWith('ss')) return false;
  return (
    speller.correct(w.slice(0, -1)) || (w.endsWith('es') && speller.correct(w.slice(0, -2))) || (w.endsWith('ies') && speller.correct(`${w.slice(0, -3)}y`))
  );
}

/** A closed compound of two dictionary words of three letters or more, neither glued prose: hotline, homestay. */
function isCompound(word: string, speller: Speller): boolean {
  const w = word.toLowerCase();
  for (let i = 3; i <= w.length - 3; i++) {
    const [a, b] = [w.slice(0, i), w.slice(i)];
    if (!GLUED.has(a) && !GLUED.has(b) && speller.correct(a) && speller.correct(b)) return true;
  }
  return false;
}

/**
 * The words of `word` when a space was lost next to a function word: spiritof → spirit of, focusonthe →
 * focus on the, Suzhoufrom → Suzhou from (a capitalised pinyin name counts as a word). Every other piece
 * is a dictionary word of three letters or more.
 */
function spaceSplit(word: string, speller: Speller): string | undefined {
  const isPiece = (p: string) => p.length >= 3 && (speller.correct(p) || (/^[A-Z]/.test(p) && isPinyin(p)));
  for (let i = 2; i <= word.length - 2; i++) {
    const [a, b] = [word.slice(0, i), word.slice(i)];
    const [la, lb] = [a.toLowerCase(), b.toLowerCase()];
    if (GLUED.has(lb) && (isPiece(a) || GLUED.has(la))) return `${a} ${b}`;
    if (GLUED.has(la) && isPiece(b)) return `${a} ${b}`;
    if (b === 'to' && /^[a-z]+$/.test(a) && isPiece(a)) return `${a} ${b}`;
    if (GLUED.has(lb)) {
      for (const between of GLUED_BETWEEN) {
        const head = a.slice(0, -between.length);
        if (a.toLowerCase().endsWith(between) && isPiece(head)) return `${head} ${a.slice(-between.length)} ${b}`;
      }
    }
  }
  return undefined;
}

/** The dictionary's correction for `w`, when one passes the closeness rules (see the module comment). */
function correction(w: EnglishWord, suggestions: string[], speller: Speller, nameLike: boolean, onPage: Set<string>): string | undefined {
  const lower = w.word.toLowerCase();
  // Short words, and short names above all, have many dictionary neighbours one edit away (Kum → Kim,
  // Haier → Hair, wifi → wife): only the classic typing slip, two neighbours swapped (teh, Hoem), is trusted.
  const swapOnly = lower.length <= 4 || (nameLike && lower.length < 6);
  const close = suggestions.filter((s) => {
    const sl = s.toLowerCase();
    if (/\s/.test(s) || sl === lower || sl[0] !== lower[0]) return false;
    if (swapOnly && !isTransposition(lower, sl)) return false;
    return editDistance(lower, sl) <= (lower.length >= LONG && !nameLike ? 2 : 1);
  });
  // A capitalised word whose closest dictionary word is a name (Macau → Macao, before Macaw) is most likely
  // a spelling of that name or another one: only a common word is a correction (Goverment → Government).
  if (w.capitalised && close.length && !speller.correct(close[0].toLowerCase())) return undefined;
  const common = w.capitalised ? close.filter((s) => speller.correct(s.toLowerCase())) : close;
  // Of equally close corrections, one the page itself uses is the likelier (Servces → Services on a page with Services).
  return common.find((s) => onPage.has(s.toLowerCase())) ?? common[0];
}

export default defineCheck({
  meta: {
    id: 'typo-english',
    category: 'typo',
    defaultSeverity: 'deduct',
    indicator: TYPO_INDICATOR,
    description: {
      'zh-CN':
        '用英文词典（Hunspell en_US，兼认英式拼写）查找英文拼写错误（检查通报中的“英文拼写错误”），如网站英文版、导航、图片说明、“Xuzhou Municipal People’s Goverment”之类的页头。网址、邮箱、文件名、编码、全大写缩写、驼峰标识符、一两个字母的词、罗马数字、汉语拼音地名人名、页面括注的简称、代码行和夹在中文里的单个英文词都不查；只有词典给出相近的正确写法（首字母相同、只差一处）时才报告，同一拼法每页只报第一次。未加载词典时不报告。',
      en: 'Finds misspelled English words (英文拼写错误 in the inspection notices) with a Hunspell dictionary (en_US, British spellings accepted): English versions of sites, navigation, captions, headers such as "Xuzhou Municipal People\'s Goverment". URLs, e-mail addresses, file names, codes, ALL-CAPS abbreviations, identifiers, one- and two-letter words, roman numerals, Hanyu Pinyin names, abbreviations the page defines, code lines and lone Latin words inside Chinese text are not checked; a word is reported only when the dictionary offers a close correction (same first letter, one edit away), once per spelling per page. Reports nothing until the dictionary is loaded.',
    },
    messages: {
      misspelled: { 'zh-CN': '英文单词“{{word}}”拼写有误，应为“{{right}}”', en: 'The English word "{{word}}" is misspelled; it should be "{{right}}"' },
      missingSpace: { 'zh-CN': '英文“{{word}}”漏了空格，应为“{{right}}”', en: '"{{word}}" lacks a space; it should be "{{right}}"' },
    },
  },

  run(ctx: CheckContext) {
    const speller = ctx.speller;
    if (!speller) return;
    const words = englishWords(ctx.model.text);
    if (!words.length) return;

    // Verdicts per word, then the language of each run: a run mostly unknown to the dictionary is not English.
    // A capitalised pinyin word the dictionary does not know is a name (Changde) and counts neither way; a
    // lower-case one (populaire) counts as unknown, though it is never reported.
    const unknown = words.map((w) => !speller.correct(w.word) && !isCompound(w.word, speller) && !isPluralOfWord(w.word, speller));
    const perSegment = new Map<number, { words: number; unknown: number }>();
    words.forEach((w, i) => {
      if (unknown[i] && w.pinyin && w.capitalised) return;
      const s = perSegment.get(w.segment) ?? { words: 0, unknown: 0 };
      s.words++;
      if (unknown[i]) s.unknown++;
      perSegment.set(w.segment, s);
    });
    const english = (segment: number) => {
      const s = perSegment.get(segment)!;
      return !(s.unknown >= 3 && s.unknown * 2 > s.words);
    };

    const count = new Map<string, number>();
    const capitalisedCount = new Map<string, number>();
    const onPage = new Set<string>();
    for (const w of words) {
      const key = w.word.toLowerCase();
      onPage.add(key);
      count.set(key, (count.get(key) ?? 0) + 1);
      if (w.capitalised) capitalisedCount.set(w.word, (capitalisedCount.get(w.word) ?? 0) + 1);
    }

    const seen = new Set<string>();
    let asked = 0;
    let askedLong = 0;
    words.forEach((w, i) => {
      if (!unknown[i] || w.pinyin || !english(w.segment)) return;
      const key = w.word.toLowerCase();
      if (seen.has(key)) return;
      seen.add(key);
      ctx.checkBudget();
      const data = { word: w.word, count: count.get(key)! };
      const spaced = spaceSplit(w.word, speller);
      if (spaced) {
        ctx.report({ messageId: 'missingSpace', data: { ...data, right: spaced }, start: w.start, end: w.end, suggestion: spaced });
        return;
      }
      const long = w.word.length >= LONG;
      if (asked >= MAX_SUGGESTED || (long && askedLong >= MAX_LONG_SUGGESTED)) return;
      asked++;
      if (long) askedLong++;
      const nameLike = w.capitalised && (w.nameContext || (capitalisedCount.get(w.word) ?? 0) >= 2);
      const right = correction(w, speller.suggest(w.word), speller, nameLike, onPage);
      if (right) ctx.report({ messageId: 'misspelled', data: { ...data, right }, start: w.start, end: w.end, suggestion: right });
    });
  },
});
