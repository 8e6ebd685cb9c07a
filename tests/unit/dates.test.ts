import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, findDates, isTodayWidget, parseDate, resolveDate, toHalfWidth } from '../../lib/text-model/dates';

describe('parseDate: the formats gov lists print', () => {
  it.each([
    ['2026-11-20', '2026-11-20'],
    ['2026/11/20', '2026-11-20'],
    ['2026.11.20', '2026-11-20'],
    ['2026年11月20日', '2026-11-20'],
    ['2026 年 11 月 20 日', '2026-11-20'],
    ['2026-1-5', '2026-01-05'],
    ['2026年1月5日', '2026-01-05'],
    ['[2026-11-20]', '2026-11-20'],
    ['（2026年11月20日）', '2026-11-20'],
    ['  2026-11-20  ', '2026-11-20'],
    ['２０２６－１１－２０', '2026-11-20'],
    ['２０２６年１１月２０日', '2026-11-20'],
    ['2024-02-29', '2024-02-29'],
    // Without a year: kept as --MM-DD until a reference date resolves it.
    ['11-20', '--11-20'],
    ['[11-20]', '--11-20'],
    ['【11-20】', '--11-20'],
    ['(11/20)', '--11-20'],
    ['11月20日', '--11-20'],
    ['1月5日', '--01-05'],
    ['１１－２０', '--11-20'],
    ['02-29', '--02-29'],
  ])('%s → %s', (text, date) => {
    expect(parseDate(text)).toBe(date);
  });

  it.each([
    ['2026-02-30', 'no 30 February'],
    ['2025-02-29', '2025 is no leap year'],
    ['2026-13-01', 'no month 13'],
    ['2026-00-10', 'no month 0'],
    ['2026-11-31', 'November has 30 days'],
    ['2026年11月32日', 'no day 32'],
    ['13-01', 'no month 13, year omitted'],
    ['02-30', 'no 30 February in any year'],
    ['11-00', 'no day 0'],
    ['2026-11/20', 'mixed separators'],
    ['1800-01-01', 'year out of range'],
    ['2026-11', 'no day'],
    ['2026年11月', 'no day'],
    ['1-5', 'short dash form needs two digits each'],
    ['11.20', 'a decimal, not a date'],
    ['20261120', 'no separators'],
    ['今天', 'no date at all'],
    ['2026-11-20 起', 'more than a date'],
  ])('%s is no date (%s)', (text) => {
    expect(parseDate(text)).toBeUndefined();
  });
});

describe('year inference: the latest such date not after the day after the reference', () => {
  it.each([
    // [date, reference, resolved]
    ['[11-20]', '2026-11-22', '2026-11-20'],
    ['11-22', '2026-11-22', '2026-11-22'],
    ['11-23', '2026-11-22', '2026-11-23'], // one day of slack (a page in a time zone ahead)
    ['11-24', '2026-11-22', '2025-11-24'], // later this year → last year
    ['12-30', '2026-11-22', '2025-12-30'],
    // Across a new year: December dates read in January belong to the year before.
    ['12-30', '2027-01-05', '2026-12-30'],
    ['12月31日', '2027-01-05', '2026-12-31'],
    ['01-03', '2027-01-05', '2027-01-03'],
    ['01-06', '2027-01-05', '2027-01-06'],
    ['01-07', '2027-01-05', '2026-01-07'],
    ['01-01', '2026-12-31', '2027-01-01'], // the slack day crosses the new year
    ['12-31', '2027-01-01', '2026-12-31'],
    // 29 February: the latest leap year's.
    ['02-29', '2026-11-22', '2024-02-29'],
    ['02-29', '2028-03-01', '2028-02-29'],
    ['02-29', '2028-02-27', '2024-02-29'],
    // A full date is never moved.
    ['2027-06-01', '2026-11-22', '2027-06-01'],
    ['2020-01-01', '2026-11-22', '2020-01-01'],
  ])('%s on %s → %s', (text, reference, resolved) => {
    expect(parseDate(text, reference)).toBe(resolved);
    expect(resolveDate(parseDate(text)!, reference)).toBe(resolved);
  });

  it('leaves a malformed value unresolved', () => {
    expect(resolveDate('11/20', '2026-11-22')).toBeUndefined();
  });
});

describe('findDates in running text', () => {
  it.each([
    ['dates in their own cells', '关于开展检查的通知\n县应急管理局\n2026-11-20\n', [['2026-11-20', '2026-11-20']]],
    ['inline after a title', '县政府召开常务会议2026-11-20', [['2026-11-20', '2026-11-20']]],
    ['in brackets before a title', '[11-20]县政府召开常务会议', [['11-20', '--11-20']]],
    [
      'a title with a date and an item date',
      '关于2026年12月1日起实施的通知 11-20',
      [
        ['2026年12月1日', '2026-12-01'],
        ['11-20', '--11-20'],
      ],
    ],
    ['a date with a time', '发布时间：2026-11-20 10:30:45', [['2026-11-20', '2026-11-20']]],
    ['full-width digits', '发布日期：２０２６年１１月２０日', [['２０２６年１１月２０日', '2026-11-20']]],
    ['a full date is not also a year-less one', '2026年11月20日', [['2026年11月20日', '2026-11-20']]],
    ['copyright years', '© 2003-2026 云岭县人民政府 版权所有', []],
    ['a landline', '联系电话：0883-1234567、0883-12345678', []],
    ['a version number', '版本 1.11-20', []],
    ['an impossible date and a good one', '2026-02-30 2026-02-28', [['2026-02-28', '2026-02-28']]],
    [
      'a date range',
      '2026-11-01至2026-11-20',
      [
        ['2026-11-01', '2026-11-01'],
        ['2026-11-20', '2026-11-20'],
      ],
    ],
    ['month ranges are no dates', '2026年1-10月全县经济运行情况', []],
    ['a time alone', '10:30', []],
  ] as const)('%s', (_name, text, expected) => {
    const found = findDates(text);
    expect(found.map((d) => [text.slice(d.start, d.end), d.date])).toEqual(expected);
  });
});

describe('helpers', () => {
  it('counts days across months, years and leap days', () => {
    expect(daysBetween('2026-11-08', '2026-11-22')).toBe(14);
    expect(daysBetween('2026-05-08', '2026-11-22')).toBe(198);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-11-22', '2026-11-20')).toBe(-2);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('keeps offsets when widening full-width digits', () => {
    const s = '２０２６－１１－２０ａ';
    expect(toHalfWidth(s)).toHaveLength(s.length);
    expect(toHalfWidth(s)).toBe('2026-11-20ａ');
  });

  it.each([
    ['今天是2026年11月22日 星期日', true],
    ['今天是：2026-11-22', true],
    ['今日 2026年11月22日', true],
    ['当前日期：2026-11-22', true],
    ['发布时间：2026-11-22', false],
    ['县政府召开会议2026-11-22', false],
  ])('%s: today widget %s', (text, widget) => {
    const [d] = findDates(text);
    expect(isTodayWidget(text, d.start)).toBe(widget);
  });
});
