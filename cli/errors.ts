/** Bad input (missing file, unreachable URL, HTTP error, binary, empty or huge): exit 2 with one line. */
export class InputError extends Error {
  override name = 'InputError';
}

/** `--help` / `-h`: the usage is printed on stdout and the command exits 0 (it is not an error). */
export class HelpRequest extends Error {
  override name = 'HelpRequest';
}

/**
 * Runs a CLI's main and sets the exit code: its result, 2 for bad input, 3 for anything else; the
 * error is one line on stderr, never a stack trace (GOVREVIEW_DEBUG=1 adds it); a HelpRequest prints its text on
 * stdout and exits 0.
 */
export function runCli(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      if (err instanceof HelpRequest) {
        process.stdout.write(`${err.message}\n`);
        process.exitCode = 0;
        return;
      }
      const msg = err instanceof Error ? err.message : String(err);
      process.stderr.write(`govreview: ${msg.split('\n')[0]}\n`);
      if (process.env.GOVREVIEW_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
      process.exitCode = err instanceof InputError ? 2 : 3;
    },
  );
}

/** The CLI is the boundary where the clock may be read: today's local date is the default 审读日期. */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
