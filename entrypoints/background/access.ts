/**
 * The background's half of least privilege (lib/extension/access.ts says which pages are read without
 * asking): it registers the content script for the sites the reviewer chose (本站自动审读, `autoSites` in the
 * settings), and injects it into a tab the reviewer clicked the toolbar button for when no scanner runs there.
 */
import browser from 'webextension-polyfill';
import { ALWAYS_MATCHES, matchesAny, NEWMEDIA_MATCHES } from '@/lib/extension/access';
import { createClient } from '@/lib/extension/protocol';

const AUTO_SITES_SCRIPT = 'govreview-auto-sites';
/** The built content script (WXT's output names). */
const CONTENT_JS = 'content-scripts/content.js';
const CONTENT_CSS = 'content-scripts/content.css';

/** Registers (or updates, or removes) the content script for the reviewer's sites; it persists across sessions. */
export async function syncAutoSites(sites: readonly string[]): Promise<void> {
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [AUTO_SITES_SCRIPT] });
  if (!sites.length) {
    if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [AUTO_SITES_SCRIPT] });
    return;
  }
  const script = { id: AUTO_SITES_SCRIPT, matches: [...sites], js: [CONTENT_JS], css: [CONTENT_CSS], allFrames: true, runAt: 'document_idle' as const };
  if (existing.length) await browser.scripting.updateContentScripts([script]);
  else await browser.scripting.registerContentScripts([{ ...script, persistAcrossSessions: true }]);
}

const NEWMEDIA_SCRIPT = 'govreview-newmedia';

/** Registers (or removes) the content script for the 政务新媒体 platforms, as the reviewer chose (settings.newMedia). */
export async function syncNewMedia(on: boolean): Promise<void> {
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [NEWMEDIA_SCRIPT] });
  if (!on) {
    if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [NEWMEDIA_SCRIPT] });
    return;
  }
  if (existing.length) return;
  await browser.scripting.registerContentScripts([
    {
      id: NEWMEDIA_SCRIPT,
      matches: [...NEWMEDIA_MATCHES],
      js: [CONTENT_JS],
      css: [CONTENT_CSS],
      allFrames: false,
      runAt: 'document_idle',
      persistAcrossSessions: true,
    },
  ]);
}

/** Whether a scanner answers in the tab's top frame. */
async function scannerPresent(tabId: number): Promise<boolean> {
  const ping = createClient((msg) => browser.tabs.sendMessage(tabId, msg, { frameId: 0 }));
  return ping('background→content:ping', {}).then(
    (r) => r.ok,
    () => false,
  );
}

export type Access = 'always' | 'site' | 'clicked' | 'unavailable';

/**
 * The reviewer asked for this tab (the toolbar button, a shortcut): make sure the page is read. gov.cn, the
 * demo site and the reviewer's sites have their scanner already; any other http(s) page gets it now, in every
 * frame. Other pages (chrome://, the web store, a PDF viewer) cannot be read.
 */
export async function ensureScanning(tabId: number, autoSites: readonly string[], newMedia = false): Promise<Access> {
  const tab = await browser.tabs.get(tabId);
  const url = tab.url ?? '';
  if (!/^https?:/.test(url)) return 'unavailable';
  const kind: Access = matchesAny(url, ALWAYS_MATCHES)
    ? 'always'
    : matchesAny(url, autoSites) || (newMedia && matchesAny(url, NEWMEDIA_MATCHES))
      ? 'site'
      : 'clicked';
  if (await scannerPresent(tabId)) return kind;
  try {
    await browser.scripting.insertCSS({ target: { tabId, allFrames: true }, files: [CONTENT_CSS] });
    await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [CONTENT_JS] });
    return kind;
  } catch (err) {
    console.debug('[GovReview] cannot read this page', err);
    return 'unavailable';
  }
}
