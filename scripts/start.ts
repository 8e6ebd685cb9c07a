/**
 * `npm start`: builds the extension, serves the bundled demo site on 127.0.0.1 and opens Chromium
 * with GovReview on it. With a display it opens a window and waits; without one (or with CI set,
 * or --headless) it visits every demo page headless, writes screenshots with the highlights and a
 * findings summary to out/demo/, records every finding as a reviewer would (popup 全部记录, with screenshot
 * evidence), and exports the round from the ledger (the ZIP with CSV, report and screenshots), and says where.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';
import { launchWithExtension } from './harness/browser';
import { NEWMEDIA_MATCHES } from '../lib/extension/access';
import { openPopupFor, settledState } from './harness/page-helpers';
import { servePlatforms, type PlatformPageSpec } from './harness/platform-server';
import { serveDir } from './serve.mjs';
import { categoryLabel, severityLabel } from '../lib/i18n/labels';
import type { Finding } from '../lib/engine/types';

const args = process.argv.slice(2);
const headless = args.includes('--headless') || !!process.env.CI || !process.env.DISPLAY;
const outDir = resolve(args.find((a) => a.startsWith('--out='))?.slice(6) ?? 'out/demo');
// The demo's 政务新媒体 pages, under the platforms' own names (assets/demo-newmedia/pages.json).
const newMediaList = JSON.parse(readFileSync(resolve('assets/demo-newmedia/pages.json'), 'utf8')) as { dir: string; pages: PlatformPageSpec[] };
const newMediaDir = resolve(newMediaList.dir);
const newMediaPages = newMediaList.pages;
const PAGES = [
  'index.html',
  'dibao.html',
  'article.html',
  'context.html',
  'xcdt.html',
  'fanti.html',
  'yjs.html',
  'ghjd.html',
  'tzgg.html',
  'english.html',
  'gzdt.html',
  'zcjd.html',
  'no-footer.html',
  'no-jiucuo.html',
  'bszn.html',
  'bsid.html',
  'hdjl.html',
  'gbk.html',
  'csp.html',
  'frame-host.html',
  'long.html',
  // Two departments' sub-sites: a home page without search, then one whose search is broken (tested by itself
  // once per site and round, since the site is in the ledger by then).
  'rsj/index.html',
  'jyj/index.html',
  // 政务新媒体: a stale 公众号 and 抖音 account, a fresh 微博 with an old pinned post, a WeChat article with a typo.
  ...newMediaPages.map((p) => `newmedia:${p.file}`),
];
/** Pages whose findings include the site-search test's: wait for its result after the first scan. */
const AFTER_SEARCH_TEST = new Set(['jyj/index.html']);

ensureChromium();
if (!args.includes('--no-build')) {
  const b = spawnSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  if (b.status !== 0) {
    console.error('govreview: the extension did not build');
    process.exit(1);
  }
}

const root = resolve('assets/demo-site');
const child = await serveDir(root, { port: 0 });
const site = await serveDir(root, { port: Number(process.env.PORT ?? 8620) }).catch(() => serveDir(root, { port: 0 }));
const pageUrl = (p: string) =>
  p.startsWith('newmedia:')
    ? platforms.urlOf(p.slice('newmedia:'.length))
    : p === 'frame-host.html'
      ? `${site.url}/frame-host.html?child=${encodeURIComponent(`${child.url}/frame-child.html`)}`
      : `${site.url}/${p}`;
console.log(`Demo site: ${site.url}/index.html (frames from ${child.url})`);

const platforms = await servePlatforms(newMediaDir, newMediaPages);
// The demo's reviewer has granted the platforms' hosts (what 开启政务新媒体审读 asks Chrome for; a headless browser
// cannot click the dialog, so the profile holds the grant as the dialog leaves it).
const browser = await launchWithExtension({ headless, args: platforms.args, grantedHosts: [...NEWMEDIA_MATCHES] });
// The demo pages are dated for a review on 2026-11-22 (--today=YYYY-MM-DD to pick another 审读日期).
const reviewDate = args.find((a) => a.startsWith('--today='))?.slice(8) ?? '2026-11-22';
{
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  await popup.evaluate(
    (t) =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
        govreview: 1,
        type: 'popup→background:setToday',
        payload: { today: t },
      }),
    reviewDate,
  );
  // 开启政务新媒体审读, as the reviewer does in the popup on a platform page.
  await popup.evaluate(() =>
    (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
      govreview: 1,
      type: 'popup→background:setNewMedia',
      payload: { on: true },
    }),
  );
  await popup.close();
}
if (!headless) {
  const page = await browser.context.newPage();
  await page.goto(pageUrl('index.html'));
  console.log('Chromium is open with GovReview loaded. Close the window (or press Ctrl+C) to stop.');
  await new Promise<void>((done) => {
    browser.context.on('close', () => done());
    process.on('SIGINT', () => done());
  });
  await browser.close().catch(() => undefined);
  await Promise.all([site.close(), child.close(), platforms.close()]);
  process.exit(0);
}

