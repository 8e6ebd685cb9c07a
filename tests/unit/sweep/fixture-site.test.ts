/**
 * The fixture site generator of the 全站巡检 tests and benchmark (tests/fixtures/sweep/site.mjs) on its own: it is
 * deterministic, its pages link only to what it serves (except the planted dead attachments and the footer's
 * off-site links), its traps and faults behave, and the project's real checks agree with its truth: the stale and
 * blank columns it plants are the ones stale-column and blank-column report, and its text raises nothing else.
 */
import * as jieba from 'jieba-wasm';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodeLanguageModel } from '../../../cli/node-language-model';
import { loadNodeSpeller } from '../../../cli/node-speller';
import { checks } from '../../../lib/checks';
import { classifyColumn } from '../../../lib/checks/util/column-windows';
import { runChecks } from '../../../lib/engine/engine';
import { jiebaSegmenter } from '../../../lib/engine/segmenter';
import { buildTextModel } from '../../../lib/text-model/build';
import { decodeBytes } from '../../../lib/text-model/decode';
import type { Finding } from '../../../lib/engine/types';
import { DEFAULT_COLUMNS, daysBetween, type Entry, generateSite, type Site, serveSite } from '../../fixtures/sweep/site.mjs';

const ORIGIN = 'http://127.0.0.1:8620';
/** The windows of the kinds, as lib/data/rules/column-windows.json has them (other: none). */
const WINDOW = { news: 14, notice: 183, policy: 183, other: undefined } as const;

const isHtml = (e: Entry) => /^text\/html/.test(e.headers?.['Content-Type'] ?? '');
const bytesOf = (e: Entry) => (typeof e.body === 'string' ? new TextEncoder().encode(e.body) : new Uint8Array(e.body));
/** A page the site serves (an HTML answer with 200), for a path with its query. */
const isPage = (site: Site, path: string) => {
  const e = site.resolve(path);
  return isHtml(e) && (e.status ?? 200) === 200;
};
const htmlPaths = (site: Site) => [...site.files].filter(([, e]) => isHtml(e)).map(([p]) => p);

/** A page as the sweep reads it: bytes decoded by their Content-Type and meta, parsed by linkedom. */
function load(site: Site, path: string) {
  const entry = site.resolve(path);
  const decoded = decodeBytes(bytesOf(entry), { contentType: entry.headers?.['Content-Type'], html: true });
  const doc = parseHTML(decoded.text).document as unknown as Document;
  return { entry, decoded, doc };
}

/** Every link a page has (a, link, script, img, form action), resolved against the page's URL. */
function linksOf(doc: Document, pageUrl: string): URL[] {
  const out: URL[] = [];
  for (const [sel, attr] of [
    ['a[href]', 'href'],
    ['link[href]', 'href'],
    ['script[src]', 'src'],
    ['img[src]', 'src'],
    ['form[action]', 'action'],
  ] as const) {
    for (const el of Array.from(doc.querySelectorAll(sel))) out.push(new URL(el.getAttribute(attr) ?? '', pageUrl));
  }
  return out;
}

