import type { Category, Locale, MessageTemplates, Severity } from '../engine/types';

/** 问题类型 in the reviewers' words (the indicator table's headings). */
export const CATEGORY_LABELS: Record<Category, MessageTemplates> = {
  typo: { 'zh-CN': '错别字', en: 'Typo' },
  expression: { 'zh-CN': '严重表述错误', en: 'Wrong expression' },
  privacy: { 'zh-CN': '泄露个人信息', en: 'Personal data' },
  identity: { 'zh-CN': '网站标识', en: 'Site identification' },
  stale: { 'zh-CN': '栏目不更新', en: 'Column not updated' },
  blank: { 'zh-CN': '空白栏目', en: 'Blank column' },
  link: { 'zh-CN': '断链错链', en: 'Dead or wrong link' },
  /** 服务不实用 (veto item 6) and the 办事指南 deduction item. */
  service: { 'zh-CN': '服务不实用', en: 'Service not practical' },
  /** 互动回应差 (veto item 5) and the 留言公开 deduction item. */
  interaction: { 'zh-CN': '互动回应差', en: 'Poor interaction response' },
  /** The 站内搜索 deduction item (no search, or a broken one). */
  search: { 'zh-CN': '站内搜索', en: 'Site search' },
};

/** 严重程度: 单项否决 (veto), 扣分 (deduction), 提示 (notice). */
export const SEVERITY_LABELS: Record<Severity, MessageTemplates> = {
  veto: { 'zh-CN': '单项否决', en: 'Veto' },
  deduct: { 'zh-CN': '扣分', en: 'Deduction' },
  notice: { 'zh-CN': '提示', en: 'Notice' },
};

/** Every 问题类型, in the order reports and charts list them. */
export const CATEGORIES = Object.keys(CATEGORY_LABELS) as Category[];
/** The severities, gravest first. */
export const SEVERITIES: Severity[] = ['veto', 'deduct', 'notice'];

/** A 问题类型 in the locale. */
export function categoryLabel(c: Category, locale: Locale = 'zh-CN'): string {
  return CATEGORY_LABELS[c][locale];
}

/** A 严重程度 in the locale. */
export function severityLabel(s: Severity, locale: Locale = 'zh-CN'): string {
  return SEVERITY_LABELS[s][locale];
}

/**
 * The one colour of each 问题类型: the chip in the card, the page-level panel, the popup and the ledger, the
 * chart's bars and the report. The same colours underline the highlights in the page
 * (entrypoints/content/highlights.css, a manifest stylesheet; tests/unit/palette.test.ts keeps the two equal).
 */
export const CATEGORY_COLORS: Record<Category, string> = {
  typo: '#e65100',
  expression: '#b71c1c',
  privacy: '#6a1b9a',
  identity: '#0d47a1',
  stale: '#4e342e',
  blank: '#263238',
  link: '#bf360c',
  service: '#00695c',
  interaction: '#4527a0',
  search: '#2e7d32',
};

/** The one colour of each 严重程度 (单项否决 red, 扣分 amber, 提示 grey; each readable as text on white), for its label and its bars. */
export const SEVERITY_COLORS: Record<Severity, string> = {
  veto: '#c62828',
  deduct: '#b45309',
  notice: '#616161',
};

/** The custom property holding a category's colour (`--gr-cat-typo`) or a severity's (`--gr-sev-veto`). */
export const categoryVar = (c: Category): string => `--gr-cat-${c}`;
/** The custom property holding a severity's colour (`--gr-sev-veto`). */
export const severityVar = (s: Severity): string => `--gr-sev-${s}`;

/**
 * The CSS every UI derives its category and severity colours from: the custom properties on `scope` (`:root`
 * in an extension page, `:host` in the card's shadow root), then `.c-<category>` (a chip: white text on the
 * category's colour) and `.sev-<severity>` (text in the severity's colour; 单项否决 bold).
 */
export function paletteCss(scope = ':root'): string {
  const vars = [...CATEGORIES.map((c) => `${categoryVar(c)}:${CATEGORY_COLORS[c]}`), ...SEVERITIES.map((s) => `${severityVar(s)}:${SEVERITY_COLORS[s]}`)];
  const chips = CATEGORIES.map((c) => `.c-${c}{background-color:var(${categoryVar(c)});color:#fff}`);
  const sevs = SEVERITIES.map((s) => `.sev-${s}{color:var(${severityVar(s)})${s === 'veto' ? ';font-weight:bold' : ''}}`);
  return [`${scope}{${vars.join(';')}}`, ...chips, ...sevs].join('\n');
}
