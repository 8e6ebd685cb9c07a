#!/usr/bin/env node
// Builds lib/data/lexicon/near-miss-lexicon.json: the four-character words and 成语 that typo-near-miss
// proposes as corrections, and the two-character 公文 words that typo-fragment proposes. Sources (MIT; copies in ../shared/corpora, see its README):
//  - thunlp/THUOCL data/THUOCL_chengyu.txt @ a30ce79d: 成语 with document frequency ≥ MIN_FREQ (frequent ones only:
//    a rare 成语 one character away from ordinary text would make false alarms);
//  - aopolin-lv/ECSpell 公文写作.txt @ 025bf43f: 公文 words of four characters;
//  - lib/data/lexicon/official-terms.txt: the maintainers' list of current official terms.
// Minus lib/data/lexicon/excluded.txt (entries that are themselves doubtful, with reasons).
// Usage: node scripts/build-lexicon.mjs [corpora dir]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN_FREQ = 100;
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpora = resolve(process.argv[2] ?? resolve(repo, '../shared/corpora'));
const lines = (p) =>
  readFileSync(p, 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
const isFourHan = (w) => /^\p{Script=Han}{4}$/u.test(w);

const idioms = lines(resolve(corpora, 'wordlists/idioms_thuocl.txt'))
  .map((l) => l.split('\t').map((x) => x.trim()))
  .filter(([w, f]) => isFourHan(w) && Number(f) >= MIN_FREQ)
  .map(([w]) => w);
const official = lines(resolve(corpora, 'wordlists/official_writing_vocab.txt'))
  .map((l) => l.split('\t')[0].trim())
  .filter(isFourHan);
const own = lines(resolve(repo, 'lib/data/lexicon/official-terms.txt')).filter(isFourHan);
const excluded = new Set(lines(resolve(repo, 'lib/data/lexicon/excluded.txt')).map((l) => l.split(/\s/)[0]));

const keep = (ws) => [...new Set(ws)].filter((w) => !excluded.has(w)).sort();
// 成语 are kept apart from compound terms: the check trusts a near-miss of a 成语 more (see typo-near-miss.ts).
const idiomSet = new Set(keep(idioms));
const terms = keep([...official, ...own]).filter((w) => !idiomSet.has(w));
const words = [...idiomSet, ...terms];
// Two-character 公文 words: the corrections typo-fragment proposes for a character left on its own.
const pairs = keep(
  lines(resolve(corpora, 'wordlists/official_writing_vocab.txt'))
    .map((l) => l.split('\t')[0].trim())
    .filter((w) => /^\p{Script=Han}{2}$/u.test(w)),
);
const out = {
  description: `Four-character words and 成语 proposed as corrections by typo-near-miss. Built by scripts/build-lexicon.mjs: THUOCL 成语 with document frequency >= ${MIN_FREQ}, ECSpell 公文写作 four-character words, lib/data/lexicon/official-terms.txt, minus lib/data/lexicon/excluded.txt.`,
  sources: [
    'thunlp/THUOCL data/THUOCL_chengyu.txt @ a30ce79d (MIT)',
    'aopolin-lv/ECSpell csc_evaluation/data/wordlist/公文写作.txt @ 025bf43f (MIT)',
    'lib/data/lexicon/official-terms.txt (GovReview maintainers)',
  ],
  checked: '2026-11-22',
  counts: { idioms: idiomSet.size, terms: terms.length, pairs: pairs.length, excluded: excluded.size, total: words.length },
  idioms: [...idiomSet].join(''),
  terms: terms.join(''),
  pairs: pairs.join(''),
};
writeFileSync(resolve(repo, 'lib/data/lexicon/near-miss-lexicon.json'), `${JSON.stringify(out, null, 1)}\n`);
console.log(`near-miss-lexicon.json: ${words.length} words`, out.counts);