/** The pages reachable from the home page (links followed as a crawler keys them: no session id, no fragment). */
function crawl(site: Site, skip: (u: URL) => boolean): Set<string> {
  const seen = new Set<string>(['/']);
  const queue = ['/'];
  while (queue.length) {
    const path = queue.shift()!;
    const { doc } = load(site, path);
    for (const u of linksOf(doc, ORIGIN + path)) {
      if (u.origin !== ORIGIN || skip(u)) continue;
      const key = u.pathname.replace(/;jsessionid=[^/?#]*/i, '').replace(/\/index\.html$/, '/') + u.search;
      if (seen.has(key)) continue;
      seen.add(key);
      if (isPage(site, key)) queue.push(key);
    }
  }
  return seen;
}

let resources: Pick<Parameters<typeof runChecks>[1], 'segmenter' | 'languageModel' | 'speller'>;
beforeAll(() => {
  resources = { segmenter: jiebaSegmenter(jieba), languageModel: loadNodeLanguageModel(), speller: loadNodeSpeller() };
});

/** Every check of the engine on one page, with jieba, the language model and the speller (as the CLI runs them). */
function scan(site: Site, path: string): Finding[] {
  const { decoded, doc } = load(site, path);
  const { model } = buildTextModel(doc, { url: ORIGIN + path, isTopFrame: true, charset: decoded.charset });
  const result = runChecks(model, { today: site.spec.today, checks, ...resources });
  expect(result.errors, path).toEqual([]);
  return result.findings;
}

describe('the generator', () => {
  it('is deterministic for a seed, and a different seed makes another site', () => {
    const spec = { seed: 42, trap: true, sitemap: true, sessionIds: true, pages: 120 };
    const a = generateSite(spec);
    const b = generateSite(spec);
    expect([...a.files.keys()]).toEqual([...b.files.keys()]);
    for (const [path, e] of a.files) expect(b.files.get(path), path).toEqual(e);
    expect(b.truth).toEqual(a.truth);
    const c = generateSite({ ...spec, seed: 43 });
    expect(c.truth.sweepPaths).not.toEqual(a.truth.sweepPaths);
  });

  it('has the default columns, every state, and a truth that follows from them', () => {
    const { truth, spec } = generateSite();
    expect(spec.today).toBe('2026-11-22');
    expect(truth.columns.map((c) => [c.name, c.kind, c.state])).toEqual(DEFAULT_COLUMNS.map((c) => [c.name, c.kind, c.state]));
    expect(truth.staleColumns).toEqual(['乡镇动态', '政策文件']);
    expect(truth.blankColumns).toEqual(['人事信息', '专题专栏']);
    expect(truth.columns.find((c) => c.name === '乡镇动态')?.newest).toBe('2026-10-13'); // 40 days
    expect(truth.columns.find((c) => c.name === '政策文件')?.newest).toBe('2026-03-22'); // 8 months
    expect(truth.homeUpdated).toBe(true);
    expect(truth.typoPages).toHaveLength(2);
    expect(truth.deadLinks).toHaveLength(2);
    expect(truth.trapPaths).toBeUndefined();
    expect(truth.sitemapOnlyColumn).toBeUndefined();
    // Planted where a sweep looks: the newest articles of a column.
    const swept = new Set(truth.sweepPaths);
    for (const t of truth.typoPages) expect(swept.has(t.path), t.path).toBe(true);
    for (const d of truth.deadLinks) expect(swept.has(d.page), d.page).toBe(true);
    for (const c of truth.columns) expect(c.articles).toHaveLength(Math.min(5, c.items));
  });

  it('dates every stale column beyond its window and every fresh one within it, and lists nothing in a blank one', () => {
    for (const seed of [1, 2, 3]) {
      const site = generateSite({ seed, sitemap: true, pages: 300 });
      const { truth, spec } = site;
      for (const c of truth.columns) {
        const window = WINDOW[c.kind];
        if (c.state !== 'blank') expect(classifyColumn(c.name)?.windowDays, c.name).toBe(window);
        if (c.state === 'blank') {
          expect(c.items, c.name).toBe(0);
          expect(c.newest, c.name).toBeUndefined();
          const { doc } = load(site, c.path);
          expect(Array.from(doc.querySelectorAll('.main li')), c.name).toHaveLength(0);
          continue;
        }
        const age = daysBetween(c.newest!, spec.today);
        expect(age, c.name).toBeGreaterThanOrEqual(0);
        if (c.state === 'stale') expect(age, c.name).toBeGreaterThan(window!);
        else if (window) expect(age, c.name).toBeLessThanOrEqual(window);
        // The column's first page lists the newest item first, dated as the truth says.
        const { doc } = load(site, c.path);
        expect(doc.querySelector('.news-list li .date')?.textContent, c.name).toBe(c.newest);
      }
      expect(truth.homeNewest).toBe(
        truth.columns
          .filter((c) => c.via.includes('home'))
          .map((c) => c.newest ?? '')
          .sort()
          .at(-1),
      );
    }
  });

  it('links only to what it serves, except the planted dead attachments and the footer’s off-site links', () => {
    const site = generateSite({ seed: 5, trap: true, sitemap: true, sessionIds: true, pages: 150, deadLinks: 3 });
    const dead = new Set(site.truth.deadLinks.map((d) => `${d.page} → ${d.href}`));
    const seenDead = new Set<string>();
    const external = new Set<string>();
    for (const path of htmlPaths(site)) {
      const { doc } = load(site, path);
      for (const u of linksOf(doc, ORIGIN + path)) {
        if (u.origin !== ORIGIN) {
          external.add(u.href);
          continue;
        }
        const status = site.resolve(u.pathname + u.search).status ?? 200;
        if (dead.has(`${path} → ${u.pathname}`)) {
          expect(status, `${path} → ${u.href}`).toBe(404);
          seenDead.add(`${path} → ${u.pathname}`);
        } else expect(status, `${path} → ${u.href}`).toBe(200);
      }
    }
    expect(seenDead).toEqual(dead);
    expect([...external].sort()).toEqual([...site.truth.externalLinks].sort());
    expect(site.truth.sessionIdLinks).toBeGreaterThan(0);
    expect(site.resolve('/xwzx/gzdt/;jsessionid=0A1B2C').body).toEqual(site.files.get('/xwzx/gzdt/')!.body);
    expect(site.resolve('/xwzx/gzdt/index.html').body).toEqual(site.files.get('/xwzx/gzdt/')!.body);
    expect(site.resolve('/no/such/page.html').status).toBe(404);
  });

  it('reaches every page from the home page, the site-map-only column through the site map alone', () => {
    const site = generateSite({ seed: 9, trap: true, sitemap: true, sessionIds: true });
    const trap = (u: URL) => u.pathname.startsWith(site.truth.trapPaths!) || u.pathname === '/search';
    const pages = [...crawl(site, trap)].filter((p) => isPage(site, p));
    expect(pages.sort()).toEqual(htmlPaths(site).sort());
    expect(pages).toHaveLength(site.truth.pageCount);
    const only = site.truth.columns.find((c) => c.name === site.truth.sitemapOnlyColumn)!;
    expect(only.via).toEqual(['sitemap']);
    const withoutMap = crawl(site, (u) => trap(u) || u.pathname === '/sitemap.html');
    expect(withoutMap.has(only.path)).toBe(false);
    for (const c of site.truth.columns) if (c !== only) expect(withoutMap.has(c.path), c.name).toBe(true);
  });

  it('grows to 1,000 reachable pages, paginated', () => {
    const site = generateSite({ seed: 1, pages: 1000, trap: true });
    const reachable = [...crawl(site, (u) => u.pathname.startsWith('/calendar') || u.pathname === '/search')].filter((p) => isPage(site, p));
    expect(reachable.length).toBeGreaterThanOrEqual(1000);
    expect(reachable.length).toBe(site.truth.pageCount);
    expect(site.truth.columns.some((c) => c.listPages > 3)).toBe(true);
    const c = site.truth.columns.find((x) => x.listPages > 1)!;
    const { doc } = load(site, c.path);
    const next = Array.from(doc.querySelectorAll('.page a')).find((a) => a.textContent === '下一页');
    expect(next?.getAttribute('href')).toBe(`${c.path}index_1.html`);
    expect(site.files.has(`${c.path}index_${c.listPages - 1}.html`)).toBe(true);
  });

  it('serves GBK pages that decode as GBK to the same text', () => {
    const gbk = generateSite({ seed: 3, gbk: true, sitemap: true });
    const utf8 = generateSite({ seed: 3, sitemap: true });
    for (const path of htmlPaths(gbk)) {
      const e = gbk.files.get(path)!;
      expect(e.headers?.['Content-Type']).toBe('text/html');
      expect(Buffer.isBuffer(e.body)).toBe(true);
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytesOf(e))).toThrow();
      const { decoded } = load(gbk, path);
      expect(decoded.charset).toMatch(/^(gbk|gb2312|gb18030)$/);
      expect(decoded.text).toBe((utf8.files.get(path)!.body as string).replace('<meta charset="utf-8">', '<meta charset="gb2312">'));
    }
  });
});

