/**
 * Backup, restore and merge of the whole database as one JSON file:
 *
 *   { "format": "govreview-backup", "version": 1, "schemaVersion": 2, "exportedAt": <ms>,
 *     "tables": { "rounds": [...], "sites": [...], "findings": [...], "screenshots": [...] } }
 *
 * Rows are the stored records; screenshot bytes are base64 (`bytes` becomes a string).
 * Input is parsed and validated in full before the database is touched, and every write happens in one
 * read-write transaction over all tables, so a wrong or broken file, or a failure half-way, loses nothing.
 */
import type { Anchor } from '../engine/types';
import { CATEGORIES, SEVERITIES } from '../i18n/labels';
import { NEW_MEDIA_PLATFORMS } from '../newmedia/platforms';
import { FINDING_STATUSES, SITE_KINDS, dedupeFieldsOf, findingDedupeKey, type FindingRecord, type Round, type Screenshot, type Site } from './records';
import { SiteIndex, mergeFinding, mergeSite, screenshotsKept, siteKeys, siteStandingOf, type SiteCopy } from './merge';
import { SCHEMA_VERSION, allTables, type GovReviewDb } from './schema';

/** The `format` field that marks a JSON file as a GovReview backup (`npm run export` tells backups from scans by it). */
export const BACKUP_FORMAT = 'govreview-backup';
/**
 * The oldest database schema whose backed-up rows this version reads as they are: schema 3 added only the
 * 全站巡检 working tables, which backups leave out, so a backup written at schema 2 holds the same rows.
 */
export const OLDEST_READABLE_SCHEMA = 2;

/** Version of the file layout (not of the database schema, which `schemaVersion` records). */
export const BACKUP_VERSION = 1;

/** A screenshot as the file holds it. */
export type ScreenshotRow = Omit<Screenshot, 'bytes'> & { bytes: string };

/** The backup file's JSON: the stored rows of every table, with what is needed to know whether they can be read back. */
export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: number;
  schemaVersion: number;
  exportedAt: number;
  tables: {
    rounds: Round[];
    sites: Site[];
    findings: FindingRecord[];
    screenshots: ScreenshotRow[];
  };
}

/** What went wrong with a backup file; `code` lets the UI show a localised message. */
export type BackupErrorCode = 'unreadable' | 'not-json' | 'wrong-format' | 'unsupported-version' | 'invalid-row';

/** A backup file that cannot be restored or merged, found before the database is touched. */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

/** What a backup file can be handed in as: its text, its bytes, or the File the reviewer picked. */
export type BackupInput = string | Uint8Array | ArrayBuffer | Blob;

// ---------------------------------------------------------------------------------------------------------
// Export

/** The whole database as one JSON file (a consistent snapshot: read in one transaction). */
export async function exportBackup(db: GovReviewDb): Promise<string> {
  const [rounds, sites, findings, screenshots] = await db.transaction('r', allTables(db), () =>
    Promise.all([db.rounds.toArray(), db.sites.toArray(), db.findings.toArray(), db.screenshots.toArray()]),
  );
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    schemaVersion: SCHEMA_VERSION,
    exportedAt: db.now(),
    tables: {
      rounds,
      sites,
      findings,
      screenshots: screenshots.map((s) => ({ ...s, bytes: toBase64(s.bytes) })),
    },
  };
  return JSON.stringify(file);
}

// ---------------------------------------------------------------------------------------------------------
// Restore and merge

/** Rows of a parsed, validated backup, with screenshot bytes decoded. */
interface BackupTables {
  rounds: Round[];
  sites: Site[];
  findings: FindingRecord[];
  screenshots: Screenshot[];
}

/**
 * Replaces the whole database with a backup (ids kept). The file is validated first; clearing and
 * writing happen in one transaction, so on any error the database is left exactly as it was.
 */
export async function restoreBackup(db: GovReviewDb, input: BackupInput): Promise<void> {
  const t = await readBackup(input);
  await db.transaction('rw', allTables(db), async () => {
    await Promise.all(allTables(db).map((table) => table.clear()));
    await db.rounds.bulkAdd(t.rounds);
    await db.sites.bulkAdd(t.sites);
    await db.findings.bulkAdd(t.findings);
    await db.screenshots.bulkAdd(t.screenshots);
  });
}

/** What a merge did with one table's rows: new rows, matched rows it changed, matched rows it left as they were. */
export interface MergeCounts {
  added: number;
  updated: number;
  skipped: number;
}

