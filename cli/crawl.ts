/**
 * `npm run crawl -- <url | sites.csv> --out DIR [--today YYYY-MM-DD] [--max-pages N] [--per-host N] [--delay MS]
 * [--articles N] [--state DIR | --queue redis://HOST:PORT] [--fresh] [--no-links] [--json] [--lang zh-CN|en]`
 * 全站巡检 of one site or of each site of a sites.csv (lib/sweep), resumable (cli/sqlite-store.ts): writes
 * DIR/<site>/pages.jsonl (for `npm run export`), DIR/summary.csv and DIR/summary.json (cli/crawl-output.ts).
 * With `--queue`, the sweep goes on BullMQ over Redis and `npm run crawl -- --worker --queue redis://…` on each
 * machine does it (cli/crawl-queue.ts); this command then gathers the results into the same files.
 * Exit codes as cli/scan.ts: 0 swept, 2 bad input (one line on stderr), 3 an internal error; 130 when stopped by
 * Ctrl-C or SIGTERM (what was done is kept; the same command continues). `--help` prints the usage, exit 0.
 * A worker exits 0 when stopped.
 *
 * The arguments and the site list are read before anything heavy is imported: `--help`, bad arguments and a bad
 * sites.csv never load SQLite, BullMQ, the checks, jieba or the language model.
 */
import { setMaxListeners } from 'node:events';
import { parseCrawlArgs, parseWorkerArgs } from './crawl-args';
import { localToday, runCli } from './errors';

/** Runs `run` with an AbortSignal that the first Ctrl-C (or SIGTERM) aborts, saying `stopping`; the second exits 130. */
async function untilSignalled<T>(stopping: string | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const stop = new AbortController();
  // Every request in flight (pages and link checks of several sites) listens to it.
  setMaxListeners(0, stop.signal);
  let signals = 0;
  const onSignal = () => {
    if (++signals > 1) process.exit(130);
    if (stopping) process.stderr.write(`\n${stopping}\n`);
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await run(stop.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--worker')) {
    const args = parseWorkerArgs(argv);
    const { runWorker } = await import('./crawl-queue');
    const { code } = await untilSignalled(undefined, (signal) =>
      runWorker(args, { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), tty: !!process.stderr.isTTY, signal }),
    );
    return code;
  }
  const args = parseCrawlArgs(argv, localToday());
  const { readSites } = await import('./crawl-sites');
  const list = await readSites(args.target);
  const io = {
    stdout: (s: string) => process.stdout.write(s),
    stderr: (s: string) => process.stderr.write(s),
    tty: !!process.stderr.isTTY,
    columns: () => process.stderr.columns || 100,
  };
  if (args.queue) {
    const { runQueuedCrawl, COORDINATOR_WORDS } = await import('./crawl-queue');
    const { code } = await untilSignalled(COORDINATOR_WORDS[args.lang].stopping, (signal) => runQueuedCrawl(args, list, { ...io, signal }));
    return code;
  }
  const { runCrawl } = await import('./crawl-run');
  const stopping =
    args.lang === 'en' ? 'stopping: finishing the pages in flight (Ctrl-C again to quit now)' : '正在停止：等待进行中的页面完成（再按 Ctrl-C 立即退出）';
  const { code } = await untilSignalled(stopping, (signal) => runCrawl(args, list, { ...io, signal }));
  return code;
}

runCli(main);
