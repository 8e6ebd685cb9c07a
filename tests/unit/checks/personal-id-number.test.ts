import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import bankCard from '../../../lib/checks/personal-bank-card';
import check from '../../../lib/checks/personal-id-number';
import mobile from '../../../lib/checks/personal-mobile-number';
import { birthDate, idCheckChar, isValidIdNumber, parseIdNumber } from '../../../lib/checks/util/id-number';
import { maskNumber } from '../../../lib/checks/util/mask';
import areaData from '../../../lib/data/gb2260-area-codes.json';
import { isKnownAreaCode, knownAreaCodes } from '../../../lib/data/area-codes';
import { runChecks } from '../../../lib/engine/engine';
import { buildTextModel } from '../../../lib/text-model/build';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import { ruleTester } from './rule-tester';
import type { Finding, TextModel } from '../../../lib/engine/types';

const TODAY = '2026-11-22';
const tester = ruleTester(check, { today: TODAY });

/** The three privacy checks side by side, as on a page. */
function scanAll(model: TextModel): Finding[] {
  const result = runChecks(model, { today: TODAY, checks: [check, mobile, bankCard] });
  expect(result.errors).toEqual([]);
  return result.findings;
}

/** An 18-character ID: area + YYYYMMDD + sequence + its MOD 11-2 check character. */
function makeId(area: string, birth: string, seq: string): string {
  const first17 = area + birth + seq;
  return first17 + idCheckChar(first17);
}

/** The same number with a wrong check character. */
function wrongCheck(id: string): string {
  const right = id[17];
  return id.slice(0, 17) + (right === '0' ? '1' : '0');
}

const ID_A = makeId('110105', '19491231', '002'); // GB 11643-1999's own example: 11010519491231002X
const ID_B = makeId('350102', '19900307', '123');
const ID_RETIRED = makeId('110103', '19850506', '041'); // 崇文区, merged into 东城区 in 2010
const ID_TODAY = makeId('530102', '20261122', '001');
const ID_TOMORROW = makeId('530102', '20261123', '001');

describe('personal-id-number meta', () => {
  it('is a privacy veto with bilingual messages', () => {
    expect(check.meta).toMatchObject({ id: 'personal-id-number', category: 'privacy', defaultSeverity: 'veto' });
    expect(check.meta.indicator['zh-CN']).toContain('泄露个人信息');
    expect(check.meta.messages.idNumber['zh-CN']).toBe('未脱敏的身份证号（出生日期 {{birth}}）');
    expect(check.meta.options?.oldForm.default).toBe(true);
  });
});

describe('util/id-number', () => {
  it('computes the MOD 11-2 check character', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(ID_A).toBe('11010519491231002X');
    expect(() => idCheckChar('1101051949123100')).toThrow();
  });

  it('parses 18- and 15-character numbers, x in either case', () => {
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({ length: 18, area: '110105', birth: '1949-12-31' });
    expect(parseIdNumber('11010519491231002x', TODAY)).toEqual({ length: 18, area: '110105', birth: '1949-12-31' });
    expect(parseIdNumber('110105491231002', TODAY)).toEqual({ length: 15, area: '110105', birth: '1949-12-31' });
    expect(isValidIdNumber(wrongCheck(ID_A), TODAY)).toBe(false);
    expect(isValidIdNumber('1101051949123100', TODAY)).toBe(false);
  });

  it('takes birth dates from 1900-01-01 to today only', () => {
    expect(birthDate(1900, 1, 1, TODAY)).toBe('1900-01-01');
    expect(birthDate(1899, 12, 31, TODAY)).toBeUndefined();
    expect(birthDate(2026, 11, 22, TODAY)).toBe('2026-11-22');
    expect(birthDate(2026, 11, 23, TODAY)).toBeUndefined();
    expect(birthDate(2000, 2, 29, TODAY)).toBe('2000-02-29');
    expect(birthDate(1900, 2, 29, TODAY)).toBeUndefined();
  });

  it('masks all but the first and last characters, keeping separators', () => {
    expect(maskNumber('350102199003071234', 2, 3)).toBe('35*************234');
    expect(maskNumber('138-1234-5678', 3, 4)).toBe('138-****-5678');
  });
});

