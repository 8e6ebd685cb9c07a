import { escapeRegExp } from '../text/escape-regexp';
import guideData from '../data/rules/service-guide.json';
import { defineCheck } from '../engine/define-check';
import type { RuleEntry, RuleList } from '../engine/rule-data';
import type { CheckContext, TextModel } from '../engine/types';

/**
 * 办事指南 (国办秘函〔2019〕19号: each missing key element −0.5, each wrong 联系电话 or other error −1; ≥ 5 guides
 * each missing ≥ 4 of the 10 elements is the veto 服务不实用, counted per site in lib/export/scoring.ts).
 *
 * A page is a guide when a heading line or its <title> says 办事指南/服务指南 and it has at least
 * `MIN_LABELS_TITLED` element labels, or when it has `MIN_LABELS_UNTITLED` element labels whatever its title.
 * Labels (lib/data/rules/service-guide.json: the 10 elements and their synonyms) are read from the page's text
 * lines before the footer, in the three ways templates print them:
 * - a line that is the label alone (a th/td or dt label cell, an h3 heading, with 一、/（一）/1./【】 numbering
 *   and a trailing colon allowed): its value is what follows up to the next label line;
 * - a “标签：值” line: its value is the rest of the line (or, when that is empty, the lines up to the next label).
 * An element is present when one of its labels has a non-empty value (not only punctuation, not a placeholder
 * such as 暂无). A heading “××办事指南” gives the 事项名称 (××). Each missing element → one page-level finding
 * (`kind` its id: name, basis, conditions, materials, place, agency, fee, hours, phone, process); a label with an
 * empty value → one page-level finding of that kind; a 联系电话 value with a number that is not a valid
 * Chinese phone number → “联系电话格式错误” on that number (`kind` phone-format). See docs/checks/service-guide.md.
 */

type ElementId = 'name' | 'basis' | 'conditions' | 'materials' | 'place' | 'agency' | 'fee' | 'hours' | 'phone' | 'process';

interface GuideEntry extends RuleEntry {
  type: 'element' | 'empty';
  id?: ElementId;
  label?: string;
  synonyms?: string[];
  text?: string;
}

const DATA = guideData as unknown as RuleList<GuideEntry>;

/** The 10 elements, in the indicator's order, with their labels. */
export const GUIDE_ELEMENTS: ReadonlyArray<{ id: ElementId; label: string; synonyms: readonly string[] }> = DATA.entries
  .filter((e) => e.type === 'element' && e.id && e.label)
  .map((e) => ({ id: e.id as ElementId, label: e.label as string, synonyms: e.synonyms ?? [] }));

/** Placeholders that leave a value empty (暂无, 待补充 …). */
const EMPTY_VALUES = new Set(DATA.entries.filter((e) => e.type === 'empty' && e.text).map((e) => e.text as string));

/** Every synonym → its element, longest first so that 收费依据及标准 wins over 收费依据. */
const SYNONYMS: Array<[string, ElementId]> = GUIDE_ELEMENTS.flatMap((e) => e.synonyms.map((s) => [s, e.id] as [string, ElementId])).sort(
  (a, b) => b[0].length - a[0].length,
);
const SYNONYM_OF = new Map(SYNONYMS);
/** Numbering before a label: 一、 （一） (1) 1. 1、 第一条 ★ ● and the like. */
const NUMBERING = String.raw`(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．)）]|第[一二三四五六七八九十\d]{1,3}[条项、]?|[★●◆■□·•\-])?\s*`;
const LABEL_WORDS = SYNONYMS.map(([s]) => escapeRegExp(s)).join('|');
/** The label alone on its line (a cell, a dt, a heading), brackets and a trailing colon allowed. */
const LABEL_LINE = new RegExp(`^${NUMBERING}[【\\[]?(${LABEL_WORDS})[】\\]]?\\s*[:：]?$`);
/** A “标签：值” line. */
const LABEL_VALUE = new RegExp(`^${NUMBERING}[【\\[]?(${LABEL_WORDS})[】\\]]?\\s*[:：]\\s*(.*)$`);
/** A heading or title naming the page a guide. */
const GUIDE_WORD = /办事指南|服务指南/;
/** A heading line is short; a longer one is prose that mentions a guide. */
const HEADING_MAX = 40;
/** Labels needed besides a 办事指南 heading or title, and without one. */
const MIN_LABELS_TITLED = 2;
const MIN_LABELS_UNTITLED = 4;

interface Line {
  text: string;
  start: number;
}

interface Label {
  element: ElementId;
  /** The label as printed (联系电话, 咨询方式 …). */
  word: string;
  /** Line index of the label. */
  line: number;
  /** Range of the value in model.text (start === end when empty). */
  valueStart: number;
  valueEnd: number;
}

