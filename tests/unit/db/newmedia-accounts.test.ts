/** 政务新媒体 accounts in the ledger: found by platform + id / URL / name, proposed from the page, filed under, backed up, merged, exported. */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportBackup, mergeBackup, restoreBackup } from '../../../lib/db/backup';
import { siteKeys } from '../../../lib/db/merge';
import { isAccount, type Round, type Site } from '../../../lib/db/records';
import { accountForPage, addSite, createRound, fileAccount, proposeAccount, recordFinding, siteForUrl, updateSite } from '../../../lib/db/repo';
import type { GovReviewDb } from '../../../lib/db/schema';
import { roundScores, rowsToExport } from '../../../lib/db/to-export';
import type { Finding, NewMediaInfo } from '../../../lib/engine/types';
import { fakeClock, makeDb, typoFinding } from './fixtures';

const BIZ = 'MzA5NzQ0NjQ3MQ==';
const ARTICLE_1 = 'https://mp.weixin.qq.com/s/AAAA';
const ARTICLE_2 = 'https://mp.weixin.qq.com/s/BBBB';
const ARTICLE_3 = 'https://mp.weixin.qq.com/s/CCCC';
const PROFILE = `https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=${encodeURIComponent(BIZ)}#wechat_redirect`;

/** A page's NewMediaInfo: a WeChat article of 平安云岭 by default. */
function info(over: Partial<NewMediaInfo> = {}, account: Partial<NewMediaInfo['account']> = {}): NewMediaInfo {
  return { platform: 'wechat', pageKind: 'article', account: { name: '平安云岭', id: BIZ, url: PROFILE, ...account }, posts: [], ...over };
}

/** The 内容不更新 veto of an account page. */
function staleFinding(url: string, name: string): Finding {
  return {
    check: 'newmedia-update',
    category: 'stale',
    severity: 'veto',
    messageId: 'accountStale',
    data: {},
    message: `抖音“${name}”最新一条内容（置顶除外）发布于 2026-09-01，距审读日期已 80 天，超过 14 天未更新`,
    text: '09-01',
    kind: 'account-stale',
    start: 0,
    end: 5,
    url,
  };
}

let db: GovReviewDb;
let round: Round;
beforeEach(async () => {
  db = makeDb();
  round = await createRound(db, '2026年第四季度', '2026-11-20');
});
afterEach(() => db.close());

describe('proposeAccount', () => {
  it('proposes the account the page shows: its name, platform, id and URL, no host, 主办单位 left to the reviewer', () => {
    expect(proposeAccount(info())).toEqual({
      name: '平安云岭',
      siteCode: '',
      region: '',
      kind: 'new-media',
      homeUrl: '',
      hosts: [],
      platform: 'wechat',
      accountId: BIZ,
      accountUrl: PROFILE,
      proposed: true,
    });
  });

  it('names an account whose page shows no name by its id, else its URL', () => {
    expect(proposeAccount(info({}, { name: '  ' })).name).toBe(BIZ);
    const bare = proposeAccount(info({ platform: 'douyin' }, { name: undefined, id: undefined, url: 'https://www.douyin.com/user/MS4w' }));
    expect(bare).toMatchObject({ name: 'https://www.douyin.com/user/MS4w', platform: 'douyin', accountUrl: 'https://www.douyin.com/user/MS4w' });
    expect(bare).not.toHaveProperty('accountId');
  });
});

