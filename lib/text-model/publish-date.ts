import type { DatedText } from '../engine/types';

/**
 * Gov pages print the publish date in the text (发布时间：2026-11-20 10:30, 发布日期：2026年11月20日,
 * 时间：2026/11/20, 日期:2026.11.20), not in meta tags, so Readability misses it.
 * Returns the first such date whose label says it is the publication date.
 */
const LABELLED = /(?:发布|发文|成文|印发|更新|生成|发稿)?(?:时间|日期)\s*[:：]\s*(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:[-/.月])\s*(\d{1,2})\s*日?/g;

/** Days in month m (1–12) of year y; February has 29 in a leap year, and where the year is unknown (undefined). */
export function daysInMonth(m: number, y?: number): number {
  if (m === 2) return y === undefined || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Whether year, month and day make a real calendar date. */
export function isValidDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(m, y);
}

/** The publish date a page prints in its text (发布时间：…, 日期：…), with its range; undefined when it prints none. */
export function findPublishDate(text: string): DatedText | undefined {
  LABELLED.lastIndex = 0;
  for (let m = LABELLED.exec(text); m; m = LABELLED.exec(text)) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (y < 1990 || y > 2100 || !isValidDate(y, mo, d)) continue;
    const date = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    return { date, start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}