describe('the project’s checks agree with the truth', () => {
  const siteKinds = [
    ['UTF-8, every trap', { seed: 1, trap: true, sitemap: true, sessionIds: true }],
    ['GBK', { seed: 2, gbk: true, sitemap: true, typos: 3, deadLinks: 1 }],
    ['a larger site', { seed: 7, pages: 250, typos: 4 }],
  ] as const;

  it.each(siteKinds)(
    '%s: stale and blank columns on the column pages, the planted typos, and nothing else',
    (_name, spec) => {
      const site = generateSite(spec);
      const { truth } = site;
      const typos = new Map(truth.typoPages.map((t) => [t.path, t]));
      const columnPages = new Set(truth.columns.map((c) => c.path));
      const stale: string[] = [];
      const blank: string[] = [];
      for (const path of htmlPaths(site)) {
        // The later list pages (index_1.html …) of a column list older items: not the column's state.
        if (/\/index_\d+\.html$/.test(path)) continue;
        const findings = scan(site, path);
        const at = (f: Finding) => `${path}: ${f.check} ${f.text} ${f.message}`;
        expect(findings.filter((f) => f.category === 'identity').map(at)).toEqual([]);
        const typo = typos.get(path);
        expect(findings.filter((f) => f.category === 'typo' || f.category === 'expression').map((f) => [f.check, f.text])).toEqual(
          typo ? [[typo.check, typo.text]] : [],
        );
        const rest = findings.filter((f) => !['typo', 'expression', 'stale', 'blank'].includes(f.category));
        expect(rest.map(at)).toEqual([]);
        const column = truth.columns.find((c) => c.path === path);
        if (column) {
          const s = findings.filter((f) => f.check === 'stale-column');
          const b = findings.filter((f) => f.check === 'blank-column');
          expect(s.length + b.length, path).toBeLessThanOrEqual(1);
          if (s.length) {
            expect(s[0].text).toBe(column.newest);
            expect(s[0].message).toContain(column.name);
            stale.push(column.name);
          }
          if (b.length) {
            expect(b[0].message).toContain(column.name);
            blank.push(column.name);
          }
        } else if (path === truth.homeUrlPath) {
          // The home page judges its blocks: the stale and blank columns that have one, and itself (首页不更新).
          const home = truth.columns.filter((c) => c.via.includes('home'));
          const staleBlocks = findings.filter((f) => f.check === 'stale-column' && !f.message.startsWith('首页'));
          expect(staleBlocks.map((f) => f.text)).toEqual(home.filter((c) => c.state === 'stale').map((c) => c.newest));
          expect(findings.filter((f) => f.check === 'stale-column' && f.message.startsWith('首页'))).toHaveLength(truth.homeUpdated ? 0 : 1);
          expect(findings.filter((f) => f.check === 'blank-column').map((f) => f.text)).toEqual(
            home.filter((c) => c.state === 'blank').map((c) => (c.blankStyle === 'placeholder' ? '暂无信息' : c.name)),
          );
        } else {
          expect(columnPages.has(path)).toBe(false);
          expect(findings.filter((f) => f.category === 'stale' || f.category === 'blank').map(at)).toEqual([]);
        }
      }
      expect(stale).toEqual(truth.staleColumns);
      expect(blank).toEqual(truth.blankColumns);
    },
    180_000,
  );

  it('a site whose every column is stale is not updated on its home page either', () => {
    const site = generateSite({
      columns: [
        { name: '工作动态', kind: 'news', state: 'stale', articles: 6 },
        { name: '通知公告', kind: 'notice', state: 'stale', articles: 6, newestDaysAgo: 200 },
      ],
      typos: 0,
      deadLinks: 0,
    });
    expect(site.truth.homeUpdated).toBe(false);
    expect(site.truth.homeNewest).toBe('2026-10-13');
    const home = scan(site, '/').filter((f) => f.check === 'stale-column' && f.message.startsWith('首页'));
    expect(home.map((f) => f.text)).toEqual(['2026-10-13']);
  });
});

