/**
 * Builds lib/data/confusion/stroke.json: pairs of Chinese characters one of which is the other with one or two
 * strokes more (力/办, 大/太, 木/术, 木/本, 王/玉, 日/目, 乌/鸟, 斤/斥): the slips of a stroke more or less. The
 * rendered comparison of glyph.json misses many of them, because the larger character draws the smaller one's
 * strokes narrower or shifted (力 inside 办 shares 0.74 of their ink, below its 0.8).
 *
 *   npx tsx scripts/build-stroke-confusion.ts [--data DIR] [--out FILE]
 *
 * Method (reproducible; the stroke data is a ruler, none of it is shipped):
 *  - characters: those of the language model's vocabulary (basic CJK block) that the stroke data has, less the
 *    traditional-only ones (lib/data/confusion/traditional.json: a traditional form is a variant, not a slip);
 *  - strokes: the median line of each stroke, in writing order, from `hanzi-writer-data` 2.0.1 (a dev
 *    dependency; Make Me a Hanzi's data, drawn from Arphic's fonts), resampled to POINTS points spaced evenly
 *    along its length, in the data's 1024-unit square;
 *  - two strokes match when their points lie on average within MAX_STROKE_DISTANCE units of each other;
 *  - character B holds character A when B has one or two strokes more than A (MAX_EXTRA), A has at least
 *    MIN_STROKES strokes (一, 丨, 丶 are in everything), and A's strokes match, in A's order, strokes of B
 *    in B's order (B's extra strokes anywhere: 日 → 目 inserts one, 大 → 太 appends one);
 *  - every pair made symmetric.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadNodeLanguageModel } from '../cli/node-language-model';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Points per resampled stroke. */
export const POINTS = 8;
/** Mean distance (units of the 1024 square) within which two strokes match: about 6 % of the side. */
export const MAX_STROKE_DISTANCE = 60;
/** Strokes the larger character may have beyond the smaller one's. */
export const MAX_EXTRA = 2;
/** Strokes the smaller character must have at least. */
export const MIN_STROKES = 2;

/** A stroke's median line resampled: POINTS (x, y) pairs, flat. */
export type Stroke = Float64Array;

/** Resamples a polyline to POINTS points spaced evenly along its length. */
export function resample(points: ReadonlyArray<readonly [number, number]>): Stroke {
  const out = new Float64Array(2 * POINTS);
  const lengths: number[] = [];
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const d = Math.hypot(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]);
    lengths.push(d);
    total += d;
  }
  for (let k = 0; k < POINTS; k++) {
    let t = (total * k) / (POINTS - 1);
    let i = 0;
    while (i < lengths.length - 1 && t > lengths[i]) {
      t -= lengths[i];
      i++;
    }
    const f = lengths[i] ? Math.min(1, t / lengths[i]) : 0;
    const a = points[i];
    const b = points[Math.min(i + 1, points.length - 1)];
    out[2 * k] = a[0] + (b[0] - a[0]) * f;
    out[2 * k + 1] = a[1] + (b[1] - a[1]) * f;
  }
  return out;
}

/** The mean distance of two resampled strokes' corresponding points. */
export function strokeDistance(a: Stroke, b: Stroke): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 2) sum += Math.hypot(a[i] - b[i], a[i + 1] - b[i + 1]);
  return sum / (a.length / 2);
}

/**
 * Whether `larger` is `smaller` with 1–MAX_EXTRA strokes more: each of the smaller one's strokes matches one of
 * the larger one's, in order, the larger one's other strokes anywhere.
 */
