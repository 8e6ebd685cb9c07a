/**
 * What the CLIs' argument parsers share (`npm run export`, `npm run crawl` and its workers): the walk over
 * `--flag value` / `--flag=value`, and the checks of the options they have in common. Pure: bad arguments are an
 * InputError, never an exit.
 */
import { InputError } from './errors';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether s is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isRealDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** One argument as a parser reads it: as written, its flag (the part before = of --flag=value), and its value on demand. */
export interface Arg {
  raw: string;
  flag: string;
  /** The flag's value: after =, else the next argument; an InputError naming the flag when it is missing, empty or another option. */
  take(): string;
}

/** Walks a command line in order; `usage` ends the error of a flag without its value. */
export function eachArg(argv: readonly string[], usage: string, visit: (arg: Arg) => void): void {
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const take = () => {
      const v = eq > 0 ? raw.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '' || (eq < 0 && v.startsWith('--'))) throw new InputError(`${flag} needs a value. ${usage}`);
      return v;
    };
    visit({ raw, flag, take });
  }
}

/** A --today value: a real calendar date written YYYY-MM-DD. */
export function todayOption(v: string): string {
  if (!isRealDate(v)) throw new InputError(`--today must be a real date YYYY-MM-DD, got "${v}"`);
  return v;
}

/** A --lang value: zh-CN or en. */
export function langOption(v: string): 'zh-CN' | 'en' {
  if (v !== 'zh-CN' && v !== 'en') throw new InputError(`--lang must be zh-CN or en, got "${v}"`);
  return v;
}
