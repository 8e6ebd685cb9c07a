import { describe, expect, it } from 'vitest';
import data from '../../lib/data/confusion/confusion.json';
import { confusables, isConfusable, type ConfusionKind } from '../../lib/data/confusables';

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
