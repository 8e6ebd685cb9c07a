import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/typo-number';
import numberForms from '../../../lib/data/rules/number-forms.json';
import { runChecks } from '../../../lib/engine/engine';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import { ruleTester } from './rule-tester';

const tester = ruleTester(check, { today: '2026-12-05' });

describe('typo-number meta', () => {
  it('is a typo notice naming 数字 under 内容准确性', () => {
    expect(check.meta).toMatchObject({ id: 'typo-number', category: 'typo', defaultSeverity: 'notice' });
    expect(check.meta.indicator['zh-CN']).toMatch(/^内容准确性.*数字/);
  });

  it('cites GB/T 15835 in every rule of its data', () => {
    for (const e of numberForms.entries) if (e.kind === 'rule') expect(e.rule).toMatch(/^GB\/T 15835-2011 \d/);
  });
});

// Each case is named by the rule of GB/T 15835-2011 it respects or breaks; every message cites its clause.
tester.run({
  valid: [
    // named '<rule it respects>: <case>'
    { name: '15835 4.1: Arabic numbers', text: '2019年1月1日，投资2.5亿元，增长10%，第10届。' },
    { name: '15835 4.1: product codes and models', text: '型号IO-2000、ISO9001认证、O2O模式、CO2排放、H2O、SO2、5G基站、iPhone 1l。' },
    { name: '15835 4.1: licence plates', text: '车牌云A1O234、京AO1234。' },
    { name: '15835 4.1.2: 文号 and ICP/公安备案 numbers', text: '国办发〔2022〕49号；滇ICP备2O21000001号；滇公网安备53010202000l号。' },
    { name: '15835 4.1: URLs, paths and times', text: 'http://www.gov.cn/zhengce/2O19/l0/ 会议10:3O开始，文件a/1O0/b。' },
    { name: '15835 4.1: English words and Roman numerals', text: 'Hello world, look at IO. I级响应、II类、lo。' },
    { name: '15835 4.1: a lookalike at the edge with no unit after it', text: '1O后、O3浓度、I5公路。' },
    { name: '15835 5.2: Chinese numerals with 〇', text: '二〇一九年；二〇二〇年十月。' },
    { name: "15835 5.3: a number in both systems: the fix is the writer's choice", text: '二〇19年。' },
    { name: '15835 4.1: placeholders without digits', text: '于××年O月O日前报送。' },
    { name: '15835 5.1.7.1: numbers in one width each', text: '２０２３年；2023年。' },
    { name: '15835 5.1.7.1: a full-width and a half-width number side by side, apart', text: '２０２３年与2024年。' },
    { name: '15835 5.1.4: a year with 年 before its quarter or half', text: '2022年第一季度；2023年上半年；2024年一季度。' },
    { name: '15835 5.2.5: 〇 in a year, 零 in an amount', text: '二〇二四年；一千零五十亿元；百分之零点九；一百零五年。' },
    { name: '15835 5.3: a year in digits alone', text: '2000年；２０００年；12000年前。' },
    { name: 'dates that exist (a leap day, month ends)', text: '2024年2月29日；2023年2月28日；12月31日；4月30日；2月29日。' },
    { name: 'a lunar date (months of 30 days)', text: '农历2月30日；阴历十二月三十。' },
    { name: '15835 5.1.4: a range, a code or a longer number before a quarter', text: '2022-2023上半年；GB/T 2022第一季度；编号12022第一季度；3000上半年。' },
  ],
  invalid: (
    [
      {
        rule: '15835 4.1',
        name: 'gov_pages: the letter O for 0 in a year',
        text: '继续做好2O20年旅游干线修补工作',
        start: 4,
        written: '2O20',
        right: '2020',
        messageId: 'lookalike',
      },
      {
        rule: '15835 4.1',
        name: 'the letter l for 1 before 亿元 (2006 report)',
        text: '安排再就业补助资金25l亿元',
        start: 9,
        written: '25l',
        right: '251',
        messageId: 'lookalike',
      },
      { rule: '15835 4.1', name: 'lower-case o twice', text: '2o2o年工作要点', start: 0, written: '2o2o', right: '2020', messageId: 'lookalike' },
      { rule: '15835 4.1', name: 'l between digits', text: '共有1l0人参加', start: 2, written: '1l0', right: '110', messageId: 'lookalike' },
      { rule: '15835 4.1', name: 'l for the month 1', text: '2019年l月15日', start: 5, written: 'l', right: '1', messageId: 'lookalike' },
      { rule: '15835 4.1', name: 'I for the day 1', text: '3月I日起施行', start: 2, written: 'I', right: '1', messageId: 'lookalike' },
      { rule: '15835 4.1', name: 'after 第', text: '第l0届运动会', start: 1, written: 'l0', right: '10', messageId: 'lookalike' },
      { rule: '15835 4.1', name: 'a decimal with O and a percent sign', text: '增长1O.5%', start: 2, written: '1O.5', right: '10.5', messageId: 'lookalike' },
      {
        rule: '15835 4.1',
        name: 'a full-width O in a full-width number',
        text: '２Ｏ２３年',
        start: 0,
        written: '２Ｏ２３',
        right: '２０２３',
        messageId: 'lookalike',
      },
      { rule: '15835 5.3', name: '〇 among Arabic digits', text: '2〇19年', start: 0, written: '2〇19', right: '2019', messageId: 'lookalike' },
      {
        rule: '15835 5.1.7.1',
        name: 'full-width and half-width digits in one number',
        text: '２0２3年',
        start: 0,
        written: '２0２3',
        right: '2023',
        messageId: 'mixedWidth',
      },
      {
        rule: '15835 5.1.4',
        name: 'a real notice: a year without 年 before its quarter',
        text: '2022第一季度共接到网民留言114条',
        start: 0,
        written: '2022',
        right: '2022年',
        messageId: 'yearWithoutNian',
      },
      {
        rule: '15835 5.1.4',
        name: 'a year without 年 before 一季度',
        text: '全县2024一季度GDP',
        start: 2,
        written: '2024',
        right: '2024年',
        messageId: 'yearWithoutNian',
      },
      {
        rule: '15835 5.1.4',
        name: 'a year without 年 before 上半年',
        text: '2023上半年工作总结',
        start: 0,
        written: '2023',
        right: '2023年',
        messageId: 'yearWithoutNian',
      },
      { rule: '15835 5.2.5', name: '零 in a year', text: '二零二四年十二月五日', start: 0, written: '二零二四', right: '二〇二四', messageId: 'zeroInHanYear' },
      { rule: '15835 5.2.5', name: '零 twice in a year', text: '二零零五年', start: 0, written: '二零零五', right: '二〇〇五', messageId: 'zeroInHanYear' },
      {
        rule: '15835 5.3',
        name: 'the digit 0 in a Chinese-numeral year',
        text: '二0二四年十二月',
        start: 0,
        written: '二0二四',
        right: '二〇二四',
        messageId: 'digitInHanYear',
      },
      {
        rule: '15835 5.3',
        name: 'a full-width 0 in a Chinese-numeral year',
        text: '二０００年',
        start: 0,
        written: '二０００',
        right: '二〇〇〇',
        messageId: 'digitInHanYear',
      },
    ] as Array<{ rule: string; name: string; text: string; start: number; written: string; right: string; messageId: string }>
  ).map(({ rule, name, text, start, written, right, messageId }) => ({
    name: `${rule}: ${name}`,
    text,
    errors: [
      {
        severity: 'notice' as const,
        messageId,
        start,
        end: start + written.length,
        text: written,
        suggestion: right,
        messageMatches: /GB\/T 15835-2011 \d/,
      },
    ],
  })),
});