describe('GB/T 2260 area codes (lib/data)', () => {
  it('ships its source and a checked date, and decodes to the stated count', () => {
    expect(areaData.checked).toBe('2026-11-22');
    expect(areaData.source).toMatch(/gb2260@0\.6\.0/);
    expect(knownAreaCodes().size).toBe(areaData.count);
    for (const code of knownAreaCodes()) expect(code).toMatch(/^[1-8]\d{5}$/);
  });

  it.each([
    ['110105', '北京市朝阳区 (current)'],
    ['110103', '崇文区 (retired 2010)'],
    ['110221', '昌平县 (retired 1999)'],
    ['142201', '忻州市 under 忻州地区 (retired 2000)'],
    ['540602', '色尼区 (2017)'],
    ['350000', '福建省 (province level)'],
    ['530900', '临沧市 (prefecture level)'],
    ['810000', '香港特别行政区'],
    ['830000', '台湾居民居住证'],
  ])('knows %s, %s', (code) => {
    expect(isKnownAreaCode(code)).toBe(true);
  });

  it.each(['000000', '110190', '350199', '990000', '810101', '12345', '1101050'])('does not know %s', (code) => {
    expect(isKnownAreaCode(code)).toBe(false);
  });
});

tester.run({
  valid: [
    { name: 'masked, first 2 and last 3', text: '身份证号：35*************123' },
    { name: 'masked, first 4 and last 4', text: '身份证号：3501**********1234' },
    { name: 'masked birth date', text: `身份证号：${ID_B.slice(0, 6)}********${ID_B.slice(14)}` },
    { name: 'wrong check character', text: `身份证号：${wrongCheck(ID_B)}` },
    { name: 'wrong check character (X expected)', text: '身份证号：110105194912310021' },
    { name: 'invalid date (31 February)', text: `身份证号：${makeId('110105', '19490231', '002')}` },
    { name: 'invalid date (month 13)', text: `身份证号：${makeId('110105', '19491301', '002')}` },
    { name: 'born before 1900', text: `身份证号：${makeId('110105', '18991231', '002')}` },
    { name: 'born after today (2026-11-22)', text: `身份证号：${ID_TOMORROW}` },
    { name: 'unknown area code', text: `身份证号：${makeId('110190', '19900307', '123')}` },
    { name: 'unknown province', text: `身份证号：${makeId('990000', '19900307', '123')}` },
    { name: 'part of a longer digit run (after)', text: `订单号${ID_B}7` },
    { name: 'part of a longer digit run (before)', text: `订单号9${ID_B}` },
    { name: 'glued to letters', text: `编号A${ID_B}` },
    { name: 'followed by letters', text: `编号${ID_B}B` },
    { name: 'old form, invalid date', text: '身份证号：110105491331002' },
    { name: 'old form, unknown area', text: '身份证号：110190491231002' },
    { name: '统一社会信用代码', text: '统一社会信用代码：91530100MA6K5R2L1E，11530000015138200R' },
    { name: '公安机关备案号 (14 digits)', text: '滇公网安备 53010202000123号' },
    { name: 'ICP备案号', text: '滇ICP备05000394号-1' },
    { name: '网站标识码', text: '网站标识码：5309000044' },
    { name: 'mobile and landline', text: '电话：13812345678，0871-12345678' },
    { name: '16- and 19-digit numbers', text: '卡号 6222021234567894 账号 6222021234567890128' },
    { name: 'a 17-digit number', text: '编号 35010219900307123' },
  ],
  // Every number is a veto with its birth date in the data and the message, masked (first 2, last 3) in the suggestion.
  invalid: [
    {
      name: 'a labelled 18-digit number',
      text: `申请人身份证号：${ID_B}，现住址…`,
      found: [{ start: 8, end: 26, text: ID_B, messageId: 'idNumber', birth: '1990-03-07' }],
    },
    {
      name: 'the standard example with X',
      text: `11010519491231002X`,
      found: [{ start: 0, end: 18, text: '11010519491231002X', messageId: 'idNumber', birth: '1949-12-31' }],
    },
    {
      name: 'lowercase x',
      text: `张三（11010519491231002x）`,
      found: [{ start: 3, end: 21, text: '11010519491231002x', messageId: 'idNumber', birth: '1949-12-31' }],
    },
    {
      name: 'a retired area code',
      text: `身份证：${ID_RETIRED}`,
      found: [{ start: 4, end: 22, text: ID_RETIRED, messageId: 'idNumber', birth: '1985-05-06' }],
    },
    {
      name: 'born on the review date',
      text: `新生儿${ID_TODAY}`,
      found: [{ start: 3, end: 21, text: ID_TODAY, messageId: 'idNumber', birth: '2026-11-22' }],
    },
    {
      name: 'the old 15-digit form',
      text: `身份证号码：110105491231002。`,
      found: [{ start: 6, end: 21, text: '110105491231002', messageId: 'idNumberOld', birth: '1949-12-31' }],
    },
    {
      name: 'two numbers in a tab-separated line and one on the next line',
      text: `1\t张三\t${ID_A}\n2\t李四\t${ID_B}`,
      found: [
        { start: 5, end: 23, text: ID_A, messageId: 'idNumber', birth: '1949-12-31' },
        { start: 29, end: 47, text: ID_B, messageId: 'idNumber', birth: '1990-03-07' },
      ],
    },
  ].map(({ name, text, found }) => ({
    name,
    text,
    errors: found.map((want) => ({
      severity: 'veto' as const,
      messageId: want.messageId,
      text: want.text,
      start: want.start,
      end: want.end,
      data: { birth: want.birth },
      suggestion: maskNumber(want.text, 2, 3),
      messageContains: want.birth,
    })),
  })),
});

