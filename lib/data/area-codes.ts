import data from './gb2260-area-codes.json';

/**
 * GB/T 2260 administrative division codes (行政区划代码), current and retired, as the first six digits of a
 * 身份证号 carry them: people keep the code of the place and year their number was issued, so every code of
 * every revision counts. Data and its sources: lib/data/gb2260-area-codes.json.
 *
 * `codes` is a string of space-separated groups, each a 4-digit prefix followed by the 2-digit suffixes of
 * its codes ("1101000102…" → 110100, 110101, 110102, …). Decoded once, on first use.
 */
let known: Set<string> | undefined;

function decode(codes: string): Set<string> {
  const set = new Set<string>();
  for (const group of codes.split(' ')) {
    const prefix = group.slice(0, 4);
    for (let i = 4; i + 2 <= group.length; i += 2) set.add(prefix + group.slice(i, i + 2));
  }
  return set;
}

/** Every known code, sorted (for tests and generators). */
export function knownAreaCodes(): ReadonlySet<string> {
  known ??= decode(data.codes);
  return known;
}

/** Whether `code` (six digits) is a GB/T 2260 code of any revision the data holds. */
export function isKnownAreaCode(code: string): boolean {
  return code.length === 6 && knownAreaCodes().has(code);
}
