import { isValidDate } from './publish-date';

/**
 * Dates as government sites print them next to list items and in article headers:
 *
 * - with a year: 2026-11-20, 2026/11/20, 2026.11.20 (one separator throughout), 2026年11月20日, with or
 *   without leading zeros;
 * - without a year, as home-page blocks and short lists print them: 11-20, [11-20], 11/20, 11月20日
 *   (the dash and slash forms need two digits each, so "1-2" in a title is no date).
 *
 * Full-width digits and separators (２０２６－１１－２０) read as ASCII. Impossible dates (2026-02-30, 13-01)
 * are no dates. A date glued to other digits (0871-12345678, 2003-2026) is no date.
 *
 * A year-less date is kept as `--MM-DD` (ISO 8601's month-day) until a reference date resolves it
 * (resolveDate): the text model is built without a clock; the checks pass ctx.today.
 */

/** A date found in a string: `date` is YYYY-MM-DD, or --MM-DD when the page left the year out. */
export interface FoundDate {
  date: string;
  /** UTF-16 offsets of the date text (brackets around it excluded). */
  start: number;
  end: number;
}

/** Years accepted in a full date (older pages exist; later ones are typos or counters). */
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/**
 * One pass, left to right; the full forms come first so 2026-11-20 never also yields 11-20.
 * Groups: y1 年 m1 月 d1 日 | y2 sep m2 sep d2 | m3 月 d3 日 | m4 sep d4.
 * The lookbehind keeps a date from starting inside a number (or a version 1.2.3), and 年 from making
 * 11月20日 of 2026年11月20日 a second match; the lookaheads keep it from ending inside one.
 */
const DATE_RE = new RegExp(
  [
    '(?<![0-9.\\-/])(?:',
    '(?<y1>\\d{4})\\s*年\\s*(?<m1>\\d{1,2})\\s*月\\s*(?<d1>\\d{1,2})\\s*日',
    '|(?<y2>\\d{4})(?<s2>[-/.])(?<m2>\\d{1,2})\\k<s2>(?<d2>\\d{1,2})(?![0-9]|[-/.]\\d)',
    '|(?<![年0-9])(?<m3>\\d{1,2})\\s*月\\s*(?<d3>\\d{1,2})\\s*日',
    '|(?<m4>\\d{2})(?<s4>[-/])(?<d4>\\d{2})(?![0-9]|[-/.:]\\d)',
    ')',
  ].join(''),
  'g',
);

const FULL_WIDTH = /[\uFF0D-\uFF19]/g;

/** Full-width digits and －．／ to ASCII; one UTF-16 unit each way, so offsets are unchanged. */
export function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Every date in `text`, in order, with its range. */
export function findDates(text: string): FoundDate[] {
  const src = toHalfWidth(text);
  const out: FoundDate[] = [];
  const re = DATE_RE; // synchronous use only: lastIndex is reset on every call
  re.lastIndex = 0;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const g = m.groups ?? {};
    const yText = g.y1 ?? g.y2;
    const month = Number(g.m1 ?? g.m2 ?? g.m3 ?? g.m4);
    const day = Number(g.d1 ?? g.d2 ?? g.d3 ?? g.d4);
    let date: string;
    if (yText !== undefined) {
      const year = Number(yText);
      if (year < MIN_YEAR || year > MAX_YEAR || !isValidDate(year, month, day)) continue;
      date = `${year}-${pad(month)}-${pad(day)}`;
    } else {
      // 2000 is a leap year: 02-29 passes here and resolves to the latest leap year.
      if (!isValidDate(2000, month, day)) continue;
      date = `--${pad(month)}-${pad(day)}`;
    }
    out.push({ date, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * The date a whole string holds (a cell such as "2026-11-20", "[11-20]", "（2026年11月20日）"), or
 * undefined when it holds anything else. With a reference date, a year-less date is resolved.
 */
export function parseDate(text: string, reference?: string): string | undefined {
  const trimmed = text
    .trim()
    .replace(/^[[【（(〔]\s*/, '')
    .replace(/\s*[\]】）)〕]$/, '');
  const found = findDates(trimmed);
  if (found.length !== 1 || found[0].start !== 0 || found[0].end !== trimmed.length) return undefined;
  return reference ? resolveDate(found[0].date, reference) : found[0].date;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date (UTC, so no time zone or DST shifts). */
function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

/** Whole days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** `date` (YYYY-MM-DD) plus `days`. */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * YYYY-MM-DD of a found date. A year-less --MM-DD becomes the latest such date not after the day after
 * `reference` (one day of slack for a page in a time zone ahead of the reviewer's), so [12-30] read on
 * 2027-01-05 is 2026-12-30, [01-06] is 2027-01-06, and 02-29 is the latest leap year's.
 */
export function resolveDate(date: string, reference: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const md = /^--(\d{2})-(\d{2})$/.exec(date);
  if (!md) return undefined;
  const month = Number(md[1]);
  const day = Number(md[2]);
  const limit = addDays(reference, 1);
  const refYear = Number(reference.slice(0, 4));
  for (let year = refYear + 1; year >= refYear - 8; year--) {
    if (!isValidDate(year, month, day)) continue;
    const iso = `${year}-${md[1]}-${md[2]}`;
    if (iso <= limit) return iso;
  }
  return undefined;
}

/** Words that introduce today's date in a header widget (今天是2026年11月22日 星期日). */
const TODAY_WIDGET = /(?:今天是|今天|今日|当前日期|当前时间|现在是|现在时间)\s*[:：]?\s*(?:公元)?\s*$/;

/**
 * Whether the date starting at `start` is a today's-date widget (今天是2026年11月22日): it shows the
 * visit's date, not the date of any content.
 */
export function isTodayWidget(text: string, start: number): boolean {
  return TODAY_WIDGET.test(text.slice(Math.max(0, start - 12), start));
}
