import { createHash } from 'node:crypto';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { ExportData } from '../../../lib/export/model';
import {
  categoryChart,
  chartSvg,
  escapeHtml,
  layoutBarChart,
  passRate,
  REPORT_CSP,
  REPORT_STYLE,
  REPORT_STYLE_HASH,
  reportHtml,
  siteChart,
  summarizeByRegion,
} from '../../../lib/export/report-html';
import { CATEGORY_COLORS, SEVERITY_COLORS } from '../../../lib/i18n/labels';
import { scoreSites } from '../../../lib/export/scoring';
import { finding, site } from './factory';

const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)> & 'q' "dq"`;

function data(): ExportData {
  const sites = [
    site({ id: 'a', name: '临沧市人民政府', region: '临沧' }),
    site({ id: 'b', name: '耿马政府公众信息网', siteCode: '5309260040', region: '临沧' }),
    site({ id: 'c', name: '临翔区人民政府', siteCode: '5309020048', region: '临沧' }),
    site({ id: 'd', name: `恶意${HOSTILE}`, siteCode: '5301000042', region: '昆明' }),
  ];
  const findings = [
    finding({ siteId: 'b', severity: 'veto', category: 'expression', message: '严重表述错误', text: '以习近平总书记为核心的党中央', screenshot: '耿马 1.png' }),
    finding({
      siteId: 'd',
      severity: 'veto',
      category: 'privacy',
      message: HOSTILE,
      text: HOSTILE,
      pageUrl: `javascript:alert(1)//${HOSTILE}`,
      screenshot: 'd"><x.png',
    }),
    finding({ siteId: 'c', severity: 'veto', category: 'privacy', status: '已排除', text: '排除的原文' }),
  ];
  return { round: { name: '2026年第四季度', monitoringDate: '2026-11-20' }, sites, findings };
}

describe('reportHtml', () => {
  const html = reportHtml(data());
  const { document } = parseHTML(html);

  it('escapes hostile text everywhere: no script, no injected element or attribute', () => {
    expect(html).not.toMatch(/<script/i);
    expect(document.querySelectorAll('script')).toHaveLength(0);
    expect(
      [...document.querySelectorAll('img')].every((img) => img.getAttribute('onerror') === null && img.getAttribute('src')!.startsWith('screenshots/')),
    ).toBe(true);
    expect(document.querySelectorAll('a')).toHaveLength(0);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&amp; &#39;q&#39; &quot;dq&quot;');
    expect(document.body.textContent).toContain(HOSTILE);
  });

  it('carries a strict CSP whose style hash matches the stylesheet', () => {
    const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
    expect(meta?.getAttribute('content')).toBe(REPORT_CSP);
    expect(REPORT_CSP).toContain("default-src 'none'");
    expect(REPORT_CSP).not.toContain('unsafe');
    expect(REPORT_STYLE_HASH).toBe(`sha256-${createHash('sha256').update(REPORT_STYLE, 'utf8').digest('base64')}`);
    expect(document.querySelector('style')?.textContent).toBe(REPORT_STYLE);
  });

  it('titles the report with the round', () => {
    expect(document.querySelector('h1')?.textContent).toBe('2026年第四季度政府网站检查情况');
  });

  it('附件1: by region 在运行网站数, 不合格网站数, 合格率, then 总计 (已排除 does not fail 临翔)', () => {
    const rows = [...document.querySelectorAll('table')[0].querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['县（区）/部门', '在运行网站数', '不合格网站数', '合格率'],
      ['临沧', '3', '1', '66.67%'],
      ['昆明', '1', '1', '0%'],
      ['总计', '4', '2', '50%'],
    ]);
  });

  it('附件2 lists the failing sites with 网站标识码 and their problems', () => {
    const rows = [...document.querySelectorAll('table')[1].querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ['1', '临沧', '耿马政府公众信息网', '5309260040', '单项否决：严重表述错误 1 处'],
      ['2', '昆明', `恶意${HOSTILE}`, '5301000042', '单项否决：泄露个人信息 1 处'],
    ]);
  });

  it("附件4 得分明细: each site's result and score, its deduction items within their caps, its vetoes", () => {
    const d = data();
    d.findings.push(
      finding({ siteId: 'a', category: 'search', check: 'site-search', kind: 'missing', isHomePage: true, text: '', message: '网站首页未提供站内搜索' }),
      ...['/x', '/y', '/z', '/w', '/v', '/u'].map((href) =>
        finding({ siteId: 'a', category: 'link', check: 'link-broken', kind: 'dead', isHomePage: true, text: href, message: `断链：${href}` }),
      ),
      finding({ siteId: 'b', category: 'search', check: 'site-search', kind: 'broken', isHomePage: true, text: '搜索', message: '站内搜索无法使用' }),
    );
    const { document: doc } = parseHTML(reportHtml(d));
    const table = [...doc.querySelectorAll('h3')].find((h) => h.textContent?.endsWith('各网站得分明细'))?.nextElementSibling;
    const rows = [...(table?.querySelectorAll('tbody tr') ?? [])].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toEqual([
      // 6 home-page links × 0.2 = 1.2, capped at 1; 站内搜索 −4: 95.
      ['1', '临沧市人民政府', '合格', '95', '可用性（断链错链） −1（上限 1）；站内搜索 −4（上限 4）', '无'],
      ['2', '耿马政府公众信息网', '不合格', '—（单项否决，不计分）', '站内搜索 −4（上限 4）', '单项否决：严重表述错误 1 处'],
      ['3', '临翔区人民政府', '合格', '100', '无', '无'],
      ['4', `恶意${HOSTILE}`, '不合格', '—（单项否决，不计分）', '无', '单项否决：泄露个人信息 1 处'],
    ]);
  });

  it('附件5 问题截图: name, reason, URL as text and the image under screenshots/', () => {
    const figs = [...document.querySelectorAll('figure')];
    expect(figs).toHaveLength(2);
    expect(figs[0].textContent).toContain('网站名称：耿马政府公众信息网');
    expect(figs[0].textContent).toContain('问题原因：严重表述错误：严重表述错误');
    expect(figs[0].querySelector('img')?.getAttribute('src')).toBe('screenshots/%E8%80%BF%E9%A9%AC%201.png');
    expect(figs[1].querySelector('img')?.getAttribute('src')).toBe(`screenshots/${encodeURIComponent('d"><x.png')}`);
    expect(html).not.toContain('排除的原文');
  });

  it('says 无 when no site fails', () => {
    const d = data();
    d.findings = [];
    const doc = parseHTML(reportHtml(d)).document;
    expect(doc.querySelectorAll('table')[1].querySelector('tbody')?.textContent).toBe('无');
  });
});

