import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  // The @/ alias of the extension's code (tsconfig paths), for tests of the background and the components.
  resolve: { alias: { '@/': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    // Some tests spawn the CLI (tsx, then jieba's WASM) or scan whole pages: seconds on a loaded 2-core
    // machine. A timeout is not a speed test here (speed is measured by npm run bench), only a hang guard.
    testTimeout: 30_000,
  },
});
