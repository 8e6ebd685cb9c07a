import browser from 'webextension-polyfill';
import init, * as jieba from 'jieba-wasm/web';
import { jiebaSegmenter } from '@/lib/engine/segmenter';
import type { Segmenter } from '@/lib/engine/types';

let loading: Promise<Segmenter> | undefined;

/**
 * jieba (WASM, 4 MB) loaded once per service-worker life from the extension's own files (copied by the
 * build:publicAssets hook). Runs here, not in the content script: a page's CSP would block WASM there.
 * A failed load is retried on the next scan; meanwhile the text checks that need it report nothing.
 */
export function loadSegmenter(): Promise<Segmenter> {
  loading ??= init({ module_or_path: browser.runtime.getURL('/jieba_rs_wasm_bg.wasm') })
    .then(() => jiebaSegmenter(jieba))
    .catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
  return loading;
}
