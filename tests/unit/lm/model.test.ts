import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadNodeLanguageModel, MODEL_FILE } from '../../../cli/node-language-model';
import { decode, decodedPath, decodedThrough, segment, WordLattice, type Arc } from '../../../lib/lm/lattice';
import { LanguageModel, popcount, rankRuns, UNK } from '../../../lib/lm/model';
import { buildModel, parseArpa } from '../../../scripts/build-lm';

/** A tiny ARPA model whose numbers are easy to follow (log10). */
const ARPA = `
\\data\\
ngram 1=7
ngram 2=4
ngram 3=1

\\1-grams:
-2.0\t<unk>\t0
-1.0\t我们\t-0.5
-1.2\t在\t-0.3
-1.5\t再\t-0.2
-1.1\t家里\t-0.4
-1.8\t家\t-0.1
-1.9\t里\t0
-2.5\tabc\t0

\\2-grams:
-0.3\t我们 在\t-0.25
-0.6\t在 家里\t0
-2.2\t再 家里\t0
-0.9\t在 家\t0

\\3-grams:
-0.2\t我们 在 家里

\\end\\
`;

async function tinyModel(prune = { bigramPrune: 0, trigramPrune: 0 }) {
  const dir = mkdtempSync(join(tmpdir(), 'lm-test-'));
  writeFileSync(join(dir, 'tiny.arpa'), ARPA);
  const parsed = await parseArpa(join(dir, 'tiny.arpa'));
  return { parsed, model: LanguageModel.fromBytes(buildModel(parsed, prune).bytes) };
}

