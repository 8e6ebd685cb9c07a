import { addDays, findDates, resolveDate, toHalfWidth } from '../text-model/dates';
import { isValidDate } from '../text-model/publish-date';
import { SMALL_NUMERALS } from '../text/small-numerals';

/**
 * Post times as the 政务新媒体 platforms print them, and their resolution against the review date.
 *
 * - Absolute: 2026-11-18 10:30, 2026/11/18, 2026年11月18日, 11-18, 11月18日 (lib/text-model/dates.ts reads these),
 *   and 微博's two-digit year (25-11-18 10:30); a time right after the date belongs to it.
 * - Relative: 刚刚, 30秒前, 5分钟前, 半小时前, 3小时前, 今天 10:30, 昨天 12:30, 前天 08:00, 3天前, 2周前,
 *   1个月前 (个 optional), 1年前; digits or one Chinese numeral (三天前). 今天 / 昨天 / 前天 count as a date only
 *   with a time after them or as the whole label (a title saying 今天 is no date); the callers read labels,
 *   short text nodes, never titles.
 *
 * Resolution needs a reference, injected (the review date, and the time when the host knows it): no clock is
 * read. A date without a year is the latest such day not after the reference (a year-less date in the future
 * means last year). Without a reference time, minutes and hours count back from the end of the reference day:
 * the latest date the words allow, so an unknown time never makes a post look older than it is. Weeks,
 * months (30 days) and years (365 days) are what the platforms round down to: the result is the newest date
 * the words allow, flagged `approximate`.
 */

/** The review date the page is read against (YYYY-MM-DD) and, when the host knows it, the time (HH:MM, Beijing). */
export interface DateReference {
  date: string;
  time?: string;
}

/** Units of a relative time (N…前). */
export type AgoUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** A post time as printed: a calendar date (YYYY-MM-DD, or --MM-DD without a year) or an amount of time ago. */
export type PostDateValue = { kind: 'date'; date: string; time?: string } | { kind: 'ago'; amount: number; unit: AgoUnit; time?: string };

/** A post time found in a string, with its range (UTF-16 offsets into that string). */
export interface PostDateMatch {
  text: string;
  start: number;
  end: number;
  value: PostDateValue;
}

/** A resolved post time: the day, and whether it is an estimate. */
export interface ResolvedPostDate {
  date: string;
  approximate: boolean;
}

const NUMERALS: Record<string, number> = { ...Object.fromEntries(SMALL_NUMERALS), 半: 0.5 };
const UNITS: Record<string, AgoUnit> = {
  秒: 'second',
  秒钟: 'second',
  分钟: 'minute',
  小时: 'hour',
  个小时: 'hour',
  钟头: 'hour',
  个钟头: 'hour',
  天: 'day',
  周: 'week',
  星期: 'week',
  个星期: 'week',
  月: 'month',
  个月: 'month',
  年: 'year',
};
const UNIT_DAYS: Partial<Record<AgoUnit, number>> = { day: 1, week: 7, month: 30, year: 365 };
const UNIT_MINUTES: Partial<Record<AgoUnit, number>> = { second: 1 / 60, minute: 1, hour: 60 };

/** N…前 (刚刚 apart): the amount is digits or one numeral; 3月前 is months ago, 3月18日前 is no match (日 follows 月). */
const AGO_RE = /(?<![\d.])(\d{1,3}|[一二两三四五六七八九十半])\s*(秒钟?|分钟|个?小时|个?钟头|天|周|个?星期|个?月|年)\s*(?:以)?前/g;
/** 刚刚, and 今天/昨天/前天 with a time. */
const WORD_RE = /刚刚|(今天|昨天|前天)\s*(\d{1,2})[:：](\d{2})(?!\d)/g;
/** 今天/昨天/前天 as a whole label (发布于 昨天). */
const DAY_WORD_LABEL = /^(?:发布于|发表于|编辑于|更新于|发布时间[:：]?)?\s*(今天|昨天|前天)\s*$/;
const DAY_WORD_DAYS: Record<string, number> = { 今天: 0, 昨天: 1, 前天: 2 };
/** 微博's two-digit year for past years (25-11-18). */
const SHORT_YEAR_RE = /(?<![\d.\-/])(\d{2})-(\d{1,2})-(\d{1,2})(?![\d]|[-/.]\d)/g;
/** A time right after a date: 10:30, 10:30:15. */
const TIME_AFTER = /^\s*(\d{1,2})[:：](\d{2})(?:[:：]\d{2})?(?!\d)/;

const pad = (n: number) => String(n).padStart(2, '0');

function timeOf(h: string, m: string): string | undefined {
  const hour = Number(h);
  const minute = Number(m);
  return hour < 24 && minute < 60 ? `${pad(hour)}:${pad(minute)}` : undefined;
}

