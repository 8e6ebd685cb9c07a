import type { Locale, MessageTemplates } from '../engine/types';

/**
 * Fills `{{name}}` placeholders; unknown names stay visible so a missing datum is noticed. A datum that is
 * itself text in a language (a link's or a search's reason) may carry its other locales as `name@en`: the
 * template of that locale takes it, the others take `name`.
 */
export function formatMessage(templates: MessageTemplates, data: Record<string, string | number> = {}, locale: Locale = 'zh-CN'): string {
  const template = templates[locale] ?? templates['zh-CN'];
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const localized = `${name}@${locale}`;
    if (localized in data) return String(data[localized]);
    return name in data ? String(data[name]) : whole;
  });
}
