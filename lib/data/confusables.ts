import data from './confusion/confusion.json';

/** How two characters are confused: same pinyin and tone, same pinyin other tone, similar shape. */
export type ConfusionKind = 'sound' | 'tone' | 'shape';

const tables: Record<ConfusionKind, Record<string, string>> = { sound: data.sound, tone: data.tone, shape: data.shape };

/**
 * Characters easily written for `ch` (and so, read the other way, that `ch` may have been written for),
 * from pycorrector's confusion sets (lib/data/confusion/NOTICE.md). A candidate generator: checks
 * report nothing on this relation alone.
 */
export function confusables(ch: string, kinds: readonly ConfusionKind[] = ['sound', 'tone', 'shape']): string {
  let out = '';
  for (const k of kinds) out += tables[k][ch] ?? '';
  return out;
}

/** Whether `a` and `b` are confusable by one of `kinds` (either direction). */
export function isConfusable(a: string, b: string, kinds: readonly ConfusionKind[] = ['sound', 'tone', 'shape']): boolean {
  if (a === b) return false;
  // Table by table: no string is built for a question asked at many places of a text.
  for (const k of kinds) if (tables[k][a]?.includes(b) || tables[k][b]?.includes(a)) return true;
  return false;
}
