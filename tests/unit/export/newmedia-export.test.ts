/** 政务新媒体 in the export: scored by their vetoes, a 平台 column in the CSV, 附件6 and the 总体情况 sentence in the report. */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { findingsCsv } from '../../../lib/export/csv';
import type { ExportData, ExportSite } from '../../../lib/export/model';
import { newMediaSentence, reportHtml, summarizeByPlatform } from '../../../lib/export/report-html';
import { scoreAccount, scoreSites } from '../../../lib/export/scoring';
import { finding, site } from './factory';

/** An account of the export. */
const account = (id: string, name: string, platform: string | undefined, region = ''): ExportSite =>
  site({ id, name, siteCode: '', region, kind: '政务新媒体', homeUrl: '', ...(platform && { platform }) });

/** 内容不更新 on an account's page. */
const stale = (siteId: string, over: Parameters<typeof finding>[0] = {}) =>
  finding({
    siteId,
    category: 'stale',
    check: 'newmedia-update',
    kind: 'account-stale',
    severity: 'veto',
    message: '最新一条内容（置顶除外）发布于 2026-09-01，距审读日期已 80 天，超过 14 天未更新',
    text: '09-01',
    pageUrl: `https://example.invalid/${siteId}`,
    ...over,
  });

/** A round: two websites (one failing), 3 WeChat accounts (1 stale), 2 抖音 (1 stale, 1 excluded stale), 1 微博, 1 of no platform. */
function data(): ExportData {
  const sites = [
    site({ id: 'w1', name: '临沧市人民政府', region: '临沧' }),
    site({ id: 'w2', name: '耿马政府公众信息网', siteCode: '5309260040', region: '耿马' }),
    account('m1', '临沧发布', '微信公众号', '临沧市人民政府办公室'),
    account('m2', '临沧广电', '微信公众号', '临沧市广播电视局'),
    account('m3', '临韵博尚', '微信公众号', '临翔区人民政府'),
    account('d1', '“抖”南美', '抖音', '临翔区人民政府'),
    account('d2', '临沧文旅', '抖音'),
    account('b1', '云岭发布', '微博'),
    account('x1', '云岭县融媒体', undefined),
  ];
  const findings = [
    finding({ siteId: 'w2', category: 'stale', check: 'stale-home', severity: 'veto', message: '首页超过2周未更新' }),
    stale('m2'),
    stale('d1'),
    stale('d2', { status: '已排除' }),
    finding({ siteId: 'm1', pageUrl: 'https://mp.weixin.qq.com/s/AAAA' }), // a typo in an article: not scored
    stale('b1', { severity: 'notice', category: 'stale', message: '未能检测（页面未加载完或需要登录）' }),
  ];
  return { round: { name: '2026年第四季度', monitoringDate: '2026-11-20' }, sites, findings };
}

describe('scoring accounts', () => {
  it('fails an account by a counted veto only: 内容不更新; a typo is left to the reviewer, a notice and an excluded veto never count', () => {
    const d = data();
    const scores = scoreSites(d.sites, d.findings);
    expect(['m1', 'm2', 'm3', 'd1', 'd2', 'b1', 'x1'].map((id) => scores.get(id)!.result)).toEqual([
      '合格',
      '不合格',
      '合格',
      '不合格',
      '合格',
      '合格',
      '合格',
    ]);
    expect(scores.get('m2')).toMatchObject({ score: null, deductions: [], reasons: ['单项否决：内容不更新'] });
    expect(scores.get('m1')).toMatchObject({ score: null, unscored: [d.findings[4].id], reasons: ['另有错别字 1 处未计分（指标未设分值，请审读人员判定）'] });
    // Websites are scored as before.
    expect(scores.get('w1')).toMatchObject({ result: '合格', score: 100 });
    expect(scores.get('w2')?.result).toBe('不合格');
  });

  it('counts 内容不更新 seen twice on one account once in the reasons, with its number', () => {
    const s = scoreAccount({ id: 'm2' }, [stale('m2'), stale('m2', { pageUrl: 'https://example.invalid/m2?page=2' })]);
    expect(s.reasons).toEqual(['单项否决：内容不更新 2 处']);
  });
});

