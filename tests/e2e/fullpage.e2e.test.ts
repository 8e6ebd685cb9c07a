import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantActiveTab, launchWithExtension, type Launched } from '../../scripts/harness/browser';
import { markupWithoutHost, openPopupFor, waitForHighlights } from '../../scripts/harness/page-helpers';
import { serveDir } from '../../scripts/serve.mjs';

/**
 * 整页 capture: a page taller than three viewports (1280×900) with a sticky green header and a fixed
 * magenta button, an unmasked ID number far down. The stored image is read back from the extension's
 * IndexedDB and looked at pixel by pixel.
 */
const root = resolve(__dirname, '../fixtures/fullpage');
const sticky = readFileSync(resolve(root, 'sticky.html'), 'utf8');
// The same page under a strict CSP: no script, no style but the page's own <style> block (by its hash).
/**
 * sticky.html with its header made a 吸顶 bar as many gov sites script it: past the header it turns fixed,
 * leaving no placeholder (the page gets 80 px shorter and its content moves up); at the top it is in the flow.
 */
const fixedOnScroll = sticky
  .replace('.masthead { position: sticky; top: 0;', '.masthead { position: static;')
  .replace('</style>', '\n.masthead.is-fixed { position: fixed; top: 0; left: 0; right: 0; }</style>')
  .replace(
    '</body>',
    "<script>const bar = document.querySelector('.masthead'); addEventListener('scroll', () => bar.classList.toggle('is-fixed', scrollY > 100));</script>\n</body>",
  );
const styleHash = createHash('sha256')
  .update(/<style>([\s\S]*?)<\/style>/.exec(sticky)![1])
  .digest('base64');
const ID = '530902198703150411';
const MOBILE = '13577051268';

let site: Awaited<ReturnType<typeof serveDir>>;
let demo: Awaited<ReturnType<typeof serveDir>>;
let ext: Launched;

beforeAll(async () => {
  site = await serveDir(root, {
    port: 0,
    routes: {
      '/strict.html': (_req, res) =>
        void res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': `default-src 'none'; style-src 'sha256-${styleHash}'` })
          .end(sticky),
      '/fixed-on-scroll.html': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(fixedOnScroll),
      // Taller than an image may be (16,384 CSS px): the finding near the end.
      '/tall.html': (_req, res) =>
        void res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(
            `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>很长的页面</title></head><body style="margin:0"><div style="height:20000px"></div><p>申请人赵某，身份证号 ${ID}，经审核符合条件。</p><div style="height:300px"></div></body></html>`,
          ),
    },
  });
  demo = await serveDir(resolve(__dirname, '../../assets/demo-site'), { port: 0 });
  ext = await launchWithExtension();
});

afterAll(async () => {
  await ext?.close();
  await site?.close();
  await demo?.close();
});

interface Bounds {
  n: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}
interface ShotDigest {
  width: number;
  height: number;
  fullPage: boolean;
  note: string | null;
  frameUrl: string;
  green: Bounds;
  magenta: Bounds;
  red: Bounds;
}

/**
 * The screenshot of the finding with this text on this page, decoded in an extension page: its size,
 * its marks, and where the header's green, the fixed button's magenta and the red frame appear.
 * (A string: functions compiled by tsx call a `__name` helper the page lacks.)
 */
