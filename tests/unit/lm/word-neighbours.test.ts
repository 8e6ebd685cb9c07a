/**
 * The word-neighbour table (lib/lm/word-neighbours.ts): the shipped file is what a fresh build from the
 * shipped model and confusion data gives, it reads back into the neighbours the detector would find itself,
 * the detector proposes the same with it as without it, and a file that is not the model's is refused.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_FILE, NEIGHBOURS_FILE } from '../../../cli/node-language-model';
import { DEFAULT_PARAMS, detect, forgetWordCandidates, vocabularyNeighbours, wildcardIndex } from '../../../lib/lm/detect';
import { LanguageModel } from '../../../lib/lm/model';
import { lexiconFlags, protectedMask } from '../../../lib/lm/protect';
import { attachWordNeighbours, buildWordNeighbours, computeWordNeighbours, tabledNeighbours } from '../../../lib/lm/word-neighbours';
import { buildDevSet } from '../../../scripts/devset';

const modelBytes = new Uint8Array(readFileSync(MODEL_FILE));
const shipped = new Uint8Array(readFileSync(NEIGHBOURS_FILE));
/** A model without the table (the detector finds each word's neighbours itself) and one with it. */
const bare = LanguageModel.fromBytes(modelBytes);
const tabled = LanguageModel.fromBytes(modelBytes);
attachWordNeighbours(tabled, shipped);

describe('the word-neighbour table', () => {
  it('is what a fresh build from the shipped model and confusion data gives (rebuild: scripts/build-word-neighbours.ts)', () => {
    const fresh = buildWordNeighbours(bare, wildcardIndex(bare));
    expect(fresh.length).toBe(shipped.length);
    // Byte for byte, without printing a million bytes on failure.
    let firstDiff = -1;
    for (let i = 0; i < fresh.length && firstDiff < 0; i++) if (fresh[i] !== shipped[i]) firstDiff = i;
    expect(firstDiff).toBe(-1);
  });

  it('reads back into the neighbours the detector would find, in the same order', () => {
    const idx = wildcardIndex(bare);
    let withNeighbours = 0;
    for (let id = 0; id < bare.size; id += 97) {
      const len = bare.words[id].length;
      const got = tabledNeighbours(tabled, id);
      if (len < 2 || len > 4) {
        expect(got?.length).toBe(0);
        continue;
      }
      const want = computeWordNeighbours(bare, idx, id);
      expect([...(got ?? [])]).toEqual(want);
      if (want.length) withNeighbours++;
    }
    expect(withNeighbours).toBeGreaterThan(500);
    // A known pair: 置业 one same-sound character from 职业.
    const near = tabledNeighbours(tabled, tabled.id('置业'))!;
    const ids = [...near].filter((_, i) => i % 4 === 1);
    expect(ids).toContain(tabled.id('职业'));
    expect(tabledNeighbours(bare, tabled.id('置业'))).toBeUndefined();
  });

  it('leaves the proposals as they were: the dev set, with and without it', () => {
    const sentences = buildDevSet(600).map((s) => s.wrong);
    const run = (model: LanguageModel) => {
      forgetWordCandidates(model);
      return sentences.map((t) => detect(model, t, DEFAULT_PARAMS, protectedMask(model, t), lexiconFlags(model)));
    };
    const without = run(bare);
    const withTable = run(tabled);
    expect(withTable).toEqual(without);
    // The word branch is in play: some proposals replace a whole word of the text.
    expect(without.flat().filter((p) => p.end - p.start >= 2).length).toBeGreaterThan(10);
  });

  it('gives the 公文 vocabulary’s neighbour words (built at load from it) as the detector would find them', () => {
    const fromTable = vocabularyNeighbours(tabled, lexiconFlags(tabled));
    const found = vocabularyNeighbours(bare, lexiconFlags(bare));
    expect(fromTable).not.toBe(found);
    expect(fromTable.size).toBeGreaterThan(500);
    expect([...fromTable].map(([id, quads]) => [id, [...quads]])).toEqual([...found].map(([id, quads]) => [id, [...quads]]));
    // 市场 → 市长 among them.
    expect([...(fromTable.get(tabled.id('市场')) ?? [])].filter((_, i) => i % 4 === 1)).toContain(tabled.id('市长'));
  });

  it('is refused, and nothing attached, for a file that is not the model’s table', () => {
    const fresh = () => LanguageModel.fromBytes(modelBytes);
    const tampered = (at: number, value: number) => {
      const b = shipped.slice();
      new DataView(b.buffer).setUint32(at, value, true);
      return b;
    };
    /** One word's count raised by one: the counts no longer sum to the entries. */
    const countRaised = (id: number) => {
      const b = shipped.slice();
      const dv = new DataView(b.buffer);
      dv.setUint16(20 + 2 * id, dv.getUint16(20 + 2 * id, true) + 1, true);
      return b;
    };
    const cases: Array<[Uint8Array, RegExp]> = [
      [new TextEncoder().encode('<html>not a table</html>'), /bad magic/],
      [tampered(4, 99), /version 99, expected 1/],
      [tampered(8, 12345), /another language model/],
      [tampered(12, bare.size - 1), /another language model/],
      [shipped.subarray(0, shipped.length - 4), /truncated/],
      [tampered(16, new DataView(shipped.buffer, shipped.byteOffset).getUint32(16, true) - 1), /truncated/],
      [countRaised(bare.id('置业')), /inconsistent/],
    ];
    for (const [bytes, message] of cases) {
      const model = fresh();
      expect(() => attachWordNeighbours(model, bytes)).toThrow(message);
      expect(tabledNeighbours(model, model.id('置业'))).toBeUndefined();
    }
  });
});
