import type { MessageTemplates } from '../../types';

/** The indicator item every 错别字 check reports under (《政府网站与政务新媒体检查指标》, 国办秘函〔2019〕19号). */
export const TYPO_INDICATOR: MessageTemplates = {
  'zh-CN': '内容准确性：错别字',
  en: 'Content accuracy: wrongly written characters',
};
