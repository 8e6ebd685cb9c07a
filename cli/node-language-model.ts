/**
 * The language model for Node hosts (CLI, eval, bench, tests): lib/data/lm/zh-lm.bin read from the
 * repository, parsed and indexed once per process, on first use (about 0.35 s; commands and scans that
 * never reach a check needing it do not pay for it).
 */
import { readFileSync } from 'node:fs';
import { LanguageModel } from '../lib/lm/model';
import { prepareModel } from '../lib/lm/prepare';
import { projectPath } from './project-root';
import { timeLoad } from './timings';

/**
 * The shipped model file (built by scripts/build-lm.ts; source and licence in lib/data/lm/NOTICE.md), found
 * from the project root so that the bundled CLI (dist/cli/) reads the same file as the sources.
 */
export const MODEL_FILE = projectPath('lib/data/lm/zh-lm.bin');

let loaded: LanguageModel | undefined;

/** Parses the model and builds its indexes (lib/lm/prepare.ts) now, or returns the one this process loaded before. */
export function loadNodeLanguageModel(): LanguageModel {
  loaded ??= timeLoad('model', () => prepareModel(LanguageModel.fromBytes(new Uint8Array(readFileSync(MODEL_FILE)))));
  return loaded;
}
