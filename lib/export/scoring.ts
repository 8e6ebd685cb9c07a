/**
 * Scores one site for one round against 《政府网站与政务新媒体检查指标》(国办秘函〔2019〕19号), as summarised in
 * shared/domain/indicators.md:
 * - 单项否决: any veto finding makes the site 不合格 and nothing else is scored; so do >= 5 空白栏目 and
 *   >= 10 columns that should be updated but were not (veto item 4), and >= 5 办事指南 each missing >= 4 of the
 *   10 key elements (veto item 6, 服务不实用), counted here from the deduct findings; a message unanswered for
 *   more than 3 months (veto item 5, 互动回应差) is a veto finding of public-messages.
 * - 扣分: per indicator item, each with its cap; score = 100 − deductions; 扣分大于40 (score under 60) → 不合格.
 * 已排除 findings never count; notices (提示) are never scored. Deduct findings whose indicator item has no
 * point value in the indicators (e.g. an ordinary typo, a personal-data hint) are listed as `unscored` for the
 * reviewer to judge instead of being given invented points.
 * Points are summed in tenths so that 0.1 + 0.2 is exactly 0.3.
 */
import type { IdentificationKind } from '../checks/site-identification';
import { categoryLabel } from '../i18n/labels';
import type { Category } from '../engine/types';
import { isAccountSite, isCounted, type ExportFinding, type ExportSite } from './model';

/** A site's verdict by the indicators. */
export type SiteResult = '合格' | '不合格';

/** The deduction of one indicator item. */
export interface Deduction {
  /** The indicator item, in its printed words (网站标识, 可用性, …). */
  item: string;
  /** Points taken, already capped. */
  points: number;
  cap: number;
  /** Ids of the findings behind the item (duplicates of one problem included). */
  findings: string[];
}

/** A site's score: the verdict, the vetoes, the deductions with their reasons and the findings left to the reviewer. */
export interface SiteScore {
  siteId: string;
  result: SiteResult;
  /** 100 − deductions; null when a veto decided (nothing else is scored). */
  score: number | null;
  /** The deduction items found, each within its cap; listed for reference when a veto decided (score null). */
  deductions: Deduction[];
  /** Ids of the findings that veto the site. */
  vetoes: string[];
  /** Deduct findings with no point value in the indicators (reviewer's call). */
  unscored: string[];
  /** Why, in the notices' words (zh-CN). */
  reasons: string[];
}

/** Full marks, and the most that may be taken before the site fails (扣分大于40 → 不合格). */
export const FULL_MARKS = 100;
/** Deductions beyond this fail a site (the indicators' 扣分 limit). */
export const MAX_DEDUCTION = 40;
/** Veto item 4: this many 空白栏目, or this many columns not updated, fail the site. */
export const BLANK_COLUMNS_VETO = 5;
/** This many stale columns make a veto. */
export const STALE_COLUMNS_VETO = 10;

/** The identification items in the indicator's words, in its order. */
export const IDENTIFICATION_LABELS: Record<IdentificationKind, string> = {
  conac: '党政机关网站标识',
  sitecode: '网站标识码',
  icp: 'ICP备案编号',
  psb: '公安机关备案标识',
  sponsor: '网站主办单位',
  contact: '联系方式',
};

/**
 * “我为政府网站找错”: −1 for the home page, −0.2 for each other page (indicators.md). The digest gives the item
 * no cap; 2 is ours (the home page's point plus five other pages), so that one missing template on a large
 * site does not outweigh every other item.
 */
export const JIUCUO_CAP = 2;

/**
 * 办事指南: −0.5 per missing key element, −1 per wrong 联系电话 (indicators.md). The digest gives the item no cap;
 * 5 is ours (one guide missing all 10 elements), so that one bad template does not outweigh every other item.
 */
export const SERVICE_GUIDE_CAP = 5;
/** Veto item 6 (服务不实用): this many 办事指南, each missing at least `GUIDE_MISSING_ELEMENTS` key elements. */
export const SERVICE_GUIDES_VETO = 5;
/** A 办事指南 missing at least this many of the 10 key elements counts toward the 服务不实用 veto. */
export const GUIDE_MISSING_ELEMENTS = 4;

