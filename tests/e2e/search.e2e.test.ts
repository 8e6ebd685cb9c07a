/**
 * 站内搜索 in Chromium, against the demo site on 127.0.0.1 (its /search route answers as a CMS would; the
 * 教育体育局 sub-site's form posts to a path the server does not have). The home page's search is submitted
 * once by the background, on the reviewer's click in the popup, or by itself once per site and round when the
 * site is in the ledger; never when a page is merely viewed.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type Launched } from '../../scripts/harness/browser';
import { openPopupFor, recordAllFromPopup, sendToBackground, settledState, waitForHighlights } from '../../scripts/harness/page-helpers';
import { serveDir } from '../../scripts/serve.mjs';

const root = resolve(__dirname, '../../assets/demo-site');
let site: Awaited<ReturnType<typeof serveDir>>;
let ext: Launched;

beforeAll(async () => {
  site = await serveDir(root, { port: 0 });
  ext = await launchWithExtension();
  await sendToBackground(ext.context, ext.extensionId, 'popup→background:setToday', { today: '2026-11-22' });
}, 60_000);

afterAll(async () => {
  await ext?.close();
  await site?.close();
});

/** The search requests the server saw for `path` (the path, without the query), decoded. */
const searchRequests = (path: string) =>
  site.requests.filter((r) => r.split('?')[0] === path).map((r) => Object.fromEntries(new URL(r, site.url).searchParams));

const findingsOf = async (url: string) => (await settledState(ext.context, ext.extensionId, url)).frames.flatMap((f) => f.findings);

describe('站内搜索', () => {
  it('is not submitted when a home page is viewed; the popup’s 检测站内搜索 submits it once and says it works', async () => {
    const url = `${site.url}/index.html`;
    const page = await ext.context.newPage();
    await page.goto(url);
    await findingsOf(url);
    await page.waitForTimeout(1000);
    expect(searchRequests('/search')).toEqual([]);

    const popup = await openPopupFor(ext.context, ext.extensionId, url, 'button.test-search');
    expect(await popup.textContent('.search-status')).toContain('未检测');
    await page.bringToFront();
    await popup.click('button.test-search');
    await popup.waitForSelector('.search-status.search-works', { timeout: 20_000 });
    expect(await popup.textContent('.search-status')).toMatch(/站内搜索可用：检索“云岭县人民政府”返回 \d+ 条结果/);
    // One GET with the form's field, the site's name as the words (UTF-8, as the page is).
    expect(searchRequests('/search')).toEqual([{ q: '云岭县人民政府' }]);
    expect((await findingsOf(url)).filter((f) => f.check === 'site-search')).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('a home page without any search: 未提供站内搜索 on the page summary, and no test to run', async () => {
    const url = `${site.url}/rsj/index.html`;
    const page = await ext.context.newPage();
    await page.goto(url);
    const findings = (await findingsOf(url)).filter((f) => f.check === 'site-search');
    expect(findings.map((f) => [f.kind, f.message, f.severity, f.start])).toEqual([['missing', '网站首页未提供站内搜索', 'deduct', undefined]]);
    const popup = await openPopupFor(ext.context, ext.extensionId, url);
    expect(await popup.$('button.test-search')).toBeNull();
    expect(await popup.textContent('ul.findings')).toContain('网站首页未提供站内搜索');
    await popup.close();
    // Recorded: the site is now in the ledger (the automatic test below needs that).
    expect(await recordAllFromPopup(ext.context, ext.extensionId, page)).toMatch(/^已记录 1/);
    // The ledger scores it: 站内搜索 −4 within its cap of 4.
    const panel = await ext.context.newPage();
    await panel.goto(`chrome-extension://${ext.extensionId}/sidepanel.html`);
    await panel.waitForSelector('.scores li .deductions');
    expect(await panel.textContent('.scores li')).toContain('96 分');
    expect(await panel.textContent('.scores li .deductions')).toBe('扣分项：站内搜索 −4（上限 4）');
    await panel.close();
    await page.close();
  });

  it('once the site is in the ledger, a home page’s search is tested by itself once per round; a 404 is 站内搜索无法使用, highlighted on the form', async () => {
    const url = `${site.url}/jyj/index.html`;
    const page = await ext.context.newPage();
    await page.goto(url);
    // No click: the background submits the TRS-like form (hidden channelid kept) and the page is read again.
    const highlights = await waitForHighlights(page, 1, 20_000);
    expect(highlights.find((h) => h.name === 'govreview-search')?.texts).toEqual(['站内检索']);
    const findings = (await findingsOf(url)).filter((f) => f.check === 'site-search');
    expect(findings.map((f) => [f.kind, f.severity, f.text])).toEqual([['broken', 'deduct', '站内检索']]);
    expect(findings[0].message).toBe('站内搜索无法使用：检索请求返回 HTTP 404');
    expect(searchRequests('/jyj/was5/web/search')).toEqual([{ searchword: '云岭县教育体育局', channelid: '229105' }]);

    // Viewing it again submits nothing more; the finding stays.
    await page.reload();
    await waitForHighlights(page, 1, 20_000);
    expect((await findingsOf(url)).filter((f) => f.check === 'site-search').map((f) => f.kind)).toEqual(['broken']);
    expect(searchRequests('/jyj/was5/web/search')).toHaveLength(1);

    // The popup says why, and offers to test again.
    const popup = await openPopupFor(ext.context, ext.extensionId, url, '.search-status.search-broken');
    expect(await popup.textContent('.search-status')).toContain('站内搜索无法使用：检索请求返回 HTTP 404');
    expect(await popup.textContent('button.test-search')).toBe('重新检测');
    await popup.close();
    await page.close();
  });
});