mkdirSync(outDir, { recursive: true });
const summary: Array<{ page: string; url: string; screenshot: string; findings: Finding[]; errors: unknown[] }> = [];
const page = await browser.context.newPage();
for (const p of PAGES) {
  const url = pageUrl(p);
  await page.goto(url, { waitUntil: 'load' });
  // Wait until every frame of the page has been scanned with every resource (the language model loads
  // lazily: its findings come with a rescan).
  const frames = 1 + page.frames().filter((f) => f !== page.mainFrame() && f.url().startsWith('http')).length;
  let state = await settledState(browser.context, browser.extensionId, url, frames);
  for (let until = Date.now() + 20_000; AFTER_SEARCH_TEST.has(p) && Date.now() < until; ) {
    if (state.frames.some((f) => f.findings.some((x) => x.check === 'site-search'))) break;
    await new Promise((r) => setTimeout(r, 300));
    state = await settledState(browser.context, browser.extensionId, url, frames);
  }
  await page.bringToFront();
  const shot = resolve(outDir, p.replace(/\.html$/, '.png').replace(/[/:]/g, '-'));
  await page.screenshot({ path: shot, fullPage: p !== 'long.html' });
  summary.push({ page: p, url, screenshot: shot, findings: state.frames.flatMap((f) => f.findings), errors: state.frames.flatMap((f) => f.errors) });
  // 全部记录 in the popup: each finding into the round, with a screenshot of the page marking it.
  if (state.frames.some((f) => f.findings.length)) {
    const popup = await openPopupFor(browser.context, browser.extensionId, url);
    await page.bringToFront(); // the visible tab is what gets captured
    await popup.click('button.record-all');
    await popup.waitForFunction(() => /^已记录/.test(document.querySelector('.record-msg')?.textContent ?? ''), null, { timeout: 60_000 });
    await popup.close();
  }
}

// The ledger (审读台账) with the round's findings, and its export: what a reviewer hands over.
const ledger = await browser.context.newPage();
await ledger.setViewportSize({ width: 900, height: 900 });
await ledger.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
await ledger.waitForSelector('.row');
await ledger.waitForSelector('.scores li'); // each site's result by the indicators
await ledger.screenshot({ path: resolve(outDir, 'ledger.png') });
const [download] = await Promise.all([ledger.waitForEvent('download'), ledger.click('button.export')]);
const exportZip = resolve(outDir, download.suggestedFilename());
await download.saveAs(exportZip);
const recordedCount = (await ledger.textContent('.count'))?.trim() ?? '';
await ledger.close();

// One more picture: the card a reviewer sees on clicking a highlighted finding.
await page.goto(pageUrl('dibao.html'));
await page.waitForFunction(() => (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.size > 0, null, { timeout: 15_000 });
const box = await page.evaluate(() => {
  const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('govreview-privacy');
  const r = h ? [...h][0]?.getBoundingClientRect() : undefined;
  return r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
});
if (box) {
  await page.mouse.click(box.x, box.y);
  await page.waitForTimeout(300);
  await page.screenshot({ path: resolve(outDir, 'card.png') });
}
await browser.close();
await Promise.all([site.close(), child.close(), platforms.close()]);

const lines = ['# GovReview demo run', '', `Site: ${site.url}`, ''];
for (const s of summary) {
  lines.push(`## ${s.page} — ${s.findings.length} 个问题`, '', `截图: ${s.screenshot}`, '');
  for (const f of s.findings)
    lines.push(
      `- [${severityLabel(f.severity)}] ${categoryLabel(f.category)} · ${f.message}${f.text ? ` · 原文「${f.text}」` : ''}${f.suggestion ? ` · 建议「${f.suggestion}」` : ''}`,
    );
  if (s.errors.length) lines.push(`- 检查出错: ${JSON.stringify(s.errors)}`);
  lines.push('');
}
writeFileSync(resolve(outDir, 'summary.md'), lines.join('\n'));
writeFileSync(resolve(outDir, 'summary.json'), JSON.stringify(summary, null, 2));
for (const s of summary) console.log(`${s.page.padEnd(18)} ${String(s.findings.length).padStart(3)} findings  ${s.screenshot}`);
console.log(`\nScreenshots and the findings summary are in ${outDir} (summary.md, summary.json, card.png).`);
console.log(`Recorded into the round: ${recordedCount}; the ledger is in ledger.png and its export (findings.csv, report.html, screenshots) in ${exportZip}.`);
