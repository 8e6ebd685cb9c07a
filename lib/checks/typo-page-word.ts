import { defineCheck } from '../engine/define-check';
import type { CheckContext } from '../engine/types';
import { UNK } from '../lm/model';
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
 */

/** log10 probability of the character as a word of its own, at most: 阐 −5.9; 渔 −5.6; 扩, 促, 农, 贫 −5.1 to −5.4. */
const BOUND = -5.5;
/** Occurrences of the full word in the same frame elsewhere on the page, at least. */
const EVIDENCE_MIN = 2;
/** What the restored text must gain over the text as written (log10, lib/checks/util/lm-edit.ts). */
const MARGIN = 1;
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
        '以本页为参照查漏字：不能单独成词的字（阐、述……）在此处单独出现，而本页另有至少两处在同样的上下文（前两字或后两字相同）中写作以它开头的词（“主要阐述”五处，“主要阐经济”一处），且语言模型认为补上后更通顺时报告，建议补上的字。',
      en: 'Finds a character left out, by the page’s own usage: a character that does not stand alone as a word (阐, 述 …) written alone, where the page writes the same frame (the same two characters before, or after) at least twice more with a word that character begins (主要阐述 five times, 主要阐经济 once), and the language model finds the restored text more probable.',
    },
    messages: {
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
