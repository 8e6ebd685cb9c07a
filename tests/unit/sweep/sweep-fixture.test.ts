/**
 * The sweep against the generated fixture site (tests/fixtures/sweep/site.mjs), whose `truth` is the roll-up a
 * correct sweep reports: columns fresh, stale and blank (one reachable only from the 网站地图), a calendar trap,
 * session ids in links, dead attachments, typos, a GBK site, a host that fails sometimes, a slow host.
 */
import { parseHTML } from 'linkedom';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checks } from '../../../lib/checks';
import { MemoryStore } from '../../../lib/sweep/memory-store';
import { rollUp } from '../../../lib/sweep/rollup';
import { runSweep, type SweepOptions } from '../../../lib/sweep/sweep';
import { sharedSegmenter } from '../checks/rule-tester';
import { generateSite, serveSite, type SiteSpec } from '../../fixtures/sweep/site.mjs';

const parse = (html: string) => parseHTML(html).document as unknown as Document;
const TODAY = '2026-11-22';
/** The footer's links off the site (beian, conac, 找错): answered locally, never on the network. */
const offSite =
  (real: typeof fetch): typeof fetch =>
  (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    return url.hostname === '127.0.0.1'
      ? real(input, init)
      : Promise.resolve(new Response('<html><title>ok</title></html>', { status: 200, headers: { 'content-type': 'text/html' } }));
  };

let servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function sweepOf(spec: SiteSpec, serve: { failRate?: number; slowMs?: number } = {}, opts: Partial<SweepOptions> = {}) {
  const site = generateSite({ today: TODAY, ...spec });
  const server = await serveSite(site, { port: 0, ...serve });
  servers.push(server);
  const sweepSite = { name: site.spec.name ?? '云岭县人民政府', url: `${server.url}/` };
  const results = await runSweep(sweepSite, {
    today: TODAY,
    fetch: offSite(fetch),
    parse,
    checks,
    resources: async () => ({ segmenter: sharedSegmenter() }),
    store: new MemoryStore(),
    retryDelayMs: 50,
    ...opts,
  });
  return { site, server, results, roll: rollUp(sweepSite, results, TODAY) };
}

const path = (url: string) => new URL(url).pathname;

beforeAll(() => {
  sharedSegmenter();
});

describe('runSweep against the fixture site', () => {
  it("rolls up exactly what the site holds: stale and blank columns (the site map's one too), home, dead links, typos; the trap and the session ids lead nowhere", async () => {
    const { site, server, results, roll } = await sweepOf({ trap: true, sitemap: true, sessionIds: true });
    const { truth } = site;
    expect(roll.staleColumns.map((c) => c.name).sort()).toEqual([...truth.staleColumns].sort());
    expect(roll.blankColumns.map((c) => c.name).sort()).toEqual([...truth.blankColumns].sort());
    expect(roll.staleColumns.map((c) => c.name)).toContain(truth.sitemapOnlyColumn);
    expect(roll.home).toMatchObject({ newest: truth.homeNewest, updated: truth.homeUpdated });
    expect(roll.deadLinks.map((d) => [path(d.href), path(d.pageUrl)]).sort()).toEqual(truth.deadLinks.map((d) => [d.href, d.page]).sort());
    const typos = roll.findings.filter((f) => f.category === 'typo').map((f) => [path(f.pageUrl), f.text]);
    expect(typos.sort()).toEqual(truth.typoPages.map((t) => [t.path, t.text]).sort());
    // What it fetched as pages is what a correct sweep fetches; the calendar was never crawled.
    expect(results.map((r) => path(r.url)).sort()).toEqual([...truth.sweepPaths].sort());
    expect(server.requests.filter((r) => r.startsWith(truth.trapPaths ?? '/calendar')).length).toBeLessThanOrEqual(2); // link checks of the month links only
    expect(results.some((r) => r.url.includes('jsessionid'))).toBe(false);
  }, 60_000);

  it('sweeps a GBK site as a UTF-8 one', async () => {
    const { site, roll } = await sweepOf({ gbk: true });
    expect(roll.staleColumns.map((c) => c.name).sort()).toEqual([...site.truth.staleColumns].sort());
    expect(roll.blankColumns.map((c) => c.name).sort()).toEqual([...site.truth.blankColumns].sort());
    expect(roll.findings.filter((f) => f.category === 'typo').length).toBe(site.truth.typoPages.length);
  }, 60_000);

  it('on a host that fails one request in ten, the one retry keeps the roll-up whole', async () => {
    const { site, roll } = await sweepOf({}, { failRate: 0.1 });
    expect(roll.unreachable).toBe(false);
    expect(roll.columns.map((c) => c.name).sort()).toEqual(site.truth.columns.map((c) => c.name).sort());
    expect(roll.staleColumns.map((c) => c.name).sort()).toEqual([...site.truth.staleColumns].sort());
  }, 60_000);

  it('keeps to the per-host cap on a slow host (pages and link checks together)', async () => {
    const { server, roll } = await sweepOf({}, { slowMs: 60 }, { perHost: 3 });
    expect(roll.unreachable).toBe(false);
    expect(server.peakInFlight()).toBeLessThanOrEqual(3);
    expect(server.peakInFlight()).toBeGreaterThanOrEqual(2); // and uses it
  }, 60_000);

  it('finds the blank columns of a site whose long footer Readability would take for an article', async () => {
    // 云岭县卫生健康局: a longer name makes the footer long enough that a page showing only 暂无信息 had 150
    // characters of "main text", all of them the footer's.
    const { site, roll } = await sweepOf({ seed: 5, name: '云岭县卫生健康局', articlesPerColumn: 2 }, {}, { articlesPerColumn: 2 });
    expect(roll.blankColumns.map((c) => c.name).sort()).toEqual([...site.truth.blankColumns].sort());
  }, 60_000);

  it('stops at maxPages', async () => {
    const { results } = await sweepOf({}, {}, { maxPages: 5 });
    expect(results).toHaveLength(5);
    expect(results[0].kind).toBe('home');
  }, 60_000);
});
