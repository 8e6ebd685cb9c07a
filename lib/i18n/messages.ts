import type { Locale, MessageTemplates } from '../engine/types';

/** Fills `{{name}}` placeholders; unknown names stay visible so a missing datum is noticed. */
export function formatMessage(templates: MessageTemplates, data: Record<string, string | number> = {}, locale: Locale = 'zh-CN'): string {
  const template = templates[locale] ?? templates['zh-CN'];
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}
