/**
 * What `npm run crawl` writes: per site `pages.jsonl` (one `scan --json` object per page, for `npm run export`),
 * and per crawl `summary.csv` and `summary.json` (each site's roll-up, score, and 站点无法访问 over the visits in
 * the state). Pure but for `writeAtomic`.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { rowsToExport } from '../lib/db/to-export';
import { CSV_BOM, csvCell } from '../lib/export/csv';
import { scoreSite, type SiteScore } from '../lib/export/scoring';
import { rollUp } from '../lib/sweep/rollup';
import type { PageKind, PageResult, SiteRollup, SweepSite } from '../lib/sweep/types';
import type { SkippedLine } from './crawl-sites';
import { InputError } from './errors';
import type { ScanDoc } from './export-inputs';
import { mergeInputs } from './export-merge';
import { toJson } from './report';
import type { ScanOutput } from './scan-target';
import type { Visit } from './sqlite-store';

/** The indicators' threshold for 站点无法访问: failing 5 % or more of the visits is 单项否决. */
export const UNREACHABLE_VETO_RATE = 0.05;

/** The crawl's own fields on each page line, beside the `scan --json` ones. */
export interface PageLineExtras {
  /** The site as sites.csv names it (网站名称, 网址, 网站标识码). */
  site: { name: string; url: string; siteCode: string };
  /** The page's own <title> (`title` carries the site's 网站名称, by which `npm run export` names the site). */
  pageTitle: string;
  pageKind: PageKind;
  column: string;
  outcome: PageResult['outcome'];
  status?: number;
  error?: string;
  ms: number;
}

const KIND_RANK: Record<PageKind, number> = { home: 0, sitemap: 1, column: 2, article: 3 };

