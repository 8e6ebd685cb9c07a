import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

/** The built extension: `.output/chrome-mv3`, or under GOVREVIEW_OUT_DIR when a build was put elsewhere. */
export const EXTENSION_DIR = process.env.GOVREVIEW_OUT_DIR
  ? resolve(process.env.GOVREVIEW_OUT_DIR, 'chrome-mv3')
  : fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker; `reloadExtension` replaces it with the new one. */
  worker: Worker;
  userDataDir: string;
  /** The unpacked extension Chromium loaded (EXTENSION_DIR unless another was given). */
  extensionDir: string;
  close(opts?: { keepProfile?: boolean }): Promise<void>;
}

export interface LaunchOptions {
  /** A profile to reuse (a browser restart); a fresh temporary one when absent. */
  userDataDir?: string;
  headless?: boolean;
  /** Another unpacked copy of the extension (an update test edits its manifest); EXTENSION_DIR by default. */
  extensionDir?: string;
  /**
   * Switches on 开发者模式 in the profile, as a reviewer who loads the unpacked extension has it. Chromium
   * disables an unpacked extension that is reloaded (chrome.runtime.reload(), the 重新加载 button) while it
   * is off (DISABLE_UNSUPPORTED_DEVELOPER_EXTENSION); loading it from the command line at start does not need it.
   */
  developerMode?: boolean;
  /** More Chromium switches (e.g. --host-resolver-rules to serve the 政务新媒体 fixtures under the platforms' names). */
  args?: string[];
  /**
   * Optional host permissions (match patterns) already granted, as after a reviewer accepted Chrome's dialog
   * (a headless browser cannot click it): written into the profile before Chromium starts.
   */
  grantedHosts?: string[];
}

/** The id Chromium gives an unpacked extension: the SHA-256 of its absolute path, first 32 hex digits as a–p. */
export function unpackedExtensionId(extensionDir: string): string {
  return createHash('sha256')
    .update(resolve(extensionDir))
    .digest('hex')
    .slice(0, 32)
    .replace(/./g, (c) => String.fromCharCode(97 + Number.parseInt(c, 16)));
}

/**
 * Records optional host permissions as granted in a profile (extensions.settings.<id>.granted_permissions and
 * active_permissions in Preferences, which Chromium reads at start), the state Chrome's dialog leaves.
 */
export function grantHostsInProfile(userDataDir: string, extensionDir: string, hosts: readonly string[]): void {
  const file = join(userDataDir, 'Default', 'Preferences');
  mkdirSync(join(userDataDir, 'Default'), { recursive: true });
  type Perms = { api?: string[]; explicit_host?: string[]; manifest_permissions?: string[]; scriptable_host?: string[] };
  type Prefs = { extensions?: { settings?: Record<string, { granted_permissions?: Perms; active_permissions?: Perms }> } };
  const prefs = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as Prefs;
  const id = unpackedExtensionId(extensionDir);
  const settings = (prefs.extensions ??= {}).settings ?? {};
  const entry = settings[id] ?? {};
  for (const key of ['granted_permissions', 'active_permissions'] as const) {
    const p = entry[key] ?? { api: [], manifest_permissions: [], scriptable_host: [] };
    entry[key] = { ...p, explicit_host: [...new Set([...(p.explicit_host ?? []), ...hosts])] };
  }
  prefs.extensions.settings = { ...settings, [id]: entry };
  writeFileSync(file, JSON.stringify(prefs));
}

/** The flags every test browser starts with: the extension loaded, nothing of Chromium's own phoning home. */
export function extensionArgs(extensionDir: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
}

/**
 * Starts Debian's Chromium headless with the built extension loaded in a fresh (or given) profile.
 * An unpacked extension's id follows its path, so the same extension dir and profile give the same
 * extension, with the same storage and database.
 */
export async function launchWithExtension(opts: LaunchOptions = {}): Promise<Launched> {
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'govreview-profile-'));
  const extensionDir = opts.extensionDir ?? EXTENSION_DIR;
  if (opts.developerMode) setDeveloperMode(userDataDir);
  if (opts.grantedHosts?.length) grantHostsInProfile(userDataDir, extensionDir, opts.grantedHosts);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    viewport: { width: 1280, height: 900 },
    args: [
      ...extensionArgs(extensionDir),
      '--disable-quic',
      // Lets the tests click the toolbar button (CDP Extensions.triggerAction): the reviewer's click that grants activeTab.
      '--enable-unsafe-extension-debugging',
      ...(opts.args ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    userDataDir,
    extensionDir,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Sets extensions.ui.developer_mode in the profile's Preferences (kept: Chromium merges the file at start). */
function setDeveloperMode(userDataDir: string): void {
  const file = join(userDataDir, 'Default', 'Preferences');
  mkdirSync(join(userDataDir, 'Default'), { recursive: true });
  const prefs = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as { extensions?: { ui?: Record<string, unknown> } };
  prefs.extensions = { ...prefs.extensions, ui: { ...prefs.extensions?.ui, developer_mode: true } };
  writeFileSync(file, JSON.stringify(prefs));
}

/** Copies the built extension to a new temporary dir (to be edited, e.g. its version), and returns the dir. */
export function copyExtension(from: string = EXTENSION_DIR): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'govreview-ext-')), 'chrome-mv3');
  cpSync(from, dir, { recursive: true });
  return dir;
}

