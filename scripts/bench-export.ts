/**
 * `npx tsx scripts/bench-export.ts [--findings N]`: times the export of N findings (default 10,000 over 100
 * sites) and prints JSON: the median ms of the CSV, the report, the whole bundle (scores + CSV + report + ZIP)
 * and, as the baseline, JSON.stringify of the same records, with each one's ratio to that baseline.
 * A benchmark, not a test: machines differ, so CI should read the ratios, never assert wall time.
 */
import { performance } from 'node:perf_hooks';
import { findingsCsv } from '../lib/export/csv';
import type { ExportData, ExportFinding, ExportSite } from '../lib/export/model';
import { reportHtml } from '../lib/export/report-html';
import { buildExport } from '../lib/export/zip';
import type { Category, Severity } from '../lib/engine/types';

const arg = process.argv.indexOf('--findings');
const N = arg > 0 ? Number(process.argv[arg + 1]) : 10_000;
const SITES = 100;
const RUNS = 7;

const CATEGORIES: Category[] = ['typo', 'expression', 'privacy', 'identity', 'stale', 'blank', 'link', 'service', 'interaction', 'search'];
const SEVERITIES: Severity[] = ['deduct', 'deduct', 'notice', 'veto'];

/** Realistic records, with the awkward cells (quotes, commas, newlines, formula starts, markup) mixed in. */
function makeData(): ExportData {
  const sites: ExportSite[] = Array.from({ length: SITES }, (_, i) => ({
    id: `s${i}`,
    name: `临沧市第${i}局网站`,
    siteCode: String(5309000000 + i),
    region: `区县${i % 9}`,
    kind: '部门网站',
    homeUrl: `https://s${i}.lincang.gov.cn/`,
  }));
  const findings: ExportFinding[] = Array.from({ length: N }, (_, i) => ({
    id: `f${i}`,
    siteId: `s${i % SITES}`,
    pageUrl: `https://s${i % SITES}.lincang.gov.cn/zwgk/${i}.html?a=1&b=2`,
    pageTitle: '政务公开',
    isHomePage: i % 10 === 0,
    category: CATEGORIES[i % CATEGORIES.length],
    check: 'typo-word-pair',
    kind: i % 3 ? 'icp' : undefined,
    severity: SEVERITIES[i % SEVERITIES.length],
    message: `疑似错别字：按装 → 安装（第 ${i} 处）`,
    text: i % 5 === 0 ? `=HYPERLINK("x"),\n<script>alert(${i})</script>` : '各部门要按装要求，做好“放管服”改革工作',
    suggestion: '安装',
    status: i % 11 === 0 ? '已排除' : '待复核',
    foundAt: '2026-11-20T08:00:00.000Z',
    screenshot: i % 50 === 0 ? `shot-${i}.png` : undefined,
  }));
  return { round: { name: '2026年第四季度', monitoringDate: '2026-11-20' }, sites, findings };
}

function median(fn: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[RUNS >> 1];
}

const data = makeData();
const round = (n: number) => Math.round(n * 100) / 100;
const baseline = median(() => JSON.stringify(data));
const csv = median(() => findingsCsv(data.sites, data.findings));
const report = median(() => reportHtml(data));
const bundle = median(() => buildExport(data));
process.stdout.write(
  `${JSON.stringify({
    findings: N,
    sites: SITES,
    runs: RUNS,
    baselineJsonStringifyMs: round(baseline),
    csvMs: round(csv),
    reportMs: round(report),
    bundleMs: round(bundle),
    csvRatio: round(csv / baseline),
    reportRatio: round(report / baseline),
    bundleRatio: round(bundle / baseline),
  })}\n`,
);
