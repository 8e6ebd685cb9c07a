/**
 * The language model for Node hosts (CLI, eval, bench, tests): lib/data/lm/zh-lm.bin read from the
 * repository and parsed once per process, on first use (about 0.2 s; commands and scans that never reach
 * a check needing it do not pay for it).
 */
import { readFileSync } from 'node:fs';
import { LanguageModel } from '../lib/lm/model';
import { projectPath } from './project-root';
import { timeLoad } from './timings';

/**
 * The shipped model file (built by scripts/build-lm.ts; source and licence in lib/data/lm/NOTICE.md), found
 * from the project root so that the bundled CLI (dist/cli/) reads the same file as the sources.
 */
export const MODEL_FILE = projectPath('lib/data/lm/zh-lm.bin');

let loaded: LanguageModel | undefined;

/** Parses the model now, or returns the one this process parsed before. */
export function loadNodeLanguageModel(): LanguageModel {
  loaded ??= timeLoad('model', () => LanguageModel.fromBytes(new Uint8Array(readFileSync(MODEL_FILE))));
  return loaded;
}