describe('the chart of the round', () => {
  const html = reportHtml(data());
  const { document } = parseHTML(html);
  const [byCategory, bySite] = [...document.querySelectorAll('svg.chart')];

  it('draws per 问题类型 the findings that count (已排除 left out), each bar in its category colour', () => {
    expect(byCategory.getAttribute('aria-label')).toBe('问题类型（问题数，不含已排除）');
    const bars = [...byCategory.querySelectorAll('rect')].map((r) => [r.getAttribute('fill'), r.querySelector('title')?.textContent]);
    expect(bars).toEqual([
      [CATEGORY_COLORS.expression, '严重表述错误 1'],
      [CATEGORY_COLORS.privacy, '泄露个人信息 1'],
    ]);
  });

  it('draws per 网站 its findings by 严重程度, every site shown, most first, with the severity legend', () => {
    const texts = [...bySite.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts.slice(0, 4)).toEqual(['网站（问题数）', '单项否决', '扣分', '提示']);
    expect(bySite.querySelectorAll('rect')[0].getAttribute('fill')).toBe(SEVERITY_COLORS.veto);
    // 耿马 and 恶意… have one each (临翔's only finding is 已排除), 临沧 none.
    expect(texts.filter((t) => t === '0')).toHaveLength(2);
    expect(texts.filter((t) => t === '1')).toHaveLength(2);
  });

  it('keeps a site name with <script> escaped in the chart: text, never markup', () => {
    expect(bySite.querySelectorAll('script, img')).toHaveLength(0);
    const full = [...bySite.querySelectorAll('title')].map((t) => t.textContent);
    expect(full).toContain(`恶意${HOSTILE}`);
    const svg = chartSvg(layoutBarChart(siteChart([{ id: 1, name: '<script>alert(1)</script>' }], [{ siteId: 1, category: 'typo', severity: 'deduct' }])));
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const titles = [...parseHTML(`<body>${svg}</body>`).document.querySelectorAll('svg title')].map((t) => t.textContent);
    expect(titles).toContain('<script>alert(1)</script> · 扣分 1');
  });

  it('cuts long labels (the whole name in the title) and scales the longest bar to the width', () => {
    const layout = layoutBarChart(
      categoryChart([
        { siteId: 1, category: 'typo', severity: 'deduct' },
        { siteId: 1, category: 'typo', severity: 'deduct' },
        { siteId: 1, category: 'link', severity: 'deduct' },
      ]),
      340,
    );
    const rects = layout.marks.filter((m) => m.kind === 'rect');
    expect(rects.map((r) => r.width)).toEqual([202, 101]); // 340 less the label and count columns
    const site = layoutBarChart(siteChart([{ id: 1, name: '一个名字很长很长的政府网站' }], []));
    expect(site.marks).toContainEqual(expect.objectContaining({ kind: 'text', text: '一个名字很长很…', title: '一个名字很长很长的政府网站' }));
  });

  it('says 暂无问题 when there is nothing to draw', () => {
    const layout = layoutBarChart(categoryChart([]));
    expect(layout.marks.map((m) => (m.kind === 'text' ? m.text : ''))).toEqual(['问题类型（问题数，不含已排除）', '暂无问题']);
  });

  it('colours the 问题类型 of 附件3 as the extension does', () => {
    const cell = document.querySelectorAll('table')[2].querySelector('tbody tr td span.cat');
    expect(cell?.className).toBe('cat c-expression');
    expect(REPORT_STYLE).toContain(`--gr-cat-expression:${CATEGORY_COLORS.expression}`);
  });
});

describe('helpers', () => {
  it('escapeHtml escapes the five characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it.each([
    [409, 20, '95.11%'],
    [57, 2, '96.49%'],
    [6, 0, '100%'],
    [0, 0, '—'],
  ])('passRate(%i, %i) = %s', (n, f, r) => {
    expect(passRate(n, f)).toBe(r);
  });

  it('summarizeByRegion keeps the regions in order of first appearance', () => {
    const d = data();
    expect(summarizeByRegion(d.sites, scoreSites(d.sites, d.findings)).map((r) => r.region)).toEqual(['临沧', '昆明', '总计']);
  });
});
