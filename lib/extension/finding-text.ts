import { formatMessage } from '../i18n/messages';
import type { CheckCatalog } from './protocol';
import type { Finding, Locale } from '../engine/types';

/** The finding's message in the UI locale, from its check's templates (the engine's zh-CN text otherwise). */
export function messageOf(f: Finding, meta: CheckCatalog[string] | undefined, locale: Locale): string {
  const templates = meta?.messages[f.messageId];
  return templates ? formatMessage(templates, f.data, locale) : f.message;
}