describe('language model file (scripts/build-lm.ts → lib/lm/model.ts)', () => {
  it('keeps Chinese words only and reads back every n-gram within quantisation error', async () => {
    const { parsed, model } = await tinyModel();
    expect(parsed.words).toEqual(['我们', '在', '再', '家里', '家', '里']); // abc and <unk> are not words
    expect(model.size).toBe(6);
    expect(model.unk).toBe(-2);
    const id = (w: string) => model.id(w);
    // Tiny tables quantise nearly losslessly: each value is its own bin.
    expect(model.unigram(id('家里'))).toBeCloseTo(-1.1, 4);
    expect(model.logp(UNK, id('我们'), id('在'))).toBeCloseTo(-0.3, 4); // bigram
    expect(model.logp(id('我们'), id('在'), id('家里'))).toBeCloseTo(-0.2, 4); // trigram
    // No trigram (x 在 家): backoff of the bigram (我们 在) + the bigram (在 家).
    expect(model.logp(id('我们'), id('在'), id('家'))).toBeCloseTo(-0.25 + -0.9, 4);
    // No bigram (家里 我们): backoff of 家里 + unigram of 我们.
    expect(model.logp(UNK, id('家里'), id('我们'))).toBeCloseTo(-0.4 + -1.0, 4);
    expect(model.logp(UNK, id('我们'), UNK)).toBe(-2);
    expect(model.id('没有')).toBe(UNK);
    expect(model.hasBigram(id('在'), id('家里'))).toBe(true);
    expect(model.hasBigram(id('家里'), id('在'))).toBe(false);
  });

  it('finds every bigram it holds past its bigram filter, and scores bigrams alone as logp does', async () => {
    // 3,000 words and 60,000 random bigrams: more than the filter's bits can tell apart by themselves, so
    // pairs the model lacks pass the filter too and must be refused by the search behind it.
    let seed = 5;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const words = Array.from({ length: 3000 }, (_, i) => String.fromCharCode(0x4e00 + Math.floor(i / 60), 0x5000 + (i % 60)));
    const pairs = new Set<string>(['0 1', '1 2']);
    while (pairs.size < 60_000) pairs.add(`${rand(words.length)} ${rand(words.length)}`);
    const lines = ['\\data\\', `ngram 1=${words.length + 1}`, `ngram 2=${pairs.size}`, 'ngram 3=1', '', '\\1-grams:', '-6\t<unk>\t0'];
    for (const w of words) lines.push(`-${(3 + rand(300) / 100).toFixed(2)}\t${w}\t-${(rand(100) / 100).toFixed(2)}`);
    lines.push('', '\\2-grams:');
    for (const p of pairs) {
      const [a, b] = p.split(' ').map(Number);
      lines.push(`-${(rand(300) / 100).toFixed(2)}\t${words[a]} ${words[b]}\t0`);
    }
    lines.push('', '\\3-grams:', `-0.5\t${words[0]} ${words[1]} ${words[2]}`, '', '\\end\\', '');
    const dir = mkdtempSync(join(tmpdir(), 'lm-test-'));
    writeFileSync(join(dir, 'random.arpa'), lines.join('\n'));
    const model = LanguageModel.fromBytes(buildModel(await parseArpa(join(dir, 'random.arpa')), { bigramPrune: 0, trigramPrune: 0 }).bytes);
    const id = words.map((w) => model.id(w));
    let missed = 0;
    let differs = 0;
    for (const p of pairs) {
      const [a, b] = p.split(' ').map(Number);
      if (!model.hasBigram(id[a], id[b])) missed++;
      if (model.bigramLogp(id[a], id[b]) !== model.logp(UNK, id[a], id[b])) differs++;
    }
    let absent = 0;
    let held = 0;
    for (let i = 0; i < 60_000; i++) {
      const a = rand(words.length);
      const b = rand(words.length);
      if (pairs.has(`${a} ${b}`)) continue;
      absent++;
      if (model.hasBigram(id[a], id[b])) held++;
      if (model.bigramLogp(id[a], id[b]) !== model.logp(UNK, id[a], id[b])) differs++;
    }
    expect(missed).toBe(0);
    expect(held).toBe(0);
    expect(absent).toBeGreaterThan(50_000);
    expect(differs).toBe(0);
    // A pair with an unknown word, or without history, scores as logp does.
    expect(model.bigramLogp(UNK, id[0])).toBe(model.logp(UNK, UNK, id[0]));
    expect(model.bigramLogp(id[0], UNK)).toBe(model.unk);
  });

  it('bounds every score by maxLogp, a bound that a score reaches', async () => {
    // Every triple of the tiny model, histories and words without id included: none is above the bound, and
    // the highest (the trigram 我们 在 家里, -0.2) is the bound itself.
    const { model } = await tinyModel();
    let top = -Infinity;
    for (let h2 = UNK; h2 < model.size; h2++)
      for (let h1 = UNK; h1 < model.size; h1++)
        for (let w = UNK; w < model.size; w++) {
          const s = model.logp(h2, h1, w);
          expect(s).toBeLessThanOrEqual(model.maxLogp);
          top = Math.max(top, s);
        }
    expect(model.maxLogp).toBeCloseTo(-0.2, 4);
    expect(top).toBeCloseTo(model.maxLogp, 4);
  });

  it('finds every vocabulary word starting at a position, shortest first', async () => {
    const { model } = await tinyModel();
    const ends = new Int32Array(8);
    const ids = new Int32Array(8);
    const n = model.wordsAt('在家里', 1, 3, ends, ids);
    expect([...ends.slice(0, n)]).toEqual([2, 3]);
    expect([...ids.slice(0, n)].map((i) => model.words[i])).toEqual(['家', '家里']);
    expect(model.wordsAt('在家里', 1, 2, ends, ids)).toBe(1); // the end bounds the words
  });

  it('segments by unigram probability and decodes a lattice with the 3-gram scores', async () => {
    const { model } = await tinyModel();
    const text = '我们再家里';
    expect(segment(model, text, 0, text.length).map((t) => text.slice(t.start, t.end))).toEqual(['我们', '再', '家里']);
    const lattice = new WordLattice().reset(model, text).cover(0, text.length);
    const orig = decode(model, lattice, 0, text.length, UNK, UNK, [], 4);
    expect(decodedPath().map((a) => model.words[a.id])).toEqual(['我们', '再', '家里']);
    expect(decodedThrough()).toBe(false); // no candidate to take
    // 在 for 再 at a cost of 0.5: P(在|我们) P(家里|我们 在) beats P(再|我们) P(家里|再) by far more.
    const fix: Arc = { start: 2, end: 3, id: model.id('在'), cost: 0.5, cand: 1 };
    // Given as `extra`, the candidate is decoded as if it were in the lattice, which stays as it was.
    const byExtra = decode(model, lattice, 0, text.length, UNK, UNK, [], 4, fix);
    expect(decodedThrough()).toBe(true);
    const byExtraPath = decodedPath();
    expect(byExtraPath).toContain(fix);
    expect(byExtraPath.map((a) => text.slice(a.start, a.end))).toEqual(['我们', '再', '家里']);
    expect(decode(model, lattice, 0, text.length, UNK, UNK, [], 4)).toBe(orig);
    // The same candidate as an arc of the lattice: the same best path and score.
    const withFix = new WordLattice().reset(model, text).cover(0, 2);
    withFix.add(2, 3, model.id('在'), 0.5);
    withFix.cover(3, text.length);
    const alt = decode(model, withFix, 0, text.length, UNK, UNK, [], 4);
    expect(alt - orig).toBeGreaterThan(1);
    expect(byExtra).toBe(alt);
    expect(decodedPath().map((a) => [a.start, a.end, a.id, a.cost])).toEqual(byExtraPath.map((a) => [a.start, a.end, a.id, a.cost]));
    // An extra arc the best path does not take leaves the decoding as it was.
    expect(decode(model, lattice, 0, text.length, UNK, UNK, [], 4, { ...fix, cost: 20 })).toBe(orig);
    expect(decodedThrough()).toBe(false);
    // An arc goes in only at the offset filled last: an offset's arcs stay together.
    expect(() => withFix.add(2, 3, model.id('在'), 0.5)).toThrow(/filled last/);
  });

  it('decodes exactly: with a wide beam the best of every path, as an enumeration of all paths finds it', () => {
    // Windows of real text with every vocabulary word as an arc, plus candidate arcs (a confusable
    // word at a cost): the recombination on (h2, h1) must lose no path a 3-gram model could prefer.
    const model = loadNodeLanguageModel();
    const windows = ['我们再家里看书', '加强环镜保护工作', '推进城乡一体化', '坚持稳中求进'];
    for (const text of windows) {
      // The lattice, and the same arcs as lists for the enumeration.
      const lattice = new WordLattice().reset(model, text);
      const arcsAt: Arc[][] = [];
      for (let p = 0; p < text.length; p++) {
        lattice.cover(p, p + 1);
        for (const [w, at] of [
          ['在', '我们再家里看书'.indexOf('再')],
          ['环境', 2],
        ] as const) {
          if (at === p && model.id(w) !== UNK && at + w.length <= text.length) lattice.add(at, at + w.length, model.id(w), 0.7);
        }
        const list: Arc[] = [];
        for (let a = lattice.at(p); a < lattice.at(p) + lattice.count(p); a++)
          list.push({ start: p, end: lattice.ends[a], id: lattice.ids[a], cost: lattice.costs[a], cand: -1 });
        arcsAt.push(list);
      }
      expect(arcsAt.flat().some((a) => a.cost > 0)).toBe(true); // the candidates are in the lattice
      const h2 = model.id('今年');
      const h1 = model.id('要');
      const after = [model.id('的')];
      // Every path, scored the same way (history before, look-ahead after).
      let best = -Infinity;
      const walk = (p: number, a2: number, a1: number, score: number) => {
        if (p === text.length) {
          let sc = score;
          let [x2, x1] = [a2, a1];
          for (const w of after) {
            sc += model.logp(x2, x1, w);
            [x2, x1] = [x1, w];
          }
          best = Math.max(best, sc);
          return;
        }
        for (const arc of arcsAt[p]) walk(arc.end, a1, arc.id, score + model.logp(a2, a1, arc.id) - arc.cost);
      };
      walk(0, h2, h1, 0);
      const got = decode(model, lattice, 0, text.length, h2, h1, after, 10_000);
      expect(got, text).toBeCloseTo(best, 9);
      // The path it returns scores what it says.
      const path = decodedPath();
      let sc = 0;
      let [a2, a1] = [h2, h1];
      for (const arc of path) {
        sc += model.logp(a2, a1, arc.id) - arc.cost;
        [a2, a1] = [a1, arc.id];
      }
      for (const w of after) {
        sc += model.logp(a2, a1, w);
        [a2, a1] = [a1, w];
      }
      expect(sc, text).toBeCloseTo(got, 9);
      expect(path.map((a) => text.slice(a.start, a.end)).join('')).toBe(text); // the path covers the window, end to end
      // A narrow beam never finds a better path than the exact one.
      expect(decode(model, lattice, 0, text.length, h2, h1, after, 2)).toBeLessThanOrEqual(best + 1e-9);
    }
  });

  it('pruning drops n-grams that the backoff predicts well, and keeps the bigram a kept trigram needs', async () => {
    const { model } = await tinyModel({ bigramPrune: 1, trigramPrune: 0 });
    const id = (w: string) => model.id(w);
    expect(model.hasBigram(id('我们'), id('在'))).toBe(true); // context of the kept trigram
    expect(model.hasBigram(id('再'), id('家里'))).toBe(false);
    expect(model.logp(id('我们'), id('在'), id('家里'))).toBeCloseTo(-0.2, 4);
  });

  it('refuses a file that is not a model, or is cut short, with a clear error', async () => {
    expect(() => LanguageModel.fromBytes(new TextEncoder().encode('<html>not a model</html>'))).toThrow(/not a GovReview language model/);
    const { parsed } = await tinyModel();
    const { bytes } = buildModel(parsed, { bigramPrune: 0, trigramPrune: 0 });
    expect(() => LanguageModel.fromBytes(bytes.subarray(0, bytes.length - 8))).toThrow(/truncated/);
  });
});

