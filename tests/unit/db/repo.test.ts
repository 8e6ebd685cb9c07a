/** Repository functions: dedupe on recording, sites by host, bulk status, paging, screenshots. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addSite,
  attachScreenshot,
  createRound,
  deleteFindings,
  listFindings,
  proposeSite,
  recordFinding,
  screenshotBlob,
  screenshotsOf,
  setNote,
  setStatus,
  siteForUrl,
  updateSite,
} from '../../../lib/db/repo';
import { roundNameOf, type Round, type Site } from '../../../lib/db/records';
import type { GovReviewDb } from '../../../lib/db/schema';
import { identificationFinding, makeDb, typoFinding } from './fixtures';

const PAGE = 'https://www.lincang.gov.cn/news/1.html';

let db: GovReviewDb;
let round: Round;
let site: Site;

beforeEach(async () => {
  db = makeDb();
  round = await createRound(db, '2026年第四季度', '2026-11-20');
  site = await addSite(db, {
    name: '临沧市人民政府',
    siteCode: '5309000001',
    region: '临沧市',
    kind: 'portal',
    homeUrl: 'https://www.lincang.gov.cn/',
    hosts: ['WWW.Lincang.gov.cn'],
  });
});
afterEach(() => db.close());

const record = (finding = typoFinding(), pageUrl = PAGE, note?: string) =>
  recordFinding(db, { round, site, pageUrl, pageTitle: '新闻 - 临沧市人民政府', finding, note });

describe('recordFinding', () => {
  it('stores a new finding as 待复核 with its dedupe key', async () => {
    const { record: r, created } = await record();
    expect(created).toBe(true);
    expect(r).toMatchObject({ roundId: round.id, siteId: site.id, status: 'pending', note: '', text: '既使', frameUrl: PAGE });
    expect(r.createdAt).toBe(r.updatedAt);
    expect(await db.findings.get(r.id)).toEqual(r);
  });

  it('returns the stored record when the same finding is recorded again (fragment ignored)', async () => {
    const first = await record();
    await setStatus(db, [first.record.id], 'confirmed');
    const again = await record(typoFinding(), `${PAGE}#content`, '第二次');
    expect(again.created).toBe(false);
    expect(again.record.id).toBe(first.record.id);
    expect(again.record.status).toBe('confirmed');
    expect(again.record.note).toBe('第二次'); // an empty note is filled in
    expect(again.record.updatedAt).toBeGreaterThan(first.record.updatedAt);
    expect(await db.findings.count()).toBe(1);
    expect(await db.findings.get(first.record.id)).toEqual(again.record);
    // A note the reviewer wrote is never overwritten.
    expect((await record(typoFinding(), PAGE, '第三次')).record.note).toBe('第二次');
  });

  it.each([
    ['another position', typoFinding({ start: 40, end: 42, anchor: { quote: '既使', prefix: '', suffix: '', start: 40, end: 42 } }), PAGE],
    ['another text', typoFinding({ text: '以经' }), PAGE],
    ['another check', typoFinding({ check: 'typo-near-miss' }), PAGE],
    ['another page', typoFinding(), 'https://www.lincang.gov.cn/news/2.html'],
    ['another frame', typoFinding({ url: 'https://www.lincang.gov.cn/frame.html' }), PAGE],
  ])('keeps a finding at %s apart', async (_, finding, pageUrl) => {
    await record();
    expect((await record(finding, pageUrl)).created).toBe(true);
    expect(await db.findings.count()).toBe(2);
  });

  it('keeps page-level findings of one check apart by kind, and dedupes each', async () => {
    await record(identificationFinding('sitecode'));
    await record(identificationFinding('icp'));
    await record(identificationFinding('icp'));
    expect((await db.findings.toArray()).map((f) => f.kind)).toEqual(['sitecode', 'icp']);
  });

  it('dedupes concurrent recordings of one finding', async () => {
    const results = await Promise.all([record(), record(), record()]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.findings.count()).toBe(1);
  });

  it('keeps the same finding apart in another round', async () => {
    await record();
    const next = await createRound(db, '2027年第一季度', '2027-02-20');
    const r = await recordFinding(db, { round: next.id, site: site.id, pageUrl: PAGE, pageTitle: '', finding: typoFinding() });
    expect(r.created).toBe(true);
  });
});

describe('sites', () => {
  it('finds the site of a page by host, case-insensitively and with or without www.', async () => {
    expect((await siteForUrl(db, 'https://www.lincang.gov.cn/a/b.html?x=1'))?.id).toBe(site.id);
    expect((await siteForUrl(db, 'http://LINCANG.gov.cn/'))?.id).toBe(site.id);
    expect(await siteForUrl(db, 'https://www.yn.gov.cn/')).toBeUndefined();
    expect(await siteForUrl(db, 'not a url')).toBeUndefined();
  });

  it('proposes a site from the footer identification', () => {
    expect(proposeSite('https://www.cangyuan.gov.cn/zwgk/1.html', { siteCode: '5309270001', sponsor: '沧源佤族自治县人民政府办公室' })).toEqual({
      name: '沧源佤族自治县人民政府办公室',
      siteCode: '5309270001',
      region: '',
      kind: 'portal',
      homeUrl: 'https://www.cangyuan.gov.cn/',
      hosts: ['www.cangyuan.gov.cn'],
      proposed: true,
    });
    expect(proposeSite('https://fgw.lincang.gov.cn/', { siteCode: '无', pageTitle: '首页 - 临沧市发展和改革委员会' })).toMatchObject({
      name: '临沧市发展和改革委员会',
      siteCode: '',
      kind: 'department',
    });
    expect(proposeSite('https://x.gov.cn/').name).toBe('x.gov.cn');
  });
});

describe('status, notes, paging', () => {
  async function seed(n: number): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      const severity = i % 3 === 0 ? 'veto' : 'deduct';
      const f = typoFinding({ start: i * 10, end: i * 10 + 2, anchor: undefined, severity, category: i % 2 ? 'typo' : 'expression' });
      ids.push((await record(f)).record.id);
    }
    return ids;
  }

  it('sets the status of many findings at once', async () => {
    const ids = await seed(5);
    expect(await setStatus(db, [ids[0], ids[2], ids[4], 999], 'excluded')).toBe(3);
    const statuses = (await db.findings.toArray()).map((f) => f.status);
    expect(statuses).toEqual(['excluded', 'pending', 'excluded', 'pending', 'excluded']);
    expect(await db.findings.where('status').equals('excluded').count()).toBe(3);
    await setNote(db, ids[1], '原文如此');
    expect((await db.findings.get(ids[1]))?.note).toBe('原文如此');
  });

  it('pages through a round in recording order, with the total', async () => {
    const ids = await seed(25);
    const page = await listFindings(db, { roundId: round.id }, { offset: 10, limit: 10 });
    expect(page.total).toBe(25);
    expect(page.items.map((f) => f.id)).toEqual(ids.slice(10, 20));
    const last = await listFindings(db, { roundId: round.id, siteId: site.id }, { offset: 20, limit: 10 });
    expect(last.items.map((f) => f.id)).toEqual(ids.slice(20));
    expect((await listFindings(db, { roundId: round.id, siteId: site.id + 1 }, { offset: 0, limit: 10 })).total).toBe(0);
  });

  it('filters by category, status and severity before paging', async () => {
    const ids = await seed(12);
    await setStatus(db, ids.slice(0, 6), 'confirmed');
    const filter = { roundId: round.id, category: 'expression' as const, status: 'confirmed' as const };
    const page = await listFindings(db, filter, { offset: 1, limit: 2 });
    expect(page.total).toBe(3); // ids 0, 2, 4
    expect(page.items.map((f) => f.id)).toEqual([ids[2], ids[4]]);
    const vetoes = await listFindings(db, { roundId: round.id, severity: 'veto' }, { offset: 0, limit: 100 });
    expect(vetoes.items.map((f) => f.id)).toEqual([ids[0], ids[3], ids[6], ids[9]]);
  });
});

describe('screenshots', () => {
  it('attaches bytes or a Blob to a finding and deletes them with it', async () => {
    const { record: r } = await record();
    const fromBytes = await attachScreenshot(db, r.id, { image: new Uint8Array([137, 80, 78, 71]), width: 2, height: 1 });
    const fromBlob = await attachScreenshot(db, r.id, { image: new Blob([new Uint8Array([255, 216])], { type: 'image/jpeg' }), width: 3, height: 4 });
    expect(fromBytes.mime).toBe('image/png');
    expect(fromBlob.mime).toBe('image/jpeg');
    const shots = await screenshotsOf(db, r.id);
    expect(shots.map((s) => Array.from(s.bytes))).toEqual([
      [137, 80, 78, 71],
      [255, 216],
    ]);
    expect(new Uint8Array(await screenshotBlob(shots[1]).arrayBuffer())).toEqual(new Uint8Array([255, 216]));
    await deleteFindings(db, [r.id]);
    expect(await db.screenshots.count()).toBe(0);
    expect(await db.findings.count()).toBe(0);
  });

  it('refuses a screenshot of a finding that does not exist', async () => {
    await expect(attachScreenshot(db, 42, { image: new Uint8Array([1]), width: 1, height: 1 })).rejects.toThrow(/no finding 42/);
  });
});

describe('updateSite', () => {
  it("edits the reviewer's fields and refuses a 网站标识码 that has no code's shape", async () => {
    const db = makeDb();
    const site = await addSite(db, { name: 'www.yl.gov.cn', siteCode: '', region: '', kind: 'department', homeUrl: '', hosts: ['www.yl.gov.cn'] });
    const edited = await updateSite(db, site.id, { name: '云岭县人民政府门户网站', siteCode: ' 5309000099 ', region: '云岭县', kind: 'portal' });
    expect(edited).toMatchObject({ name: '云岭县人民政府门户网站', siteCode: '5309000099', region: '云岭县', kind: 'portal', hosts: ['www.yl.gov.cn'] });
    await expect(updateSite(db, site.id, { siteCode: '12345' })).rejects.toThrow(/网站标识码/);
    expect((await db.sites.get(site.id))!.siteCode).toBe('5309000099');
    await expect(updateSite(db, 999, { region: 'x' })).rejects.toThrow(/no site/);
  });
});

describe('a proposed site', () => {
  it('stays proposed through field edits until the reviewer confirms it', async () => {
    const db = makeDb();
    const site = await addSite(db, proposeSite('https://www.yl.gov.cn/a.html', { sponsor: '云岭县人民政府' }));
    expect((await db.sites.get(site.id))!.proposed).toBe(true);
    await updateSite(db, site.id, { region: '云岭县' });
    expect((await db.sites.get(site.id))!.proposed).toBe(true);
    const confirmed = await updateSite(db, site.id, { proposed: false });
    expect(confirmed).toMatchObject({ proposed: false, region: '云岭县', name: '云岭县人民政府' });
  });
});

describe('roundNameOf', () => {
  it("names the quarter of a date as the notices do, at each quarter's edges", () => {
    expect(['2026-01-01', '2026-03-31', '2026-04-01', '2026-06-30', '2026-07-01', '2026-09-30', '2026-10-01', '2026-12-31'].map(roundNameOf)).toEqual([
      '2026年第一季度',
      '2026年第一季度',
      '2026年第二季度',
      '2026年第二季度',
      '2026年第三季度',
      '2026年第三季度',
      '2026年第四季度',
      '2026年第四季度',
    ]);
  });
});
