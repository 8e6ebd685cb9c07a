import { isConfusable } from '../data/confusables';
import leaders from '../data/rules/leaders.json';
import phraseList from '../data/rules/political-phrases.json';
import { defineCheck } from '../engine/define-check';
import type { RuleEntry, RuleList } from '../engine/rule-data';
import { boundaries } from '../engine/segmenter';
import { fuzzySyllableOf, syllableOf } from '../lm/readings';
import { OneSubstitutionMatcher } from '../text/one-substitution';
import { PairSubstitutionMatcher } from '../text/pair-substitution';
import { lexiconPool } from '../text/pattern-pool';
import type { CheckContext, Segmenter } from '../engine/types';

/**
 * 时政固定提法中的错字: a slip inside a formulation of official political writing (中华人民共合国, 扫黑险恶,
 * 社会主意核心价值观) is a 严重表述错误, 单项否决 in the inspections (国办秘函〔2019〕19号; the 2015 census
 * table names 国名、国家机构名称 and 背离社会主义核心价值观的错别字 among the 严重错别字).
 *
 * The phrases are data (lib/data/rules/political-phrases.json). A span that is a phrase with exactly one
 * character replaced is reported when:
 * - the written character is a Han character and not the traditional form of the right one (繁体 pages);
 * - in a phrase of 5+ characters the change is inside it; at its first or last character, or anywhere in a
 *   phrase of 3–4 characters, the two characters must be confusable (same sound or similar shape), since an
 *   edge character is often simply the neighbouring word's (坚持科学发展的… is not 科学发展观) — except a
 *   listed real slip (`knownSlips`: 扫黑险恶), which is always reported;
 * - the position is not one where another character makes another correct phrase (`freeAt`: 美国共产党,
 *   全国共产党员; 党纪学习教育), and the span is not a correct phrase or `alsoCorrect` form, nor inside one
 *   written in the text (依法治省, 中国共产主义青年团);
 * - with a segmenter: the span is not a dictionary word and stands apart from the words around it
 *   (standsApart: 科学发展规划, 中国共产主义 are not slips). Without a segmenter only phrases of LONG+ characters
 *   and known slips are reported;
 * - a change by a character that neither sounds nor looks like the right one is not reported where the written
 *   character's word is another dictionary word ending the span (开展爱国卫生劳动: 劳动 in the place of 运动).
 * A change inside a leader's name within a phrase (习近平新时代…) is left to expression-leader-name. One finding
 * per changed character: the longest phrase wins.
 *
 * Also a pair of neighbouring characters written as another word of the same sounds (社会注意思想 for 社会主义思想,
 * 政治斜上制度, 不忘出新): a pinyin input method's choice for the same keys. Only in phrases of PAIR_MIN+ characters,
 * both characters changed and each of the same toneless syllable; inside the phrase, or at the end of a phrase of
 * LONG+ characters where the written pair is a dictionary word (引起全社会注意 is the end of a short phrase, and
 * correct). See docs/checks/typo-political-phrase.md.
 */

interface PhraseEntry extends RuleEntry {
  phrase: string;
  /** Other correct forms near this phrase; a span inside one of them written in the text is not a slip. */
  alsoCorrect?: string[];
  /** 0-based positions where any other character makes a different, correct phrase. */
  freeAt?: number[];
  /** Written forms that are real slips reported even when the characters are not confusable. */
  knownSlips?: string[];
}

interface PhraseList extends RuleList<PhraseEntry> {
  /** Simplified character → its traditional forms (OpenCC): such a substitution is a 繁体 page, not a slip. */
  traditionalForms: Record<string, string>;
}

const list = phraseList as PhraseList;
const phrases = list.entries.map((e) => e.phrase);
const matcher = new OneSubstitutionMatcher(phrases, lexiconPool);
/** Every correct form: the phrases and their alsoCorrect forms. */
const correctForms = [...new Set([...phrases, ...list.entries.flatMap((e) => e.alsoCorrect ?? [])])];
const correctSet = new Set(correctForms);
/** Per phrase, the [from, to) index ranges of current leaders' names in it (expression-leader-name reports those). */
const nameRanges = phrases.map((p) =>
  leaders.entries.flatMap((l) => {
    const at = p.indexOf(l.name);
    return at === -1 ? [] : [[at, at + l.name.length] as const];
  }),
);

const HAN = /^\p{Script=Han}$/u;
/** Characters of context on each side of a span when segmenting its neighbourhood. */
const WINDOW = 6;
/**
 * From this length a phrase only needs the changed character's word inside the span (standsApart), and is checked
 * without a segmenter too. Five-character phrases keep the stricter rule: 企业中非共产党员的 is 中/非/共产党员, no slip
 * of 中国共产党 (1957 government work report).
 */
