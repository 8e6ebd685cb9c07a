import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveDir } from '../../../scripts/serve.mjs';
import { LinkChecker } from '../../../lib/links';
import { InFlight, page, slow } from './link-routes';

// Each test gets fresh servers (fresh ports), so that neither their socket peaks nor the client's
// keep-alive pool carry anything over from another test.
type Site = Awaited<ReturnType<typeof serveDir>>;
let root: string;
const open: Site[] = [];

/** A server whose one route answers after `ms`, counted by every given counter. */
async function slowSite(counters: InFlight[], ms = 120): Promise<Site> {
  const handler = counters.reduce((h, c) => c.track(h), slow(ms, page()));
  const site = await serveDir(root, { routes: { '/slow.html': handler } });
  open.push(site);
  return site;
}
const links = (site: Site, n: number) => Array.from({ length: n }, (_, i) => `${site.url}/slow.html?n=${i}`);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'links-conc-'));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('connection bounds', () => {
  it('40 links to one slow host: at most 6 requests and 6 sockets at once', async () => {
    const flight = new InFlight();
    const site = await slowSite([flight]);
    const checker = new LinkChecker();
    const results = await checker.checkAll(links(site, 40));
    expect(results.every((r) => r.verdict === 'ok')).toBe(true);
    expect(flight.log).toHaveLength(40);
    expect(flight.peak).toBe(6); // the bound is used, and never passed
    expect(site.maxConnections()).toBeLessThanOrEqual(6);
    expect(checker.stats().peakByHost[site.url]).toBe(6);
  });

  it('never more than 6 per host, whatever the options ask', async () => {
    const flight = new InFlight();
    const site = await slowSite([flight]);
    await new LinkChecker({ perHost: 20, global: 50 }).checkAll(links(site, 30));
    expect(flight.peak).toBeLessThanOrEqual(6);
    expect(site.maxConnections()).toBeLessThanOrEqual(6);
  });

  it('the global bound holds across two hosts', async () => {
    const both = new InFlight(); // shared by the two servers: requests in flight in all
    const onA = new InFlight();
    const onB = new InFlight();
    const a = await slowSite([onA, both]);
    const b = await slowSite([onB, both]);
    const checker = new LinkChecker({ global: 8 });
    const results = await checker.checkAll([...links(a, 30), ...links(b, 30)]);
    expect(results.every((r) => r.verdict === 'ok')).toBe(true);
    expect(both.peak).toBe(8); // more than one host's 6: both hosts ran at once, and within the global 8
    expect(onA.peak).toBeLessThanOrEqual(6);
    expect(onB.peak).toBeLessThanOrEqual(6);
    // Sockets: idle kept-alive ones stay open while the other host is served, so only the per-host bound applies.
    expect(a.maxConnections()).toBeLessThanOrEqual(6);
    expect(b.maxConnections()).toBeLessThanOrEqual(6);
    const stats = checker.stats();
    expect(stats.peakGlobal).toBe(8);
    expect(Math.max(...Object.values(stats.peakByHost))).toBeLessThanOrEqual(6);
  });
});