/** What `mergeBackup` did, table by table: the ledger tells the reviewer in one line. */
export interface MergeReport {
  /** Rounds are matched by name, never changed. */
  rounds: Omit<MergeCounts, 'updated'>;
  sites: MergeCounts;
  findings: MergeCounts;
  /** `removed`: this database's screenshots of findings where the other reviewer's copy, with its own, won. */
  screenshots: Omit<MergeCounts, 'updated'> & { removed: number };
}

/**
 * Merges another reviewer's backup into this database without duplicates, remapping ids, by the one merge
 * policy of merge.ts (the same as `npm run export`'s):
 * - rounds match by name;
 * - sites match by 网站标识码, else by a shared host (two sites of the file never fold into one local site); a
 *   confirmed site beats a proposed one, else the one edited last wins; the merged site has both's hosts and
 *   the empty fields of the winner filled from the other;
 * - findings match by dedupe key (recomputed with the local round id); a reviewer's decision beats 待复核,
 *   else the copy changed last wins, a tie keeps the local one;
 * - screenshots follow their finding: the winning copy's, else the other's.
 * Local ids stay; nothing gets a new `updatedAt`. All in one transaction: a failure leaves the database as it was.
 */
export async function mergeBackup(db: GovReviewDb, input: BackupInput): Promise<MergeReport> {
  const t = await readBackup(input);
  const report: MergeReport = {
    rounds: { added: 0, skipped: 0 },
    sites: { added: 0, updated: 0, skipped: 0 },
    findings: { added: 0, updated: 0, skipped: 0 },
    screenshots: { added: 0, removed: 0, skipped: 0 },
  };
  const LOCAL = 0;
  const FILE = 1;
  await db.transaction('rw', allTables(db), async () => {
    const roundIds = new Map<number, number>();
    for (const { id, ...round } of t.rounds) {
      const local = await db.rounds.where('name').equals(round.name).first();
      if (local) {
        roundIds.set(id, local.id);
        report.rounds.skipped++;
      } else {
        roundIds.set(id, await db.rounds.add(round));
        report.rounds.added++;
      }
    }

    // The local sites, indexed by the policy's keys; the file's sites fold into them or are added.
    const index = new SiteIndex<SiteCopy<Site>>();
    for (const site of await db.sites.toArray()) index.add({ row: site, standing: siteStandingOf(site) }, siteKeys(site), LOCAL);
    const siteIds = new Map<number, number>();
    for (const { id, ...site } of t.sites) {
      const keys = siteKeys(site);
      const incoming = { row: site, standing: siteStandingOf(site) };
      const local = index.find(keys, FILE);
      if (local) {
        const merged = mergeSite(local, incoming);
        if (merged.changed) {
          await db.sites.put(merged.copy.row);
          report.sites.updated++;
        } else {
          report.sites.skipped++;
        }
        local.row = merged.copy.row;
        local.standing = merged.copy.standing;
        siteIds.set(id, local.row.id);
        index.add(local, [...keys, ...siteKeys(local.row)], FILE);
      } else {
        const added = { row: { ...site, id: await db.sites.add(site) }, standing: incoming.standing };
        siteIds.set(id, added.row.id);
        index.add(added, keys, FILE);
        report.sites.added++;
      }
    }

    const shotsOf = new Map<number, Screenshot[]>();
    for (const shot of t.screenshots) {
      const list = shotsOf.get(shot.findingId);
      if (list) list.push(shot);
      else shotsOf.set(shot.findingId, [shot]);
    }
    const addShots = async (findingId: number, shots: readonly Screenshot[]) => {
      for (const { id: _id, ...shot } of shots) await db.screenshots.add({ ...shot, findingId });
      report.screenshots.added += shots.length;
    };
    for (const { id, ...finding } of t.findings) {
      const row = { ...finding, roundId: roundIds.get(finding.roundId)!, siteId: siteIds.get(finding.siteId)! };
      row.dedupeKey = findingDedupeKey(dedupeFieldsOf(row));
      const shots = shotsOf.get(id) ?? [];
      const held = await db.findings.where('dedupeKey').equals(row.dedupeKey).first();
      if (!held) {
        await addShots(await db.findings.add(row), shots);
        report.findings.added++;
        continue;
      }
      const merged = mergeFinding({ row: held }, { row: { ...row, id: held.id } });
      if (merged.changed) {
        await db.findings.put(merged.copy.row);
        report.findings.updated++;
      } else {
        report.findings.skipped++;
      }
      const localShots = await db.screenshots.where('findingId').equals(held.id).primaryKeys();
      if (screenshotsKept(merged.winner, localShots, shots) === 'incoming') {
        await db.screenshots.bulkDelete(localShots);
        report.screenshots.removed += localShots.length;
        await addShots(held.id, shots);
      } else {
        report.screenshots.skipped += shots.length;
      }
    }
  });
  return report;
}

