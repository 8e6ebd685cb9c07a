import { describe, expect, it } from 'vitest';
import { loadNodeLanguageModel } from '../../../cli/node-language-model';
import { confusableCodes, confusionKind } from '../../../lib/lm/confusion-index';
import { DEFAULT_PARAMS, detect, wildcardIndex } from '../../../lib/lm/detect';
import { lockedSpans, protectedMask, segmentation, SELF, WHOLE } from '../../../lib/lm/protect';
import { buildDevSet } from '../../../scripts/devset';

const model = loadNodeLanguageModel();
const code = (c: string) => c.charCodeAt(0);

/** Locks of a text, shown as the locked characters (· for free ones, lower level 1 as the character in brackets). */
function locks(text: string): string {
  const l = lockedSpans(model, text, segmentation(model, text));
  return [...text].map((c, i) => (l[i] === WHOLE ? c : l[i] === SELF ? `[${c}]` : '·')).join('');
}

describe('confusion index', () => {
  it('knows the kind of a pair, both ways, cheapest first', () => {
    expect(confusionKind(code('在'), code('再'))).toBe(1); // same sound and tone
    expect(confusionKind(code('再'), code('在'))).toBe(1);
    expect(confusionKind(code('在'), code('仔'))).toBe(2); // other tone
    expect(confusionKind(code('腔'), code('控'))).toBe(3); // similar shape
    expect(confusionKind(code('在'), code('水'))).toBe(0);
    expect([...confusableCodes(code('在'))]).toContain(code('再'));
  });

  it('finds the words one confusable character away from a stretch of text', () => {
    const found: string[] = [];
    wildcardIndex(model).around(
      '加强环镜保护',
      3,
      0,
      6,
      () => true,
      (s, e, id) => found.push(`${s}-${e}:${model.words[id]}`),
    );
    expect(found).toContain('2-4:环境');
    expect(found.every((f) => !f.endsWith(':环镜'))).toBe(true);
  });
});

describe('protections (lib/lm/protect.ts)', () => {
  // The lexicon of 公文 words locks ordinary words too (印发, 会议): each row names what must be locked.
  it.each([
    ['a quoted title', '印发《加强环镜保护》的通知', '《加强环镜保护》'],
    ['a person beside a title', '县长吴海宏主持', '县长吴海宏'],
    ["a document number's issuing body", '临政办字〔2022〕49号', '临政办字〔'],
    ['a short quotation', '防止“非量化”倾向', '“非量化”'],
  ])('%s', (_name, text, expected) => {
    // Han characters of `expected` are all locked as a whole; its marks are shown as they are.
    const shown = locks(text);
    const at = text.indexOf(expected);
    const want = [...expected].map((c) => (/\p{Script=Han}/u.test(c) ? c : '·')).join('');
    expect(shown.slice(at, at + expected.length)).toBe(want);
  });

  it('a numeral stays, but a word around it may still be proposed', () => {
    expect(locks('第二次会议').slice(0, 5)).toBe('·[二]·');
  });

  it('a lexicon word locks only where the text has it as a word (定量 inside 稳定量食 does not)', () => {
    expect(locks('稳定量食播种面积')).not.toMatch(/量/);
    expect(locks('稳定粮食播种面积')).toMatch(/稳定/);
  });

  it('a surname among ordinary words is no name (严 in 依法严惩)', () => {
    expect(locks('要依法严诚、决不姑息')).not.toMatch(/诚/);
  });
});

describe('detect', () => {
  it('proposes the word the context wants, with its change and margin', () => {
    const [p] = detect(model, '我们要加强环镜保护');
    expect(p).toMatchObject({ start: 5, end: 7, word: '环境', at: 6, kind: 'sound' });
    expect(p.margin).toBeGreaterThan(DEFAULT_PARAMS.margin);
  });

  it('respects locks: a locked character is never changed', () => {
    const text = '我们要加强环镜保护';
    const all = new Uint8Array(text.length).fill(WHOLE);
    expect(detect(model, text, DEFAULT_PARAMS, all)).toEqual([]);
    expect(detect(model, text, DEFAULT_PARAMS, protectedMask(model, text)).map((p) => p.word)).toEqual(['环境']);
  });

  it('finds nothing in text without Chinese, and handles an empty text', () => {
    expect(detect(model, 'Government 2026-12-05, https://www.gov.cn/')).toEqual([]);
    expect(detect(model, '')).toEqual([]);
  });
});

describe('development set (scripts/devset.ts)', () => {
  it('is deterministic for a seed, half clean, each error where it says', () => {
    const a = buildDevSet(200);
    const b = buildDevSet(200);
    expect(a).toEqual(b);
    expect(a.filter((s) => !s.hasError)).toHaveLength(100);
    for (const s of a) {
      if (!s.hasError) expect(s.wrong).toBe(s.right);
      else expect(s.wrong).not.toBe(s.right);
    }
    expect(buildDevSet(200, 7)).not.toEqual(a);
  });
});
