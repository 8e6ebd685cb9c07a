/**
 * A site the runtime may not reach (an extension without the reviewer's grant for the host): the fetch throws
 * HostNotGranted, and the link is skipped with that reason, never reported dead, never retried, and not cached
 * (the reviewer may grant it, and the next check must ask the network).
 */
import { describe, expect, it } from 'vitest';
import { LinkChecker } from '../../../lib/links';
import { HostNotGranted } from '../../../lib/links/request';

describe('links on sites not granted', () => {
  it('are skipped (not-granted) with the site named, asked once, and checked for real once the site is granted', async () => {
    const granted = new Set<string>();
    const calls: string[] = [];
    const fetchImpl = (async (input: RequestInfo | URL) => {
      const url = String(input instanceof Request ? input.url : input);
      calls.push(url);
      const host = new URL(url).host;
      if (!granted.has(host)) throw new HostNotGranted(`https://${host}/*`);
      return new Response('<html><head><title>通知</title></head><body>正文</body></html>', { status: 200, headers: { 'content-type': 'text/html' } });
    }) as typeof fetch;
    const checker = new LinkChecker({ fetch: fetchImpl, sleep: async () => undefined, redirects: 'follow' });
    const first = await checker.check('https://www.example.com/a.html');
    expect(first.verdict).toBe('skipped');
    expect(first.code).toBe('not-granted');
    expect(first.reason['zh-CN']).toBe('未获授权访问该网站（https://www.example.com/*），不检查');
    // No retry: one request only.
    expect(calls).toHaveLength(1);
    granted.add('www.example.com');
    const second = await checker.check('https://www.example.com/a.html');
    expect(second.verdict).toBe('ok');
    expect(calls).toHaveLength(2);
  });

  it('a real network failure is still an error after its retry (the two are told apart)', async () => {
    let n = 0;
    const fetchImpl = (async () => {
      n++;
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const checker = new LinkChecker({ fetch: fetchImpl, sleep: async () => undefined, redirects: 'follow' });
    const r = await checker.check('https://www.example.com/b.html');
    expect(r.verdict).toBe('error');
    expect(r.code).toBe('network');
    expect(n).toBeGreaterThan(1);
  });
});
