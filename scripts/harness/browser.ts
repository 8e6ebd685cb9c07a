import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

/** The built extension: `.output/chrome-mv3`, or under GOVREVIEW_OUT_DIR when a build was put elsewhere. */
export const EXTENSION_DIR = process.env.GOVREVIEW_OUT_DIR
  ? resolve(process.env.GOVREVIEW_OUT_DIR, 'chrome-mv3')
  : fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  userDataDir: string;
  close(opts?: { keepProfile?: boolean }): Promise<void>;
}

/** Starts Debian's Chromium headless with the built extension loaded in a fresh (or given) profile. */
export async function launchWithExtension(opts: { userDataDir?: string; headless?: boolean } = {}): Promise<Launched> {
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'govreview-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    userDataDir,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
