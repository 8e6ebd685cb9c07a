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
};

/** 严重程度: 单项否决 (veto), 扣分 (deduction), 提示 (notice). */
export const SEVERITY_LABELS: Record<Severity, MessageTemplates> = {
  veto: { 'zh-CN': '单项否决', en: 'Veto' },
  deduct: { 'zh-CN': '扣分', en: 'Deduction' },
  notice: { 'zh-CN': '提示', en: 'Notice' },
};

export const CATEGORIES = Object.keys(CATEGORY_LABELS) as Category[];
export const SEVERITIES: Severity[] = ['veto', 'deduct', 'notice'];

export function categoryLabel(c: Category, locale: Locale = 'zh-CN'): string {
  return CATEGORY_LABELS[c][locale];
}

export function severityLabel(s: Severity, locale: Locale = 'zh-CN'): string {
  return SEVERITY_LABELS[s][locale];
}
