/**
 * The order in which the checker sends its requests: a retry backoff holds no slot, a chain under way goes
 * before links not yet begun, failing and slow directories go before quick ones, and the per-host bound
 * holds whatever the order. An injected fetch answers when the test says (nothing leaves the process), an
 * injected sleep ends when the test says, and an injected clock moves only when the test moves it: no test
 * here depends on how fast the machine is.
 */
import { describe, expect, it } from 'vitest';
import { LinkChecker, type LinkCheckerOptions } from '../../../lib/links';

const SITE = 'http://127.0.0.1:9';
const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于做好防汛工作的通知</title></head><body><p>${'各县（区）人民政府，市直各部门：现就有关事项通知如下。'.repeat(20)}</p></body></html>`;

interface Call {
  path: string;
  method: string;
  /** Answers the request (200 with a page by default). */
  answer: (status?: number, headers?: Record<string, string>) => void;
  answered: boolean;
}

/** A fetch whose requests wait for the test, or are answered at once by `auto` (a status, or undefined to wait). */
function harness(auto: (path: string) => number | undefined = () => undefined, opts: LinkCheckerOptions = {}) {
  const calls: Call[] = [];
  const inFlight = new Map<string, number>();
  let peak = 0;
  const fakeFetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    new Promise<Response>((resolve) => {
      const url = new URL(String(input));
      inFlight.set(url.host, (inFlight.get(url.host) ?? 0) + 1);
      peak = Math.max(peak, inFlight.get(url.host)!);
      const call: Call = {
        path: url.pathname,
        method: init?.method ?? 'GET',
        answered: false,
        answer: (status = 200, headers = {}) => {
          if (call.answered) return;
          call.answered = true;
          inFlight.set(url.host, inFlight.get(url.host)! - 1);
          const body = call.method === 'HEAD' || status === 204 ? null : status === 200 ? PAGE : `<h1>${status}</h1>`;
          resolve(new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } }));
        },
      };
      calls.push(call);
      const status = auto(url.pathname);
      if (status !== undefined) call.answer(status);
    })) as typeof fetch;
  const sleeps: Array<{ ms: number; end: () => void }> = [];
  const sleep = (ms: number) => new Promise<void>((end) => sleeps.push({ ms, end }));
  const clock = { now: 0 };
  const checker = new LinkChecker({ fetch: fakeFetch, sleep, now: () => clock.now, ...opts });
  /** Lets the checker run until `ready()` holds (it fails the test if that never comes). */
  const until = async (ready: () => boolean, what = 'the checker to get there') => {
    for (let i = 0; i < 500 && !ready(); i++) await new Promise((r) => setTimeout(r, 0));
    if (!ready()) throw new Error(`waited in vain for ${what}; requests so far: ${calls.map((c) => c.path).join(' ')}`);
  };
  const waiting = () => calls.filter((c) => !c.answered);
  return { checker, calls, sleeps, clock, until, waiting, peak: () => peak, paths: () => calls.map((c) => c.path) };
}

const links = (...paths: string[]) => paths.map((p) => `${SITE}${p}`);

describe('retry waits', () => {
  it('a link waiting out its retry backoff holds no slot: the next link goes meanwhile', async () => {
    const h = harness(() => undefined, { perHost: 1 });
    const all = h.checker.checkAll(links('/a/down.html', '/b/page.html'));
    await h.until(() => h.calls.length === 1, 'the first request');
    h.calls[0].answer(503);
    await h.until(() => h.sleeps.length === 1, 'the retry wait');
    expect(h.sleeps[0].ms).toBe(1000);
    // The only slot is free during the wait: the other link is requested before the wait ends.
    await h.until(() => h.calls.length === 2, 'the second link while the first one waits');
    expect(h.paths()).toEqual(['/a/down.html', '/b/page.html']);
    h.calls[1].answer(200);
    h.sleeps[0].end();
    await h.until(() => h.calls.length === 3, 'the retry');
    expect(h.calls[2].path).toBe('/a/down.html');
    h.calls[2].answer(200);
    expect((await all).map((r) => r.verdict)).toEqual(['ok', 'ok']);
    expect(h.peak()).toBe(1);
  });

  it('a retry whose wait is over goes before links not yet begun', async () => {
    const h = harness(() => undefined, { perHost: 1 });
    const all = h.checker.checkAll(links('/a/flaky.html', '/b/1.html', '/b/2.html', '/b/3.html'));
    await h.until(() => h.calls.length === 1);
    h.calls[0].answer(500);
    await h.until(() => h.calls.length === 2 && h.sleeps.length === 1);
    // /b/1.html holds the slot; the retry's wait ends now, while /b/2.html and /b/3.html still wait.
    h.sleeps[0].end();
    await new Promise((r) => setTimeout(r, 0));
    h.calls[1].answer(200);
    await h.until(() => h.calls.length === 3);
    expect(h.calls[2].path).toBe('/a/flaky.html');
    h.calls[2].answer(200);
    await h.until(() => h.calls.length === 4);
    h.calls[3].answer(200);
    await h.until(() => h.calls.length === 5);
    h.calls[4].answer(200);
    expect((await all).every((r) => r.verdict === 'ok')).toBe(true);
    expect(h.paths()).toEqual(['/a/flaky.html', '/b/1.html', '/a/flaky.html', '/b/2.html', '/b/3.html']);
  });

  it('the siblings of a link that must be retried start before quicker links, so their waits overlap', async () => {
    // Page order puts the second failing link last; in page order its wait would start after all the others.
    const h = harness((p) => (p.startsWith('/down/') ? 503 : 200), { perHost: 1 });
    const all = h.checker.checkAll(links('/down/2026/1.html', '/xxgk/2026/1.html', '/xxgk/2026/2.html', '/xxgk/2026/3.html', '/down/2026/2.html'));
    await h.until(() => h.sleeps.length === 2, 'both failing links waiting to retry');
    // Only the directory's first link (and one link of the unknown /xxgk/ to try it) went before it.
    expect(h.paths().slice(0, 3)).toEqual(['/down/2026/1.html', '/xxgk/2026/1.html', '/down/2026/2.html']);
    for (const s of h.sleeps) s.end();
    const results = await all;
    expect(results.map((r) => r.verdict)).toEqual(['error', 'ok', 'ok', 'ok', 'error']);
    expect(h.paths().filter((p) => p.startsWith('/down/'))).toHaveLength(4); // one retry each
  });
});

describe('longest first', () => {
  it('links of a directory seen to be slow go before links of a quick one, whatever the page order', async () => {
    const h = harness(() => undefined, { perHost: 2 });
    const all = h.checker.checkAll(links('/slow/1.html', '/slow/2.html', '/quick/1.html', '/quick/2.html', '/quick/3.html', '/slow/3.html'));
    await h.until(() => h.calls.length === 2);
    h.clock.now = 400;
    h.calls[0].answer(); // /slow/1.html took 400 ms
    await h.until(() => h.calls.length === 3);
    expect(h.calls[2].path).toBe('/quick/1.html'); // a directory not tried yet goes first
    h.calls[2].answer(); // /quick/1.html took no time
    await h.until(() => h.calls.length === 4);
    expect(h.calls[3].path).toBe('/slow/3.html'); // in page order it would come last
    while (h.calls.length < 6 || h.waiting().length > 0) {
      for (const c of h.waiting()) c.answer();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect((await all).every((r) => r.verdict === 'ok')).toBe(true);
    expect(h.paths()).toEqual(['/slow/1.html', '/slow/2.html', '/quick/1.html', '/slow/3.html', '/quick/2.html', '/quick/3.html']);
  });

  it('a directory not tried yet goes before the known ones, one directory at a time', async () => {
    const h = harness(() => undefined, { perHost: 3 });
    const all = h.checker.checkAll(links('/slow/1.html', '/slow/2.html', '/slow/3.html', '/slow/4.html', '/a/1.html', '/b/1.html', '/slow/5.html'));
    await h.until(() => h.calls.length === 3);
    h.clock.now = 50;
    h.calls[0].answer();
    await h.until(() => h.calls.length === 4);
    expect(h.calls[3].path).toBe('/a/1.html');
    // While /a/ is being tried, the next free slot goes to a known (slow) link, not to /b/.
    h.calls[1].answer();
    await h.until(() => h.calls.length === 5);
    expect(h.calls[4].path).toBe('/slow/4.html');
    h.calls[3].answer(); // /a/ answered: now /b/ is tried
    await h.until(() => h.calls.length === 6);
    expect(h.calls[5].path).toBe('/b/1.html');
    while (h.calls.length < 7 || h.waiting().length > 0) {
      for (const c of h.waiting()) c.answer();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect((await all).every((r) => r.verdict === 'ok')).toBe(true);
    expect(h.calls[6].path).toBe('/slow/5.html');
  });
});

describe('per-host bound under the scheduler', () => {
  it('never more than 6 requests at once to a host, with failing, slow and quick directories mixed', async () => {
    const dirs = ['/slow/', '/down/', '/xxgk/', '/files/', '/rate/', '/old/'];
    const hrefs = Array.from({ length: 60 }, (_, i) => `${SITE}${dirs[i % dirs.length]}2026/${i}.${i % 6 === 3 ? 'pdf' : 'html'}`);
    const other = Array.from({ length: 10 }, (_, i) => `http://127.0.0.2:9/xxgk/${i}.html`);
    const h = harness(() => undefined, { global: 8 });
    let finished = false;
    const all = h.checker.checkAll([...hrefs, ...other]).finally(() => {
      finished = true;
    });
    // Answer the oldest request waiting, one at a time, moving the clock; retry waits end at once.
    while (!finished) {
      await h.until(() => finished || h.waiting().length > 0 || h.sleeps.length > 0, 'a request or a retry wait');
      for (const s of h.sleeps.splice(0)) s.end();
      const next = h.waiting()[0];
      if (!next) continue;
      h.clock.now += next.path.startsWith('/slow/') ? 300 : 1;
      next.answer(next.path.startsWith('/down/') ? 503 : next.path.startsWith('/rate/') ? 429 : 200);
    }
    const results = await all;
    expect(results).toHaveLength(70);
    expect(results.filter((r) => r.code === 'http-5xx')).toHaveLength(10);
    const stats = h.checker.stats();
    expect(stats.peakByHost[SITE]).toBe(6); // the bound is used, and never passed
    expect(stats.peakByHost['http://127.0.0.2:9']).toBeLessThanOrEqual(6);
    expect(stats.peakGlobal).toBe(8);
    expect(h.peak()).toBeLessThanOrEqual(6);
  });
});
