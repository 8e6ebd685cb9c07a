#!/usr/bin/env node
// Builds lib/data/confusion/confusion.json from pycorrector's confusion sets (Apache-2.0; copies of the
// two files are in ../shared/corpora/confusion, see its README). For each character: the characters of the
// same pinyin (same tone, then other tones) and of similar shape. The relation only proposes candidates: a
// near-miss is reported only when the replacement makes a word of the project's lexicon and jieba leaves the
// written form as fragments (lib/checks/typo-near-miss.ts). Usage: node scripts/build-confusion.mjs [corpora dir]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = resolve(process.argv[2] ?? resolve(repo, '../shared/corpora'), 'confusion');
const han = (s) => [...s].filter((c) => /\p{Script=Han}/u.test(c));

const sound = {};
const toneless = {};
for (const line of readFileSync(resolve(dir, 'same_pinyin.txt'), 'utf8').split('\n')) {
  if (!line.trim() || line.startsWith('#')) continue;
  const [ch, same = '', other = ''] = line.split('\t');
  if ([...ch].length !== 1) continue;
  sound[ch] = [...new Set(han(same))].filter((c) => c !== ch).join('');
  toneless[ch] = [...new Set(han(other))].filter((c) => c !== ch).join('');
}
const shape = {};
for (const line of readFileSync(resolve(dir, 'same_stroke.txt'), 'utf8').split('\n')) {
  const group = [...new Set(han(line))];
  for (const ch of group) shape[ch] = [...new Set([...(shape[ch] ?? ''), ...group.filter((c) => c !== ch)])].join('');
}
const out = {
  description:
    'Characters easily written for one another: same pinyin and tone (sound), same pinyin other tone (tone), similar shape (shape). Candidate generator only; never reported on its own.',
  source: 'shibing624/pycorrector pycorrector/data/same_pinyin.txt and same_stroke.txt @ fc8aa56c (Apache-2.0), converted by scripts/build-confusion.mjs',
  license: 'Apache-2.0',
  sound,
  tone: toneless,
  shape,
};
writeFileSync(resolve(repo, 'lib/data/confusion/confusion.json'), `${JSON.stringify(out)}\n`);
console.log(`confusion.json: ${Object.keys(sound).length} characters by sound, ${Object.keys(shape).length} by shape`);
