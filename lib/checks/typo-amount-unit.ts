import { defineCheck } from '../engine/define-check';
import type { CheckContext, MessageTemplates } from '../engine/types';
import { toHalfWidth } from '../text-model/dates';
import { TYPO_INDICATOR } from './util/indicators';

/**
 * A money amount whose unit the text's own arithmetic contradicts: a total and its breakdown after 其中 (其中：
 * A、B …) whose figures add up exactly, while their units differ (收入88435元，其中：税收收入39029元，非税收入
 * 49406万元: 39029 + 49406 = 88435, so all three are 万元). A sum that holds in the figures but not in the
 * amounts is a unit dropped or added: the budget reports (预决算) that every site publishes are written in
 * 万元 throughout, and one 元 among them is a figure ten thousand times too small.
 *
 * The unit that stands is the one most amounts of the paragraph carry; the amounts of the sum with another
 * unit are reported, their figure with that unit as the suggestion. Nothing is reported where the figures do
 * not add up (a breakdown that leaves items out, or amounts that really are in different units: 1.5亿元，其中
 * 5000万元 …), where the units agree, or where the paragraph has no majority among the units of the sum.
 * See docs/checks/typo-amount-unit.md.
 */

const INDICATOR: MessageTemplates = { 'zh-CN': `${TYPO_INDICATOR['zh-CN']}（数字）`, en: `${TYPO_INDICATOR.en} (numbers)` };

/** A money amount of the text: its figure in hundredths (exact for two decimals), its unit, its span. */
interface Amount {
  start: number;
  end: number;
  /** The figure as written (digits, separators and point, half-width). */
  figure: string;
  cents: number;
  unit: string;
}

/**
 * A figure and a money unit: a run of digits (thousands separators and a decimal point inside it) that no
 * digit, letter, point or separator touches before, then 元, 千元, 万元 or 亿元.
 */
