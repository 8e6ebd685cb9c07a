/** Command-line arguments of `npm run scan`. Pure: parses, validates, never exits. */
import type { Severity } from '../lib/engine/types';
import { langOption, todayOption } from './argv';
import { HelpRequest, InputError } from './errors';

export { isRealDate } from './argv';

/** A parsed `npm run scan` command line: the one target (URL, saved page or .txt file) and its options, defaults filled in. */
export interface ScanArgs {
  target: string;
  json: boolean;
  /** Reference date of the review (审读日期), YYYY-MM-DD. */
  today: string;
  links: boolean;
  /** Submit a home page's site search once (站内搜索); off with --no-search or --no-links. */
  search: boolean;
  /** A saved page's original address (--url): the page is scanned as if it came from there. */
  url?: string;
  failOn?: Extract<Severity, 'veto' | 'deduct'>;
  lang: 'zh-CN' | 'en';
}

/** The one-line synopsis of `npm run scan`, printed at the top of `--help` and appended to every bad-argument error. */
export const USAGE =
  'usage: npm run scan -- <url | page.html | text.txt> [--json] [--today YYYY-MM-DD] [--url URL] [--no-links] [--no-search] [--fail-on veto|deduct] [--lang zh-CN|en]';

/** What `--help` prints (stdout, exit 0). */
export const HELP = `${USAGE}

Scans a web page (frames included), a saved HTML page or a .txt file with GovReview's checks.
  --json              one JSON object on stdout (findings, errors)
  --today YYYY-MM-DD  the review date (审读日期) the date checks count from; default today
  --url URL           a saved page's original address: scan it as if it came from there (its links resolve
                      against it; its frames are not fetched); for saved 政务新媒体 and government pages
  --no-links          do not check the page's links and images (in-page #links are still judged); implies --no-search
  --no-search         do not submit a home page's site search once to test it (站内搜索)
  --fail-on LEVEL     exit 1 when a finding of this severity or worse is present (veto | deduct)
  --lang zh-CN|en     language of the readable report
Exit status: 0 scanned, 1 --fail-on matched, 2 bad input, 3 internal error.`;

/** `defaultToday` is the caller's clock reading (the CLI's boundary); checks never read the clock. */
export function parseArgs(argv: string[], defaultToday: string): ScanArgs {
  const out: Partial<ScanArgs> = { json: false, links: true, search: true, today: defaultToday, lang: 'zh-CN' };
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new InputError(`${flag} needs a value. ${USAGE}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const take = () => inline ?? value(i++, flag);
    switch (flag) {
      case '--json':
        out.json = true;
        break;
      case '--no-search':
        out.search = false;
        break;
      case '--no-links':
        out.links = false;
        out.search = false;
        break;
      case '--url': {
        const v = take();
        let u: URL | undefined;
        try {
          u = new URL(v);
        } catch {
          u = undefined;
        }
        if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:')) throw new InputError(`--url must be an http(s) address, got "${v}"`);
        out.url = u.href;
        break;
      }
      case '--today':
        out.today = todayOption(take());
        break;
      case '--fail-on': {
        const v = take();
        if (v !== 'veto' && v !== 'deduct') throw new InputError(`--fail-on must be veto or deduct, got "${v}"`);
        out.failOn = v;
        break;
      }
      case '--lang':
        out.lang = langOption(take());
        break;
      case '-h':
      case '--help':
        throw new HelpRequest(HELP);
      default:
        if (a.startsWith('-') && a !== '-') throw new InputError(`unknown option ${a}. ${USAGE}`);
        if (out.target !== undefined) throw new InputError(`one target at a time (got "${out.target}" and "${a}")`);
        out.target = a;
    }
  }
  if (!out.target) throw new InputError(`no target given. ${USAGE}`);
  return out as ScanArgs;
}
