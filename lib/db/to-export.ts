import type { ExportData, ExportFinding, ExportSite } from '../export/model';
import { FINDING_STATUS_LABELS, pageKey, SITE_KIND_LABELS } from './records';
import type { GovReviewDb } from './schema';

/** The screenshot's file name in the export (as the CSV's 截图文件名 says): finding id, site code or id. */
function screenshotName(findingId: number, siteCode: string, mime: string): string {
  const ext = mime === 'image/png' ? 'png' : mime === 'image/webp' ? 'webp' : 'jpg';
  return `${siteCode || 'site'}-${String(findingId).padStart(5, '0')}.${ext}`;
}

/** Whether a page is its site's home page (a dead link there costs more). */
function isHome(pageUrl: string, homeUrl: string): boolean {
  if (homeUrl && pageKey(pageUrl) === pageKey(homeUrl)) return true;
  try {
    return /^\/(?:(?:index|default|home)\.(?:s?html?|jsp|php|aspx?))?$/i.test(new URL(pageUrl).pathname);
  } catch {
    return false;
  }
}

/**
 * One round of the database as the export works on it (lib/export/model.ts), with the screenshots by
 * the file names the CSV gives them. Statuses and site kinds become the reviewers' words.
 */
export async function roundExport(db: GovReviewDb, roundId: number): Promise<{ data: ExportData; screenshots: Map<string, Uint8Array> }> {
  const round = await db.rounds.get(roundId);
  if (!round) throw new Error(`no round ${roundId}`);
  const rows = await db.findings.where('roundId').equals(roundId).sortBy('id');
  const siteRows = await db.sites.bulkGet([...new Set(rows.map((r) => r.siteId))]);
  const sites = new Map(siteRows.flatMap((s) => (s ? [[s.id, s] as const] : [])));
  const shots = await db.screenshots.where('findingId').anyOf(rows.map((r) => r.id)).toArray();
  const shotOf = new Map(shots.map((s) => [s.findingId, s]));
  const screenshots = new Map<string, Uint8Array>();

  const findings: ExportFinding[] = rows.map((r) => {
    const site = sites.get(r.siteId);
    const shot = shotOf.get(r.id);
    const f: ExportFinding = {
      id: String(r.id),
      siteId: String(r.siteId),
      pageUrl: r.pageUrl,
      pageTitle: r.pageTitle,
      isHomePage: isHome(r.pageUrl, site?.homeUrl ?? ''),
      category: r.category,
      check: r.check,
      severity: r.severity,
      message: r.message,
      text: r.text,
      status: FINDING_STATUS_LABELS[r.status]['zh-CN'] as ExportFinding['status'],
      foundAt: new Date(r.createdAt).toISOString(),
    };
    if (r.kind !== undefined) f.kind = r.kind;
    if (r.suggestion !== undefined) f.suggestion = r.suggestion;
    if (r.note) f.note = r.note;
    if (shot) {
      f.screenshot = screenshotName(r.id, site?.siteCode ?? '', shot.mime);
      screenshots.set(f.screenshot, shot.bytes);
    }
    return f;
  });
  const exportSites: ExportSite[] = [...sites.values()].map((s) => ({
    id: String(s.id),
    name: s.name,
    siteCode: s.siteCode,
    region: s.region || '未分区',
    kind: SITE_KIND_LABELS[s.kind]['zh-CN'] as ExportSite['kind'],
    homeUrl: s.homeUrl,
  }));
  return { data: { round: { name: round.name, monitoringDate: round.monitoringDate }, sites: exportSites, findings }, screenshots };
}
