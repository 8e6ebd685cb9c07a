/**
 * The reviewer's workflow in Chromium (built extension), one JSON object:
 *  - record: recording 100 findings of one page with screenshots (popup 全部记录). Chrome allows two captures
 *    a second, so 100 recordings take at least ~52 s; the figure is our time beyond that floor, and the
 *    database's screenshot bytes.
 *  - ledger: the side panel's time from navigation to its rows with 10,000 findings in the round, against the
 *    same with 10 (the baseline, same process), and how many rows are in the DOM (virtualised list).
 *  - fullPage: recording one finding of a page four viewports tall (tests/fixtures/fullpage/sticky.html) in
 *    整页 mode against the same in 可见区域 mode (the baseline, same process), the frames' capture floor
 *    (Chrome's two captures a second), and the image's size.
 */
import { resolve } from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';
import { launchWithExtension } from './harness/browser';
import { openPopupFor } from './harness/page-helpers';
import { serveDir } from './serve.mjs';

ensureChromium();
const CAPTURE_GAP_MS = 520; // entrypoints/background/screenshot.ts
const RECORDS = Number(process.env.BENCH_RECORDS ?? 100);

// A page with RECORDS unmasked mobile numbers, one per line.
const numbers = Array.from({ length: RECORDS }, (_, i) => `139${String(87016000 + i).padStart(8, '0')}`);
const page100 = `<html><head><meta charset="utf-8"><title>名单</title></head><body>${numbers.map((n, i) => `<p>${i + 1}. 联系电话 ${n}</p>`).join('')}</body></html>`;
const site = await serveDir(resolve('tests/fixtures/links'), {
  routes: { '/list.html': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page100) },
});
const ext = await launchWithExtension();

