/**
 * The English speller for Node hosts (CLI, eval, tests): dictionary-en's Hunspell files read from
 * node_modules and wrapped by lib/spell/speller.ts. Lazy and once per process: the dictionary (0.5 MB,
 * ~200 ms to build) is read on the first word a check asks about, so scans of pages without English never
 * pay for it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createSpeller } from '../lib/spell/speller';
import type { Speller } from '../lib/engine/types';
import { projectPath } from './project-root';
import { timeLoad } from './timings';

let loaded: Speller | undefined;

/**
 * The dictionary files' folder. dictionary-en exports only index.js (which reads them eagerly, at import).
 * Resolved from the project root, so the bundled CLI (dist/cli/) finds the same package as the sources.
 */
function dictionaryDir(): string {
  return dirname(createRequire(projectPath('package.json')).resolve('dictionary-en'));
}

/** Builds the speller now (synchronously), or returns the one this process built before. */
export function loadNodeSpeller(): Speller {
  loaded ??= timeLoad('speller', () =>
    createSpeller(readFileSync(join(dictionaryDir(), 'index.aff'), 'utf8'), readFileSync(join(dictionaryDir(), 'index.dic'), 'utf8')),
  );
  return loaded;
}

/** A Speller that builds the process's dictionary on its first call (for EngineOptions.speller). */
export function nodeSpeller(): Speller {
  return {
    correct: (word) => loadNodeSpeller().correct(word),
    suggest: (word) => loadNodeSpeller().suggest(word),
  };
}
