/**
 * 全站巡检 in Chromium on the demo site: started from the popup, its progress watched, the browser closed mid-way
 * and opened again on the same profile, the sweep finishing by itself; then the side panel shows the stale column
 * (工作动态, gzdt.html) and the blank one (政策解读, zcjd.html), the findings are in the ledger as 待复核, and the
 * round exports. The server counts requests: no page is fetched twice but those in flight at the close.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type Launched } from '../../scripts/harness/browser';
import { sendToBackground, tabIdOf } from '../../scripts/harness/page-helpers';
import { serveDir } from '../../scripts/serve.mjs';

const root = resolve(__dirname, '../../assets/demo-site');
let site: Awaited<ReturnType<typeof serveDir>>;
let ext: Launched | undefined;

beforeAll(async () => {
  site = await serveDir(root, { port: 0 });
}, 60_000);

afterAll(async () => {
  await ext?.close();
  await site?.close();
});

type Status = { state: string; progress: { done: number; queued: number; columns: number; findings: number }; rollup?: Record<string, unknown> } | null;

const status = (l: Launched) => sendToBackground(l.context, l.extensionId, 'popup→background:sweep', { action: 'status' }) as Promise<Status>;

async function waitFor<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeout: number): Promise<T> {
  const until = Date.now() + timeout;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe('全站巡检', () => {
  it('runs from the popup, survives a browser restart, and lands its stale and blank columns in the ledger', async () => {
    ext = await launchWithExtension();
    await sendToBackground(ext.context, ext.extensionId, 'popup→background:setToday', { today: '2026-11-22' });
    const home = `${site.url}/index.html`;
    const page = await ext.context.newPage();
    await page.goto(home);
    const tabId = await tabIdOf(ext.context, ext.extensionId, home);

    // The popup for that tab: 开始全站巡检 (a second between requests, so that the restart falls mid-way).
    const popup = await ext.context.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tab=${tabId}`);
    await popup.waitForSelector('button.sweep-start');
    await sendToBackground(ext.context, ext.extensionId, 'popup→background:sweep', { tabId, action: 'start', delayMs: 1000 });
    await popup.reload();
    await popup.waitForSelector('.sweep-running .sweep-progress');
    const mid = await waitFor(
      () => status(ext!),
      (s) => (s?.progress.done ?? 0) >= 2,
      30_000,
    );
    expect(mid?.state).toBe('running');
    expect(mid?.progress.queued).toBeGreaterThan(0);
    expect(await popup.textContent('.sweep-counts')).toMatch(/页面 \d+\/\d+，栏目 \d+，问题 \d+/);

    // Closed mid-way; opened again on the same profile: the sweep goes on by itself.
    const profile = ext.userDataDir;
    await ext.close({ keepProfile: true });
    const before = site.requests.length;
    ext = await launchWithExtension({ userDataDir: profile });
    const done = await waitFor(
      () => status(ext!),
      (s) => s?.state === 'done',
      90_000,
    );
    expect(done?.state).toBe('done');
    expect(site.requests.length).toBeGreaterThan(before); // it went on after the restart

    // Every page once, but those in flight at the close (at most the 4 per host) and the popup's own page loads.
    const pages = site.requests.filter((r) => /\.html$/.test(r.split('?')[0]) && !r.includes('popup'));
    const twice = [...new Set(pages)].filter((p) => pages.filter((x) => x === p).length > 2);
    expect(twice).toEqual([]);

    // The side panel: the sweep's roll-up and the findings as 待复核.
    const panel = await ext.context.newPage();
    await panel.goto(`chrome-extension://${ext.extensionId}/sidepanel.html`);
    await panel.waitForSelector('.sweeps .sweep-done');
    expect(await panel.$$eval('.sweeps .sweep-stale li a', (as) => as.map((a) => a.textContent))).toEqual(['工作动态']);
    expect(await panel.$$eval('.sweeps .sweep-blank li a', (as) => as.map((a) => a.textContent))).toEqual(['政策解读']);
    expect(await panel.textContent('.sweeps .sweep-home')).toContain('首页近 2 周有更新');
    const rows = await panel.$$eval('.row', (r) => r.map((x) => x.textContent ?? ''));
    expect(rows.some((r) => r.includes('gzdt.html') || r.includes('工作动态'))).toBe(true);
    expect(rows.some((r) => r.includes('530902198703150411'))).toBe(true); // dibao.html's ID number, found by the sweep
    expect(rows.every((r) => r.includes('待复核'))).toBe(true);

    // The round exports.
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.click('button.export')]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    await panel.close();
  }, 240_000);

  it('pauses (nothing more is fetched) and resumes to the end', async () => {
    const l = ext!;
    const home = `${site.url}/index.html`;
    const page = await l.context.newPage();
    await page.goto(home);
    const tabId = await tabIdOf(l.context, l.extensionId, home);
    // A sweep of a site whose last sweep is done starts anew (重新巡检).
    const started = (await sendToBackground(l.context, l.extensionId, 'popup→background:sweep', { tabId, action: 'start', delayMs: 800 })) as Status & {
      id: number;
    };
    await waitFor(
      () => status(l),
      (s) => (s?.progress.done ?? 0) >= 1,
      30_000,
    );
    const paused = (await sendToBackground(l.context, l.extensionId, 'popup→background:sweep', { tabId, action: 'pause' })) as Status & { id: number };
    expect(paused?.id).toBe(started?.id);
    expect(paused?.state).toBe('paused');
    const count = site.requests.length;
    await new Promise((r) => setTimeout(r, 2500));
    expect(site.requests.length).toBe(count);
    // The popup offers 继续.
    const popup = await l.context.newPage();
    await popup.goto(`chrome-extension://${l.extensionId}/popup.html?tab=${tabId}`);
    await popup.click('button.sweep-resume');
    const done = await waitFor(
      () => status(l),
      (s) => s?.state === 'done',
      90_000,
    );
    expect(done?.state).toBe('done');
    const rollup = done?.rollup as { staleColumns: Array<{ name: string }> } | undefined;
    expect(rollup?.staleColumns.map((c) => c.name)).toEqual(['工作动态']);
    await popup.close();
    await page.close();
  }, 180_000);
});
