/**
 * 复查 of a round as the background runs it: the open findings' pages fetched again (through an injected
 * fetch), scanned, the findings no longer there marked 已整改 in the database (fake-indexeddb), the report
 * and the progress.
 */
import * as jieba from 'jieba-wasm';
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checks } from '../../lib/checks';
import type { Round, Site } from '../../lib/db/records';
import { addSite, createRound, recordFinding, setStatus } from '../../lib/db/repo';
import type { GovReviewDb } from '../../lib/db/schema';
import { jiebaSegmenter } from '../../lib/engine/segmenter';
import type { Finding } from '../../lib/engine/types';
import { recheckRound, recheckTargets, type RecheckRoundOptions } from '../../lib/extension/recheck-round';
import { makeDb, typoFinding } from './db/fixtures';

const HOST = 'https://www.yl.gov.cn';
const PAGE = `${HOST}/zwgk/dibao.html`;
const GONE_PAGE = `${HOST}/zwgk/removed.html`;
const SLOW_PAGE = `${HOST}/zwgk/slow.html`;
const FRAME = `${HOST}/zwgk/frame.html`;
const ID = '530902198703150411';
const MOBILE = '13987016642';

const html = (body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>公示</title></head><body>${body}</body></html>`;
const parse = (text: string) => parseHTML(text).document as unknown as Document;

/** A recorded finding of a check, on a page (or in a frame of it). */
const finding = (check: string, text: string, url: string, extra: Partial<Finding> = {}): Finding =>
  typoFinding({ check, category: 'privacy', severity: 'veto', text, url, start: 0, end: text.length, anchor: undefined, ...extra });

let db: GovReviewDb;
let round: Round;
let site: Site;

beforeEach(async () => {
  db = makeDb();
  round = await createRound(db, '2026年第四季度', '2026-11-20');
  site = await addSite(db, { name: '云岭县人民政府', siteCode: '5309000099', region: '云岭县', kind: 'portal', homeUrl: `${HOST}/`, hosts: ['www.yl.gov.cn'] });
});
afterEach(() => db.close());

const record = async (pageUrl: string, f: Finding) => (await recordFinding(db, { round, site, pageUrl, pageTitle: '公示', finding: f })).record;

/** A fetch over fixed pages, logging each request; a page that never answers waits for the abort. */
function fakeFetch(pages: Record<string, string | number | 'hang'>) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init });
    const page = pages[url.replace(/#.*$/, '')];
    if (page === 'hang')
      return new Promise<Response>((_ok, fail) => init?.signal?.addEventListener('abort', () => fail(new Error('timed out')), { once: true }));
    if (page === undefined || typeof page === 'number') return new Response('not here', { status: typeof page === 'number' ? page : 404 });
    return new Response(page, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const options = (fetch: typeof globalThis.fetch, extra: Partial<RecheckRoundOptions> = {}): RecheckRoundOptions => ({
  fetch,
  parse,
  checks,
  resources: async () => ({ segmenter: jiebaSegmenter(jieba) }),
  timeoutMs: 200,
  ...extra,
});

describe('复查 of a round in the background', () => {
  it('marks fixed what the page no longer has, keeps the rest open, and reports the pages that did not open', async () => {
    const id = await record(PAGE, finding('personal-id-number', ID, PAGE));
    const mobile = await record(PAGE, finding('personal-mobile-number', MOBILE, PAGE));
    const manualInFrame = await record(PAGE, finding('manual', '本栏目内容已过期', FRAME, { category: 'stale', severity: 'deduct' }));
    const onRemovedPage = await record(GONE_PAGE, finding('personal-mobile-number', '13987016643', GONE_PAGE));
    const onSlowPage = await record(SLOW_PAGE, finding('personal-mobile-number', '13987016644', SLOW_PAGE));
    const excluded = await record(`${HOST}/zwgk/other.html`, finding('personal-mobile-number', '13987016645', `${HOST}/zwgk/other.html`));
    await setStatus(db, [excluded.id], 'excluded');

    const { fetch, calls } = fakeFetch({
      // After rectification: the ID is masked, the phone number remains; the frame's text is gone.
      [PAGE]: html(`<p>杨建华 53**************11 联系电话 ${MOBILE}</p>`),
      [FRAME]: html('<p>本栏目已更新。</p>'),
      [GONE_PAGE]: 404,
      [SLOW_PAGE]: 'hang',
    });
    const progress: Array<[number, number]> = [];
    const report = await recheckRound(db, round.id, options(fetch, { onProgress: (done, total) => void progress.push([done, total]) }));

    // Each document once (the frame on its own), never the excluded finding's page; no cookies, no cache.
    expect(calls.map((c) => c.url).sort()).toEqual([FRAME, PAGE, SLOW_PAGE, GONE_PAGE].sort());
    for (const c of calls) expect(c.init).toMatchObject({ credentials: 'omit', cache: 'no-store' });
    expect(report.pages).toBe(4);
    expect(report.fixed.map((f) => f.id)).toEqual([id.id, manualInFrame.id]);
    expect(report.present.map((f) => f.id)).toEqual([mobile.id]);
    expect(report.present[0]).toEqual({ id: mobile.id, siteId: site.id, category: 'privacy', text: MOBILE, message: mobile.message, pageUrl: PAGE });
    expect(report.failed).toEqual([
      { url: GONE_PAGE, error: 'HTTP 404' },
      { url: SLOW_PAGE, error: 'timed out' },
    ]);
    expect(progress[0]).toEqual([0, 4]);
    expect(progress.at(-1)).toEqual([4, 4]);
    expect(progress.map(([done]) => done)).toEqual([0, 1, 2, 3, 4]);

    const status = async (fid: number) => (await db.findings.get(fid))!.status;
    expect(await status(id.id)).toBe('fixed');
    expect(await status(manualInFrame.id)).toBe('fixed');
    expect(await status(mobile.id)).toBe('pending');
    expect(await status(onRemovedPage.id)).toBe('pending'); // a page that did not open decides nothing
    expect(await status(onSlowPage.id)).toBe('pending');
    expect(await status(excluded.id)).toBe('excluded');
  });

  it('groups open findings by the document they are in: the page, or the frame they were recorded in', async () => {
    await record(PAGE, finding('personal-id-number', ID, PAGE));
    await record(`${PAGE}#top`, finding('personal-mobile-number', MOBILE, `${PAGE}#top`));
    await record(PAGE, finding('manual', '本栏目内容已过期', FRAME, { category: 'stale', severity: 'deduct' }));
    const targets = await recheckTargets(db, round.id);
    expect(targets.map((t) => [t.url, t.isTopFrame, t.findings.length])).toEqual([
      [PAGE, true, 2],
      [FRAME, false, 1],
    ]);
  });

  it('leaves alone a finding the reviewer closed while the page was being fetched', async () => {
    const id = await record(PAGE, finding('personal-id-number', ID, PAGE));
    const { fetch } = fakeFetch({ [PAGE]: html('<p>杨建华 53**************11</p>') });
    const slowFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      await setStatus(db, [id.id], 'excluded'); // the reviewer excludes it meanwhile
      return fetch(input, init);
    }) as typeof globalThis.fetch;
    const report = await recheckRound(db, round.id, options(slowFetch));
    expect(report.fixed.map((f) => f.id)).toEqual([id.id]); // no longer on the page …
    expect((await db.findings.get(id.id))!.status).toBe('excluded'); // … but the reviewer's decision stands
  });

  it('reports nothing to do for a round without open findings, and refuses a round that does not exist', async () => {
    const { fetch, calls } = fakeFetch({});
    const progress: Array<[number, number]> = [];
    expect(await recheckRound(db, round.id, options(fetch, { onProgress: (d, t) => void progress.push([d, t]) }))).toEqual({
      roundId: round.id,
      pages: 0,
      fixed: [],
      present: [],
      failed: [],
    });
    expect(progress).toEqual([[0, 0]]);
    expect(calls).toEqual([]);
    await expect(recheckRound(db, 999, options(fetch))).rejects.toThrow('no round 999');
  });
});