describe('rank table of runs (the trigram runs of the bigrams)', () => {
  it('gives each non-empty run its start and end, and tells the empty ones, at every bit of a word', () => {
    let seed = 11;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    // 5,000 runs, most empty (as most bigrams have no trigram), some long; a length not a multiple of 32.
    const counts = Array.from({ length: 5_003 }, () => (rand(5) === 0 ? 1 + rand(40) : 0));
    const starts = new Uint32Array(counts.length + 1);
    counts.forEach((c, i) => (starts[i + 1] = starts[i] + c));
    const [rank, compact] = rankRuns(starts);
    let nonEmpty = 0;
    for (let i = 0; i < counts.length; i++) {
      const bits = rank[2 * (i >>> 5) + 1];
      const bit = 1 << (i & 31);
      expect((bits & bit) !== 0).toBe(counts[i] > 0);
      if (counts[i] === 0) continue;
      const r = rank[2 * (i >>> 5)] + popcount(bits & (bit - 1));
      expect(r).toBe(nonEmpty++);
      expect([compact[r], compact[r + 1]]).toEqual([starts[i], starts[i + 1]]);
    }
    expect(compact.length).toBe(nonEmpty + 1);
    expect(nonEmpty).toBeGreaterThan(500);
  });

  it('counts bits', () => {
    expect([0, 1, 0xff, 0x80000000, 0xffffffff | 0, 0x55555555].map(popcount)).toEqual([0, 1, 8, 1, 32, 16]);
  });
});