/**
 * 留言公开: −1 per published message missing 留言时间 / 答复时间 / 答复单位 / 答复内容, −3 when the column has not
 * been updated in 2 months (indicators.md). The digest gives the item no cap; 5 is ours (the stale column and two
 * messages), so that one column of incomplete messages does not outweigh every other item.
 */
export const PUBLIC_MESSAGES_CAP = 5;

/** 站内搜索: no search, or a broken one, −4, cap 4 (indicators.md): the site's search is one item, whatever the findings. */
export const SEARCH_CAP = 4;

/** Indicator items that deduct points: name and cap (in points). */
const ITEMS = {
  news: { item: '动态要闻栏目不更新', cap: 5 },
  policy: { item: '政策文件栏目不更新', cap: 5 },
  interpretation: { item: '政策解读栏目不更新', cap: 5 },
  otherColumns: { item: '其他栏目（空白栏目、应更新未更新栏目）', cap: 4 },
  links: { item: '可用性（断链错链）', cap: 1 },
  identification: { item: '网站标识', cap: 3 },
  jiucuo: { item: '“我为政府网站找错”入口', cap: JIUCUO_CAP },
  serviceGuide: { item: '办事指南', cap: SERVICE_GUIDE_CAP },
  messages: { item: '留言公开', cap: PUBLIC_MESSAGES_CAP },
  search: { item: '站内搜索', cap: SEARCH_CAP },
} as const;
type ItemId = keyof typeof ITEMS;

/** How one finding deducts: its item, the key that makes two findings one problem, and its cost in tenths. */
interface Cost {
  item: ItemId;
  key: string;
  tenths: number;
}

/** The column classes of stale-column (lib/data/rules/column-windows.json) that are their own 5-point item. */
const OWN_ITEM_COLUMNS: Partial<Record<string, ItemId>> = { news: 'news', policy: 'policy', interpretation: 'interpretation' };

/** The indicator item a deduct finding falls under, or undefined when the indicators give it no points. */
function costOf(f: ExportFinding): Cost | undefined {
  switch (f.category) {
    case 'link':
      // Each link that does not open or is wrong: −0.2 on the home page, −0.1 elsewhere. One link, one page, once.
      return { item: 'links', key: `${f.pageUrl}\n${f.text}`, tenths: f.isHomePage ? 2 : 1 };
    case 'identity':
      // 找错 entry missing: −1 on the home page, −0.2 per other page; one page, once.
      if (f.check === 'site-jiucuo') {
        const home = f.isHomePage || f.kind === 'home';
        return { item: 'jiucuo', key: home ? 'home' : f.pageUrl, tenths: home ? 10 : 2 };
      }
      // −0.5 per missing item; an item missing on many pages is one missing item of the site.
      return { item: 'identification', key: f.kind ?? f.message, tenths: 5 };
    case 'blank':
      // Each blank column −2; the message names the column, so one column seen on many pages counts once.
      return { item: 'otherColumns', key: `blank\n${f.message}`, tenths: 20 };
    case 'stale':
      // Only a column's own window counts here (stale-article-no-date is evidence for 首页不更新, not an item).
      if (f.check !== 'stale-column') return undefined;
      return { item: OWN_ITEM_COLUMNS[f.kind ?? ''] ?? 'otherColumns', key: `stale\n${f.message}`, tenths: OWN_ITEM_COLUMNS[f.kind ?? ''] ? 50 : 10 };
    case 'service':
      if (f.check !== 'service-guide') return undefined;
      // A wrong 联系电话 −1 (one number on one page, once); each missing or empty element −0.5 per guide.
      if (f.kind === 'phone-format') return { item: 'serviceGuide', key: `${f.pageUrl}\nphone\n${f.text}`, tenths: 10 };
      return { item: 'serviceGuide', key: `${f.pageUrl}\n${f.kind ?? f.message}`, tenths: 5 };
    case 'interaction':
      if (f.check !== 'public-messages') return undefined;
      // The column not updated in 2 months −3, once per column page; each incomplete message −1 (one message, once).
      if (f.kind === 'stale') return { item: 'messages', key: `${f.pageUrl}\nstale`, tenths: 30 };
      if (f.kind === 'missing') return { item: 'messages', key: `${f.pageUrl}\n${f.text}`, tenths: 10 };
      return undefined;
    case 'search':
      // −4 once for the site: no search and a broken search are the same item (a 未能检测 提示 never gets here).
      if (f.check !== 'site-search') return undefined;
      return { item: 'search', key: 'search', tenths: 40 };
    default:
      return undefined;
  }
}

