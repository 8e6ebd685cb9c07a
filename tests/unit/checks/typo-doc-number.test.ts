import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/typo-doc-number';
import { ruleTester } from './rule-tester';

const tester = ruleTester(check, { today: '2026-12-07' });

/** A document number written against GB/T 9704-2012 7.2.4: its span from the bracket to 号, and the standard form. */
const wrong = (name: string, text: string, written: string, right: string, messageId: 'brackets' | 'sequence') => ({
  name,
  text,
  errors: [
    {
      severity: 'notice' as const,
      messageId,
      start: text.indexOf(written),
      end: text.indexOf(written) + written.length,
      text: written,
      suggestion: right,
      messageContains: `应为“${right}”（GB/T 9704-2012 7.2.4）`,
    },
  ],
});

tester.run({
  valid: [
    { name: 'numbers as the standard writes them', text: '根据国办发〔2024〕5号和京政办发〔2023〕112号文件精神' },
    { name: 'small-form brackets, which look the same on the page', text: '湘政发﹝2012﹞33号' },
    { name: 'a court’s case number (its code follows the year)', text: '（2024）京01民初123号民事判决书' },
    { name: 'a standard’s number and a bracketed year elsewhere', text: '执行GB/T 9704-2012；本办法自发布之日（2024）起施行。' },
    { name: 'a bracketed year with no abbreviation of a body before it', text: '编号：（2024）12号' },
  ],
  invalid: [
    wrong('方头括号 for 六角括号 (gov_pages)', '根据湘政发【2012】33号文件精神', '【2012】33号', '〔2012〕33号', 'brackets'),
    wrong('square brackets (gov_pages)', '按照新政办发[2021]5号要求', '[2021]5号', '〔2021〕5号', 'brackets'),
    wrong('round brackets', '粤府函（2024）12号', '（2024）12号', '〔2024〕12号', 'brackets'),
    wrong('an abbreviation ending in a character beyond the BMP (a surrogate pair, CJK Extension B)', '湘𪨶[2021]5号', '[2021]5号', '〔2021〕5号', 'brackets'),
    wrong('第 before the sequence number', '国办发〔2024〕第5号', '〔2024〕第5号', '〔2024〕5号', 'sequence'),
    wrong('a leading zero', '国办发〔2024〕05号', '〔2024〕05号', '〔2024〕5号', 'sequence'),
  ],
});

describe('typo-doc-number', () => {
  it('reports brackets and a sequence number wrong at once as one finding, with both fixed', () => {
    expect(tester.scan('国办发[2024]第05号').map((f) => [f.messageId, f.suggestion])).toEqual([['brackets', '〔2024〕5号']]);
  });
});
