/**
 * The first (common) reading of each character in lib/data/confusion/pinyin.json (pinyin-data, MIT): its
 * toneless syllable, as a number, and its tone; and the characters of each syllable. Only the first reading
 * counts: the others are rare and literary readings (的 dí, 堤 dī/tí) that would pair a word's character with
 * half the syllabary. Shared by the confusion pairs (confusion-index.ts) and the homophone index
 * (homophones.ts); parsed once, on first use.
 */
import pinyin from '../data/confusion/pinyin.json';

const HAN0 = 0x4e00;
const HAN_COUNT = 0x9fff - HAN0 + 1;
const NONE = new Int32Array(0);

interface Readings {
  /** Per character (code − 0x4E00): its syllable number (1-based; 0: no reading known). */
  syllableOf: Uint16Array;
  /** Per character: the tone of its first reading (1–5). */
  toneOf: Uint8Array;
  /** Per syllable number: its characters. */
  members: Int32Array[];
  /** Per syllable number: the syllable, toneless (zhong). */
  names: string[];
}

let readings: Readings | undefined;

function parse(): Readings {
  const syllableOf = new Uint16Array(HAN_COUNT);
  const toneOf = new Uint8Array(HAN_COUNT);
  const numbers = new Map<string, number>();
  const lists: number[][] = [[]];
  for (const [ch, all] of Object.entries(pinyin as Record<string, string>)) {
    const code = ch.charCodeAt(0);
    if (code < HAN0 || code > 0x9fff) continue;
    const first = all.split(' ', 1)[0];
    const base = first.slice(0, -1);
    let n = numbers.get(base);
    if (n === undefined) {
      n = lists.length;
      numbers.set(base, n);
      lists.push([]);
    }
    syllableOf[code - HAN0] = n;
    toneOf[code - HAN0] = Number(first.slice(-1));
    lists[n].push(code);
  }
  const names: string[] = [''];
  for (const [name, n] of numbers) names[n] = name;
  return { syllableOf, toneOf, members: lists.map((l) => Int32Array.from(l)), names };
}

/** The syllable number of a character's first reading (0: not a basic-block character, or no reading known). */
export function syllableOf(code: number): number {
  readings ??= parse();
  return code >= HAN0 && code <= 0x9fff ? readings.syllableOf[code - HAN0] : 0;
}

/** The tone (1–5) of a character's first reading (0 when it has none). */
export function toneOf(code: number): number {
  readings ??= parse();
  return code >= HAN0 && code <= 0x9fff ? readings.toneOf[code - HAN0] : 0;
}

/** The characters whose first reading is syllable `n`. */
export function charactersOf(n: number): Int32Array {
  readings ??= parse();
  return readings.members[n] ?? NONE;
}

/**
 * The syllable of a character's first reading as an input method with the usual fuzzy pinyin (模糊音) settings
 * types it: zh/ch/sh as z/c/s, l as n, and ang/eng/ing as an/en/in (名 míng and 民 mín alike); '' when it has
 * no reading.
 */
export function fuzzySyllableOf(code: number): string {
  readings ??= parse();
  const name = readings.names[syllableOf(code)] ?? '';
  return name
    .replace(/^([zcs])h/, '$1')
    .replace(/^l/, 'n')
    .replace(/([aei])ng$/, '$1n');
}
