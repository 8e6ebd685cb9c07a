import type { BrowserContext, Frame, Page } from 'playwright-core';
import type { FrameSummary } from '../../lib/extension/protocol';
import { grantActiveTab } from './browser';

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
    (n) => {
      let c = 0;
      (CSS as any).highlights.forEach((h: Set<Range>) => (c += h.size));
      return c >= n;
    },
    min,
    { timeout },
  );
  return readHighlights(frame);
}

/**
 * The tab's state once its findings are complete: at least `frames` frames scanned and no scan still
 * waiting for a lazily loaded resource (the language model, the English dictionary). Polls for at most
 * `timeout` ms, then returns what there is.
 */
export async function settledState(
  context: BrowserContext,
  extensionId: string,
  pageUrl: string,
  frames = 1,
  timeout = 20_000,
): Promise<{ url: string; frames: FrameSummary[] }> {
  const until = Date.now() + timeout;
  for (;;) {
    const state = await tabState(context, extensionId, pageUrl).catch(() => ({ url: pageUrl, frames: [] as FrameSummary[] }));
    if ((state.frames.length >= frames && state.frames.every((f) => !f.pending?.length)) || Date.now() > until) return state;
    await new Promise((r) => setTimeout(r, 150));
  }
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
  // The popup opens from the toolbar button, which grants activeTab for the tab (what lets Chrome capture it).
  const shown = context.pages().find((p) => p.url() === pageUrl);
  if (shown) await grantActiveTab(shown);
  const tabId = await tabIdOf(context, extensionId, pageUrl);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await popup.waitForSelector(waitFor);
  return popup;
}

/** A screenshot as stored, its bytes replaced by their SHA-256 and what they decode to. */
export interface ScreenshotDigest {
  id: number;
  findingId: number;
  mime: string;
  width: number;
  height: number;
  createdAt: number;
  byteLength: number;
  sha256: string;
  /** [width, height] of the decoded image (createImageBitmap), null when the bytes do not decode. */
  decoded: [number, number] | null;
}

/** Everything the extension keeps: the IndexedDB database 'govreview' and the settings in storage.local. */
export interface StoredState {
  /** IndexedDB's version of the database (Dexie's schema version × 10). */
  dbVersion: number;
  rounds: Array<Record<string, unknown> & { id: number; name: string }>;
  sites: Array<Record<string, unknown> & { id: number; name: string; region: string; hosts: string[] }>;
  findings: Array<Record<string, unknown> & { id: number; text: string; status: string; note: string; siteId: number; pageUrl: string }>;
  screenshots: ScreenshotDigest[];
  /** storage.local's `settings` (审读日期, 忽略 entries, pause switches, language) as stored. */
  settings: Record<string, unknown> | null;
}

// A string, not a function: scripts run under tsx, whose compiled functions call a `__name` helper the page lacks.
// Raw IndexedDB (no version: opens whatever version is there, never upgrades or creates it) from an extension page.
const READ_STORED_STATE = `(async () => {
  const db = await new Promise((ok, fail) => {
    const r = indexedDB.open('govreview');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
    r.onupgradeneeded = () => fail(new Error('no govreview database'));
  });
  const all = (store) => new Promise((ok, fail) => {
    const r = db.transaction(store).objectStore(store).getAll();
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  const [rounds, sites, findings, shots] = await Promise.all(['rounds', 'sites', 'findings', 'screenshots'].map(all));
  const screenshots = [];
  for (const s of shots) {
    const { bytes, ...rest } = s;
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    let decoded = null;
    try {
      const bitmap = await createImageBitmap(new Blob([bytes], { type: s.mime }));
      decoded = [bitmap.width, bitmap.height];
      bitmap.close();
    } catch {}
    screenshots.push({ ...rest, byteLength: bytes.byteLength, sha256: Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join(''), decoded });
  }
  const version = db.version;
  db.close();
  const settings = (await chrome.storage.local.get('settings')).settings ?? null;
  return { dbVersion: version, rounds, sites, findings, screenshots, settings };
})()`;

/**
 * Reads everything the extension stores, from one of its pages (its origin owns the database): every
 * row of every table, each screenshot as a hash of its bytes and the size it decodes to, and the settings.
 */
