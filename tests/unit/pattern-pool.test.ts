import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AhoCorasick } from '../../lib/text/aho-corasick';
import { PatternPool } from '../../lib/text/pattern-pool';

const triples = (ms: Array<{ start: number; end: number; pattern: number }>) => ms.map((m) => [m.start, m.end, m.pattern]);

describe('PatternPool', () => {
  it('gives each list the matches, in the order, of an automaton of its own', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.stringMatching(/^[中国台港澳]{1,4}$/), { maxLength: 6 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.stringMatching(/^[中国台港澳两岸]{0,40}$/), { minLength: 1, maxLength: 3 }),
        (lists, texts) => {
          const pool = new PatternPool();
          const pooled = lists.map((l) => pool.add(l));
          // Texts in turn, and back to the first: each list's matches follow the text asked about.
          for (const text of [...texts, texts[0]]) {
            lists.forEach((l, i) => {
              const own = l.length ? triples(new AhoCorasick(l).findAll(text)) : [];
              expect(triples(pooled[i].findAll(text))).toEqual(own);
              const seen: number[][] = [];
              pooled[i].forEachMatch(text, (s, e, p) => seen.push([s, e, p]));
              expect(seen).toEqual(own);
            });
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps a string that two lists share, and a list that holds it twice, apart', () => {
    const pool = new PatternPool();
    const a = pool.add(['国务院', '办公厅', '国务院']);
    const b = pool.add(['办公厅']);
    const text = '国务院办公厅';
    expect(triples(a.findAll(text))).toEqual([
      [0, 3, 0],
      [0, 3, 2],
      [3, 6, 1],
    ]);
    expect(triples(b.findAll(text))).toEqual([[3, 6, 0]]);
  });

  it('finds a list added after a text was scanned in that same text', () => {
    const pool = new PatternPool();
    const a = pool.add(['港澳']);
    const text = '港澳台地区';
    expect(triples(a.findAll(text))).toEqual([[0, 2, 0]]);
    const b = pool.add(['台地区']);
    expect(triples(b.findAll(text))).toEqual([[2, 5, 0]]);
    expect(triples(a.findAll(text))).toEqual([[0, 2, 0]]);
    expect(pool.size).toBe(2);
  });

  it('does not scan a text again for a list added while it is checked, and merges it for the next text', () => {
    const pool = new PatternPool();
    pool.add(['港澳']);
    const text = '港澳台地区';
    const first = pool.matchesOf(0, text);
    const late = pool.add(['台地区', '港澳']);
    expect(triples(late.findAll(text))).toEqual([
      [0, 2, 1],
      [2, 5, 0],
    ]);
    // The first list's matches are the ones found before (the same array: not scanned again).
    expect(pool.matchesOf(0, text)).toBe(first);
    // A new text is scanned once for both, by the merged automaton, with the same answers.
    const next = '台地区与港澳';
    expect(triples(late.findAll(next))).toEqual([
      [0, 3, 0],
      [4, 6, 1],
    ]);
    expect([...pool.matchesOf(0, next)]).toEqual([4, 6, 0]);
  });

  it('builds its automaton ahead of a scan with prepare, with the same answers', () => {
    const pool = new PatternPool();
    const a = pool.add(['国务院']);
    const b = pool.add(['办公厅']);
    pool.prepare();
    pool.prepare();
    expect(triples(a.findAll('国务院办公厅'))).toEqual([[0, 3, 0]]);
    expect(triples(b.findAll('国务院办公厅'))).toEqual([[3, 6, 0]]);
  });

  it('searches empty lists and empty pools without error', () => {
    const pool = new PatternPool();
    const empty = pool.add([]);
    expect(empty.findAll('中国')).toEqual([]);
    expect(pool.add(['中国']).findAll('中国')).toHaveLength(1);
    expect(empty.findAll('中国')).toEqual([]);
  });

  it('rejects an empty pattern', () => {
    expect(() => new PatternPool().add(['中国', ''])).toThrow(/empty/);
  });

  it('leaves the matches a caller is still reading alone when another text is scanned', () => {
    const pool = new PatternPool();
    const a = pool.add(['中国']);
    const seen: Array<[number, number]> = [];
    a.forEachMatch('中国中国', (s, e) => {
      seen.push([s, e]);
      a.findAll('两岸');
    });
    expect(seen).toEqual([
      [0, 2],
      [2, 4],
    ]);
  });
});
