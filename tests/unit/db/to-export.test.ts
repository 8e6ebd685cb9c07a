import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { addSite, attachScreenshot, createRound, recordFinding, setStatus } from '../../../lib/db/repo';
import { roundExport, roundScores } from '../../../lib/db/to-export';
import { buildExport } from '../../../lib/export/zip';
import { identificationFinding, makeDb, typoFinding } from './fixtures';

describe('a round of the database, exported', () => {
  it("maps statuses and kinds to the reviewers' words, names screenshots as the CSV does, and puts them in the ZIP", async () => {
    const db = makeDb();
    const round = await createRound(db, '2026年第四季度', '2026-11-20');
    const site = await addSite(db, {
      name: '云岭县人民政府门户网站',
      siteCode: '5309000099',
      region: '云岭县',
      kind: 'portal',
      homeUrl: 'https://www.yl.gov.cn/',
      hosts: ['www.yl.gov.cn'],
    });
    const a = await recordFinding(db, { round, site, pageUrl: 'https://www.yl.gov.cn/zwgk/1.html', pageTitle: '通知', finding: typoFinding() });
    const b = await recordFinding(db, { round, site, pageUrl: 'https://www.yl.gov.cn/', pageTitle: '首页', finding: identificationFinding('icp') });
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    await attachScreenshot(db, a.record.id, { image: jpeg, mime: 'image/jpeg', width: 1280, height: 900 });
    await setStatus(db, [b.record.id], 'excluded');

    const { data, screenshots } = await roundExport(db, round.id);
    expect(data.round).toEqual({ name: '2026年第四季度', monitoringDate: '2026-11-20' });
    expect(data.sites).toEqual([
      { id: String(site.id), name: '云岭县人民政府门户网站', siteCode: '5309000099', region: '云岭县', kind: '门户网站', homeUrl: 'https://www.yl.gov.cn/' },
    ]);
    expect(data.findings.map((f) => [f.status, f.isHomePage, f.screenshot ?? null])).toEqual([
      ['待复核', false, `5309000099-${String(a.record.id).padStart(5, '0')}.jpg`],
      ['已排除', true, null],
    ]);

    const bundle = buildExport(data, screenshots);
    expect(bundle.missingScreenshots).toEqual([]);
    const zip = unzipSync(bundle.zip);
    const shotName = `screenshots/${data.findings[0].screenshot}`;
    expect([...zip[shotName]]).toEqual([...jpeg]);
    const csv = strFromU8(zip['findings.csv']);
    expect(csv).toContain(data.findings[0].screenshot!);
    expect(csv).toContain('已排除');
    // The excluded identification finding does not count: the site passes.
    expect(bundle.scores.get(String(site.id))?.result).toBe('合格');
  });

  it("scores the round's sites from the rows alone, as the export does, without any screenshot", async () => {
    const db = makeDb();
    const round = await createRound(db, '2026年第四季度', '2026-11-20');
    const add = (name: string, host: string) => addSite(db, { name, siteCode: '', region: '', kind: 'department', homeUrl: `https://${host}/`, hosts: [host] });
    const veto = await add('云岭县民政局', 'mz.yl.gov.cn');
    const clean = await add('云岭县教育局', 'jy.yl.gov.cn');
    await add('未涉及网站', 'other.yl.gov.cn'); // no finding this round: not scored
    const idFinding = typoFinding({ check: 'personal-id-number', category: 'privacy', severity: 'veto', text: '530902198703150411' });
    const a = await recordFinding(db, { round, site: veto, pageUrl: 'https://mz.yl.gov.cn/1.html', pageTitle: '公示', finding: idFinding });
    await recordFinding(db, { round, site: clean, pageUrl: 'https://jy.yl.gov.cn/', pageTitle: '首页', finding: identificationFinding('icp') });
    await attachScreenshot(db, a.record.id, { image: new Uint8Array([0xff, 0xd8]), mime: 'image/jpeg', width: 1, height: 1 });

    const scores = roundScores({ round, sites: await db.sites.toArray(), findings: await db.findings.toArray() });
    const exported = buildExport((await roundExport(db, round.id)).data).scores;
    expect(scores.map((s) => [s.name, s.result])).toEqual([
      ['云岭县民政局', '不合格'],
      ['云岭县教育局', '合格'],
    ]);
    for (const s of scores) expect({ ...s, name: undefined }).toEqual({ ...exported.get(s.siteId), name: undefined });
  });
});
