import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../lib/i18n/messages';

describe('formatMessage', () => {
  const t = { 'zh-CN': '断链：{{reason}}（{{status}}）', en: 'Dead link: {{reason}} ({{status}})' };

  it('fills placeholders from the data in each locale, and leaves unknown ones visible', () => {
    expect(formatMessage(t, { reason: '页面不存在', status: 404 })).toBe('断链：页面不存在（404）');
    expect(formatMessage(t, { reason: 'x' }, 'en')).toBe('Dead link: x ({{status}})');
  });

  it('takes a datum’s own translation (name@locale) in that locale only', () => {
    const data = { reason: '页面不存在（HTTP 404）', 'reason@en': 'not found (HTTP 404)', status: 404 };
    expect(formatMessage(t, data, 'en')).toBe('Dead link: not found (HTTP 404) (404)');
    expect(formatMessage(t, data, 'zh-CN')).toBe('断链：页面不存在（HTTP 404）（404）');
  });
});
