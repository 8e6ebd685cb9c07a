/**
 * Builds lib/data/confusion/pinyin.json: the readings (pinyin, tone as a digit) of every Chinese character of
 * the language model's vocabulary, from mozillazg/pinyin-data as Debian ships it in go-pinyin:
 *
 *   apt-get install golang-github-mozillazg-go-pinyin-dev
 *   npx tsx scripts/build-pinyin.ts [/usr/share/gocode/src/github.com/mozillazg/go-pinyin/pinyin_dict.go] [--out FILE]
 *
 * Source: pinyin_dict.go of go-pinyin 0.19.0 (Debian golang-github-mozillazg-go-pinyin-dev 0.19.0+ds.1-1),
 * generated from pinyin-data (kHanyuPinyin, kXHC1983, kMandarin of Unihan and corrections), MIT licence,
 * Copyright 2016 mozillazg (lib/data/confusion/NOTICE.md). The pycorrector sound tables
 * (confusion.json) miss many pairs of one reading (柯/科, 胡/湖, 一/依, 平/评): the context check takes the
 * same-sound pairs from both. Only characters of the model's words are kept (the others are never proposed).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadNodeLanguageModel } from '../cli/node-language-model';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_SOURCE = '/usr/share/gocode/src/github.com/mozillazg/go-pinyin/pinyin_dict.go';

const TONE_MARKS: Record<string, [string, number]> = {};
for (const [plain, marks] of [
  ['a', 'āáǎà'],
  ['e', 'ēéěè'],
  ['i', 'īíǐì'],
  ['o', 'ōóǒò'],
  ['u', 'ūúǔù'],
  ['ü', 'ǖǘǚǜ'],
] as const) {
  [...marks].forEach((m, k) => {
    TONE_MARKS[m] = [plain, k + 1];
  });
}

/** 'lǜ' → 'lv4', 'ma' → 'ma5' (neutral tone), 'ń' and other marks outside the table → undefined. */
export function numbered(syllable: string): string | undefined {
  let tone = 5;
  let out = '';
  for (const ch of syllable.normalize('NFC')) {
    const mark = TONE_MARKS[ch];
    if (mark) {
      out += mark[0];
      tone = mark[1];
    } else if (/[a-zü]/.test(ch)) out += ch;
    else return undefined;
  }
  return `${out.replace(/ü/g, 'v')}${tone}`;
}

function main() {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write('usage: npx tsx scripts/build-pinyin.ts [pinyin_dict.go] [--out FILE]\n');
    process.exit(0);
  }
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 && args[outAt + 1] ? resolve(args[outAt + 1]) : resolve(REPO, 'lib/data/confusion/pinyin.json');
  const source = args.find((a, i) => !a.startsWith('--') && (outAt < 0 || i !== outAt + 1)) ?? DEFAULT_SOURCE;
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (e) {
    process.stderr.write(`build-pinyin: cannot read ${source} (apt-get install golang-github-mozillazg-go-pinyin-dev): ${(e as Error).message}\n`);
    process.exit(1);
  }
  const wanted = new Set<string>();
  for (const w of loadNodeLanguageModel().words) for (const c of w) if (c >= '\u4e00' && c <= '\u9fff') wanted.add(c);
  const table = parsePinyinDict(text, (ch) => wanted.has(ch));
  const sorted = Object.fromEntries(Object.entries(table).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileSync(out, `${JSON.stringify(sorted)}\n`);
  process.stderr.write(`build-pinyin: ${Object.keys(sorted).length} of ${wanted.size} characters → ${out}\n`);
}

/** pinyin_dict.go's table: `0x4E00: "yī",` lines → character → its readings, numbered, in the file's order. */
export function parsePinyinDict(text: string, keep: (ch: string) => boolean = () => true): Record<string, string> {
  const table: Record<string, string> = {};
  for (const m of text.matchAll(/0x([0-9A-F]+): "([^"]+)"/g)) {
    const ch = String.fromCodePoint(Number.parseInt(m[1], 16));
    if (!keep(ch)) continue;
    const readings = [
      ...new Set(
        m[2]
          .split(',')
          .map(numbered)
          .filter((s): s is string => !!s),
      ),
    ];
    if (readings.length) table[ch] = readings.join(' ');
  }
  return table;
}

// Run as a script (not when a test imports it).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
