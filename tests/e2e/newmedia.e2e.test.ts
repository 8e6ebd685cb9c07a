/**
 * 政务新媒体 in Chromium, the fixtures served under the platforms' own host names (--host-resolver-rules maps
 * mp.weixin.qq.com, weibo.com and www.douyin.com to a local server), so that URL matching is exercised: nothing
 * runs on the platforms until the reviewer switches 审读政务新媒体 on in the popup; then a stale account is flagged
 * 内容不更新 on its newest post's date, a fresh one is not (its pinned post is old), and a WeChat article's typo
 * is highlighted.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension, type Launched } from '../../scripts/harness/browser';
import { NEWMEDIA_MATCHES } from '../../lib/extension/access';
import { openPopupFor, readHighlights, recordAllFromPopup, sendToBackground, settledState, waitForHighlights } from '../../scripts/harness/page-helpers';
import { servePlatforms, type PlatformServer } from '../../scripts/harness/platform-server';

const DIR = resolve(__dirname, '../fixtures/newmedia');
const fixtures = (JSON.parse(readFileSync(resolve(DIR, 'fixtures.json'), 'utf8')) as { fixtures: Array<{ file: string; url: string }> }).fixtures;
/** The pages served, each at its fixture's own URL. */
const SERVED = ['wechat-article.html', 'wechat-history-stale.html', 'weibo-fresh.html', 'douyin-stale.html'];

let platforms: PlatformServer;
let ext: Launched;
const urlOf = (file: string) => platforms.urlOf(file);

beforeAll(async () => {
  platforms = await servePlatforms(
    DIR,
    SERVED.map((file) => ({ file, url: fixtures.find((f) => f.file === file)!.url.split('#')[0] })),
  );
  // The platforms' hosts as granted (Chrome's dialog, which 开启政务新媒体审读 opens, cannot be clicked headless).
  ext = await launchWithExtension({ args: platforms.args, grantedHosts: [...NEWMEDIA_MATCHES] });
  await sendToBackground(ext.context, ext.extensionId, 'popup→background:setToday', { today: '2026-11-22' });
}, 60_000);

afterAll(async () => {
  await ext?.close();
  await platforms?.close();
});

const newmediaFindings = async (url: string) =>
  (await settledState(ext.context, ext.extensionId, url)).frames.flatMap((f) => f.findings).filter((f) => f.check === 'newmedia-update');

describe('政务新媒体', () => {
  it('reads nothing on the platforms until the reviewer switches it on in the popup', async () => {
    const url = urlOf('douyin-stale.html');
    const page = await ext.context.newPage();
    await page.goto(url);
    await page.waitForTimeout(1500);
    expect(await page.evaluate(() => !!document.querySelector('govreview-host'))).toBe(false);
    expect(await readHighlights(page)).toEqual([]);

    // The popup (its click reads this tab once) offers 开启政务新媒体审读.
    const popup = await openPopupFor(ext.context, ext.extensionId, url, 'button.grant-newmedia');
    await popup.click('button.grant-newmedia');
    await popup.waitForSelector('button.revoke-newmedia');
    await popup.close();
    // From now on the platforms' pages are read as they open.
    await page.reload();
    await waitForHighlights(page, 1, 20_000);
    const found = await newmediaFindings(url);
    expect(found.map((f) => [f.kind, f.severity, f.text])).toEqual([['account-stale', 'veto', '10月20日']]);
    expect(found[0].message).toContain('2026-10-20');
    await page.close();
  });

  it('flags a stale 公众号 on its newest post’s date; a fresh 微博 account is not flagged despite its old pinned post', async () => {
    const stale = await ext.context.newPage();
    await stale.goto(urlOf('wechat-history-stale.html'));
    await waitForHighlights(stale, 1, 20_000);
    expect((await newmediaFindings(urlOf('wechat-history-stale.html'))).map((f) => [f.kind, f.text])).toEqual([['account-stale', '2026年10月20日']]);
    await stale.close();

    const fresh = await ext.context.newPage();
    await fresh.goto(urlOf('weibo-fresh.html'));
    const state = await settledState(ext.context, ext.extensionId, urlOf('weibo-fresh.html'));
    expect(state.frames.length).toBeGreaterThan(0); // read
    expect(await newmediaFindings(urlOf('weibo-fresh.html'))).toEqual([]);
    // Website-only checks (footer identification, columns) do not run on a platform page.
    expect(state.frames.flatMap((f) => f.findings).filter((f) => f.category === 'identity' || f.check === 'stale-column')).toEqual([]);
    await fresh.close();
  });

  it('files recorded findings under the account (平台, 账号), not under the platform’s host', async () => {
    const page = await ext.context.newPage();
    await page.goto(urlOf('douyin-stale.html'));
    await waitForHighlights(page, 1, 20_000);
    expect(await recordAllFromPopup(ext.context, ext.extensionId, page)).toMatch(/^已记录 1/);
    await page.close();
    const panel = await ext.context.newPage();
    await panel.goto(`chrome-extension://${ext.extensionId}/sidepanel.html`);
    await panel.waitForSelector('.row');
    const tables = await panel.textContent('body');
    expect(tables).toContain('抖音');
    expect(tables).not.toContain('www.douyin.com'); // no site of the platform's host
    await panel.close();
  });

  it('highlights a WeChat article’s typo', async () => {
    const page = await ext.context.newPage();
    await page.goto(urlOf('wechat-article.html'));
    const highlights = await waitForHighlights(page, 1, 20_000);
    expect(highlights.find((h) => h.name === 'govreview-typo')?.texts).toContain('营商环镜');
    await page.close();
  });

  it('an article the reviewer marks as its account’s newest is judged by its date (标为该账号最新发布)', async () => {
    const url = urlOf('wechat-article.html');
    const page = await ext.context.newPage();
    await page.goto(url);
    await waitForHighlights(page, 1, 20_000);
    expect(await newmediaFindings(url)).toEqual([]); // an article says nothing about its account by itself
    // Its date (2026-11-18) is fresh on 2026-11-22; on 2026-12-10 it is 22 days old.
    await sendToBackground(ext.context, ext.extensionId, 'popup→background:setToday', { today: '2026-12-10' });
    const popup = await openPopupFor(ext.context, ext.extensionId, url, 'button.mark-newest');
    await popup.click('button.mark-newest');
    await popup.waitForSelector('button.unmark-newest');
    await popup.close();
    const until = Date.now() + 15_000;
    let found = await newmediaFindings(url);
    while (!found.length && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 300));
      found = await newmediaFindings(url);
    }
    expect(found.map((f) => [f.kind, f.severity])).toEqual([['account-stale', 'veto']]);
    expect(found[0].message).toContain('最新发布（审读人员标记）于 2026-11-18');
    await sendToBackground(ext.context, ext.extensionId, 'popup→background:setToday', { today: '2026-11-22' });
    await page.close();
  });
});
