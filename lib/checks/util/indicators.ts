import type { MessageTemplates } from '../../engine/types';

/** The indicator item every 错别字 check reports under (《政府网站与政务新媒体检查指标》, 国办秘函〔2019〕19号). */
export const TYPO_INDICATOR: MessageTemplates = {
  'zh-CN': '内容准确性：错别字',
  en: 'Content accuracy: wrongly written characters',
};

/** The message of a one-character slip in a known word (typo-near-miss, typo-fragment). */
export const SLIP_MESSAGE: MessageTemplates = {
  'zh-CN': '“{{written}}”疑为“{{right}}”之误（“{{wrongChar}}”应为“{{rightChar}}”）',
  en: '"{{written}}" looks like a slip for "{{right}}" ("{{wrongChar}}" for "{{rightChar}}")',
};

/** CJK Unified Ideographs (the characters the lexicons hold). */
export const isHan = (code: number): boolean => code >= 0x4e00 && code <= 0x9fff;

/**
 * Whether text[start, end) occurs elsewhere in `text` too: a form a writer uses again is a usage, not a slip
 * (typo-fragment, typo-context, typo-missing-char).
 */
export function writtenTwice(text: string, start: number, end: number): boolean {
  const form = text.slice(start, end);
  return text.indexOf(form) !== start || text.indexOf(form, start + 1) !== -1;
}