export function holds(smaller: readonly Stroke[], larger: readonly Stroke[]): boolean {
  const extra = larger.length - smaller.length;
  if (extra < 1 || extra > MAX_EXTRA || smaller.length < MIN_STROKES) return false;
  // fits(i, j): smaller[i..] matches within larger[j..], skipping what is left of the extra strokes.
  const memo = new Map<number, boolean>();
  const fits = (i: number, j: number): boolean => {
    if (i === smaller.length) return true;
    if (larger.length - j < smaller.length - i) return false;
    const key = i * 256 + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const ok = (strokeDistance(smaller[i], larger[j]) <= MAX_STROKE_DISTANCE && fits(i + 1, j + 1)) || (j - i < extra && fits(i, j + 1));
    memo.set(key, ok);
    return ok;
  };
  return fits(0, 0);
}

/** The pairs among `strokes` (character → its strokes), as a symmetric map character → the characters paired with it, sorted. */
export function strokePairs(strokes: ReadonlyMap<string, readonly Stroke[]>): Record<string, string> {
  const bySize = new Map<number, string[]>();
  for (const [c, s] of strokes) {
    const list = bySize.get(s.length);
    if (list) list.push(c);
    else bySize.set(s.length, [c]);
  }
  const out = new Map<string, Set<string>>();
  const add = (a: string, b: string) => {
    const set = out.get(a);
    if (set) set.add(b);
    else out.set(a, new Set([b]));
  };
  for (const [a, sa] of strokes) {
    for (let more = 1; more <= MAX_EXTRA; more++) {
      for (const b of bySize.get(sa.length + more) ?? []) {
        if (!holds(sa, strokes.get(b)!)) continue;
        add(a, b);
        add(b, a);
      }
    }
  }
  const json: Record<string, string> = {};
  for (const c of [...out.keys()].sort()) json[c] = [...out.get(c)!].sort().join('');
  return json;
}

function usage(): never {
  process.stdout.write('usage: npx tsx scripts/build-stroke-confusion.ts [--data DIR] [--out FILE]\n');
  process.stdout.write('  --data DIR   hanzi-writer-data (default: node_modules/hanzi-writer-data)\n');
  process.stdout.write('  --out FILE   output (default: lib/data/confusion/stroke.json)\n');
  process.exit(0);
}

function parseArgs(argv: string[]) {
  const opts = { data: join(REPO, 'node_modules/hanzi-writer-data'), out: join(REPO, 'lib/data/confusion/stroke.json') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') usage();
    else if (a === '--data' && argv[i + 1]) opts.data = resolve(argv[++i]);
    else if (a === '--out' && argv[i + 1]) opts.out = resolve(argv[++i]);
    else {
      process.stderr.write(`build-stroke-confusion: unknown argument ${a}\n`);
      process.exit(2);
    }
  }
  return opts;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(join(opts.data, '中.json'))) throw new Error(`no stroke data in ${opts.data} (npm install: hanzi-writer-data is a dev dependency)`);
  const traditional = JSON.parse(readFileSync(join(REPO, 'lib/data/confusion/traditional.json'), 'utf8')) as { characters: string };
  const traditionalOnly = new Set(traditional.characters);
  const model = loadNodeLanguageModel();
  const chars = new Set<string>();
  for (const w of model.words) for (const c of w) if (c >= '\u4e00' && c <= '\u9fff' && !traditionalOnly.has(c)) chars.add(c);
  const strokes = new Map<string, Stroke[]>();
  for (const c of [...chars].sort()) {
    const file = join(opts.data, `${c}.json`);
    if (!existsSync(file)) continue;
    const { medians } = JSON.parse(readFileSync(file, 'utf8')) as { medians: Array<Array<[number, number]>> };
    strokes.set(c, medians.map(resample));
  }
  process.stderr.write(`build-stroke-confusion: ${strokes.size} of ${chars.size} characters have stroke data …\n`);
  const json = strokePairs(strokes);
  writeFileSync(opts.out, `${JSON.stringify(json)}\n`);
  const total = Object.values(json).reduce((n, s) => n + s.length, 0) / 2;
  process.stderr.write(`build-stroke-confusion: ${total} pairs over ${Object.keys(json).length} characters → ${opts.out}\n`);
}

// Run as a script (not when a test imports it).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`build-stroke-confusion: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
