/**
 * Stored rows → the export model (lib/export/model.ts). One pure function, `rowsToExport`, does the mapping
 * over plain rows (no database): the extension's `roundExport` feeds it one round read from IndexedDB, and
 * `npm run export` feeds it the rows of backup files (and scans) merged in memory, so both write the same CSV,
 * screenshot names and statuses for the same data.
 */
import type { ExportData, ExportFinding, ExportSite } from '../export/model';
import { scoreSites, type SiteScore } from '../export/scoring';
import { PLATFORM_LABELS } from '../newmedia/platforms';
import { FINDING_STATUS_LABELS, isAccount, pageKey, SITE_KIND_LABELS, type FindingRecord, type Round, type Screenshot, type Site } from './records';
import type { GovReviewDb } from './schema';

/** One round's rows as the database (or a backup file) holds them. */
export interface RoundRows {
  round: Pick<Round, 'name' | 'monitoringDate'>;
  /** The sites to export: each becomes a row of the report, with findings or without (a clean site passes). */
  sites: readonly Site[];
  /** The round's findings (their sites should be among `sites`; a finding whose site is missing keeps empty site cells). */
  findings: readonly FindingRecord[];
  /** Screenshots of those findings; a finding with several keeps its newest (highest id), as the ledger shows it. */
  screenshots: readonly Pick<Screenshot, 'id' | 'findingId' | 'bytes' | 'mime'>[];
}

/** An export's records plus the screenshot files, keyed by the names the CSV's 截图文件名 gives them. */
export interface RoundExport {
  data: ExportData;
  screenshots: Map<string, Uint8Array>;
}

/** The screenshot's file name in the export (as the CSV's 截图文件名 says): finding id, site code or id. */
function screenshotName(findingId: number, prefix: string, mime: string): string {
  const ext = mime === 'image/png' ? 'png' : mime === 'image/webp' ? 'webp' : 'jpg';
  return `${prefix || 'site'}-${String(findingId).padStart(5, '0')}.${ext}`;
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
 * Maps one round's rows to the export: findings in recording order (ascending id), sites in the order their
 * first finding comes (then the sites without findings, as given); statuses and site kinds become the
 * reviewers' words; each finding's newest screenshot is named as the CSV names it. Pure: no database, no clock.
 */
export function rowsToExport(rows: RoundRows): RoundExport {
  const findingRows = [...rows.findings].sort((a, b) => a.id - b.id);
  const siteById = new Map(rows.sites.map((s) => [s.id, s]));
  const shotOf = new Map<number, RoundRows['screenshots'][number]>();
  for (const s of rows.screenshots) {
    const seen = shotOf.get(s.findingId);
    if (!seen || s.id > seen.id) shotOf.set(s.findingId, s);
  }
  const screenshots = new Map<string, Uint8Array>();

  const findings: ExportFinding[] = findingRows.map((r) => {
    const site = siteById.get(r.siteId);
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
      f.screenshot = screenshotName(r.id, site?.siteCode || site?.platform || '', shot.mime);
      screenshots.set(f.screenshot, shot.bytes);
    }
    return f;
  });
  const order = new Map<number, number>();
  for (const r of findingRows) if (!order.has(r.siteId)) order.set(r.siteId, order.size);
  const sites = rows.sites
    .map((s, i) => ({ s, rank: order.get(s.id) ?? order.size + i }))
    .sort((a, b) => a.rank - b.rank)
    .map(
      ({ s }): ExportSite => ({
        id: String(s.id),
        name: s.name,
        siteCode: s.siteCode,
        // An account's region is its 主办单位, printed as the reviewer gave it; a website's is a row of 附件1.
        region: s.region || (isAccount(s) ? '' : '未分区'),
        // A site with a platform is an account whatever kind it was given.
        kind: SITE_KIND_LABELS[isAccount(s) ? 'new-media' : s.kind]['zh-CN'] as ExportSite['kind'],
        homeUrl: s.homeUrl,
        ...(s.platform && { platform: PLATFORM_LABELS[s.platform]['zh-CN'] }),
        ...(s.accountId && { accountId: s.accountId }),
        ...(s.accountUrl && { accountUrl: s.accountUrl }),
      }),
    );
  return { data: { round: { name: rows.round.name, monitoringDate: rows.round.monitoringDate }, sites, findings }, screenshots };
}

/**
 * One round of the database as the export works on it (lib/export/model.ts): its findings, the sites they
 * are on, and their screenshots by the file names the CSV gives them.
 */
export async function roundExport(db: GovReviewDb, roundId: number): Promise<RoundExport> {
  const round = await db.rounds.get(roundId);
  if (!round) throw new Error(`no round ${roundId}`);
  const findings = await db.findings.where('roundId').equals(roundId).toArray();
  const sites = (await db.sites.bulkGet([...new Set(findings.map((r) => r.siteId))])).filter((s): s is Site => s !== undefined);
  const screenshots = await db.screenshots
    .where('findingId')
    .anyOf(findings.map((r) => r.id))
    .toArray();
  return rowsToExport({ round, sites, findings, screenshots });
}

/** A site's result for a round, with the site's name (the ledger's line per site). */
export interface NamedSiteScore extends SiteScore {
  name: string;
}

/**
 * Each site's result for one round by the indicators, from the finding and site rows alone: no screenshot
 * is read (the ledger scores on every change; only the export needs the images). The sites are those of
 * the round's findings, in the export's order, so the ledger and the exported report agree.
 */
export function roundScores(rows: Omit<RoundRows, 'screenshots'>): NamedSiteScore[] {
  const used = new Set(rows.findings.map((f) => f.siteId));
  const { data } = rowsToExport({ ...rows, sites: rows.sites.filter((s) => used.has(s.id)), screenshots: [] });
  const names = new Map(data.sites.map((s) => [s.id, s.name]));
  return [...scoreSites(data.sites, data.findings).values()].map((s) => ({ ...s, name: names.get(s.siteId) ?? s.siteId }));
}
