import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/typo-name-variant';
import { runChecks } from '../../../lib/engine/engine';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import { ruleTester } from './rule-tester';

const tester = ruleTester(check);

/** Two enumerations of the same villages; the second writes one of them with a sound-alike character. */
const TWO_LISTS = '受灾的有张湾、李庄、青林、柳湾、石桥等村。转移群众安置在李庄、青琳、石桥村。';

tester.run({
  valid: [
    { name: 'the same names written alike twice', text: '涉及张湾、李庄、青林、柳湾等村。重点是李庄、青林、柳湾村。' },
    { name: 'two villages of one list one character apart (上坪、下坪; 东湖、冬湖) are two villages', text: '包括上坪、下坪、东湖、冬湖、石桥等村。' },
    {
      name: 'lists sharing one item only: nothing shows they name the same things',
      text: '涉及张湾、李庄、青林、柳湾等村。另有王庄、赵集、青琳村。',
    },
    { name: 'names one character apart that neither sound nor look alike', text: '涉及张湾、李庄、青林、柳湾等村。重点是李庄、柳湾、白林村。' },
    { name: 'names of different lengths', text: '涉及张湾、李庄、青林、柳湾等村。重点是李庄、柳湾、青琳岭村。' },
    { name: 'no enumeration of three items', text: '涉及张湾和李庄两村。重点是张湾、李庄。' },
    {
      name: 'a first item is never reported: where the enumeration begins is not marked (31个省 / 各省)',
      text: '覆盖全国31个省、自治区、直辖市和新疆生产建设兵团。各省、自治区、直辖市要抓好落实。',
    },
  ],
  invalid: [
    {
      name: 'a village written with a sound-alike character in the second list (林 / 琳)',
      text: TWO_LISTS,
      errors: [{ messageId: 'nameVariant', text: '青琳', suggestion: '青林', data: { written: '青琳', right: '青林' }, severity: 'deduct' }],
    },
    {
      name: 'the form the page writes less often is the slip, even in the first list',
      text: '涉及张湾、李庄、青琳、柳湾等村。重点是李庄、青林、柳湾村。青林村已完成搬迁。',
      errors: [{ messageId: 'nameVariant', text: '青琳', suggestion: '青林', start: 8 }],
    },
    {
      name: 'units listed twice, a shape-alike character (侯 / 候)',
      text: '参会单位有县发改局、县财政局、侯家坝村委会、县民政局。会议要求县发改局、候家坝村委会、县民政局抓好落实。',
      errors: [{ messageId: 'nameVariant', text: '候家坝村委会', suggestion: '侯家坝村委会' }],
    },
  ],
});

describe('typo-name-variant', () => {
  it('stays within its budget on a long page: a long run of Han text, and a thousand enumerations', () => {
    const run = '要加快推进产业结构优化升级实施一批技术水平高带动能力强的重大工程'.repeat(20_000);
    const lists = Array.from({ length: 1000 }, (_, i) => `第${i}批有张湾、李庄、青林、柳湾等村。`).join('');
    for (const text of [run, lists]) {
      const result = runChecks(textModelFromPlainText(text, 'x'), { today: '2026-11-22', checks: [check], budgetMs: 20_000 });
      expect(result.errors).toEqual([]);
      expect(result.findings).toEqual([]);
    }
  });

  it('reports the slip once however many lists it is compared with', () => {
    const text = '受灾的有张湾、李庄、青林、柳湾、石桥等村。已修复李庄、青林、石桥村道路。转移群众安置在李庄、青琳、石桥村。';
    const found = tester.scan(text);
    expect(found.map((f) => [f.text, f.suggestion, f.start])).toEqual([['青琳', '青林', text.lastIndexOf('青琳')]]);
  });

  it('the more frequent form wins: written twice, 青琳 is taken as the name and the single 青林 reported', () => {
    const found = tester.scan(`${TWO_LISTS}另：李庄、青琳、石桥村已完成。`);
    expect(found.map((f) => [f.text, f.suggestion])).toEqual([['青林', '青琳']]);
  });
});
