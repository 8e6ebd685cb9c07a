import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as jieba from 'jieba-wasm';
import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/expression-hmt';
import hmt from '../../../lib/data/rules/hmt.json';
import { runChecks } from '../../../lib/engine/engine';
import { jiebaSegmenter } from '../../../lib/engine/segmenter';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import type { Finding } from '../../../lib/engine/types';

const TODAY = '2026-11-22';
const segmenter = jiebaSegmenter(jieba);

function scan(text: string, withSegmenter = true): Finding[] {
  const result = runChecks(textModelFromPlainText(text, 'file:///t.txt'), { today: TODAY, checks: [check], segmenter: withSegmenter ? segmenter : undefined });
  expect(result.errors).toEqual([]);
  return result.findings;
}

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

describe('expression-hmt on text', () => {
  it.each([
    ['中澳 is Australia: the free trade agreement', '签署中韩、中澳自贸协定'],
    ['中澳关系 and 中澳合作 (Australia)', '中澳关系稳步发展，中澳合作不断深化'],
    ['数据中台 (IT platform)', '建设全市数据中台'],
    ['数据中台 followed by 合作', '数据中台合作伙伴'],
    ['业务中台 and 技术中台', '业务中台和技术中台建设'],
    ['place names with 中台', '中台村、中台镇'],
    ['中港城 (place name)', '位于中港城'],
    ['中港 as 中国港湾 (a company)', '中港集团承建'],
    ['香港中文大学', '香港中文大学'],
    ['其中 before 港澳台', '其中港澳台同胞300人'],
    ['其中 before 港口', '其中港口吞吐量增长'],
    ['the right counterparts', '内地与香港、大陆与台湾'],
    ['中国香港 has no joiner', '中国香港、中国澳门'],
    ['中国大陆和台湾', '中国大陆和台湾'],
    ['海峡两岸和香港、澳门', '海峡两岸和香港、澳门'],
    ['粤港澳大湾区', '粤港澳大湾区'],
    ['国家和地区', '美国、日本、中国香港等国家和地区'],
    ['国家（地区）', '台湾等国家（地区）'],
    ['a list of regions only', '香港、澳门等地区'],
    ['the items are universities, not the regions', '香港大学、澳门大学等国家重点实验室'],
    ['等国家领导人 is another 国家', '习近平主席等国家领导人出访多国'],
    ['a list of countries only', '来自日本、韩国等国家'],
  ])('valid: %s', (_name, text) => {
    expect(scan(text)).toEqual([]);
  });

  it.each([
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
  ])('invalid: $name', ({ text, found }) => {
    const findings = scan(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ check: 'expression-hmt', category: 'expression', severity: 'veto', ...found, end: found.start + found.text.length });
    expect(text.slice(findings[0].start, findings[0].end)).toBe(found.text);
  });

  it('invalid: names the region in a country list', () => {
    const [f] = scan('美国、日本、台湾等国家');
    expect(f.message).toBe('列举中的“台湾”不是国家，“等国家”应为“等国家和地区”');
    expect(f.data).toMatchObject({ region: '台湾' });
  });

  it('without a segmenter, entries that need word boundaries report nothing; the others still do', () => {
    expect(scan('推进中港两地合作；中国与香港签署协议', false)).toEqual([]);
    expect(scan('两岸三地青年论坛；台湾等国家', false).map((f) => f.text)).toEqual(['两岸三地', '等国家']);
  });
});

describe('expression-hmt data', () => {
  it('finds every term entry in its context, with its right form, and never the right form', () => {
    for (const e of terms) {
      const context = e.followedBy?.[0] ?? '';
      expect(scan(`。${e.wrong}${context}。`).map((f) => f.suggestion)).toEqual([e.right]);
      expect(scan(`。${e.right}${context}。`)).toEqual([]);
    }
  });

  it('finds every pair with every joiner', () => {
    for (const e of pairs)
      for (const j of e.joiners) {
        expect(scan(`。${e.first}${j}${e.second}。`).map((f) => f.suggestion)).toEqual([`${e.replaceFirst}${j}${e.second}`]);
        expect(scan(`。${e.replaceFirst}${j}${e.second}。`)).toEqual([]);
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
    expect(lines.flatMap((l) => scan(l).map((f) => `${l} → ${f.text}`))).toEqual([]);
  });
});
