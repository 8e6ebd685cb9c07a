/**
 * The language model for Node hosts (CLI, eval, bench, tests): lib/data/lm/zh-lm.bin read from the
 * repository, with its word-neighbour table (lib/data/lm/zh-lm-neighbours.bin, lib/lm/word-neighbours.ts),
 * parsed and indexed once per process, on first use (about 0.35 s; commands and scans that never reach a
 * check needing it do not pay for it).
 */
import { readFileSync } from 'node:fs';
import { LanguageModel } from '../lib/lm/model';
import { prepareModel } from '../lib/lm/prepare';
import { attachWordNeighbours } from '../lib/lm/word-neighbours';
import { projectPath } from './project-root';
import { timeLoad } from './timings';

/**
 * The shipped model file (built by scripts/build-lm.ts; source and licence in lib/data/lm/NOTICE.md), found
 * from the project root so that the bundled CLI (dist/cli/) reads the same file as the sources.
 */
export const MODEL_FILE = projectPath('lib/data/lm/zh-lm.bin');
/** The model's word-neighbour table (built by scripts/build-word-neighbours.ts from the model and the confusion data). */
export const NEIGHBOURS_FILE = projectPath('lib/data/lm/zh-lm-neighbours.bin');

/** The shipped model, parsed, with its word-neighbour table attached (no indexes yet: see prepareModel). */
export function readNodeLanguageModel(): LanguageModel {
  const model = LanguageModel.fromBytes(new Uint8Array(readFileSync(MODEL_FILE)));
  attachWordNeighbours(model, new Uint8Array(readFileSync(NEIGHBOURS_FILE)));
  return model;
}

let loaded: LanguageModel | undefined;

/** Parses the model and builds its indexes (lib/lm/prepare.ts) now, or returns the one this process loaded before. */
export function loadNodeLanguageModel(): LanguageModel {
  loaded ??= timeLoad('model', () => prepareModel(readNodeLanguageModel()));
  return loaded;
}
