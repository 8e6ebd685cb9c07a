/**
 * Builds lib/data/lm/zh-lm.bin, the word n-gram model of the context typo check, from the language model
 * of the Debian source package `libime` (fcitx5's input method library):
 *
 *   apt-get source --download-only libime       # libime_1.0.16.orig.tar.xz (needs a deb-src entry)
 *   npx tsx scripts/build-lm.ts <libime_*.orig.tar.xz | directory holding lm_sc.arpa> [--bigram-prune X] [--trigram-prune Y]
 *
 * Source: data/lm_sc.arpa-20220810.tar.xz (a word 3-gram ARPA model of simplified Chinese, 164,886 words)
 * of libime 1.0.16, LGPL-2.1-or-later (Copyright 2015-2022 CSSlayer, per debian/copyright). Only the derived
 * file is shipped; lib/data/lm/NOTICE.md records source, version and licence beside it.
 *
 * Derivation (all in this file, reproducible):
 *  - words: every unigram but <unk> whose characters are CJK ideographs of the basic block (extension B
 *    characters such as 𠮶 never reach a government page's typos, and each costs a surrogate pair);
 *  - bigrams and trigrams pruned by weighted difference (Seymore & Rosenfeld 1996): an n-gram is kept when
 *    its estimated joint probability times |log10 P − log10 P_backoff| reaches the threshold, where
 *    P_backoff is what the model would say without it; a bigram that a kept trigram extends is kept;
 *  - log10 probabilities and backoffs quantised to one byte each, by equal-population bins (each bin's
 *    value is the mean of its members), separately per table;
 *  - layout: lib/lm/format.ts.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MAGIC, VERSION, writeVarint, type LmHeader, type SectionName } from '../lib/lm/format';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(REPO, 'lib/data/lm/zh-lm.bin');

function usage(): never {
  process.stdout.write('usage: npx tsx scripts/build-lm.ts <libime_*.orig.tar.xz | dir with lm_sc.arpa> [--bigram-prune X] [--trigram-prune Y] [--out FILE]\n');
  process.exit(0);
}

function parseArgs(argv: string[]) {
  const opts = { input: '', bigramPrune: 3e-8, trigramPrune: 3e-8, out: OUT };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') usage();
    else if (a === '--bigram-prune') opts.bigramPrune = Number(argv[++i]);
    else if (a === '--trigram-prune') opts.trigramPrune = Number(argv[++i]);
    else if (a === '--out') opts.out = resolve(argv[++i]);
    else if (a.startsWith('--')) fail(`unknown option ${a}`);
    else opts.input = resolve(a);
  }
  if (!opts.input) fail('give the libime source tarball or a directory holding lm_sc.arpa');
  if (!(opts.bigramPrune >= 0) || !(opts.trigramPrune >= 0)) fail('prune thresholds must be numbers >= 0');
  return opts;
}

function fail(msg: string): never {
  process.stderr.write(`build-lm: ${msg}\n`);
  process.exit(2);
}

/** Finds lm_sc.arpa: in a directory (searched), or extracted from the orig tarball / the lm tarball. */
function locateArpa(input: string): { arpa: string; cleanup: () => void } {
  if (!existsSync(input)) fail(`not found: ${input}`);
  const find = (dir: string): string | undefined => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (name === 'lm_sc.arpa') return p;
      if (statSync(p).isDirectory()) {
        const hit = find(p);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  if (statSync(input).isDirectory()) {
    const hit = find(input);
    if (hit) return { arpa: hit, cleanup: () => undefined };
  }
  const tmp = mkdtempSync(join(tmpdir(), 'govreview-lm-'));
  const cleanup = () => rmSync(tmp, { recursive: true, force: true });
  const untar = (file: string, ...members: string[]) => {
    const r = spawnSync('tar', ['-xJf', file, '-C', tmp, '--wildcards', ...members], { stdio: 'inherit' });
    if (r.status !== 0) fail(`tar failed on ${file}`);
  };
  let lmTar = input;
  if (!/lm_sc\.arpa/.test(input)) {
    untar(input, '*/data/lm_sc.arpa-*.tar.xz');
    const data = readdirSync(tmp)
      .map((d) => join(tmp, d, 'data'))
      .find((d) => existsSync(d));
    const name = data && readdirSync(data).find((n) => n.startsWith('lm_sc.arpa-'));
    if (!data || !name) fail('no data/lm_sc.arpa-*.tar.xz in the tarball');
    lmTar = join(data, name);
  }
  untar(lmTar, 'lm_sc.arpa');
  const arpa = join(tmp, 'lm_sc.arpa');
  if (!existsSync(arpa)) fail('lm_sc.arpa not found after extraction');
  return { arpa, cleanup };
}

const isBasicHan = (w: string) => /^[\u4e00-\u9fff]+$/.test(w);

export interface Parsed {
  words: string[];
  uniP: Float64Array;
  uniBo: Float64Array;
  unk: number;
  bi: { a: Int32Array; b: Int32Array; p: Float64Array; bo: Float64Array; n: number };
  tri: { a: Int32Array; b: Int32Array; c: Int32Array; p: Float64Array; n: number };
}

/** Reads an ARPA 3-gram model (words outside the basic CJK block dropped with their n-grams). */
export async function parseArpa(file: string): Promise<Parsed> {
  const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  const counts: number[] = [];
  let order = 0;
  const id = new Map<string, number>();
  const words: string[] = [];
  const uP: number[] = [];
  const uB: number[] = [];
  let unk = -7;
  let bi!: Parsed['bi'];
  let tri!: Parsed['tri'];
  for await (const line of rl) {
    if (!line) continue;
    if (line.startsWith('ngram ')) {
      const m = /^ngram (\d)=(\d+)/.exec(line);
      if (m) counts[Number(m[1])] = Number(m[2]);
      continue;
    }
    const sec = /^\\(\d)-grams:/.exec(line);
    if (sec) {
      order = Number(sec[1]);
      if (order === 2)
        bi = { a: new Int32Array(counts[2]), b: new Int32Array(counts[2]), p: new Float64Array(counts[2]), bo: new Float64Array(counts[2]), n: 0 };
      if (order === 3) tri = { a: new Int32Array(counts[3]), b: new Int32Array(counts[3]), c: new Int32Array(counts[3]), p: new Float64Array(counts[3]), n: 0 };
      continue;
    }
    if (line.startsWith('\\')) continue;
    const f = line.split('\t');
    if (order === 1) {
      const w = f[1];
      if (w === '<unk>') {
        unk = Number(f[0]);
        continue;
      }
      if (!isBasicHan(w)) continue;
      id.set(w, words.length);
      words.push(w);
      uP.push(Number(f[0]));
      uB.push(f[2] === undefined ? 0 : Number(f[2]));
    } else if (order === 2) {
      const [x, y] = f[1].split(' ');
      const a = id.get(x);
      const b = id.get(y);
      if (a === undefined || b === undefined) continue;
      const i = bi.n++;
      bi.a[i] = a;
      bi.b[i] = b;
      bi.p[i] = Number(f[0]);
      bi.bo[i] = f[2] === undefined ? 0 : Number(f[2]);
    } else if (order === 3) {
      const [x, y, z] = f[1].split(' ');
      const a = id.get(x);
      const b = id.get(y);
      const c = id.get(z);
      if (a === undefined || b === undefined || c === undefined) continue;
      const i = tri.n++;
      tri.a[i] = a;
      tri.b[i] = b;
      tri.c[i] = c;
      tri.p[i] = Number(f[0]);
    }
  }
  return { words, uniP: Float64Array.from(uP), uniBo: Float64Array.from(uB), unk, bi, tri };
}

/** Byte quantiser by equal-population bins over `values` (256 levels; the bin value is its members' mean). */
function quantiser(values: Float64Array | number[]): { table: number[]; encode: (v: number) => number } {
  const sorted = Float64Array.from(values).sort();
  const levels = Math.min(256, Math.max(1, sorted.length));
  const bounds: number[] = []; // upper bound (exclusive) of each bin but the last
  const table: number[] = [];
  for (let k = 0; k < levels; k++) {
    const from = Math.floor((k * sorted.length) / levels);
    const to = Math.floor(((k + 1) * sorted.length) / levels);
    let sum = 0;
    for (let i = from; i < to; i++) sum += sorted[i];
    table.push(to > from ? Number((sum / (to - from)).toFixed(5)) : (table[table.length - 1] ?? 0));
    if (k < levels - 1) bounds.push(sorted[Math.min(to, sorted.length - 1)]);
  }
  const encode = (v: number) => {
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v < bounds[mid]) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return { table, encode };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { arpa, cleanup } = locateArpa(opts.input);
  const t0 = Date.now();
  const m = await parseArpa(arpa).finally(cleanup);
  process.stderr.write(`parsed ${m.words.length} words, ${m.bi.n} bigrams, ${m.tri.n} trigrams in ${Date.now() - t0} ms\n`);
  const { bytes, header } = buildModel(m, opts);
  writeFileSync(opts.out, bytes);
  process.stderr.write(
    `wrote ${opts.out}: ${(bytes.length / 1048576).toFixed(2)} MB (${header.counts.unigrams} words, ${header.counts.bigrams} bigrams, ${header.counts.trigrams} trigrams)\n`,
  );
}

/** Prunes, quantises and lays out a parsed model (lib/lm/format.ts). */
export function buildModel(m: Parsed, opts: { bigramPrune: number; trigramPrune: number }): { bytes: Uint8Array; header: LmHeader } {
  const V = m.words.length;

  // Bigram lookup for pruning and for the trigram index: key a * 2^18 + b (V < 2^18).
  if (V >= 1 << 18) throw new Error('vocabulary too large for the 18-bit key');
  const biKey = (a: number, b: number) => a * 262144 + b;
  const biIndex = new Map<number, number>();
  for (let i = 0; i < m.bi.n; i++) biIndex.set(biKey(m.bi.a[i], m.bi.b[i]), i);
  const biLogp = (a: number, b: number) => {
    const i = biIndex.get(biKey(a, b));
    return i === undefined ? m.uniBo[a] + m.uniP[b] : m.bi.p[i];
  };

  // Trigrams: weighted difference against the bigram backoff.
  const keepTri = new Uint8Array(m.tri.n);
  const keepBi = new Uint8Array(m.bi.n);
  for (let i = 0; i < m.tri.n; i++) {
    const a = m.tri.a[i];
    const b = m.tri.b[i];
    const c = m.tri.c[i];
    const ab = biIndex.get(biKey(a, b));
    if (ab === undefined) continue; // a trigram without its bigram context cannot be reached
    const backoff = m.bi.bo[ab] + biLogp(b, c);
    const joint = m.uniP[a] + m.bi.p[ab] + m.tri.p[i];
    if (10 ** joint * Math.abs(m.tri.p[i] - backoff) >= opts.trigramPrune) {
      keepTri[i] = 1;
      keepBi[ab] = 1;
    }
  }
  for (let i = 0; i < m.bi.n; i++) {
    const a = m.bi.a[i];
    const b = m.bi.b[i];
    const backoff = m.uniBo[a] + m.uniP[b];
    if (keepBi[i] || 10 ** (m.uniP[a] + m.bi.p[i]) * Math.abs(m.bi.p[i] - backoff) >= opts.bigramPrune) keepBi[i] = 1;
  }

  // Order: bigrams by (a, b); trigrams by (their bigram's rank, c).
  const biOrder = Array.from({ length: m.bi.n }, (_, i) => i).filter((i) => keepBi[i]);
  biOrder.sort((x, y) => m.bi.a[x] - m.bi.a[y] || m.bi.b[x] - m.bi.b[y]);
  const biRank = new Int32Array(m.bi.n).fill(-1);
  biOrder.forEach((i, r) => (biRank[i] = r));
  const triOrder = Array.from({ length: m.tri.n }, (_, i) => i).filter((i) => keepTri[i]);
  const triBi = new Int32Array(m.tri.n);
  for (const i of triOrder) triBi[i] = biRank[biIndex.get(biKey(m.tri.a[i], m.tri.b[i]))!];
  triOrder.sort((x, y) => triBi[x] - triBi[y] || m.tri.c[x] - m.tri.c[y]);

  const qUniP = quantiser(m.uniP);
  const qUniBo = quantiser(m.uniBo);
  const qBiP = quantiser(biOrder.map((i) => m.bi.p[i]));
  const qBiBo = quantiser(biOrder.map((i) => m.bi.bo[i]));
  const qTriP = quantiser(triOrder.map((i) => m.tri.p[i]));

  const sections: Array<[SectionName, Uint8Array]> = [];
  sections.push(['vocab', new TextEncoder().encode(m.words.join('\n'))]);
  sections.push(['uniP', Uint8Array.from(m.uniP, qUniP.encode)]);
  sections.push(['uniBo', Uint8Array.from(m.uniBo, qUniBo.encode)]);
  const biCount = new Uint32Array(V);
  for (const i of biOrder) biCount[m.bi.a[i]]++;
  const bc: number[] = [];
  for (let a = 0; a < V; a++) writeVarint(bc, biCount[a]);
  sections.push(['biCount', Uint8Array.from(bc)]);
  const bn: number[] = [];
  let prevA = -1;
  let prevB = 0;
  for (const i of biOrder) {
    if (m.bi.a[i] !== prevA) {
      prevA = m.bi.a[i];
      prevB = 0;
    }
    writeVarint(bn, m.bi.b[i] - prevB);
    prevB = m.bi.b[i];
  }
  sections.push(['biNext', Uint8Array.from(bn)]);
  sections.push(['biP', Uint8Array.from(biOrder, (i) => qBiP.encode(m.bi.p[i]))]);
  sections.push(['biBo', Uint8Array.from(biOrder, (i) => qBiBo.encode(m.bi.bo[i]))]);
  const triCount = new Uint32Array(biOrder.length);
  for (const i of triOrder) triCount[triBi[i]]++;
  const tc: number[] = [];
  for (let r = 0; r < biOrder.length; r++) writeVarint(tc, triCount[r]);
  sections.push(['triCount', Uint8Array.from(tc)]);
  const tn: number[] = [];
  let prevR = -1;
  let prevC = 0;
  for (const i of triOrder) {
    if (triBi[i] !== prevR) {
      prevR = triBi[i];
      prevC = 0;
    }
    writeVarint(tn, m.tri.c[i] - prevC);
    prevC = m.tri.c[i];
  }
  sections.push(['triNext', Uint8Array.from(tn)]);
  sections.push(['triP', Uint8Array.from(triOrder, (i) => qTriP.encode(m.tri.p[i]))]);

  const header: Omit<LmHeader, 'sections'> & { sections: Partial<LmHeader['sections']> } = {
    source: 'libime 1.0.16 (Debian source package libime_1.0.16.orig.tar.xz), data/lm_sc.arpa-20220810.tar.xz',
    version: '20220810',
    license: 'LGPL-2.1-or-later (Copyright 2015-2022 CSSlayer <wengxt@gmail.com>)',
    built: {
      tool: 'scripts/build-lm.ts',
      bigramPrune: opts.bigramPrune,
      trigramPrune: opts.trigramPrune,
      quantisation: '8-bit equal-population bins per table',
      words: 'basic-block CJK only',
    },
    counts: { unigrams: V, bigrams: biOrder.length, trigrams: triOrder.length },
    unk: m.unk,
    quant: { uniP: qUniP.table, uniBo: qUniBo.table, biP: qBiP.table, biBo: qBiBo.table, triP: qTriP.table },
    sections: {},
  };
  // Offsets depend on the header's length, which depends on the offsets: lay out with a padded header.
  const align = (n: number) => (n + 3) & ~3;
  let headerBytes = 0;
  let json = '';
  for (let pass = 0; pass < 3; pass++) {
    let at = align(12 + headerBytes);
    for (const [name, bytes] of sections) {
      header.sections[name] = { offset: at, length: bytes.length };
      at = align(at + bytes.length);
    }
    json = JSON.stringify(header);
    const need = new TextEncoder().encode(json).length;
    if (need <= headerBytes) break;
    headerBytes = need + 64;
  }
  const headerUtf8 = new TextEncoder().encode(json.padEnd(headerBytes, ' '));
  const last = sections[sections.length - 1];
  const total = header.sections[last[0]]!.offset + last[1].length;
  const file = new Uint8Array(total);
  file.set(new TextEncoder().encode(MAGIC), 0);
  const dv = new DataView(file.buffer);
  dv.setUint32(4, VERSION, true);
  dv.setUint32(8, headerUtf8.length, true);
  file.set(headerUtf8, 12);
  for (const [name, bytes] of sections) file.set(bytes, header.sections[name]!.offset);
  return { bytes: file, header: header as LmHeader };
}

// Run as a script (not when a test imports the builder).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
}
