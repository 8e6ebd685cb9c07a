/**
 * A printable HTML report in the shape of the inspection notices (shared/seeds/002, 004): 附件1 the summary
 * by region (在运行网站数, 不合格网站数, 合格率), 附件2 the failing sites with their problems, 附件3 the
 * problem list of those sites, 附件4 问题截图 (网站名称, 问题原因, 问题URL, 截图).
 *
 * Page text is hostile, so every string goes through escapeHtml and URLs are printed as text, never as links;
 * a strict CSP (no scripts, no connections, only the report's own stylesheet by hash and local images) backs
 * that up should anything slip through.
 */
import { categoryLabel } from '../i18n/labels';
import { isCounted, type ExportData, type ExportFinding, type ExportSite } from './model';
import { scoreSites, type SiteScore } from './scoring';

/** Folder of the screenshots next to the report (in the ZIP too). */
export const SCREENSHOT_DIR = 'screenshots';

/** The report's only stylesheet; REPORT_STYLE_HASH is its CSP hash (tests/unit/export/report-html.test.ts checks it). */
export const REPORT_STYLE = `body{font-family:"FangSong","STFangsong","Songti SC",serif;margin:2em auto;max-width:60em;color:#000}
h1{text-align:center;font-size:1.6em}h2{font-size:1.2em;margin-top:2em;page-break-before:always}h3{text-align:center;font-size:1.1em}
table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border:1px solid #000;padding:.3em .5em;text-align:center;vertical-align:top}
td.l{text-align:left;word-break:break-all}figure{margin:1em 0 2em;page-break-inside:avoid}figure img{max-width:100%;border:1px solid #999}
dl{margin:0}dt{font-weight:bold;display:inline}dd{display:inline;margin:0;word-break:break-all}dd::after{content:"";display:block}
.note{font-size:.9em}@media print{h2{page-break-before:always}}`;
export const REPORT_STYLE_HASH = 'sha256-b0JewBIUEPAB2+/TW7iPWB2X179sDTcr122Wi8ScHxk=';

/** Content-Security-Policy of the report: nothing runs, nothing loads but images next to the report (http(s) same origin or file:) and the stylesheet. */
export const REPORT_CSP = `default-src 'none'; img-src 'self' file:; style-src '${REPORT_STYLE_HASH}'; base-uri 'none'; form-action 'none'`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(s: string | number | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A table row; cells are escaped here, `left` columns (free text) are left-aligned. */
function row(cells: readonly (string | number | undefined)[], tag: 'td' | 'th' = 'td', left: readonly number[] = []): string {
  return `<tr>${cells.map((c, i) => `<${tag}${left.includes(i) ? ' class="l"' : ''}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
}

/** 合格率 as the notices print it: 100%, 95.12%. */
export function passRate(running: number, failed: number): string {
  return running === 0 ? '—' : `${Number((((running - failed) / running) * 100).toFixed(2))}%`;
}

/** One line of the 附件1 summary. */
export interface RegionSummary {
  region: string;
  running: number;
  failed: number;
  rate: string;
}

/** 附件1: per region, in the order regions first appear among the sites, then the 总计 row. */
export function summarizeByRegion(sites: readonly ExportSite[], scores: ReadonlyMap<string, SiteScore>): RegionSummary[] {
  const regions = new Map<string, { running: number; failed: number }>();
  for (const s of sites) {
    const r = regions.get(s.region) ?? { running: 0, failed: 0 };
    regions.set(s.region, r);
    r.running++;
    if (scores.get(s.id)?.result === '不合格') r.failed++;
  }
  const rows = [...regions].map(([region, r]) => ({ region, ...r, rate: passRate(r.running, r.failed) }));
  const running = sites.length;
  const failed = rows.reduce((n, r) => n + r.failed, 0);
  return [...rows, { region: '总计', running, failed, rate: passRate(running, failed) }];
}

/** 问题原因 as the notices word it: the category, then the message. */
const reasonOf = (f: ExportFinding) => `${categoryLabel(f.category)}：${f.message}`;

/** The report for one round. Scores are computed here unless the caller passes its own. */
export function reportHtml(data: ExportData, scores: ReadonlyMap<string, SiteScore> = scoreSites(data.sites, data.findings)): string {
  const { round, sites } = data;
  const shown = data.findings.filter((f) => isCounted(f) && f.severity !== 'notice');
  const failing = sites.filter((s) => scores.get(s.id)?.result === '不合格');
  const failingIds = new Set(failing.map((s) => s.id));
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const title = `${round.name}政府网站检查情况`;

  const summary = summarizeByRegion(sites, scores).map((r) => row([r.region, r.running, r.failed, r.rate]));
  const failingRows = failing.map((s, i) => row([i + 1, s.region, s.name, s.siteCode, scores.get(s.id)!.reasons.join('；')], 'td', [4]));
  const problems = shown
    .filter((f) => failingIds.has(f.siteId))
    .map((f, i) => row([i + 1, siteById.get(f.siteId)?.name, categoryLabel(f.category), f.message, f.text, f.pageUrl], 'td', [3, 4, 5]));
  const shots = shown
    .filter((f) => f.screenshot)
    .map(
      (f) =>
        `<figure><dl><dt>网站名称：</dt><dd>${escapeHtml(siteById.get(f.siteId)?.name)}</dd><dt>问题原因：</dt><dd>${escapeHtml(reasonOf(f))}</dd>` +
        `<dt>问题URL：</dt><dd>${escapeHtml(f.pageUrl)}</dd><dt>问题截图：</dt><dd></dd></dl>` +
        `<img src="${escapeHtml(`${SCREENSHOT_DIR}/${encodeURIComponent(f.screenshot!)}`)}" alt="${escapeHtml(reasonOf(f))}"></figure>`,
    );
  const none = (cols: number) => `<tr><td colspan="${cols}">无</td></tr>`;

  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="note">监测日期：${escapeHtml(round.monitoringDate)}。共检查网站 ${sites.length} 个，不合格 ${failing.length} 个，合格率 ${escapeHtml(passRate(sites.length, failing.length))}。</p>
<h2>附件1</h2>
<h3>${escapeHtml(round.name)}在运行政府网站检查情况</h3>
<table>
<thead>${row(['县（区）/部门', '在运行网站数', '不合格网站数', '合格率'], 'th')}</thead>
<tbody>${summary.join('')}</tbody>
</table>
<p class="note">注：数据采样时间为 ${escapeHtml(round.monitoringDate)}。</p>
<h2>附件2</h2>
<h3>${escapeHtml(round.name)}检查不合格政府网站</h3>
<table>
<thead>${row(['序号', '县（区）/部门', '网站名称', '网站标识码', '存在问题'], 'th')}</thead>
<tbody>${failingRows.join('') || none(5)}</tbody>
</table>
<h2>附件3</h2>
<h3>${escapeHtml(round.name)}不合格政府网站问题清单</h3>
<table>
<thead>${row(['序号', '网站名称', '问题类型', '问题描述', '原文', '问题URL'], 'th')}</thead>
<tbody>${problems.join('') || none(6)}</tbody>
</table>
<h2>附件4</h2>
<h3>${escapeHtml(round.name)}问题截图</h3>
${shots.join('\n') || '<p>无</p>'}
</body>
</html>
`;
}
