import type { MessageTemplates } from '../../engine/types';

/** The indicator item every 错别字 check reports under (《政府网站与政务新媒体检查指标》, 国办秘函〔2019〕19号). */
export const TYPO_INDICATOR: MessageTemplates = {
  'zh-CN': '内容准确性：错别字',
  en: 'Content accuracy: wrongly written characters',
};

/** The message of a one-character slip in a known word (typo-near-miss, typo-fragment). */
export const SLIP_MESSAGE: MessageTemplates = {
  'zh-CN': '“{{written}}”疑为“{{right}}”之误（“{{wrongChar}}”应为“{{rightChar}}”）',
  en: '"{{written}}" looks like a slip for "{{right}}" ("{{wrongChar}}" for "{{rightChar}}")',
};

/** CJK Unified Ideographs (the characters the lexicons hold). */
export const isHan = (code: number): boolean => code >= 0x4e00 && code <= 0x9fff;

/**
 * Whether text[start, end) occurs elsewhere in `text` too: a form a writer uses again is a usage, not a slip
 * (typo-fragment, typo-context, typo-missing-char).
 */
export function writtenTwice(text: string, start: number, end: number): boolean {
  const form = text.slice(start, end);
  return text.indexOf(form) !== start || text.indexOf(form, start + 1) !== -1;
}

/**
 * Whether the two characters at [start, start + 2) sit in a parallel construction: one of them is repeated
 * within four characters in the same clause (five across the 、 of a list: 村务公开、居务公开), holding the same place in its token of the model's
 * segmentation (`cut`: 1 where a token starts) or with its outer neighbour repeated too (争资争项,
 * 勇立潮头勇当标杆, 谋深谋实, 共建共享, 助学金、贷学金); a particle (的, 了 …) repeats everywhere and counts for
 * nothing, nor does a character inside another word (政 of 行政 beside 政驸). Or they follow the ABA
 * reduplication that opens one of a run of slogan clauses (手拉手同议…，心贴心共谱…). Coined parallel
 * phrases pair characters no dictionary or model has seen together (typo-context).
 */
export function inParallel(text: string, start: number, cut: Uint8Array): boolean {
  if (afterParallelReduplication(text, start)) return true;
  for (const at of [start, start + 1]) {
    if (FUNCTION_CHARS.has(text[at])) continue;
    for (let k = Math.max(0, at - LIST_REACH); k <= Math.min(text.length - 1, at + LIST_REACH); k++) {
      if (k >= start && k < start + 2) continue;
      // The same place: the first character of the pair opens its token, the second ends it.
      if (!(at === start ? cut[k] || text[k - 1] === text[start - 1] : cut[k + 1] || text[k + 1] === text[start + 2])) continue;
      const between = text.slice(Math.min(k, at), Math.max(k, at));
      // Within four characters in a clause; five across the 、 of a list (村务公开、居务公开).
      if (text[k] === text[at] && !/[，。；！？\n]/.test(between) && (Math.abs(k - at) <= 4 || between.includes('、'))) return true;
    }
  }
  return false;
}

/** How far a repeated character of a list's next item may stand (村务公开、居务公开: five). */
const LIST_REACH = 5;

/** Marks that may stand between two units of a parallel construction (专用、专账). */
const UNIT_SEPARATORS = '、，';

/**
 * Whether the pair at [start, start + 2) is one unit of a parallel run of pairs: its first or its second
 * character stands at the same place in the pair just before or after it, directly or across one 、 or ，
 * (专款专用、专账核算; 谋深谋实; 稳岗扩岗); or it ends a clause whose neighbour clause ends in the same character
 * (遇事找法、解决问题用法、化解矛盾靠法), or starts one whose neighbour starts with the same character. Stricter
 * than inParallel: the repeated character must hold the same place in the neighbouring unit (typo-fragment).
 */
export function inParallelPairs(text: string, start: number): boolean {
  if (parallelClauses(text, start) || afterParallelReduplication(text, start) || opensParallelItem(text, start)) return true;
  for (const side of [-1, 1]) {
    for (const gap of [0, 1]) {
      const mark = text[side < 0 ? start - 1 : start + 2];
      if (gap && !(mark && UNIT_SEPARATORS.includes(mark))) continue;
      const other = start + side * (2 + gap);
      if (other < 0 || other + 2 > text.length) continue;
      if (text[other] === text[start] || text[other + 1] === text[start + 1]) return true;
    }
  }
  return false;
}

