/**
 * Engine benchmark (Node): the whole check engine over the 1.12 M characters of government work
 * reports, against bare jieba-wasm segmentation of the same text in the same process. Prints JSON.
 * Figures are ratios to the baseline: the machine is noisy, absolute times are not comparable.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cut } from 'jieba-wasm';
import { checks } from '../lib/checks';
import { runChecks } from '../lib/engine';
import { textModelFromPlainText } from '../lib/text-model/from-text';

const corpus = resolve(process.argv[2] ?? '../shared/corpora/gov_text/government_work_reports.jsonl');
const texts = readFileSync(corpus, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { content: string }).content);
const chars = texts.reduce((n, t) => n + t.length, 0);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const segment = () => {
  for (const t of texts) cut(t, true);
};
const engine = () => {
  for (const [i, t] of texts.entries()) runChecks(textModelFromPlainText(t, `report:${i}`), { today: '2026-11-22', checks, budgetMs: 60_000 });
};

// Warm both (WASM instantiation, JIT) before measuring; then interleave rounds so drift hits both.
segment();
engine();
const seg: number[] = [];
const eng: number[] = [];
for (let r = 0; r < rounds; r++) {
  seg.push(time(segment));
  eng.push(time(engine));
}
const result = {
  bench: 'engine-vs-jieba',
  characters: chars,
  documents: texts.length,
  checks: checks.map((c) => c.meta.id),
  rounds,
  jiebaMs: Math.round(median(seg)),
  engineMs: Math.round(median(eng)),
  ratio: Number((median(eng) / median(seg)).toFixed(3)),
};
console.log(JSON.stringify(result));
