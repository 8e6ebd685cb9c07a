/**
 * Two-character words by their sounds: what a pinyin input method offers for one string of syllables
 * (规模 guimo → 鬼魔, 依托 yituo → 一坨). Each character's first reading (readings.ts) is its sound; a word's
 * key is its two toneless syllables. Built once per model.
 */
import type { LanguageModel } from './model';
import { syllableOf as syllable, toneOf } from './readings';

/** Whether two characters, sounding alike, differ in tone (their first readings). */
export function otherTone(a: number, b: number): boolean {
  return toneOf(a) !== toneOf(b);
}

/** Per model: its two-character words sorted by the key of their syllables (keys and ids side by side). */
const indexes = new WeakMap<LanguageModel, { keys: Float64Array; ids: Int32Array }>();
const ID_SPACE = 2 ** 20;

/** The two-character words of the model by the key of their syllables: one pass, one native sort. */
export function homophoneIndex(model: LanguageModel): { keys: Float64Array; ids: Int32Array } {
  let idx = indexes.get(model);
  if (idx) return idx;
  const packed: number[] = [];
  const { words } = model;
  for (let id = 0; id < words.length; id++) {
    const w = words[id];
    if (w.length !== 2) continue;
    const a = syllable(w.charCodeAt(0));
    const b = syllable(w.charCodeAt(1));
    if (a && b) packed.push((a * 65536 + b) * ID_SPACE + id);
  }
  const sorted = Float64Array.from(packed).sort();
  const keys = new Float64Array(sorted.length);
  const ids = new Int32Array(sorted.length);
  for (let k = 0; k < sorted.length; k++) {
    keys[k] = Math.floor(sorted[k] / ID_SPACE);
    ids[k] = sorted[k] - keys[k] * ID_SPACE;
  }
  idx = { keys, ids };
  indexes.set(model, idx);
  return idx;
}

const NONE = new Int32Array(0);

/** The model's two-character words that sound like text[at, at + 2) (the word itself among them, when known). */
export function homophonesOf(model: LanguageModel, text: string, at: number): Int32Array {
  const a = syllable(text.charCodeAt(at));
  const b = syllable(text.charCodeAt(at + 1));
  if (!a || !b) return NONE;
  const { keys, ids } = homophoneIndex(model);
  const key = a * 65536 + b;
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < keys.length && keys[end] === key) end++;
  return end > lo ? ids.subarray(lo, end) : NONE;
}
