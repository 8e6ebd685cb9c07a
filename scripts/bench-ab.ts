/**
 * `npx tsx scripts/bench-ab.ts <rev> [--rounds N]`: the engine pass of the working tree against the one of
 * another revision, on the 1.12 M characters of work reports, for speed work that changes a few per cent.
 *
 * `npm run bench`'s engine figure is a ratio to jieba measured in turns of a few seconds each; on this machine
 * it moves by ±10 % from one run to the next, more than most changes gain. Here both engines live in one
 * process, each with its own model and caches, and run text by text in turn (A then B, then B then A), so
 * that the machine's drift hits both alike; each round starts, as the bench's does, with the caches of
 * earlier passes emptied. Whichever engine is loaded second runs about 2 % faster (measured: a revision
 * against itself), so the comparison is made twice, in both load orders, and the geometric mean of the two
 * ratios is the answer. Prints JSON: per order, ms per pass for each and their ratio; `ratio` (working tree /
 * revision, below 1: faster) and the findings of each (which must be equal for a change meant to keep them).
 *
 * The revision is checked out in a temporary git worktree (node_modules linked from here) and removed after;
 * its code and rule data are bundled from there, and each engine reads the data files it loads at run time
 * (the language model and its word-neighbour table) from its own tree.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { readWorkReports } from './corpora';

const ROOT = resolve(import.meta.dirname, '..');
const USAGE = 'usage: npx tsx scripts/bench-ab.ts <rev> [--rounds N]   (working tree against <rev>, engine pass on the work reports)';

/**
 * One engine over a tree: `setup(texts)` gives `one(i)` (check text i) and `reset()` (empty the caches, as each
 * bench round does). The tree's root is the project folder while the engine loads (GOVREVIEW_ROOT, which each
 * bundle's cli/project-root.ts reads at its first call and keeps).
 */
const entry = (tree: string) => `
import { readNodeLanguageModel } from './cli/node-language-model';
import { nodeSpeller } from './cli/node-speller';
import { forgetWordCandidates } from './lib/lm/detect';
import { prepareModel } from './lib/lm/prepare';
import { protectedMask } from './lib/lm/protect';
import * as jieba from 'jieba-wasm';
import { checks } from './lib/checks';
import { runChecks } from './lib/engine/engine';
import { jiebaSegmenter } from './lib/engine/segmenter';
import { textModelFromPlainText } from './lib/text-model/from-text';
export function setup(texts) {
  const saved = process.env.GOVREVIEW_ROOT;
  process.env.GOVREVIEW_ROOT = ${JSON.stringify(tree)};
  const lm = readNodeLanguageModel();
  prepareModel(lm);
  const speller = nodeSpeller();
  if (saved === undefined) delete process.env.GOVREVIEW_ROOT;
  else process.env.GOVREVIEW_ROOT = saved;
  let segmenter = jiebaSegmenter(jieba);
  return {
    one(i) {
      const model = textModelFromPlainText(texts[i], 'report:' + i);
      protectedMask(lm, model.text, model.footer);
      return runChecks(model, { today: '2026-11-22', checks, segmenter, languageModel: lm, speller, budgetMs: 60000 }).findings.length;
    },
    reset() {
      forgetWordCandidates(lm);
      lm.forgetScores();
      segmenter = jiebaSegmenter(jieba);
    },
  };
}
`;

