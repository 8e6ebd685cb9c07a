import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/personal-mobile-number';
import { idCheckChar } from '../../../lib/checks/util/id-number';
import { maskNumber } from '../../../lib/checks/util/mask';
import { runChecks } from '../../../lib/engine/engine';
import { buildTextModel } from '../../../lib/text-model/build';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import { ruleTester } from './rule-tester';

const TODAY = '2026-11-22';
const tester = ruleTester(check, { today: TODAY });

/** 统一社会信用代码 (GB 32100-2015) with its check character. */
function creditCode(first17: string): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += chars.indexOf(first17[i]) * weights[i];
  return first17 + chars[(31 - (sum % 31)) % 31];
}
const CREDIT_LETTERS = creditCode('91530100MA6K5R2L1');
const CREDIT_DIGITS = creditCode('11530000015138200'); // a 机关 code: digits only but for the check character

describe('personal-mobile-number meta', () => {
  it('is a privacy veto with bilingual messages', () => {
    expect(check.meta).toMatchObject({ id: 'personal-mobile-number', category: 'privacy', defaultSeverity: 'veto' });
    expect(check.meta.messages.mobileNumber['zh-CN']).toContain('{{masked}}');
  });
});

tester.run({
  valid: [
    { name: 'masked 138****1234', text: '联系电话：138****1234' },
    { name: 'masked with spaces', text: '联系电话：138 **** 1234' },
    { name: 'masked, other stars', text: '联系电话：1381234****' },
    { name: 'landline with area code', text: '电话：0871-12345678' },
    { name: 'landline in brackets', text: '电话：(0871)1234567，（0871）2123456' },
    { name: 'landline with spaces', text: '电话：0871 6123456' },
    { name: 'service numbers', text: '热线：12345、400-123-4567、4001234567、95598' },
    { name: '11 digits starting 12', text: '编号 12345678901' },
    { name: '11 digits starting 10 and 11', text: '编号 10086123456 11012345678' },
    { name: '统一社会信用代码 with letters', text: `统一社会信用代码：${CREDIT_LETTERS}` },
    { name: '统一社会信用代码 of a 机关', text: `统一社会信用代码：${CREDIT_DIGITS}` },
    { name: '公安机关备案号', text: '滇公网安备 53010202000123号' },
    { name: 'ICP备案号', text: '滇ICP备13812345号-1' },
    { name: '身份证号', text: `身份证号：${'11010519491231002X'}` },
    { name: 'a 12-digit number', text: '订单号 138123456789' },
    { name: 'a 10-digit number', text: '订单号 1381234567' },
    { name: 'a 21-digit business number', text: '业务编号 202611221381234567890' },
    { name: 'glued to letters', text: '流水号 A13812345678、13812345678B' },
    { name: 'a decimal', text: '比例 0.13812345678' },
    { name: 'a short grouped form', text: '138-1234-567' },
    { name: 'inside a bank card number', text: '卡号 6222 1381 2345 6789' },
  ],
  // Every number is a veto, masked in the suggestion.
  invalid: [
    {
      name: 'a labelled number',
      text: '联系电话：13812345678',
      found: [{ start: 5, end: 16, text: '13812345678', suggestion: '138****5678' }],
    },
    {
      name: 'dashes',
      text: '手机 138-1234-5678。',
      found: [{ start: 3, end: 16, text: '138-1234-5678', suggestion: '138-****-5678' }],
    },
    {
      name: 'spaces',
      text: '手机：199 1234 5678',
      found: [{ start: 3, end: 16, text: '199 1234 5678', suggestion: '199 **** 5678' }],
    },
    {
      name: '+86 prefix with a space',
      text: '电话 +86 138 1234 5678',
      found: [{ start: 3, end: 20, text: '+86 138 1234 5678', suggestion: '+86 138 **** 5678' }],
    },
    {
      name: '+86 prefix, no separator',
      text: '电话+8613812345678',
      found: [{ start: 2, end: 16, text: '+8613812345678', suggestion: '+86138****5678' }],
    },
    {
      name: '0086 prefix with a dash',
      text: '电话0086-15912345678',
      found: [{ start: 2, end: 18, text: '0086-15912345678', suggestion: '0086-159****5678' }],
    },
    {
      name: 'two numbers separated by 、',
      text: '联系人：张三13812345678、李四13912345678',
      found: [
        { start: 6, end: 17, text: '13812345678', suggestion: '138****5678' },
        { start: 20, end: 31, text: '13912345678', suggestion: '139****5678' },
      ],
    },
    {
      name: 'two numbers separated by a space',
      text: '电话 13812345678 13912345678',
      found: [
        { start: 3, end: 14, text: '13812345678', suggestion: '138****5678' },
        { start: 15, end: 26, text: '13912345678', suggestion: '139****5678' },
      ],
    },
    {
      name: 'next to a landline',
      text: '电话：0871-3123456，17787654321',
      found: [{ start: 16, end: 27, text: '17787654321', suggestion: '177****4321' }],
    },
    {
      name: 'in an e-mail address',
      text: '邮箱：13812345678@163.com',
      found: [{ start: 3, end: 14, text: '13812345678', suggestion: '138****5678' }],
    },
  ].map(({ name, text, found }) => ({
    name,
    text,
    errors: found.map((want) => ({ severity: 'veto' as const, messageId: 'mobileNumber', ...want })),
  })),
});