async function shotOf(text: string, pageUrl: string): Promise<ShotDigest> {
  const popup = await ext.context.newPage();
  try {
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    return (await popup.evaluate(`(async () => {
      const text = ${JSON.stringify(text)}, url = ${JSON.stringify(pageUrl)};
      const db = await new Promise((ok, fail) => { const r = indexedDB.open('govreview'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
      const all = (store) => new Promise((ok, fail) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
      const finding = (await all('findings')).find((f) => f.text === text && f.pageUrl === url);
      if (!finding) throw new Error('no finding ' + text + ' on ' + url);
      const shot = (await all('screenshots')).find((s) => s.findingId === finding.id);
      if (!shot) throw new Error('no screenshot of ' + text);
      db.close();
      const bitmap = await createImageBitmap(new Blob([shot.bytes], { type: shot.mime }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const g = canvas.getContext('2d');
      g.drawImage(bitmap, 0, 0);
      const d = g.getImageData(0, 0, canvas.width, canvas.height).data;
      const box = () => ({ n: 0, minX: 1e9, minY: 1e9, maxX: -1, maxY: -1 });
      const green = box(), magenta = box(), red = box();
      const add = (b, x, y) => { b.n++; b.minX = Math.min(b.minX, x); b.minY = Math.min(b.minY, y); b.maxX = Math.max(b.maxX, x); b.maxY = Math.max(b.maxY, y); };
      for (let y = 0; y < canvas.height; y++) {
        for (let x = 0; x < canvas.width; x++) {
          const i = (y * canvas.width + x) * 4, r = d[i], gr = d[i + 1], b = d[i + 2];
          if (r < 70 && gr > 120 && gr < 200 && b < 70) add(green, x, y);
          else if (r > 200 && gr < 80 && b > 200) add(magenta, x, y);
          else if (r > 180 && gr < 100 && b < 100) add(red, x, y);
        }
      }
      return { width: bitmap.width, height: bitmap.height, fullPage: shot.fullPage === true, note: shot.note ?? null, frameUrl: finding.frameUrl, green, magenta, red };
    })()`)) as ShotDigest;
  } finally {
    await popup.close();
  }
}

/** What a capture may leave behind: the scroll position, the header's position, our marks, the markup. */
async function pageState(page: Page) {
  return {
    scrollY: await page.evaluate(() => scrollY),
    header: await page.evaluate(() => getComputedStyle(document.querySelector('.masthead')!).position),
    fixed: await page.evaluate(() => getComputedStyle(document.querySelector('.totop')!).opacity),
    marks: await page.evaluate(() => document.querySelectorAll('[data-govreview-capture]').length),
    sheets: await page.evaluate(() => document.adoptedStyleSheets.length),
    markup: await markupWithoutHost(page),
  };
}

/** The highlight of `text` in the middle of the viewport; its rectangle in document coordinates. */
async function showFinding(page: Page, text: string) {
  return page.evaluate((t) => {
    const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('govreview-privacy')!;
    const r = [...h].find((x) => x.toString() === t)!;
    r.startContainer.parentElement!.scrollIntoView({ block: 'center' });
    const b = r.getBoundingClientRect();
    return { x: b.left + scrollX, y: b.top + scrollY, width: b.width, height: b.height, clickX: b.left + b.width / 2, clickY: b.top + b.height / 2 };
  }, text);
}

/** 记录 on the finding's card; returns the toast and how long recording took. */
async function recordFromCard(page: Page, at: { clickX: number; clickY: number }): Promise<{ toast: string; ms: number }> {
  await grantActiveTab(page); // the reviewer has clicked the toolbar button on this site (activeTab: Chrome captures the tab)
  await page.mouse.click(at.clickX, at.clickY);
  const button = await page.waitForFunction(() => document.querySelector('govreview-host')?.shadowRoot?.querySelector('button.record') ?? null);
  const started = Date.now();
  await button.asElement()!.click();
  const toast = await page.waitForFunction(() => document.querySelector('govreview-host')?.shadowRoot?.querySelector('.toast')?.textContent ?? '', null, {
    timeout: 45_000,
  });
  return { toast: (await toast.jsonValue()) as string, ms: Date.now() - started };
}

/** The popup's 截图范围 switch, as a reviewer flips it. */
async function chooseCapture(mode: 'visible' | 'fullPage'): Promise<void> {
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  await popup.selectOption('select.capture-mode', mode);
  await popup.waitForFunction(
    async (m) =>
      (
        await (
          globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<{ settings?: { capture?: string } }> } } } }
        ).chrome.storage.local.get('settings')
      ).settings?.capture === m,
    mode,
  );
  await popup.close();
}

async function openFixture(path: string, findings: number): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`${site.url}/${path}`);
  await waitForHighlights(page, findings);
  return page;
}

