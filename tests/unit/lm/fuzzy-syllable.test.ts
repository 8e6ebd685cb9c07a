import { describe, expect, it } from 'vitest';
import { fuzzySyllableOf } from '../../../lib/lm/readings';

const fuzzy = (c: string) => fuzzySyllableOf(c.charCodeAt(0));

describe('fuzzySyllableOf', () => {
  it('merges what fuzzy pinyin merges: zh/z, ch/c, sh/s, l/n, ang/an, eng/en, ing/in', () => {
    expect(fuzzy('名')).toBe(fuzzy('民'));
    expect(fuzzy('识')).toBe(fuzzy('思'));
    expect(fuzzy('张')).toBe(fuzzy('赞'));
    expect(fuzzy('成')).toBe(fuzzy('岑'));
    expect(fuzzy('兰')).toBe(fuzzy('南'));
    expect(fuzzy('两')).toBe(fuzzy('年'));
  });

  it('keeps apart what it does not merge (ong, initials other than those), and has nothing for a non-Han character', () => {
    expect(fuzzy('中')).not.toBe(fuzzy('族'));
    expect(fuzzy('发')).not.toBe(fuzzy('花'));
    expect(fuzzy('民')).not.toBe(fuzzy('族'));
    expect(fuzzy('A')).toBe('');
  });
});
