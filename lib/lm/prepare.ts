/**
 * What the checks ask of a loaded model beyond its n-grams, built once: the wildcard index of its words,
 * the 公文 vocabulary's neighbour words (with the lexicon flags), the homophone index and every two-character
 * word's homophones, the confusion tables, and the lexicons' pattern pool with the protections joined. The
 * background calls it when the model loads, the CLI and the benchmark too: the model's load time counts all
 * of it, and no scan pays for it.
 */
import { warmConfusion } from './confusion-index';
import { vocabularyNeighbours, wildcardIndex, wordHomophoneTable } from './detect';
import type { LanguageModel } from './model';
import { lexiconFlags } from './protect';
import { lexiconPool } from '../text/pattern-pool';

export function prepareModel(model: LanguageModel): LanguageModel {
  wildcardIndex(model);
  vocabularyNeighbours(model, lexiconFlags(model));
  wordHomophoneTable(model);
  warmConfusion();
  // The model's protections joined the lexicons' pattern pool (lexiconFlags): its automaton is built here,
  // not by the next page's scan.
  lexiconPool.prepare();
  return model;
}
