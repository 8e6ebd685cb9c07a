/**
 * Asking for the hosts a task needs, on WXT's fake browser: its storage is in memory; the permissions API,
 * which the fake lacks, is a set the tests grant into (what Chrome's dialog would do).
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));

const { GrantWaiter, grantedFetch, mayFetch, splitByAccess } = await import('../../../entrypoints/background/host-access');
const { withHosts } = await import('../../../components/host-grant');
const { originsToAsk } = await import('../../../lib/extension/access');
const { HostNotGranted } = await import('../../../lib/links/request');
const { recordedKey } = await import('../../../entrypoints/content/ui');
const { isGrantMissing } = await import('../../../entrypoints/background/recorder');
import type { GrantTask } from '../../../lib/extension/protocol';

/** The origins the reviewer granted; `contains` answers from it, `request` asks the test's `answer`. */
let held: Set<string>;
let asked: string[][];
let answer: (origins: string[]) => boolean;

beforeEach(() => {
  fakeBrowser.reset();
  held = new Set();
  asked = [];
  answer = () => false;
  Object.assign(fakeBrowser.permissions, {
    contains: vi.fn(async ({ origins = [] }: { origins?: string[] }) => origins.every((o) => held.has(o))),
    request: vi.fn(async ({ origins = [] }: { origins?: string[] }) => {
      asked.push(origins);
      if (origins.every((o) => held.has(o))) return true;
      if (!answer(origins)) return false;
      for (const o of origins) held.add(o);
      return true;
    }),
  });
});
afterEach(() => vi.restoreAllMocks());

describe('which hosts need asking', () => {
  it('asks for each site off gov.cn once, never for gov.cn, the demo site or other schemes', () => {
    expect(
      originsToAsk([
        'https://www.yn.gov.cn/a.html',
        'http://gov.cn/',
        'http://127.0.0.1:8080/x',
        'https://zwfw.example.com/a?b=1',
        'https://zwfw.example.com:8443/c',
        'http://news.example.org/d#e',
        'mailto:a@b.cn',
        'javascript:void(0)',
      ]),
    ).toEqual(['https://zwfw.example.com/*', 'http://news.example.org/*']);
  });

  it('splits links into those it may fetch and those whose sites are not granted, asking Chrome once per site', async () => {
    held.add('https://a.example.com/*');
    const { held: ok, withheld } = await splitByAccess([
      'https://www.km.gov.cn/1',
      'https://a.example.com/1',
      'https://a.example.com/2',
      'https://b.example.com/1',
      'https://b.example.com/2',
    ]);
    expect(ok).toEqual(['https://www.km.gov.cn/1', 'https://a.example.com/1', 'https://a.example.com/2']);
    expect(withheld).toEqual(['https://b.example.com/1', 'https://b.example.com/2']);
    // gov.cn needs no question; a.example.com and b.example.com one each.
    expect(vi.mocked(fakeBrowser.permissions.contains).mock.calls).toHaveLength(2);
    expect(await mayFetch('ftp://a.example.com/x')).toBe(false);
  });

  it('grantedFetch refuses a site not granted with HostNotGranted, before any request', async () => {
    const spy = vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('ok'));
    await expect(grantedFetch('https://b.example.com/x')).rejects.toBeInstanceOf(HostNotGranted);
    expect(spy).not.toHaveBeenCalled();
    await grantedFetch('https://www.km.gov.cn/x');
    expect(spy).toHaveBeenCalledTimes(1);
  });
});

