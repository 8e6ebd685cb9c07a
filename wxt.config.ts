import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { ALWAYS_MATCHES, OPTIONAL_MATCHES } from './lib/extension/access';
import { MANIFEST_COMMANDS } from './lib/extension/commands';

// See https://wxt.dev/api/config.html
export default defineConfig({
  // GOVREVIEW_OUT_DIR lets two builds (say, a test run and a benchmark) live side by side; the e2e harness reads it too.
  outDir: process.env.GOVREVIEW_OUT_DIR || '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // Least privilege (README, Permissions; lib/extension/access.ts): the extension holds gov.cn and the demo
    // site only, where the content script is declared (entrypoints/content/index.ts). Any other site is asked
    // for when the reviewer starts what needs it (link checks, 复查, 本站自动审读, 全站巡检, 站内搜索, 政务新媒体);
    // activeTab (the toolbar button, a shortcut, the context menu) reads a clicked tab and lets Chrome capture
    // it (the evidence screenshot).
    permissions: ['storage', 'unlimitedStorage', 'tabs', 'sidePanel', 'contextMenus', 'scripting', 'activeTab'],
    host_permissions: [...ALWAYS_MATCHES],
    optional_host_permissions: [...OPTIONAL_MATCHES],
    // Keyboard shortcuts (lib/extension/commands.ts): next/previous finding, record, ignore.
    commands: MANIFEST_COMMANDS,
    // jieba runs as WASM in the service worker: MV3 extension pages need 'wasm-unsafe-eval'.
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
    web_accessible_resources: [],
    ...(browser === 'chrome' ? { minimum_chrome_version: '120' } : {}),
  }),
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  }),
  hooks: {
    // The segmenter's WASM ships beside the service worker, loaded via browser.runtime.getURL.
    'build:publicAssets': (_wxt, files) => {
      files.push({
        absoluteSrc: resolve('node_modules/jieba-wasm/pkg/web/jieba_rs_wasm_bg.wasm'),
        relativeDest: 'jieba_rs_wasm_bg.wasm',
      });
      // The language model of typo-context (lib/data/lm/NOTICE.md: libime's lm_sc, LGPL-2.1-or-later), read by
      // entrypoints/background/language-model.ts, with its licence beside it.
      files.push({ absoluteSrc: resolve('lib/data/lm/zh-lm.bin'), relativeDest: 'zh-lm.bin' });
      // Its word-neighbour table (lib/lm/word-neighbours.ts, built from the model and the confusion data).
      files.push({ absoluteSrc: resolve('lib/data/lm/zh-lm-neighbours.bin'), relativeDest: 'zh-lm-neighbours.bin' });
      files.push({ absoluteSrc: resolve('lib/data/lm/LICENSE-LGPL-2.1-or-later.txt'), relativeDest: 'zh-lm.LICENSE.txt' });
      files.push({ absoluteSrc: resolve('lib/data/lm/NOTICE.md'), relativeDest: 'zh-lm.NOTICE.md' });
      // The candidate data bundled into the background (lib/data/confusion/NOTICE.md): pycorrector's confusion
      // sets (Apache-2.0) and pinyin-data's readings (MIT), whose licences ask to travel with the copies.
      files.push({ absoluteSrc: resolve('lib/data/confusion/NOTICE.md'), relativeDest: 'confusion.NOTICE.md' });
      files.push({ absoluteSrc: resolve('lib/data/confusion/LICENSE-Apache-2.0.txt'), relativeDest: 'confusion.LICENSE-Apache-2.0.txt' });
      files.push({ absoluteSrc: resolve('lib/data/confusion/LICENSE-MIT-pinyin-data.txt'), relativeDest: 'pinyin-data.LICENSE.txt' });
      // The English dictionary (typo-english), read by entrypoints/background/speller.ts, with its license
      // (SCOWL's BSD-style terms ask that the notice travel with the files).
      for (const [src, dest] of [
        ['index.aff', 'dictionary-en.aff'],
        ['index.dic', 'dictionary-en.dic'],
        ['license', 'dictionary-en.LICENSE.txt'],
      ]) {
        files.push({ absoluteSrc: resolve('node_modules/dictionary-en', src), relativeDest: dest });
      }
    },
  },
});
