import { describe, expect, it } from 'vitest';
import { addIgnore, DEFAULT_SETTINGS, ignoreFor, normalizeSettings } from '../../lib/extension/settings';

describe('忽略 entries in settings', () => {
  it('adds global and per-site entries once, and applies the site ones only on that host', () => {
    let s = addIgnore(DEFAULT_SETTINGS, { text: '营商环镜', check: 'typo-near-miss' }, 'www.a.gov.cn');
    s = addIgnore(s, { text: '营商环镜', check: 'typo-near-miss' }, 'www.a.gov.cn');
    s = addIgnore(s, { text: '李强' }, null);
    expect(s.ignore.sites['www.a.gov.cn']).toHaveLength(1);
    expect(ignoreFor(s, 'https://www.a.gov.cn/x.html')).toEqual([{ text: '李强' }, { text: '营商环镜', check: 'typo-near-miss' }]);
    expect(ignoreFor(s, 'https://www.b.gov.cn/')).toEqual([{ text: '李强' }]);
    expect(DEFAULT_SETTINGS.ignore.global).toEqual([]); // not mutated
  });

  it('normalizes stored values from older versions and hand edits', () => {
    expect(normalizeSettings({}).ignore).toEqual({ global: [], sites: {} });
    expect(
      normalizeSettings({ ignore: { global: [{ text: '' }, { text: 'a', check: 3 }, 'x'], sites: { h: [{ text: 'b', check: 'c' }], g: 'bad' } } }).ignore,
    ).toEqual({
      global: [{ text: 'a' }],
      sites: { h: [{ text: 'b', check: 'c' }], g: [] },
    });
  });
});

describe('removing 忽略 entries', () => {
  it('removes only the named entry, from the named scope', async () => {
    const { removeIgnore } = await import('../../lib/extension/settings');
    let s = addIgnore(DEFAULT_SETTINGS, { text: 'a', check: 'x' }, 'h');
    s = addIgnore(s, { text: 'a' }, 'h');
    s = addIgnore(s, { text: 'a', check: 'x' }, null);
    const t = removeIgnore(s, { text: 'a', check: 'x' }, 'h');
    expect(t.ignore.sites.h).toEqual([{ text: 'a' }]);
    expect(t.ignore.global).toEqual([{ text: 'a', check: 'x' }]);
    expect(removeIgnore(t, { text: 'a', check: 'x' }, null).ignore.global).toEqual([]);
  });
});

describe('capture mode (可见区域 / 整页)', () => {
  it('defaults to the visible part, keeps 整页, and reads anything else as the default', () => {
    expect(DEFAULT_SETTINGS.capture).toBe('visible');
    expect(normalizeSettings({}).capture).toBe('visible');
    expect(normalizeSettings({ capture: 'fullPage' }).capture).toBe('fullPage');
    expect(normalizeSettings({ capture: 'whole' }).capture).toBe('visible');
  });
});
