/**
 * Asking for the hosts a task needs (least privilege: the extension holds only gov.cn and the demo site;
 * lib/extension/access.ts). Chrome's dialog needs the reviewer's click, so it is asked from the popup or the
 * ledger; the popup may close while the dialog is open, so the background is handed the task and runs it
 * when the permission arrives (or at once when the hosts are held already).
 */
import browser from 'webextension-polyfill';
import type { Client, GrantTask } from '@/lib/extension/protocol';

/** How a task that needs hosts went: run now (held), granted (it runs now), or the reviewer declined. */
export type GrantOutcome = 'ran' | 'granted' | 'denied';

/**
 * Asks for `origins` (match patterns; none: the task needs no grant) inside the click that called it, and hands
 * `task` to the background. Call it first thing in a click handler: Chrome accepts the request only then.
 */
export async function withHosts(send: Client, origins: readonly string[], task: GrantTask): Promise<GrantOutcome> {
  // Asked before anything is awaited, in the click's user activation.
  const asked = origins.length ? browser.permissions.request({ origins: [...origins] }).catch(() => false) : Promise.resolve(true);
  const { ran } = await send('popup→background:whenGranted', { origins: [...origins], task });
  if (ran) return 'ran';
  return (await asked) ? 'granted' : 'denied';
}

/** Asks for the hosts of pages the ledger is about to fetch again (复查); resolves whether all are held now. */
export async function askForPages(origins: readonly string[]): Promise<boolean> {
  if (!origins.length) return true;
  return browser.permissions.request({ origins: [...origins] }).catch(() => false);
}
