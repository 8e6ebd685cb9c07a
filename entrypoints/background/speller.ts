import { createSpeller } from '@/lib/spell/speller';
import type { Speller } from '@/lib/engine/types';
import { packagedFile } from './packaged';

let loading: Promise<Speller> | undefined;

/** Reads one of the extension's own files as text. */
const readPackaged = async (path: string): Promise<string> => (await packagedFile(path)).text();

/**
 * The English dictionary (dictionary-en's Hunspell en_US files, 0.5 MB; ~200 ms to build) loaded once per
 * service-worker life from the extension's files. Pages without English words never need it (ask
 * lib/spell/english-text.ts hasEnglishText first). A failed load is retried on the next call; meanwhile
 * typo-english reports nothing.
 */
export function loadSpeller(): Promise<Speller> {
  loading ??= Promise.all([readPackaged('/dictionary-en.aff'), readPackaged('/dictionary-en.dic')])
    .then(([aff, dic]) => createSpeller(aff, dic))
    .catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
  return loading;
}
