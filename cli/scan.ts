/**
 * `npm run scan -- <url | page.html | text.txt> [--json] [--today YYYY-MM-DD] [--no-links] [--no-search] [--fail-on veto|deduct]`
 * Exit codes: 0 the scan ran (and --fail-on did not match), 1 --fail-on matched, 2 bad input
 * (one line on stderr, never a stack trace), 3 an internal error; `--help` prints the usage on stdout, exit 0.
 *
 * The arguments are read before anything heavy is imported: the checks, linkedom, undici (a separate chunk of
 * the bundle) and then jieba and the language model (on the first scan) load only for a real scan.
 */
import { parseArgs } from './args';
import { localToday, runCli } from './errors';
import { loadTimings, timeLoadAsync } from './timings';

const FAIL_RANK = { veto: 0, deduct: 1, notice: 2 } as const;

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, localToday());
  const [{ scanTarget }, { toJson, toText }] = await timeLoadAsync('code', () => Promise.all([import('./scan-target'), import('./report')]));
  const out = await scanTarget(args.target, { today: args.today, links: args.links, search: args.search, ...(args.url && { asUrl: args.url }) });
  process.stdout.write(`${args.json ? toJson(out) : toText(out, args.lang)}\n`);
  if (args.failOn && out.findings.some((f) => FAIL_RANK[f.severity] <= FAIL_RANK[args.failOn!])) return 1;
  return 0;
}

const mainStart = performance.now();
if (process.env.GOVREVIEW_TIMINGS) {
  // For scripts/bench-cli.ts: when the process started, and how long the lazy loads took (ms).
  process.on('exit', () => {
    const ms = (x: number) => Math.round(x * 10) / 10;
    const loads = Object.fromEntries(Object.entries(loadTimings).map(([k, v]) => [k, ms(v)]));
    process.stderr.write(`${JSON.stringify({ govreviewTimings: { mainStartMs: ms(mainStart), loads, exitMs: ms(performance.now()) } })}\n`);
  });
}
runCli(main);
