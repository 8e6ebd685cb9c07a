import { describe, expect, it } from 'vitest';
import data from '../../../lib/data/confusion/to-traditional.json';
import { defineCheck } from '../../../lib/engine/define-check';
import { runChecks } from '../../../lib/engine/engine';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import { firstTraditional, pageForms, toPageTraditional } from '../../../lib/text/to-traditional';
import { foldTraditional } from '../../../lib/text/traditional';
import { parseTable, traditionalForms, traditionalPhrases } from '../../../scripts/build-traditional';

describe('the table back to traditional (scripts/build-traditional.ts → to-traditional.json)', () => {
  it('keeps the characters that change, with their first form, and the phrases that differ from them', () => {
    const st = parseTable('发\t發 髮\n后\t後 后\n系\t系 係 繫\n国\t國\n㐷\t傌\n');
    // 系 stays first; 㐷 lies outside the basic block.
    expect(traditionalForms(st)).toEqual({ characters: '发后国', traditional: '發後國' });
    const phrases = parseTable('头发\t頭髮\n发展\t發展\n皇后\t皇后\n关系\t關係\n');
    // 发展 is its characters' first forms; 头发, 皇后 and 关系 (系 → 係) are not.
    expect(traditionalPhrases(phrases, st)).toEqual([
      ['关系', '關係'],
      ['头发', '頭髮'],
      ['皇后', '皇后'],
    ]);
  });

  it('ships the table with its source and licence', () => {
    expect(data.license).toBe('Apache-2.0');
    expect(data.source).toMatch(/OpenCC/);
    expect(data.traditional).toHaveLength(data.characters.length);
    for (const entry of data.phrases.split(' ')) expect(entry.length % 2).toBe(0);
    expect(firstTraditional('国')).toBe('國');
    expect(firstTraditional('人')).toBe('人');
  });
});

describe('toPageTraditional (lib/text/to-traditional.ts)', () => {
  it("converts with OpenCC's phrases first, then each character's first form; other text stays", () => {
    expect(toPageTraditional('社会保障')).toBe('社會保障');
    expect(toPageTraditional('头发')).toBe('頭髮');
    expect(toPageTraditional('发展')).toBe('發展');
    expect(toPageTraditional('皇后')).toBe('皇后');
    expect(toPageTraditional('2019年，GDP增长5%')).toBe('2019年，GDP增長5%');
  });

  it("prefers the page's own forms where the phrases do not decide", () => {
    // The page writes 台 (not OpenCC's first, 臺) and 裡 (not 裏).
    const written = '台灣在這裡，台北在那裡。';
    const forms = pageForms(written, foldTraditional(written));
    expect(toPageTraditional('台湾这里', forms)).toBe('台灣這裡');
    expect(toPageTraditional('台湾这里')).toBe('臺灣這裏');
    // A phrase's own choice still wins (发 in 头发 is 髮, whatever the page writes for 发).
    const f2 = pageForms('發展', '发展');
    expect(toPageTraditional('头发', f2)).toBe('頭髮');
  });

  it('folding a converted text gives the text back', () => {
    const text = '以习近平同志为核心的党中央坚强领导下，全面建设社会主义现代化国家';
    expect(foldTraditional(toPageTraditional(text))).toBe(text);
  });
});

describe('a finding on a page written in traditional characters (engine)', () => {
  const check = defineCheck({
    meta: {
      id: 'demo',
      category: 'typo' as const,
      defaultSeverity: 'deduct' as const,
      indicator: { 'zh-CN': '错别字', en: 'typo' },
      description: { 'zh-CN': '测试', en: 'test' },
      messages: { slip: { 'zh-CN': '疑漏字：“{{written}}”应为“{{right}}”（{{rule}}）', en: '"{{written}}" should be "{{right}}" ({{rule}})' } },
    },
    run(ctx) {
      const at = ctx.model.text.indexOf('社会障');
      if (at >= 0) {
        ctx.report({ messageId: 'slip', data: { written: '社会障', right: '社会保障', rule: '国家标准' }, start: at, end: at + 3, suggestion: '社会保障' });
      }
    },
  });

  it('quotes the page, and gives the correction and the message in its characters; a rule stays as it is', () => {
    const model = textModelFromPlainText('完善社會障體系，發展經濟。', 'x.txt');
    const [f] = runChecks(model, { today: '2026-12-06', checks: [check] }).findings;
    expect(f.text).toBe('社會障');
    expect(f.suggestion).toBe('社會保障');
    expect(f.data).toEqual({ written: '社會障', right: '社會保障', rule: '国家标准' });
    expect(f.message).toBe('疑漏字：“社會障”应为“社會保障”（国家标准）');
  });

  it('on a simplified page, everything stays as the check reported it', () => {
    const model = textModelFromPlainText('完善社会障体系，发展经济。', 'x.txt');
    const [f] = runChecks(model, { today: '2026-12-06', checks: [check] }).findings;
    expect([f.text, f.suggestion, f.message]).toEqual(['社会障', '社会保障', '疑漏字：“社会障”应为“社会保障”（国家标准）']);
  });
});