// --- recording ------------------------------------------------------------------------------------------
const page = await ext.context.newPage();
const url = `${site.url}/list.html`;
await page.goto(url);
await page.waitForFunction(
  (n) => {
    let c = 0;
    (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.forEach((h) => (c += h.size));
    return c >= n;
  },
  RECORDS,
  { timeout: 30_000 },
);
const popup = await openPopupFor(ext.context, ext.extensionId, url);
await page.bringToFront();
const t0 = performance.now();
await popup.click('button.record-all');
// Every finding of the page is recorded: the numbers and the page-level ones (its footer lacks identification).
const done = await popup.waitForFunction(() => /^已记录 (\d+)/.exec(document.querySelector('.record-msg')?.textContent ?? '')?.[1], null, {
  timeout: 60_000 + RECORDS * 2_000,
});
const recordMs = performance.now() - t0;
const recorded = Number(await done.jsonValue());
const stored = await popup.evaluate(async () => {
  const db: IDBDatabase = await new Promise((ok) => {
    const r = indexedDB.open('govreview');
    r.onsuccess = () => ok(r.result);
  });
  const shots: Array<{ bytes: Uint8Array }> = await new Promise((ok) => {
    const r = db.transaction('screenshots').objectStore('screenshots').getAll();
    r.onsuccess = () => ok(r.result);
  });
  return { screenshots: shots.length, bytes: shots.reduce((n, s) => n + s.bytes.byteLength, 0) };
});
await popup.close();
const floorMs = (recorded - 1) * CAPTURE_GAP_MS;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// --- full-page capture ----------------------------------------------------------------------------------
const stickySite = await serveDir(resolve('tests/fixtures/fullpage'));
/** Records the sticky page's ID number from the popup in the given mode; a fresh query makes it a new page. */
async function recordSticky(
  mode: 'visible' | 'fullPage',
  run: number,
): Promise<{ ms: number; docHeight: number; viewport: number; shot: { width: number; height: number; bytes: number } }> {
  const p = await ext.context.newPage();
  const u = `${stickySite.url}/sticky.html?run=${mode}-${run}`;
  await p.goto(u);
  await p.waitForFunction(() => (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.size > 0, null, { timeout: 30_000 });
  const docHeight = await p.evaluate(() => document.documentElement.scrollHeight);
  const viewport = await p.evaluate(() => innerHeight);
  const pop = await openPopupFor(ext.context, ext.extensionId, u);
  await pop.selectOption('select.capture-mode', mode);
  await pop.waitForFunction(`chrome.storage.local.get('settings').then((g) => (g.settings?.capture ?? 'visible') === ${JSON.stringify(mode)})`);
  const item = pop.locator('ul.findings > li', { hasText: '530902198703150411' });
  await p.bringToFront();
  const t = performance.now();
  await item.locator('button.record-one').click();
  await pop.waitForFunction(() => document.querySelector('.record-msg')?.textContent === '已记录 1', null, { timeout: 60_000 });
  const ms = performance.now() - t;
  const shot = await pop.evaluate(`(async () => {
    const db = await new Promise((ok) => { const r = indexedDB.open('govreview'); r.onsuccess = () => ok(r.result); });
    const all = (store) => new Promise((ok) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); });
    const f = (await all('findings')).find((x) => x.pageUrl === ${JSON.stringify(u)});
    const s = (await all('screenshots')).find((x) => x.findingId === f.id);
    db.close();
    return { width: s.width, height: s.height, bytes: s.bytes.byteLength };
  })()`);
  await pop.close();
  await p.close();
  return { ms, docHeight, viewport, shot: shot as { width: number; height: number; bytes: number } };
}
const visibleRuns: number[] = [];
const fullRuns: Array<Awaited<ReturnType<typeof recordSticky>>> = [];
for (let i = 0; i < 3; i++) {
  visibleRuns.push((await recordSticky('visible', i)).ms);
  fullRuns.push(await recordSticky('fullPage', i));
}
await stickySite.close();
const fullFrames = Math.ceil(fullRuns[0].docHeight / fullRuns[0].viewport);

// --- the ledger with many findings ----------------------------------------------------------------------
/**
 * Copies the recorded findings until the round holds `total`, straight into IndexedDB (Dexie's stores).
 * (No named inner functions in evaluate(): tsx would wrap them in a __name helper the page lacks.)
 */
async function fillTo(total: number): Promise<void> {
  const p = await ext.context.newPage();
  await p.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  await p.evaluate(async (n) => {
    const db: IDBDatabase = await new Promise((ok) => {
      const r = indexedDB.open('govreview');
      r.onsuccess = () => ok(r.result);
    });
    const rows: Array<Record<string, unknown>> = await new Promise((ok) => {
      const r = db.transaction('findings').objectStore('findings').getAll();
      r.onsuccess = () => ok(r.result);
    });
    const tx = db.transaction('findings', 'readwrite');
    const s = tx.objectStore('findings');
    for (let i = rows.length; i < n; i++) {
      const { id: _id, ...row } = rows[i % rows.length];
      s.add({ ...row, dedupeKey: `bench-${i}`, text: `${row.text}-${i}` });
    }
    await new Promise((ok) => (tx.oncomplete = ok));
  }, total);
  await p.close();
}

async function ledgerMs(): Promise<{ ms: number; rowsInDom: number; count: string }> {
  const p = await ext.context.newPage();
  const t = performance.now();
  await p.goto(`chrome-extension://${ext.extensionId}/sidepanel.html`);
  await p.waitForSelector('.row');
  const ms = performance.now() - t;
  const rowsInDom = await p.$$eval('.row', (r) => r.length);
  const count = (await p.textContent('.count')) ?? '';
  await p.close();
  return { ms, rowsInDom, count };
}

const small: number[] = [];
for (let i = 0; i < 3; i++) small.push((await ledgerMs()).ms);
await fillTo(10_000);
const big: Array<{ ms: number; rowsInDom: number; count: string }> = [];
for (let i = 0; i < 3; i++) big.push(await ledgerMs());

await ext.close();
await site.close();

console.log(
  JSON.stringify({
    record: {
      findings: recorded,
      ms: Math.round(recordMs),
      captureFloorMs: floorMs,
      beyondFloorMs: Math.round(recordMs - floorMs),
      perFindingBeyondFloorMs: Number(((recordMs - floorMs) / recorded).toFixed(1)),
      screenshots: stored.screenshots,
      screenshotBytes: stored.bytes,
    },
    fullPage: {
      pageHeight: fullRuns[0].docHeight,
      frames: fullFrames,
      visibleMs: Math.round(median(visibleRuns)),
      fullPageMs: Math.round(median(fullRuns.map((r) => r.ms))),
      ratio: Number((median(fullRuns.map((r) => r.ms)) / median(visibleRuns)).toFixed(2)),
      captureFloorMs: (fullFrames - 1) * CAPTURE_GAP_MS,
      image: fullRuns[0].shot,
    },
    ledger: {
      baselineFindings: RECORDS,
      baselineMs: Math.round(median(small)),
      findings: 10_000,
      ms: Math.round(median(big.map((b) => b.ms))),
      ratio: Number((median(big.map((b) => b.ms)) / median(small)).toFixed(2)),
      rowsInDom: big[0].rowsInDom,
      count: big[0].count,
    },
  }),
);