/** Every post time in `text`, in order, overlaps resolved in favour of the earlier (then longer) match. */
export function findPostDates(text: string): PostDateMatch[] {
  const src = toHalfWidth(text);
  const found: PostDateMatch[] = [];
  const withTime = (start: number, end: number, value: PostDateValue & { kind: 'date' }) => {
    const t = TIME_AFTER.exec(src.slice(end));
    const time = t ? timeOf(t[1], t[2]) : undefined;
    if (t && time) {
      value.time = time;
      end += t[0].length;
    }
    found.push({ text: text.slice(start, end), start, end, value });
  };
  for (const d of findDates(src)) withTime(d.start, d.end, { kind: 'date', date: d.date });
  SHORT_YEAR_RE.lastIndex = 0;
  for (let m = SHORT_YEAR_RE.exec(src); m; m = SHORT_YEAR_RE.exec(src)) {
    const year = 2000 + Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (!isValidDate(year, month, day)) continue;
    withTime(m.index, m.index + m[0].length, { kind: 'date', date: `${year}-${pad(month)}-${pad(day)}` });
  }
  AGO_RE.lastIndex = 0;
  for (let m = AGO_RE.exec(src); m; m = AGO_RE.exec(src)) {
    const amount = /\d/.test(m[1]) ? Number(m[1]) : NUMERALS[m[1]];
    const unit = UNITS[m[2].replace(/\s+/g, '')];
    if (unit === undefined || amount === undefined || (amount === 0.5 && unit !== 'hour' && unit !== 'month' && unit !== 'year')) continue;
    found.push({ text: text.slice(m.index, m.index + m[0].length), start: m.index, end: m.index + m[0].length, value: { kind: 'ago', amount, unit } });
  }
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(src); m; m = WORD_RE.exec(src)) {
    const end = m.index + m[0].length;
    if (m[0] === '刚刚') {
      found.push({ text: m[0], start: m.index, end, value: { kind: 'ago', amount: 0, unit: 'second' } });
      continue;
    }
    const time = timeOf(m[2], m[3]);
    if (!time) continue;
    found.push({ text: text.slice(m.index, end), start: m.index, end, value: { kind: 'ago', amount: DAY_WORD_DAYS[m[1]], unit: 'day', time } });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PostDateMatch[] = [];
  for (const f of found) if (!out.length || f.start >= out[out.length - 1].end) out.push(f);
  return out;
}

/** The first post time in `text` (a label such as 发布于 2026-11-18 or 3天前), or undefined. */
export function findPostDate(text: string): PostDateMatch | undefined {
  const first = findPostDates(text)[0];
  if (first) return first;
  const word = DAY_WORD_LABEL.exec(text.trim());
  if (!word) return undefined;
  const start = text.indexOf(word[1]);
  return { text: word[1], start, end: start + word[1].length, value: { kind: 'ago', amount: DAY_WORD_DAYS[word[1]], unit: 'day' } };
}

/** The post time a label holds, or undefined. */
export function parsePostDate(text: string): PostDateValue | undefined {
  return findPostDate(text)?.value;
}

/** Whether the value needs no reference to resolve: a full date with its year. */
export function isFullDate(value: PostDateValue): boolean {
  return value.kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value.date);
}

/** Minutes since midnight of HH:MM. */
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
/** Reference time when the host gave none: the end of the reference day (the latest date the words allow). */
const END_OF_DAY = 23 * 60 + 59;

/**
 * The day a post time stands for, on the reference (a label string, or a value found before). A year-less date
 * later than the reference is last year's; N weeks, months or years ago is approximate. Undefined when the text
 * holds no post time or the reference is not YYYY-MM-DD.
 */
export function resolvePostDate(value: PostDateValue | string, ref: DateReference): ResolvedPostDate | undefined {
  const v = typeof value === 'string' ? parsePostDate(value) : value;
  if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(ref.date)) return undefined;
  if (v.kind === 'date') {
    // resolveDate allows one day of slack after its reference; the platforms print Beijing time, as reviewers read it.
    const date = resolveDate(v.date, addDays(ref.date, -1));
    return date ? { date, approximate: false } : undefined;
  }
  const days = UNIT_DAYS[v.unit];
  if (days !== undefined) {
    return { date: addDays(ref.date, -Math.floor(v.amount * days)), approximate: v.unit !== 'day' };
  }
  const now = ref.time && /^\d{2}:\d{2}$/.test(ref.time) ? minutesOf(ref.time) : END_OF_DAY;
  const back = v.amount * (UNIT_MINUTES[v.unit] ?? 0);
  return { date: addDays(ref.date, Math.floor((now - back) / 1440)), approximate: false };
}

/** A Unix timestamp (seconds, or milliseconds when over 10^11) as Beijing time: { date: YYYY-MM-DD, time: HH:MM }. */
export function fromTimestamp(stamp: number): { date: string; time: string } | undefined {
  if (!Number.isFinite(stamp) || stamp <= 0) return undefined;
  const ms = stamp > 1e11 ? stamp : stamp * 1000;
  const iso = new Date(ms + 8 * 3_600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}