describe('accountForPage', () => {
  it('finds the account by platform and id, else by URL (fragment aside), else by name; never another platform’s', async () => {
    const wechat = await addSite(db, proposeAccount(info()));
    const weibo = await addSite(db, proposeAccount(info({ platform: 'weibo' }, { id: '5555012345', url: 'https://weibo.com/u/5555012345' })));
    expect((await accountForPage(db, info({}, { name: '改了名', url: ARTICLE_1 })))?.id).toBe(wechat.id); // same id
    expect((await accountForPage(db, info({}, { id: undefined, name: undefined, url: PROFILE.replace('#wechat_redirect', '') })))?.id).toBe(wechat.id);
    expect((await accountForPage(db, info({}, { id: undefined, url: ARTICLE_2 })))?.id).toBe(wechat.id); // same name
    expect((await accountForPage(db, info({ platform: 'weibo' }, { id: '5555012345', name: '别名' })))?.id).toBe(weibo.id);
    expect(await accountForPage(db, info({ platform: 'douyin' }))).toBeUndefined(); // same name and id, another platform
  });

  it('never takes two accounts whose ids differ for one, even of one name', async () => {
    await addSite(db, proposeAccount(info()));
    expect(await accountForPage(db, info({}, { id: 'gh_0123456789ab', url: ARTICLE_1 }))).toBeUndefined();
  });

  it('ignores websites, even on the platform’s host', async () => {
    await addSite(db, { name: '平安云岭', siteCode: '', region: '', kind: 'department', homeUrl: 'https://mp.weixin.qq.com/', hosts: ['mp.weixin.qq.com'] });
    expect(await accountForPage(db, info())).toBeUndefined();
  });
});

describe('fileAccount: findings of 政务新媒体 pages file under their account', () => {
  it('files two articles of one account under it, and articles of two accounts on one host apart', async () => {
    const a1 = await fileAccount(db, info({}, { url: ARTICLE_1, id: undefined }));
    const a2 = await fileAccount(db, info({}, { url: ARTICLE_2, id: undefined })); // by name
    const other = await fileAccount(db, info({}, { name: '云岭发布', id: 'gh_0123456789ab', url: ARTICLE_3 }));
    expect(a2.id).toBe(a1.id);
    expect(other.id).not.toBe(a1.id);
    for (const [site, url] of [
      [a1, ARTICLE_1],
      [a2, ARTICLE_2],
      [other, ARTICLE_3],
    ] as const) {
      await recordFinding(db, { round, site, pageUrl: url, pageTitle: '文章', finding: typoFinding({ url }) });
    }
    const bySite = (await db.findings.toArray()).map((f) => f.siteId);
    expect(bySite).toEqual([a1.id, a1.id, other.id]);
    expect(await db.sites.count()).toBe(2);
    // No host: a website's page on the platform's host is not filed under an account.
    expect(await siteForUrl(db, ARTICLE_1)).toBeUndefined();
  });

  it('fills in the id the ledger lacked, and keeps what the reviewer confirmed', async () => {
    const first = await fileAccount(db, info({}, { id: undefined, url: ARTICLE_1 }));
    await updateSite(db, first.id, { name: '平安云岭（县公安局）', region: '云岭县公安局', proposed: false });
    const again = await fileAccount(db, info({}, { name: '平安云岭（县公安局）' }));
    expect(again.id).toBe(first.id);
    expect(await db.sites.get(first.id)).toMatchObject({ accountId: BIZ, accountUrl: ARTICLE_1, region: '云岭县公安局', proposed: false });
  });

  it('adds one account when two recordings race', async () => {
    const [x, y] = await Promise.all([fileAccount(db, info()), fileAccount(db, info())]);
    expect(x.id).toBe(y.id);
    expect(await db.sites.count()).toBe(1);
  });
});

