/**
 * The findings as CSV for spreadsheets: UTF-8 with a BOM (Excel otherwise reads UTF-8 as the ANSI code page and
 * garbles the Chinese), CRLF rows and RFC 4180 quoting. Page text is hostile: a cell starting with = + - @, a tab
 * or a CR would run as a formula in Excel/LibreOffice (CSV injection, OWASP), so such cells get a leading '.
 */
import { categoryLabel, severityLabel } from '../i18n/labels';
import { isAccountSite, OTHER_PLATFORM, type ExportFinding, type ExportSite } from './model';

/** Byte order mark that makes Excel read the CSV as UTF-8. */
export const CSV_BOM = '\uFEFF';

/**
 * The columns, in order, as reviewers read them. A 政务新媒体 account's row names the account in 网站名称, its
 * 主办单位 in 县（区）/部门 and its 平台 (微信公众号, 抖音 …) last (empty for websites), as the notices list
 * accounts: 平台、名称、问题.
 */
export const CSV_COLUMNS = [
  '序号',
  '县（区）/部门',
  '网站名称',
  '网站标识码',
  '问题页面网址',
  '问题类型',
  '问题描述',
  '原文',
  '建议',
  '严重程度',
  '状态',
  '发现时间',
  '截图文件名',
  '备注',
  '平台',
] as const;

/**
 * 发现时间 as reviewers write it: Beijing time (UTC+8 all year, no daylight saving), to the minute,
 * whatever the time zone of the machine that exports. An unparseable value is printed as it is.
 */
export function beijingTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: neutralised against formula injection, then quoted when it holds a quote, comma, CR or LF. */
export function csvCell(value: string | number | undefined): string {
  let s = value === undefined ? '' : String(value);
  if (typeof value === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row of cells, without the line end. */
function csvRow(cells: readonly (string | number | undefined)[]): string {
  return cells.map(csvCell).join(',');
}

/**
 * The CSV of `findings`, in the order given (the caller sorts), each joined to its site; a finding whose site
 * is missing gets empty site cells rather than being dropped. Includes 已排除 findings, with their status.
 */
export function findingsCsv(sites: readonly ExportSite[], findings: readonly ExportFinding[]): string {
  const byId = new Map(sites.map((s) => [s.id, s]));
  const lines = [csvRow(CSV_COLUMNS)];
  findings.forEach((f, i) => {
    const site = byId.get(f.siteId);
    lines.push(
      csvRow([
        i + 1,
        site?.region,
        site?.name,
        site?.siteCode,
        f.pageUrl,
        categoryLabel(f.category),
        f.message,
        f.text,
        f.suggestion,
        severityLabel(f.severity),
        f.status,
        beijingTime(f.foundAt),
        f.screenshot,
        f.note,
        site?.platform ?? (site && isAccountSite(site) ? OTHER_PLATFORM : ''),
      ]),
    );
  });
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
