/**
 * The reviewer's settings in storage.local (key `settings`), owned by the background: read normalised, and
 * changed only through `updateSettings`, which queues changes (two read-modify-writes at once would each write
 * over the other's) and then tells the tabs what they need to know.
 */
import browser from 'webextension-polyfill';
import { normalizeSettings, type Settings } from '@/lib/extension/settings';

/** What the tabs are told after a change: nothing, the new pause state and date, or to scan again. */
export type Tell = 'none' | 'notify' | 'rescan';

export async function loadSettings(): Promise<Settings> {
  const got = await browser.storage.local.get('settings');
  return normalizeSettings(got.settings);
}

let queue: Promise<unknown> = Promise.resolve();
let broadcaster: (s: Settings, rescan: boolean) => Promise<void> = async () => undefined;

/** Who tells the tabs (the background's broadcast; a test's spy). */
export function onSettingsChanged(fn: (s: Settings, rescan: boolean) => Promise<void>): void {
  broadcaster = fn;
}

/**
 * The one way settings change: read, change, normalise, write (queued), then tell the tabs: `notify` (pause
 * state and review date), `rescan` (what the checks depend on: the date, 忽略 entries) or nothing.
 */
export function updateSettings(change: (s: Settings) => Settings, tell: Tell = 'none'): Promise<Settings> {
  const run = queue.then(async () => {
    const next = normalizeSettings(change(await loadSettings()));
    await browser.storage.local.set({ settings: next });
    if (tell !== 'none') void broadcaster(next, tell === 'rescan').catch(() => undefined);
    return next;
  });
  queue = run.catch(() => undefined);
  return run;
}
