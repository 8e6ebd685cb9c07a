import numberForms from '../data/rules/number-forms.json';
import { defineCheck } from '../engine/define-check';
import type { RuleEntry, RuleList } from '../engine/rule-data';
import type { CheckContext, MessageTemplates } from '../engine/types';
import { toHalfWidth } from '../text-model/dates';
import { daysInMonth } from '../text-model/publish-date';
import { TYPO_INDICATOR } from './util/indicators';

/**
 * 数字 slips of GB/T 15835-2011《出版物上数字用法》 that need no reading of the sense:
 * - a letter (or the Chinese numeral 〇) typed for the digit it looks like inside an Arabic number: 2O19年 (O),
 *   25l亿元 (l), 2o2o, 2019年l月, 2〇19年. Lookalikes are data (lib/data/rules/number-forms.json). Reported only
 *   where the run is clearly a number: the lookalike sits between digits, or the run is followed by a unit or
 *   counter (年 月 日 元 个 % …) or preceded by 第; and never where the run touches a Latin letter, a slash, a
 *   colon or a dot outside it (product codes, licence plates, URLs, times, English words) or is an ICP/公安
 *   备案 number (the site-identification check reads those);
 * - one number written in both full-width and half-width digits: ２0２3年.
 * - a year written without 年 before its quarter or half (2022第一季度, 2023上半年): 漏字.
 * - a year in Chinese numerals with 零 for the zero of a number that names (二零二四年 → 二〇二四年), or with the
 *   digit 0 among them (二0二四年: GB/T 15835-2011 5.3, one number in one system).
 * - a date that does not exist (2024年2月30日, 13月1日, 4月31日); not after 农历/阴历 (lunar months have 30 days).
 * - a date whose weekday is wrong (2024年12月5日（星期三）: a Thursday), in its written year or, without one, the
 *   year that puts it nearest the page's publish date; nothing without either.
 * Findings are notices (提示). See docs/checks/typo-number.md.
 */

interface LookalikeEntry extends RuleEntry {
  kind: 'lookalike';
  char: string;
  digit: string;
  name: string;
}
interface RuleRefEntry extends RuleEntry {
  kind: 'rule';
  id: string;
  rule: string;
}
type Entry = LookalikeEntry | RuleRefEntry;

const list = numberForms as RuleList<Entry>;
const LOOKALIKE = new Map(list.entries.filter((e): e is LookalikeEntry => e.kind === 'lookalike').map((e) => [e.char, e]));
const RULES = new Map(list.entries.filter((e): e is RuleRefEntry => e.kind === 'rule').map((e) => [e.id, e.rule]));
const ruleOf = (id: string): string => {
  const r = RULES.get(id);
  if (!r) throw new Error(`number-forms.json has no rule "${id}"`);
  return r;
};

const INDICATOR: MessageTemplates = { 'zh-CN': `${TYPO_INDICATOR['zh-CN']}（数字）`, en: `${TYPO_INDICATOR.en} (numbers)` };

