import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OneSubstitutionMatcher, type SubstitutionMatch } from '../../lib/text/one-substitution';

/** The obvious search: every window of every known string's length with exactly one difference. */
function naive(known: readonly string[], text: string): SubstitutionMatch[] {
  const out: SubstitutionMatch[] = [];
  known.forEach((s, k) => {
    for (let i = 0; i + s.length <= text.length; i++) {
      const diffs: number[] = [];
      for (let j = 0; j < s.length && diffs.length < 2; j++) if (text[i + j] !== s[j]) diffs.push(j);
      if (diffs.length === 1) {
        const d = diffs[0];
        out.push({ start: i, end: i + s.length, known: k, position: i + d, written: text[i + d], right: s[d] });
      }
    }
  });
  return out.sort((a, b) => a.start - b.start || a.known - b.known);
}

describe('OneSubstitutionMatcher', () => {
  it('finds a slip with its position and characters, and not the exact string', () => {
    const m = new OneSubstitutionMatcher(['中华人民共和国', '扫黑除恶']);
    expect(m.findAll('中华人民共合国成立。扫黑险恶，扫黑除恶')).toEqual([
      { start: 0, end: 7, known: 0, position: 5, written: '合', right: '和' },
      { start: 10, end: 14, known: 1, position: 12, written: '险', right: '除' },
    ]);
    expect(m.findAll('中华人民共和国')).toEqual([]);
  });

  it('finds a change in the first, middle and last character of a 3-character string', () => {
    const m = new OneSubstitutionMatcher(['习近平']);
    expect(m.findAll('席近平').map((x) => x.position)).toEqual([0]);
    expect(m.findAll('习进平').map((x) => x.position)).toEqual([1]);
    expect(m.findAll('习近评').map((x) => x.position)).toEqual([2]);
    expect(m.findAll('席进平')).toEqual([]);
  });

  it('reports each index of duplicate and overlapping known strings', () => {
    const m = new OneSubstitutionMatcher(['依法治国', '依法治国', '法治国家']);
    expect(m.findAll('依法治省家').map((x) => [x.start, x.known])).toEqual([
      [0, 0],
      [0, 1],
      [1, 2],
    ]);
  });

  it('rejects known strings shorter than 3 or with surrogates, and skips astral written characters', () => {
    expect(() => new OneSubstitutionMatcher(['李强'])).toThrow(/shorter/);
    expect(() => new OneSubstitutionMatcher(['𠮷野家'])).toThrow(/surrogate/);
    // 𠮷 is two units: 习近𠮷 differs from 习近平 in one unit but the written unit is a surrogate.
    expect(new OneSubstitutionMatcher(['习近平']).findAll('习近\ud842\udfb7')).toEqual([]);
  });

  it('agrees with a naive search on random texts over a small alphabet', () => {
    const alphabet = /^[中国人民和共党]{3,7}$/;
    fc.assert(
      fc.property(fc.array(fc.stringMatching(alphabet), { minLength: 1, maxLength: 6 }), fc.stringMatching(/^[中国人民和共党会]{0,80}$/), (known, text) => {
        expect(new OneSubstitutionMatcher(known).findAll(text)).toEqual(naive(known, text));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with a naive search on texts built from the known strings with random slips', () => {
    const knownArb = fc.uniqueArray(fc.stringMatching(/^[甲乙丙丁戊己庚辛]{3,9}$/), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(
        knownArb,
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('甲', '乙', '子', '丑'), fc.constantFrom('', '，', '甲乙')), { maxLength: 12 }),
        (known, pieces) => {
          // Each piece: a known string with the character at some index replaced (or kept), then a separator.
          const text = pieces
            .map(([k, at, ch, sep]) => {
              const s = known[k % known.length];
              const i = at % s.length;
              return s.slice(0, i) + ch + s.slice(i + 1) + sep;
            })
            .join('');
          expect(new OneSubstitutionMatcher(known).findAll(text)).toEqual(naive(known, text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('scans 1 M characters against 300 known strings quickly', () => {
    const chars = [...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后'];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const word = (len: number) => Array.from({ length: len }, () => chars[rand(chars.length)]).join('');
    const known = Array.from({ length: 300 }, (_, i) => word(3 + (i % 10)));
    const text = Array.from({ length: 1_000_000 }, () => chars[rand(chars.length)]).join('');
    const started = performance.now();
    const found = new OneSubstitutionMatcher(known).findAll(text);
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(5000);
    // Spot-check against the naive search on a slice (the naive search is too slow for the whole text).
    const slice = text.slice(0, 20_000);
    expect(found.filter((m) => m.end <= slice.length)).toEqual(naive(known, slice));
  });
});