/** The lines of text in [from, to), trimmed, with their offsets. */
function linesOf(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let pos = from;
  while (pos < to) {
    let end = text.indexOf('\n', pos);
    if (end < 0 || end > to) end = to;
    const raw = text.slice(pos, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) lines.push({ text: trimmed, start: pos + lead });
    pos = end + 1;
  }
  return lines;
}

/** Whether a value says nothing: only whitespace and punctuation, or a placeholder such as 暂无. */
export function isEmptyValue(value: string): boolean {
  const bare = value.replace(/[\s\p{P}\p{S}]/gu, '');
  return bare === '' || EMPTY_VALUES.has(bare);
}

/** The labels of the page, in document order. */
function findLabels(lines: Line[], zoneEnd: number): Label[] {
  const heads: Array<{ element: ElementId; word: string; line: number; inline?: { start: number; end: number } }> = [];
  lines.forEach((line, i) => {
    const alone = LABEL_LINE.exec(line.text);
    if (alone) {
      heads.push({ element: SYNONYM_OF.get(alone[1]) as ElementId, word: alone[1], line: i });
      return;
    }
    const inline = LABEL_VALUE.exec(line.text);
    if (inline) {
      const value = inline[2];
      const start = line.start + line.text.length - value.length;
      heads.push({
        element: SYNONYM_OF.get(inline[1]) as ElementId,
        word: inline[1],
        line: i,
        inline: value.trim() ? { start, end: line.start + line.text.length } : undefined,
      });
    }
  });
  return heads.map((h, k) => {
    if (h.inline) return { element: h.element, word: h.word, line: h.line, valueStart: h.inline.start, valueEnd: h.inline.end };
    const next = heads[k + 1];
    const valueStart = h.line + 1 < lines.length ? lines[h.line + 1].start : zoneEnd;
    const valueEnd = next ? lines[next.line].start : zoneEnd;
    return { element: h.element, word: h.word, line: h.line, valueStart: Math.min(valueStart, valueEnd), valueEnd };
  });
}

/** Whether [start, end) is inside the text of a link (a menu entry or a breadcrumb's 办事指南, not a heading). */
function inLink(model: TextModel, start: number, end: number): boolean {
  return model.links.some((l) => l.start !== undefined && l.end !== undefined && l.start <= start && l.end >= end);
}

