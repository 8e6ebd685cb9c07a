import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairSubstitutionMatcher, type PairSubstitutionMatch } from '../../lib/text/pair-substitution';

/** The obvious search: every window of every known string's length differing exactly at two neighbouring positions. */
function naive(known: readonly string[], text: string, minAnchor = 2): PairSubstitutionMatch[] {
  const out: PairSubstitutionMatch[] = [];
  known.forEach((s, k) => {
    for (let i = 0; i + s.length <= text.length; i++) {
      const diffs: number[] = [];
      for (let j = 0; j < s.length; j++) if (text[i + j] !== s[j]) diffs.push(j);
      if (diffs.length !== 2 || diffs[1] !== diffs[0] + 1) continue;
      const d = diffs[0];
      // The matcher searches a pair only where the longer unchanged side anchors it.
      if (Math.max(d, s.length - d - 2) < minAnchor) continue;
      out.push({ start: i, end: i + s.length, known: k, position: i + d, written: text.slice(i + d, i + d + 2), right: s.slice(d, d + 2) });
    }
  });
  return out.sort((a, b) => a.start - b.start || a.known - b.known || a.position - b.position);
}

describe('PairSubstitutionMatcher', () => {
  it('finds two neighbouring characters replaced, with their position, and nothing else', () => {
    const m = new PairSubstitutionMatcher(['社会主义思想', '政治协商制度']);
    expect(m.findAll('坚持社会注意思想，政治斜上制度')).toEqual([
      { start: 2, end: 8, known: 0, position: 4, written: '注意', right: '主义' },
      { start: 9, end: 15, known: 1, position: 11, written: '斜上', right: '协商' },
    ]);
    // The string itself, one change, two changes apart, three in a row: none.
    expect(m.findAll('社会主义思想 社会主意思想 社会主义思享 社会注意思享 社汇注意思想')).toEqual([]);
  });

  it('finds a pair at either end through the other side, and only the pair positions asked for', () => {
    const m = new PairSubstitutionMatcher(['不忘初心']);
    expect(m.findAll('不忘出新').map((x) => x.written)).toEqual(['出新']);
    expect(m.findAll('步望初心').map((x) => x.written)).toEqual(['步望']);
    // 不忘初心 has a pair position 1 (忘初) whose anchors are one character: not searched.
    expect(m.findAll('不往出心')).toEqual([]);
    const inside = new PairSubstitutionMatcher(['社会主义思想'], () => [2]);
    expect(inside.findAll('社会注意思想').map((x) => x.position)).toEqual([2]);
    expect(inside.findAll('设回主义思想')).toEqual([]);
  });

  it('reports each index of duplicate known strings and rejects surrogates', () => {
    expect(new PairSubstitutionMatcher(['依法治国家', '依法治国家']).findAll('依法之锅家').map((x) => x.known)).toEqual([0, 1]);
    expect(() => new PairSubstitutionMatcher(['𠮷野家'])).toThrow(/surrogate/);
    expect(() => new PairSubstitutionMatcher(['依法治国'], () => [3])).toThrow(/outside/);
    expect(new PairSubstitutionMatcher(['依法治国']).findAll('依法\ud842\udfb7')).toEqual([]);
    expect(new PairSubstitutionMatcher([]).findAll('依法治国')).toEqual([]);
  });

  it('agrees with a naive search on random texts over a small alphabet', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[中国人民和共党]{2,7}$/), { minLength: 1, maxLength: 6 }),
        fc.stringMatching(/^[中国人民和共党会]{0,80}$/),
        (known, text) => {
          expect(new PairSubstitutionMatcher(known).findAll(text)).toEqual(naive(known, text));
        },
      ),
    );
  });
});
