/** Command-line arguments of `npm run crawl`. Pure, like cli/args.ts: parses, validates, never exits. */
import { join } from 'node:path';
import { eachArg, langOption, todayOption } from './argv';
import { HelpRequest, InputError } from './errors';

/** A parsed `npm run crawl` command line, defaults filled in. */
export interface CrawlArgs {
  /** An http(s) URL (one site) or a sites.csv (网站名称, 网址, 网站标识码). */
  target: string;
  out: string;
  /** Reference date of the review (审读日期), YYYY-MM-DD. */
  today: string;
  maxPages: number;
  perHost: number;
  delayMs: number;
  /** Newest articles fetched per column. */
  articles: number;
  /** The state folder (default `<out>/.state`). */
  state: string;
  fresh: boolean;
  links: boolean;
  json: boolean;
  lang: 'zh-CN' | 'en';
  /** `--queue redis://…`: the sweep goes on BullMQ over Redis and workers do it (cli/crawl-queue.ts); no local state. */
  queue?: string;
}

/** A parsed `npm run crawl -- --worker --queue redis://…` command line: a worker of queued crawls. */
export interface WorkerArgs {
  queue: string;
  /** Pages a worker sweeps at once (of any sweeps). */
  concurrency: number;
  /** How long a dead worker's pages and per-host slots stay taken before others take them back, ms. */
  leaseMs: number;
  json: boolean;
  lang: 'zh-CN' | 'en';
}

/** The one-line synopsis of `npm run crawl`, printed at the top of `--help` and appended to every bad-argument error. */
export const USAGE =
  'usage: npm run crawl -- <url | sites.csv> --out DIR [--today YYYY-MM-DD] [--max-pages N] [--per-host N] [--delay MS] [--articles N] [--state DIR | --queue redis://HOST:PORT] [--fresh] [--no-links] [--json] [--lang zh-CN|en]';

/** The synopsis of a worker. */
export const WORKER_USAGE = 'usage: npm run crawl -- --worker --queue redis://HOST:PORT [--concurrency N] [--lease MS] [--json] [--lang zh-CN|en]';

/** What `--help` prints (stdout, exit 0). */
export const HELP = `${USAGE}

全站巡检: sweeps a site (or each site of a sites.csv with the columns 网站名称,网址,网站标识码) from its home
page: its columns, the newest articles of each, every page checked; rolled up per site (stale and blank
columns, 首页更新, dead links, the score by the indicators).
  --out DIR           where the results go (required): DIR/<site>/pages.jsonl (one scan --json object per page,
                      for npm run export), DIR/summary.csv and DIR/summary.json
  --today YYYY-MM-DD  the review date (审读日期) the checks count from; default today
  --max-pages N       pages fetched per site at most; default 500
  --per-host N        requests in flight per host (pages and link checks together); default 4
  --delay MS          pause between two requests to one host; default 0
  --articles N        newest articles fetched per column; default 5
  --state DIR         where the resumable state is kept; default DIR/.state (of --out)
  --fresh             start the listed sites over (their visit history, for 站点无法访问, is kept)
  --no-links          do not check the pages' links and images
  --json              JSON lines on stdout: one per page, one per site
  --lang zh-CN|en     language of the progress and the last line
  --queue redis://HOST:PORT
                      many machines: the sweep goes on a BullMQ queue in that Redis, workers on any machine do
                      it (the per-host cap holds across them all) and this command gathers the results into
                      --out; its state is in Redis (no --state). Ctrl-C leaves the queue working: run the same
                      command again to gather
A stopped or killed crawl started again with the same arguments continues where it stopped.
Exit status: 0 swept, 2 bad input, 3 internal error, 130 interrupted (the state is kept; run again to continue).

${WORKER_USAGE}

A worker: takes pages from the queue's sweeps until stopped (Ctrl-C: finishes its pages in flight; killed, its
pages go to other workers after --lease).
  --concurrency N     pages swept at once; default 8
  --lease MS          how long a dead worker's pages and per-host slots stay taken; default 30000
  --json              a JSON line on stdout per page`;

/** The bounds of the numeric options: a typo (--max-pages 5000000) is refused, not obeyed. */
const LIMITS = {
  '--max-pages': [1, 100_000],
  '--per-host': [1, 32],
  '--delay': [0, 600_000],
  '--articles': [0, 100],
  '--concurrency': [1, 256],
  '--lease': [1000, 3_600_000],
} as const;

