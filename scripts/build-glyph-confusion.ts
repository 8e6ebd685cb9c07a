/**
 * Builds lib/data/confusion/glyph.json: pairs of Chinese characters that look alike when rendered, the
 * shape confusions the pycorrector tables (lib/data/confusion/confusion.json) lack (目/日, 己/已, 休/体, 绡/消,
 * 徂/组: a stroke more or less, or the same phonetic component beside another radical).
 *
 *   npx tsx scripts/build-glyph-confusion.ts [--font NAME] [--out FILE]
 *
 * Method (reproducible, no data from elsewhere):
 *  - characters: those of the language model's vocabulary (lib/data/lm, basic CJK block);
 *  - each is drawn by Chromium (Debian's, driven by playwright-core) on a 32×32 canvas in WenQuanYi Micro
 *    Hei (Debian fonts-wqy-microhei) at 30 px, centred, and thresholded into a bitmap;
 *  - similarity of two bitmaps A, B: (|A ∩ dilate(B)| + |B ∩ dilate(A)|) / (|A| + |B|), the share of each
 *    glyph's ink that lies within one pixel of the other's (1 for identical glyphs);
 *  - a coarse 8×8 ink-density fingerprint picks each character's 40 nearest by L1 distance, on which the
 *    exact similarity is computed; a pair is kept when it reaches MIN_SIMILARITY, at most MAX_PER_CHAR per
 *    character (the closest);
 *  - the same over the right part of the square only (columns RIGHT_FROM on, characters with at least half
 *    their ink there): characters sharing a phonetic component beside different radicals (绡/消, 琛/探),
 *    kept at MIN_RIGHT_SIMILARITY, at most MAX_PER_CHAR more;
 *  - every pair made symmetric.
 * Only the measured pairs are written, never glyph data: the font is a tool here, like a ruler.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { loadNodeLanguageModel } from '../cli/node-language-model';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SIZE = 32;
const FONT_PX = 30;
/** Coarse fingerprint: SIZE / CELL cells a side. */
const CELL = 4;
const NEAREST = 40;
export const MIN_SIMILARITY = 0.8;
/** Characters that share their right part (绡/消, 徂/组, 琛/探): its similarity, and the share of ink it must hold. */
export const MIN_RIGHT_SIMILARITY = 0.93;
const RIGHT_FROM = 14;
const MIN_RIGHT_INK = 0.5;
export const MAX_PER_CHAR = 6;

function usage(): never {
  process.stdout.write('usage: npx tsx scripts/build-glyph-confusion.ts [--font NAME] [--out FILE]\n');
  process.exit(0);
}

function parseArgs(argv: string[]) {
  const opts = { font: 'WenQuanYi Micro Hei', out: resolve(REPO, 'lib/data/confusion/glyph.json') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') usage();
    else if (a === '--font' && argv[i + 1]) opts.font = argv[++i];
    else if (a === '--out' && argv[i + 1]) opts.out = resolve(argv[++i]);
    else {
      process.stderr.write(`build-glyph-confusion: unknown argument ${a}\n`);
      process.exit(2);
    }
  }
  return opts;
}

/** The characters to measure: every basic-block CJK character of the model's words. */
function characters(): string[] {
  const model = loadNodeLanguageModel();
  const set = new Set<string>();
  for (const w of model.words) for (const c of w) if (c >= '\u4e00' && c <= '\u9fff') set.add(c);
  return [...set].sort();
}

/** Renders each character in Chromium; returns SIZE rows of 32-bit masks per character. */
async function render(chars: string[], font: string): Promise<Uint32Array> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.setContent('<canvas width="32" height="32"></canvas>');
    const rows: number[] = await page.evaluate(
      async ({ chars, font, size, px }) => {
        await document.fonts.load(`${px}px "${font}"`, '字');
        const ctx = document.querySelector('canvas')!.getContext('2d', { willReadFrequently: true })!;
        ctx.font = `${px}px "${font}"`;
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        const out: number[] = [];
        for (const c of chars) {
          ctx.clearRect(0, 0, size, size);
          ctx.fillText(c, size / 2, size / 2 + 1);
          const data = ctx.getImageData(0, 0, size, size).data;
          for (let y = 0; y < size; y++) {
            let row = 0;
            for (let x = 0; x < size; x++) if (data[(y * size + x) * 4 + 3] >= 128) row |= 1 << x;
            out.push(row >>> 0);
          }
        }
        return out;
      },
      { chars, font, size: SIZE, px: FONT_PX },
    );
    return Uint32Array.from(rows);
  } finally {
    await browser.close();
  }
}

function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Each bitmap grown by one pixel in the eight directions. */
function dilate(bits: Uint32Array, n: number): Uint32Array {
  const out = new Uint32Array(bits.length);
  for (let c = 0; c < n; c++) {
    const o = c * SIZE;
    for (let y = 0; y < SIZE; y++) {
      let v = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= SIZE) continue;
        const r = bits[o + yy];
        v |= r | (r << 1) | (r >>> 1);
      }
      out[o + y] = v >>> 0;
    }
  }
  return out;
}

