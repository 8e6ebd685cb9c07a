import { describe, expect, it } from 'vitest';
import traditional from '../../../lib/data/confusion/traditional.json';
import { loadNodeLanguageModel } from '../../../cli/node-language-model';
import { contextSlips } from '../../../lib/checks/typo-context';
import { lockedSpans, segmentation, WHOLE } from '../../../lib/lm/protect';
import { alsoFolded, foldedPhrases, parseTable, simplifiedForms, traditionalOnly } from '../../../scripts/build-traditional';
import { toTraditional } from '../../../scripts/opencc';
import { sharedSegmenter } from '../checks/rule-tester';

describe('traditional-only characters (scripts/build-traditional.ts → lib/data/confusion/traditional.json)', () => {
  it('keeps the characters a conversion always changes and that are no simplified character', () => {
    const ts = parseTable('# comment\n\n個\t个\n國\t国\n後\t后\n乾\t乾 干\n著\t着 著\n㑯\t㑔\n');
    const st = parseTable('后\t后 後\n干\t干 幹 乾\n着\t着 著\n');
    // 後 is kept (后 is the simplified form; 後 itself is no simplified character); 乾 and 著 stay in simplified
    // text (乾隆, 显著); 㑯 lies outside the basic block.
    expect(traditionalOnly(ts, st)).toEqual(['個', '國', '後'].sort());
    expect(() => parseTable('個 个\n')).toThrow(/not an OpenCC table line/);
  });

  it('keeps each one’s simplified form, the shared characters and the phrases that fold otherwise', () => {
    const ts = parseTable('個\t个\n國\t国\n覆\t覆\n於\t于 於\n乾\t乾 干\n𠮶\t个\n');
    const chars = ['個', '國'];
    expect(simplifiedForms(ts, chars)).toEqual(['个', '国']);
    // 於 and 乾 are simplified characters too: 於 folds (first form 于), 乾 keeps itself first.
    expect(alsoFolded(ts, chars)).toEqual(['於于']);
    const phrases = parseTable('答覆\t答复\n國家\t国家\n乾坤\t乾坤\n於是\t于是\n瞭解\t了解 瞭解\n個\t个\n');
    // 國家 and 於是 fold by character already; 答覆 (覆 stays) and 瞭解 do not; 乾坤 would not fold at all.
    expect(foldedPhrases(phrases, ts, chars, ['於于'])).toEqual([
      ['瞭解', '了解'],
      ['答覆', '答复'],
    ]);
  });

  it('ships the list with its source and licence', () => {
    expect(traditional.license).toBe('Apache-2.0');
    expect(traditional.source).toMatch(/OpenCC/);
    for (const c of '個國業們發經') expect(traditional.characters).toContain(c);
    for (const c of '后着乾国个干') expect(traditional.characters).not.toContain(c);
    expect(traditional.simplified).toHaveLength(traditional.characters.length);
    expect(traditional.simplified[traditional.characters.indexOf('國')]).toBe('国');
    expect(traditional.alsoFolded.length % 2).toBe(0);
    expect(traditional.alsoFolded).toContain('於于');
    for (const [from, to] of traditional.phrases) expect(to).toHaveLength(from.length);
  });
});

describe('a paragraph in traditional characters (lib/lm/protect.ts)', () => {
  const model = loadNodeLanguageModel();
  const seg = sharedSegmenter();

  it('is locked whole: the model finds no slips in 國 or 們', () => {
    const text = '我們在國務院的領導下，加強經濟建設。\n我们要加强环镜保护。';
    const locks = lockedSpans(model, text, segmentation(model, text));
    const nl = text.indexOf('\n');
    expect([...locks.slice(0, nl)].every((l) => l === WHOLE)).toBe(true);
    // The simplified paragraph after it is checked as ever.
    expect(contextSlips(text, model, seg).map((p) => text.slice(p.start, p.end))).toEqual(['环镜']);
    expect(contextSlips(text.slice(0, nl), model, seg)).toEqual([]);
  });

  it('one or two traditional characters in a simplified paragraph are no traditional text (繁简混用 stays a finding)', () => {
    const text = '我們要加强环境保护，推进生态文明建设。';
    const locks = lockedSpans(model, text, segmentation(model, text));
    expect(locks[1]).not.toBe(WHOLE);
    expect(contextSlips(text, model, seg).map((p) => p.word)).toContain('我们');
  });
});

describe('simplified → traditional for the eval (scripts/opencc.ts, OpenCC s2t tables)', () => {
  it('converts by character, a phrase of the table first (头发 → 頭髮, where 发 alone is 發), leaving the rest', () => {
    expect(toTraditional('国务院总理李克强')).toBe('國務院總理李克強');
    expect(toTraditional('头发和发展')).toBe('頭髮和發展');
    expect(toTraditional('2025年，GDP增长5%')).toBe('2025年，GDP增長5%');
  });
});
