/**
 * A printable HTML report in the shape of the inspection notices (shared/seeds/002, 004): 附件1 the summary
 * by region (在运行网站数, 不合格网站数, 合格率), 附件2 the failing sites with their problems, 附件3 the
 * problem list of those sites, 附件4 the scores, 附件5 问题截图 (网站名称, 问题原因, 问题URL, 截图); when the round
 * holds 政务新媒体 accounts, 附件6 their 抽查情况 per 平台 (抽查数, 不合格数, 合格率) and the failing accounts (平台,
 * 账号名称, 主办单位, 存在问题), with seed 004's 总体情况 sentence on top. Accounts are not websites: 附件1–4 and the
 * websites' sentence leave them out.
 *
 * Page text is hostile, so every string goes through escapeHtml and URLs are printed as text, never as links;
 * a strict CSP (no scripts, no connections, only the report's own stylesheet by hash and local images) backs
 * that up should anything slip through.
 */
import type { Category, Locale, Severity } from '../engine/types';
import { CATEGORIES, CATEGORY_COLORS, categoryLabel, paletteCss, SEVERITIES, SEVERITY_COLORS, severityLabel } from '../i18n/labels';
import { tr } from '../i18n/ui-strings';
import { PLATFORM_LABELS } from '../newmedia/platforms';
import { isAccountSite, isCounted, OTHER_PLATFORM, type ExportData, type ExportFinding, type ExportSite } from './model';
import { accountProblem, FULL_MARKS, MAX_DEDUCTION, scoreSites, type SiteScore } from './scoring';

/** Folder of the screenshots next to the report (in the ZIP too). */
export const SCREENSHOT_DIR = 'screenshots';

/** The report's only stylesheet; REPORT_STYLE_HASH is its CSP hash (tests/unit/export/report-html.test.ts checks it). */
export const REPORT_STYLE = `body{font-family:"FangSong","STFangsong","Songti SC",serif;margin:2em auto;max-width:60em;color:#000}
h1{text-align:center;font-size:1.6em}h2{font-size:1.2em;margin-top:2em;page-break-before:always}h3{text-align:center;font-size:1.1em}
table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border:1px solid #000;padding:.3em .5em;text-align:center;vertical-align:top}
td.l{text-align:left;word-break:break-all}figure{margin:1em 0 2em;page-break-inside:avoid}figure img{max-width:100%;border:1px solid #999}
dl{margin:0}dt{font-weight:bold;display:inline}dd{display:inline;margin:0;word-break:break-all}dd::after{content:"";display:block}
.note{font-size:.9em}@media print{h2{page-break-before:always}}
.charts{display:flex;flex-wrap:wrap;gap:1em 2em;margin:1em 0}.chart{flex:1 1 24em;max-width:30em;font-family:sans-serif}
.cat{padding:0 .3em;border-radius:2px;white-space:nowrap;-webkit-print-color-adjust:exact;print-color-adjust:exact}
${paletteCss(':root')}`;
/** The CSP hash of REPORT_STYLE (the report's only style; tests/unit/export/report-html.test.ts recomputes it). */
export const REPORT_STYLE_HASH = 'sha256-ro2pGCaTLzl2WeHhLDTxL2XzI6XF4891e/rceCrm8sk=';

