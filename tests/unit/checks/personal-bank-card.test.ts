import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/personal-bank-card';
import idCheck from '../../../lib/checks/personal-id-number';
import mobile from '../../../lib/checks/personal-mobile-number';
import { idCheckChar, isValidIdNumber } from '../../../lib/checks/util/id-number';
import { luhnCheckDigit, luhnValid } from '../../../lib/checks/util/luhn';
import { maskNumber } from '../../../lib/checks/util/mask';
import { buildTextModel } from '../../../lib/text-model/build';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import { runChecks } from '../../../lib/engine/engine';
import { ruleTester } from './rule-tester';
import type { Finding, TextModel } from '../../../lib/engine/types';

const TODAY = '2026-11-22';
const tester = ruleTester(check, { today: TODAY });

/** The three privacy checks side by side, as on a page. */
function scanAll(model: TextModel): Finding[] {
  const result = runChecks(model, { today: TODAY, checks: [idCheck, mobile, check] });
  expect(result.errors).toEqual([]);
  return result.findings;
}

/** A Luhn-valid number: payload + its check digit. */
const card = (payload: string) => payload + luhnCheckDigit(payload);
/** The same number with a wrong last digit. */
const broken = (n: string) => n.slice(0, -1) + String((Number(n.slice(-1)) + 1) % 10);
const group4 = (n: string, sep: string) => n.replace(/(\d{4})(?=\d)/g, `$1${sep}`);

const CARD19 = card('622202123456789012'); // 6222021234567890128
const CARD16 = card('411111111111111'); // 4111111111111111
const CARD18 = card('62170012345678901');
const CARD20 = card('6222021234567890123');

/** An 18-digit 身份证号 that also passes Luhn (one in ten does). */
const ID_LUHN = (() => {
  for (let seq = 0; seq < 1000; seq++) {
    const first17 = `35010219900307${String(seq).padStart(3, '0')}`;
    const id = first17 + idCheckChar(first17);
    if (luhnValid(id)) return id;
  }
  throw new Error('no Luhn-valid ID');
})();

describe('personal-bank-card meta', () => {
  it('is a privacy veto with bilingual messages and a window option', () => {
    expect(check.meta).toMatchObject({ id: 'personal-bank-card', category: 'privacy', defaultSeverity: 'veto' });
    expect(check.meta.messages.bankCard['zh-CN']).toBe('未脱敏的银行卡号（尾号 {{last4}}）');
    expect(check.meta.options?.window.default).toBe(40);
  });
});

describe('util/luhn', () => {
  it('checks and computes Luhn digits', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('7992739871x')).toBe(false);
    expect(luhnCheckDigit('7992739871')).toBe('3');
    expect(CARD19).toBe('6222021234567890128');
    expect(CARD16).toBe('4111111111111111');
    expect(isValidIdNumber(ID_LUHN, TODAY) && luhnValid(ID_LUHN)).toBe(true);
  });
});