/** The guides (by page) missing at least `GUIDE_MISSING_ELEMENTS` key elements, with the findings behind each. */
function poorGuides(findings: readonly ExportFinding[]): Map<string, ExportFinding[]> {
  const byPage = new Map<string, { kinds: Set<string>; findings: ExportFinding[] }>();
  for (const f of findings) {
    if (f.check !== 'service-guide' || f.kind === 'phone-format') continue;
    const g = byPage.get(f.pageUrl) ?? { kinds: new Set<string>(), findings: [] as ExportFinding[] };
    byPage.set(f.pageUrl, g);
    g.kinds.add(f.kind ?? f.message);
    g.findings.push(f);
  }
  return new Map([...byPage].filter(([, g]) => g.kinds.size >= GUIDE_MISSING_ELEMENTS).map(([page, g]) => [page, g.findings]));
}

/** The reviewer's share: 另有错别字 3 处、个人信息 1 处未计分（指标未设分值，请审读人员判定）. */
function unscoredReason(findings: readonly ExportFinding[]): string {
  const byCategory = new Map<Category, number>();
  for (const f of findings) byCategory.set(f.category, (byCategory.get(f.category) ?? 0) + 1);
  const parts = [...byCategory].map(([c, n]) => `${categoryLabel(c)} ${n} 处`);
  return `另有${parts.join('、')}未计分（指标未设分值，请审读人员判定）`;
}

/** Points as printed: 1.5, 0.3, 4. */
const fmt = (tenths: number) => String(tenths / 10);

/** Scores one site from its findings (findings of other sites are ignored). */
export function scoreSite(site: Pick<ExportSite, 'id'>, findings: readonly ExportFinding[]): SiteScore {
  const mine = findings.filter((f) => f.siteId === site.id && isCounted(f) && f.severity !== 'notice');
  const vetoFindings = mine.filter((f) => f.severity === 'veto');
  const deductFindings = mine.filter((f) => f.severity === 'deduct');

  // Group the deduct findings by item, each distinct problem once.
  const groups = new Map<ItemId, { ids: string[]; costs: Map<string, number> }>();
  const unscored: string[] = [];
  for (const f of deductFindings) {
    const c = costOf(f);
    if (!c) {
      unscored.push(f.id);
      continue;
    }
    const g = groups.get(c.item) ?? { ids: [] as string[], costs: new Map<string, number>() };
    groups.set(c.item, g);
    g.ids.push(f.id);
    if (!g.costs.has(c.key)) g.costs.set(c.key, c.tenths);
  }

  const reasons: string[] = [];
  const vetoes = vetoFindings.map((f) => f.id);
  const byCategory = new Map<Category, number>();
  for (const f of vetoFindings) byCategory.set(f.category, (byCategory.get(f.category) ?? 0) + 1);
  for (const [c, n] of byCategory) reasons.push(`单项否决：${categoryLabel(c)} ${n} 处`);

  // Veto item 4, counted from the column findings (any severity but notice).
  const vetoColumns = (category: 'blank' | 'stale', threshold: number, label: string) => {
    const columns = mine.filter((x) => x.category === category && (category === 'blank' || x.check === 'stale-column'));
    const distinct = new Set(columns.map((f) => f.message)).size;
    if (distinct < threshold) return;
    for (const f of columns) if (!vetoes.includes(f.id)) vetoes.push(f.id);
    reasons.push(`单项否决：${label} ${distinct} 个（${threshold} 个及以上）`);
  };
  vetoColumns('blank', BLANK_COLUMNS_VETO, '空白栏目');
  vetoColumns('stale', STALE_COLUMNS_VETO, '栏目不更新');
  // Veto item 6 (服务不实用), counted from the 办事指南 findings: ≥ 5 guides each missing ≥ 4 key elements.
  const guides = poorGuides(mine);
  if (guides.size >= SERVICE_GUIDES_VETO) {
    for (const f of [...guides.values()].flat()) if (!vetoes.includes(f.id)) vetoes.push(f.id);
    reasons.push(`单项否决：服务不实用（${guides.size} 个办事指南各缺少 ${GUIDE_MISSING_ELEMENTS} 个及以上要素，${SERVICE_GUIDES_VETO} 个及以上）`);
  }

  const deductions: Deduction[] = [];
  const parts: string[] = [];
  let totalTenths = 0;
  for (const id of Object.keys(ITEMS) as ItemId[]) {
    const g = groups.get(id);
    if (!g) continue;
    const raw = [...g.costs.values()].reduce((a, b) => a + b, 0);
    const tenths = Math.min(raw, ITEMS[id].cap * 10);
    totalTenths += tenths;
    deductions.push({ item: ITEMS[id].item, points: tenths / 10, cap: ITEMS[id].cap, findings: g.ids });
    parts.push(`${ITEMS[id].item} −${fmt(tenths)}`);
  }
  // A veto decides: no score; the deduction items stay listed for reference (附件5), not in the reasons.
  if (vetoes.length) return { siteId: site.id, result: '不合格', score: null, deductions, vetoes, unscored, reasons };
  const score = (FULL_MARKS * 10 - totalTenths) / 10;
  if (deductions.length) {
    const missing = groups.get('identification');
    const labels = missing ? [...missing.costs.keys()].map((k) => IDENTIFICATION_LABELS[k as IdentificationKind] ?? k) : [];
    reasons.push(`扣分 ${fmt(totalTenths)} 分（${parts.join('，')}）${labels.length ? `；缺少${labels.join('、')}` : ''}`);
  }
  const failed = totalTenths > MAX_DEDUCTION * 10;
  if (failed) reasons.push(`扣分大于${MAX_DEDUCTION}`);
  if (unscored.length) reasons.push(unscoredReason(deductFindings.filter((f) => unscored.includes(f.id))));
  return { siteId: site.id, result: failed ? '不合格' : '合格', score, deductions, vetoes, unscored, reasons };
}