/** The child: loads two bundles in the given order, warms both, then runs `rounds` interleaved passes. */
const CHILD = `
import { readFileSync } from 'node:fs';
const [textsFile, firstFile, secondFile, rounds, firstIs] = process.argv.slice(2);
const texts = JSON.parse(readFileSync(textsFile, 'utf8'));
const first = (await import(firstFile)).setup(texts);
const second = (await import(secondFile)).setup(texts);
const [base, work] = firstIs === 'base' ? [first, second] : [second, first];
const pass = (e) => { e.reset(); let n = 0; for (let i = 0; i < texts.length; i++) n += e.one(i); return n; };
pass(base); pass(work); pass(base); pass(work);
let tb = 0, tw = 0, nb = 0, nw = 0;
for (let r = 0; r < Number(rounds); r++) {
  base.reset(); work.reset(); nb = 0; nw = 0;
  for (let i = 0; i < texts.length; i++) {
    for (const which of (i + r) % 2 === 0 ? ['base', 'work'] : ['work', 'base']) {
      const t0 = performance.now();
      const n = (which === 'base' ? base : work).one(i);
      const dt = performance.now() - t0;
      if (which === 'base') { tb += dt; nb += n; } else { tw += dt; nw += n; }
    }
  }
}
console.log(JSON.stringify({ baseMs: tb / Number(rounds), workMs: tw / Number(rounds), baseFindings: nb, workFindings: nw }));
`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const at = args.indexOf('--rounds');
  const rounds = at >= 0 ? Number(args[at + 1]) : 5;
  const rev = args.find((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
  if (!rev || !Number.isInteger(rounds) || rounds < 1) {
    console.error(USAGE);
    return 2;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'govreview-ab-'));
  const baseTree = join(tmp, 'base');
  const git = (...a: string[]) => spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' });
  const added = git('worktree', 'add', '--detach', baseTree, rev);
  if (added.status !== 0) {
    console.error(`bench-ab: cannot check out ${rev}: ${added.stderr.trim()}`);
    rmSync(tmp, { recursive: true, force: true });
    return 2;
  }
  try {
    symlinkSync(join(ROOT, 'node_modules'), join(baseTree, 'node_modules'));
    // The bundles go where Node finds jieba-wasm (left out of them: its Node build reads its .wasm beside it).
    const outDir = join(ROOT, 'node_modules', '.govreview-bench-ab');
    mkdirSync(outDir, { recursive: true });
    const bundle = async (tree: string, name: string) => {
      const outfile = join(outDir, `${name}-${process.pid}.mjs`);
      await build({
        stdin: { contents: entry(tree), resolveDir: tree, loader: 'ts' },
        bundle: true,
        platform: 'node',
        format: 'esm',
        outfile,
        external: ['jieba-wasm', 'better-sqlite3'],
        logLevel: 'error',
        banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      });
      return outfile;
    };
    const baseFile = await bundle(baseTree, 'base');
    const workFile = await bundle(ROOT, 'work');
    const textsFile = join(tmp, 'texts.json');
    writeFileSync(textsFile, JSON.stringify(readWorkReports().map((r) => r.content)));
    const childFile = join(tmp, 'child.mjs');
    writeFileSync(childFile, CHILD);
    const run = (order: 'base' | 'work') => {
      const [first, second] = order === 'base' ? [baseFile, workFile] : [workFile, baseFile];
      const r = spawnSync(process.execPath, [childFile, textsFile, first, second, String(rounds), order], { encoding: 'utf8', maxBuffer: 16 << 20 });
      if (r.status !== 0) throw new Error(`bench-ab: the engines' process failed: ${r.stderr}`);
      const got = JSON.parse(r.stdout.trim().split('\n').pop()!);
      return { ...got, ratio: Number((got.workMs / got.baseMs).toFixed(4)) };
    };
    const baseFirst = run('base');
    const workFirst = run('work');
    console.log(
      JSON.stringify({
        bench: 'engine-ab',
        rev,
        rounds,
        baseFirst,
        workFirst,
        ratio: Number(Math.sqrt(baseFirst.ratio * workFirst.ratio).toFixed(3)),
        sameFindings: baseFirst.baseFindings === baseFirst.workFindings,
      }),
    );
    return 0;
  } finally {
    git('worktree', 'remove', '--force', baseTree);
    rmSync(tmp, { recursive: true, force: true });
    for (const name of ['base', 'work']) rmSync(join(ROOT, 'node_modules', '.govreview-bench-ab', `${name}-${process.pid}.mjs`), { force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  },
);