describe('可见区域 (the default)', () => {
  it('records a finding with a viewport-sized screenshot', async () => {
    const page = await openFixture('sticky.html', 2);
    const at = await showFinding(page, MOBILE);
    expect((await recordFromCard(page, at)).toast).toBe('已记录');
    const shot = await shotOf(MOBILE, page.url());
    expect([shot.width, shot.height]).toEqual([1280, 900]);
    expect(shot.fullPage).toBe(false);
    expect(shot.note).toBeNull();
    await page.close();
  });
});

describe('整页', () => {
  beforeAll(() => chooseCapture('fullPage'));

  it('stitches the page once, the sticky header at the top only, the finding framed where it is, and puts the page back', async () => {
    const page = await openFixture('sticky.html', 2);
    const docHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(docHeight).toBeGreaterThan(3 * 900);
    const at = await showFinding(page, ID);
    await page.evaluate(() => ((window as unknown as { __scrolls: number[] }).__scrolls.length = 0));
    const before = await pageState(page);
    expect(before.scrollY).toBeGreaterThan(1500);
    const { toast, ms } = await recordFromCard(page, at);
    expect(toast).toBe('已记录');
    console.info(`[fullpage e2e] 整页 capture and record of a ${docHeight} px page: ${ms} ms`);

    const shot = await shotOf(ID, page.url());
    expect(shot.fullPage).toBe(true);
    expect(shot.note).toBeNull();
    expect(shot.width).toBe(1280);
    expect(Math.abs(shot.height - docHeight)).toBeLessThanOrEqual(2); // dpr 1
    // The header's green: in the top band (its 80 px), nowhere further down.
    expect(shot.green.n).toBeGreaterThan(1000);
    expect(shot.green.minY).toBeLessThanOrEqual(2);
    expect(shot.green.maxY).toBeLessThan(84);
    // The fixed button: in the first frame only.
    expect(shot.magenta.n).toBeGreaterThan(500);
    expect(shot.magenta.maxY).toBeLessThan(900);
    // The red frame: around the finding, 4 CSS px out, at its place in the document.
    expect(shot.red.n).toBeGreaterThan(100);
    expect(Math.abs(shot.red.minY - (at.y - 4))).toBeLessThanOrEqual(4);
    expect(Math.abs(shot.red.maxY - (at.y + at.height + 4))).toBeLessThanOrEqual(4);
    expect(Math.abs(shot.red.minX - (at.x - 4))).toBeLessThanOrEqual(4);
    expect(Math.abs(shot.red.maxX - (at.x + at.width + 4))).toBeLessThanOrEqual(4);

    // The page as it was: scroll position, the sticky header, the fixed button, no mark, no sheet, same markup.
    expect(await pageState(page)).toEqual(before);
    // The page went down once: the last frame's offset was visited once.
    const scrolls = await page.evaluate(() => (window as unknown as { __scrolls: number[] }).__scrolls);
    expect(scrolls.filter((y) => y === docHeight - 900)).toHaveLength(1);
    await page.close();
  }, 60_000);

  it('a 吸顶 bar a script fixes on scroll without a placeholder: laid back in the flow, the page stitched as at its top', async () => {
    const page = await openFixture('fixed-on-scroll.html', 2);
    const topHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    await showFinding(page, ID); // scrolled down: the bar is fixed, the page 80 px shorter
    await expect
      .poll(() => page.evaluate(() => [scrollY > 100, document.querySelector('.masthead')?.className]), { timeout: 5_000 })
      .toEqual([true, 'masthead is-fixed']); // scroll events come a frame later
    const at = await showFinding(page, ID); // where the reviewer sees it now, the layout settled
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBe(topHeight - 80);
    const before = await page.evaluate(() => scrollY);
    expect((await recordFromCard(page, at)).toast).toBe('已记录');
    const shot = await shotOf(ID, page.url());
    expect(shot).toMatchObject({ fullPage: true, note: null, width: 1280 });
    expect(Math.abs(shot.height - topHeight)).toBeLessThanOrEqual(2);
    // The bar's green once, at the top; the finding framed where it is when the page is at its top (80 px
    // further down than where the reviewer saw it with the bar fixed).
    expect(shot.green.minY).toBeLessThanOrEqual(2);
    expect(shot.green.maxY).toBeLessThan(84);
    expect(Math.abs(shot.red.minY - (at.y + 80 - 4))).toBeLessThanOrEqual(4);
    expect(Math.abs(shot.red.maxY - (at.y + 80 + at.height + 4))).toBeLessThanOrEqual(4);
    // Put back: the scroll position, the bar fixed again by the page's own script, no mark left.
    expect(await page.evaluate(() => scrollY)).toBe(before);
    expect(await page.evaluate(() => document.querySelector('.masthead')!.classList.contains('is-fixed'))).toBe(true);
    expect(await page.evaluate(() => document.querySelectorAll('[data-govreview-capture]').length)).toBe(0);
    await page.close();
  }, 60_000);

  it('全部记录: one stitch for the page, each finding framed on its own copy', async () => {
    const page = await openFixture('sticky.html?all', 2);
    const docHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    const boxes: Record<string, Awaited<ReturnType<typeof showFinding>>> = { [ID]: await showFinding(page, ID), [MOBILE]: await showFinding(page, MOBILE) };
    await page.evaluate(() => ((window as unknown as { __scrolls: number[] }).__scrolls.length = 0));
    const popup = await openPopupFor(ext.context, ext.extensionId, page.url());
    expect(await popup.$eval('select.capture-mode', (s) => (s as HTMLSelectElement).value)).toBe('fullPage');
    const total = (await popup.$$('ul.findings > li')).length;
    await page.bringToFront();
    await popup.click('button.record-all');
    await popup.waitForFunction((n) => document.querySelector('.record-msg')?.textContent === `已记录 ${n}`, total, { timeout: 45_000 });
    await popup.close();
    for (const text of [ID, MOBILE]) {
      const shot = await shotOf(text, page.url());
      expect(shot.fullPage).toBe(true);
      expect(Math.abs(shot.height - docHeight)).toBeLessThanOrEqual(2);
      expect(shot.green.maxY).toBeLessThan(84);
      // Only this finding's frame.
      expect(Math.abs(shot.red.minY - (boxes[text].y - 4))).toBeLessThanOrEqual(4);
      expect(Math.abs(shot.red.maxY - (boxes[text].y + boxes[text].height + 4))).toBeLessThanOrEqual(4);
    }
    const scrolls = await page.evaluate(() => (window as unknown as { __scrolls: number[] }).__scrolls);
    expect(scrolls.filter((y) => y === docHeight - 900)).toHaveLength(1);
    await page.close();
  }, 60_000);

  it('works on a page whose CSP allows no script and only its own style', async () => {
    const page = await ext.context.newPage();
    const response = await page.goto(`${site.url}/strict.html`);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    await waitForHighlights(page, 2);
    const docHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    const at = await showFinding(page, ID);
    const before = await pageState(page);
    expect((await recordFromCard(page, at)).toast).toBe('已记录');
    const shot = await shotOf(ID, page.url());
    expect(shot.fullPage).toBe(true);
    expect(Math.abs(shot.height - docHeight)).toBeLessThanOrEqual(2);
    expect(shot.green.minY).toBeLessThanOrEqual(2);
    expect(shot.green.maxY).toBeLessThan(84);
    expect(Math.abs(shot.red.minY - (at.y - 4))).toBeLessThanOrEqual(4);
    expect(await pageState(page)).toEqual(before);
    await page.close();
  }, 60_000);

  it.each([
    ['scroller.html', '530922197509110337', 'own-scroller'],
    ['growing.html', MOBILE, 'height-changed'],
  ])(
    '%s: falls back to the visible part, with a note, and keeps the finding',
    async (path, text, note) => {
      const page = await openFixture(path, 1);
      const at = await showFinding(page, text);
      const scrollBefore = await page.evaluate(() => scrollY);
      expect((await recordFromCard(page, at)).toast).toBe('已记录');
      const shot = await shotOf(text, page.url());
      expect(shot).toMatchObject({ width: 1280, height: 900, fullPage: false, note });
      expect(shot.red.n).toBeGreaterThan(100);
      expect(await page.evaluate(() => scrollY)).toBe(scrollBefore);
      expect(await page.evaluate(() => document.querySelectorAll('[data-govreview-capture]').length)).toBe(0);
      await page.close();
    },
    60_000,
  );

  it('records a finding inside a frame with the visible part of the tab, and says why', async () => {
    const page = await ext.context.newPage();
    const url = `${demo.url}/frame-host.html`;
    await page.goto(url);
    await waitForHighlights(page.frames().find((f) => f.url().endsWith('/frame-child.html'))!, 1);
    const popup = await openPopupFor(ext.context, ext.extensionId, url);
    const item = popup.locator('ul.findings > li', { hasText: '530902196508220235' });
    await page.bringToFront();
    await item.locator('button.record-one').click();
    await popup.waitForFunction(() => document.querySelector('.record-msg')?.textContent === '已记录 1', null, { timeout: 20_000 });
    await popup.close();
    // Filed under the page the reviewer visited; the frame's own URL stays on the finding.
    const shot = await shotOf('530902196508220235', url);
    expect(shot).toMatchObject({ width: 1280, height: 900, fullPage: false, note: 'frame', frameUrl: `${demo.url}/frame-child.html` });
    // Reopened from the ledger: the page opens and the finding's card opens in its frame.
    const panel = await ext.context.newPage();
    await panel.goto(`chrome-extension://${ext.extensionId}/sidepanel.html`);
    const row = panel.locator('.row', { hasText: '530902196508220235' });
    const [reopened] = await Promise.all([ext.context.waitForEvent('page'), row.locator('.open-page').click()]);
    await reopened.waitForLoadState();
    await expect
      .poll(
        async () => {
          const child = reopened.frames().find((f) => f.url().endsWith('/frame-child.html'));
          return child ? child.evaluate(() => document.querySelector('govreview-host')?.shadowRoot?.querySelector('.card .quote')?.textContent ?? '') : '';
        },
        { timeout: 15_000 },
      )
      .toBe('530902196508220235');
    expect(reopened.url()).toBe(url);
    await reopened.close();
    await panel.close();
    await page.close();
  });

  it('cuts a page taller than the cap to the stretch with the finding, and says so', async () => {
    const page = await openFixture('tall.html', 1);
    const docHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    const at = await showFinding(page, ID);
    const { toast, ms } = await recordFromCard(page, at);
    expect(toast).toBe('已记录');
    console.info(`[fullpage e2e] 整页 capture of a ${docHeight} px page, cut at 16,384 px: ${ms} ms`);
    const shot = await shotOf(ID, page.url());
    expect(shot).toMatchObject({ width: 1280, height: 16_384, fullPage: true, note: 'cut' });
    // The stretch ends with the page (the finding is near its end): the frame is as far from the image's top.
    const top = docHeight - 16_384;
    expect(Math.abs(shot.red.minY - (at.y - top - 4))).toBeLessThanOrEqual(4);
    await page.close();
  }, 90_000);

  it('shows a whole-page screenshot scrollable in the ledger', async () => {
    const panel = await ext.context.newPage();
    await panel.setViewportSize({ width: 400, height: 800 });
    await panel.goto(`chrome-extension://${ext.extensionId}/sidepanel.html`);
    await panel.waitForSelector('.row');
    const row = panel.locator('.row', { hasText: ID }).first();
    await row.locator('.show-shot').click();
    const view = await panel.waitForFunction(() => {
      const box = document.querySelector('.shot.full-page') as HTMLElement | null;
      const img = box?.querySelector('img');
      return box && img?.complete && img.naturalWidth > 0 ? { scrollable: box.scrollHeight > box.clientHeight, natural: img.naturalHeight } : null;
    });
    expect(await view.jsonValue()).toMatchObject({ scrollable: true });
    await panel.close();
  });
});