describe('personal-mobile-number on text', () => {
  it('invalid: words the message with the masked core number', () => {
    const [f] = tester.scan('电话 +86 138 1234 5678');
    expect(f.message).toBe('未脱敏的手机号码（应隐去中间四位，如 138 **** 5678）');
    expect(f.data).toEqual({ masked: '138 **** 5678' });
  });
});

const HAN = [...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后'];
const chineseText = fc.array(fc.constantFrom(...HAN, '，', '。', '：', '（', '）', '\n', ' ', '、'), { maxLength: 40 }).map((a) => a.join(''));
const mobileArb = fc.tuple(fc.constantFrom(...'3456789'), fc.stringMatching(/^\d{9}$/)).map(([second, rest]) => `1${second}${rest}`);
/** How a number is written: plain, dashes, spaces, with a prefix. */
const writtenArb = fc.tuple(mobileArb, fc.constantFrom('', '-', ' '), fc.constantFrom('', '+86', '+86 ', '86-', '0086 ')).map(([n, sep, prefix]) => ({
  core: n,
  written: prefix + n.slice(0, 3) + sep + n.slice(3, 7) + sep + n.slice(7),
}));

describe('personal-mobile-number properties', () => {
  it('finds every mobile number exactly once, with its exact range', () => {
    fc.assert(
      fc.property(chineseText, writtenArb, chineseText, (before, { written }, after) => {
        const findings = tester.scan(before + written + after);
        expect(findings).toHaveLength(1);
        expect(findings[0]).toMatchObject({ start: before.length, end: before.length + written.length, text: written });
      }),
      { numRuns: 300 },
    );
  });

  it('never finds a masked number', () => {
    fc.assert(
      fc.property(chineseText, writtenArb, fc.integer({ min: 0, max: 4 }), chineseText, (before, { written }, hide, after) => {
        // The prefix stays as written; at least one digit of the 11 is masked.
        const core = written.replace(/^(?:\+86|86-|0086 )\s?/, '');
        const head = written.slice(0, written.length - core.length);
        expect(tester.scan(before + head + maskNumber(core, 3, 4) + after)).toEqual([]);
        expect(tester.scan(before + head + maskNumber(core, 3 + hide, 4 - hide) + after)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('never finds a number inside a longer run of digits or letters', () => {
    fc.assert(
      fc.property(mobileArb, fc.stringMatching(/^[0-9A-Za-z]{1,3}$/), fc.boolean(), (n, glue, front) => {
        fc.pre(!(front && /^(?:\+?86|0086)$/.test(glue)));
        expect(tester.scan(front ? glue + n : n + glue)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('never finds numbers that are not 1[3-9] + 9 digits', () => {
    fc.assert(
      fc.property(chineseText, fc.stringMatching(/^(?:1[0-2]\d{9}|[02-9]\d{10})$/), chineseText, (before, n, after) => {
        expect(tester.scan(before + n + after)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('personal-mobile-number on pages', () => {
  /** linkedom needs a whole document (a bare fragment has no body). */
  const modelOf = (table: string) =>
    buildTextModel(parseHTML(`<!doctype html><html><body>${table}</body></html>`).document, {
      url: 'https://www.example.gov.cn/zwgk/jzmd.html',
      readability: false,
    }).model;
  const ID = `35010219900307123${idCheckChar('35010219900307123')}`;

  it('invalid: a 救助 list with name / ID / phone / landline cells: each phone in its cell', () => {
    const model = modelOf(`<table>
      <tr><th>姓名</th><th>身份证号</th><th>手机</th><th>村委会电话</th></tr>
      <tr><td>张三</td><td>${ID}</td><td>13812345678</td><td>0871-6123456</td></tr>
      <tr><td>李四</td><td>35*************123</td><td>15912345678</td><td>0871-6123457</td></tr>
      <tr><td>王五</td><td>35*************456</td><td>186<span>8765</span>4321</td><td>0871-6123458</td></tr>
    </table>`);
    const findings = tester.scan({ text: 'a 救助 list', model: () => model });
    expect(findings.map((f) => f.text)).toEqual(['13812345678', '15912345678', '18687654321']);
    for (const f of findings) expect(model.text.slice(f.start, f.end)).toBe(f.text);
  });

  it('valid: the same list masked has no findings', () => {
    const model = modelOf(`<table>
      <tr><th>姓名</th><th>手机</th><th>村委会电话</th></tr>
      <tr><td>张三</td><td>138****5678</td><td>0871-6123456</td></tr>
      <tr><td>李四</td><td>159****5678</td><td>0871-6123457</td></tr>
    </table>`);
    expect(tester.scan({ text: 'the 救助 list masked', model: () => model })).toEqual([]);
  });
});

describe('personal-mobile-number stays linear', () => {
  it.each([
    ['a 1 MB run of digits', '1'.repeat(1_000_000), 0],
    ['1 MB of mobile numbers glued together', '13812345678'.repeat(90_910), 0],
    ['1 MB of +86 prefixes', '+86'.repeat(333_334), 0],
    ['1 MB of grouped fragments', '138 1234 '.repeat(111_112), 0],
    ['numbers separated by commas (bounded: one per number)', '13812345678，'.repeat(50_000), 50_000],
  ])('%s completes with a bounded number of findings', (_name, text, expected) => {
    const result = runChecks(textModelFromPlainText(text, 'test://big'), { today: TODAY, checks: [check], budgetMs: 60_000 });
    expect(result.errors).toEqual([]);
    expect(result.findings).toHaveLength(expected);
  });
});
