import browser from 'webextension-polyfill';
import { LanguageModel } from '@/lib/lm/model';
import { prepareModel } from '@/lib/lm/prepare';

let loading: Promise<LanguageModel> | undefined;

/**
 * The word 3-gram model of typo-context (lib/data/lm/zh-lm.bin, 8.8 MB, copied into the build by
 * wxt.config.ts), loaded once per service-worker life, lazily: the first scan starts it and goes on
 * without it; the model's findings come with the rescan that follows the load (see main.ts). Its
 * candidate indexes are built at load too (lib/lm/prepare.ts), so that no scan pays for them. A failed load
 * is retried on the next call. The content script never holds the model.
 */
export function loadLanguageModel(): Promise<LanguageModel> {
  loading ??= fetch(browser.runtime.getURL('/zh-lm.bin'))
    .then(async (response) => {
      if (!response.ok) throw new Error(`zh-lm.bin: HTTP ${response.status}`);
      return prepareModel(LanguageModel.fromBytes(new Uint8Array(await response.arrayBuffer())));
    })
    .catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
  return loading;
}