tester.run({
  valid: [
    { name: 'Luhn-valid, no account word', text: `编号：${CARD19}` },
    { name: 'Luhn-valid, only 流水号', text: `业务流水号 ${CARD16}` },
    { name: 'Luhn-invalid, labelled', text: `银行卡号：${broken(CARD19)}` },
    { name: 'Luhn-invalid, grouped', text: `卡号：${group4(broken(CARD16), ' ')}` },
    { name: 'masked, grouped', text: '银行卡号：6222 **** **** ***0 128' },
    { name: 'masked, first 6 and last 4', text: '银行卡号：622202*********0128' },
    { name: 'only the last digits', text: '银行卡尾号0128' },
    { name: '15 digits', text: `账号：${card('62220212345678')}` },
    { name: '20 digits', text: `账号：${CARD20}` },
    { name: '20 digits in five groups', text: `账号：${group4(CARD20, ' ')}` },
    { name: 'a valid 身份证号 that passes Luhn (personal-id-number owns it)', text: `账号：${ID_LUHN}` },
    { name: 'an organisation account (户名 …财政局)', text: `户名：临沧市财政局\n开户行：中国农业银行临沧分行\n账号：${CARD19}` },
    { name: 'an organisation account (收款单位)', text: `收款单位：临沧市红十字会　开户银行：建行临沧分行　账号：${CARD19}` },
    { name: 'an organisation account (财政专户)', text: `非税收入汇缴专户 开户行：工行 账号：${CARD19}` },
    { name: 'an organisation account (户名 …中心)', text: `户名：临沧市住房公积金管理中心，账号：${CARD18}` },
    { name: 'the account word more than 40 characters before', text: `银行卡号${'，补贴资金按规定发放，请及时查收。'.repeat(3)}${CARD19}` },
    { name: 'a phone after the account word', text: '银行卡预留手机号：13812345678' },
    { name: '公安机关备案号', text: '滇公网安备 53010202000123号 账户' },
    { name: 'part of a longer run', text: `账号：${CARD19}7 账号：A${CARD16}` },
    { name: 'a decimal', text: `账户余额 0.${CARD16}` },
  ],
  // Every card is a veto, masked in the suggestion, its last four digits in the data.
  invalid: [
    {
      name: 'a labelled 19-digit number',
      text: `银行卡号：${CARD19}`,
      found: [{ start: 5, end: 24, text: CARD19, suggestion: '6222***********0128' }],
    },
    {
      name: 'a card printed after its bank branch, far below the header',
      text: `农业银行云岭支行\n${CARD19}`,
      found: [{ start: 9, end: 28, text: CARD19, suggestion: '6222***********0128' }],
    },
    {
      name: 'a 16-digit number grouped by spaces',
      text: `卡号 ${group4(CARD16, ' ')}。`,
      found: [{ start: 3, end: 22, text: '4111 1111 1111 1111', suggestion: '4111 **** **** 1111' }],
    },
    {
      name: 'a 19-digit number grouped by dashes',
      text: `收款账号：${group4(CARD19, '-')}`,
      found: [{ start: 5, end: 28, text: '6222-0212-3456-7890-128', suggestion: '6222-****-****-***0-128' }],
    },
    {
      name: 'an 18-digit number that is not a valid ID',
      text: `开户银行：农行，账号${CARD18}`,
      found: [{ start: 10, end: 28, text: CARD18, suggestion: maskNumber(CARD18, 4, 4) }],
    },
    {
      name: 'a person as 户名',
      text: `户名：张三；开户行：中国农业银行临沧分行；账号：${CARD19}`,
      found: [{ start: 24, end: 43, text: CARD19, suggestion: '6222***********0128' }],
    },
    {
      name: 'a plain-text list: the label on the first row, the next rows by chain',
      text: `姓名 银行卡号\n张三 ${CARD19}\n李四 ${CARD16}\n王五 ${CARD18}`,
      found: [
        { start: 11, end: 30, text: CARD19, suggestion: '6222***********0128' },
        { start: 34, end: 50, text: CARD16, suggestion: '4111********1111' },
        { start: 54, end: 72, text: CARD18, suggestion: maskNumber(CARD18, 4, 4) },
      ],
    },
  ].map(({ name, text, found }) => ({
    name,
    text,
    errors: found.map((want) => ({
      severity: 'veto' as const,
      messageId: 'bankCard',
      text: want.text,
      start: want.start,
      end: want.end,
      suggestion: want.suggestion,
      data: { last4: want.text.replace(/\D/g, '').slice(-4) },
    })),
  })),
});

describe('personal-bank-card on text', () => {
  it('valid: a narrower window option drops a label 30 characters away', () => {
    const text = `银行卡号（请核对本人姓名与身份证件信息后领取补贴资金）：${CARD19}`;
    expect(tester.scan(text)).toHaveLength(1);
    expect(tester.scan({ text, options: { window: 10 } })).toEqual([]);
  });

  it('invalid: the message names the last four digits', () => {
    expect(tester.scan(`银行卡号：${CARD19}`)[0].message).toBe('未脱敏的银行卡号（尾号 0128）');
  });
});

