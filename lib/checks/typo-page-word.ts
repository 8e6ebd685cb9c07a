import { defineCheck } from '../engine/define-check';
import type { CheckContext } from '../engine/types';
import { UNK, type LanguageModel } from '../lm/model';
import { segmentationOf, wholeLockTest } from '../lm/protect';
import { isHan, TYPO_INDICATOR } from './util/indicators';
import { editGain } from './util/lm-edit';

/**
 * 漏字 the page itself shows: a character that does not stand as a word of its own, left alone where the same
 * page writes it at least twice more as the first character of a word in the same frame — after the same two
 * characters (主要阐述 five times, then 主要阐经济) or before the same two (控制中心 twice, then 控中心). The word of
 * the frame is the correction. Structured pages repeat their frames (a plan's chapters, a report's items), and a
 * dropped character in one of them is a slip no dictionary sees: the page is its own reference, as for
 * typo-name-variant's names.
 *
 * Only where the character cannot stand alone: the model's probability of it as a one-character word is below
 * BOUND (阐, 述; not 扩, 促, 农, whose one-character verbs and nouns official writing shortens terms to: 扩内需,
 * 促增长, 新农合), and the model's segmentation leaves it on its own. Not an item of a list of single characters
 * (农、林、牧、副、渔业), nor one at the end of a line (政务新媒\n体名单: a break inside a word), nor where the protections lock the text whole (a name, a title, the footer, a paragraph
 * in traditional characters). The model must find the restored text more probable (MARGIN).
 *
 * And in a list: an item of a 、 list that begins with a character whose pair with the next is no word, where at
 * least two other items of the same list begin with a word of that character (留言时间、答复时间、答复单位、答内容:
 * 答复内容, from a real inspection notice of 2019). Any character: the list's parallel items are the evidence, and its
 * item must read as no word where it begins (答疑, 市容, 防火 after 答复…、市场…、防汛… are words of their own).
 */

/** log10 probability of the character as a word of its own, at most: 阐 −5.9; 渔 −5.6; 扩, 促, 农, 贫 −5.1 to −5.4. */
const BOUND = -5.5;
/** Occurrences of the full word in the same frame elsewhere on the page, at least. */
const EVIDENCE_MIN = 2;
/** What the restored text must gain over the text as written (log10, lib/checks/util/lm-edit.ts). */
const MARGIN = 1;
/**
 * What the restored item must gain in a list (log10): there the list's parallel items are the evidence, and the
 * model need only not speak clearly against it (it reads 答/内容 about as well as 答复/内容: −0.55). Without any
 * margin, the only candidate on the work reports 1954–2025, gov_pages and the notices is that real slip.
 */
const LIST_MARGIN = -1;
/** 、, which separates the items of a list. */
const LIST_MARK = 0x3001;
/** Occurrences of one frame read for evidence, at most (a hostile page repeating one phrase). */
const SCAN_MAX = 2000;

/** The frame that holds a word elsewhere on the page at least EVIDENCE_MIN times: its side, the word's second character and the count, or undefined. */
function pageEvidence(text: string, i: number): { side: 'left' | 'right'; next: string; count: number } | undefined {
  const c = text[i];
  const usable = (f: string) => f.length === 2 && isHan(f.charCodeAt(0)) && isHan(f.charCodeAt(1));
  const counts = new Map<string, number>();
  const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const differs = (x: string | undefined) => x !== undefined && x !== text[i + 1] && isHan(x.charCodeAt(0));
  // The same two characters before c, then a character other than the one written here (主要阐 + 述).
  const left = text.slice(i - 2, i + 1);
  if (usable(left.slice(0, 2))) {
    let read = 0;
    for (let j = text.indexOf(left); j !== -1 && read < SCAN_MAX; j = text.indexOf(left, j + 1), read++) {
      if (j !== i - 2 && differs(text[j + 3])) count(`left${text[j + 3]}`);
    }
  }
  // c, a character, then the same two characters as after c here (控 + 制 + 中心).
  const right = text.slice(i + 1, i + 3);
  if (usable(right)) {
    let read = 0;
    for (let j = text.indexOf(right); j !== -1 && read < SCAN_MAX; j = text.indexOf(right, j + 1), read++) {
      if (j >= 2 && j !== i + 1 && text[j - 2] === c && differs(text[j - 1])) count(`right${text[j - 1]}`);
    }
  }
  let best: { side: 'left' | 'right'; next: string; count: number } | undefined;
  for (const [key, n] of counts) {
    if (n < EVIDENCE_MIN || (best && n <= best.count)) continue;
    const side = key.startsWith('left') ? 'left' : 'right';
    best = { side, next: key.slice(side.length), count: n };
  }
  return best;
}

/**
 * The items of the text's 、 lists after the first (whose start a list does not show): [start, end) runs of Chinese
 * characters between 、 marks, in lists of three items or more.
 */
function laterListItems(text: string): Array<Array<[number, number]>> {
  const lists: Array<Array<[number, number]>> = [];
  let items: Array<[number, number]> = [];
  // From each 、 an item runs to the next 、 (the list goes on) or to the first other character that is no
  // Chinese one (the list ends there). The text between lists is skipped, not read.
  for (let mark = text.indexOf('、'); mark !== -1; ) {
    const start = mark + 1;
    let i = start;
    while (i < text.length && isHan(text.charCodeAt(i))) i++;
    if (i > start) items.push([start, i]);
    if (text.charCodeAt(i) === LIST_MARK) {
      mark = i;
      continue;
    }
    if (items.length >= 2) lists.push(items); // with the first item, three or more
    items = [];
    mark = text.indexOf('、', i);
  }
  return lists;
}

