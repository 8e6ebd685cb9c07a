import { LanguageModel } from '@/lib/lm/model';
import { prepareModel } from '@/lib/lm/prepare';
import { attachWordNeighbours } from '@/lib/lm/word-neighbours';
import { packagedFile } from './packaged';

let loading: Promise<LanguageModel> | undefined;

/** The bytes of one of the extension's own files. */
const extensionFile = async (name: string): Promise<Uint8Array> => new Uint8Array(await (await packagedFile(name)).arrayBuffer());

/**
 * The word 3-gram model of typo-context (lib/data/lm/zh-lm.bin, 8.8 MB, copied into the build by
 * wxt.config.ts), loaded once per service-worker life, lazily: the first scan starts it and goes on
 * without it; the model's findings come with the rescan that follows the load (see main.ts). Its word-
 * neighbour table (zh-lm-neighbours.bin, lib/lm/word-neighbours.ts) is read with it, and its candidate
 * indexes are built at load too (lib/lm/prepare.ts), so that no scan pays for them. Without the table the
 * model still works (the detector finds each word's neighbours itself, with the same findings). A failed
 * load is retried on the next call. The content script never holds the model.
 */
export function loadLanguageModel(): Promise<LanguageModel> {
  if (loading) return loading;
  const t0 = performance.now();
  loading = Promise.all([extensionFile('zh-lm.bin'), extensionFile('zh-lm-neighbours.bin').catch((err: unknown) => err as Error)])
    .then(([bytes, table]) => {
      const model = LanguageModel.fromBytes(bytes);
      let tabled = false;
      try {
        if (table instanceof Error) throw table;
        attachWordNeighbours(model, table);
        tabled = true;
      } catch (err) {
        console.warn('[GovReview] word-neighbour table not used:', err);
      }
      prepareModel(model);
      console.info(`[GovReview] language model ready in ${Math.round(performance.now() - t0)} ms (word-neighbour table: ${tabled ? 'attached' : 'not used'})`);
      return model;
    })
    .catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
  return loading;
}
