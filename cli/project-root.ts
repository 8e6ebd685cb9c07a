/**
 * The project's root folder, found from wherever this code runs: the sources (cli/, run by tsx or the tests)
 * and the bundle (dist/cli/ and its chunks, scripts/build-cli.mjs) both sit below it. Data files the CLI reads
 * at run time (the language model, dictionary-en) are found from here, never relative to the running file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

function isProjectRoot(dir: string): boolean {
  const pkg = join(dir, 'package.json');
  if (!existsSync(pkg)) return false;
  try {
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'govreview';
  } catch {
    return false;
  }
}

/** The nearest folder above this file whose package.json is GovReview's (GOVREVIEW_ROOT overrides it). */
export function projectRoot(): string {
  if (root) return root;
  if (process.env.GOVREVIEW_ROOT) return (root = process.env.GOVREVIEW_ROOT);
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; ) {
    if (isProjectRoot(dir)) return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the GovReview project folder above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** A path inside the project (`projectPath('lib/data/lm/zh-lm.bin')`). */
export function projectPath(relative: string): string {
  return join(projectRoot(), relative);
}
