import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import check, { unitSlips } from '../../../lib/checks/typo-amount-unit';
import { ruleTester } from './rule-tester';

const tester = ruleTester(check, { today: '2026-12-06' });

/** One amount reported with the paragraph's unit: its span, the suggestion, the sum named in the message. */
const wrongUnit = (text: string, written: string, right: string, sum: string, unit = '万元') => {
  const start = text.indexOf(written);
  return {
    severity: 'deduct' as const,
    messageId: 'unit',
    start,
    end: start + written.length,
    text: written,
    suggestion: right,
    message: `“${written}”单位疑误，应为“${right}”：其中各项与总数的数字相加相等（${sum}），单位应同为“${unit}”`,
  };
};

const BUDGET =
  '一般公共预算收入88435元，完成调整预算的99.2%，其中：税收收入39029元，下降12%；非税收入49406万元，增长6.1%。上级补助收入405490万元，动用预算稳定调节基金4497万元。';
const SPENDING = '全年支出12000万元，其中：人员经费7000万元，公用经费5000元，项目支出2100万元。结转结余300万元。';

tester.run({
  valid: [
    { name: 'a breakdown in one unit', text: '全年支出12000万元，其中：人员经费7000万元，公用经费5000万元。' },
    {
      name: 'amounts that really are in different units (the figures do not add up)',
      text: '总投资1.5亿元，其中：中央资金5000万元，省级资金1亿元，县级资金300万元。',
    },
    { name: 'a breakdown that leaves items out (no sum holds)', text: '收入8000万元，其中：税收5000元，基金收入2000万元，其他收入600万元。' },
    { name: '其中 in another sentence than the total', text: '全年支出12000万元。其中：人员经费7000元、公用经费5000万元另行核算。项目300万元。' },
    { name: 'no unit the paragraph agrees on (two 元, two 万元)', text: '补助资金10000元，其中：个人补助6000元，单位补助4000万元，另拨500万元。' },
    { name: 'counts, not money', text: '全县共有12000户，其中：农业户7000户，非农业户5000户，另有100户。' },
    { name: 'a figure inside a code or a longer number', text: '编号A88435元，其中：39029元，49406万元，100万元。' },
  ],
  invalid: [
    {
      name: 'a total and an item written in 元 among 万元 (gov_pages: a 2023 budget report)',
      text: BUDGET,
      errors: [wrongUnit(BUDGET, '88435元', '88435万元', '39029 + 49406 = 88435'), wrongUnit(BUDGET, '39029元', '39029万元', '39029 + 49406 = 88435')],
    },
    {
      name: 'an item written in 元 (the items before the sum holds are the breakdown)',
      text: SPENDING,
      errors: [wrongUnit(SPENDING, '5000元', '5000万元', '7000 + 5000 = 12000')],
    },
    {
      name: 'a total in 亿元 whose items are in 万元 elsewhere too: the 亿 added',
      text: '项目总投资3000亿元，其中：中央投资1800万元，地方配套1200万元，社会资本500万元。',
      errors: [wrongUnit('项目总投资3000亿元，其中：中央投资1800万元，地方配套1200万元，社会资本500万元。', '3000亿元', '3000万元', '1800 + 1200 = 3000')],
    },
    {
      name: 'decimals, and full-width digits kept as written in the suggestion',
      text: '收入12.5万元，其中：税收７.３元，非税5.2万元，补助2万元。',
      errors: [wrongUnit('收入12.5万元，其中：税收７.３元，非税5.2万元，补助2万元。', '７.３元', '７.３万元', '7.3 + 5.2 = 12.5')],
    },
    {
      name: 'a 万 added: the paragraph writes 元',
      text: '补助资金10000元，其中：个人补助6000元，单位补助4000万元。',
      errors: [wrongUnit('补助资金10000元，其中：个人补助6000元，单位补助4000万元。', '4000万元', '4000元', '6000 + 4000 = 10000', '元')],
    },
  ],
});

describe('typo-amount-unit: hostile input', () => {
  it('a paragraph of 20,000 breakdowns is read in one pass (within the engine budget), each sum on its own', () => {
    const unit = '收入30万元，其中甲10万元、乙20万元；';
    const slip = '收入30万元，其中甲10元、乙20万元；';
    const text = unit.repeat(10_000) + slip + unit.repeat(10_000);
    const found = tester.scan(text);
    expect(found.map((f) => [f.text, f.suggestion, f.start])).toEqual([['10元', '10万元', unit.length * 10_000 + slip.indexOf('10元')]]);
  });
});

describe('typo-amount-unit: properties', () => {
  const FIG = fc.integer({ min: 1, max: 99999 });
  const UNITS = ['元', '万元', '亿元'];

  it('a breakdown whose figures add up in one unit is never reported', () => {
    fc.assert(
      fc.property(fc.array(FIG, { minLength: 2, maxLength: 6 }), fc.constantFrom(...UNITS), (parts, unit) => {
        const total = parts.reduce((a, b) => a + b, 0);
        const text = `总额${total}${unit}，其中：${parts.map((p, i) => `第${i + 1}项${p}${unit}`).join('，')}。`;
        expect(unitSlips(text)).toEqual([]);
      }),
    );
  });

  it('one item of a sum written in another unit than the rest of its paragraph is the one reported', () => {
    fc.assert(
      fc.property(fc.array(FIG, { minLength: 2, maxLength: 6 }), fc.nat(), fc.constantFrom('元', '亿元'), (parts, pick, other) => {
        const total = parts.reduce((a, b) => a + b, 0);
        const odd = pick % parts.length;
        const text = `总额${total}万元，其中：${parts.map((p, i) => `第${i + 1}项${p}${i === odd ? other : '万元'}`).join('，')}。`;
        const slips = unitSlips(text);
        expect(slips).toHaveLength(1);
        expect(slips[0].unit).toBe('万元');
        expect(slips[0].wrong.map((a) => text.slice(a.start, a.end))).toEqual([`${parts[odd]}${other}`]);
      }),
    );
  });
});
