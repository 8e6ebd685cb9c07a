/**
 * A 32-bit hash of a pair of integers (a trie node and a character, two characters, an automaton state and
 * a character): the hash the open-addressing tables and their HashBits filters share.
 */
export const pairHash = (a: number, b: number): number => (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) >>> 0;

/**
 * A one-bit-per-slot filter over 32-bit hashes (a Bloom filter with one hash): most text positions are
 * rejected on one bit read, before any Map lookup or
 * probe of a large table (the checks' lexicon indexes, the model's trie, the wildcard index).
 */
export class HashBits {
  private readonly bits: Uint32Array;
  private readonly shift: number;
  constructor(log2Bits: number) {
    this.bits = new Uint32Array(1 << (log2Bits - 5));
    this.shift = 32 - log2Bits;
  }
  /** Memory held, in bytes. */
  get byteLength(): number {
    return this.bits.byteLength;
  }
  add(h: number): void {
    const s = h >>> this.shift;
    this.bits[s >>> 5] |= 1 << (s & 31);
  }
  has(h: number): boolean {
    const s = h >>> this.shift;
    return (this.bits[s >>> 5] & (1 << (s & 31))) !== 0;
  }
}
