/**
 * `npm run export -- <file>... --out <dir> [--round NAME] [--today YYYY-MM-DD]`
 * Each file is what `npm run scan -- … --json` prints (one object, a JSON array of them, or JSON lines) or a
 * GovReview backup (the ledger's 备份 file). Merges them into one round without duplicates (cli/export-merge.ts)
 * and writes findings.csv, report.html and govreview-export.zip into <dir>: the same files the extension's
 * 导出问题清单 writes for the same data.
 * Exit codes as cli/scan.ts: 0 written, 2 bad input (one line on stderr, nothing written), 3 an internal error;
 * `--help` prints the usage on stdout, exit 0. Never loads jieba or the language model.
 */
import { isAccountSite } from '../lib/export/model';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eachArg, todayOption } from './argv';
import { HelpRequest, InputError, localToday, runCli } from './errors';

/** The one-line synopsis of `npm run export`, printed at the top of `--help` and appended to every bad-argument error. */
export const USAGE = 'usage: npm run export -- <scan.json | backup.json>... --out <dir> [--round NAME] [--today YYYY-MM-DD]';

/** What `--help` prints (stdout, exit 0). */
export const HELP = `${USAGE}

Merges scans (what \`npm run scan -- … --json\` prints) and GovReview backups into one round and writes
findings.csv, report.html and govreview-export.zip into <dir>.
  --out DIR           where the files go (required)
  --round NAME        the round to export (e.g. 2026年第四季度); default the backups' newest, or the quarter of --today
  --today YYYY-MM-DD  monitoring date of a scans-only round; default today
Exit status: 0 written, 2 bad input (nothing written), 3 internal error.`;

interface ExportArgs {
  files: string[];
  out: string;
  round?: string;
  /** Monitoring date of a scans-only round (监测日期), YYYY-MM-DD; the date of scans that carry none. */
  today: string;
}

/**
 * Parses the `npm run export` command line. Pure, like cli/args.ts: bad arguments are an InputError, `--help` a
 * HelpRequest; `defaultToday` (the caller's clock) stands in for a missing `--today`.
 */
export function parseExportArgs(argv: string[], defaultToday: string): ExportArgs {
  const out: Partial<ExportArgs> & { files: string[] } = { files: [], today: defaultToday };
  eachArg(argv, USAGE, ({ raw: a, flag, take }) => {
    switch (flag) {
      case '--out':
        out.out = take();
        break;
      case '--round':
        out.round = take();
        break;
      case '--today':
        out.today = todayOption(take());
        break;
      case '-h':
      case '--help':
        throw new HelpRequest(HELP);
      default:
        if (a.startsWith('-')) throw new InputError(`unknown option ${a}. ${USAGE}`);
        out.files.push(a);
    }
  });
  if (!out.files.length) throw new InputError(`no input file given. ${USAGE}`);
  if (!out.out) throw new InputError(`--out <dir> is required. ${USAGE}`);
  return out as ExportArgs;
}

/**
 * Writes the files next to their final names, then renames them in place: an error (disk full, a folder in
 * the way) never leaves a truncated file behind.
 */
async function writeAll(dir: string, files: ReadonlyArray<readonly [string, string | Uint8Array]>): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw new InputError(`cannot write to ${dir}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const partial = (name: string) => join(dir, `.${name}.${process.pid}.partial`);
  try {
    for (const [name, content] of files) await writeFile(partial(name), content);
    for (const [name] of files) await rename(partial(name), join(dir, name));
  } catch (e) {
    await Promise.all(files.map(([name]) => rm(partial(name), { force: true })));
    throw new InputError(`cannot write to ${dir}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

async function main(argv: string[]): Promise<number> {
  const args = parseExportArgs(argv, localToday());
  // Imported once the arguments are good: `--help` and bad arguments never load Dexie, fflate or the report.
  const [{ readExportInput }, { mergeInputs }, { rowsToExport }, { buildExport, EXPORT_FILES }] = await Promise.all([
    import('./export-inputs'),
    import('./export-merge'),
    import('../lib/db/to-export'),
    import('../lib/export/zip'),
  ]);
  // Read and check every input before anything is written.
  const inputs = [];
  for (const file of args.files) inputs.push(await readExportInput(file));
  const { duplicates, ...rows } = mergeInputs(inputs, { round: args.round, today: args.today });
  const { data, screenshots } = rowsToExport(rows);
  const bundle = buildExport(data, screenshots);
  await writeAll(args.out, [
    [EXPORT_FILES.csv, bundle.csv],
    [EXPORT_FILES.html, bundle.html],
    [EXPORT_FILES.zip, bundle.zip],
  ]);
  const failed = [...bundle.scores.values()].filter((s) => s.result === '不合格').length;
  const accounts = data.sites.filter(isAccountSite).length;
  const counted = accounts ? `网站 ${data.sites.length - accounts} 个，政务新媒体 ${accounts} 个` : `网站 ${data.sites.length} 个`;
  process.stdout.write(`${data.round.name}：${counted}，问题 ${data.findings.length} 处，不合格 ${failed} 个，合并重复 ${duplicates} 处 → ${args.out}\n`);
  return 0;
}

runCli(main);
