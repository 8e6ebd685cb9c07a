/**
 * `npx tsx scripts/screenshots.ts`: the README's pictures (docs/screenshots/*.png) of the built extension.
 * Builds nothing: it takes the extension from GOVREVIEW_OUT_DIR (or .output), serves the demo site, opens its
 * article page in headless Chromium, opens a finding's card, records two findings as a reviewer does (记录 on
 * the card), and photographs the page with its highlights and an open card, the popup and the ledger (审读台账)
 * with the round's chart. `--out=<dir>` writes elsewhere.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Finding } from '../lib/engine/types';
import { EXTENSION_DIR, launchWithExtension } from './harness/browser';
import { openCard, openPopupFor, recordFromCard, sendToBackground, settledState } from './harness/page-helpers';
import { serveDir } from './serve.mjs';

const args = process.argv.slice(2);
const outDir = resolve(args.find((a) => a.startsWith('--out='))?.slice(6) ?? 'docs/screenshots');
/** The demo pages are dated for a review on this day (the 审读日期). */
const REVIEW_DATE = '2026-11-22';
/** Over this a PNG is too heavy for the README. */
const MAX_BYTES = 300 * 1024;

if (!existsSync(resolve(EXTENSION_DIR, 'manifest.json'))) {
  console.error(`screenshots: no built extension in ${EXTENSION_DIR} (run \`npx wxt build\`, or set GOVREVIEW_OUT_DIR)`);
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const site = await serveDir(resolve('assets/demo-site'), { port: 0 });
const browser = await launchWithExtension();
const written: string[] = [];
try {
  const { context, extensionId } = browser;
  await sendToBackground(context, extensionId, 'popup→background:setToday', { today: REVIEW_DATE });

  const url = `${site.url}/article.html`;
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(url, { waitUntil: 'load' });
  const state = await settledState(context, extensionId, url);
  const inText = state.frames.flatMap((f) => f.findings).filter((f) => f.text && f.start !== undefined);
  // Two findings of different categories where the page has them (the chart then shows both).
  const picked: Finding[] = [];
  for (const f of inText) if (picked.length < 2 && !picked.some((p) => p.category === f.category)) picked.push(f);
  for (const f of inText) if (picked.length < 2 && !picked.includes(f)) picked.push(f);
  if (picked.length < 2) throw new Error(`screenshots: ${url} has ${inText.length} findings in its text, 2 wanted`);

  await page.bringToFront(); // the visible tab is what the evidence captures
  for (const f of picked) console.log(`记录 ${f.text}: ${await recordFromCard(page, f.category, f.text)}`);
  // Let the toast go, then the page as a reviewer sees it: highlights and the first finding's card open.
  await page.waitForTimeout(2200);
  await page.evaluate(() => window.scrollTo(0, 0));
  await openCard(page, picked[0].category, picked[0].text);
  await page.waitForTimeout(200);
  written.push(await shoot(page, 'page-card.png'));

  const popup = await openPopupFor(context, extensionId, url);
  await popup.setViewportSize({ width: 380, height: 640 });
  await popup.waitForSelector('.site-line'); // the site the page is filed under, read after recording
  await popup.waitForTimeout(300);
  written.push(await shoot(popup, 'popup.png'));
  await popup.close();

  const ledger = await context.newPage();
  await ledger.setViewportSize({ width: 900, height: 800 });
  await ledger.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await ledger.waitForSelector('.row');
  await ledger.waitForSelector('svg.chart-sites rect');
  await ledger.waitForTimeout(300);
  written.push(await shoot(ledger, 'ledger.png'));
  await ledger.close();
} finally {
  await browser.close();
  await site.close();
}
for (const file of written) console.log(`${file}  ${Math.round(statSync(file).size / 1024)} KB`);

/** One PNG of the page's viewport into outDir; refuses one over MAX_BYTES (make the view smaller instead). */
async function shoot(p: import('playwright-core').Page, name: string): Promise<string> {
  const file = resolve(outDir, name);
  await p.screenshot({ path: file });
  const size = statSync(file).size;
  if (size > MAX_BYTES) throw new Error(`screenshots: ${name} is ${Math.round(size / 1024)} KB, over ${MAX_BYTES / 1024} KB`);
  return file;
}
