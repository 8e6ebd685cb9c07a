/**
 * Least privilege in Chromium: a page that is no government site (nor the demo site on 127.0.0.1) gets
 * nothing from GovReview (no script, no highlight, no host element) until the reviewer clicks the toolbar
 * button; then that tab is read, and the popup says so and offers 本站自动审读, after which the site is read as
 * it opens. And the shortcuts: the popup's list and the card's single keys move through the findings and record.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickToolbarButton, launchWithExtension, type Launched } from '../../scripts/harness/browser';
import { openPopupFor, readHighlights, waitForHighlights } from '../../scripts/harness/page-helpers';
import { serveDir } from '../../scripts/serve.mjs';

const root = resolve(__dirname, '../../assets/demo-site');
let site: Awaited<ReturnType<typeof serveDir>>;
let ext: Launched;

beforeAll(async () => {
  site = await serveDir(root, { port: 0 });
  ext = await launchWithExtension();
}, 60_000);

afterAll(async () => {
  await ext?.close();
  await site?.close();
});

describe('least privilege', () => {
  it('reads a non-government page only after the toolbar click, then that tab', async () => {
    // The demo site under another host name: same pages, but not a site read without asking.
    const url = `${site.url.replace('127.0.0.1', 'localhost')}/dibao.html`;
    const page = await ext.context.newPage();
    await page.goto(url);
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => !!document.querySelector('govreview-host'))).toBe(false);
    expect(await readHighlights(page)).toEqual([]);

    await clickToolbarButton(ext, page);
    const highlights = await waitForHighlights(page, 3, 15_000);
    expect(highlights.find((h) => h.name === 'govreview-privacy')?.texts.sort()).toEqual(['13987016642', '530902198703150411', '6228480527301641892']);

    // The popup (opened here as a page for that tab) says how the page is read, and offers the grant.
    const popup = await openPopupFor(ext.context, ext.extensionId, url, 'p.access-clicked');
    expect(await popup.$eval('p.access-clicked', (p) => p.textContent)).toContain('按您的点击审读');
    expect(await popup.$('button.grant-site')).not.toBeNull();
    await popup.close();
    await page.close();
  });

  it('reads the demo site on 127.0.0.1 as it opens, with no click', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${site.url}/dibao.html`);
    await waitForHighlights(page, 3, 15_000);
    await page.close();
  });

  it('本站自动审读 in the popup: the site is read as it opens from then on, until it is taken back', async () => {
    const url = `${site.url.replace('127.0.0.1', 'localhost')}/long.html`;
    const page = await ext.context.newPage();
    await page.goto(url);
    await clickToolbarButton(ext, page);
    await waitForHighlights(page, 2, 15_000);
    const popup = await openPopupFor(ext.context, ext.extensionId, url, 'button.grant-site');
    await popup.click('button.grant-site');
    await popup.waitForSelector('p.access-site');
    await popup.close();
    // A fresh tab of the same site: read with no click.
    const again = await ext.context.newPage();
    await again.goto(url);
    await waitForHighlights(again, 2, 15_000);
    // Taken back: a fresh tab gets nothing.
    const popup2 = await openPopupFor(ext.context, ext.extensionId, url, 'button.revoke-site');
    await popup2.click('button.revoke-site');
    await popup2.waitForSelector('p.access-clicked');
    await popup2.close();
    const third = await ext.context.newPage();
    await third.goto(url);
    await third.waitForTimeout(1500);
    expect(await readHighlights(third)).toEqual([]);
    for (const p of [page, again, third]) await p.close();
  });
});

describe('shortcuts', () => {
  /** The text of the open card's finding (its quote), or null when no card is open. */
  const openCardText = (page: import('playwright-core').Page) =>
    page.evaluate(() => document.querySelector('govreview-host')?.shadowRoot?.querySelector('.card .quote')?.textContent ?? null);

  it('the popup lists the commands with their keys; a row runs it: the next finding opens in the page', async () => {
    const url = `${site.url}/dibao.html`;
    const page = await ext.context.newPage();
    await page.goto(url);
    await waitForHighlights(page, 3, 15_000);
    const popup = await openPopupFor(ext.context, ext.extensionId, url, 'details.shortcuts');
    const rows = await popup.$$eval('details.shortcuts li', (lis) => lis.map((li) => li.textContent ?? ''));
    expect(rows).toHaveLength(4);
    expect(rows.join('|')).toContain('Alt+Shift+J');
    expect(rows.some((r) => r.includes('下一个问题') && r.includes('Alt+Shift+J'))).toBe(true);
    await popup.$eval('details.shortcuts', (d) => ((d as HTMLDetailsElement).open = true));
    await popup.click('button.command-next-finding');
    await page.waitForFunction(() => !!document.querySelector('govreview-host')?.shadowRoot?.querySelector('.card'), null, { timeout: 5000 });
    const first = await openCardText(page);
    expect(first).toBeTruthy();
    await popup.click('button.command-next-finding');
    await page.waitForFunction(
      (was) => (document.querySelector('govreview-host')?.shadowRoot?.querySelector('.card .quote')?.textContent ?? null) !== was,
      first,
      {
        timeout: 5000,
      },
    );
    await popup.close();
    await page.close();
  });

  it('with a card open, N and P (J and K) move through the findings in reading order and R (L) records the open one', async () => {
    const url = `${site.url}/dibao.html`;
    const page = await ext.context.newPage();
    await page.goto(url);
    const [first] = await waitForHighlights(page, 3, 15_000);
    expect(first).toBeTruthy();
    // Open the first finding's card by a click on its highlight, then walk with the keys.
    const box = await page.evaluate(() => {
      const all = [...(CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.values()].flatMap((h) => [...h]);
      all.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
      const r = all[0];
      r.startContainer.parentElement!.scrollIntoView({ block: 'center' });
      const b = r.getBoundingClientRect();
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    });
    await page.mouse.click(box.x, box.y);
    await page.waitForFunction(() => !!document.querySelector('govreview-host')?.shadowRoot?.querySelector('.card'), null, { timeout: 5000 });
    const seen = [await openCardText(page)];
    for (let i = 0; i < 2; i++) {
      await page.keyboard.press('n');
      await page.waitForFunction(
        (was) => (document.querySelector('govreview-host')?.shadowRoot?.querySelector('.card .quote')?.textContent ?? null) !== was,
        seen.at(-1),
        {
          timeout: 5000,
        },
      );
      seen.push(await openCardText(page));
    }
    expect(new Set(seen).size).toBe(3);
    await page.keyboard.press('k');
    await page.waitForFunction((want) => document.querySelector('govreview-host')?.shadowRoot?.querySelector('.card .quote')?.textContent === want, seen[1], {
      timeout: 5000,
    });
    await page.keyboard.press('r');
    const toast = await page.waitForFunction(() => document.querySelector('govreview-host')?.shadowRoot?.querySelector('.toast')?.textContent ?? '', null, {
      timeout: 10_000,
    });
    expect(await toast.jsonValue()).toBe('已记录');
    await page.close();
  });
});
