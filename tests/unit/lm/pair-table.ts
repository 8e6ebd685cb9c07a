import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/** A table of character pairs of lib/data/confusion/ (character → the characters paired with it). */
export function readPairTable(name: string): Record<string, string> {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'lib/data/confusion', name), 'utf8')) as Record<string, string>;
}

/** Asserts that every pair of the table is there both ways and that no character is paired with itself. */
export function expectSymmetricPairs(table: Record<string, string>): void {
  for (const [a, bs] of Object.entries(table)) {
    for (const b of bs) {
      expect(b).not.toBe(a);
      expect(table[b] ?? '').toContain(a);
    }
  }
}