/** The similarity of characters a and b (see the header), over the columns of `cols` (a bit mask). */
function similarity(bits: Uint32Array, grown: Uint32Array, a: number, b: number, cols: number): number {
  let ab = 0;
  let ba = 0;
  let inkA = 0;
  let inkB = 0;
  for (let y = 0; y < SIZE; y++) {
    const ra = bits[a * SIZE + y] & cols;
    const rb = bits[b * SIZE + y] & cols;
    ab += popcount(ra & grown[b * SIZE + y]);
    ba += popcount(rb & grown[a * SIZE + y]);
    inkA += popcount(ra);
    inkB += popcount(rb);
  }
  return inkA + inkB === 0 ? 0 : (ab + ba) / (inkA + inkB);
}

/** Column masks: the whole square, and its right part (where a phonetic component stands beside a radical). */
const ALL_COLUMNS = 0xffffffff | 0;
const RIGHT_COLUMNS = (0xffffffff << RIGHT_FROM) | 0;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const chars = characters();
  process.stderr.write(`build-glyph-confusion: rendering ${chars.length} characters in ${opts.font} …\n`);
  const bits = await render(chars, opts.font);
  const n = chars.length;
  const grown = dilate(bits, n);
  const ink = new Int32Array(n);
  const cells = SIZE / CELL;
  const prints = new Uint8Array(n * cells * cells);
  for (let c = 0; c < n; c++) {
    for (let y = 0; y < SIZE; y++) {
      const r = bits[c * SIZE + y];
      ink[c] += popcount(r);
      for (let x = 0; x < SIZE; x++) if ((r >>> x) & 1) prints[c * cells * cells + ((y / CELL) | 0) * cells + ((x / CELL) | 0)]++;
    }
  }
  // A character the font lacks renders empty (or as a fallback box): it has no shape to compare.
  const blank = (c: number) => ink[c] < 12;
  const rightInk = new Int32Array(n);
  for (let c = 0; c < n; c++) for (let y = 0; y < SIZE; y++) rightInk[c] += popcount(bits[c * SIZE + y] & RIGHT_COLUMNS);
  const pairs = new Map<number, Array<[number, number]>>();
  const dist = new Int32Array(n);
  const per = cells * cells;
  /** The NEAREST characters to a by the fingerprint cells from column cell `fromCell` on. */
  const nearest = (a: number, fromCell: number, ok: (b: number) => boolean) => {
    for (let b = 0; b < n; b++) {
      if (a === b || !ok(b)) {
        dist[b] = 1 << 30;
        continue;
      }
      let d = 0;
      for (let y = 0; y < cells; y++) for (let x = fromCell; x < cells; x++) d += Math.abs(prints[a * per + y * cells + x] - prints[b * per + y * cells + x]);
      dist[b] = d;
    }
    return Array.from({ length: n }, (_, i) => i)
      .sort((x, y) => dist[x] - dist[y])
      .slice(0, NEAREST);
  };
  const hasRight = (c: number) => rightInk[c] >= MIN_RIGHT_INK * ink[c];
  for (let a = 0; a < n; a++) {
    if (blank(a)) continue;
    const whole: Array<[number, number]> = [];
    for (const b of nearest(a, 0, (b) => !blank(b))) {
      const s = similarity(bits, grown, a, b, ALL_COLUMNS);
      if (s >= MIN_SIMILARITY) whole.push([b, s]);
    }
    const right: Array<[number, number]> = [];
    if (hasRight(a)) {
      for (const b of nearest(a, Math.floor(RIGHT_FROM / CELL), (b) => !blank(b) && hasRight(b))) {
        const s = similarity(bits, grown, a, b, RIGHT_COLUMNS);
        if (s >= MIN_RIGHT_SIMILARITY) right.push([b, s]);
      }
    }
    const best = (list: Array<[number, number]>) => list.sort((x, y) => y[1] - x[1]).slice(0, MAX_PER_CHAR);
    pairs.set(a, [...best(whole), ...best(right)]);
  }
  // Symmetric: a pair either side kept is kept both ways.
  const out = new Map<string, Set<string>>();
  for (const [a, list] of pairs) {
    for (const [b] of list) {
      (out.get(chars[a]) ?? out.set(chars[a], new Set()).get(chars[a])!).add(chars[b]);
      (out.get(chars[b]) ?? out.set(chars[b], new Set()).get(chars[b])!).add(chars[a]);
    }
  }
  const json: Record<string, string> = {};
  for (const c of [...out.keys()].sort()) json[c] = [...out.get(c)!].sort().join('');
  writeFileSync(opts.out, `${JSON.stringify(json)}\n`);
  const total = [...out.values()].reduce((s, v) => s + v.size, 0) / 2;
  process.stderr.write(`build-glyph-confusion: ${total} pairs over ${out.size} characters → ${opts.out}\n`);
}

// Run as a script (not when a test imports it).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e) => {
    process.stderr.write(`build-glyph-confusion: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