const HAN = [...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后'];
const chineseText = (maxLength: number) => fc.array(fc.constantFrom(...HAN, '，', '。', '（', '）', ' ', '、'), { maxLength }).map((a) => a.join(''));
/** A Luhn-valid 16–19-digit number that is not a valid 身份证号. */
const cardArb = fc
  .integer({ min: 15, max: 18 })
  .chain((n) => fc.stringMatching(new RegExp(`^[3-9]\\d{${n - 1}}$`)))
  .map(card)
  .filter((n) => !(n.length === 18 && isValidIdNumber(n, TODAY)));
const writtenArb = fc.tuple(cardArb, fc.constantFrom('', ' ', '-')).map(([n, sep]) => ({ digits: n, written: sep ? group4(n, sep) : n }));
const labelArb = fc.constantFrom('银行卡号：', '账号：', '卡号', '开户行：农行 账号：', '银行账户 ', '收款账号:', '社保卡号 ');

describe('personal-bank-card properties', () => {
  it('finds every labelled Luhn-valid number exactly once, with its exact range', () => {
    fc.assert(
      fc.property(chineseText(20), labelArb, chineseText(15), writtenArb, chineseText(20), (head, label, gap, { written }, tail) => {
        const before = head + label + gap;
        const findings = tester.scan(before + written + tail);
        expect(findings).toHaveLength(1);
        expect(findings[0]).toMatchObject({ start: before.length, end: before.length + written.length, text: written });
      }),
      { numRuns: 300 },
    );
  });

  it('never finds a Luhn-invalid number', () => {
    fc.assert(
      fc.property(labelArb, writtenArb, chineseText(10), (label, { digits }, tail) => {
        expect(tester.scan(label + broken(digits) + tail)).toEqual([]);
        expect(tester.scan(label + group4(broken(digits), ' ') + tail)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('never finds a number without an account word', () => {
    fc.assert(
      fc.property(chineseText(40), writtenArb, chineseText(10), (before, { written }, after) => {
        expect(tester.scan(before + written + after)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('never finds a masked number', () => {
    fc.assert(
      fc.property(labelArb, writtenArb, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 4 }), (label, { written }, keepStart, keepEnd) => {
        expect(tester.scan(label + maskNumber(written, keepStart, keepEnd))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('personal-bank-card on pages', () => {
  const ID_1 = '11010519491231002X';
  const rows = [
    ['张三', ID_1, '13812345678', CARD19],
    ['李四', ID_LUHN, '15912345678', CARD16],
    ['王五', '53*************456', '186****4321', CARD18],
    ['赵六', '53*************789', '177****1234', group4(card('621700987654321098'), ' ')],
  ];
  /** A 低保 list as county sites publish it: name, ID, phone, bank card, bank and amount in adjacent cells. */
  const html = (cardCell: (s: string) => string) => `<!doctype html><html><body>
    <p>2026年11月农村低保资金发放花名册</p>
    <table><thead><tr><th>序号</th><th>姓名</th><th>身份证号</th><th>联系电话</th><th>银行卡号</th><th>开户行</th><th>金额（元）</th></tr></thead>
    <tbody>${rows
      .map(
        ([name, id, phone, c], i) =>
          `<tr><td>${i + 1}</td><td>${name}</td><td>${id}</td><td>${phone}</td><td>${cardCell(c)}</td><td>临沧农商银行</td><td>680</td></tr>`,
      )
      .join('\n')}</tbody></table></body></html>`;
  const modelOf = (page: string) => buildTextModel(parseHTML(page).document, { url: 'https://www.example.gov.cn/zwgk/dbmd.html', readability: false }).model;

  it('invalid: finds every card in its column, not the ID that passes Luhn, cells do not run together', () => {
    const model = modelOf(html((c) => c));
    const findings = tester.scan({ text: 'a 低保 list', model: () => model });
    expect(findings.map((f) => f.text)).toEqual(rows.map((r) => r[3]));
    for (const f of findings) expect(f.start).toBe(model.text.indexOf(f.text));
    expect(model.text).toContain(`\n${ID_LUHN}\n15912345678\n${CARD16}\n临沧农商银行\n680\n`);
    // The three checks side by side: each number is reported by its own check only.
    const all = scanAll(model);
    expect(all.map((f) => [f.check, f.text])).toEqual([
      ['personal-id-number', ID_1],
      ['personal-mobile-number', '13812345678'],
      ['personal-bank-card', CARD19],
      ['personal-id-number', ID_LUHN],
      ['personal-mobile-number', '15912345678'],
      ['personal-bank-card', CARD16],
      ['personal-bank-card', CARD18],
      ['personal-bank-card', rows[3][3]],
    ]);
  });

  it('valid: the same list with masked cards has no card findings', () => {
    expect(tester.scan({ text: 'the 低保 list masked', model: () => modelOf(html((c) => maskNumber(c, 4, 4))) })).toEqual([]);
  });
});

describe('personal-bank-card stays linear', () => {
  it.each([
    ['a 1 MB run of digits', '1'.repeat(1_000_000), 0],
    ['1 MB of groups of four', '6222 '.repeat(200_000), 0],
    ['1 MB of cards glued together after a label', `账号：${CARD19.repeat(52_632)}`, 0],
    ['labelled cards (bounded: one per card)', `账号：${CARD19}，`.repeat(40_000), 40_000],
  ])('%s completes with a bounded number of findings', (_name, text, expected) => {
    const result = runChecks(textModelFromPlainText(text, 'test://big'), { today: TODAY, checks: [check], budgetMs: 60_000 });
    expect(result.errors).toEqual([]);
    expect(result.findings).toHaveLength(expected);
  });
});
