/**
 * `npm run export -- <scan.json> --out <dir> [--round NAME] [--today YYYY-MM-DD]`
 * Reads what `npm run scan -- … --json` prints (one object, a JSON array of them, or JSON lines), maps each
 * scanned page to a site (by host) and writes findings.csv, report.html and govreview-export.zip into <dir>.
 * Exit codes as cli/scan.ts: 0 written, 2 bad input (one line on stderr), 3 an internal error.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CATEGORIES, SEVERITIES } from '../lib/labels';
import type { ExportData, ExportFinding, ExportSite } from '../lib/export/model';
import { buildExport, EXPORT_FILES } from '../lib/export/zip';
import type { Category, Severity } from '../lib/types';
import { isRealDate } from './args';
import { InputError, localToday, runCli } from './errors';

export const USAGE = 'usage: npm run export -- <scan.json> --out <dir> [--round NAME] [--today YYYY-MM-DD]';

interface ExportArgs {
  file: string;
  out: string;
  round?: string;
  /** Monitoring date of the round (监测日期), YYYY-MM-DD. */
  today: string;
}

export function parseExportArgs(argv: string[], defaultToday: string): ExportArgs {
  const out: Partial<ExportArgs> = { today: defaultToday };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const take = () => {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '' || (eq < 0 && v.startsWith('--'))) throw new InputError(`${flag} needs a value. ${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--out':
        out.out = take();
        break;
      case '--round':
        out.round = take();
        break;
      case '--today': {
        const v = take();
        if (!isRealDate(v)) throw new InputError(`--today must be a real date YYYY-MM-DD, got "${v}"`);
        out.today = v;
        break;
      }
      case '-h':
      case '--help':
        throw new InputError(USAGE);
      default:
        if (a.startsWith('-')) throw new InputError(`unknown option ${a}. ${USAGE}`);
        if (out.file !== undefined) throw new InputError(`one input file at a time (got "${out.file}" and "${a}")`);
        out.file = a;
    }
  }
  if (!out.file) throw new InputError(`no input file given. ${USAGE}`);
  if (!out.out) throw new InputError(`--out <dir> is required. ${USAGE}`);
  return out as ExportArgs;
}

/** The fields of one `npm run scan --json` document that the export reads. */
interface ScanDoc {
  target?: unknown;
  url?: unknown;
  today?: unknown;
  /** Not printed by the scan today; used when a future scan or a hand-made file carries it. */
  title?: unknown;
  findings: Record<string, unknown>[];
}

/** Parses the whole file as JSON, else as JSON lines; returns the scan documents. */
function parseScans(text: string, file: string): ScanDoc[] {
  let docs: unknown[];
  try {
    const v: unknown = JSON.parse(text);
    docs = Array.isArray(v) ? v : [v];
  } catch {
    const lines = text.split(/\r?\n/).filter((l) => l.trim());
    try {
      docs = lines.map((l) => JSON.parse(l) as unknown);
    } catch {
      throw new InputError(`${file} is not JSON (one scan, an array of scans, or JSON lines)`);
    }
    if (!lines.length) throw new InputError(`${file} is empty`);
  }
  if (!docs.length) throw new InputError(`${file} holds no scans`);
  docs.forEach((d, i) => {
    const findings = (d as { findings?: unknown } | null)?.findings;
    if (typeof d !== 'object' || d === null || !Array.isArray(findings)) throw new InputError(`scan ${i + 1} of ${file} has no findings array`);
    if (findings.some((f) => typeof f !== 'object' || f === null)) throw new InputError(`scan ${i + 1} of ${file} has a finding that is not an object`);
  });
  return docs as ScanDoc[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const SITE_CODE = /网站标识码[：:\s]*(bm\d{8}|\d{10})(?!\d)/;
const HOME_PATH = /^\/((index|default|home)\.[a-z]+)?$/i;

/** Default round name from the monitoring date: 2026年第四季度. */
function roundName(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return `${y}年第${'一二三四'[Math.floor((m - 1) / 3)]}季度`;
}

function parseUrl(u: string): URL | undefined {
  try {
    return new URL(u);
  } catch {
    return undefined;
  }
}

/** Maps scan documents to export records: one site per host (per file for local files), region 未分区. */
export function scansToExport(scans: ScanDoc[], round: string | undefined, today: string): ExportData {
  const sites = new Map<string, ExportSite>();
  const findings: ExportFinding[] = [];
  scans.forEach((scan, i) => {
    const pageUrl = str(scan.url) || str(scan.target);
    const url = parseUrl(pageUrl);
    const key = url?.host || pageUrl || `scan-${i + 1}`;
    const site = sites.get(key) ?? {
      id: key,
      name: key === pageUrl && url?.protocol === 'file:' ? basename(url.pathname) : key,
      siteCode: '',
      region: '未分区',
      kind: '门户网站' as const,
      homeUrl: url && url.protocol !== 'file:' ? `${url.protocol}//${url.host}/` : pageUrl,
    };
    sites.set(key, site);
    const isHome = !!url && url.protocol !== 'file:' && HOME_PATH.test(url.pathname) && !url.search;
    if (str(scan.title) && (isHome || site.name === key)) site.name = str(scan.title);
    // The scan day, at midnight in Beijing (the CSV prints 发现时间 in Beijing time).
    const foundAt = new Date(`${isRealDate(str(scan.today)) ? str(scan.today) : today}T00:00:00+08:00`).toISOString();
    scan.findings.forEach((f, j) => {
      const category = f.category as Category;
      const severity = f.severity as Severity;
      if (!CATEGORIES.includes(category) || !SEVERITIES.includes(severity)) {
        throw new InputError(`scan ${i + 1}, finding ${j + 1}: category or severity missing or unknown`);
      }
      const findingUrl = str(f.url) || pageUrl;
      const code = SITE_CODE.exec(`${str(f.text)} ${str(f.suggestion)} ${str(f.message)}`)?.[1];
      if (code && !site.siteCode) site.siteCode = code;
      findings.push({
        id: `s${i + 1}-f${j + 1}`,
        siteId: site.id,
        pageUrl: findingUrl,
        pageTitle: str(scan.title),
        isHomePage: findingUrl === pageUrl && isHome,
        category,
        check: str(f.check),
        kind: str(f.kind) || undefined,
        severity,
        message: str(f.message),
        text: str(f.text),
        suggestion: str(f.suggestion) || undefined,
        status: '待复核',
        foundAt,
      });
    });
  });
  return { round: { name: round ?? roundName(today), monitoringDate: today }, sites: [...sites.values()], findings };
}

async function main(argv: string[]): Promise<number> {
  const args = parseExportArgs(argv, localToday());
  let text: string;
  try {
    text = await readFile(args.file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${args.file}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  const data = scansToExport(parseScans(text, args.file), args.round, args.today);
  const bundle = buildExport(data);
  await mkdir(args.out, { recursive: true });
  await writeFile(join(args.out, EXPORT_FILES.csv), bundle.csv);
  await writeFile(join(args.out, EXPORT_FILES.html), bundle.html);
  await writeFile(join(args.out, EXPORT_FILES.zip), bundle.zip);
  const failed = [...bundle.scores.values()].filter((s) => s.result === '不合格').length;
  process.stdout.write(`${data.round.name}：网站 ${data.sites.length} 个，问题 ${data.findings.length} 处，不合格 ${failed} 个 → ${args.out}\n`);
  return 0;
}

runCli(main);