/** Pages in a stable order (home, site map, columns, articles; then by URL): a resumed crawl writes what an uninterrupted one does. */
export function stableOrder(results: readonly PageResult[]): PageResult[] {
  return [...results].sort((a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind] || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/**
 * One page as `npm run scan -- <url> --json` prints a scan (cli/report.ts `toJson`: findings with their
 * indicator, link verdict and status), plus the crawl's fields. `title` is the site's 网站名称 when sites.csv gives
 * one (the export names a scan's site by its title), else the page's own title.
 */
export function pageLine(r: PageResult, site: SweepSite, today: string): string {
  const out: ScanOutput & PageLineExtras = {
    target: r.url,
    url: r.finalUrl,
    title: site.name || r.title.replace(/\s+/g, ' ').trim(),
    kind: 'html',
    charset: r.charset ?? '',
    today,
    frames: [],
    findings: r.findings,
    errors: [],
    notes: r.error ? [r.error] : [],
    site: { name: site.name, url: site.url, siteCode: site.siteCode ?? '' },
    pageTitle: r.title.replace(/\s+/g, ' ').trim(),
    pageKind: r.kind,
    column: r.column,
    outcome: r.outcome,
    ...(r.status !== undefined && { status: r.status }),
    ...(r.error && { error: r.error }),
    ms: Math.round(r.ms),
  };
  return toJson(out);
}

/** A site's pages.jsonl: one line per page, in `stableOrder`. */
export function pagesJsonl(results: readonly PageResult[], site: SweepSite, today: string): string {
  return stableOrder(results)
    .map((r) => `${pageLine(r, site, today)}\n`)
    .join('');
}

/**
 * The site's score by the indicators, as `npm run export` scores the same pages.jsonl: the lines merged by the
 * export's own rules (cli/export-merge.ts, duplicates folded), mapped by lib/db/to-export.ts, scored by
 * lib/export/scoring.ts as one site.
 */
export function scoreOf(jsonl: string, today: string): SiteScore {
  const scans = jsonl
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ScanDoc);
  const { duplicates: _folded, ...rows } = mergeInputs([{ kind: 'scans', file: 'pages.jsonl', scans }], { today });
  const { data } = rowsToExport(rows);
  // Pages of the www twin or a moved home page are one site here, whatever hosts they are on.
  const id = data.sites[0]?.id ?? '1';
  return scoreSite(
    { id },
    data.findings.map((f) => ({ ...f, siteId: id })),
  );
}

/** 站点无法访问 over the visits recorded in the state. */
export interface VisitSummary {
  failed: number;
  total: number;
  rate: number;
  /** The failure rate reaches the 5 % of the indicators: 单项否决. */
  veto: boolean;
  history: Visit[];
}

/** A site's home-page visits over every run: failures, the rate, and whether it reaches the 5 % 站点无法访问 veto. */
export function visitSummary(history: readonly Visit[]): VisitSummary {
  const failed = history.filter((v) => v.outcome === 'failed').length;
  const total = history.length;
  const rate = total ? failed / total : 0;
  return { failed, total, rate, veto: total > 0 && rate >= UNREACHABLE_VETO_RATE, history: [...history] };
}

/** One swept site as the summary gives it. */
export interface SiteSummary {
  line: number;
  slug: string;
  rollup: SiteRollup;
  score: SiteScore;
  visits: VisitSummary;
  /** Pages left in the frontier (the crawl was stopped before the site was done). */
  pending: number;
}

/** A site that was listed but not swept in this run: the crawl was stopped first, or its sweep failed. */
export interface NotSwept {
  line: number;
  slug: string;
  site: SweepSite;
  reason: string;
}

/** One site's line of summary.csv / summary.json from its sweep results. */
export function summarize(
  site: SweepSite,
  line: number,
  slug: string,
  results: readonly PageResult[],
  today: string,
  jsonl: string,
  visits: readonly Visit[],
  pending: number,
): SiteSummary {
  return { line, slug, rollup: rollUp(site, results, today), score: scoreOf(jsonl, today), visits: visitSummary(visits), pending };
}

/** The columns of summary.csv, in order. */
export const SUMMARY_COLUMNS = [
  '网站名称',
  '网址',
  '网站标识码',
  '访问结果',
  '页面数',
  '失败页面数',
  '栏目数',
  '不更新栏目',
  '空白栏目',
  '首页更新',
  '断链数',
  '问题数',
  '得分',
  '结果',
  '站点无法访问',
] as const;

const names = (columns: ReadonlyArray<{ name: string }>) => (columns.length ? `${columns.length} 个：${columns.map((c) => c.name).join('、')}` : '0');
const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

/** The 站点无法访问 cell: 失败 x 次 / 共 n 次 (rate), and the veto when the rate reaches 5 %. */
export function visitsCell(v: VisitSummary): string {
  if (!v.total) return '无访问记录';
  return `失败 ${v.failed} 次 / 共 ${v.total} 次（${percent(v.rate)}）${v.veto ? '，≥ 5% → 单项否决' : '，< 5%'}`;
}

/** 访问结果 of a swept site. */
export function accessCell(s: SiteSummary): string {
  const r = s.rollup;
  const base = r.unreachable ? `无法访问：${r.unreachableReason ?? '首页未打开'}` : '正常';
  return s.pending ? `${base}（巡检未完成，待巡检 ${s.pending} 页）` : base;
}

function siteRow(s: SiteSummary): Array<string | number> {
  const r = s.rollup;
  const sc = s.score;
  const result = r.unreachable ? '未评分（首页未打开）' : `${sc.result}${sc.reasons.length ? `：${sc.reasons.join('；')}` : ''}`;
  return [
    r.site.name,
    r.site.url,
    r.site.siteCode ?? '',
    accessCell(s),
    r.pages.done,
    r.pages.failed,
    r.columns.length,
    names(r.staleColumns),
    names(r.blankColumns),
    r.unreachable ? '' : `${r.home.newest ?? '无日期'}（${r.home.updated ? '是' : '否'}）`,
    r.deadLinks.length,
    r.findings.length,
    r.unreachable || sc.score === null ? '' : sc.score,
    result,
    visitsCell(s.visits),
  ];
}

/**
 * summary.csv: one row per site of the list, in its order (swept, skipped or not reached), UTF-8 with a BOM,
 * CRLF, cells neutralised against formulas as the export's findings.csv (lib/export/csv.ts `csvCell`).
 */
export function summaryCsv(rows: ReadonlyArray<{ line: number } & ({ swept: SiteSummary } | { skipped: SkippedLine } | { notSwept: NotSwept })>): string {
  const lines = [SUMMARY_COLUMNS.map((c) => csvCell(c)).join(',')];
  for (const row of [...rows].sort((a, b) => a.line - b.line)) {
    let cells: Array<string | number>;
    if ('swept' in row) cells = siteRow(row.swept);
    else if ('skipped' in row) cells = [row.skipped.name, row.skipped.url, '', `未巡检：第 ${row.skipped.line} 行${row.skipped.reason}`];
    else cells = [row.notSwept.site.name, row.notSwept.site.url, row.notSwept.site.siteCode ?? '', `未巡检（${row.notSwept.reason}）`];
    while (cells.length < SUMMARY_COLUMNS.length) cells.push('');
    lines.push(cells.map((c) => csvCell(c)).join(','));
  }
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

/** A SiteRollup for summary.json: everything but the findings, which are counted (by severity) not listed. */
export function rollupJson(s: SiteSummary) {
  const { findings, ...rest } = s.rollup;
  const bySeverity = { veto: 0, deduct: 0, notice: 0 };
  for (const f of findings) bySeverity[f.severity]++;
  return {
    line: s.line,
    slug: s.slug,
    ...rest,
    findings: findings.length,
    findingsBySeverity: bySeverity,
    score: { result: s.score.result, score: s.score.score, reasons: s.score.reasons },
    visits: s.visits,
    pending: s.pending,
    complete: s.pending === 0,
  };
}

/** Writes a file next to its final name, then renames it: a crawl killed meanwhile never leaves half a file. */
export async function writeAtomic(file: string, contents: string): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(partial, contents);
    await rename(partial, file);
  } catch (e) {
    await rm(partial, { force: true });
    throw new InputError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}