// ---------------------------------------------------------------------------------------------------------
// Reading and validating a file

async function readText(input: BackupInput): Promise<string> {
  try {
    if (typeof input === 'string') return input;
    const bytes = input instanceof Uint8Array ? input : input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(await input.arrayBuffer());
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    throw new BackupError('unreadable', `Backup file is not UTF-8 text: ${(e as Error).message}`);
  }
}

/** Parses and validates a backup file in full; throws BackupError naming the first problem. */
export async function readBackup(input: BackupInput): Promise<BackupTables> {
  const text = (await readText(input)).replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BackupError('not-json', `Not a GovReview backup: the file is not JSON (${(e as Error).message})`);
  }
  if (!isObject(json) || json.format !== BACKUP_FORMAT || !isObject(json.tables)) {
    throw new BackupError('wrong-format', `Not a GovReview backup: expected "format": "${BACKUP_FORMAT}" and "tables"`);
  }
  if (json.version !== BACKUP_VERSION) {
    throw new BackupError('unsupported-version', `Backup file version ${String(json.version)} is not supported (expected ${BACKUP_VERSION})`);
  }
  // Rows are stored at the current schema; a file from a newer extension may hold fields this one cannot keep.
  // When the schema moves on, convert older rows here, version by version, as the schema upgrades do.
  if (typeof json.schemaVersion !== 'number' || json.schemaVersion < OLDEST_READABLE_SCHEMA || json.schemaVersion > SCHEMA_VERSION) {
    throw new BackupError(
      'unsupported-version',
      `Backup written at database schema ${String(json.schemaVersion)}; this version of GovReview reads schema ${SCHEMA_VERSION}`,
    );
  }
  const tables = json.tables;
  const rounds = rowsOf<Round>(tables, 'rounds', checkRound);
  const sites = rowsOf<Site>(tables, 'sites', checkSite);
  const findings = rowsOf<FindingRecord>(tables, 'findings', checkFinding);
  const shotRows = rowsOf<ScreenshotRow>(tables, 'screenshots', checkScreenshot);

  // Keys and references: what the unique indexes and the merge rely on.
  unique('rounds', rounds, (r) => r.name, 'name');
  const roundIds = new Set(rounds.map((r) => r.id));
  const siteIds = new Set(sites.map((s) => s.id));
  findings.forEach((f, i) => {
    if (!roundIds.has(f.roundId)) invalid('findings', i, `roundId ${f.roundId} is not a round of the file`);
    if (!siteIds.has(f.siteId)) invalid('findings', i, `siteId ${f.siteId} is not a site of the file`);
    // Recompute: the key is derived data, and a hand-edited file must not slip a wrong one in.
    f.dedupeKey = findingDedupeKey(dedupeFieldsOf(f));
  });
  unique('findings', findings, (f) => f.dedupeKey, 'finding (same round, page, check, text and position)');
  const findingIds = new Set(findings.map((f) => f.id));
  const screenshots = shotRows.map((s, i): Screenshot => {
    if (!findingIds.has(s.findingId)) invalid('screenshots', i, `findingId ${s.findingId} is not a finding of the file`);
    let bytes: Uint8Array;
    try {
      bytes = fromBase64(s.bytes);
    } catch {
      invalid('screenshots', i, 'bytes is not base64');
    }
    return { ...s, bytes };
  });
  return { rounds, sites, findings, screenshots };
}

