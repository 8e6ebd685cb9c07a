/**
 * `npm run crawl -- <url | sites.csv> --out DIR [--today YYYY-MM-DD] [--max-pages N] [--per-host N] [--delay MS]
 * [--articles N] [--state DIR] [--fresh] [--no-links] [--json] [--lang zh-CN|en]`
 * 全站巡检 of one site or of each site of a sites.csv (lib/sweep), resumable (cli/sqlite-store.ts): writes
 * DIR/<site>/pages.jsonl (for `npm run export`), DIR/summary.csv and DIR/summary.json (cli/crawl-output.ts).
 * Exit codes as cli/scan.ts: 0 swept, 2 bad input (one line on stderr), 3 an internal error; 130 when stopped by
 * Ctrl-C or SIGTERM (what was done is kept; the same command continues). `--help` prints the usage, exit 0.
 *
 * The arguments and the site list are read before anything heavy is imported: `--help`, bad arguments and a bad
 * sites.csv never load SQLite, the checks, jieba or the language model.
 */
import { setMaxListeners } from 'node:events';
import { parseCrawlArgs } from './crawl-args';
import { localToday, runCli } from './errors';

async function main(argv: string[]): Promise<number> {
  const args = parseCrawlArgs(argv, localToday());
  const { readSites } = await import('./crawl-sites');
  const list = await readSites(args.target);
  const { runCrawl } = await import('./crawl-run');
  const stop = new AbortController();
  // Every request in flight (pages and link checks of up to three sites) listens to it.
  setMaxListeners(0, stop.signal);
  let signals = 0;
  const onSignal = () => {
    if (++signals > 1) process.exit(130);
    process.stderr.write(
      `\n${args.lang === 'en' ? 'stopping: finishing the pages in flight (Ctrl-C again to quit now)' : '正在停止：等待进行中的页面完成（再按 Ctrl-C 立即退出）'}\n`,
    );
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { code } = await runCrawl(args, list, {
      stdout: (s) => process.stdout.write(s),
      stderr: (s) => process.stderr.write(s),
      tty: !!process.stderr.isTTY,
      columns: () => process.stderr.columns || 100,
      signal: stop.signal,
    });
    return code;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

runCli(main);