const LONG = 6;
/**
 * Phrases in which a pair of neighbouring characters may be a wrong word of the same sounds (社会注意思想):
 * those of PAIR_MIN+ characters, the pair inside the phrase, or at its end in a phrase of LONG+ characters
 * (中国特色社会注意). A pair at a short phrase's end is often the writer's next word (引起社会注意).
 */
const PAIR_MIN = 5;
const pairMatcher = new PairSubstitutionMatcher(
  phrases,
  (p) => (p.length < PAIR_MIN ? [] : Array.from({ length: p.length - 1 }, (_, i) => i).filter((i) => (i > 0 && i + 2 < p.length) || p.length >= LONG)),
  2,
  lexiconPool,
);

/** Whether two characters sound alike to an input method with fuzzy pinyin (名 míng, 民 mín), and differ. */
function fuzzyAlike(a: string, b: string): boolean {
  const x = fuzzySyllableOf(a.charCodeAt(0));
  return a !== b && x !== '' && x === fuzzySyllableOf(b.charCodeAt(0));
}

/**
 * Whether the written pair sounds as the phrase's pair, character by character (the toneless syllable of the
 * first reading: an input method's choice for the same keys), each a Han character changed, and neither the
 * traditional form of the right one.
 */
function samePairSounds(written: string, right: string, traditional: Record<string, string>): boolean {
  for (let k = 0; k < 2; k++) {
    const [w, r] = [written[k], right[k]];
    if (!HAN.test(w) || w === r || traditional[r]?.includes(w)) return false;
    const syllable = syllableOf(w.charCodeAt(0));
    if (!syllable || syllable !== syllableOf(r.charCodeAt(0))) return false;
  }
  return true;
}

/** Whether a correct form written in the text covers [start, end) (依法治省 covers the variant 依法治省 of 依法治国). */
function insideCorrectForm(text: string, start: number, end: number): boolean {
  for (const form of correctForms) {
    if (form.length < end - start) continue;
    for (let p = Math.max(0, end - form.length); p <= start; p++) if (text.startsWith(form, p)) return true;
  }
  return false;
}

/**
 * Whether the segmented neighbourhood keeps the span apart from the words around it. A short phrase must start
 * and end on word boundaries (编制科学发展规划 is 科学/发展/规划: 科学发展规 ends inside a word). In a phrase of
 * LONG+ characters it is enough that the word holding the changed character lies inside the span: the phrase's own
 * last word may merge with the next (全面信化改革开放 is …/信/化/改革开放), but not the changed character's word.
 */
function standsApart(win: WindowCut, start: number, end: number, position: number, long: boolean): boolean {
  const { from, cuts } = win;
  if (!long) return cuts.includes(start - from) && cuts.includes(end - from);
  const at = position - from;
  const k = cuts.findIndex((c) => c > at);
  return cuts[k - 1] >= start - from && cuts[k] <= end - from;
}

/** The segmented neighbourhood of a span: WINDOW characters each side, its word boundaries relative to `from`. */
interface WindowCut {
  from: number;
  cuts: number[];
}

function cutAroundSpan(segmenter: Segmenter, text: string, start: number, end: number): WindowCut {
  const from = Math.max(0, start - WINDOW);
  return { from, cuts: boundaries(segmenter.cut(text.slice(from, Math.min(text.length, end + WINDOW)))) };
}

/**
 * Whether the changed character sits in the span's last word, a word of two or more characters that the segmenter
 * reads in the written text and that ends where the span ends: the writer named another thing with the phrase's
 * modifiers (开展爱国卫生劳动: 劳动, not 运动), which a slip of the hand or the input method does not make with
 * characters that neither sound nor look alike. A word swapped in before the head (中共人民共和国, 不忘初衷) is
 * still a slip: the phrase goes on around it.
 */
function otherWordInPlace(segmenter: Segmenter, text: string, win: WindowCut, start: number, end: number, position: number): boolean {
  const { from, cuts } = win;
  const at = position - from;
  const k = cuts.findIndex((c) => c > at);
  if (k <= 0) return false;
  const [s, e] = [cuts[k - 1] + from, cuts[k] + from];
  return e - s >= 2 && s >= start && e === end && segmenter.isWord(text.slice(s, e));
}

