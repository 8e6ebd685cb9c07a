import * as jieba from 'jieba-wasm';
import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/typo-fragment';
import { runChecks } from '../../../lib/engine';
import { jiebaSegmenter } from '../../../lib/segmenter';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';

const segmenter = jiebaSegmenter(jieba);
const scan = (text: string, withSegmenter = true) =>
  runChecks(textModelFromPlainText(text, 'file:///t.txt'), { today: '2026-11-22', checks: [check], segmenter: withSegmenter ? segmenter : undefined }).findings;

describe('typo-fragment', () => {
  it.each([
    ['correct prose', '进一步加强队伍建设，切实保障民生，加快推进项目建设'],
    ['a pair inside a term of the lexicon (正风 in 正风肃纪)', '这是正风肃纪的要求'],
    ['a coined term in a short quotation', '防止“非粮化”倾向'],
    ['a pair written twice is a usage', '财政政策加力提效，助力企业降本提效'],
    ['function characters on either side (再/在)', '现再就去办理'],
  ])('valid: %s', (_name, text) => {
    expect(scan(text)).toEqual([]);
  });

  it.each([
    { name: 'a same-sound character inside a three-character word (积级性)', text: '调动群众的积级性', start: 5, written: '积级', right: '积极' },
    { name: 'a same-sound character left on its own (落食)', text: '要狠抓落食', start: 3, written: '落食', right: '落实' },
    { name: 'a similar-shape character (效律)', text: '提高办事效律', start: 4, written: '效律', right: '效率' },
  ])('invalid: $name', ({ text, start, written, right }) => {
    const findings = scan(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ check: 'typo-fragment', category: 'typo', severity: 'deduct', start, end: start + 2, text: written, suggestion: right });
    const open = written[0] !== right[0] ? 0 : 1;
    expect(findings[0].message).toBe(`“${written}”疑为“${right}”之误（“${written[open]}”应为“${right[open]}”）`);
  });

  it('reports nothing without a segmenter', () => {
    expect(scan('要狠抓落食', false)).toEqual([]);
  });

  it('one slip seen by two checks is one finding (the engine keeps the wider one)', async () => {
    const nearMiss = (await import('../../../lib/checks/typo-near-miss')).default;
    const text = '打赢脱贫功坚战';
    const both = runChecks(textModelFromPlainText(text, 'x'), { today: '2026-11-22', checks: [nearMiss, check], segmenter }).findings;
    expect(scan(text).map((f) => f.text)).toEqual(['功坚']); // on its own, this check sees the slip too
    expect(both.map((f) => [f.check, f.text])).toEqual([['typo-near-miss', '脱贫功坚']]);
  });
});

describe('typo-fragment and names', () => {
  it.each(['县委书记张国青同志出席会议', '国务院副总理何立峰、张国清、刘国中'])('valid: a person\'s name is no slip: %s', (text) => {
    expect(scan(text)).toEqual([]);
  });
});
