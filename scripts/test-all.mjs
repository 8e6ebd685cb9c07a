#!/usr/bin/env node
// `npm test`: installs Chromium and a CJK font when missing, then runs every test: lint and format check
// (Biome), types (tsc --noEmit), unit tests, then the e2e tests on the freshly built extension. Ends with one line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';

ensureChromium();
const out = mkdtempSync(join(tmpdir(), 'govreview-test-'));
const npx = (args) => spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' } });

function vitest(name, extra) {
  const file = join(out, `${name}.json`);
  const r = npx(['vitest', 'run', ...extra, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  try {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    return {
      passed: j.numPassedTests,
      failed: j.numFailedTests + (r.status !== 0 && j.numFailedTests === 0 ? 1 : 0),
      skipped: j.numPendingTests + j.numTodoTests,
    };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

// Lint, format check and types first: a red one fails the run but does not hide the tests' results.
const lint = npx(['biome', 'check', '--error-on-warnings', '.']);
const types = npx(['tsc', '--noEmit', '-p', '.']);
const unit = vitest('unit', []);
const build = npx(['wxt', 'build']);
const e2e = build.status === 0 ? vitest('e2e', ['--config', 'vitest.e2e.config.ts']) : { passed: 0, failed: 1, skipped: 0 };
const passed = unit.passed + e2e.passed;
const failed = unit.failed + e2e.failed + (lint.status ? 1 : 0) + (types.status ? 1 : 0);
const skipped = unit.skipped + e2e.skipped;
console.log(`\nlint and format (biome): ${lint.status ? 'failed' : 'passed'}; types (tsc --noEmit): ${types.status ? 'failed' : 'passed'}`);
console.log(`unit: ${unit.passed} passed, ${unit.failed} failed; e2e: ${e2e.passed} passed, ${e2e.failed} failed${build.status ? ' (build failed)' : ''}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