const isAsciiDigit = (c: string | undefined) => !!c && c >= '0' && c <= '9';
const isWideDigit = (c: string | undefined) => !!c && c >= '０' && c <= '９';
const isDigit = (c: string | undefined) => isAsciiDigit(c) || isWideDigit(c);
const isWide = (c: string) => c.charCodeAt(0) >= 0xff01 && c.charCodeAt(0) <= 0xff5e;
const toAscii = (c: string) => (isWideDigit(c) ? String.fromCharCode(c.charCodeAt(0) - 0xfee0) : c);
const toWide = (c: string) => (isAsciiDigit(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c);

const CLASS = `0-9０-９${[...LOOKALIKE.keys()].join('')}`;
/** A run of digits and lookalikes, with single decimal points or thousands separators inside it (1O.5, 1,O00). */
const TOKEN = new RegExp(`[${CLASS}]+(?:[.．,][${CLASS}]+)*`, 'g');
/**
 * Neighbours that make the run part of a longer token rather than a number: Latin letters (codes, plates,
 * English words), and the separators of URLs, paths, times and versions.
 */
const TOKEN_CHAR = /[A-Za-zＡ-Ｚａ-ｚ_\-/\\@#&=?:.．,'"]/;
/** Units and counters that follow a number in Chinese text: a run before one of them is a number. */
const UNIT = /[年月日时分秒号元角万亿千百个人名次位件项条户家所座台辆套吨斤亩米克升度倍岁天周届期批多余%％‰]/;
/** Chinese numerals: a run right after one belongs to a number written in both systems. */
const HAN_NUMERAL = /[一二三四五六七八九十〇零两百千]/;
/**
 * A year (1900–2099, not part of a longer number, code or date) right before a quarter or a half-year, with
 * no 年 between: 2022第一季度, 2022一季度, 2023上半年.
 */
const YEAR_WITHOUT_NIAN = /(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ_\-/.．:：])(?<![A-Za-z/][ \u3000])(?:19|20)[0-9]{2}(?=第?[一二三四1-4]季度|[上下]半年)/y;

/** The four characters before a 年 that make a year in Chinese numerals (零 or a digit 0 among them), and what may not precede them. */
const HAN_YEAR = /^[〇零一二三四五六七八九0０]{4}$/;
const HAN_YEAR_BEFORE = /[〇零一二三四五六七八九十0-9０-９]/;
/** A digit zero, half- or full-width. */
const DIGIT_ZERO = /[0０]/g;

/** A date in digits: an optional year, a month and a day (2024年2月30日, 4月31日). */
const DATE_AT =
  /(?<![0-9０-９.．])(?:([0-9０-９]{4})[ \u3000]*年[ \u3000]*)?([0-9０-９]{1,2})[ \u3000]*月[ \u3000]*([0-9０-９]{1,2})[ \u3000]*日(?:[ \u3000]*[（(]?[ \u3000]*(?:星期|周|礼拜)([一二三四五六日天])[ \u3000]*[）)]?)?/y;
const isSpace = (c: string | undefined) => c === ' ' || c === '\u3000';

/** The date whose 月 is at `j` (DATE_AT from its first digit: the year's when 年 and four digits precede the month), or null. */
function dateAt(text: string, j: number): RegExpExecArray | null {
  let k = j;
  while (isSpace(text[k - 1])) k--;
  const monthEnd = k;
  while (monthEnd - k < 2 && isDigit(text[k - 1])) k--;
  if (k === monthEnd) return null;
  let start = k;
  let y = k;
  while (isSpace(text[y - 1])) y--;
  if (text[y - 1] === '年') {
    y--;
    while (isSpace(text[y - 1])) y--;
    let d = y;
    while (y - d < 4 && isDigit(text[d - 1])) d--;
    if (y - d === 4) start = d;
  }
  DATE_AT.lastIndex = start;
  return DATE_AT.exec(text);
}

/** The weekday names after 星期/周, Sunday first (getUTCDay's order). */
const WEEKDAYS = '日一二三四五六';
/** A lunar date is counted otherwise (its months have 29 or 30 days). */
const LUNAR_BEFORE = /(?:农历|阴历|夏历)[^，。；\n]{0,6}$/;

/**
 * The year that puts month/day nearest a publish date (YYYY-MM-DD): that year, the one before or the one after
 * (a 12月 date on a January page is last year's); undefined without a publish date.
 */
function yearNear(month: number, day: number, published: string | undefined): number | undefined {
  if (!published) return undefined;
  const [py, pm, pd] = published.split('-').map(Number);
  const at = Date.UTC(py, pm - 1, pd);
  let best: number | undefined;
  for (const y of [py - 1, py, py + 1]) {
    if (best === undefined || Math.abs(Date.UTC(y, month - 1, day) - at) < Math.abs(Date.UTC(best, month - 1, day) - at)) best = y;
  }
  return best;
}

/** Identifiers the site-identification check reads (京ICP备…号, 京公网安备…号): copied, not typed as numbers. */
const IDENTIFIER_BEFORE = /(?:ICP备|ICP证|网安备)\s*$/i;

export default defineCheck({
  meta: {
    id: 'typo-number',
    category: 'typo',
    defaultSeverity: 'notice',
    indicator: INDICATOR,
    description: {
      'zh-CN':
        '按 GB/T 15835-2011《出版物上数字用法》查找数字中的笔误：阿拉伯数字中混入形似的字母或汉字数字（2O19年中的字母O、25l亿元中的字母l、2〇19年中的〇），只在明显是数字的地方报告（字母夹在数字之间，或后接年、月、日、元、个、%等单位，或前有“第”），不报产品型号、车牌、网址、英文单词和备案号；以及同一个数混用全角和半角数字（２0２3年），年份后缺“年”字（2022第一季度、2023上半年）。',
      en: 'Finds slips in numbers under GB/T 15835-2011: a letter or the Chinese numeral 〇 typed for the digit it resembles inside an Arabic number (2O19年, 25l亿元, 2〇19年), reported only where the run is clearly a number (the letter between digits, or a unit such as 年 月 日 元 个 % after it, or 第 before it), never in product codes, licence plates, URLs, English words or filing numbers; one number mixing full-width and half-width digits (２0２3年), and a year without 年 before its quarter or half (2022第一季度, 2023上半年).',
    },
    messages: {
      lookalike: {
        'zh-CN': '“{{written}}”中的{{name}}“{{char}}”应为数字“{{digit}}”（{{rule}}）',
        en: 'In "{{written}}" the {{name}} "{{char}}" stands for the digit "{{digit}}" ({{rule}})',
      },
      mixedWidth: {
        'zh-CN': '数字“{{written}}”混用了全角和半角数字，应为“{{right}}”（{{rule}}）',
        en: 'The number "{{written}}" mixes full-width and half-width digits; write "{{right}}" ({{rule}})',
      },
      noSuchMonth: {
        'zh-CN': '日期“{{written}}”不存在：没有{{month}}月',
        en: 'The date "{{written}}" does not exist: there is no month {{month}}',
      },
      weekdayMismatch: {
        'zh-CN': '日期“{{written}}”与星期不符：{{date}}是{{weekday}}',
        en: 'The date "{{written}}" does not match its weekday: {{date}} falls on {{weekday}}',
      },
      noSuchDay: {
        'zh-CN': '日期“{{written}}”不存在：这个月只有{{days}}天',
        en: 'The date "{{written}}" does not exist: that month has {{days}} days',
      },
      digitInHanYear: {
        'zh-CN': '年份“{{written}}”中混入了阿拉伯数字“0”，应为“{{right}}”（{{rule}}）',
        en: 'The year "{{written}}" mixes the digit 0 into Chinese numerals; write "{{right}}" ({{rule}})',
      },
      zeroInHanYear: {
        'zh-CN': '年份“{{written}}”中的“零”应为“〇”，应为“{{right}}”（{{rule}}）',
        en: 'In the year "{{written}}" write 〇 for the zero: "{{right}}" ({{rule}})',
      },
      yearWithoutNian: {
        'zh-CN': '年份“{{written}}”后缺“年”字，应为“{{right}}”（{{rule}}）',
        en: 'The year "{{written}}" lacks 年 before the quarter or half; write "{{right}}" ({{rule}})',
      },
    },
  },

  run(ctx: CheckContext) {
    const text = ctx.model.text;
    /** A year written in another form than its rule's: the written run, its suggestion, the rule's message. */
    const reportYear = (messageId: 'digitInHanYear' | 'zeroInHanYear' | 'yearWithoutNian', written: string, start: number, right: string) =>
      ctx.report({
        messageId,
        data: { written, right, rule: ruleOf(messageId === 'digitInHanYear' ? 'hanInNumber' : messageId) },
        start,
        end: start + written.length,
        suggestion: right,
      });
    // Chinese-numeral years: read at each 年 (a regex tried at every position costs a pass of its own).
    for (let j = text.indexOf('年'); j !== -1; j = text.indexOf('年', j + 1)) {
      if (j < 4 || !HAN_YEAR.test(text.slice(j - 4, j)) || HAN_YEAR_BEFORE.test(text[j - 5] ?? '')) continue;
      const written = text.slice(j - 4, j);
      const digits = (written.match(DIGIT_ZERO) ?? []).length;
      // Four digits are an Arabic year (2000年); a Chinese numeral among them makes a Chinese-numeral year.
      if (digits === 4) continue;
      const right = written.replace(DIGIT_ZERO, '〇').replaceAll('零', '〇');
      if (digits) reportYear('digitInHanYear', written, j - 4, right);
      else if (written.includes('零')) reportYear('zeroInHanYear', written, j - 4, right);
    }
    // Dates: read at each 月, from its year's or its month's first digit.
    for (let j = text.indexOf('月'); j !== -1; j = text.indexOf('月', j + 1)) {
      const m = dateAt(text, j);
      if (!m) continue;
      const [written, y, mo, d, w] = m;
      const year = y === undefined ? undefined : Number(toHalfWidth(y));
      const month = Number(toHalfWidth(mo));
      const day = Number(toHalfWidth(d));
      if (LUNAR_BEFORE.test(text.slice(Math.max(0, m.index! - 8), m.index!))) continue;
      const span = { start: m.index!, end: m.index! + written.length };
      if (month < 1 || month > 12) ctx.report({ messageId: 'noSuchMonth', data: { written, month: String(month) }, ...span });
      else if (day < 1 || day > daysInMonth(month, year))
        ctx.report({ messageId: 'noSuchDay', data: { written, days: String(daysInMonth(month, year)) }, ...span });
      else if (w) {
        // The weekday of the date, in its year: written, or the one that puts it nearest the page's publish date.
        const on = year ?? yearNear(month, day, ctx.model.publishDate?.date);
        if (on === undefined) continue;
        const actual = WEEKDAYS[new Date(Date.UTC(on, month - 1, day)).getUTCDay()];
        if (actual !== (w === '天' ? '日' : w)) {
          ctx.report({ messageId: 'weekdayMismatch', data: { written, date: `${on}年${month}月${day}日`, weekday: `星期${actual}` }, ...span });
        }
      }
    }
    // Years without 年: read at each 季度 and 半年, from the four characters before its ordinal (and 第).
    for (const word of ['季度', '半年']) {
      for (let j = text.indexOf(word); j !== -1; j = text.indexOf(word, j + 1)) {
        const end = j - 1 - (word === '季度' && text[j - 2] === '第' ? 1 : 0);
        if (end < 4) continue;
        YEAR_WITHOUT_NIAN.lastIndex = end - 4;
        const m = YEAR_WITHOUT_NIAN.exec(text);
        if (m) reportYear('yearWithoutNian', m[0], m.index, `${m[0]}年`);
      }
    }
    for (const m of text.matchAll(TOKEN)) {
      ctx.checkBudget();
      const written = m[0];
      const start = m.index!;
      const end = start + written.length;
      const before = text[start - 1] ?? '';
      const after = text[end] ?? '';
      if (TOKEN_CHAR.test(before) || TOKEN_CHAR.test(after)) continue;
      const chars = [...written];
      const lookalikes = chars.map((c, i) => ({ c, i })).filter(({ c }) => LOOKALIKE.has(c));

      if (!lookalikes.length) {
        if (chars.some(isAsciiDigit) && chars.some(isWideDigit)) {
          const right = chars.map(toAscii).join('');
          ctx.report({ messageId: 'mixedWidth', data: { written, right, rule: ruleOf('mixedWidth') }, start, end, suggestion: right });
        }
        continue;
      }
      if (IDENTIFIER_BEFORE.test(text.slice(Math.max(0, start - 8), start))) continue;
      // 二〇19年 mixes Chinese and Arabic numerals: the fix (二〇一九 or 2019) is the writer's choice, not a digit.
      if (HAN_NUMERAL.test(before)) continue;
      if (!isNumber(chars, lookalikes, before, after)) continue;

      // The digit replaces the lookalike in the width of the number around it (２Ｏ２３ → ２０２３).
      const wide = chars.some(isWideDigit) && !chars.some(isAsciiDigit);
      const right = chars
        .map((c) => {
          const e = LOOKALIKE.get(c);
          if (!e) return c;
          return wide || (isWide(c) && !chars.some(isAsciiDigit)) ? toWide(e.digit) : e.digit;
        })
        .join('');
      const first = LOOKALIKE.get(lookalikes[0].c)!;
      const rule = first.char === '〇' ? ruleOf('hanInNumber') : ruleOf('letterInNumber');
      ctx.report({ messageId: 'lookalike', data: { written, name: first.name, char: first.char, digit: first.digit, rule }, start, end, suggestion: right });
    }
  },
});

/**
 * Whether a run holding lookalikes is clearly a number: a lookalike between two digits (2O19, 1l0), or digits
 * followed by a unit (201O年, 25l亿元), or after 第 (第l0); a lone l/I between 年 and 月 or 月 and 日 is the
 * month or day 1 (2019年l月). Runs of lookalikes alone (IO, O2O's Os) are not numbers.
 */
function isNumber(chars: string[], lookalikes: Array<{ c: string; i: number }>, before: string, after: string): boolean {
  const digitAt = chars.map(isDigit);
  if (!digitAt.some(Boolean)) {
    const one = chars.length === 1 && LOOKALIKE.get(chars[0])!.digit === '1' && chars[0] !== '〇';
    return one && ((before === '年' && after === '月') || (before === '月' && after === '日'));
  }
  const between = lookalikes.some(({ i }) => digitAt.slice(0, i).some(Boolean) && digitAt.slice(i + 1).some(Boolean));
  return between || UNIT.test(after) || before === '第';
}