describe('typo-number: dates that do not exist', () => {
  const found = (text: string) => tester.scan(text).map((f) => [f.messageId, f.text, f.suggestion, f.message]);

  it('reports a day past the month’s end, February by the year, and a month past 12, with no suggestion', () => {
    expect(found('会议于2024年2月30日召开')).toEqual([['noSuchDay', '2024年2月30日', undefined, '日期“2024年2月30日”不存在：这个月只有29天']]);
    expect(found('2023年2月29日')).toEqual([['noSuchDay', '2023年2月29日', undefined, '日期“2023年2月29日”不存在：这个月只有28天']]);
    expect(found('自2024年13月1日起施行')).toEqual([['noSuchMonth', '2024年13月1日', undefined, '日期“2024年13月1日”不存在：没有13月']]);
    expect(found('请于4月31日前报送')).toEqual([['noSuchDay', '4月31日', undefined, '日期“4月31日”不存在：这个月只有30天']]);
    expect(found('２０２４年２月３０日').map((f) => f[1])).toEqual(['２０２４年２月３０日']);
  });
});

describe('typo-number: a date and its weekday', () => {
  const found = (text: string, published?: string) => {
    const model = textModelFromPlainText(text, 'file:///t.txt');
    if (published) model.publishDate = { date: published, start: 0, end: 0 };
    return runChecks(model, { today: '2026-12-07', checks: [check] }).findings.map((f) => [f.messageId, f.text, f.message]);
  };

  it('reports a weekday that the written year contradicts, naming the right one', () => {
    expect(found('会议定于2024年12月5日（星期三）召开')).toEqual([
      ['weekdayMismatch', '2024年12月5日（星期三）', '日期“2024年12月5日（星期三）”与星期不符：2024年12月5日是星期四'],
    ]);
    expect(found('2024年12月5日（星期四）；2024年12月8日星期天；2024年12月7日 周六')).toEqual([]);
  });

  it('reads a date without a year in the year nearest the page’s publish date, and not at all without one', () => {
    expect(found('定于12月5日（星期三）召开', '2026-11-18').map((f) => f[2])).toEqual(['日期“12月5日（星期三）”与星期不符：2026年12月5日是星期六']);
    expect(found('定于12月5日（星期六）召开', '2026-11-18')).toEqual([]);
    // On a January page, a December date is last year's: 2026-12-28 is a Monday.
    expect(found('12月28日（星期一）召开了会议', '2027-01-04')).toEqual([]);
    expect(found('定于12月5日（星期三）召开')).toEqual([]);
  });
});

