/**
 * Builds lib/data/lm/zh-lm-neighbours.bin, the word branch's candidates of every vocabulary word of 2–4
 * characters (layout and purpose: lib/lm/word-neighbours.ts), from the shipped model (lib/data/lm/zh-lm.bin)
 * and the confusion data (lib/data/confusion/). Run it again whenever either changes; the unit tests
 * (tests/unit/lm/word-neighbours.test.ts) fail while the shipped table differs from a fresh build.
 *
 *   npx tsx scripts/build-word-neighbours.ts [--out FILE]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MODEL_FILE, NEIGHBOURS_FILE } from '../cli/node-language-model';
import { wildcardIndex } from '../lib/lm/detect';
import { LanguageModel } from '../lib/lm/model';
import { buildWordNeighbours } from '../lib/lm/word-neighbours';

const usageLine = 'usage: npx tsx scripts/build-word-neighbours.ts [--out FILE]';
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${usageLine}\n`);
  process.exit(0);
}
const outAt = args.indexOf('--out');
if (outAt >= 0 && !args[outAt + 1]) {
  process.stderr.write(`build-word-neighbours: --out needs a file (${usageLine})\n`);
  process.exit(2);
}
const unknown = args.find((a, i) => a !== '--out' && !(outAt >= 0 && i === outAt + 1));
if (unknown !== undefined) {
  process.stderr.write(`build-word-neighbours: unknown argument ${unknown} (${usageLine})\n`);
  process.exit(2);
}
const out = outAt >= 0 ? resolve(args[outAt + 1]) : NEIGHBOURS_FILE;
const model = LanguageModel.fromBytes(new Uint8Array(readFileSync(MODEL_FILE)));
const t0 = performance.now();
const bytes = buildWordNeighbours(model, wildcardIndex(model));
writeFileSync(out, bytes);
process.stdout.write(`${out}: ${bytes.length} bytes (${Math.round(performance.now() - t0)} ms)\n`);
