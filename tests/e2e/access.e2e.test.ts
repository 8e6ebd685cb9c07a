/**
 * Least privilege in Chromium: a page that is no government site (nor the demo site on 127.0.0.1) gets
 * nothing from GovReview (no script, no highlight, no host element) until the reviewer clicks the toolbar
 * button; then that tab is read, and the popup says so and offers 本站自动审读, after which the site is read as
 * it opens, once Chrome's dialog granted it. Hosts off gov.cn are asked for when a task needs them (本站自动审读,
 * link checking); a headless browser cannot click Chrome's dialog, so "granted" is a profile that holds the
 * permission, as the dialog leaves it. Screenshots need activeTab: a 记录 in the card before the toolbar click
 * is stored without one and says so; after the click every 记录 on that site has one, page after page.
 * And the shortcuts: the popup's list and the card's single keys move through the findings and record.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickToolbarButton, grantActiveTab, launchWithExtension, type Launched } from '../../scripts/harness/browser';
import { clickCardButton, openCard, openPopupFor, readHighlights, readStoredState, settledState, waitForHighlights } from '../../scripts/harness/page-helpers';
import { serveDir } from '../../scripts/serve.mjs';

const root = resolve(__dirname, '../../assets/demo-site');
let site: Awaited<ReturnType<typeof serveDir>>;
let ext: Launched;

beforeAll(async () => {
  // One page whose links go to the demo host (held) and to the same server under another name (not granted).
  const linksPage = (_req: unknown, res: import('node:http').ServerResponse) => {
    const other = site.url.replace('127.0.0.1', 'localhost');
    const body = `<!doctype html><html><head><meta charset="utf-8"><title>链接</title></head><body><h1>相关链接</h1>
<p><a href="${site.url}/dibao.html">本站正常链接</a></p><p><a href="${site.url}/gone-page.html">本站失效链接</a></p>
<p><a href="${other}/other-host-a.html">外站链接一</a></p><p><a href="${other}/other-host-b.html">外站链接二</a></p></body></html>`;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(body);
  };
  site = await serveDir(root, { port: 0, routes: { '/links-two-hosts.html': linksPage } });
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

  it('本站自动审读 asks Chrome for the site: until it is granted, nothing is registered and a fresh tab gets nothing', async () => {
    const url = `${site.url.replace('127.0.0.1', 'localhost')}/long.html`;
    const page = await ext.context.newPage();
    await page.goto(url);
    await clickToolbarButton(ext, page);
    await waitForHighlights(page, 2, 15_000);
    const popup = await openPopupFor(ext.context, ext.extensionId, url, 'button.grant-site');
    // Chrome's dialog opens (and stays open: nobody can click it headless); the choice waits for it.
    await popup.click('button.grant-site');
    await popup.waitForTimeout(1000);
    expect(await popup.$('p.access-site')).toBeNull();
    const stored = await readStoredState(ext.context, ext.extensionId);
    expect((stored.settings as { autoSites?: string[] } | null)?.autoSites ?? []).toEqual([]);
    await popup.close();
    const again = await ext.context.newPage();
    await again.goto(url);
    await again.waitForTimeout(1500);
    expect(await readHighlights(again)).toEqual([]);
    for (const p of [page, again]) await p.close();
  });

  it('本站自动审读 once the site is granted: read as it opens from then on, until it is taken back', async () => {
    const granted = await launchWithExtension({ grantedHosts: ['http://localhost/*'] });
    try {
      const url = `${site.url.replace('127.0.0.1', 'localhost')}/long.html`;
      const page = await granted.context.newPage();
      await page.goto(url);
      // Holding the host reads nothing by itself: the content script runs where the reviewer asked.
      await page.waitForTimeout(1500);
      expect(await readHighlights(page)).toEqual([]);
      await clickToolbarButton(granted, page);
      await waitForHighlights(page, 2, 15_000);
      const popup = await openPopupFor(granted.context, granted.extensionId, url, 'button.grant-site');
      await popup.click('button.grant-site');
      await popup.waitForSelector('p.access-site');
      await popup.close();
      // A fresh tab of the same site: read with no click.
      const again = await granted.context.newPage();
      await again.goto(url);
      await waitForHighlights(again, 2, 15_000);
      // Taken back: a fresh tab gets nothing.
      const popup2 = await openPopupFor(granted.context, granted.extensionId, url, 'button.revoke-site');
      await popup2.click('button.revoke-site');
      await popup2.waitForSelector('p.access-clicked');
      await popup2.close();
      const third = await granted.context.newPage();
      await third.goto(url);
      await third.waitForTimeout(1500);
      expect(await readHighlights(third)).toEqual([]);
    } finally {
      await granted.close();
    }
  });

  it('checks the links on hosts it holds and leaves those on sites not granted unchecked (never dead), saying how many', async () => {
    const other = site.url.replace('127.0.0.1', 'localhost');
    const page = await ext.context.newPage();
    const url = `${site.url}/links-two-hosts.html`;
    await page.goto(url);
    await settledState(ext.context, ext.extensionId, url);
    const popup = await openPopupFor(ext.context, ext.extensionId, url, 'button.check-links');
    // One dialog for the other host opens (left unanswered here); the demo host's links are checked at once.
    await popup.click('button.check-links');
    await popup.waitForFunction(() => /已检查 2\/2/.test(document.querySelector('.link-progress')?.textContent ?? ''), null, { timeout: 20_000 });
    expect(await popup.textContent('.links-withheld')).toContain('2 个链接所在网站未授权，未检查');
    // The page's own status line says the same.
    const status = await page.waitForFunction(() => document.querySelector('govreview-host')?.shadowRoot?.querySelector('.links-text')?.textContent ?? '');
    expect(await status.jsonValue()).toContain('2 个链接所在网站未授权，未检查');
    const links = await waitForHighlights(page, 1, 15_000);
    const dead = links.find((h) => h.name === 'govreview-link')?.texts ?? [];
    expect(dead).toEqual(['本站失效链接']);
    // Nothing was sent to the host not granted.
    expect(site.requests.filter((r) => r.includes('other-host-'))).toEqual([]);
    expect(other).toContain('localhost');
    await popup.close();
    await page.close();
  });

  it('a 记录 in the card before the toolbar click is stored without a screenshot and says so; after the click, every 记录 on the site has one', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${site.url}/long.html`);
    await waitForHighlights(page, 2, 15_000);
    const toastOf = async () =>
      (await (
        await page.waitForFunction(() => document.querySelector('govreview-host')?.shadowRoot?.querySelector('.toast')?.textContent ?? '', null, {
          timeout: 10_000,
        })
      ).jsonValue()) as string;
    await openCard(page, 'privacy', '18788420913');
    await clickCardButton(page, 'record');
    expect(await toastOf()).toBe('已记录，未截图：请先点击工具栏的 GovReview 按钮，之后本站的记录都带截图');
    await page.waitForTimeout(2100);
    // The toolbar button, once: the next 记录 has its screenshot, and so does one on another page of the site.
    await grantActiveTab(page);
    await openCard(page, 'privacy', '530921196804070525');
    await clickCardButton(page, 'record');
    expect(await toastOf()).toBe('已记录');
    await page.goto(`${site.url}/gbk.html`);
    await waitForHighlights(page, 1, 15_000);
    await openCard(page, 'privacy', '15912087735');
    await clickCardButton(page, 'record');
    expect(await toastOf()).toBe('已记录');
    const state = await readStoredState(ext.context, ext.extensionId);
    const shot = (text: string) => {
      const f = state.findings.find((x) => x.text === text);
      if (!f) throw new Error(`not recorded: ${text}`);
      return state.screenshots.some((s) => s.findingId === f.id);
    };
    expect([shot('18788420913'), shot('530921196804070525'), shot('15912087735')]).toEqual([false, true, true]);
    await page.close();
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
    await grantActiveTab(page); // the toolbar button clicked once on this site: the record has its screenshot
    await page.keyboard.press('r');
    const toast = await page.waitForFunction(() => document.querySelector('govreview-host')?.shadowRoot?.querySelector('.toast')?.textContent ?? '', null, {
      timeout: 10_000,
    });
    expect(await toast.jsonValue()).toBe('已记录');
    await page.close();
  });
});