describe('CSV', () => {
  it('names the account in 网站名称, its 主办单位 in 县（区）/部门 and its 平台 last; websites have an empty 平台', () => {
    const d = data();
    const rows = findingsCsv(d.sites, d.findings)
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(rows[0].at(-1)).toBe('平台');
    expect(rows.slice(1).map((r) => [r[1], r[2], r[3], r.at(-1)])).toEqual([
      ['耿马', '耿马政府公众信息网', '5309260040', ''],
      ['临沧市广播电视局', '临沧广电', '', '微信公众号'],
      ['临翔区人民政府', '“抖”南美', '', '抖音'],
      ['', '临沧文旅', '', '抖音'],
      ['临沧市人民政府办公室', '临沧发布', '', '微信公众号'],
      ['', '云岭发布', '', '微博'],
    ]);
    const other = findingsCsv([account('x1', '云岭县融媒体', undefined)], [stale('x1')]);
    expect(other.trimEnd().split('\r\n')[1].endsWith(',其他政务新媒体')).toBe(true);
  });
});

describe('report: 政务新媒体', () => {
  it('summarises per platform in the report’s order, then 总计', () => {
    const d = data();
    expect(summarizeByPlatform(d.sites, scoreSites(d.sites, d.findings))).toEqual([
      { platform: '微信公众号', checked: 3, failed: 1, rate: '66.67%' },
      { platform: '微博', checked: 1, failed: 0, rate: '100%' },
      { platform: '抖音', checked: 2, failed: 1, rate: '50%' },
      { platform: '其他政务新媒体', checked: 1, failed: 0, rate: '100%' },
      { platform: '总计', checked: 7, failed: 2, rate: '71.43%' },
    ]);
  });

  it('writes seed 004’s 总体情况 sentence from the rows, and nothing without accounts', () => {
    const rows = [
      { platform: '微博', checked: 7, failed: 0, rate: '100%' },
      { platform: '微信公众号', checked: 148, failed: 4, rate: '97.3%' },
      { platform: '总计', checked: 155, failed: 4, rate: '97.42%' },
    ];
    expect(newMediaSentence(rows)).toBe(
      '共抽查政务新媒体155个，不合格4个，总体合格率97.42%。其中，抽查微博7个，不合格0个，合格率100%；抽查微信公众号148个，不合格4个，合格率97.3%。',
    );
    expect(newMediaSentence([{ platform: '总计', checked: 0, failed: 0, rate: '—' }])).toBe('');
  });

  it('prints 附件6 (per platform and the failing accounts) and keeps the accounts out of the website annexes', () => {
    const html = reportHtml(data());
    const { document } = parseHTML(html);
    expect(document.querySelector('h1')!.textContent).toBe('2026年第四季度政府网站与政务新媒体检查情况');
    const notes = [...document.querySelectorAll('p.note')].map((p) => p.textContent);
    expect(notes[0]).toContain('共检查网站 2 个，不合格 1 个，合格率 50%');
    expect(notes[1]).toBe(
      '共抽查政务新媒体7个，不合格2个，总体合格率71.43%。其中，抽查微信公众号3个，不合格1个，合格率66.67%；抽查微博1个，不合格0个，合格率100%；抽查抖音2个，不合格1个，合格率50%；抽查其他政务新媒体1个，不合格0个，合格率100%。',
    );
    const tables = [...document.querySelectorAll('table')];
    const cells = (t: Element) => [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    // 附件1: websites only.
    expect(cells(tables[0])).toEqual([
      ['临沧', '1', '0', '100%'],
      ['耿马', '1', '1', '0%'],
      ['总计', '2', '1', '50%'],
    ]);
    expect(cells(tables[1]).map((r) => r[2])).toEqual(['耿马政府公众信息网']); // 附件2
    expect(cells(tables[2]).map((r) => r[1])).toEqual(['耿马政府公众信息网']); // 附件3
    expect(cells(tables[3]).map((r) => r[1])).toEqual(['临沧市人民政府', '耿马政府公众信息网']); // 附件4
    expect(document.querySelectorAll('h2')[5].textContent).toBe('附件6');
    expect(cells(tables[4]).map((r) => r[0])).toEqual(['微信公众号', '微博', '抖音', '其他政务新媒体', '总计']);
    expect(cells(tables[5])).toEqual([
      ['1', '微信公众号', '临沧广电', '临沧市广播电视局', '内容不更新'],
      ['2', '抖音', '“抖”南美', '临翔区人民政府', '内容不更新'],
    ]);
  });

  it('escapes an account’s name, and prints no 附件6 for a round of websites only', () => {
    const d = data();
    d.sites[3] = account('m2', '<b>临沧广电</b>', '微信公众号');
    const html = reportHtml(d);
    expect(html).toContain('&lt;b&gt;临沧广电&lt;/b&gt;');
    expect(html).not.toContain('<b>');
    const websites = reportHtml({ ...d, sites: d.sites.slice(0, 2), findings: d.findings.slice(0, 1) });
    expect(websites).not.toContain('附件6');
    expect(websites).not.toContain('政务新媒体');
  });
});