/** The `version` of an unpacked extension's manifest.json. */
export function manifestVersion(extensionDir: string): string {
  return (JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as { version: string }).version;
}

/** Rewrites the `version` of an unpacked extension's manifest.json (what an update ships), keeping the rest. */
export function setManifestVersion(extensionDir: string, version: string): void {
  const file = join(extensionDir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { version: string };
  manifest.version = version;
  writeFileSync(file, JSON.stringify(manifest));
}

/**
 * Reloads the extension from its dir, as Chrome applies an update to an unpacked extension
 * (chrome.runtime.reload() from its service worker), and waits for the new worker, which becomes
 * `launched.worker`. Pages of the old version (popup, side panel) close with it.
 */
export async function reloadExtension(launched: Launched, timeout = 20_000): Promise<Worker> {
  const old = launched.worker;
  const next = launched.context.waitForEvent('serviceworker', { predicate: (w) => w !== old && new URL(w.url()).host === launched.extensionId, timeout });
  // The worker goes away while answering: the evaluation may reject, which is the point.
  await old.evaluate('chrome.runtime.reload()').catch(() => undefined);
  launched.worker = await next;
  return launched.worker;
}

/**
 * Clicks the extension's toolbar button for the tab showing `page`, as a reviewer does: Chromium runs the
 * action (the popup opens) and grants activeTab for that tab. Through the browser's DevTools session
 * (Extensions.triggerAction on the tab's target; needs --enable-unsafe-extension-debugging).
 */
export async function clickToolbarButton(launched: { context: BrowserContext; extensionId: string }, page: Page): Promise<void> {
  await triggerAction(launched.context, launched.extensionId, page);
}

/** The id of the extension loaded in this context (from its service worker's URL). */
export function extensionIdOf(context: BrowserContext): string {
  const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  if (!worker) throw new Error('no extension service worker in this context');
  return new URL(worker.url()).host;
}

/**
 * The reviewer clicks the toolbar button on this page's tab before recording from the card (what grants
 * activeTab, without which Chrome takes no screenshot; it lasts while the tab stays on the site).
 */
export async function grantActiveTab(page: Page): Promise<void> {
  const context = page.context();
  const id = extensionIdOf(context);
  await triggerAction(context, id, page);
  // Chromium grants it a moment after the click: wait until a capture of the tab in front succeeds, then
  // leave Chrome's budget of two captures a second to the extension.
  const worker = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${id}/`))!;
  for (const until = Date.now() + 5000; ; ) {
    const ok = await worker.evaluate(() =>
      (globalThis as unknown as { chrome: { tabs: { captureVisibleTab(): Promise<string> } } }).chrome.tabs.captureVisibleTab().then(
        () => true,
        () => false,
      ),
    );
    if (ok) break;
    if (Date.now() > until) throw new Error('grantActiveTab: Chromium gave no activeTab grant');
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 1100));
}

async function triggerAction(context: BrowserContext, extensionId: string, page: Page): Promise<void> {
  const browser = context.browser();
  if (!browser) throw new Error('clickToolbarButton: no browser session');
  // The reviewer clicks the button of the tab in front (Chromium runs the action for the window's active tab);
  // CDP names a tab target only by its URL, so the tab in front is how this page's tab is told from others.
  await page.bringToFront();
  const session = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await session.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as {
      targetInfos: Array<{ type: string; url: string; targetId: string; embedderData?: { tabActive?: boolean } }>;
    };
    const tabs = targetInfos.filter((t) => t.type === 'tab' && t.url === page.url());
    const tab = tabs.find((t) => t.embedderData?.tabActive) ?? tabs[0];
    if (!tab) throw new Error(`clickToolbarButton: no tab target for ${page.url()}`);
    await session.send('Extensions.triggerAction' as 'Target.getTargets', { id: extensionId, targetId: tab.targetId } as never);
  } finally {
    await session.detach();
  }
}