/** Items of a list beginning with a character whose pair with the next is no word, where other items begin with a word of it. */
function listSlips(model: LanguageModel, text: string, isWord: (w: string) => boolean): Array<{ at: number; word: string; count: number }> {
  const out: Array<{ at: number; word: string; count: number }> = [];
  for (const items of laterListItems(text)) {
    const heads = new Map<string, number>();
    for (const [s, e] of items) {
      const head = text.slice(s, s + 2);
      if (e - s >= 3) heads.set(head, (heads.get(head) ?? 0) + 1);
    }
    for (const [s, e] of items) {
      if (e - s < 2) continue;
      const pair = text.slice(s, s + 2);
      if (model.id(pair) !== UNK || isWord(pair)) continue;
      for (const [word, count] of heads) {
        if (count < EVIDENCE_MIN || word[0] !== pair[0] || model.id(word) === UNK) continue;
        if (editGain(model, text, s, s + 1, word) >= LIST_MARGIN) out.push({ at: s, word, count });
        break;
      }
    }
  }
  return out;
}

/** How often each UTF-16 code occurs in `text` (saturating at 65,535). */
function charCounts(text: string): Uint16Array {
  const counts = new Uint16Array(65536);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (counts[c] < 0xffff) counts[c]++;
  }
  return counts;
}

export default defineCheck({
  meta: {
    id: 'typo-page-word',
    category: 'typo',
    defaultSeverity: 'deduct',
    indicator: TYPO_INDICATOR,
    description: {
      'zh-CN':
        '以本页为参照查漏字：不能单独成词的字（阐、述……）在此处单独出现，而本页另有至少两处在同样的上下文（前两字或后两字相同）中写作以它开头的词（“主要阐述”五处，“主要阐经济”一处），且语言模型认为补上后更通顺时报告，建议补上的字；顿号列举中某一项开头的两个字不成词，而同一列举中另有至少两项以该字开头的词起头（“答复时间、答复单位、答内容”）时也报告。',
      en: 'Finds a character left out, by the page’s own usage: a character that does not stand alone as a word (阐, 述 …) written alone, where the page writes the same frame (the same two characters before, or after) at least twice more with a word that character begins (主要阐述 five times, 主要阐经济 once), and the language model finds the restored text more probable; also an item of a 、 list whose first two characters are no word where two other items of the list begin with a word of its first character (答复时间、答复单位、答内容).',
    },
    messages: {
      listWord: {
        'zh-CN': '疑漏字：“{{written}}”应为“{{right}}”（漏“{{missing}}”；同一列举中另有{{count}}项以“{{word}}”开头）',
        en: 'A character seems missing: "{{written}}" should be "{{right}}" ("{{missing}}" left out; {{count}} other items of the same list begin with "{{word}}")',
      },
      pageWord: {
        'zh-CN': '疑漏字：“{{written}}”应为“{{right}}”（漏“{{missing}}”；本页另有{{count}}处作“{{right}}”）',
        en: 'A character seems missing: "{{written}}" should be "{{right}}" ("{{missing}}" left out; the page writes "{{right}}" {{count}} more times)',
      },
    },
  },

  run(ctx: CheckContext) {
    const model = ctx.languageModel;
    if (!model) return;
    const text = ctx.model.text;
    const { single } = segmentationOf(model, text);
    let lockedWhole: ((start: number, end: number) => boolean) | undefined;
    if (text.includes('、')) {
      for (const slip of listSlips(model, text, (w) => ctx.segmenter?.isWord(w) ?? false)) {
        lockedWhole ??= wholeLockTest(model, text, ctx.model.footer);
        if (lockedWhole(slip.at, slip.at + 2)) continue;
        const written = text.slice(slip.at, slip.at + 2);
        const right = slip.word + written[1];
        ctx.report({
          messageId: 'listWord',
          data: { written, right, missing: slip.word[1], count: String(slip.count), word: slip.word },
          start: slip.at,
          end: slip.at + 2,
          suggestion: right,
        });
      }
    }
    let counts: Uint16Array | undefined;
    for (let i = 2; i + 1 < text.length; i++) {
      if (!single[i]) continue;
      if ((i & 0xff) === 0) ctx.checkBudget();
      const code = text.charCodeAt(i);
      // A Chinese character after it: at a line's end the word may go on after the break (政务新媒\n体名单).
      if (!isHan(code) || !isHan(text.charCodeAt(i + 1)) || text.charCodeAt(i - 1) === LIST_MARK) continue;
      const id = model.charId(code);
      if (id !== UNK && model.unigram(id) > BOUND) continue;
      // The character must occur again at least EVIDENCE_MIN times before any frame is searched.
      counts ??= charCounts(text);
      if (counts[code] <= EVIDENCE_MIN) continue;
      const found = pageEvidence(text, i);
      if (!found) continue;
      const word = text[i] + found.next;
      if (model.id(word) === UNK || editGain(model, text, i, i + 1, word) < MARGIN) continue;
      // The span: the frame the evidence shares and the character.
      const [start, end] = found.side === 'left' ? [i - 2, i + 1] : [i, i + 3];
      lockedWhole ??= wholeLockTest(model, text, ctx.model.footer);
      if (lockedWhole(start, end)) continue;
      const written = text.slice(start, end);
      const right = found.side === 'left' ? written + found.next : word + text.slice(i + 1, end);
      ctx.report({
        messageId: 'pageWord',
        data: { written, right, missing: found.next, count: String(found.count) },
        start,
        end,
        suggestion: right,
      });
    }
  },
});
