/**
 * Engine benchmark (Node): the whole check engine over the 1.12 M characters of government work
 * reports, against bare jieba-wasm segmentation of the same text in the same process. Prints JSON.
 * Figures are ratios to the baseline: the machine is noisy, absolute times are not comparable.
 */
import { resolve } from 'node:path';
import * as jieba from 'jieba-wasm';
import { checks } from '../lib/checks';
import { runChecks } from '../lib/engine';
import { jiebaSegmenter } from '../lib/segmenter';
import { textModelFromPlainText } from '../lib/text-model/from-text';
import { readWorkReports } from './corpora';

// Optional argument: another copy of government_work_reports.jsonl (default: the one in the corpora dir).
const texts = readWorkReports(process.argv[2] ? resolve(process.argv[2]) : undefined).map((r) => r.content);
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

// The engine gets the segmenter the CLI and the extension give it (jieba, on candidate windows only).
const segmenter = jiebaSegmenter(jieba);
const perCheck: Record<string, number> = {};
const segment = () => {
  for (const t of texts) jieba.cut(t, true);
};
const engine = () => {
  for (const [i, t] of texts.entries()) {
    const { timings } = runChecks(textModelFromPlainText(t, `report:${i}`), { today: '2026-11-22', checks, segmenter, budgetMs: 60_000 });
    for (const [id, ms] of Object.entries(timings)) perCheck[id] = (perCheck[id] ?? 0) + ms;
  }
};

// Warm both (WASM instantiation, JIT) before measuring; then interleave rounds so drift hits both.
segment();
engine();
for (const id of Object.keys(perCheck)) perCheck[id] = 0;
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
  /** Share of the engine's time per check (all rounds), to see where the time goes. */
  checkShare: Object.fromEntries(Object.entries(perCheck).map(([id, ms]) => [id, Number((ms / eng.reduce((a, b) => a + b, 0)).toFixed(3))])),
};
console.log(JSON.stringify(result));
