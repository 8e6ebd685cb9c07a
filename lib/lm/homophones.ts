/**
 * Two-character words by their sounds: what a pinyin input method offers for one string of syllables
 * (规模 guimo → 鬼魔, 依托 yituo → 一坨). Each character's first reading in lib/data/confusion/pinyin.json
 * (pinyin-data, MIT) is its sound; a word's key is its two toneless syllables. Built once per model.
 */
import pinyin from '../data/confusion/pinyin.json';
import type { LanguageModel } from './model';

const HAN0 = 0x4e00;
const HAN_COUNT = 0x9fff - HAN0 + 1;
/** Per character: its syllable number (toneless, 1-based; 0: no reading known) and its tone. */
let syllableOf: Uint16Array | undefined;
let toneOf: Uint8Array | undefined;

function readings(): void {
  syllableOf = new Uint16Array(HAN_COUNT);
  toneOf = new Uint8Array(HAN_COUNT);
  const numbers = new Map<string, number>();
  for (const [ch, all] of Object.entries(pinyin as Record<string, string>)) {
    const code = ch.charCodeAt(0);
    if (code < HAN0 || code > 0x9fff) continue;
    const first = all.split(' ')[0];
    const base = first.slice(0, -1);
    let n = numbers.get(base);
    if (n === undefined) numbers.set(base, (n = numbers.size + 1));
    syllableOf[code - HAN0] = n;
    toneOf[code - HAN0] = Number(first.slice(-1));
  }
}

function syllable(code: number): number {
  if (!syllableOf) readings();
  return code >= HAN0 && code <= 0x9fff ? syllableOf![code - HAN0] : 0;
}

/** Whether two characters, sounding alike, differ in tone (their first readings). */
export function otherTone(a: number, b: number): boolean {
  if (!toneOf) readings();
  return toneOf![a - HAN0] !== toneOf![b - HAN0];
}

const indexes = new WeakMap<LanguageModel, Map<number, Int32Array>>();

/** The two-character words of the model by the key of their syllables. */
function indexOf(model: LanguageModel): Map<number, Int32Array> {
  let idx = indexes.get(model);
  if (idx) return idx;
  const lists = new Map<number, number[]>();
  model.words.forEach((w, id) => {
    if (w.length !== 2) return;
    const a = syllable(w.charCodeAt(0));
    const b = syllable(w.charCodeAt(1));
    if (!a || !b) return;
    const key = a * 65536 + b;
    const list = lists.get(key);
    if (list) list.push(id);
    else lists.set(key, [id]);
  });
  idx = new Map([...lists].map(([k, v]) => [k, Int32Array.from(v)]));
  indexes.set(model, idx);
  return idx;
}

const NONE = new Int32Array(0);

/** The model's two-character words that sound like text[at, at + 2) (the word itself among them, when known). */
export function homophonesOf(model: LanguageModel, text: string, at: number): Int32Array {
  const a = syllable(text.charCodeAt(at));
  const b = syllable(text.charCodeAt(at + 1));
  if (!a || !b) return NONE;
  return indexOf(model).get(a * 65536 + b) ?? NONE;
}
