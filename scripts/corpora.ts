/**
 * Readers for the external corpora in ../shared/corpora (see its README.md). They are for measurement
 * only: the eval (scripts/eval.ts), the engine benchmark and the corpus bars test read them; no rule data
 * may be derived from them. law.test is the blind set: callers report aggregate figures on it, never its
 * sentences, so nothing here prints or quotes a row (errors name the file and line number only).
 */
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the parent of scripts/. */
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The directory a clone came from, when its origin is a local path (CI clones main into a temporary folder). */
function localOrigin(): string | undefined {
  const r = spawnSync('git', ['-C', REPO_ROOT, 'config', '--get', 'remote.origin.url'], { encoding: 'utf8' });
  const url = r.status === 0 ? r.stdout.trim() : '';
  if (!url) return undefined;
  if (url.startsWith('file://')) return fileURLToPath(url);
  return isAbsolute(url) ? url : undefined;
}

/**
 * Directory of the corpora: $GOVREVIEW_CORPORA; else ../shared/corpora beside the repository; else beside
 * the local repository this clone was made from. Throws when none exists.
 */
export function corporaDir(): string {
  const fromEnv = process.env.GOVREVIEW_CORPORA;
  if (fromEnv) {
    const dir = resolve(fromEnv);
    if (!existsSync(dir)) throw new Error(`GovReview corpora not found at ${dir} (from GOVREVIEW_CORPORA)`);
    return dir;
  }
  const origin = localOrigin();
  const candidates = [resolve(REPO_ROOT, '..', 'shared', 'corpora'), ...(origin ? [resolve(origin, '..', 'shared', 'corpora')] : [])];
  const dir = candidates.find((d) => existsSync(d));
  if (!dir) throw new Error(`GovReview corpora not found at ${candidates.join(' or ')}: set GOVREVIEW_CORPORA to the shared corpora directory`);
  return dir;
}

function readCorpusFile(file: string): string {
  if (!existsSync(file)) throw new Error(`GovReview corpus file not found: ${file}`);
  return readFileSync(file, 'utf8');
}

/** Non-empty lines with their 1-based line numbers (the files end with or without a final newline). */
function lines(text: string): { line: number; text: string }[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((t, i) => ({ line: i + 1, text: t }))
    .filter((l) => l.text.trim() !== '');
}

// ---------------------------------------------------------------------------------------------------------
// Government work reports

export interface WorkReport {
  title: string;
  /** Year of the report (for an NPC resolution on it: the year of the NPC session). */
  year: number;
  /** Verbatim, including Wikisource's public-domain notice at the end of some entries. */
  content: string;
}

export const WORK_REPORTS_FILE = 'gov_text/government_work_reports.jsonl';

/** Chinese numerals 一 … 九十九 as written in 第十四届 / 第三次. */
function chineseNumber(s: string): number | undefined {
  const digit = (c: string) => '一二三四五六七八九'.indexOf(c) + 1;
  const m = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(s);
  if (!s || !m) return undefined;
  if (!m[2]) return m[1] && !m[3] ? digit(m[1]) : undefined; // 一 … 九
  return (m[1] ? digit(m[1]) : 1) * 10 + (m[3] ? digit(m[3]) : 0); // 十, 十四, 二十, 二十三
}

/** First year of each National People's Congress (届), for sessions held once a year. */
const NPC_FIRST_YEAR: Record<number, number> = {
  1: 1954,
  3: 1964,
  4: 1975,
  5: 1978,
  6: 1983,
  7: 1988,
  8: 1993,
  9: 1998,
  10: 2003,
  11: 2008,
  12: 2013,
  13: 2018,
  14: 2023,
};
/** The 2nd NPC skipped 1961: its sessions met in 1959, 1960, 1962 and 1963. */
const NPC_SESSION_YEARS: Record<number, number[]> = { 2: [1959, 1960, 1962, 1963] };

/**
 * Year of an NPC session named in a title such as 第十四届全国人民代表大会第三次会议关于政府工作报告的决议.
 * The NPC resolutions in the file have `year: null`; their session gives the year of the report they approve.
 */
function npcSessionYear(title: string): number | undefined {
  const m = /第(.+?)届全国人民代表大会第(.+?)次会议/.exec(title);
  if (!m) return undefined;
  const term = chineseNumber(m[1]);
  const session = chineseNumber(m[2]);
  if (term === undefined || session === undefined) return undefined;
  if (NPC_SESSION_YEARS[term]) return NPC_SESSION_YEARS[term][session - 1];
  return NPC_FIRST_YEAR[term] === undefined ? undefined : NPC_FIRST_YEAR[term] + session - 1;
}

/**
 * The 国务院政府工作报告 (1954–2025, with gaps) and the NPC resolutions approving them, in file order. The
 * file's `year` is a string for reports and null for resolutions; both come out as a number here.
 */
export function readWorkReports(file = join(corporaDir(), WORK_REPORTS_FILE)): WorkReport[] {
  return lines(readCorpusFile(file)).map(({ line, text }) => {
    const where = `${file}:${line}`;
    let raw: { title?: unknown; year?: unknown; content?: unknown };
    try {
      raw = JSON.parse(text);
    } catch {
      throw new Error(`${where}: not a JSON line`);
    }
    if (typeof raw.title !== 'string' || typeof raw.content !== 'string') throw new Error(`${where}: title or content is not a string`);
    const given = typeof raw.year === 'number' || (typeof raw.year === 'string' && raw.year.trim() !== '') ? Number(raw.year) : undefined;
    const year = given ?? npcSessionYear(raw.title);
    if (year === undefined || !Number.isInteger(year)) throw new Error(`${where}: no year for "${raw.title}"`);
    return { title: raw.title, year, content: raw.content };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Chinese spelling-check (CSC) test sets

export const CSC_SETS = ['odw.test', 'law.test', 'simplified_test2015.txt'] as const;
export type CscSetName = (typeof CSC_SETS)[number];

export interface CscSentence {
  /** The sentence as written (with the errors, if any). */
  wrong: string;
  /** The corrected sentence (equal to `wrong` when there is no error). */
  right: string;
  /** The row's error count is above 0. */
  hasError: boolean;
}

/** One CSC test set: TSV rows `n_errors<TAB>as written<TAB>corrected`. */
export function readCscSet(name: CscSetName): CscSentence[] {
  const file = join(corporaDir(), 'csc', name);
  return lines(readCorpusFile(file)).map(({ line, text }) => {
    const fields = text.split('\t');
    const n = Number(fields[0]);
    // Only the position goes into the message: the rows of the blind set must not be printed.
    if (fields.length !== 3 || fields[0].trim() === '' || !Number.isInteger(n) || n < 0) {
      throw new Error(`${file}:${line}: expected "n_errors<TAB>as written<TAB>corrected"`);
    }
    return { wrong: fields[1], right: fields[2], hasError: n > 0 };
  });
}