describe('tasks that wait for the grant', () => {
  it('runs a task at once when its hosts are held, else once they are granted, once', async () => {
    const ran: GrantTask[] = [];
    const waiter = new GrantWaiter(async (t) => void ran.push(t));
    expect(await waiter.when([], { kind: 'testSearch', tabId: 1 })).toBe(true);
    expect(await waiter.when(['https://a.example.com/*'], { kind: 'checkLinks', tabId: 2 })).toBe(false);
    expect(await waiter.when(['https://b.example.com/*'], { kind: 'autoSite', origin: 'https://b.example.com/*' })).toBe(false);
    expect(ran).toEqual([{ kind: 'testSearch', tabId: 1 }]);
    // Another host granted: nothing waiting for it runs.
    held.add('https://c.example.com/*');
    expect(await waiter.granted()).toBe(0);
    held.add('https://a.example.com/*');
    expect(await waiter.granted()).toBe(1);
    expect(ran.at(-1)).toEqual({ kind: 'checkLinks', tabId: 2 });
    // Run once: a later grant does not run it again.
    held.add('https://b.example.com/*');
    expect(await waiter.granted()).toBe(1);
    expect(await waiter.granted()).toBe(0);
    expect(ran).toHaveLength(3);
  });

  it('keeps waiting tasks in storage.session (a new worker runs them) and drops those older than ten minutes', async () => {
    const first = new GrantWaiter(async () => undefined);
    await first.when(['https://a.example.com/*'], { kind: 'newMedia' }, 1_000);
    await first.when(['https://b.example.com/*'], { kind: 'sweep', tabId: 3 }, 500_000);
    const ran: GrantTask[] = [];
    const second = new GrantWaiter(async (t) => void ran.push(t));
    held.add('https://a.example.com/*');
    held.add('https://b.example.com/*');
    expect(await second.granted(620_000)).toBe(1);
    expect(ran).toEqual([{ kind: 'sweep', tabId: 3 }]);
  });
});

describe('the popup asks, the background acts', () => {
  const background = () => {
    const ran: GrantTask[] = [];
    const waiter = new GrantWaiter(async (t) => void ran.push(t));
    const send = (async (type: string, payload: { origins: string[]; task: GrantTask }) => {
      if (type !== 'popup→background:whenGranted') throw new Error(type);
      return { ran: await waiter.when(payload.origins, payload.task) };
    }) as never;
    return { ran, waiter, send };
  };

  it('asks Chrome for exactly the sites the task needs; granted, the background runs the task when told', async () => {
    const { ran, waiter, send } = background();
    answer = () => true;
    const outcome = await withHosts(send, ['https://a.example.com/*', 'https://b.example.com/*'], { kind: 'checkLinks', tabId: 7 });
    expect(asked).toEqual([['https://a.example.com/*', 'https://b.example.com/*']]);
    expect(outcome).toBe('ran');
    expect(ran).toEqual([{ kind: 'checkLinks', tabId: 7 }]);
    // Chrome's onAdded comes after: the task is not run twice.
    expect(await waiter.granted()).toBe(0);
  });

  it('declined: the task never runs, and the popup hears it', async () => {
    const { ran, waiter, send } = background();
    answer = () => false;
    expect(await withHosts(send, ['https://a.example.com/*'], { kind: 'autoSite', origin: 'https://a.example.com/*' })).toBe('denied');
    expect(await waiter.granted()).toBe(0);
    expect(ran).toEqual([]);
  });

  it('a task that needs no host asks nothing and runs', async () => {
    const { ran, send } = background();
    expect(await withHosts(send, [], { kind: 'testSearch', tabId: 2 })).toBe('ran');
    expect(asked).toEqual([]);
    expect(ran).toEqual([{ kind: 'testSearch', tabId: 2 }]);
  });
});

describe('screenshots without activeTab', () => {
  it("tells Chrome's refusal for want of activeTab from other capture failures", () => {
    expect(isGrantMissing(new Error("Either the '<all_urls>' or 'activeTab' permission is required."))).toBe(true);
    expect(isGrantMissing(new Error('This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.'))).toBe(false);
    expect(isGrantMissing('Tabs cannot be edited right now')).toBe(false);
  });

  it('the card says a record without its screenshot needs the toolbar click; a record made before says so', () => {
    expect(recordedKey({ created: true })).toBe('recorded');
    expect(recordedKey({ created: true, noScreenshot: 'permission' })).toBe('recordedNoShot');
    expect(recordedKey({ created: true, noScreenshot: 'failed' })).toBe('recorded');
    expect(recordedKey({ created: false, noScreenshot: 'permission' })).toBe('recordedBefore');
  });
});
