import { describe, expect, it } from 'vitest';
import { PAIR_BITS, PairFlags, pairSlot } from '../../../../lib/checks/util/lm-edit';

/** The table the packed one replaces: a byte of flags per slot. */
function reference(pairs: Array<[number, number, number]>): (a: number, b: number) => number {
  const bytes = new Uint8Array(1 << PAIR_BITS);
  for (const [a, b, f] of pairs) bytes[pairSlot(a, b)] |= f;
  return (a, b) => bytes[pairSlot(a, b)];
}

describe('PairFlags (the extra- and missing-character checks’ pair table)', () => {
  for (const width of [2, 4] as const) {
    it(`gives every pair the flags a byte per slot gives it (${width} bits a slot)`, () => {
      // 60,000 random pairs of CJK characters with random flags (more than the checks hold), then 200,000
      // pairs asked: the ones added and others, whose slots neighbour added ones in the packed words.
      let seed = width;
      const rand = (n: number) => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return seed % n;
      };
      const han = () => 0x4e00 + rand(0x5200);
      const added: Array<[number, number, number]> = [];
      for (let i = 0; i < 60_000; i++) added.push([han(), han(), 1 + rand((1 << width) - 1)]);
      const flags = new PairFlags(width);
      for (const [a, b, f] of added) flags.add(a, b, f);
      const expected = reference(added);
      let wrong = 0;
      let set = 0;
      for (const [a, b] of added) if (flags.get(a, b) !== expected(a, b)) wrong++;
      for (let i = 0; i < 200_000; i++) {
        const a = han();
        const b = han();
        const got = flags.get(a, b);
        if (got !== expected(a, b)) wrong++;
        if (got) set++;
      }
      expect(wrong).toBe(0);
      // Most unrelated pairs have no flag: the table tells most text positions apart.
      expect(set / 200_000).toBeLessThan(0.3);
    });
  }

  it('keeps a flag wider than the slot out of its neighbours', () => {
    const flags = new PairFlags(2);
    flags.add(0x4e00, 0x4e01, 0xff);
    expect(flags.get(0x4e00, 0x4e01)).toBe(3);
  });
});