const AMOUNT = /(?<![0-9A-Za-z.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s?(亿元|万元|千元|元)/g;
/** What ends the sentence a total belongs to: its breakdown must follow before one of these. */
const SENTENCE_END = /[。；！？]/;
/** Where a breakdown ends: the sentence, or another 其中 (a breakdown of one of its items). */
const BREAKDOWN_END = /。|其中/;
/** The most items of a breakdown tried. */
const MAX_PARTS = 12;
/** How far from 其中 its total and its items are looked for (characters). */
const MAX_REACH = 600;

/** The amounts of text[from, to). */
function amountsIn(text: string, from: number, to: number): Amount[] {
  const out: Amount[] = [];
  const part = toHalfWidth(text.slice(from, to));
  for (const m of part.matchAll(AMOUNT)) {
    const figure = m[1] + (m[2] ?? '');
    out.push({ start: from + m.index, end: from + m.index + m[0].length, figure, cents: Math.round(Number(figure.replace(/,/g, '')) * 100), unit: m[3] });
  }
  return out;
}

/** One sum that holds in the figures but not in the units: the total, its items, the unit that stands. */
export interface UnitSlip {
  /** The amounts whose unit differs from `unit`. */
  wrong: Amount[];
  total: Amount;
  parts: Amount[];
  unit: string;
}

/** The sums of `text` (total before 其中, items after it) that hold in the figures with units that differ. */
export function unitSlips(text: string): UnitSlip[] {
  const out: UnitSlip[] = [];
  // Only the paragraphs that hold a 其中, each once.
  for (let q = text.indexOf('其中'); q !== -1; ) {
    const a = text.lastIndexOf('\n', q) + 1;
    let b = text.indexOf('\n', q);
    if (b < 0) b = text.length;
    out.push(...inParagraph(text, a, b));
    q = text.indexOf('其中', b);
  }
  return out;
}

function inParagraph(text: string, a: number, b: number): UnitSlip[] {
  const amounts = amountsIn(text, a, b);
  if (amounts.length < 3) return [];
  const units = new Map<string, number>();
  for (const x of amounts) units.set(x.unit, (units.get(x.unit) ?? 0) + 1);
  const out: UnitSlip[] = [];
  // Amounts are in text order: `next` is the first one after the current 其中 (one pass over a paragraph,
  // however many 其中 and amounts it holds).
  let next = 0;
  for (let q = text.indexOf('其中', a); q !== -1 && q < b; q = text.indexOf('其中', q + 2)) {
    while (next < amounts.length && amounts[next].start < q + 2) next++;
    // The total: the last amount before 其中 in the same sentence.
    const t = next - 1;
    if (t < 0 || amounts[t].end > q || q - amounts[t].end > MAX_REACH || SENTENCE_END.test(text.slice(amounts[t].end, q))) continue;
    const total = amounts[t];
    // The items: the amounts after 其中, up to the end of its sentence or the next 其中 (at most MAX_PARTS).
    const to = Math.min(b, q + 2 + MAX_REACH);
    const stop = text.slice(q + 2, to).search(BREAKDOWN_END);
    const end = stop < 0 ? to : q + 2 + stop;
    const items: Amount[] = [];
    for (let i = next; i < amounts.length && items.length < MAX_PARTS && amounts[i].end <= end; i++) items.push(amounts[i]);
    let sum = 0;
    for (let k = 0; k < items.length; k++) {
      sum += items[k].cents;
      if (k < 1 || sum !== total.cents) continue;
      const parts = items.slice(0, k + 1);
      const inSum = [total, ...parts];
      const used = new Set(inSum.map((x) => x.unit));
      if (used.size > 1) {
        // The unit that stands: the one most amounts of the paragraph carry, among those of the sum.
        const ranked = [...used].sort((x, y) => units.get(y)! - units.get(x)!);
        if (units.get(ranked[0])! > units.get(ranked[1])!) out.push({ wrong: inSum.filter((x) => x.unit !== ranked[0]), total, parts, unit: ranked[0] });
      }
      break;
    }
  }
  return out;
}

export default defineCheck({
  meta: {
    id: 'typo-amount-unit',
    category: 'typo',
    defaultSeverity: 'deduct',
    indicator: INDICATOR,
    description: {
      'zh-CN':
        '查金额单位错误：总数与“其中”所列各项的数字恰好相加相等，单位却不一致（收入88435元，其中：税收收入39029元，非税收入49406万元），说明漏写或多写了“万”“亿”等单位。以本段多数金额的单位为准，报告单位不同的金额。数字相加不等、单位一致或本段没有占多数的单位时不报。',
      en: 'Finds money amounts with a wrong unit: a total and the items listed after 其中 whose figures add up exactly while their units differ (88435元, of which 39029元 and 49406万元), a 万 or 亿 dropped or added. The unit most amounts of the paragraph carry stands; the amounts with another unit are reported. Nothing is reported where the figures do not add up, the units agree, or the paragraph has no majority unit.',
    },
    messages: {
      unit: {
        'zh-CN': '“{{written}}”单位疑误，应为“{{right}}”：其中各项与总数的数字相加相等（{{sum}}），单位应同为“{{unit}}”',
        en: '"{{written}}" has a doubtful unit, should be "{{right}}": the items and the total add up in figures ({{sum}}), so their unit should be {{unit}} throughout',
      },
    },
  },

  run(ctx: CheckContext) {
    const text = ctx.model.text;
    for (const slip of unitSlips(text)) {
      const sum = `${slip.parts.map((p) => p.figure).join(' + ')} = ${slip.total.figure}`;
      for (const x of slip.wrong) {
        const written = text.slice(x.start, x.end);
        const right = written.slice(0, written.length - x.unit.length) + slip.unit;
        ctx.report({ messageId: 'unit', data: { written, right, sum, unit: slip.unit }, start: x.start, end: x.end, suggestion: right });
      }
    }
  },
});
