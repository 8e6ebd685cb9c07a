import { describe, expect, it } from 'vitest';
import data from '../../lib/data/confusion/confusion.json';
import glyph from '../../lib/data/confusion/glyph.json';
import stroke from '../../lib/data/confusion/stroke.json';
import { confusables, isConfusable, isConfusableCode, isShapeAlikeCode, type ConfusionKind } from '../../lib/data/confusables';

describe('isConfusable', () => {
  it('answers by the tables, either direction, whatever was asked before', () => {
    // Every listed pair of a few hundred characters, and as many unlisted ones, for the default kinds (asked
    // twice: the second time from its per-character cache) and for each kind alone.
    const chars = Object.keys(data.sound).slice(0, 300);
    const kinds: ConfusionKind[][] = [['sound'], ['tone'], ['shape'], ['sound', 'shape']];
    let listed = 0;
    for (const a of chars) {
      const partners = [...confusables(a)].slice(0, 20);
      for (const b of [...partners, ...chars.slice(0, 5)]) {
        const want = a !== b && (confusables(a).includes(b) || confusables(b).includes(a));
        if (want) listed++;
        expect(isConfusable(a, b)).toBe(want);
        expect(isConfusable(b, a)).toBe(want);
        expect(isConfusable(a, b)).toBe(want);
        for (const k of kinds) expect(isConfusable(a, b, k)).toBe(a !== b && (confusables(a, k).includes(b) || confusables(b, k).includes(a)));
      }
    }
    expect(listed).toBeGreaterThan(1000);
    expect(isConfusable('在', '在')).toBe(false);
    expect(isConfusable('在', '再')).toBe(true);
  });
});

describe('isConfusableCode and isShapeAlikeCode', () => {
  const code = (c: string) => c.charCodeAt(0);
  /** Every character of the tables with its listed partners, and each against a few characters of other entries. */
  function pairsOf(tables: Record<string, string>[]): [string, string][] {
    const keys = [...new Set(tables.flatMap((t) => Object.keys(t)))];
    const out: [string, string][] = [];
    keys.forEach((a, i) => {
      for (const t of tables) for (const b of t[a] ?? '') out.push([a, b], [b, a]);
      for (let k = 1; k <= 3; k++) out.push([a, keys[(i * 7 + k * 131) % keys.length]]);
    });
    return out;
  }

  it('answer as the string form and the shape tables do, for every listed pair and many unlisted ones', () => {
    let yes = 0;
    let no = 0;
    for (const [a, b] of pairsOf([data.sound, data.tone, data.shape])) {
      const want = isConfusable(a, b);
      expect(isConfusableCode(code(a), code(b))).toBe(want);
      if (want) yes++;
      else no++;
    }
    for (const [a, b] of pairsOf([glyph, stroke])) {
      // The tables as listed (each is symmetric): the relation isShapeAlikeCode holds.
      const listed = (t: Record<string, string>) => (t[a] ?? '').includes(b);
      const want = a !== b && (listed(glyph) || listed(stroke));
      expect(isShapeAlikeCode(code(a), code(b))).toBe(want);
      if (want) yes++;
      else no++;
    }
    // Both answers occur often: the comparison is no run of one answer.
    expect(yes).toBeGreaterThan(100_000);
    expect(no).toBeGreaterThan(10_000);
  });

  it('never pair a character with itself', () => {
    expect(isConfusableCode(code('在'), code('在'))).toBe(false);
    expect(isShapeAlikeCode(code('力'), code('力'))).toBe(false);
    expect(isConfusableCode(code('在'), code('再'))).toBe(true);
    expect(isShapeAlikeCode(code('力'), code('办'))).toBe(true);
    expect(isShapeAlikeCode(code('办'), code('力'))).toBe(true);
  });
});
