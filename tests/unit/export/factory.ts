/** Builders of export records for the export tests (and scripts/bench-export.ts): defaults plus overrides. */
import type { ExportFinding, ExportSite } from '../../../lib/export/model';

export function site(over: Partial<ExportSite> = {}): ExportSite {
  return { id: 'lc', name: '临沧市人民政府', siteCode: '5309000044', region: '临沧', kind: '门户网站', homeUrl: 'https://www.lincang.gov.cn/', ...over };
}

let seq = 0;

export function finding(over: Partial<ExportFinding> = {}): ExportFinding {
  seq++;
  return {
    id: `f${seq}`,
    siteId: 'lc',
    pageUrl: 'https://www.lincang.gov.cn/zwgk/index.html',
    pageTitle: '政务公开',
    isHomePage: false,
    category: 'typo',
    check: 'typo-word-pair',
    severity: 'deduct',
    message: '疑似错别字：按装 → 安装',
    text: '按装',
    suggestion: '安装',
    status: '待复核',
    foundAt: '2026-11-20T08:00:00.000Z',
    ...over,
  };
}
