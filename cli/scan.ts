/**
 * `npm run scan -- <url | page.html | text.txt> [--json] [--today YYYY-MM-DD] [--no-links] [--fail-on veto|deduct]`
 * Exit codes: 0 the scan ran (and --fail-on did not match), 1 --fail-on matched, 2 bad input
 * (one line on stderr, never a stack trace), 3 an internal error.
 */
import { parseArgs } from './args';
import { localToday, runCli } from './errors';
import { toJson, toText } from './report';
import { scanTarget } from './scan-target';

const FAIL_RANK = { veto: 0, deduct: 1, notice: 2 } as const;

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, localToday());
  const out = await scanTarget(args.target, { today: args.today, links: args.links });
  process.stdout.write(`${args.json ? toJson(out) : toText(out, args.lang)}\n`);
  if (args.failOn && out.findings.some((f) => FAIL_RANK[f.severity] <= FAIL_RANK[args.failOn!])) return 1;
  return 0;
}

runCli(main);