export async function readStoredState(context: BrowserContext, extensionId: string): Promise<StoredState> {
  const ext = await context.newPage();
  try {
    await ext.goto(`chrome-extension://${extensionId}/popup.html`);
    return (await ext.evaluate(READ_STORED_STATE)) as StoredState;
  } finally {
    await ext.close();
  }
}

/** Sends one message of the protocol to the background from an extension page (as the popup does). */
export async function sendToBackground(context: BrowserContext, extensionId: string, type: string, payload: unknown): Promise<unknown> {
  const ext = await context.newPage();
  try {
    await ext.goto(`chrome-extension://${extensionId}/popup.html`);
    return await ext.evaluate(
      ([t, p]) =>
        (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
          govreview: 1,
          type: t,
          payload: p,
        }),
      [type, payload] as const,
    );
  } finally {
    await ext.close();
  }
}

/** Scrolls to the highlight of `text` in `category` and clicks its middle: the finding's card opens. */
export async function openCard(page: Page, category: string, text: string): Promise<void> {
  const box = await page.evaluate(
    ([name, t]) => {
      const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get(name);
      const r = h && [...h].find((x) => x.toString() === t);
      if (!r) throw new Error(`no highlight ${t} in ${name}`);
      r.startContainer.parentElement!.scrollIntoView({ block: 'center' });
      const b = r.getBoundingClientRect();
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    },
    [`govreview-${category}`, text] as const,
  );
  await page.mouse.click(box.x, box.y);
  await page.waitForFunction(() => !!document.querySelector('govreview-host')?.shadowRoot?.querySelector('.card'), null, { timeout: 5000 });
}

/** Clicks a button of the open card (`record`, `ignore-site` …). */
export async function clickCardButton(page: Page, button: string): Promise<void> {
  const handle = await page.waitForFunction((b) => document.querySelector('govreview-host')?.shadowRoot?.querySelector(`button.${b}`) ?? null, button, {
    timeout: 5000,
  });
  await handle.asElement()!.click();
}

/** 记录 on the card of a highlighted finding, as a reviewer does; returns the toast (已记录 / 此前已记录). */
export async function recordFromCard(page: Page, category: string, text: string): Promise<string> {
  // The reviewer has clicked the toolbar button on this site (activeTab: without it Chrome takes no screenshot).
  await grantActiveTab(page);
  await openCard(page, category, text);
  await clickCardButton(page, 'record');
  const toast = await page.waitForFunction(() => document.querySelector('govreview-host')?.shadowRoot?.querySelector('.toast')?.textContent ?? '', null, {
    timeout: 10_000,
  });
  return (await toast.jsonValue()) as string;
}

/** 全部记录 in the popup for the tab showing `page` (brought to the front: the visible tab is captured); returns the popup's message. */
export async function recordAllFromPopup(context: BrowserContext, extensionId: string, page: Page): Promise<string> {
  const popup = await openPopupFor(context, extensionId, page.url(), 'ul.findings > li');
  try {
    await page.bringToFront();
    await popup.click('button.record-all');
    const msg = await popup.waitForFunction(
      () => {
        const t = document.querySelector('.record-msg')?.textContent ?? '';
        return /^已记录 \d+/.test(t) ? t : '';
      },
      null,
      { timeout: 20_000 },
    );
    return (await msg.jsonValue()) as string;
  } finally {
    await popup.close();
  }
}

/**
 * A page script (run before the page's own) that records, in the page's main world, when the first highlight
 * appears (`window.__firstHighlight`, ms since navigation start) and, on context.html, when its nine planted
 * slips are all painted (`window.__allHighlights`, the model's among them): the benchmarks' clock. A string,
 * not a function: tsx (esbuild keepNames) would wrap a function's inner names in a __name helper that does
 * not exist in the page. Polls on a 2 ms timer (a headless page gets no animation frames).
 */
export const HIGHLIGHT_TIMES = `(() => {
  const count = () => { let n = 0; CSS.highlights.forEach((h) => (n += h.size)); return n; };
  const poll = () => {
    const n = count();
    if (n > 0 && window.__firstHighlight === undefined) window.__firstHighlight = performance.now();
    if (n >= 9 && location.pathname.endsWith('context.html')) { window.__allHighlights = performance.now(); return; }
    if (window.__firstHighlight === undefined || location.pathname.endsWith('context.html')) setTimeout(poll, 2);
  };
  poll();
})();`;