/** Content-Security-Policy of the report: nothing runs, nothing loads but images next to the report (http(s) same origin or file:) and the stylesheet. */
export const REPORT_CSP = `default-src 'none'; img-src 'self' file:; style-src '${REPORT_STYLE_HASH}'; base-uri 'none'; form-action 'none'`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(s: string | number | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** One bar of a chart: its label and its parts (one per category or severity), each with its colour. */
export interface ChartBar {
  label: string;
  parts: Array<{ value: number; color: string; name: string }>;
}

/** A horizontal bar chart: a title, the bars (longest scaled to the full width) and an optional legend. */
export interface BarChart {
  title: string;
  bars: ChartBar[];
  legend?: Array<{ name: string; color: string }>;
  /** Said in place of the bars when there are none. */
  empty: string;
}

/** A finding as the charts count it (the caller leaves out 已排除). */
export interface ChartFinding {
  siteId: string | number;
  category: Category;
  severity: Severity;
}

/** 问题类型: per category the number of failing items (the findings given, 已排除 left out by the caller), in the categories' order; none shown at 0. */
export function categoryChart(findings: readonly ChartFinding[], locale: Locale = 'zh-CN'): BarChart {
  const bars = CATEGORIES.map((c) => ({ c, n: findings.filter((f) => f.category === c).length }))
    .filter((x) => x.n > 0)
    .map(({ c, n }) => ({ label: categoryLabel(c, locale), parts: [{ value: n, color: CATEGORY_COLORS[c], name: categoryLabel(c, locale) }] }));
  return { title: tr('chartCategories', locale), bars, empty: tr('chartEmpty', locale) };
}

/** 网站: per site the number of findings, split by 严重程度 (单项否决, 扣分, 提示); most first, every site shown. */
export function siteChart(sites: ReadonlyArray<{ id: string | number; name: string }>, findings: readonly ChartFinding[], locale: Locale = 'zh-CN'): BarChart {
  const bars = sites
    .map((s, order) => {
      const own = findings.filter((f) => f.siteId === s.id);
      const parts = SEVERITIES.map((v) => ({ value: own.filter((f) => f.severity === v).length, color: SEVERITY_COLORS[v], name: severityLabel(v, locale) }));
      return { label: s.name, parts, total: own.length, order };
    })
    .sort((a, b) => b.total - a.total || a.order - b.order)
    .map(({ label, parts }) => ({ label, parts }));
  const legend = SEVERITIES.map((v) => ({ name: severityLabel(v, locale), color: SEVERITY_COLORS[v] }));
  return { title: tr('chartSites', locale), bars, legend, empty: tr('chartEmpty', locale) };
}

/** A positioned piece of a chart: a bar part, or a line of text (a label, a count, the title). Texts are plain text, never markup. */
export type ChartMark =
  | { kind: 'rect'; x: number; y: number; width: number; height: number; fill: string; title: string }
  | { kind: 'text'; x: number; y: number; text: string; anchor: 'start' | 'end'; bold?: boolean; title?: string };

/** A chart laid out in SVG user units (a viewBox of width × height; the SVG scales to its box). */
export interface ChartLayout {
  width: number;
  height: number;
  /** The chart's title, also its accessible name. */
  title: string;
  marks: ChartMark[];
}

const CHART = { row: 20, bar: 12, label: 104, count: 34, font: 12, labelChars: 8 };

/** A label cut to fit the label column (the whole label stays in the mark's title). */
function fitLabel(label: string): string {
  const chars = [...label];
  return chars.length > CHART.labelChars ? `${chars.slice(0, CHART.labelChars - 1).join('')}…` : label;
}

/**
 * Lays a bar chart out: the title, the legend (if any), then one row per bar (label, the parts side by side
 * scaled so the longest bar fills the width, the total). Pure geometry: the side panel draws it with DOM
 * elements (text nodes), the report as escaped SVG markup (chartSvg).
 */
export function layoutBarChart(chart: BarChart, width = 340): ChartLayout {
  const marks: ChartMark[] = [];
  let y = 0;
  marks.push({ kind: 'text', x: 0, y: y + 14, text: chart.title, anchor: 'start', bold: true });
  y += 22;
  if (chart.legend && chart.bars.length) {
    let x = 0;
    for (const item of chart.legend) {
      marks.push({ kind: 'rect', x, y: y + 3, width: 10, height: 10, fill: item.color, title: item.name });
      marks.push({ kind: 'text', x: x + 14, y: y + 12, text: item.name, anchor: 'start' });
      x += 14 + [...item.name].length * CHART.font + 12;
    }
    y += 18;
  }
  if (!chart.bars.length) {
    marks.push({ kind: 'text', x: 0, y: y + 14, text: chart.empty, anchor: 'start' });
    return { width, height: y + 20, title: chart.title, marks };
  }
  const max = Math.max(1, ...chart.bars.map((b) => b.parts.reduce((n, p) => n + p.value, 0)));
  const span = width - CHART.label - CHART.count;
  for (const bar of chart.bars) {
    const total = bar.parts.reduce((n, p) => n + p.value, 0);
    const short = fitLabel(bar.label);
    marks.push({ kind: 'text', x: CHART.label - 6, y: y + 14, text: short, anchor: 'end', title: short === bar.label ? undefined : bar.label });
    let x = CHART.label;
    for (const p of bar.parts) {
      if (!p.value) continue;
      const w = Math.max(2, Math.round((p.value / max) * span * 10) / 10);
      marks.push({
        kind: 'rect',
        x,
        y: y + (CHART.row - CHART.bar) / 2,
        width: w,
        height: CHART.bar,
        fill: p.color,
        title: bar.parts.length > 1 ? `${bar.label} · ${p.name} ${p.value}` : `${bar.label} ${p.value}`,
      });
      x += w;
    }
    marks.push({ kind: 'text', x: x + 4, y: y + 14, text: String(total), anchor: 'start' });
    y += CHART.row;
  }
  return { width, height: y + 4, title: chart.title, marks };
}

/** The chart as SVG markup for the report: every text (site names are page text) escaped, colours from the palette only. */
export function chartSvg(layout: ChartLayout): string {
  const marks = layout.marks.map((m) =>
    m.kind === 'rect'
      ? `<rect x="${m.x}" y="${m.y}" width="${m.width}" height="${m.height}" fill="${escapeHtml(m.fill)}"><title>${escapeHtml(m.title)}</title></rect>`
      : `<text x="${m.x}" y="${m.y}" text-anchor="${m.anchor}"${m.bold ? ' font-weight="bold"' : ''}>${m.title ? `<title>${escapeHtml(m.title)}</title>` : ''}${escapeHtml(m.text)}</text>`,
  );
  return (
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="${escapeHtml(layout.title)}" ` +
    `font-size="${CHART.font}" fill="#212121">${marks.join('')}</svg>`
  );
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

/** One line of the 政务新媒体 summary: a 平台 (or 总计) with its 抽查数, 不合格数 and 合格率. */
export interface PlatformSummary {
  platform: string;
  checked: number;
  failed: number;
  rate: string;
}

/** The 平台 an account is counted under: its platform's name, else 其他政务新媒体. */
const platformOf = (s: ExportSite) => s.platform || OTHER_PLATFORM;

/** The platforms in the order the report lists them: 微信公众号, 微博, 抖音, 快手, 今日头条, then any other. */
const PLATFORM_ORDER = [...Object.values(PLATFORM_LABELS).map((l) => l['zh-CN']), OTHER_PLATFORM];
const platformRank = (p: string) => (PLATFORM_ORDER.includes(p) ? PLATFORM_ORDER.indexOf(p) : PLATFORM_ORDER.length);

/** The accounts among `sites`, by platform in the report's order (in the order given within one platform). */
function accountsByPlatform(sites: readonly ExportSite[]): ExportSite[] {
  return sites
    .filter(isAccountSite)
    .map((s, i) => ({ s, i }))
    .sort((a, b) => platformRank(platformOf(a.s)) - platformRank(platformOf(b.s)) || a.i - b.i)
    .map(({ s }) => s);
}

/** 政务新媒体 抽查情况: per platform with accounts (websites among `sites` left out), then the 总计 row. */
export function summarizeByPlatform(sites: readonly ExportSite[], scores: ReadonlyMap<string, SiteScore>): PlatformSummary[] {
  const platforms = new Map<string, { checked: number; failed: number }>();
  for (const s of accountsByPlatform(sites)) {
    const p = platforms.get(platformOf(s)) ?? { checked: 0, failed: 0 };
    platforms.set(platformOf(s), p);
    p.checked++;
    if (scores.get(s.id)?.result === '不合格') p.failed++;
  }
  const rows = [...platforms].map(([platform, p]) => ({ platform, ...p, rate: passRate(p.checked, p.failed) }));
  const checked = rows.reduce((n, r) => n + r.checked, 0);
  const failed = rows.reduce((n, r) => n + r.failed, 0);
  return [...rows, { platform: '总计', checked, failed, rate: passRate(checked, failed) }];
}

/**
 * 总体情况 of the 政务新媒体 as seed 004 writes it: 共抽查政务新媒体237个，不合格12个，总体合格率94.94%。其中，抽查微博7个，
 * 不合格0个，合格率100%；抽查微信公众号148个，…。 From summarizeByPlatform's rows; '' when there is no account.
 */
export function newMediaSentence(rows: readonly PlatformSummary[]): string {
  const total = rows.find((r) => r.platform === '总计');
  if (!total?.checked) return '';
  const parts = rows.filter((r) => r !== total).map((r) => `抽查${r.platform}${r.checked}个，不合格${r.failed}个，合格率${r.rate}`);
  return `共抽查政务新媒体${total.checked}个，不合格${total.failed}个，总体合格率${total.rate}。其中，${parts.join('；')}。`;
}

/** 问题原因 as the notices word it: the category, then the message. */
const reasonOf = (f: ExportFinding) => `${categoryLabel(f.category)}：${f.message}`;

/** The report for one round. Scores are computed here unless the caller passes its own. */
export function reportHtml(data: ExportData, scores: ReadonlyMap<string, SiteScore> = scoreSites(data.sites, data.findings)): string {
  const { round } = data;
  // Websites are 附件1–4; accounts (政务新媒体) are 附件6.
  const sites = data.sites.filter((s) => !isAccountSite(s));
  const accounts = accountsByPlatform(data.sites);
  const shown = data.findings.filter((f) => isCounted(f) && f.severity !== 'notice');
  const failing = sites.filter((s) => scores.get(s.id)?.result === '不合格');
  const failingIds = new Set(failing.map((s) => s.id));
  const siteById = new Map(data.sites.map((s) => [s.id, s]));
  const title = `${round.name}${accounts.length ? '政府网站与政务新媒体' : '政府网站'}检查情况`;

  const summary = summarizeByRegion(sites, scores).map((r) => row([r.region, r.running, r.failed, r.rate]));
  const failingRows = failing.map((s, i) => row([i + 1, s.region, s.name, s.siteCode, scores.get(s.id)!.reasons.join('；')], 'td', [4]));
  const problems = shown
    .filter((f) => failingIds.has(f.siteId))
    .map((f, i) => {
      // The 问题类型 cell in its colour (the same as in the extension): our own class around the escaped label.
      const category = `<td><span class="cat c-${escapeHtml(f.category)}">${escapeHtml(categoryLabel(f.category))}</span></td>`;
      const [before, after] = [row([i + 1, siteById.get(f.siteId)?.name]), row([f.message, f.text, f.pageUrl], 'td', [0, 1, 2])];
      return `${before.slice(0, -'</tr>'.length)}${category}${after.slice('<tr>'.length)}`;
    });
  const counted = data.findings.filter(isCounted);
  const charts = [categoryChart(counted), siteChart(data.sites, counted)].map((c) => chartSvg(layoutBarChart(c)));
  const shots = shown
    .filter((f) => f.screenshot)
    .map(
      (f) =>
        `<figure><dl><dt>网站名称：</dt><dd>${escapeHtml(siteById.get(f.siteId)?.name)}</dd><dt>问题原因：</dt><dd>${escapeHtml(reasonOf(f))}</dd>` +
        `<dt>问题URL：</dt><dd>${escapeHtml(f.pageUrl)}</dd><dt>问题截图：</dt><dd></dd></dl>` +
        `<img src="${escapeHtml(`${SCREENSHOT_DIR}/${encodeURIComponent(f.screenshot!)}`)}" alt="${escapeHtml(reasonOf(f))}"></figure>`,
    );
  const none = (cols: number) => `<tr><td colspan="${cols}">无</td></tr>`;
  const platforms = summarizeByPlatform(accounts, scores);
  const failingAccounts = accounts
    .filter((s) => scores.get(s.id)?.result === '不合格')
    .map((s, i) => {
      const vetoes = new Set(scores.get(s.id)!.vetoes);
      const problems = [...new Set(shown.filter((f) => vetoes.has(f.id)).map(accountProblem))];
      return row([i + 1, platformOf(s), s.name, s.region, problems.join('；')], 'td', [2, 3, 4]);
    });
  const newMedia = accounts.length
    ? `
<h2>附件6</h2>
<h3>${escapeHtml(round.name)}政务新媒体抽查情况</h3>
<p>${escapeHtml(newMediaSentence(platforms))}</p>
<table>
<thead>${row(['平台', '抽查数', '不合格数', '合格率'], 'th')}</thead>
<tbody>${platforms.map((r) => row([r.platform, r.checked, r.failed, r.rate])).join('')}</tbody>
</table>
<h3>${escapeHtml(round.name)}不合格政务新媒体名单</h3>
<table>
<thead>${row(['序号', '平台', '账号名称', '主办单位', '存在问题'], 'th')}</thead>
<tbody>${failingAccounts.join('') || none(5)}</tbody>
</table>
<p class="note">注：政务新媒体按单项否决（内容不更新等）判定，不计分；数据采样时间为 ${escapeHtml(round.monitoringDate)}。</p>`
    : '';
  const scoreRows = sites.map((s, i) => {
    const sc = scores.get(s.id);
    const items = (sc?.deductions ?? []).map((d) => `${d.item} −${d.points}（上限 ${d.cap}）`).join('；') || '无';
    const vetoes = (sc?.reasons ?? []).filter((r) => r.startsWith('单项否决')).join('；') || '无';
    return row([i + 1, s.name, sc?.result ?? '合格', sc?.score ?? '—（单项否决，不计分）', items, vetoes], 'td', [4, 5]);
  });

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
<p class="note">监测日期：${escapeHtml(round.monitoringDate)}。共检查网站 ${sites.length} 个，不合格 ${failing.length} 个，合格率 ${escapeHtml(passRate(sites.length, failing.length))}。</p>${accounts.length ? `\n<p class="note">${escapeHtml(newMediaSentence(platforms))}</p>` : ''}
<div class="charts">${charts.join('')}</div>
<p class="note">注：图中问题数不含已排除的问题，网站按问题数排列。</p>
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
<h3>${escapeHtml(round.name)}各网站得分明细</h3>
<table>
<thead>${row(['序号', '网站名称', '检查结果', '得分', '扣分项（扣分，上限）', '单项否决'], 'th')}</thead>
<tbody>${scoreRows.join('') || none(6)}</tbody>
</table>
<p class="note">注：满分 ${FULL_MARKS} 分，每项扣分不超过其上限，扣分大于 ${MAX_DEDUCTION} 分为不合格；存在单项否决的网站不计分，其扣分项仅供参考。</p>
<h2>附件5</h2>
<h3>${escapeHtml(round.name)}问题截图</h3>
${shots.join('\n') || '<p>无</p>'}${newMedia}
</body>
</html>
`;
}