/** Marks that end an item of a list (the next item, the clause or the sentence). */
const ITEM_END = '、，。；：！？\n';

/**
 * Whether the pair at [start, start + 2) opens a four-character item of a 、 list whose neighbouring item of
 * four characters opens with the same character (实行专账管理、专款专用; 专款专用、专账核算): the items of a list
 * are parallel phrases, and the repeated character is their shared head. The item before the 、 may follow
 * a verb (实行), the one after it ends at a mark.
 */
function opensParallelItem(text: string, start: number): boolean {
  const endsItem = (p: number) => p >= text.length || ITEM_END.includes(text[p]);
  if (text[start + 4] === '、' && text[start + 5] === text[start] && endsItem(start + 9)) return true;
  return start >= 5 && text[start - 1] === '、' && text[start - 5] === text[start] && endsItem(start + 4);
}

/**
 * Characters of grammar (particles, pronouns, prepositions, the copula, adverbs of degree). A slip between
 * them is real but common and harmless (再/在), and a text full of them has many spans one confusion away
 * from a term: typo-fragment takes neither side of a pair from them, typo-near-miss never reads one as the
 * slipped character of a term (营商环境是高质量发展: 是 + 高质量, not 提高质量).
 */
export const FUNCTION_CHARS: ReadonlySet<string> = new Set([
  ...'的地得了在是和与及或也都就而并对把被从向以为于之其这那我你他她它们个上下中不有没会更很最要能可将已还再又',
]);

/** Whether three characters at `at` are a Han ABA reduplication (面对面, 手拉手, 心贴心, 点对点). */
function isAba(text: string, at: number): boolean {
  if (at < 0 || at + 3 > text.length) return false;
  const [a, b, c] = [text.charCodeAt(at), text.charCodeAt(at + 1), text.charCodeAt(at + 2)];
  return a === c && a !== b && isHan(a) && isHan(b);
}

/**
 * The pair follows an ABA reduplication that opens its clause, and a neighbouring clause opens with one too
 * (面对面倾听意见，手拉手同议良策，心贴心共谱蓝图): a run of slogan clauses, whose verbs are coined to match each
 * other (同议, 共谱), not slips.
 */
function afterParallelReduplication(text: string, start: number): boolean {
  const open = start - 3;
  if (!isAba(text, open) || (open > 0 && !CLAUSE_MARKS.includes(text[open - 1]))) return false;
  // The clause after this one opens with an ABA…
  for (let k = start + 2; k < Math.min(text.length, start + 2 + CLAUSE_REACH); k++) {
    if (!CLAUSE_MARKS.includes(text[k])) continue;
    if (isAba(text, k + 1)) return true;
    break;
  }
  // … or the clause before it does.
  for (let k = open - 2; k >= Math.max(0, open - 1 - CLAUSE_REACH); k--) {
    if (k > 0 && !CLAUSE_MARKS.includes(text[k - 1])) continue;
    if (isAba(text, k)) return true;
    break;
  }
  return false;
}

/** Marks that end a clause of a parallel series. */
const CLAUSE_MARKS = '、，；。';
/**
 * How far back or ahead a neighbouring clause's mark may be: a clause of official prose runs to 20
 * characters (简化优化“市县同权”事项办理流程，简除…: 17 before the mark).
 */
const CLAUSE_REACH = 20;

/** The pair ends (starts) a clause, and the clause before (after) it ends (starts) with the same character. */
function parallelClauses(text: string, start: number): boolean {
  const end = start + 2;
  if (end >= text.length || CLAUSE_MARKS.includes(text[end])) {
    // The mark that ends the clause before this one: its previous character must be our second one.
    for (let k = start - 1; k >= Math.max(1, start - CLAUSE_REACH); k--) {
      if (!CLAUSE_MARKS.includes(text[k])) continue;
      if (text[k - 1] === text[start + 1]) return true;
      break;
    }
  }
  if (start === 0 || CLAUSE_MARKS.includes(text[start - 1])) {
    // The clause after this one, or the one before it, starts with our first character.
    for (let k = end; k < Math.min(text.length - 1, end + CLAUSE_REACH); k++) {
      if (!CLAUSE_MARKS.includes(text[k])) continue;
      if (text[k + 1] === text[start]) return true;
      break;
    }
    for (let k = start - 2; k >= Math.max(0, start - 1 - CLAUSE_REACH); k--) {
      if (k > 0 && !CLAUSE_MARKS.includes(text[k - 1])) continue;
      if (text[k] === text[start]) return true;
      break;
    }
  }
  return false;
}