export default defineCheck({
  meta: {
    id: 'typo-political-phrase',
    category: 'typo',
    defaultSeverity: 'veto',
    indicator: {
      'zh-CN': '严重问题：严重表述错误（时政规范表述中的错别字）',
      en: 'Serious problem: serious wording error (a wrong character in a fixed political phrase)',
    },
    description: {
      'zh-CN':
        '查找时政固定提法（中华人民共和国、中国共产党、扫黑除恶、习近平新时代中国特色社会主义思想等，见 political-phrases.json）中恰好一个字写错的情况，如“中华人民共合国”“扫黑险恶”，以及5字及以上提法中相邻两字被输入法换成同音词的情况，如“社会注意思想”。5字及以上提法内部的任何替换都报告；首尾字和3–4字提法只报告音近、形近字替换和已知真实错例。是词典词、另一个正确提法（依法治省、美国共产党）或繁体写法的不报告。',
      en: 'Finds fixed phrases of official political writing (中华人民共和国, 中国共产党, 扫黑除恶, … in political-phrases.json) written with exactly one wrong character, e.g. 中华人民共合国, 扫黑险恶, or, in phrases of 5+ characters, with two neighbouring characters turned by the input method into another word of the same sounds (社会注意思想). Inside phrases of 5+ characters any substitution is reported; at a phrase edge and in 3–4-character phrases only sound- or shape-alike substitutions and listed real slips. Dictionary words, other correct phrases (依法治省, 美国共产党) and traditional characters are not reported.',
    },
    messages: {
      phraseSlip: {
        'zh-CN': '时政表述“{{right}}”有错字：“{{wrongChar}}”应为“{{rightChar}}”',
        en: 'Wrong character in the fixed phrase “{{right}}”: “{{wrongChar}}” should be “{{rightChar}}”',
      },
      phraseHomophone: {
        'zh-CN': '时政表述“{{right}}”有错词：“{{wrongChar}}”应为同音的“{{rightChar}}”（输入法选错词）',
        en: 'Wrong word in the fixed phrase “{{right}}”: “{{wrongChar}}” should be “{{rightChar}}”, of the same sounds (an input-method slip)',
      },
    },
  },

  run(ctx: CheckContext) {
    const { text } = ctx.model;
    const { segmenter } = ctx;
    /** Changed character's offset → the finding kept for it (the longest phrase). */
    const kept = new Map<number, { start: number; end: number; known: number; written: string; right: string }>();
    for (const hit of matcher.findAll(text, ctx.checkBudget)) {
      const entry = list.entries[hit.known];
      const { phrase } = entry;
      const index = hit.position - hit.start;
      const previous = kept.get(hit.position);
      if (previous && phrases[previous.known].length >= phrase.length) continue;
      if (!HAN.test(hit.written) || list.traditionalForms[hit.right]?.includes(hit.written)) continue;
      if (entry.freeAt?.includes(index)) continue;
      if (nameRanges[hit.known].some(([from, to]) => index >= from && index < to)) continue;
      const written = text.slice(hit.start, hit.end);
      if (!entry.knownSlips?.includes(written)) {
        const inside = phrase.length >= 5 && index > 0 && index < phrase.length - 1;
        // Inside a shorter phrase an input method's fuzzy pinyin counts too (中华名族: míng for mín).
        const confusable = isConfusable(hit.written, hit.right) || (index > 0 && index < phrase.length - 1 && fuzzyAlike(hit.written, hit.right));
        if (!inside && !confusable) continue;
        if (correctSet.has(written) || insideCorrectForm(text, hit.start, hit.end)) continue;
        if (segmenter) {
          if (segmenter.isWord(written)) continue;
          // One segmentation of the neighbourhood answers both questions.
          const win = cutAroundSpan(segmenter, text, hit.start, hit.end);
          if (!confusable && otherWordInPlace(segmenter, text, win, hit.start, hit.end, hit.position)) continue;
          if (!standsApart(win, hit.start, hit.end, hit.position, phrase.length >= LONG)) continue;
        } else if (phrase.length < LONG) continue;
      }
      kept.set(hit.position, hit);
    }
    // A pair of neighbouring characters written as another word of the same sounds (社会注意思想 → 主义).
    for (const hit of pairMatcher.findAll(text, ctx.checkBudget)) {
      const entry = list.entries[hit.known];
      const { phrase } = entry;
      const index = hit.position - hit.start;
      const previous = kept.get(hit.position) ?? kept.get(hit.position + 1);
      if (previous && (previous.written.length === 1 || phrases[previous.known].length >= phrase.length)) continue;
      if (!samePairSounds(hit.written, hit.right, list.traditionalForms)) continue;
      if (entry.freeAt?.some((i) => i === index || i === index + 1)) continue;
      if (nameRanges[hit.known].some(([from, to]) => index + 1 >= from && index < to)) continue;
      if (insideCorrectForm(text, hit.start, hit.end)) continue;
      // At the phrase's edge the written pair must be a word of its own, the input method's choice.
      const edge = index === 0 || index + 2 === phrase.length;
      if (edge && !segmenter?.isWord(hit.written)) continue;
      kept.set(hit.position, hit);
    }
    const found = [...kept.values()].sort((a, b) => a.start - b.start || a.end - b.end);
    for (const hit of found) {
      ctx.report({
        messageId: hit.written.length === 2 ? 'phraseHomophone' : 'phraseSlip',
        data: { right: phrases[hit.known], wrongChar: hit.written, rightChar: hit.right },
        start: hit.start,
        end: hit.end,
        suggestion: phrases[hit.known],
        severity: list.entries[hit.known].severity,
      });
    }
  },
});