describe('typo-number: invalid', () => {
  it('15835 4.1: names the letter, the digit and the clause', () => {
    expect(tester.scan('2O20年')[0].message).toBe('“2O20”中的字母“O”应为数字“0”（GB/T 15835-2011 4.1 计量、编号和公历年月日选用阿拉伯数字）');
  });
});

describe('typo-number: properties', () => {
  const DIGITS = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 5 });
  /** The half-width lookalikes and 〇 (full-width ones are tested in the tables). */
  const LOOKALIKES = numberForms.entries.flatMap((e) =>
    'char' in e && e.char && e.digit && /^[A-Za-z〇]$/.test(e.char) ? [{ char: e.char, digit: e.digit }] : [],
  );

  it('15835 4.1: numbers written in Arabic digits alone are never flagged, whatever follows', () => {
    fc.assert(
      fc.property(DIGITS, fc.constantFrom('年', '月', '日', '元', '个', '%', '万', '人', '，', '。', ''), (n, unit) => {
        expect(tester.scan(`共${n}${unit}`)).toEqual([]);
      }),
    );
  });

  it('15835 4.1: a lookalike between two digits is found, and the suggestion is the number with the digit', () => {
    fc.assert(
      fc.property(DIGITS, DIGITS, fc.constantFrom(...LOOKALIKES), (a, b, l) => {
        const findings = tester.scan(`共${a}${l.char}${b}个`);
        expect(findings.map((f) => [f.start, f.text, f.suggestion])).toEqual([[1, `${a}${l.char}${b}`, `${a}${l.digit}${b}`]]);
      }),
    );
  });

  it('15835 4.1: a run touching a Latin letter is a code, never a number', () => {
    fc.assert(
      fc.property(fc.constantFrom(...'ABCDEFGHKMNPQRSTUVWXYZabcdefghkmnpqrstuvwxyz'), DIGITS, fc.constantFrom(...LOOKALIKES), DIGITS, (letter, a, l, b) => {
        expect(tester.scan(`型号${letter}${a}${l.char}${b}年`)).toEqual([]);
        expect(tester.scan(`型号${a}${l.char}${b}${letter}年`)).toEqual([]);
      }),
    );
  });
});
