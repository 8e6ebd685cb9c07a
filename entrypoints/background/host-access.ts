/**
 * The background's half of "ask for the hosts a task needs" (lib/extension/access.ts): which hosts it may
 * fetch now, a fetch that refuses the others with a clear error instead of a CORS failure that would read as a
 * dead page, and the tasks waiting for the reviewer's grant (the popup asks; it may close while Chrome's
 * dialog is open, so the background carries the task out when the permission arrives).
 */
import browser from 'webextension-polyfill';
import { ALWAYS_MATCHES, matchesAny, originPattern } from '@/lib/extension/access';
import type { GrantTask } from '@/lib/extension/protocol';
import { HostNotGranted } from '@/lib/links/request';

/** Whether the extension holds a host permission for this URL's site (required, or granted by the reviewer). */
export async function mayFetch(url: string): Promise<boolean> {
  if (matchesAny(url, ALWAYS_MATCHES)) return true;
  const pattern = originPattern(url);
  if (!pattern) return false;
  return browser.permissions.contains({ origins: [pattern] }).catch(() => false);
}

/** Splits URLs into those whose sites may be fetched and those whose sites were not granted (asked once per site). */
export async function splitByAccess(urls: readonly string[]): Promise<{ held: string[]; withheld: string[] }> {
  const known = new Map<string, Promise<boolean>>();
  const verdicts = await Promise.all(
    urls.map((url) => {
      const key = originPattern(url) ?? url;
      if (!known.has(key)) known.set(key, mayFetch(url));
      return known.get(key)!;
    }),
  );
  return { held: urls.filter((_, i) => verdicts[i]), withheld: urls.filter((_, i) => !verdicts[i]) };
}

/**
 * fetch for the background's own tasks (link checks, 复查, 全站巡检, 站内搜索): refuses a site that was not granted
 * (HostNotGranted: a link there is skipped, a page there fails with that reason).
 */
export async function grantedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (!(await mayFetch(url))) throw new HostNotGranted(originPattern(url) ?? url);
  return fetch(input, init);
}

const PENDING_KEY = 'pendingGrants';

interface Pending {
  origins: string[];
  task: GrantTask;
  at: number;
}

/**
 * Tasks that wait for the reviewer's grant, kept in storage.session (the worker may stop while Chrome's dialog
 * is open). When permissions are added, each task whose hosts are all held now runs, once. A task older than
 * ten minutes is dropped: the reviewer has moved on.
 */
export class GrantWaiter {
  constructor(private readonly run: (task: GrantTask) => Promise<unknown>) {}

  private async load(): Promise<Pending[]> {
    const got = (await browser.storage.session.get(PENDING_KEY))[PENDING_KEY];
    return Array.isArray(got) ? (got as Pending[]) : [];
  }

  /** Runs the task now when its hosts are held, else when they are granted; returns whether it ran now. */
  async when(origins: readonly string[], task: GrantTask, now = Date.now()): Promise<boolean> {
    if (!origins.length || (await browser.permissions.contains({ origins: [...origins] }).catch(() => false))) {
      await this.run(task);
      return true;
    }
    const pending = (await this.load()).filter((p) => now - p.at < 600_000);
    await browser.storage.session.set({ [PENDING_KEY]: [...pending, { origins: [...origins], task, at: now }] });
    return false;
  }

  /** Called when permissions are added: runs (and forgets) the tasks that can go now. */
  async granted(now = Date.now()): Promise<number> {
    const pending = (await this.load()).filter((p) => now - p.at < 600_000);
    const ready: Pending[] = [];
    const waiting: Pending[] = [];
    for (const p of pending) ((await browser.permissions.contains({ origins: p.origins }).catch(() => false)) ? ready : waiting).push(p);
    await browser.storage.session.set({ [PENDING_KEY]: waiting });
    for (const p of ready) await this.run(p.task).catch((err) => console.warn('[GovReview] a task after the grant failed', err));
    return ready.length;
  }
}