function integer(flag: keyof typeof LIMITS, v: string): number {
  const [min, max] = LIMITS[flag];
  if (!/^\d+$/.test(v) || +v < min || +v > max) throw new InputError(`${flag} must be a whole number from ${min} to ${max}, got "${v}"`);
  return +v;
}

/** `defaultToday` is the caller's clock reading (the CLI's boundary). */
export function parseCrawlArgs(argv: string[], defaultToday: string): CrawlArgs {
  const out: Partial<CrawlArgs> = {
    today: defaultToday,
    maxPages: 500,
    perHost: 4,
    delayMs: 0,
    articles: 5,
    fresh: false,
    links: true,
    json: false,
    lang: 'zh-CN',
  };
  eachArg(argv, USAGE, ({ raw: a, flag, take }) => {
    switch (flag) {
      case '--out':
        out.out = take();
        break;
      case '--state':
        out.state = take();
        break;
      case '--today':
        out.today = todayOption(take());
        break;
      case '--max-pages':
        out.maxPages = integer(flag, take());
        break;
      case '--per-host':
        out.perHost = integer(flag, take());
        break;
      case '--delay':
        out.delayMs = integer(flag, take());
        break;
      case '--articles':
        out.articles = integer(flag, take());
        break;
      case '--fresh':
        out.fresh = true;
        break;
      case '--no-links':
        out.links = false;
        break;
      case '--json':
        out.json = true;
        break;
      case '--lang':
        out.lang = langOption(take());
        break;
      case '--queue':
        out.queue = redisUrl(take());
        break;
      case '-h':
      case '--help':
        throw new HelpRequest(HELP);
      case '--worker':
        throw new InputError(`--worker takes no target and no --out. ${WORKER_USAGE}`);
      default:
        if (a.startsWith('-') && a !== '-') throw new InputError(`unknown option ${a}. ${USAGE}`);
        if (out.target !== undefined) throw new InputError(`one target at a time (got "${out.target}" and "${a}"); list several sites in a sites.csv`);
        out.target = a;
    }
  });
  if (!out.target) throw new InputError(`no target given. ${USAGE}`);
  if (!out.out) throw new InputError(`--out DIR is required. ${USAGE}`);
  if (out.queue && out.state !== undefined) throw new InputError('--state and --queue exclude each other: with --queue the state is in Redis');
  out.state ??= join(out.out, '.state');
  return out as CrawlArgs;
}

/** A Redis URL as --queue takes it: redis:// or rediss://, with a host. */
function redisUrl(v: string): string {
  let u: URL | undefined;
  try {
    u = new URL(v);
  } catch {
    u = undefined;
  }
  if (!u || (u.protocol !== 'redis:' && u.protocol !== 'rediss:') || !u.hostname) throw new InputError(`--queue must be a redis://HOST:PORT URL, got "${v}"`);
  return v;
}

/** The --queue URL as printed: its password hidden. */
export function shownQueue(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.href;
}

/** Parses a worker's command line (`--worker` among the arguments). */
export function parseWorkerArgs(argv: string[]): WorkerArgs {
  const out: Partial<WorkerArgs> = { concurrency: 8, leaseMs: 30_000, json: false, lang: 'zh-CN' };
  eachArg(argv, WORKER_USAGE, ({ raw: a, flag, take }) => {
    switch (flag) {
      case '--worker':
        break;
      case '--queue':
        out.queue = redisUrl(take());
        break;
      case '--concurrency':
        out.concurrency = integer(flag, take());
        break;
      case '--lease':
        out.leaseMs = integer(flag, take());
        break;
      case '--json':
        out.json = true;
        break;
      case '--lang':
        out.lang = langOption(take());
        break;
      case '-h':
      case '--help':
        throw new HelpRequest(HELP);
      default:
        throw new InputError(
          a.startsWith('-')
            ? `${a} is not an option of a worker (the coordinator's options reach the workers through the queue). ${WORKER_USAGE}`
            : `a worker takes no target (got "${a}"): give the sites to the coordinator. ${WORKER_USAGE}`,
        );
    }
  });
  if (!out.queue) throw new InputError(`--worker needs --queue redis://HOST:PORT. ${WORKER_USAGE}`);
  return out as WorkerArgs;
}
