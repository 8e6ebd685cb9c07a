import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/expression-hmt';
import hmt from '../../../lib/data/rules/hmt.json';
import { ruleTester } from './rule-tester';

const tester = ruleTester(check, { segmenter: true });
const bare = ruleTester(check);

interface Term {
  kind: 'term';
  wrong: string;
  right: string;
  followedBy?: string[];
}
interface Pair {
  kind: 'pair';
  first: string;
  joiners: string[];
  second: string;
  replaceFirst: string;
}
const entries = hmt.entries as unknown as Array<Term | Pair | { kind: 'countryList' }>;
const terms = entries.filter((e): e is Term => e.kind === 'term');
const pairs = entries.filter((e): e is Pair => e.kind === 'pair');

describe('expression-hmt meta', () => {
  it('is an expression veto with bilingual messages', () => {
    expect(check.meta).toMatchObject({ id: 'expression-hmt', category: 'expression', defaultSeverity: 'veto' });
    expect(check.meta.messages.country['zh-CN']).toContain('{{region}}');
  });
});

tester.run({
  valid: [
    { name: '中澳 is Australia: the free trade agreement', text: '签署中韩、中澳自贸协定' },
    { name: '中澳关系 and 中澳合作 (Australia)', text: '中澳关系稳步发展，中澳合作不断深化' },
    { name: '数据中台 (IT platform)', text: '建设全市数据中台' },
    { name: '数据中台 followed by 合作', text: '数据中台合作伙伴' },
    { name: '业务中台 and 技术中台', text: '业务中台和技术中台建设' },
    { name: 'place names with 中台', text: '中台村、中台镇' },
    { name: '中港城 (place name)', text: '位于中港城' },
    { name: '中港 as 中国港湾 (a company)', text: '中港集团承建' },
    { name: '香港中文大学', text: '香港中文大学' },
    { name: '其中 before 港澳台', text: '其中港澳台同胞300人' },
    { name: '其中 before 港口', text: '其中港口吞吐量增长' },
    { name: 'the right counterparts', text: '内地与香港、大陆与台湾' },
    { name: '中国香港 has no joiner', text: '中国香港、中国澳门' },
    { name: '中国大陆和台湾', text: '中国大陆和台湾' },
    { name: '海峡两岸和香港、澳门', text: '海峡两岸和香港、澳门' },
    { name: '粤港澳大湾区', text: '粤港澳大湾区' },
    { name: '国家和地区', text: '美国、日本、中国香港等国家和地区' },
    { name: '国家（地区）', text: '台湾等国家（地区）' },
    { name: 'a list of regions only', text: '香港、澳门等地区' },
    { name: 'the items are universities, not the regions', text: '香港大学、澳门大学等国家重点实验室' },
    { name: '等国家领导人 is another 国家', text: '习近平主席等国家领导人出访多国' },
    { name: 'a list of countries only', text: '来自日本、韩国等国家' },
  ],
  // Every finding is a veto; `found` is the one finding of the text.
  invalid: [
    { name: '中港两地', text: '推进中港两地合作', found: { start: 2, text: '中港', suggestion: '内地与香港', messageId: 'parallel' } },
    { name: '中港司法协助 (新华社)', text: '中港司法协助安排', found: { start: 0, text: '中港', suggestion: '内地与香港', messageId: 'parallel' } },
    { name: '中台 followed by 交流', text: '促进中台两地交流', found: { start: 2, text: '中台', suggestion: '大陆与台湾', messageId: 'parallel' } },
    { name: '中澳两地 can only be Macao', text: '中澳两地居民往来', found: { start: 0, text: '中澳', suggestion: '内地与澳门', messageId: 'parallel' } },
    { name: '中港澳台', text: '中港澳台青年交流营', found: { start: 0, text: '中港澳台', suggestion: '大陆与港澳台', messageId: 'parallel' } },
    { name: '中港澳', text: '举办中港澳经贸论坛', found: { start: 2, text: '中港澳', suggestion: '内地与港澳', messageId: 'parallel' } },
    { name: '两岸三地', text: '两岸三地青年论坛', found: { start: 0, text: '两岸三地', suggestion: '海峡两岸和香港', messageId: 'parallel' } },
    { name: '两岸四地', text: '两岸四地学者参加', found: { start: 0, text: '两岸四地', suggestion: '海峡两岸和香港、澳门', messageId: 'parallel' } },
    { name: '中国与香港', text: '中国与香港签署协议', found: { start: 0, text: '中国与香港', suggestion: '内地与香港', messageId: 'parallel' } },
    { name: '中国和台湾地区', text: '中国和台湾地区的企业', found: { start: 0, text: '中国和台湾', suggestion: '大陆和台湾', messageId: 'parallel' } },
    {
      name: '中国、香港 in a list',
      text: '中国、香港、新加坡等市场',
      found: { start: 0, text: '中国、香港', suggestion: '内地、香港', messageId: 'parallel' },
    },
    {
      name: '台湾 in a list of countries',
      text: '美国、日本、台湾等国家',
      found: { start: 8, text: '等国家', suggestion: '等国家和地区', messageId: 'country' },
    },
    { name: '香港、澳门等国家', text: '香港、澳门等国家', found: { start: 5, text: '等国家', suggestion: '等国家和地区', messageId: 'country' } },
    {
      name: 'the region in the first item, after a verb',
      text: '来自台湾、日本等国家的游客',
      found: { start: 7, text: '等国家', suggestion: '等国家和地区', messageId: 'country' },
    },
  ].map(({ name, text, found }) => ({ name, text, errors: [{ severity: 'veto' as const, ...found }] })),
});

describe('expression-hmt on text', () => {
  it('invalid: names the region in a country list', () => {
    const [f] = tester.scan('美国、日本、台湾等国家');
    expect(f.message).toBe('列举中的“台湾”不是国家，“等国家”应为“等国家和地区”');
    expect(f.data).toMatchObject({ region: '台湾' });
  });

  it('without a segmenter, entries that need word boundaries report nothing; the others still do', () => {
    expect(bare.scan('推进中港两地合作；中国与香港签署协议')).toEqual([]);
    expect(bare.scan('两岸三地青年论坛；台湾等国家').map((f) => f.text)).toEqual(['两岸三地', '等国家']);
  });
});

describe('expression-hmt data', () => {
  it('finds every term entry in its context, with its right form, and never the right form', () => {
    for (const e of terms) {
      const context = e.followedBy?.[0] ?? '';
      expect(tester.scan(`。${e.wrong}${context}。`).map((f) => f.suggestion)).toEqual([e.right]);
      expect(tester.scan(`。${e.right}${context}。`)).toEqual([]);
    }
  });

  it('finds every pair with every joiner', () => {
    for (const e of pairs)
      for (const j of e.joiners) {
        expect(tester.scan(`。${e.first}${j}${e.second}。`).map((f) => f.suggestion)).toEqual([`${e.replaceFirst}${j}${e.second}`]);
        expect(tester.scan(`。${e.replaceFirst}${j}${e.second}。`)).toEqual([]);
      }
  });
});

describe('expression-hmt on the correct official vocabulary', () => {
  const lines = readFileSync(join(__dirname, '../../../lib/data/correct-vocabulary/expressions.txt'), 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);

  it('reports nothing on any line of lib/data/correct-vocabulary/expressions.txt', () => {
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.flatMap((l) => tester.scan(l).map((f) => `${l} → ${f.text}`))).toEqual([]);
  });
});
