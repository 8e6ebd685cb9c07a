/**
 * How long this process spent loading each lazily loaded resource (jieba-wasm, the language model, the
 * English dictionary, the code of a scan), in ms. `GOVREVIEW_TIMINGS=1 npm run scan -- …` prints them on stderr as one JSON line
 * (scripts/bench-cli.ts reads it to split a scan's time into start-up, loads and checking).
 */
import { performance } from 'node:perf_hooks';

/** jieba-wasm (import and dictionary), the language model, the English dictionary, the scan's code (checks, linkedom …). */
export type LoadedResource = 'jieba' | 'model' | 'speller' | 'code';

/** Milliseconds spent so far on each resource, summed over its loads; a resource never loaded has no entry. */
export const loadTimings: Partial<Record<LoadedResource, number>> = {};

/** Runs a synchronous load and adds its wall time to `loadTimings[name]`. */
export function timeLoad<T>(name: LoadedResource, load: () => T): T {
  const started = performance.now();
  try {
    return load();
  } finally {
    loadTimings[name] = (loadTimings[name] ?? 0) + performance.now() - started;
  }
}

/** The same for an asynchronous load. */
export async function timeLoadAsync<T>(name: LoadedResource, load: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await load();
  } finally {
    loadTimings[name] = (loadTimings[name] ?? 0) + performance.now() - started;
  }
}