describe('personal-id-number on text', () => {
  it('invalid: suggests the mask the notices expect (first 2, stars, last 3)', () => {
    const [f] = tester.scan(`身份证号：${ID_A}`);
    expect(f.suggestion).toBe('11*************02X');
    expect(f.message).toBe('未脱敏的身份证号（出生日期 1949-12-31）');
  });

  it('the old form can be switched off', () => {
    expect(tester.scan({ text: '110105491231002', options: { oldForm: false } })).toEqual([]);
  });
});

/** Text without digits or Latin letters, to embed numbers in. */
const HAN = [...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经'];
const chineseText = fc.array(fc.constantFrom(...HAN, '，', '。', '：', '（', '）', '\n', ' ', '、'), { maxLength: 40 }).map((a) => a.join(''));
const AREAS = [...knownAreaCodes()];
const DAY = 86_400_000;
const FIRST = Date.UTC(1900, 0, 1);
const LAST = Date.UTC(2026, 10, 22);
/** A valid birth date as YYYYMMDD in [1900-01-01, today]. */
const birthArb = fc.integer({ min: 0, max: (LAST - FIRST) / DAY }).map((n) => new Date(FIRST + n * DAY).toISOString().slice(0, 10).replace(/-/g, ''));
const validIdArb = fc
  .tuple(fc.constantFrom(...AREAS), birthArb, fc.integer({ min: 0, max: 999 }))
  .map(([area, birth, seq]) => makeId(area, birth, String(seq).padStart(3, '0')));

describe('personal-id-number properties', () => {
  it('finds every valid 18-character number exactly once, with its exact range', () => {
    fc.assert(
      fc.property(chineseText, validIdArb, chineseText, fc.boolean(), (before, id, after, lower) => {
        const written = lower ? id.toLowerCase() : id;
        const findings = tester.scan(before + written + after);
        expect(findings).toHaveLength(1);
        expect(findings[0]).toMatchObject({ start: before.length, end: before.length + 18, text: written, messageId: 'idNumber' });
      }),
      { numRuns: 300 },
    );
  });

  it('finds every valid old 15-digit number exactly once', () => {
    const oldArb = fc
      .tuple(
        fc.constantFrom(...AREAS),
        birthArb.filter((b) => b.startsWith('19')),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(([area, birth, seq]) => area + birth.slice(2) + String(seq).padStart(3, '0'));
    fc.assert(
      fc.property(chineseText, oldArb, chineseText, (before, id, after) => {
        const findings = tester.scan(before + id + after);
        expect(findings).toHaveLength(1);
        expect(findings[0]).toMatchObject({ start: before.length, end: before.length + 15, text: id, messageId: 'idNumberOld' });
      }),
      { numRuns: 200 },
    );
  });

  it('never finds a number with a wrong check character', () => {
    fc.assert(
      fc.property(chineseText, validIdArb, fc.constantFrom(...'0123456789X'), chineseText, (before, id, c, after) => {
        fc.pre(c !== id[17]);
        expect(tester.scan(before + id.slice(0, 17) + c + after)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('never finds a masked number', () => {
    fc.assert(
      fc.property(
        chineseText,
        validIdArb,
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        chineseText,
        (before, id, keepStart, keepEnd, after) => {
          expect(tester.scan(before + maskNumber(id, keepStart, keepEnd) + after)).toEqual([]);
          expect(tester.scan(before + maskNumber(id, 2, 3) + after)).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never finds a valid number inside a longer run of digits or letters', () => {
    fc.assert(
      fc.property(validIdArb, fc.stringMatching(/^[0-9A-Za-z]{1,3}$/), fc.boolean(), (id, glue, front) => {
        expect(tester.scan(front ? glue + id : id + glue)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('personal-id-number on pages', () => {
  const ID_C = makeId('530111', '19670815', '562');
  /** A 低保 list as county sites publish it: name, ID, phone, bank card in adjacent cells. */
  const table = (id: (s: string) => string, phone: (s: string) => string) => `<!doctype html><html><body>
    <h1>2026年11月城乡低保金发放名单</h1>
    <table><tr><th>序号</th><th>姓名</th><th>身份证号</th><th>联系电话</th><th>保障人数</th></tr>
    <tr><td>1</td><td>张三</td><td>${id(ID_A)}</td><td>${phone('13812345678')}</td><td>2</td></tr>
    <tr><td>2</td><td>李四</td><td>${id(ID_B)}</td><td>${phone('15912345678')}</td><td>1</td></tr>
    <tr><td>3</td><td>王五</td><td>${id(ID_C)}</td><td>${phone('18687654321')}</td><td>3</td></tr>
    </table></body></html>`;
  const modelOf = (html: string) => buildTextModel(parseHTML(html).document, { url: 'https://www.example.gov.cn/zwgk/dbmd.html', readability: false }).model;

  it('invalid: finds each ID in its cell, cells do not run together', () => {
    const model = modelOf(
      table(
        (s) => s,
        (s) => s,
      ),
    );
    const findings = tester.scan({ text: 'a 低保 list', model: () => model });
    expect(findings.map((f) => f.text)).toEqual([ID_A, ID_B, ID_C]);
    for (const f of findings) {
      expect(f.start).toBe(model.text.indexOf(f.text));
      expect(f.end).toBe(f.start! + 18);
    }
    // The ID, phone and count cells stay apart: each ID is its own line.
    expect(model.text).toContain(`\n${ID_A}\n13812345678\n`);
    const all = scanAll(model);
    expect(all.map((f) => [f.check, f.text])).toEqual([
      ['personal-id-number', ID_A],
      ['personal-mobile-number', '13812345678'],
      ['personal-id-number', ID_B],
      ['personal-mobile-number', '15912345678'],
      ['personal-id-number', ID_C],
      ['personal-mobile-number', '18687654321'],
    ]);
  });

  it('valid: the same list, masked as the notices expect, has no findings', () => {
    const model = modelOf(
      table(
        (s) => maskNumber(s, 2, 3),
        (s) => maskNumber(s, 3, 4),
      ),
    );
    expect(model.text).toContain('11*************02X');
    expect(scanAll(model)).toEqual([]);
  });
});

describe('personal-id-number stays linear', () => {
  it.each([
    ['a 1 MB run of digits', '1'.repeat(1_000_000), 0],
    ['1 MB of IDs glued together', '11010519491231002X'.repeat(55_556), 0],
    ['1 MB of digits and X', '1X'.repeat(500_000), 0],
    ['IDs separated by spaces (bounded: one per ID)', `${ID_A} `.repeat(50_000), 50_000],
  ])('%s completes with a bounded number of findings', (_name, text, expected) => {
    const result = runChecks(textModelFromPlainText(text, 'test://big'), { today: TODAY, checks: [check], budgetMs: 60_000 });
    expect(result.errors).toEqual([]);
    expect(result.findings).toHaveLength(expected);
  });
});