/** A heading line naming the page a guide, and the 事项名称 it gives (××办事指南 → ××). */
function guideHeading(model: TextModel, lines: Line[]): { found: boolean; name?: string } {
  let found = false;
  for (const line of lines) {
    const m = GUIDE_WORD.exec(line.text);
    if (!m || line.text.length > HEADING_MAX || inLink(model, line.start + m.index, line.start + m.index + m[0].length)) continue;
    if (/[。；;]/.test(line.text)) continue;
    found = true;
    const name = line.text
      .split(GUIDE_WORD)[0]
      .replace(/[\s“”"《》（(）)·:：_-]+$/g, '')
      .replace(/^[\s“”"《]+/, '');
    if (name.length >= 2 && !/当前位置|位置|首页|>/.test(name)) return { found, name };
  }
  return { found: found || GUIDE_WORD.test(model.title) };
}

/** Normalises full-width digits and dashes. */
const halfWidth = (s: string) =>
  s
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[－—–‐]/g, '-')
    .replace(/（/g, '(')
    .replace(/）/g, ')');

/** A phone number as printed: digits, dashes, brackets, inner spaces. */
const NUMBER_RUN = /[(（]?[0-9０-９][0-9０-９\-－—–‐()（） ]*[0-9０-９]/g;
const LANDLINE = /^\(?0\d{2,3}\)?[- ]?\d{7,8}(?:-\d{1,5})?$/;
const LOCAL = /^\d{7,8}(?:-\d{1,5})?$/;
const MOBILE = /^1[3-9]\d[- ]?\d{4}[- ]?\d{4}$/;
/** Government hotlines (12345 and the 123xx lines: 12315, 12333, 12366 …) and 400/800 service numbers. */
const SERVICE = /^(?:123\d{2}|[48]00[- ]?\d{3}[- ]?\d{4})$/;

/**
 * The numbers of a 联系电话 value that are not valid Chinese phone numbers (ranges in `value`): a landline needs
 * its area code (0xx(x)-xxxxxxx(x)), except after one that had it (0883-2122222、2133333); a mobile is 1[3-9] and
 * 11 digits; 12345, 123xx, 400 and 800 numbers are service numbers. Runs of fewer than 5 digits (a room, a
 * postcode part) are not numbers. A value with no number at all is wrong as a whole when a number is required
 * (a label naming 电话; 联系方式 may give a window or an address instead).
 */
export function badPhoneNumbers(value: string, numberRequired = true): Array<{ start: number; end: number }> {
  const bad: Array<{ start: number; end: number }> = [];
  let sawAreaCode = false;
  let any = false;
  for (const m of value.matchAll(NUMBER_RUN)) {
    const raw = halfWidth(m[0]).trim();
    const digits = raw.replace(/\D/g, '');
    if (digits.length < 5 || /^(?:19|20)\d{2}$/.test(digits)) continue;
    // Working hours (8:30-12:00) and dates are not numbers.
    const after = value.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 1);
    if (/^[:：年月日时点]$/.test(after)) continue;
    any = true;
    if (LANDLINE.test(raw)) sawAreaCode = true;
    else if (!MOBILE.test(raw) && !SERVICE.test(raw) && !(sawAreaCode && LOCAL.test(raw))) bad.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  if (!any && numberRequired && !isEmptyValue(value)) return [{ start: 0, end: value.length }];
  return bad;
}

const LABEL_OF = new Map(GUIDE_ELEMENTS.map((e) => [e.id, e.label]));

export default defineCheck({
  meta: {
    id: 'service-guide',
    category: 'service',
    defaultSeverity: 'deduct',
    websiteOnly: true,
    topFrameOnly: false,
    indicator: { 'zh-CN': '办事指南', en: 'Service guides (办事指南)' },
    description: {
      'zh-CN':
        '检查办事指南页面是否具备事项名称、设定依据、申请条件、办理材料、办理地点、办理机构、收费标准、办理时间、联系电话、办理流程等 10 个要素（含常见同义标签）且内容不为空：每缺少一个要素扣0.5分；联系电话格式错误每处扣1分；5 个及以上办事指南各缺少 4 个及以上要素为“服务不实用”（单项否决）。',
      en: 'Checks that a service guide (办事指南) has each of the 10 key elements (item name, legal basis, conditions, materials, place, agency, fees, hours, phone, procedure; common synonyms accepted) with content: −0.5 per missing element, −1 per malformed phone number; 5 or more guides each missing 4 or more elements veto the site (服务不实用).',
    },
    messages: {
      missing: { 'zh-CN': '办事指南缺少要素：{{element}}', en: 'The service guide lacks the key element {{element}}' },
      empty: { 'zh-CN': '办事指南要素内容为空：{{element}}', en: 'The service guide’s element {{element}} is empty' },
      phoneFormat: { 'zh-CN': '联系电话格式错误', en: 'Malformed contact phone number (联系电话)' },
    },
  },

  run(ctx: CheckContext) {
    const { model } = ctx;
    // A text file has no headings or label cells: a plain-text report that quotes 申请条件 is no guide.
    if (model.source !== 'html') return;
    const text = model.text;
    const zoneEnd = model.footer ? model.footer.start : text.length;
    const lines = linesOf(text, 0, zoneEnd);
    const labels = findLabels(lines, zoneEnd);
    const distinct = new Set(labels.map((l) => l.element));
    const heading = guideHeading(model, lines);
    if (distinct.size < (heading.found ? MIN_LABELS_TITLED : MIN_LABELS_UNTITLED)) return;

    const present = new Set<ElementId>();
    const empty = new Set<ElementId>();
    if (heading.name) present.add('name');
    for (const l of labels) {
      if (isEmptyValue(text.slice(l.valueStart, l.valueEnd))) empty.add(l.element);
      else present.add(l.element);
    }
    for (const { id } of GUIDE_ELEMENTS) {
      if (present.has(id)) continue;
      const element = LABEL_OF.get(id) ?? id;
      ctx.report({
        messageId: empty.has(id) ? 'empty' : 'missing',
        data: { element },
        kind: id,
        text: '',
        suggestion: `在办事指南中补充“${element}”并填写具体内容`,
      });
    }
    // 联系电话: every number of every non-empty phone value must be a valid phone number.
    for (const l of labels) {
      if (l.element !== 'phone') continue;
      const value = text.slice(l.valueStart, l.valueEnd);
      if (isEmptyValue(value)) continue;
      for (const b of badPhoneNumbers(value, l.word.includes('电话'))) {
        const start = l.valueStart + b.start;
        const raw = text.slice(start, l.valueStart + b.end);
        const lead = raw.length - raw.trimStart().length;
        const flagged = raw.trim();
        ctx.report({
          messageId: 'phoneFormat',
          kind: 'phone-format',
          start: start + lead,
          end: start + lead + flagged.length,
          suggestion: '写明带区号的固定电话（如 0883-1234567）、手机号码或 12345 等服务热线',
        });
      }
    }
  },
});