/** A 政务新媒体 account's problem as the notices name it (存在问题): 内容不更新, else the finding's category. */
export function accountProblem(f: Pick<ExportFinding, 'check' | 'category'>): string {
  return f.check === 'newmedia-update' ? '内容不更新' : categoryLabel(f.category);
}

/**
 * Scores one 政务新媒体 account: the 政务新媒体 vetoes decide (内容不更新 …: any counted veto finding → 不合格); an
 * account has no website deduction items, so no score: its deduct findings (a typo in an article) are left to
 * the reviewer (`unscored`). Findings of other sites are ignored.
 */
export function scoreAccount(site: Pick<ExportSite, 'id'>, findings: readonly ExportFinding[]): SiteScore {
  const mine = findings.filter((f) => f.siteId === site.id && isCounted(f) && f.severity !== 'notice');
  const vetoFindings = mine.filter((f) => f.severity === 'veto');
  const unscoredFindings = mine.filter((f) => f.severity === 'deduct');
  const byProblem = new Map<string, number>();
  for (const f of vetoFindings) byProblem.set(accountProblem(f), (byProblem.get(accountProblem(f)) ?? 0) + 1);
  const reasons = [...byProblem].map(([p, n]) => `单项否决：${p}${n > 1 ? ` ${n} 处` : ''}`);
  if (unscoredFindings.length) reasons.push(unscoredReason(unscoredFindings));
  return {
    siteId: site.id,
    result: vetoFindings.length ? '不合格' : '合格',
    score: null,
    deductions: [],
    vetoes: vetoFindings.map((f) => f.id),
    unscored: unscoredFindings.map((f) => f.id),
    reasons,
  };
}

/** Scores every site of an export, by site id: websites by the website indicators, accounts by the 政务新媒体 vetoes. */
export function scoreSites(sites: readonly ExportSite[], findings: readonly ExportFinding[]): Map<string, SiteScore> {
  const bySite = new Map<string, ExportFinding[]>();
  for (const f of findings) {
    const list = bySite.get(f.siteId);
    if (list) list.push(f);
    else bySite.set(f.siteId, [f]);
  }
  return new Map(sites.map((s) => [s.id, (isAccountSite(s) ? scoreAccount : scoreSite)(s, bySite.get(s.id) ?? [])]));
}
