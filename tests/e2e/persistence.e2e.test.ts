/**
 * Issue 5's bar: no finding, screenshot or status is lost across a browser restart or an extension
 * update. A reviewer's session (findings recorded from the card and the popup, statuses, a note and the
 * site edited in the ledger, a 忽略 entry, the 审读日期) is read back in full from the database and the
 * settings, then compared after the browser is closed and started again on the same profile, and after the
 * extension is updated in place (chrome.runtime.reload() with a new manifest version, and a restart with
 * a newer one), as Chrome updates an unpacked extension.
 */
import { rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../lib/i18n/labels';
import { FINDING_STATUS_LABELS, type FindingStatus } from '../../lib/db/records';
import { copyExtension, launchWithExtension, manifestVersion, reloadExtension, setManifestVersion, type Launched } from '../../scripts/harness/browser';
import {
  clickCardButton,
  openCard,
  openPopupFor,
  readStoredState,
  recordAllFromPopup,
  recordFromCard,
  sendToBackground,
  settledState,
  tabState,
  waitForHighlights,
  type StoredState,
} from '../../scripts/harness/page-helpers';
import { serveDir } from '../../scripts/serve.mjs';

const root = resolve(__dirname, '../../assets/demo-site');
/** The demo pages are dated for a review on 2026-11-22 (never the machine's clock). */
const REVIEW_DATE = '2026-11-22';
const ID_NUMBER = '530902198703150411'; // dibao.html, recorded from its card, then 已确认 with a note
const BANK_CARD = '6228480527301641892'; // dibao.html, recorded by 全部记录, then 已排除
const MOBILE = '13987016642'; // dibao.html, recorded by 全部记录, left 待复核
const TYPO = '开诚不公'; // article.html, recorded from its card
const IGNORED = '营商环镜'; // article.html, 本站忽略 from its card
const NOTE = '已电话告知主办单位，待整改（复核人：李）';
const SITE_NAME = '云岭县人民政府（演示）';
const REGION = '云岭县';

let site: Awaited<ReturnType<typeof serveDir>>;
/** 30 links, every one to this server (none to the internet): 404s, a soft 404, in-page #links. */
let links: Awaited<ReturnType<typeof serveDir>>;

// One server for the whole file: a restart must find the same origin (忽略 entries are kept per host).
beforeAll(async () => {
  site = await serveDir(root, { port: 0 });
  links = await serveDir(resolve(__dirname, '../fixtures/links'), { port: 0 });
});

afterAll(async () => {
  await site?.close();
  await links?.close();
});

const statusLabel = (s: string) => FINDING_STATUS_LABELS[s as FindingStatus]['zh-CN'];

/** The side panel (审读台账), opened as a tab, its rows listed. */
/**
 * Waits on the ledger poll on a timer, not on animation frames: with several pages open, headless Chromium
 * may give the ledger none even after bringToFront (the extension-update test timed out so, now and then,
 * in CI), and a wait polled by frames then never looks again.
 */
const LEDGER_POLL = { polling: 100 } as const;

async function openLedger(ext: Launched): Promise<Page> {
  const panel = await ext.context.newPage();
  await panel.goto(`chrome-extension://${ext.extensionId}/sidepanel.html`);
  // In front, as the reviewer has it: a tab in the background gets no animation frames, on which waits poll.
  await panel.bringToFront();
  await panel.waitForSelector('.row');
  return panel;
}

/** The ledger row showing `text`: its finding id. */
async function rowIdOf(panel: Page, text: string): Promise<number> {
  const id = await panel.$$eval('.row', (rows, t) => rows.find((r) => (r.textContent ?? '').includes(t))?.getAttribute('data-id') ?? null, text);
  if (id === null) throw new Error(`no ledger row with ${text}`);
  return Number(id);
}

const rowText = (panel: Page, id: number) => panel.$eval(`.row[data-id="${id}"]`, (r) => r.textContent ?? '');

/**
 * Types a value into a field of the ledger's site table and leaves it (the edit is saved on change), then
 * waits until the database holds it. Typed once: a reload of the ledger that lands while the reviewer types
 * (one started by the bulk status change just before) must not put the stored value back over the typing.
 */
async function editSiteField(ext: Launched, panel: Page, input: string, field: 'name' | 'region', value: string): Promise<void> {
  await panel.fill(`.${input}`, value);
  await panel.locator(`.${input}`).blur();
  await expect.poll(async () => (await readStoredState(ext.context, ext.extensionId)).sites[0]?.[field], { timeout: 5_000 }).toBe(value);
}

/**
 * What a reviewer does in one sitting, through the extension's own UI: set the 审读日期; record findings
 * from the card (记录) and the popup (全部记录); 本站忽略 a typo; in the ledger 已确认 one finding with a note
 * (its 详情), 已排除 another (bulk), name the site and its 县（区）. Returns what is then stored, checked
 * to hold all of it (so that comparing it later proves something).
 */
async function reviewSession(ext: Launched): Promise<StoredState> {
  await sendToBackground(ext.context, ext.extensionId, 'popup→background:setToday', { today: REVIEW_DATE });

  const dibao = await ext.context.newPage();
  await dibao.goto(`${site.url}/dibao.html`);
  await waitForHighlights(dibao, 3);
  expect(await recordFromCard(dibao, 'privacy', ID_NUMBER)).toBe('已记录');
  await dibao.keyboard.press('Escape');
  expect(await recordAllFromPopup(ext.context, ext.extensionId, dibao)).toBe('已记录 2，此前已记录 1');

  const article = await ext.context.newPage();
  await article.goto(`${site.url}/article.html`);
  const typos = (await waitForHighlights(article, 3)).find((h) => h.name === 'govreview-typo')!.texts;
  expect(typos).toEqual(expect.arrayContaining([TYPO, IGNORED]));
  expect(await recordFromCard(article, 'typo', TYPO)).toBe('已记录');
  await article.keyboard.press('Escape');
  await openCard(article, 'typo', IGNORED);
  await clickCardButton(article, 'ignore-site');
  await article.waitForFunction(
    (t) => {
      const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('govreview-typo');
      return !!h && h.size > 0 && ![...h].some((r) => r.toString() === t);
    },
    IGNORED,
    { timeout: 10_000 },
  );

  const panel = await openLedger(ext);
  expect(await panel.textContent('.count')).toBe('4 / 4');
  // 详情: 已确认 and a 备注.
  const idRow = await rowIdOf(panel, ID_NUMBER);
  await panel.click(`.row[data-id="${idRow}"] .show-detail`);
  await panel.selectOption('.detail .d-status', 'confirmed');
  await panel.fill('.detail .d-note', NOTE);
  await panel.click('.detail .d-save');
  await panel
    .waitForFunction(
      (id) => {
        const row = document.querySelector(`.row[data-id="${id}"]`);
        return row?.querySelector('.status')?.textContent === '已确认' && !!row.querySelector('.row-note');
      },
      idRow,
      LEDGER_POLL,
    )
    .catch(async (err: unknown) => {
      // What the reviewer would see and what is stored, for a failure that only shows under load.
      const seen = await panel.evaluate((id) => {
        const value = (sel: string) => (document.querySelector(sel) as HTMLInputElement | null)?.value;
        return {
          row: document.querySelector(`.row[data-id="${id}"]`)?.textContent,
          dialogStatus: value('.detail .d-status'),
          dialogNote: value('.detail .d-note'),
          saveDisabled: (document.querySelector('.detail .d-save') as HTMLButtonElement | null)?.disabled,
        };
      }, idRow);
      const stored = (await readStoredState(ext.context, ext.extensionId)).findings.find((f) => f.id === idRow);
      throw new Error(`${String(err)}\nledger: ${JSON.stringify(seen)}\nstored: ${JSON.stringify({ status: stored?.status, note: stored?.note })}`);
    });
  await panel.click('.detail .d-close');
  // Bulk: 已排除 on one selected row.
  const cardRow = await rowIdOf(panel, TYPO);
  await panel.check(`.row[data-id="${cardRow}"] input[type="checkbox"]`);
  await panel.click('button.set-excluded');
  await panel.waitForFunction((id) => document.querySelector(`.row[data-id="${id}"] .status`)?.textContent === '已排除', cardRow, LEDGER_POLL);
  // The site: its name and 县（区）, and confirmed when it was only proposed from the footer.
  await panel.$eval('details.sites', (d) => ((d as HTMLDetailsElement).open = true));
  await editSiteField(ext, panel, 'site-name', 'name', SITE_NAME);
  await panel.waitForFunction((n) => [...document.querySelectorAll('.row')].every((r) => (r.textContent ?? '').includes(n)), SITE_NAME, LEDGER_POLL);
  await editSiteField(ext, panel, 'site-region', 'region', REGION);
  if (await panel.$('button.confirm-site')) await panel.click('button.confirm-site');
  await expect
    .poll(async () => (await readStoredState(ext.context, ext.extensionId)).sites.map((x) => [x.name, x.region, x.proposed ?? false]))
    .toEqual([[SITE_NAME, REGION, false]]);
  await panel.close();
  await article.close();
  await dibao.close();

  const state = await readStoredState(ext.context, ext.extensionId);
  const byText = Object.fromEntries(state.findings.map((f) => [f.text, f]));
  expect(Object.keys(byText).sort()).toEqual([ID_NUMBER, BANK_CARD, MOBILE, TYPO].sort());
  expect([byText[ID_NUMBER].status, byText[ID_NUMBER].note]).toEqual(['confirmed', NOTE]);
  expect([byText[TYPO].status, byText[TYPO].note]).toEqual(['excluded', '']);
  expect([byText[BANK_CARD].status, byText[MOBILE].status]).toEqual(['pending', 'pending']);
  expect(state.rounds.map((r) => r.name)).toEqual(['2026年第四季度']);
  expect(state.settings).toMatchObject({ today: REVIEW_DATE, ignore: { sites: { [new URL(site.url).host]: [expect.objectContaining({ text: IGNORED })] } } });
  expectScreenshots(state);
  return state;
}

/** Every finding has its screenshot, and every screenshot decodes as the image it was stored as (a page capture). */
function expectScreenshots(state: StoredState): void {
  for (const f of state.findings)
    expect(
      state.screenshots.some((s) => s.findingId === f.id),
      `a screenshot of ${f.text}`,
    ).toBe(true);
  for (const s of state.screenshots) {
    expect(s.decoded, `screenshot ${s.id} decodes`).toEqual([s.width, s.height]);
    expect(s.width).toBeGreaterThan(600);
    expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
  }
}

/**
 * Nothing lost: the database and settings exactly as they were (every field of every finding, site and
 * round; each screenshot's bytes by hash), the ledger listing each finding with its status, note and site,
 * its screenshot showing; the 忽略 entry and the 审读日期 still applied to a page.
 */
async function expectKept(ext: Launched, before: StoredState): Promise<void> {
  const after = await readStoredState(ext.context, ext.extensionId);
  expect(after).toEqual(before);
  expectScreenshots(after);

  const panel = await openLedger(ext);
  const n = before.findings.length;
  expect(await panel.textContent('.count')).toBe(`${n} / ${n}`);
  for (const f of before.findings) {
    const text = await rowText(panel, f.id);
    expect(text).toContain(f.text);
    expect(await panel.$eval(`.row[data-id="${f.id}"] .status`, (e) => e.textContent)).toBe(statusLabel(f.status));
    expect(text).toContain(before.sites.find((s) => s.id === f.siteId)!.name);
    if (f.note) expect(text).toContain(f.note);
    // Its screenshot opens, at the stored size.
    const shot = before.screenshots.find((s) => s.findingId === f.id)!;
    await panel.click(`.row[data-id="${f.id}"] .show-shot`);
    const size = await panel.waitForFunction(() => {
      const img = document.querySelector('.shot img') as HTMLImageElement | null;
      return img?.complete && img.naturalWidth > 0 ? [img.naturalWidth, img.naturalHeight] : null;
    });
    expect(await size.jsonValue()).toEqual([shot.width, shot.height]);
    await panel.click('.shot');
    await panel.waitForSelector('.shot', { state: 'detached' });
  }
  await panel.close();

  // The settings still rule the scans: the ignored typo stays off the page, the review date is the reviewer's.
  const article = await ext.context.newPage();
  const url = `${site.url}/article.html`;
  await article.goto(url);
  // Read once the lazily loaded language model has had its say (the checks that need it run a moment later).
  await settledState(ext.context, ext.extensionId, url);
  const state = (await tabState(ext.context, ext.extensionId, url)) as Awaited<ReturnType<typeof tabState>> & { today: string };
  expect(state.frames[0].findings.map((f) => f.text).sort()).toEqual([TYPO, '以习近平为核心的中共中央'].sort());
  expect(state.today).toBe(REVIEW_DATE);
  await article.close();
}

/** The version the running extension reports, from its service worker and from one of its pages. */
async function runningVersion(ext: Launched): Promise<string[]> {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  const fromPage = (await page.evaluate('chrome.runtime.getManifest().version')) as string;
  await page.close();
  return [(await ext.worker.evaluate('chrome.runtime.getManifest().version')) as string, fromPage];
}

/**
 * Whether each item of the context menu 记录为问题 exists: chrome.contextMenus.update fails on an unknown
 * id (there is no getAll). The last id is one that was never created, to show the probe can say no.
 */
async function menuItems(ext: Launched): Promise<string[]> {
  const ids = ['govreview-record', ...CATEGORIES.map((c) => `govreview-record:${c}`), 'govreview-record:no-such-item'];
  return (await ext.worker.evaluate(
    `Promise.all(${JSON.stringify(ids)}.map((id) => chrome.contextMenus.update(id, {}).then(() => 'ok', (e) => id + ': ' + (e && e.message))))`,
  )) as string[];
}

/** Every item of 记录为问题 there, and the id never created not. */
const MENU_PRESENT = ['ok', ...CATEGORIES.map(() => 'ok'), expect.stringMatching(/^govreview-record:no-such-item: /)];

/**
 * What Chrome's extensions page knows of the extension: state, version, and the errors of its service
 * worker, pages and content scripts (unchecked runtime.lastError included) that Chromium's error console
 * collected. It collects them in developer mode, and only for an extension loaded after it started: not
 * for the one loaded from the command line at start, but for the one chrome.runtime.reload() loads.
 */
async function extensionReport(ext: Launched): Promise<{ state: string; version: string; errors: string[] }> {
  const page = await ext.context.newPage();
  await page.goto('chrome://extensions');
  const info = (await page.evaluate(
    `chrome.developerPrivate.getExtensionInfo(${JSON.stringify(ext.extensionId)}).then((i) => ({ state: i.state, version: i.version, errors: [...i.manifestErrors, ...i.runtimeErrors].map((e) => e.message + ' @ ' + e.source) }))`,
  )) as { state: string; version: string; errors: string[] };
  await page.close();
  return info;
}

/**
 * The updated extension still works: a page gets its highlights, 记录 on a card stores the finding with a
 * screenshot that decodes, the context menu 记录为问题 is there with one entry per 问题类型, Chrome reports
 * it enabled at that version (and, where it collects them, no error of it), and link checking runs to the end.
 */
async function expectWorks(ext: Launched, version: string, pageName: string, category: string, text: string, errorsCollected: boolean): Promise<void> {
  const page = await ext.context.newPage();
  await page.goto(`${site.url}/${pageName}`);
  const highlights = await waitForHighlights(page, 1);
  expect(highlights.find((h) => h.name === `govreview-${category}`)?.texts).toContain(text);
  expect(await recordFromCard(page, category, text)).toBe('已记录');
  const stored = await readStoredState(ext.context, ext.extensionId);
  const finding = stored.findings.find((f) => f.text === text && f.pageUrl === page.url());
  expect(finding?.status).toBe('pending');
  const shot = stored.screenshots.find((s) => s.findingId === finding!.id);
  expect(shot?.decoded).toEqual([shot!.width, shot!.height]);
  await page.close();

  await expect.poll(() => menuItems(ext)).toEqual(MENU_PRESENT);
  const report = await extensionReport(ext);
  expect({ state: report.state, version: report.version }).toEqual({ state: 'ENABLED', version });
  if (errorsCollected) expect(report.errors).toEqual([]);

  // Link checking (its state lives in the worker and storage.session) runs to the end and paints its verdicts.
  const linked = await ext.context.newPage();
  const url = `${links.url}/page.html`;
  await linked.goto(url);
  await waitForHighlights(linked, 1); // the in-page #link without a target
  const popup = await openPopupFor(ext.context, ext.extensionId, url, 'button.check-links');
  await popup.click('button.check-links');
  await linked.waitForFunction(
    () => /链接检查完成：30\/30/.test(document.querySelector('govreview-host')?.shadowRoot?.querySelector('.links-status')?.textContent ?? ''),
    null,
    { timeout: 60_000 },
  );
  await linked.waitForFunction(() => ((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('govreview-link')?.size ?? 0) > 1, null, {
    timeout: 15_000,
  });
  await popup.close();
  await linked.close();
}

/** 0.1.0 → 0.1.1 */
const nextPatch = (v: string) => v.replace(/(\d+)$/, (d) => String(Number(d) + 1));

describe('a browser restart', () => {
  it('keeps every finding, screenshot, status, note, site edit, 忽略 entry and the 审读日期', async () => {
    let ext = await launchWithExtension();
    const profile = ext.userDataDir;
    const id = ext.extensionId;
    try {
      const before = await reviewSession(ext);
      await ext.close({ keepProfile: true });
      ext = await launchWithExtension({ userDataDir: profile });
      expect(ext.extensionId).toBe(id);
      await expectKept(ext, before);
      await expect.poll(() => menuItems(ext)).toEqual(MENU_PRESENT);
    } finally {
      await ext.close();
    }
  }, 120_000);
});

describe('an extension update', () => {
  it('keeps everything through chrome.runtime.reload() with a new version and a restart with a newer one, and works after each', async () => {
    // A copy of the build, so that its manifest can be changed as an update would.
    const extensionDir = copyExtension();
    let ext = await launchWithExtension({ extensionDir, developerMode: true });
    const profile = ext.userDataDir;
    const id = ext.extensionId;
    try {
      const v0 = manifestVersion(extensionDir);
      expect(await runningVersion(ext)).toEqual([v0, v0]);
      const before = await reviewSession(ext);
      // An open page of the old version, to see it come back after the update.
      const open = await ext.context.newPage();
      await open.goto(`${site.url}/dibao.html`);
      await waitForHighlights(open, 3);

      // 1. Updated in place: the new files are loaded by chrome.runtime.reload(), as Chrome does on 重新加载.
      const v1 = nextPatch(v0);
      setManifestVersion(extensionDir, v1);
      await reloadExtension(ext);
      expect(ext.extensionId).toBe(id);
      expect(await runningVersion(ext)).toEqual([v1, v1]);
      await expectKept(ext, before);
      // The page that was open: Chrome does not inject the new content script into it (the old one is cut
      // off from the extension and could not record): it notices within seconds and takes its stale
      // highlights and host away; reloaded, the page is scanned by the new version (new highlights).
      await open.waitForFunction(
        () => (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.size === 0 && !document.querySelector('govreview-host'),
        null,
        { timeout: 10_000 },
      );
      await open.reload();
      expect((await waitForHighlights(open, 3)).find((h) => h.name === 'govreview-privacy')?.texts.sort()).toEqual([ID_NUMBER, BANK_CARD, MOBILE].sort());
      expect((await tabState(ext.context, ext.extensionId, open.url())).frames[0].findings.map((f) => f.text).sort()).toEqual(
        [ID_NUMBER, BANK_CARD, MOBILE].sort(),
      );
      await open.close();
      await expectWorks(ext, v1, 'gzdt.html', 'stale', '2026-10-30', true);
      const afterFirst = await readStoredState(ext.context, ext.extensionId);
      expect(afterFirst.findings).toHaveLength(before.findings.length + 1);

      // 2. Updated across a restart: the browser starts with a newer version of the files.
      const v2 = nextPatch(v1);
      setManifestVersion(extensionDir, v2);
      await ext.close({ keepProfile: true });
      ext = await launchWithExtension({ userDataDir: profile, extensionDir, developerMode: true });
      expect(ext.extensionId).toBe(id);
      expect(await runningVersion(ext)).toEqual([v2, v2]);
      await expectKept(ext, afterFirst);
      await expectWorks(ext, v2, 'zcjd.html', 'blank', '暂无信息', false);
    } finally {
      await ext.close();
      rmSync(dirname(extensionDir), { recursive: true, force: true });
    }
  }, 180_000);
});
