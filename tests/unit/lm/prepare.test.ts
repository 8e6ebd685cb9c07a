import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_FILE } from '../../../cli/node-language-model';
import { vocabularyNeighbours, wildcardIndex, wordHomophoneTable } from '../../../lib/lm/detect';
import { homophoneIndex } from '../../../lib/lm/homophones';
import { LanguageModel } from '../../../lib/lm/model';
import { prepareModel } from '../../../lib/lm/prepare';
import { lexiconFlags } from '../../../lib/lm/protect';

describe('prepareModel', () => {
  it('returns the model with its indexes; a second call builds none of them anew', () => {
    const model = LanguageModel.fromBytes(new Uint8Array(readFileSync(MODEL_FILE)));
    expect(prepareModel(model)).toBe(model);
    const index = wildcardIndex(model);
    const neighbours = vocabularyNeighbours(model, lexiconFlags(model));
    const homophones = homophoneIndex(model);
    const wordHomophones = wordHomophoneTable(model);
    // The 公文 vocabulary's neighbour words are there (市场 → 市长 among them).
    expect(neighbours.get(model.id('市场'))?.length).toBeGreaterThan(0);
    expect(homophones.ids.length).toBeGreaterThan(50_000);
    expect(wordHomophones.pairs.length).toBeGreaterThan(100_000);
    // A second call builds nothing new: the same objects come back.
    prepareModel(model);
    expect(wildcardIndex(model)).toBe(index);
    expect(vocabularyNeighbours(model, lexiconFlags(model))).toBe(neighbours);
    expect(homophoneIndex(model)).toBe(homophones);
    expect(wordHomophoneTable(model)).toBe(wordHomophones);
  });
});
