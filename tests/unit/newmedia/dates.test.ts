import { describe, expect, it } from 'vitest';
import { findPostDate, findPostDates, fromTimestamp, isFullDate, parsePostDate, resolvePostDate } from '../../../lib/newmedia/dates';

const REF = { date: '2026-11-22' };

describe('post times as the platforms print them', () => {
  it.each([
    // Absolute, with a year.
    ['2026-11-18 10:30', '2026-11-18', false],
    ['2026-11-18', '2026-11-18', false],
    ['2026/11/18', '2026-11-18', false],
    ['2026年11月18日', '2026-11-18', false],
    ['2026年11月18日 10:30', '2026-11-18', false],
    ['发布于 2026-11-18', '2026-11-18', false],
    ['发布时间：2026-11-18 10:30', '2026-11-18', false],
    ['２０２６－１１－１８', '2026-11-18', false],
    // 微博's two-digit year for past years.
    ['25-6-1 08:00', '2025-06-01', false],
    ['25-11-30', '2025-11-30', false],
    // Without a year: the latest such day not after the review date.
    ['11-18', '2026-11-18', false],
    ['11-18 10:30', '2026-11-18', false],
    ['11月18日', '2026-11-18', false],
    ['11-22', '2026-11-22', false],
    ['11-23', '2025-11-23', false], // a year-less date in the future is last year's
    ['12-30', '2025-12-30', false],
    // Relative.
    ['刚刚', '2026-11-22', false],
    ['30秒前', '2026-11-22', false],
    ['5分钟前', '2026-11-22', false],
    ['半小时前', '2026-11-22', false],
    ['3小时前', '2026-11-22', false],
    ['今天 10:30', '2026-11-22', false],
    ['昨天 12:30', '2026-11-21', false],
    ['昨天12:30', '2026-11-21', false],
    ['前天 08:00', '2026-11-20', false],
    ['昨天', '2026-11-21', false],
    ['发布于 前天', '2026-11-20', false],
    ['1天前', '2026-11-21', false],
    ['3天前', '2026-11-19', false],
    ['三天前', '2026-11-19', false],
    ['· 6天前', '2026-11-16', false],
    // Rounded down by the platforms: the newest date the words allow, an estimate.
    ['2周前', '2026-11-08', true],
    ['1星期前', '2026-11-15', true],
    ['1个月前', '2026-10-23', true],
    ['3月前', '2026-08-24', true],
    ['半年前', '2026-05-24', true],
    ['1年前', '2025-11-22', true],
  ])('%s on 2026-11-22 → %s (approximate %s)', (text, date, approximate) => {
    expect(resolvePostDate(text, REF)).toEqual({ date, approximate });
  });

  it.each([
    ['今天，我们一起去看看', 'a title saying 今天 is no date'],
    ['3月18日前完成报名', '3月18日 is a date, but 月前 here is no relative time'],
    ['1.2万', 'a like count'],
    ['03:25', 'a video duration'],
    ['12评论', 'a comment count'],
    ['2026-13-01', 'no month 13'],
    ['02-30', 'no 30 February'],
    ['半天前', 'half a day is no unit the platforms print'],
    ['', 'nothing'],
  ])('%s is no post time (%s)', (text) => {
    const value = parsePostDate(text);
    if (text.startsWith('3月18日')) expect(value).toEqual({ kind: 'date', date: '--03-18' });
    else expect(value).toBeUndefined();
  });

  it('finds the time inside a label, with its range, the time of day included', () => {
    expect(findPostDate('来自 微博 · 11-18 10:30 · 云南')).toEqual({
      text: '11-18 10:30',
      start: 8,
      end: 19,
      value: { kind: 'date', date: '--11-18', time: '10:30' },
    });
    expect(findPostDate('发布于 3天前')).toMatchObject({ text: '3天前', start: 4, end: 7 });
  });

  it('finds every time in order, a full date never also giving its year-less part', () => {
    expect(findPostDates('2026-11-18 10:30 / 11-17 / 3天前 / 昨天 08:00').map((d) => d.text)).toEqual(['2026-11-18 10:30', '11-17', '3天前', '昨天 08:00']);
  });

  it('tells a full date from one that needs a reference', () => {
    expect(isFullDate(parsePostDate('2026-11-18')!)).toBe(true);
    expect(isFullDate(parsePostDate('11-18')!)).toBe(false);
    expect(isFullDate(parsePostDate('3天前')!)).toBe(false);
  });
});

describe('the reference time', () => {
  it('counts minutes and hours back from it when the host gives one', () => {
    expect(resolvePostDate('3小时前', { date: '2026-11-22', time: '01:00' })).toEqual({ date: '2026-11-21', approximate: false });
    expect(resolvePostDate('3小时前', { date: '2026-11-22', time: '09:00' })).toEqual({ date: '2026-11-22', approximate: false });
    expect(resolvePostDate('50分钟前', { date: '2026-11-22', time: '00:10' })).toEqual({ date: '2026-11-21', approximate: false });
    expect(resolvePostDate('25小时前', { date: '2026-11-22', time: '12:00' })).toEqual({ date: '2026-11-21', approximate: false });
  });

  it('without one, from the end of the review date: the latest date the words allow', () => {
    expect(resolvePostDate('23小时前', REF)).toEqual({ date: '2026-11-22', approximate: false });
    expect(resolvePostDate('25小时前', REF)).toEqual({ date: '2026-11-21', approximate: false });
  });

  it('crosses years and months', () => {
    expect(resolvePostDate('3天前', { date: '2027-01-02' })).toEqual({ date: '2026-12-30', approximate: false });
    expect(resolvePostDate('12-30', { date: '2027-01-02' })).toEqual({ date: '2026-12-30', approximate: false });
    expect(resolvePostDate('01-02', { date: '2027-01-02' })).toEqual({ date: '2027-01-02', approximate: false });
  });

  it('needs a review date: no clock is read', () => {
    expect(resolvePostDate('3天前', { date: '' })).toBeUndefined();
    expect(resolvePostDate('3天前', { date: '2026/11/22' })).toBeUndefined();
  });
});

describe('timestamps (WeChat var ct, 微博 V6 date attributes)', () => {
  it.each([
    [1794969000, { date: '2026-11-18', time: '10:30' }],
    [1794969000000, { date: '2026-11-18', time: '10:30' }],
    // 23:30 UTC is the next day in Beijing.
    [Date.UTC(2026, 10, 17, 23, 30) / 1000, { date: '2026-11-18', time: '07:30' }],
  ])('%d → %o (Beijing time)', (stamp, at) => {
    expect(fromTimestamp(stamp)).toEqual(at);
  });

  it('gives nothing for a stamp that is no time', () => {
    expect(fromTimestamp(0)).toBeUndefined();
    expect(fromTimestamp(Number.NaN)).toBeUndefined();
  });
});