describe('the server', () => {
  it('serves the site, answers the calendar trap for any month, and keeps the books', async () => {
    const site = generateSite({ seed: 4, trap: true, sitemap: true });
    const server = await serveSite(site);
    try {
      const home = await fetch(`${server.url}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('href="/calendar?month=2026-10"');
      expect((await fetch(`${server.url}/sitemap.xml`).then((r) => r.text())).includes(`${server.url}/xwzx/gzdt/`)).toBe(true);
      expect((await fetch(`${server.url}${site.truth.deadLinks[0].href}`)).status).toBe(404);
      // Follow 上一月 forty times, then jump anywhere: every month answers, each with its own neighbours.
      let path = '/calendar?month=2026-10';
      for (let i = 0; i < 40; i++) {
        const res = await fetch(server.url + path);
        expect(res.status, path).toBe(200);
        path = /href="(\/calendar\?month=[\d-]+)" title="上一月"/.exec(await res.text())![1];
      }
      expect(path).toBe('/calendar?month=2023-06');
      for (const month of ['1900-01', '2099-12', '2026-02']) expect((await fetch(`${server.url}/calendar?month=${month}`)).status).toBe(200);
      expect((await fetch(`${server.url}/calendar?month=2026-13`)).status).toBe(404);
      expect((await fetch(`${server.url}/xwzx/gzdt/`, { method: 'HEAD' })).status).toBe(200);
      expect((await fetch(`${server.url}/`, { method: 'POST' })).status).toBe(405);
      expect(server.requests[0]).toBe('/');
      expect(server.requests).toContain('/calendar?month=2099-12');
      expect(server.peak()).toBeGreaterThanOrEqual(1);
    } finally {
      await server.close();
    }
  });

  it('fails the same share of requests, the same ones for the same seed', async () => {
    const site = generateSite({ seed: 4 });
    const statuses = async (seed: number, failRate: number) => {
      const server = await serveSite(site, { failRate, seed });
      try {
        const out: number[] = [];
        for (let i = 0; i < 200; i++) out.push((await fetch(`${server.url}/`)).status);
        expect(server.failed()).toBe(out.filter((s) => s === 503).length);
        return out;
      } finally {
        await server.close();
      }
    };
    const a = await statuses(1, 0.25);
    const b = await statuses(1, 0.25);
    expect(b).toEqual(a);
    const failed = a.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(30);
    expect(failed).toBeLessThan(70);
    expect(a.every((s) => s === 200 || s === 503)).toBe(true);
    expect(await statuses(2, 0.25)).not.toEqual(a);
    expect((await statuses(1, 0)).every((s) => s === 200)).toBe(true);
  });

  it('delays every answer on a slow host, and counts the requests it holds at once', async () => {
    const site = generateSite({ seed: 4 });
    const server = await serveSite(site, { slowMs: 200 });
    try {
      const started = performance.now();
      const all = await Promise.all(Array.from({ length: 6 }, (_, i) => fetch(`${server.url}/?${i}`).then((r) => r.status)));
      const took = performance.now() - started;
      expect(all).toEqual([200, 200, 200, 200, 200, 200]);
      expect(took).toBeGreaterThanOrEqual(190);
      expect(took).toBeLessThan(2000); // answered together, not one after another
      expect(server.peakInFlight()).toBe(6);
      expect(server.peak()).toBe(6);
    } finally {
      await server.close();
    }
  });
});