describe('the shipped model (lib/data/lm/zh-lm.bin)', () => {
  it('loads with its provenance and prefers the right word in context', () => {
    const model = loadNodeLanguageModel();
    expect(model.header.source).toMatch(/libime 1\.0\.16/);
    expect(model.header.license).toMatch(/LGPL-2\.1-or-later/);
    expect(model.size).toBeGreaterThan(100_000);
    const id = (w: string) => model.id(w);
    // 在家里 is far more probable than 再家里 after 他.
    expect(model.logp(id('他'), id('在'), id('家里'))).toBeGreaterThan(model.logp(id('他'), id('再'), id('家里')) + 0.5);
    expect(model.logp(UNK, id('加强'), id('环境'))).toBeGreaterThan(model.logp(UNK, id('加强'), id('环')) + 1);
  });

  it('finds every word of its vocabulary through the trie, and nothing else', () => {
    // 164,848 words over 8,362 characters: each found under its own id, by id() and as the longest word
    // wordsAt() reads at the start of the word; a word with a character appended, or its first character
    // replaced by one outside the vocabulary, is none.
    const model = loadNodeLanguageModel();
    const ends = new Int32Array(model.maxWordLength + 1);
    const ids = new Int32Array(model.maxWordLength + 1);
    let wrong = 0;
    for (let i = 0; i < model.size; i++) {
      const w = model.words[i];
      if (model.id(w) !== i) wrong++;
      const n = model.wordsAt(w, 0, w.length, ends, ids);
      if (n === 0 || ends[n - 1] !== w.length || ids[n - 1] !== i) wrong++;
      if (model.id(`${w}\u0001`) !== UNK || model.id(`\u0001${w.slice(1)}`) !== UNK) wrong++;
    }
    expect(wrong).toBe(0);
    expect(model.size).toBeGreaterThan(160_000);
    expect(model.words[model.id('政府')]).toBe('政府');
  });

  it('scores a bigram without its score cache as logp does, for pairs it holds and pairs it lacks', () => {
    const model = loadNodeLanguageModel();
    let seed = 3;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 4) % n;
    };
    const sentence = ['我们', '要', '进一步', '加强', '生态', '环境', '保护', '工作', '的', '是'].map((w) => model.id(w));
    const pairs: [number, number][] = [];
    for (const a of sentence) for (const b of sentence) pairs.push([a, b]);
    for (let i = 0; i < 50_000; i++) pairs.push([rand(model.size), rand(model.size)]);
    const held = pairs.filter(([a, b]) => model.hasBigram(a, b)).length;
    expect(held).toBeGreaterThan(20); // the sentence's own pairs
    expect(pairs.filter(([a, b]) => model.bigramLogp(a, b) !== model.logp(UNK, a, b))).toEqual([]);
  });

  it('scores no triple above its maxLogp', () => {
    // Random triples, and every bigram and trigram of a sentence of common words (the highest scores).
    const model = loadNodeLanguageModel();
    let seed = 11;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    let above = 0;
    let top = -Infinity;
    const ask = (h2: number, h1: number, w: number) => {
      const s = model.logp(h2, h1, w);
      if (s > model.maxLogp) above++;
      top = Math.max(top, s);
    };
    for (let i = 0; i < 100_000; i++) ask(rand(model.size), rand(model.size), rand(model.size));
    const words = ['我们', '要', '进一步', '加强', '生态', '环境', '保护', '工作', '的', '是', '中华人民共和国'].map((w) => model.id(w));
    for (const a of [UNK, ...words]) for (const b of words) for (const c of words) ask(a, b, c);
    expect(above).toBe(0);
    expect(model.maxLogp).toBeLessThan(0);
    expect(top).toBeGreaterThan(-1.5);
  });

  it('scores the same from its score cache as a fresh model, whatever was asked before', () => {
    // Two instances of one file: the first is asked 200,000 random triples (every cache slot overwritten
    // many times, colliding keys included), then both score the same 20,000 triples in different orders.
    const bytes = new Uint8Array(readFileSync(MODEL_FILE));
    const busy = LanguageModel.fromBytes(bytes);
    const fresh = LanguageModel.fromBytes(bytes);
    let seed = 7;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const word = () => (rand(10) === 0 ? UNK : rand(busy.size));
    for (let i = 0; i < 200_000; i++) busy.logp(word(), word(), word());
    // Triples with real histories (bigrams of a sentence) as well as random ones.
    const sentence = ['我们', '要', '加强', '环境', '保护', '工作'].map((w) => busy.id(w));
    const triples: [number, number, number][] = [];
    for (let i = 0; i + 2 < sentence.length; i++) triples.push([sentence[i], sentence[i + 1], sentence[i + 2]]);
    for (let i = 0; i < 20_000; i++) triples.push([word(), word(), word()]);
    const a = triples.map(([h2, h1, w]) => busy.logp(h2, h1, w));
    const b = [...triples]
      .reverse()
      .map(([h2, h1, w]) => fresh.logp(h2, h1, w))
      .reverse();
    expect(a).toEqual(b);
    // And asked again (now from the cache) the first answers stand.
    expect(triples.map(([h2, h1, w]) => busy.logp(h2, h1, w))).toEqual(a);
    expect(a[0]).toBeGreaterThan(-6);
    // With the cache emptied (the benchmark's passes), the same answers from the arrays.
    busy.forgetScores();
    expect(triples.map(([h2, h1, w]) => busy.logp(h2, h1, w))).toEqual(a);
  });
});
