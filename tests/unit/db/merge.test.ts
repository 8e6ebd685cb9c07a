/** The one merge policy (lib/db/merge.ts), as tables: each rule, both directions of import, ties. */
import { describe, expect, it } from 'vitest';
import {
  type FindingCopy,
  incomingFindingWins,
  mergeFinding,
  mergeSite,
  type SiteCopy,
  SiteIndex,
  SiteStanding,
  screenshotsKept,
  siteKeys,
  siteStandingOf,
} from '../../../lib/db/merge';
import type { FindingRecord, FindingStatus, Site } from '../../../lib/db/records';

/** A copy of one finding: `status@updatedAt`, a CLI scan's copy with `scan@…`, a note after a space. */
function copy(spec: string, over: Partial<FindingRecord> = {}): FindingCopy {
  const [what, rest = ''] = spec.split(' ');
  const [status, at] = what.split('@');
  const row: FindingRecord = {
    id: 1,
    roundId: 1,
    siteId: 1,
    pageUrl: 'https://www.lc.gov.cn/1.html',
    pageTitle: '',
    frameUrl: 'https://www.lc.gov.cn/1.html',
    check: 'typo-word-pair',
    category: 'typo',
    severity: 'deduct',
    messageId: 'wrong',
    data: {},
    message: '',
    text: '既使',
    note: rest,
    status: (status === 'scan' ? 'pending' : status) as FindingStatus,
    dedupeKey: 'k',
    createdAt: 0,
    updatedAt: Number(at),
    ...over,
  };
  return status === 'scan' ? { row, scanned: true } : { row };
}

const outcome = (held: string, incoming: string) => {
  const m = mergeFinding(copy(held), copy(incoming));
  return [m.winner, m.copy.row.status, m.copy.row.note];
};

describe('findings: which copy wins', () => {
  // [rule, A, B, winner when B is merged into A, winner when A is merged into B]
  it.each<[string, string, string, string, string]>([
    ['a decision beats 待复核, even a newer one (recorded again)', 'confirmed@5', 'pending@9', 'held', 'incoming'],
    ['a decision beats 待复核, older or newer', 'excluded@2', 'pending@1', 'held', 'incoming'],
    ['已整改 is a decision too', 'fixed@1', 'pending@8', 'held', 'incoming'],
    ['the later of two decisions', 'confirmed@3', 'excluded@7', 'incoming', 'held'],
    ['the later of two decisions, fixed after confirmed', 'fixed@9', 'confirmed@4', 'held', 'incoming'],
    ['the later of two 待复核 copies', 'pending@2', 'pending@4', 'incoming', 'held'],
    ['a reviewer’s 待复核 beats a scan, even a later one', 'pending@1', 'scan@9', 'held', 'incoming'],
    ['a decision beats a scan', 'excluded@1', 'scan@9', 'held', 'incoming'],
    ['the later of two scans', 'scan@1', 'scan@2', 'incoming', 'held'],
  ])('%s', (_rule, a, b, bIntoA, aIntoB) => {
    expect(mergeFinding(copy(a), copy(b)).winner).toBe(bIntoA);
    expect(mergeFinding(copy(b), copy(a)).winner).toBe(aIntoB);
    // Whichever database takes the other in, the same status stands.
    expect(mergeFinding(copy(a), copy(b)).copy.row.status).toBe(mergeFinding(copy(b), copy(a)).copy.row.status);
  });

  it.each<[string, string]>([
    ['confirmed@5', 'excluded@5'],
    ['pending@5', 'pending@5'],
    ['scan@5', 'scan@5'],
  ])('a tie (%s, %s) keeps the held copy, in either direction', (a, b) => {
    expect(outcome(a, b)[0]).toBe('held');
    expect(outcome(b, a)[0]).toBe('held');
    expect(incomingFindingWins(copy(a), copy(b))).toBe(false);
  });

  it.each<[string, string, string, string[]]>([
    ['the winner’s note', 'confirmed@1 甲', 'excluded@2 乙', ['incoming', 'excluded', '乙']],
    ['the other’s when the winner has none', 'pending@1 问单位', 'pending@2', ['incoming', 'pending', '问单位']],
    ['the held winner’s, filled the same way', 'confirmed@3', 'pending@9 乙', ['held', 'confirmed', '乙']],
  ])('the note: %s', (_rule, held, incoming, expected) => {
    expect(outcome(held, incoming)).toEqual(expected);
  });

  it("keeps the held identity, takes the winner's fields, the earliest createdAt and the winner's updatedAt", () => {
    const held = copy('pending@5', { id: 7, roundId: 2, siteId: 3, pageTitle: '旧', createdAt: 50 });
    const incoming = copy('confirmed@4', { id: 99, roundId: 9, siteId: 9, pageTitle: '新', createdAt: 40, message: 'm' });
    const m = mergeFinding(held, incoming);
    expect(m).toMatchObject({ winner: 'incoming', changed: true });
    expect(m.copy.row).toMatchObject({ id: 7, roundId: 2, siteId: 3, dedupeKey: 'k', pageTitle: '新', message: 'm', status: 'confirmed' });
    expect([m.copy.row.createdAt, m.copy.row.updatedAt]).toEqual([40, 4]);
    expect(m.copy.scanned).toBeUndefined();
  });

  it('reports no change when the held copy wins and nothing is filled in, so merging twice is a no-op', () => {
    const held = copy('confirmed@5 甲');
    expect(mergeFinding(held, copy('pending@9')).changed).toBe(false);
    expect(mergeFinding(held, held).changed).toBe(false);
    const merged = mergeFinding(copy('pending@1'), copy('excluded@3 乙')).copy;
    expect(mergeFinding(merged, copy('excluded@3 乙')).changed).toBe(false);
  });

  it("a scan's copy stays a scan's only while it wins", () => {
    expect(mergeFinding(copy('scan@1'), copy('scan@2')).copy.scanned).toBe(true);
    expect(mergeFinding(copy('scan@9'), copy('pending@1')).copy.scanned).toBeUndefined();
  });
});

