/**
 * The built extension as it ships (the directory the other e2e tests load): its data files travel with
 * their licences, the content script holds none of the model's data, and the zip stays within the budget
 * of issue 11 (≤ 15 MB).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { NEIGHBOURS_FILE } from '../../cli/node-language-model';
import { EXTENSION_DIR } from '../../scripts/harness/browser';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('the built extension', () => {
  it('ships each bundled data set with its licence (libime LGPL, pycorrector Apache-2.0, pinyin-data MIT)', () => {
    const names = files(EXTENSION_DIR).map((f) => relative(EXTENSION_DIR, f));
    for (const name of [
      'zh-lm.bin',
      'zh-lm-neighbours.bin',
      'zh-lm.LICENSE.txt',
      'zh-lm.NOTICE.md',
      'confusion.NOTICE.md',
      'confusion.LICENSE-Apache-2.0.txt',
      'pinyin-data.LICENSE.txt',
    ]) {
      expect(names).toContain(name);
    }
    expect(readFileSync(join(EXTENSION_DIR, 'pinyin-data.LICENSE.txt'), 'utf8')).toMatch(/Copyright \(c\) 2016 mozillazg/);
    // The model's word-neighbour table as built for it (lib/lm/word-neighbours.ts).
    expect(readFileSync(join(EXTENSION_DIR, 'zh-lm-neighbours.bin')).equals(readFileSync(NEIGHBOURS_FILE))).toBe(true);
  });

  it('keeps the candidate data out of the content script (the background alone holds the model side)', () => {
    const content = readFileSync(join(EXTENSION_DIR, 'content-scripts/content.js'), 'utf8');
    const background = readFileSync(join(EXTENSION_DIR, 'background.js'), 'utf8');
    // A stretch of lib/data/confusion/pinyin.json as the bundler inlines it.
    const marker = /zhong1/;
    expect(background).toMatch(marker);
    expect(content).not.toMatch(marker);
  });

  it('zips within 15 MB', () => {
    const tree: Record<string, Uint8Array> = {};
    for (const f of files(EXTENSION_DIR)) tree[relative(EXTENSION_DIR, f)] = readFileSync(f);
    const size = zipSync(tree, { level: 9 }).length;
    expect(size).toBeLessThan(15 * 1024 * 1024);
  });
});