function invalid(table: string, index: number, problem: string): never {
  throw new BackupError('invalid-row', `Backup ${table}[${index}]: ${problem}`);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates the rows of one table; each checker throws on the first wrong field. Ids must be unique. */
function rowsOf<T extends { id: number }>(tables: Json, name: string, check: (row: Json, fail: (problem: string) => never) => void): T[] {
  const rows = tables[name];
  if (!Array.isArray(rows)) throw new BackupError('wrong-format', `Not a GovReview backup: tables.${name} is not a list`);
  rows.forEach((row: unknown, i) => {
    const fail = (problem: string): never => invalid(name, i, problem);
    if (!isObject(row)) fail('not an object');
    const r = row as Json;
    if (!Number.isSafeInteger(r.id) || (r.id as number) <= 0) fail('id must be a positive integer');
    check(r, fail);
  });
  unique(name, rows as T[], (r) => r.id, 'id');
  return rows as T[];
}

function unique<T>(table: string, rows: T[], key: (row: T) => unknown, what: string): void {
  const seen = new Set<unknown>();
  rows.forEach((row, i) => {
    const k = key(row);
    if (seen.has(k)) invalid(table, i, `duplicate ${what}`);
    seen.add(k);
  });
}

type Fail = (problem: string) => never;

function str(r: Json, field: string, fail: Fail, optional = false): void {
  if (optional && r[field] === undefined) return;
  if (typeof r[field] !== 'string') fail(`${field} must be a string`);
}
function num(r: Json, field: string, fail: Fail, optional = false): void {
  if (optional && r[field] === undefined) return;
  if (typeof r[field] !== 'number' || !Number.isFinite(r[field])) fail(`${field} must be a number`);
}
function oneOf(r: Json, field: string, values: readonly string[], fail: Fail): void {
  if (!values.includes(r[field] as string)) fail(`${field} must be one of ${values.join(', ')}`);
}

function checkRound(r: Json, fail: Fail): void {
  str(r, 'name', fail);
  if (!(r.name as string).trim()) fail('name is empty');
  str(r, 'monitoringDate', fail);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(r.monitoringDate as string)) fail('monitoringDate must be YYYY-MM-DD');
  num(r, 'createdAt', fail);
}

function checkSite(r: Json, fail: Fail): void {
  for (const f of ['name', 'siteCode', 'region', 'homeUrl']) str(r, f, fail);
  oneOf(r, 'kind', SITE_KINDS, fail);
  if (!Array.isArray(r.hosts) || !r.hosts.every((h) => typeof h === 'string')) fail('hosts must be a list of strings');
  if (r.proposed !== undefined && typeof r.proposed !== 'boolean') fail('proposed must be true or false');
  if (r.platform !== undefined) oneOf(r, 'platform', NEW_MEDIA_PLATFORMS, fail);
  for (const f of ['accountId', 'accountUrl']) str(r, f, fail, true);
  num(r, 'createdAt', fail);
  num(r, 'updatedAt', fail);
}

function checkFinding(r: Json, fail: Fail): void {
  for (const f of ['roundId', 'siteId', 'createdAt', 'updatedAt']) num(r, f, fail);
  for (const f of ['pageUrl', 'pageTitle', 'frameUrl', 'check', 'messageId', 'message', 'text', 'note', 'dedupeKey']) str(r, f, fail);
  for (const f of ['suggestion', 'kind']) str(r, f, fail, true);
  for (const f of ['start', 'end']) num(r, f, fail, true);
  oneOf(r, 'category', CATEGORIES, fail);
  oneOf(r, 'severity', SEVERITIES, fail);
  oneOf(r, 'status', FINDING_STATUSES, fail);
  if (!isObject(r.data) || !Object.values(r.data).every((v) => typeof v === 'string' || typeof v === 'number')) {
    fail('data must be an object of strings and numbers');
  }
  if (r.anchor !== undefined) {
    const a = r.anchor as Partial<Record<keyof Anchor, unknown>>;
    if (!isObject(a) || ![a.quote, a.prefix, a.suffix].every((v) => typeof v === 'string') || ![a.start, a.end].every((v) => typeof v === 'number')) {
      fail('anchor must have quote, prefix, suffix, start and end');
    }
  }
}

function checkScreenshot(r: Json, fail: Fail): void {
  for (const f of ['findingId', 'width', 'height', 'createdAt']) num(r, f, fail);
  str(r, 'mime', fail);
  str(r, 'bytes', fail);
}

// ---------------------------------------------------------------------------------------------------------
// Base64 (btoa/atob exist in pages, service workers and Node ≥ 16; Buffer does not exist in the browser)

const CHUNK = 0x8000;

/** Bytes as base64, for a screenshot in a backup file; in chunks, since one String.fromCharCode over a whole image would exceed the argument limit. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** Throws on anything that is not base64. */
export function fromBase64(b64: string): Uint8Array {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
