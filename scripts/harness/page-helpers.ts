import type { BrowserContext, Frame, Page } from 'playwright-core';
import type { FrameSummary } from '../../lib/protocol';

export interface HighlightDump {
  name: string;
  texts: string[];
}

/** Reads the page's CSS highlight registry from the main world (the registry is the document's). */
export async function readHighlights(frame: Frame | Page): Promise<HighlightDump[]> {
  return frame.evaluate(() => {
    const out: Array<{ name: string; texts: string[] }> = [];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (CSS as any).highlights.forEach((h: Iterable<Range>, name: string) => {
      out.push({ name, texts: [...h].map((r) => r.toString()) });
    });
    return out.sort((a, b) => a.name.localeCompare(b.name));
  });
}

export async function waitForHighlights(frame: Frame | Page, min = 1, timeout = 15_000): Promise<HighlightDump[]> {
  await frame.waitForFunction(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (n) => { let c = 0; (CSS as any).highlights.forEach((h: Set<Range>) => (c += h.size)); return c >= n; },
    min,
    { timeout },
  );
  return readHighlights(frame);
}

/**
 * Asks the background for a tab's state through the real protocol, from an extension page (as the
 * popup does). The tab is found by its URL.
 */
export async function tabState(context: BrowserContext, extensionId: string, pageUrl: string): Promise<{ url: string; frames: FrameSummary[] }> {
  const ext = await context.newPage();
  try {
    await ext.goto(`chrome-extension://${extensionId}/popup.html`);
    return await ext.evaluate(async (url) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const c = (globalThis as any).chrome;
      const tabs = await c.tabs.query({});
      const tab = tabs.find((t: { url?: string }) => t.url === url);
      if (!tab) throw new Error(`no tab with ${url}: ${tabs.map((t: { url?: string }) => t.url).join(', ')}`);
      return c.runtime.sendMessage({ govreview: 1, type: 'popup→background:getTab', payload: { tabId: tab.id } });
    }, pageUrl);
  } finally {
    await ext.close();
  }
}

/** The page's markup without our host element: what the page would be without us. */
export async function markupWithoutHost(page: Page): Promise<string> {
  return page.evaluate(() => {
    const clone = document.documentElement.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('govreview-host').forEach((e) => e.remove());
    return clone.outerHTML;
  });
}

/** The id of the tab showing `pageUrl`, asked from an extension page. */
export async function tabIdOf(context: BrowserContext, extensionId: string, pageUrl: string): Promise<number> {
  const ext = await context.newPage();
  try {
    await ext.goto(`chrome-extension://${extensionId}/popup.html`);
    return await ext.evaluate(async (url) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const tab = (await (globalThis as any).chrome.tabs.query({})).find((t: { url?: string }) => t.url === url);
      if (!tab) throw new Error(`no tab with ${url}`);
      return tab.id as number;
    }, pageUrl);
  } finally {
    await ext.close();
  }
}

/** The popup, opened as a page for the tab showing `pageUrl` (popup.html?tab=<id>), its findings listed. */
export async function openPopupFor(context: BrowserContext, extensionId: string, pageUrl: string, waitFor = 'ul.findings > li'): Promise<Page> {
  const tabId = await tabIdOf(context, extensionId, pageUrl);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await popup.waitForSelector(waitFor);
  return popup;
}
