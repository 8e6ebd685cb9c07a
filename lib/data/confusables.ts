import data from './confusion/confusion.json';
import glyph from './confusion/glyph.json';
import stroke from './confusion/stroke.json';

/** How two characters are confused: same pinyin and tone, same pinyin other tone, similar shape. */
export type ConfusionKind = 'sound' | 'tone' | 'shape';

const tables: Record<ConfusionKind, Record<string, string>> = { sound: data.sound, tone: data.tone, shape: data.shape };
const ALL_KINDS: readonly ConfusionKind[] = ['sound', 'tone', 'shape'];

/**
 * Characters easily written for `ch` (and so, read the other way, that `ch` may have been written for),
 * from pycorrector's confusion sets (lib/data/confusion/NOTICE.md). A candidate generator: checks
 * report nothing on this relation alone.
 */
export function confusables(ch: string, kinds: readonly ConfusionKind[] = ALL_KINDS): string {
  let out = '';
  for (const k of kinds) out += tables[k][ch] ?? '';
  return out;
}

/** Whether `a` and `b` are confusable by one of `kinds` (either direction). */
export function isConfusable(a: string, b: string, kinds: readonly ConfusionKind[] = ALL_KINDS): boolean {
  if (a === b) return false;
  // The three lists joined once per character (typo-near-miss asks at many places of a text); other kinds
  // table by table.
  if (kinds === ALL_KINDS) return allOf(a).includes(b) || allOf(b).includes(a);
  for (const k of kinds) if (tables[k][a]?.includes(b) || tables[k][b]?.includes(a)) return true;
  return false;
}

const joined = new Map<string, string>();

function allOf(ch: string): string {
  let got = joined.get(ch);
  if (got === undefined) joined.set(ch, (got = confusables(ch, ALL_KINDS)));
  return got;
}

const glyphPairs: Record<string, string> = glyph;
const strokePairs: Record<string, string> = stroke;

/**
 * A set of ordered pairs of UTF-16 code units, as an open-addressing table of typed arrays: what a check that
 * asks at many places of a text tests by character code, with no string made of a character and none hashed
 * (a lookup by a one-character string costs more than the test it guards).
 */
class CodePairs {
  private readonly slots: Int32Array;
  private readonly shift: number;
  constructor(tables: readonly Record<string, string>[]) {
    let count = 0;
    for (const t of tables) for (const k in t) count += t[k].length;
    let bits = 4;
    while (1 << bits < count * 4) bits++;
    this.slots = new Int32Array(1 << bits);
    this.shift = 32 - bits;
    for (const t of tables)
      for (const k in t) {
        const a = k.charCodeAt(0);
        for (let i = 0; i < t[k].length; i++) {
          const b = t[k].charCodeAt(i);
          if (a !== b) this.add(a, b);
        }
      }
  }
  private add(a: number, b: number): void {
    const key = ((a << 16) | b) | 0;
    const mask = this.slots.length - 1;
    for (let h = Math.imul(key, 0x9e3779b1) >>> this.shift; ; h = (h + 1) & mask) {
      const s = this.slots[h];
      if (s === key) return;
      if (s === 0) {
        this.slots[h] = key;
        return;
      }
    }
  }
  /** Whether (a, b) was added; neither code is 0 (no key is 0). */
  has(a: number, b: number): boolean {
    const key = ((a << 16) | b) | 0;
    const mask = this.slots.length - 1;
    for (let h = Math.imul(key, 0x9e3779b1) >>> this.shift; ; h = (h + 1) & mask) {
      const s = this.slots[h];
      if (s === key) return true;
      if (s === 0) return false;
    }
  }
}

let confusablePairs: CodePairs | undefined;
let shapePairs: CodePairs | undefined;

/** `isConfusable(a, b)` over every kind, by character code. */
export function isConfusableCode(a: number, b: number): boolean {
  confusablePairs ??= new CodePairs([tables.sound, tables.tone, tables.shape]);
  return a !== b && (confusablePairs.has(a, b) || confusablePairs.has(b, a));
}

/**
 * Whether the characters coded `a` and `b` look alike by the project's own measures, beyond pycorrector's shape
 * groups: as rendered (glyph.json: 休/体, 己/已) or one being the other with a stroke or two more (stroke.json:
 * 力/办, 大/太, 业/亚). Broader than `isConfusable`'s tables, so a check that takes them asks the language model to
 * confirm (typo-near-miss).
 */
export function isShapeAlikeCode(a: number, b: number): boolean {
  shapePairs ??= new CodePairs([glyphPairs, strokePairs]);
  return a !== b && shapePairs.has(a, b);
}
