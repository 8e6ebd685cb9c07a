import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { numbered, parsePinyinDict } from '../../../scripts/build-pinyin';
import { expectSymmetricPairs, readPairTable } from './pair-table';

const root = join(__dirname, '..', '..', '..');

describe('scripts/build-pinyin.ts', () => {
  it('numbers tone marks (ü as v, no mark as the neutral tone 5) and refuses what is no pinyin', () => {
    expect(numbered('lǜ')).toBe('lv4');
    expect(numbered('zhōng')).toBe('zhong1');
    expect(numbered('ma')).toBe('ma5');
    expect(numbered('ń')).toBeUndefined();
  });

  it('reads go-pinyin’s table, keeping the order of the readings and dropping repeats', () => {
    const go = 'var PinyinDict = map[int]string{\n\t0x4E00: "yī,yí,yì",\n\t0x7684: "de,dí,dì,dí",\n\t0x3400: "qiū",\n}';
    expect(parsePinyinDict(go, (ch) => ch !== '\u3400')).toEqual({ 一: 'yi1 yi2 yi4', 的: 'de5 di2 di4' });
  });

  it('the shipped table has a reading for the characters of everyday text', () => {
    const table = JSON.parse(readFileSync(join(root, 'lib/data/confusion/pinyin.json'), 'utf8')) as Record<string, string>;
    for (const ch of '政府工作报告经济社会发展') expect(table[ch]).toMatch(/^[a-z]+[1-5]( [a-z]+[1-5])*$/);
    expect(table.中.split(' ')[0]).toBe('zhong1');
  });
});

describe('lib/data/confusion/glyph.json (scripts/build-glyph-confusion.ts)', () => {
  const glyph = readPairTable('glyph.json');

  it('is symmetric and never pairs a character with itself', () => {
    expectSymmetricPairs(glyph);
  });

  it('pairs the shapes a reader confuses (休/体, 己/已, 王/工, 绡/消) and not unlike ones', () => {
    expect(glyph.休).toContain('体');
    expect(glyph.己).toContain('已');
    expect(glyph.王).toContain('工');
    expect(glyph.绡).toContain('消');
    expect(glyph.休 ?? '').not.toContain('水');
  });
});
