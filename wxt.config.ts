import { resolve } from 'node:path';
import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  // GOVREVIEW_OUT_DIR lets two builds (say, a test run and a benchmark) live side by side; the e2e harness reads it too.
  outDir: process.env.GOVREVIEW_OUT_DIR || '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    permissions: ['storage', 'unlimitedStorage', 'tabs', 'sidePanel', 'contextMenus'],
    host_permissions: ['<all_urls>'],
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
    'build:publicAssets': (wxt, files) => {
      files.push({
        absoluteSrc: resolve('node_modules/jieba-wasm/pkg/web/jieba_rs_wasm_bg.wasm'),
        relativeDest: 'jieba_rs_wasm_bg.wasm',
      });
    },
  },
});
