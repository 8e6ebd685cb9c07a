/**
 * Builds lib/data/lm/zh-lm-neighbours.bin, the word branch's candidates of every vocabulary word of 2–4
 * characters (layout and purpose: lib/lm/word-neighbours.ts), from the shipped model (lib/data/lm/zh-lm.bin)
 * and the confusion data (lib/data/confusion/). Run it again whenever either changes; the unit tests
 * (tests/unit/lm/word-neighbours.test.ts) fail while the shipped table differs from a fresh build.
 *
 *   npx tsx scripts/build-word-neighbours.ts [--out FILE]
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MODEL_FILE, NEIGHBOURS_FILE } from '../cli/node-language-model';
import { wildcardIndex } from '../lib/lm/detect';
import { LanguageModel } from '../lib/lm/model';
import { buildWordNeighbours } from '../lib/lm/word-neighbours';
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write('usage: npx tsx scripts/build-word-neighbours.ts [--out FILE]\n');
  process.exit(0);
}
const outAt = args.indexOf('--out');
if (args.some((a, i) => a !== '--out' && i !== outAt + 1) || (outAt >= 0 && !args[outAt + 1])) {
  process.stderr.write('build-word-neighbours: unknown argument (usage: npx tsx scripts/build-word-neighbours.ts [--out FILE])\n');
  process.exit(2);
}
const out = outAt >= 0 ? resolve(args[outAt + 1]) : NEIGHBOURS_FILE;
const model = LanguageModel.fromBytes(new Uint8Array(readFileSync(MODEL_FILE)));
const t0 = performance.now();
const bytes = buildWordNeighbours(model, wildcardIndex(model));
writeFileSync(out, bytes);
process.stdout.write(`${out}: ${bytes.length} bytes (${Math.round(performance.now() - t0)} ms)\n`);
