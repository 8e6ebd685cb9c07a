/**
 * The background's settings store and its least-privilege access, on WXT's fake browser
 * (@webext-core/fake-browser through wxt/testing): storage and tabs are in memory; the scripting API, which
 * the fake lacks, is a set of spies.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));

const { loadSettings, onSettingsChanged, updateSettings } = await import('../../../entrypoints/background/settings-store');
const { ensureScanning, syncAutoSites } = await import('../../../entrypoints/background/access');
const { addIgnore } = await import('../../../lib/extension/settings');

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

describe('settings store', () => {
  it('reads defaults from an empty storage, normalised', async () => {
    expect(await loadSettings()).toMatchObject({ today: null, lang: 'zh-CN', capture: 'visible', autoSites: [], pause: { global: false, sites: [] } });
  });

  it('queues changes: two at once both land (neither writes over the other)', async () => {
    await Promise.all([
      updateSettings((s) => addIgnore(s, { text: '康悦' }, 'a.gov.cn')),
      updateSettings((s) => addIgnore(s, { text: '手拉手同议' }, 'a.gov.cn')),
      updateSettings((s) => ({ ...s, capture: 'fullPage' })),
    ]);
    const s = await loadSettings();
    expect(s.ignore.sites['a.gov.cn'].map((e) => e.text).sort()).toEqual(['康悦', '手拉手同议']);
    expect(s.capture).toBe('fullPage');
  });

  it('normalises what a change writes (a bad date is dropped) and tells the tabs as asked', async () => {
    const told: Array<[string | null, boolean]> = [];
    onSettingsChanged(async (s, rescan) => {
      told.push([s.today, rescan]);
    });
    await updateSettings((s) => ({ ...s, today: '2026-11-22' }), 'rescan');
    await updateSettings((s) => ({ ...s, today: 'next tuesday' as string }), 'notify');
    await updateSettings((s) => ({ ...s, lang: 'en' }));
    expect(told).toEqual([
      ['2026-11-22', true],
      [null, false],
    ]);
    expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({ today: null, lang: 'en' });
  });
});

describe('access: where the content script runs', () => {
  const scripting = () => {
    const api = {
      getRegisteredContentScripts: vi.fn(async (): Promise<unknown[]> => []),
      registerContentScripts: vi.fn(async () => undefined),
      updateContentScripts: vi.fn(async () => undefined),
      unregisterContentScripts: vi.fn(async () => undefined),
      executeScript: vi.fn(async () => []),
      insertCSS: vi.fn(async () => undefined),
    };
    (fakeBrowser as unknown as { scripting: typeof api }).scripting = api;
    return api;
  };

  it("registers the content script for the reviewer's sites, updates it, and removes it when none are left", async () => {
    const api = scripting();
    await syncAutoSites(['https://zwfw.example.com/*']);
    expect(api.registerContentScripts).toHaveBeenCalledWith([
      expect.objectContaining({ id: 'govreview-auto-sites', matches: ['https://zwfw.example.com/*'], allFrames: true, persistAcrossSessions: true }),
    ]);
    api.getRegisteredContentScripts.mockResolvedValue([{ id: 'govreview-auto-sites' }]);
    await syncAutoSites(['https://zwfw.example.com/*', 'http://b.example.org/*']);
    expect(api.updateContentScripts).toHaveBeenCalledWith([expect.objectContaining({ matches: ['https://zwfw.example.com/*', 'http://b.example.org/*'] })]);
    await syncAutoSites([]);
    expect(api.unregisterContentScripts).toHaveBeenCalledWith({ ids: ['govreview-auto-sites'] });
  });

  it('injects into a clicked tab without a scanner, in every frame; never into one that has it; never into chrome://', async () => {
    const api = scripting();
    const other = await fakeBrowser.tabs.create({ url: 'https://www.example.com/news.html' });
    const gov = await fakeBrowser.tabs.create({ url: 'https://www.yn.gov.cn/a.html' });
    const internal = await fakeBrowser.tabs.create({ url: 'chrome://extensions' });
    // The gov.cn tab's scanner answers the ping; the other tab has none.
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (tabId: number) => {
      if (tabId === gov.id) return { ok: true, value: { ok: true } };
      throw new Error('Could not establish connection. Receiving end does not exist.');
    }) as never);
    expect(await ensureScanning(other.id!, [])).toBe('clicked');
    expect(api.executeScript).toHaveBeenCalledWith({ target: { tabId: other.id, allFrames: true }, files: ['content-scripts/content.js'] });
    expect(api.insertCSS).toHaveBeenCalledTimes(1);
    api.executeScript.mockClear();
    expect(await ensureScanning(gov.id!, [])).toBe('always');
    expect(await ensureScanning(internal.id!, [])).toBe('unavailable');
    expect(api.executeScript).not.toHaveBeenCalled();
    expect(await ensureScanning(other.id!, ['https://www.example.com/*'])).toBe('site');
  });
});
