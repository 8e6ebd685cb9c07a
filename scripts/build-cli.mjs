#!/usr/bin/env node
// Bundles the CLI (cli/scan.ts, cli/export.ts, cli/crawl.ts) with esbuild into dist/cli/<name>.mjs (git-ignored):
// Node 20, ESM, code split, so that `scan --help` and `export` never load the checks' chunk, and the checks never
// wait for tsx. Run by `postinstall` and, when a source is newer than the bundle, by cli/run.mjs (what the
// npm scripts run): a developer never runs a stale CLI. `node scripts/build-cli.mjs` builds;
// `node scripts/build-cli.mjs --if-stale` builds only when stale.
//
// External (not bundled): jieba-wasm (its Node build reads its .wasm next to its own file, and is imported
// lazily by cli/node-jieba.ts), better-sqlite3 (a native addon, loaded only by `crawl`, cli/sqlite-store.ts),
// bullmq and ioredis (loaded only by `crawl --queue` and `crawl --worker`, cli/crawl-queue.ts; bullmq requires its
// optional native msgpackr-extract at run time) and the node: builtins. Everything else (linkedom, undici, iconv-lite, nspell, fflate, dexie's part, the rule
// data) is bundled. Data read at run time by path (lib/data/lm/zh-lm.bin, dictionary-en's files) is found from
// the project root (cli/project-root.ts), not from dist/.
//
// esbuild is imported only to build: checking freshness needs only fs (about 3 ms for the ~250 sources).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The bundle's folder. */
export const OUT_DIR = join(ROOT, 'dist/cli');
/** The CLI commands: cli/<name>.ts is bundled to dist/cli/<name>.mjs. */
export const CLI_ENTRIES = ['scan', 'export', 'crawl'];
const MANIFEST = join(OUT_DIR, 'manifest.json');
const THIS_FILE = fileURLToPath(import.meta.url);
/** npm rewrites this on every install: bundled packages may have changed. */
const LOCKFILE = join(ROOT, 'node_modules/.package-lock.json');

/** dist/cli/<name>.mjs */
export function bundlePath(name) {
  return join(OUT_DIR, `${name}.mjs`);
}

/** Writes a file next to its final name, then renames it: a CLI started meanwhile never reads half a file. */
function writeAtomic(file, contents) {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, contents);
  renameSync(partial, file);
}

/**
 * Builds the bundle. Returns { ms, files, inputs }. Outputs are written atomically (two builds at once, e.g.
 * two test files, leave a whole bundle); chunks of earlier builds that nothing references are removed.
 * A missing or partial manifest makes the next staleReason() rebuild, so a failed build heals itself.
 */
export async function buildCli() {
  const started = Date.now();
  const t0 = performance.now();
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(CLI_ENTRIES.map((name) => [name, `cli/${name}.ts`])),
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['jieba-wasm', 'better-sqlite3', 'bullmq', 'ioredis'],
    // CommonJS packages inside an ESM bundle call require() for node: builtins: give them one.
    banner: { js: "import { createRequire as __govreviewRequire } from 'node:module'; const require = __govreviewRequire(import.meta.url);" },
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const files = [];
  // Chunks first, the entries that import them after: a command started meanwhile finds what it imports.
  const chunksFirst = [...result.outputFiles].sort((a, b) => Number(b.path.includes('/chunks/')) - Number(a.path.includes('/chunks/')));
  for (const out of chunksFirst) {
    writeAtomic(out.path, out.contents);
    files.push(relative(ROOT, out.path));
  }
  // Chunks of earlier builds nothing references now; not those of the last minute (a concurrent build's).
  const chunkDir = join(OUT_DIR, 'chunks');
  for (const name of existsSync(chunkDir) ? readdirSync(chunkDir) : []) {
    const file = join(chunkDir, name);
    try {
      if (!files.includes(relative(ROOT, file)) && statSync(file).mtimeMs < started - 60_000) rmSync(file, { force: true });
    } catch {
      /* removed meanwhile by another build */
    }
  }
  // The project's own sources the bundle was built from (node_modules are covered by the lockfile's mtime).
  const inputs = Object.keys(result.metafile.inputs)
    .filter((f) => !f.includes('node_modules/'))
    .sort();
  writeAtomic(MANIFEST, `${JSON.stringify({ builtFrom: started, files, inputs }, null, 1)}\n`);
  return { ms: Math.round(performance.now() - t0), files, inputs: inputs.length };
}

/**
 * Why the bundle must be rebuilt, or '' when it is fresh: no bundle, a file of it missing, or a source it was
 * built from (or this script, or node_modules) changed since the build started.
 */
export function staleReason() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return 'no bundle yet';
  }
  for (const f of manifest.files) if (!existsSync(join(ROOT, f))) return `${f} is missing`;
  const newer = (file) => {
    try {
      return statSync(file).mtimeMs > manifest.builtFrom;
    } catch {
      return file !== LOCKFILE; // a source that is gone: rebuild (and let esbuild say what imports it)
    }
  };
  if (newer(THIS_FILE)) return 'scripts/build-cli.mjs changed';
  if (newer(LOCKFILE)) return 'node_modules changed';
  for (const f of manifest.inputs) if (newer(join(ROOT, f))) return `${f} changed`;
  return '';
}

/** Rebuilds when stale (saying so on stderr); returns whether it built. */
export async function ensureFreshCli() {
  const reason = staleReason();
  if (!reason) return false;
  const { ms } = await buildCli();
  process.stderr.write(`[govreview] CLI rebuilt in ${ms} ms (${reason}) → ${relative(ROOT, OUT_DIR)}/\n`);
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === THIS_FILE) {
  try {
    if (process.argv.includes('--if-stale')) await ensureFreshCli();
    else {
      const { ms, files, inputs } = await buildCli();
      console.log(`[govreview] CLI bundled in ${ms} ms: ${inputs} sources → ${files.filter((f) => !f.includes('/chunks/')).join(', ')} (+ chunks)`);
    }
  } catch (err) {
    console.error(`[govreview] CLI build failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
