/**
 * `npx tsx scripts/bench-cli.ts [--rounds N]` (part `cli` of `npm run bench`): the CLI's start-up and a small
 * scan, each a median wall time of N runs (default 7) of a fresh process, against `node -e ''` measured in
 * the same rounds (the baseline: what any Node command costs on this machine now; the rounds interleave the
 * commands, so a busy moment hits them all). Prints one JSON object:
 *  - build: bundling dist/cli/ with esbuild (scripts/build-cli.mjs) and the freshness check cli/run.mjs makes;
 *  - startup: the bundle's `scan --help` and `export --help`, `node cli/run.mjs scan --help` (the npm script's
 *    command: freshness check + bundle), `npm run scan -- --help` (npm's own start-up on top) and the old tsx
 *    path (`node --import tsx cli/scan.ts --help`);
 *  - scan: the bundle scanning assets/demo-site/index.html (--today 2026-11-22 --no-links: no network), split
 *    by the CLI's own timings (GOVREVIEW_TIMINGS=1) into start-up (process start → main), importing the scan's
 *    code (checks, linkedom …), the lazy loads (jieba-wasm import + dictionary, the language model, the English
 *    dictionary; loadsShare is their part of the whole) and the rest (reading, parsing, checking — the checks
 *    build their indexes on first use —, printing); and the same scan through tsx.
 * A benchmark, not a test: read the ratios, never assert wall time.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildCli, bundlePath, ROOT, staleReason } from './build-cli.mjs';

const arg = process.argv.indexOf('--rounds');
const ROUNDS = arg > 0 ? Number(process.argv[arg + 1]) : Number(process.env.BENCH_CLI_ROUNDS ?? 7);
/** The slow tsx paths are measured in fewer rounds. */
const TSX_ROUNDS = Math.max(3, Math.ceil(ROUNDS / 2));
const PAGE = 'assets/demo-site/index.html';
const SCAN_ARGS = [resolve(ROOT, PAGE), '--today', '2026-11-22', '--no-links'];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round1 = (x: number) => Math.round(x * 10) / 10;

interface Timings {
  mainStartMs: number;
  loads: Partial<Record<'jieba' | 'model' | 'speller' | 'code', number>>;
  exitMs: number;
}

/** Runs a command to its end; wall ms, and the CLI's own timings when it printed them. */
function time(cmd: string, args: string[], env: Record<string, string> = {}): { ms: number; timings?: Timings } {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const line = r.stderr.split('\n').find((l) => l.startsWith('{"govreviewTimings"'));
  return { ms, timings: line ? (JSON.parse(line) as { govreviewTimings: Timings }).govreviewTimings : undefined };
}

// Build (the bench runs what the npm scripts run: a fresh bundle), then the freshness check alone.
const built = await buildCli();
const checks: number[] = [];
for (let i = 0; i < 20; i++) {
  const t = performance.now();
  if (staleReason()) throw new Error('the bundle is stale right after its build');
  checks.push(performance.now() - t);
}

const node = process.execPath;
const commands: Record<string, { cmd: string; args: string[]; env?: Record<string, string>; rounds: number }> = {
  nodeBaseline: { cmd: node, args: ['-e', ''], rounds: ROUNDS },
  scanHelp: { cmd: node, args: [bundlePath('scan'), '--help'], rounds: ROUNDS },
  exportHelp: { cmd: node, args: [bundlePath('export'), '--help'], rounds: ROUNDS },
  runMjsScanHelp: { cmd: node, args: [resolve(ROOT, 'cli/run.mjs'), 'scan', '--help'], rounds: ROUNDS },
  npmRunScanHelp: { cmd: 'npm', args: ['run', '--silent', 'scan', '--', '--help'], rounds: TSX_ROUNDS },
  tsxScanHelp: { cmd: node, args: ['--import', 'tsx', resolve(ROOT, 'cli/scan.ts'), '--help'], rounds: TSX_ROUNDS },
  scan: { cmd: node, args: [bundlePath('scan'), ...SCAN_ARGS], env: { GOVREVIEW_TIMINGS: '1' }, rounds: ROUNDS },
  tsxScan: { cmd: node, args: ['--import', 'tsx', resolve(ROOT, 'cli/scan.ts'), ...SCAN_ARGS], env: { GOVREVIEW_TIMINGS: '1' }, rounds: TSX_ROUNDS },
};
const wall: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
const timings: Record<string, Timings[]> = { scan: [], tsxScan: [] };

// One warm-up of each (file cache), then interleaved rounds.
for (const c of Object.values(commands)) time(c.cmd, c.args, c.env);
for (let i = 0; i < ROUNDS; i++) {
  for (const [name, c] of Object.entries(commands)) {
    if (i >= c.rounds) continue;
    const r = time(c.cmd, c.args, c.env);
    wall[name].push(r.ms);
    if (r.timings) timings[name].push(r.timings);
  }
}

const base = median(wall.nodeBaseline);
/** Median wall time and its ratio to the baseline's median; the fastest run too (least disturbed by a busy machine). */
const figure = (name: string) => ({
  ms: Math.round(median(wall[name])),
  ratioToNode: Number((median(wall[name]) / base).toFixed(2)),
  minMs: Math.round(Math.min(...wall[name])),
});
/** A scan's wall time split by the CLI's own timings (medians of each part). */
const split = (name: string) => {
  const t = timings[name];
  const part = (f: (x: Timings) => number) => Math.round(median(t.map(f)));
  const loads = (x: Timings) => (x.loads.jieba ?? 0) + (x.loads.model ?? 0) + (x.loads.speller ?? 0);
  return {
    ...figure(name),
    startupMs: part((x) => x.mainStartMs),
    codeMs: part((x) => x.loads.code ?? 0),
    jiebaMs: part((x) => x.loads.jieba ?? 0),
    modelMs: part((x) => x.loads.model ?? 0),
    spellerMs: part((x) => x.loads.speller ?? 0),
    loadsShare: Number(median(t.map((x) => loads(x) / x.exitMs)).toFixed(2)),
    restMs: part((x) => x.exitMs - x.mainStartMs - (x.loads.code ?? 0) - loads(x)),
    withoutLoadsMs: Math.round(median(wall[name]) - median(t.map(loads))),
  };
};

const scanHelp = figure('scanHelp');
const scan = split('scan');
console.log(
  JSON.stringify({
    rounds: ROUNDS,
    tsxRounds: TSX_ROUNDS,
    build: { esbuildMs: built.ms, sources: built.inputs, freshnessCheckMs: round1(median(checks)) },
    nodeBaseline: { ms: Math.round(base), minMs: Math.round(Math.min(...wall.nodeBaseline)) },
    startup: {
      scanHelp,
      exportHelp: figure('exportHelp'),
      runMjsScanHelp: figure('runMjsScanHelp'),
      npmRunScanHelp: figure('npmRunScanHelp'),
      tsxScanHelp: figure('tsxScanHelp'),
      /** The bar: the bundle's start-up beyond bare Node (medians; and fastest runs). */
      overNodeMs: Math.round(scanHelp.ms - base),
      overNodeMinMs: Math.round(scanHelp.minMs - Math.min(...wall.nodeBaseline)),
    },
    scan: { page: PAGE, args: '--today 2026-11-22 --no-links', bundle: scan, tsx: split('tsxScan') },
    bars: { startupOverNodeMaxMs: 300, startupMet: scanHelp.ms - base <= 300 },
  }),
);
