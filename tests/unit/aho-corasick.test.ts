import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AhoCorasick } from '../../lib/text/aho-corasick';

/** The obvious quadratic search, to compare against. */
function naive(patterns: string[], text: string) {
  const out: Array<[number, number, number]> = [];
  patterns.forEach((p, k) => {
    for (let i = text.indexOf(p); i !== -1; i = text.indexOf(p, i + 1)) out.push([i, i + p.length, k]);
  });
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
}

const sorted = (ms: Array<{ start: number; end: number; pattern: number }>) =>
  ms.map((m) => [m.start, m.end, m.pattern] as [number, number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);

describe('AhoCorasick', () => {
  it('finds overlapping and nested patterns', () => {
    const ac = new AhoCorasick(['农业部', '农业部门', '业部', '部门']);
    expect(sorted(ac.findAll('原农业部门户，农业部门'))).toEqual(naive(['农业部', '农业部门', '业部', '部门'], '原农业部门户，农业部门'));
  });

  it('agrees with a naive search on random texts over a small alphabet', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[中国台港澳]{1,4}$/), { minLength: 1, maxLength: 8 }),
        fc.stringMatching(/^[中国台港澳两岸]{0,60}$/),
        (patterns, text) => {
          expect(sorted(new AhoCorasick(patterns).findAll(text))).toEqual(naive(patterns, text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects an empty pattern', () => {
    expect(() => new AhoCorasick(['中国', ''])).toThrow(/empty/);
  });
});
