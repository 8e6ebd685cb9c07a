/**
 * The background's model load (entrypoints/background/language-model.ts) on WXT's fake browser, with the
 * extension's files served from the repository: the model comes with its word-neighbour table attached; a
 * missing or foreign table leaves the model working without it; a missing model fails the load, and the
 * next call tries again.
 */
import { readFileSync } from 'node:fs';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MODEL_FILE, NEIGHBOURS_FILE } from '../../../cli/node-language-model';
import type { LanguageModel } from '../../../lib/lm/model';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));

/** The extension's files by name: what fetch(getURL(name)) answers (a name missing answers 404). */
let served: Map<string, Uint8Array>;
let fetched: string[];

beforeEach(() => {
  vi.resetModules();
  fakeBrowser.reset();
  fetched = [];
  served = new Map([
    ['zh-lm.bin', new Uint8Array(readFileSync(MODEL_FILE))],
    ['zh-lm-neighbours.bin', new Uint8Array(readFileSync(NEIGHBOURS_FILE))],
  ]);
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = String(input);
    fetched.push(url);
    const body = served.get(url.slice(url.lastIndexOf('/') + 1));
    return body ? new Response(body.slice().buffer) : new Response('not found', { status: 404 });
  });
});
afterEach(() => vi.restoreAllMocks());

/** The loader as a fresh worker has it (modules reset in beforeEach). */
const load = async () => (await import('../../../entrypoints/background/language-model')).loadLanguageModel;
/** How many neighbours the table attached to `model` gives 置业 (undefined: no table), from the module instance the loader used. */
const tabled = async (model: LanguageModel) => (await import('../../../lib/lm/word-neighbours')).tabledNeighbours(model, model.id('置业'))?.length;

describe('the background loads the language model', () => {
  it('with its word-neighbour table attached, once per worker life', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const loadLanguageModel = await load();
    const model = await loadLanguageModel();
    expect(fetched.map((u) => u.slice(u.lastIndexOf('/') + 1)).sort()).toEqual(['zh-lm-neighbours.bin', 'zh-lm.bin']);
    expect(await tabled(model)).toBeGreaterThan(0);
    expect(await loadLanguageModel()).toBe(model);
    expect(fetched).toHaveLength(2);
    expect(info.mock.calls.map((c) => c[0])).toEqual([expect.stringMatching(/word-neighbour table: attached\)$/)]);
  });

  it('without the table when it is missing or another model’s, and says so', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    served.delete('zh-lm-neighbours.bin');
    const missing = await (await load())();
    expect(missing.id('置业')).toBeGreaterThanOrEqual(0);
    expect(await tabled(missing)).toBeUndefined();
    expect(String(warn.mock.calls.at(-1)?.[1])).toMatch(/zh-lm-neighbours\.bin: HTTP 404/);
    expect(info.mock.calls.at(-1)?.[0]).toMatch(/language model ready in \d+ ms \(word-neighbour table: not used\)/);

    vi.resetModules();
    const foreign = new Uint8Array(readFileSync(NEIGHBOURS_FILE));
    new DataView(foreign.buffer).setUint32(8, 12345, true);
    served.set('zh-lm-neighbours.bin', foreign);
    const other = await (await load())();
    expect(await tabled(other)).toBeUndefined();
    expect(String(warn.mock.calls.at(-1)?.[1])).toMatch(/another language model/);
  });

  it('fails without the model file, and tries again on the next call', async () => {
    served.delete('zh-lm.bin');
    const loadLanguageModel = await load();
    await expect(loadLanguageModel()).rejects.toThrow(/zh-lm\.bin: HTTP 404/);
    served.set('zh-lm.bin', new Uint8Array(readFileSync(MODEL_FILE)));
    const model = await loadLanguageModel();
    expect(await tabled(model)).toBeGreaterThan(0);
  });
});