describe('screenshots follow their finding', () => {
  // [winner, held's count, incoming's count, whose are kept]
  it.each<['held' | 'incoming', number, number, 'held' | 'incoming']>([
    ['held', 1, 1, 'held'],
    ['incoming', 1, 1, 'incoming'],
    ['held', 0, 2, 'incoming'],
    ['incoming', 2, 0, 'held'],
    ['incoming', 0, 0, 'incoming'],
  ])('winner %s, held %i, incoming %i → %s', (winner, h, i, kept) => {
    expect(screenshotsKept(winner, Array(h).fill(0), Array(i).fill(0))).toBe(kept);
  });
});

describe('sites', () => {
  const site = (over: Partial<Site> = {}): Site => ({
    id: 1,
    name: '临沧市人民政府',
    siteCode: '5309000001',
    region: '临沧市',
    kind: 'portal',
    homeUrl: 'https://www.lc.gov.cn/',
    hosts: ['www.lc.gov.cn'],
    createdAt: 0,
    updatedAt: 0,
    ...over,
  });
  const c = (over: Partial<Site>, standing: SiteStanding = siteStandingOf(over)): SiteCopy<Site> => ({ row: site(over), standing });

  // [rule, A, B, winner when B is merged into A, winner when A is merged into B]
  it.each<[string, SiteCopy<Site>, SiteCopy<Site>, string, string]>([
    ['confirmed beats proposed, even a later proposal', c({ updatedAt: 1 }), c({ proposed: true, updatedAt: 9 }), 'held', 'incoming'],
    ['the later edit of two confirmed sites', c({ updatedAt: 1 }), c({ proposed: false, updatedAt: 2 }), 'incoming', 'held'],
    ['the later of two proposals', c({ proposed: true, updatedAt: 3 }), c({ proposed: true, updatedAt: 2 }), 'held', 'incoming'],
    ['a proposal beats a name from a home page’s title', c({ proposed: true }), c({ updatedAt: 9 }, SiteStanding.HomeTitle), 'held', 'incoming'],
    ['a home page’s title beats a page’s', c({}, SiteStanding.HomeTitle), c({ updatedAt: 9 }, SiteStanding.Title), 'held', 'incoming'],
    ['a page’s title beats a host', c({}, SiteStanding.Title), c({ updatedAt: 9 }, SiteStanding.Host), 'held', 'incoming'],
  ])('%s', (_rule, a, b, bIntoA, aIntoB) => {
    expect(mergeSite(a, b).winner).toBe(bIntoA);
    expect(mergeSite(b, a).winner).toBe(aIntoB);
  });

  it('a tie keeps the held site, in either direction', () => {
    const [a, b] = [c({ name: '甲', updatedAt: 4 }), c({ name: '乙', updatedAt: 4 })];
    expect([mergeSite(a, b).copy.row.name, mergeSite(b, a).copy.row.name]).toEqual(['甲', '乙']);
    expect(mergeSite(a, a).changed).toBe(false);
  });

  it("keeps the held id, takes the winner's fields, fills empty ones from the other and joins the hosts", () => {
    const held = c({ id: 5, name: '旧名', region: '本区', hosts: ['www.lc.gov.cn'], proposed: true, createdAt: 3 });
    const incoming = c({ id: 8, name: '临沧市人民政府', siteCode: '', region: '', homeUrl: '', hosts: ['LC.gov.cn'], updatedAt: 1, createdAt: 1 });
    const m = mergeSite(held, incoming);
    expect(m).toMatchObject({ winner: 'incoming', changed: true, copy: { standing: SiteStanding.Confirmed } });
    expect(m.copy.row).toEqual({
      id: 5,
      name: '临沧市人民政府',
      siteCode: '5309000001',
      region: '本区',
      kind: 'portal',
      homeUrl: 'https://www.lc.gov.cn/',
      hosts: ['www.lc.gov.cn', 'lc.gov.cn'],
      proposed: false,
      createdAt: 3,
      updatedAt: 1,
    });
  });

  it('is proposed only when the winner is; a confirmed site without the flag stays without it', () => {
    expect(mergeSite(c({ proposed: true, updatedAt: 1 }), c({ proposed: true, updatedAt: 2 })).copy.row.proposed).toBe(true);
    expect(mergeSite(c({}), c({ proposed: true })).copy.row).not.toHaveProperty('proposed');
    expect(mergeSite(c({}), c({ proposed: true })).changed).toBe(false);
    expect(mergeSite(c({}, SiteStanding.Host), c({ updatedAt: 1 }, SiteStanding.Title)).copy.row).not.toHaveProperty('proposed');
  });

  it('merges by 网站标识码 first, then by the hosts and the home page’s host; a file without either by its page', () => {
    expect(siteKeys({ siteCode: ' BM12345678 ', homeUrl: 'https://Gov.example.cn:8080/', hosts: ['www.example.cn'] })).toEqual([
      'code:bm12345678',
      'host:www.example.cn',
      'host:gov.example.cn',
    ]);
    expect(siteKeys({ siteCode: '', homeUrl: '', hosts: [] }, '/tmp/a.txt#x')).toEqual(['page:/tmp/a.txt']);
    expect(siteKeys({ siteCode: '', homeUrl: '', hosts: [] })).toEqual([]);
  });

  it('never folds two sites of one input into one site', () => {
    const index = new SiteIndex<string>();
    index.add('local', ['code:1', 'host:a'], 0);
    expect(index.find(['host:a'], 1)).toBe('local');
    index.add('local', ['host:a'], 1); // input 1's first site merged into it…
    expect(index.find(['code:1', 'host:a'], 1)).toBeUndefined(); // …its second one does not
    expect(index.find(['host:a'], 2)).toBe('local');
    expect(index.find(['host:a'])).toBe('local'); // a scan is no input whose sites stay apart
    index.add('other', ['host:a', 'host:b'], 2);
    expect(index.find(['host:a', 'host:b'], 1)).toBe('other'); // a key stays with its first site
  });
});
