/**
 * `npm run scan -- <url | page.html | text.txt> [--json] [--today YYYY-MM-DD] [--no-links] [--fail-on veto|deduct]`
 * Exit codes: 0 the scan ran (and --fail-on did not match), 1 --fail-on matched, 2 bad input
 * (one line on stderr, never a stack trace), 3 an internal error.
 */
import { parseArgs } from './args';
import { InputError } from './errors';
import { toJson, toText } from './report';
import { scanTarget } from './scan-target';

/** The CLI is the boundary where the clock may be read: today's local date is the default 审读日期. */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const FAIL_RANK = { veto: 0, deduct: 1, notice: 2 } as const;

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, localToday());
  const out = await scanTarget(args.target, { today: args.today, links: args.links });
  process.stdout.write(`${args.json ? toJson(out) : toText(out, args.lang)}\n`);
  if (args.failOn && out.findings.some((f) => FAIL_RANK[f.severity] <= FAIL_RANK[args.failOn!])) return 1;
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(`govreview: ${msg.split('\n')[0]}\n`);
    if (process.env.GOVREVIEW_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = err instanceof InputError ? 2 : 3;
  },
);