describe('accounts through backup, merge and export', () => {
  async function reviewerWith(name: string, id: string | undefined, region = ''): Promise<GovReviewDb> {
    const other = makeDb(fakeClock(), new IDBFactory());
    const r = await createRound(other, '2026年第四季度', '2026-11-20');
    const account = await fileAccount(other, info({ platform: 'douyin', pageKind: 'account' }, { name, id, url: `https://www.douyin.com/user/${id ?? name}` }));
    if (region) await updateSite(other, account.id, { region, proposed: false });
    await recordFinding(other, { round: r, site: account, pageUrl: account.accountUrl!, pageTitle: name, finding: staleFinding(account.accountUrl!, name) });
    return other;
  }

  it('restores an account with its platform, id and URL, and refuses an unknown platform', async () => {
    const a = await reviewerWith('“抖”南美', 'MS4wLjABAAAA');
    const file = await exportBackup(a);
    const b = makeDb(fakeClock(), new IDBFactory());
    await restoreBackup(b, file);
    expect((await b.sites.toArray())[0]).toMatchObject({ kind: 'new-media', platform: 'douyin', accountId: 'MS4wLjABAAAA', hosts: [] });
    const json = JSON.parse(file);
    json.tables.sites[0].platform = 'myspace';
    await expect(restoreBackup(b, JSON.stringify(json))).rejects.toThrow(/platform must be one of/);
    a.close();
    b.close();
  });

  it("merges another reviewer's copy of an account by its id, taking the confirmed 主办单位; different ids stay apart", async () => {
    const a = await reviewerWith('“抖”南美', 'MS4wLjABAAAA');
    const b = await reviewerWith('“抖”南美', 'MS4wLjABAAAA', '临翔区人民政府');
    const c = await reviewerWith('“抖”南美', 'MS4wLjABBBBB');
    expect((await mergeBackup(a, await exportBackup(b))).sites).toEqual({ added: 0, updated: 1, skipped: 0 });
    expect((await a.sites.toArray()).map((s) => [s.accountId, s.region, s.proposed])).toEqual([['MS4wLjABAAAA', '临翔区人民政府', false]]);
    expect((await mergeBackup(a, await exportBackup(c))).sites.added).toBe(1);
    expect(siteKeys({ siteCode: '', homeUrl: '', hosts: [], name: 'x', platform: 'douyin', accountUrl: 'https://www.douyin.com/user/x#a' })).toEqual([
      'account:douyin:url:https://www.douyin.com/user/x',
    ]);
    for (const d of [a, b, c]) d.close();
  });

  it('exports an account as 政务新媒体 with its platform named, failing by its veto with no score', async () => {
    const site = await fileAccount(
      db,
      info({ platform: 'douyin', pageKind: 'account' }, { name: '“抖”南美', id: 'MS4w', url: 'https://www.douyin.com/user/MS4w' }),
    );
    await updateSite(db, site.id, { region: '临翔区人民政府' });
    const { record } = await recordFinding(db, {
      round,
      site,
      pageUrl: site.accountUrl!,
      pageTitle: '抖音',
      finding: staleFinding(site.accountUrl!, '“抖”南美'),
    });
    const sites = await db.sites.toArray();
    expect(sites.every(isAccount)).toBe(true);
    const { data, screenshots } = rowsToExport({
      round,
      sites,
      findings: [record],
      screenshots: [{ id: 1, findingId: record.id, bytes: new Uint8Array([1]), mime: 'image/jpeg' }],
    });
    expect(data.sites).toEqual([
      {
        id: String(site.id),
        name: '“抖”南美',
        siteCode: '',
        region: '临翔区人民政府',
        kind: '政务新媒体',
        homeUrl: '',
        platform: '抖音',
        accountId: 'MS4w',
        accountUrl: 'https://www.douyin.com/user/MS4w',
      },
    ]);
    expect([...screenshots.keys()]).toEqual([`douyin-${String(record.id).padStart(5, '0')}.jpg`]);
    expect(roundScores({ round, sites, findings: [record] })).toEqual([
      expect.objectContaining({ name: '“抖”南美', result: '不合格', score: null, deductions: [], reasons: ['单项否决：内容不更新'] }),
    ]);
  });

  it('leaves an account’s 主办单位 empty rather than 未分区, and exports a site of kind 政务新媒体 with no platform as an account', async () => {
    const sites: Site[] = [
      { ...(await addSite(db, proposeAccount(info()))) },
      { ...(await addSite(db, { name: '云岭县融媒体', siteCode: '', region: '', kind: 'new-media', homeUrl: '', hosts: [] })) },
    ];
    const { data } = rowsToExport({ round, sites, findings: [], screenshots: [] });
    expect(data.sites.map((s) => [s.kind, s.region, s.platform])).toEqual([
      ['政务新媒体', '', '微信公众号'],
      ['政务新媒体', '', undefined],
    ]);
  });
});
