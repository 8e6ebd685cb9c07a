import { useMemo } from 'preact/hooks';
import type { FindingRecord, Site } from '@/lib/db/records';
import type { Locale } from '@/lib/engine/types';
import { categoryChart, layoutBarChart, siteChart, type ChartLayout } from '@/lib/export/report-html';
import { tr } from '@/lib/i18n/ui-strings';

/**
 * One chart as SVG elements (the layout the HTML report draws too): every label is a text node, so a site
 * name (page text) never becomes markup.
 */
export function ChartSvg({ layout, class: cls }: { layout: ChartLayout; class: string }) {
  return (
    <svg class={`chart ${cls}`} viewBox={`0 0 ${layout.width} ${layout.height}`} role="img" aria-label={layout.title} font-size="12" fill="#212121">
      {layout.marks.map((m, i) =>
        m.kind === 'rect' ? (
          <rect key={i} x={m.x} y={m.y} width={m.width} height={m.height} fill={m.fill}>
            <title>{m.title}</title>
          </rect>
        ) : (
          <text key={i} x={m.x} y={m.y} text-anchor={m.anchor} font-weight={m.bold ? 'bold' : undefined}>
            {m.title && <title>{m.title}</title>}
            {m.text}
          </text>
        ),
      )}
    </svg>
  );
}

/**
 * 本轮审读结果: per 问题类型 the round's failing items and per 网站 its findings by 严重程度 (已排除 left out),
 * drawn from the rows alone (no screenshot read); the same charts as the exported report.
 */
export function ResultChart({ rows, sites, locale }: { rows: readonly FindingRecord[]; sites: readonly Site[]; locale: Locale }) {
  const layouts = useMemo(() => {
    const counted = rows.filter((r) => r.status !== 'excluded');
    const withRows = new Set(rows.map((r) => r.siteId));
    // The round's sites: those with findings in it (the site table lists every site of every round).
    const roundSites = sites.filter((s) => withRows.has(s.id));
    return [layoutBarChart(categoryChart(counted, locale)), layoutBarChart(siteChart(roundSites, counted, locale))];
  }, [rows, sites, locale]);
  if (!rows.length) return null;
  return (
    <details class="result-chart" open>
      <summary>{tr('chart', locale)}</summary>
      <div class="charts">
        <ChartSvg layout={layouts[0]} class="chart-categories" />
        <ChartSvg layout={layouts[1]} class="chart-sites" />
      </div>
    </details>
  );
}
