import type { Locale } from '@/lib/types';

/** UI strings of the popup and side panel, in the reviewers' words (zh-CN first, English available). */
const STRINGS = {
  title: { 'zh-CN': '政府网站审读助手', en: 'GovReview' },
  findings: { 'zh-CN': '本页问题', en: 'Findings on this page' },
  none: { 'zh-CN': '本页未发现问题', en: 'No findings on this page' },
  notScanned: { 'zh-CN': '本页尚未审读（暂停中、受限页面或正在加载）', en: 'Not scanned (paused, restricted page or loading)' },
  pauseAll: { 'zh-CN': '全部暂停', en: 'Pause everywhere' },
  pauseSite: { 'zh-CN': '暂停本站', en: 'Pause this site' },
  reviewDate: { 'zh-CN': '审读日期（监测日期）', en: 'Review date (monitoring date)' },
  reviewDateHint: { 'zh-CN': '留空为今天', en: 'empty = today' },
  pageLevel: { 'zh-CN': '页面级', en: 'page-level' },
  frame: { 'zh-CN': '框架', en: 'frame' },
  engineErrors: { 'zh-CN': '检查出错', en: 'Check errors' },
  language: { 'zh-CN': 'English', en: '中文' },
  suggestion: { 'zh-CN': '建议', en: 'Suggestion' },
  checkLinks: { 'zh-CN': '检查本页链接', en: 'Check links' },
  stopLinks: { 'zh-CN': '停止检查', en: 'Stop' },
  linkProgress: { 'zh-CN': '已检查', en: 'Checked' },
  linkBad: { 'zh-CN': '断链错链', en: 'broken' },
  linkSuspect: { 'zh-CN': '可疑', en: 'suspect' },
  recordOne: { 'zh-CN': '记录', en: 'Record' },
  recordAll: { 'zh-CN': '全部记录', en: 'Record all' },
  recordedN: { 'zh-CN': '已记录', en: 'Recorded' },
  recordedBeforeN: { 'zh-CN': '此前已记录', en: 'already recorded' },
  sites: { 'zh-CN': '网站信息（名称、标识码、县（区）/部门、类型）', en: 'Sites (name, code, region, kind)' },
  siteName: { 'zh-CN': '网站名称', en: 'Site name' },
  region: { 'zh-CN': '县（区）/部门', en: 'Region / department' },
  siteKind: { 'zh-CN': '类型', en: 'Kind' },
  excludeIgnoreSite: { 'zh-CN': '排除并本站忽略', en: 'Exclude, ignore on the site' },
  excludeIgnoreGlobal: { 'zh-CN': '排除并全部忽略', en: 'Exclude, ignore everywhere' },
  ledger: { 'zh-CN': '审读台账', en: 'Review ledger' },
  openLedger: { 'zh-CN': '打开审读台账', en: 'Open the ledger' },
  points: { 'zh-CN': '分', en: 'points' },
  allSites: { 'zh-CN': '全部网站', en: 'All sites' },
  allCategories: { 'zh-CN': '全部问题类型', en: 'All categories' },
  allStatuses: { 'zh-CN': '全部状态', en: 'All statuses' },
  allSeverities: { 'zh-CN': '全部严重程度', en: 'All severities' },
  selectAll: { 'zh-CN': '全选', en: 'Select all' },
  screenshot: { 'zh-CN': '截图', en: 'Screenshot' },
  exportZip: { 'zh-CN': '导出问题清单（ZIP）', en: 'Export (ZIP)' },
  exported: { 'zh-CN': '已导出', en: 'Exported' },
  backup: { 'zh-CN': '备份', en: 'Back up' },
  merge: { 'zh-CN': '合并他人备份：', en: 'Merge a backup: ' },
  ignored: { 'zh-CN': '忽略列表', en: 'Ignored' },
  ignoredSite: { 'zh-CN': '本站', en: 'this site' },
  ignoredGlobal: { 'zh-CN': '全部网站', en: 'all sites' },
  unignore: { 'zh-CN': '取消忽略', en: 'Stop ignoring' },
} satisfies Record<string, Record<Locale, string>>;

export type StringKey = keyof typeof STRINGS;

export function tr(key: StringKey, locale: Locale): string {
  return STRINGS[key][locale];
}
