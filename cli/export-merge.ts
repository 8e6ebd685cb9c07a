/**
 * Merges the inputs of `npm run export` (scans and backups from many reviewers) into the rows of one round, as
 * the database would hold them, for lib/db/to-export.ts `rowsToExport`: a backup alone gives exactly the rows
 * (ids included) the extension exports, so the CSV, the screenshot names and the statuses are the same.
 *
 * - Round: `--round NAME` among the backups' rounds, else the newest by monitoring date; scan findings join
 *   it. Without backup rounds, the scans' round as before: `--round`, else the quarter of `--today`.
 * - Sites, findings and screenshots merge by the one policy of lib/db/merge.ts, the ledger's 合并备份's too:
 *   sites are one when they share a 网站标识码 or a host (sites of one backup stay apart), a confirmed site beats
 *   a proposed one, which beats what a scan derives from a <title> or a host, else the one edited last wins;
 *   findings are one when their dedupe keys match, a reviewer's decision beats 待复核, which beats a scan's
 *   copy, else the copy changed last wins; a finding keeps one copy's screenshots (the winner's, else the
 *   other's). Inputs are read in order (the first backup first), and a tie keeps what was read before.
 * - The first backup keeps its ids (the screenshot names hold the finding id); everything else is numbered
 *   after it.
 */
import { basename } from 'node:path';
import { footerIdentity } from '../lib/text-model/footer-identity';
import { SiteIndex, SiteStanding, mergeFinding, mergeSite, screenshotsKept, siteKeys, siteStandingOf } from '../lib/db/merge';
import { dedupeFieldsOf, findingDedupeKey, roundNameOf, type FindingRecord, type Screenshot, type Site } from '../lib/db/records';
import type { RoundRows } from '../lib/db/to-export';
import type { Anchor, Category, NewMediaInfo, Severity } from '../lib/engine/types';
import { proposeAccount } from '../lib/db/repo';
import { isRealDate } from './args';
import { InputError } from './errors';
import type { BackupTables, ExportInput, ScanDoc } from './export-inputs';

/** What the command line says about the round `mergeInputs` builds. */
export interface MergeOptions {
  /** --round: the round's name. */
  round?: string;
  /** --today: monitoring date of a scans-only export, and the date of scans that carry none. */
  today: string;
}

/** The merged round's rows, and how many copies of findings were folded into others. */
export interface MergedRows extends RoundRows {
  duplicates: number;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const HOME_PATH = /^\/((index|default|home)\.[a-z]+)?$/i;

function parseUrl(u: string): URL | undefined {
  try {
    return new URL(u);
  } catch {
    return undefined;
  }
}

interface MergedSite {
  row: Site;
  standing: SiteStanding;
  /** A scanned site is exported even without findings (a clean page passes). */
  scanned: boolean;
}

interface MergedFinding {
  row: FindingRecord;
  /** Only a scan has seen it (no reviewer's record): the lowest standing. */
  scanned: boolean;
  screenshots: Screenshot[];
}

/** The site fields a backup row or a scan gives, their standing, and the keys it merges by (lib/db/merge.ts). */
interface SiteCandidate {
  row: Omit<Site, 'id'>;
  standing: SiteStanding;
  keys: string[];
}

/** A stored finding's anchor, when a scan's finding carries a well-formed one. */
function anchorOf(v: unknown): Anchor | undefined {
  const a = v as Partial<Anchor> | null;
  if (typeof a !== 'object' || a === null) return undefined;
  if (![a.quote, a.prefix, a.suffix].every((x) => typeof x === 'string') || ![a.start, a.end].every((x) => typeof x === 'number')) return undefined;
  return { quote: a.quote!, prefix: a.prefix!, suffix: a.suffix!, start: a.start!, end: a.end! };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

class Merger {
  readonly sites: MergedSite[] = [];
  private readonly siteIndex = new SiteIndex<MergedSite>();
  /** By dedupe key. */
  readonly findings = new Map<string, MergedFinding>();
  duplicates = 0;
  private nextSite = 1;
  private nextFinding = 1;
  private nextShot = 1;

  constructor(readonly roundId: number) {}

  /**
   * Finds the site a candidate merges into, or adds it. A backup's site never merges into one that already
   * holds a site of the same backup; `keepId` keeps the backup's id.
   */
  site(c: SiteCandidate, input: number, from: { backup: boolean; keepId?: number }): MergedSite {
    const scope = from.backup ? input : undefined;
    let site = this.siteIndex.find(c.keys, scope);
    if (!site) {
      const id = from.keepId ?? this.nextSite;
      this.nextSite = Math.max(this.nextSite, id + 1);
      site = { row: { ...c.row, id }, standing: c.standing, scanned: false };
      this.sites.push(site);
    } else {
      const merged = mergeSite(site, c).copy;
      site.row = merged.row;
      site.standing = merged.standing;
    }
    this.siteIndex.add(site, [...siteKeys(site.row), ...c.keys], input);
    return site;
  }

  /**
   * Adds a finding with its screenshots, or folds it into the copy already there (lib/db/merge.ts). `keepId`
   * keeps the backup's ids, the screenshots' too.
   */
  finding(row: Omit<FindingRecord, 'id' | 'dedupeKey'>, shots: readonly Screenshot[], from: { backup: boolean; keepId?: number }): void {
    const dedupeKey = findingDedupeKey(dedupeFieldsOf(row));
    const renumber = (s: Screenshot, findingId: number): Screenshot => {
      const shotId = from.keepId !== undefined ? s.id : this.nextShot;
      this.nextShot = Math.max(this.nextShot, shotId + 1);
      return { ...s, id: shotId, findingId };
    };
    const current = this.findings.get(dedupeKey);
    if (!current) {
      const findingId = from.keepId ?? this.nextFinding;
      this.nextFinding = Math.max(this.nextFinding, findingId + 1);
      this.findings.set(dedupeKey, {
        row: { ...row, id: findingId, dedupeKey },
        scanned: !from.backup,
        screenshots: shots.map((s) => renumber(s, findingId)),
      });
      return;
    }
    this.duplicates++;
    const merged = mergeFinding({ row: current.row, scanned: current.scanned }, { row: { ...row, id: current.row.id, dedupeKey }, scanned: !from.backup });
    current.row = merged.copy.row;
    current.scanned = !!merged.copy.scanned;
    if (screenshotsKept(merged.winner, current.screenshots, shots) === 'incoming') current.screenshots = shots.map((s) => renumber(s, current.row.id));
  }
}

/** The round the export covers (its name and monitoring date): see the rules at the top of the file. */
function chooseRound(backups: readonly BackupTables[], opts: MergeOptions): { name: string; monitoringDate: string } {
  const rounds = backups.flatMap((b) => b.rounds);
  if (!rounds.length) return { name: opts.round ?? roundNameOf(opts.today), monitoringDate: opts.today };
  if (opts.round !== undefined) {
    const named = rounds.find((r) => r.name === opts.round);
    if (!named) throw new InputError(`no round "${opts.round}" in the backups; they hold: ${[...new Set(rounds.map((r) => r.name))].join('、')}`);
    return named;
  }
  // Newest by monitoring date; a tie goes to the round created last.
  return rounds.reduce((a, b) => (b.monitoringDate > a.monitoringDate || (b.monitoringDate === a.monitoringDate && b.createdAt > a.createdAt) ? b : a));
}

function addBackup(m: Merger, t: BackupTables, input: number, roundName: string, keepIds: boolean): void {
  const siteIds = new Map<number, number>();
  for (const s of t.sites) {
    const { id, ...row } = s;
    siteIds.set(id, m.site({ row, standing: siteStandingOf(s), keys: siteKeys(s) }, input, { backup: true, keepId: keepIds ? id : undefined }).row.id);
  }
  const roundIds = new Set(t.rounds.filter((r) => r.name === roundName).map((r) => r.id));
  const shotsOf = new Map<number, Screenshot[]>();
  for (const s of t.screenshots) {
    const list = shotsOf.get(s.findingId);
    if (list) list.push(s);
    else shotsOf.set(s.findingId, [s]);
  }
  for (const f of t.findings) {
    if (!roundIds.has(f.roundId)) continue;
    const { id, dedupeKey: _key, ...row } = f;
    m.finding({ ...row, roundId: m.roundId, siteId: siteIds.get(f.siteId)! }, shotsOf.get(id) ?? [], { backup: true, keepId: keepIds ? id : undefined });
  }
}

/** The NewMediaInfo a scan carries, when it is one (platform and account); undefined otherwise. */
function accountOfScan(raw: unknown): NewMediaInfo | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const info = raw as Partial<NewMediaInfo>;
  const platforms = ['wechat', 'weibo', 'douyin', 'kuaishou', 'toutiao'];
  if (!platforms.includes(String(info.platform)) || typeof info.account !== 'object' || info.account === null) return undefined;
  const { name, id, url } = info.account as { name?: unknown; id?: unknown; url?: unknown };
  return {
    platform: info.platform as NewMediaInfo['platform'],
    pageKind: info.pageKind === 'account' || info.pageKind === 'article' ? info.pageKind : 'unknown',
    account: { url: typeof url === 'string' ? url : '', ...(typeof name === 'string' && { name }), ...(typeof id === 'string' && { id }) },
    posts: [],
  };
}

function addScans(m: Merger, scans: readonly ScanDoc[], input: number, today: string): void {
  scans.forEach((scan, i) => {
    const pageUrl = str(scan.url) || str(scan.target);
    const title = str(scan.title).trim();
    const url = parseUrl(pageUrl);
    const web = !!url && url.protocol !== 'file:' && !!url.hostname;
    const isHome = web && HOME_PATH.test(url.pathname) && !url.search;
    const { findings } = scan;
    // `npm run crawl` lines name their site as sites.csv does (网站名称, 网站标识码): a reviewer's list beats a footer.
    const listed = typeof scan.site === 'object' && scan.site !== null ? (scan.site as Record<string, unknown>) : {};
    const listedName = str(listed.name).trim();
    const code =
      str(listed.siteCode).trim() ||
      (findings.map((f) => footerIdentity(`${str(f.text)} ${str(f.suggestion)} ${str(f.message)}`).siteCode).find(Boolean) ?? '');
    const fallback = web ? url.host : url?.protocol === 'file:' ? basename(url.pathname) : pageUrl || `scan-${i + 1}`;
    const date = isRealDate(str(scan.today)) ? str(scan.today) : today;
    // The scan day, at midnight in Beijing (the CSV prints 发现时间 in Beijing time).
    const at = Date.parse(`${date}T00:00:00+08:00`);
    const host = web ? url.hostname.toLowerCase() : '';
    const row: Omit<Site, 'id'> = {
      name: listedName || title || fallback,
      siteCode: code,
      region: '',
      kind: 'portal',
      homeUrl: web ? `${url.protocol}//${url.host}/` : '',
      hosts: host ? [host] : [],
      createdAt: at,
      updatedAt: at,
    };
    // A 政务新媒体 page: filed under its account (every WeChat article is on mp.weixin.qq.com), as the extension files it.
    const account = accountOfScan(scan.newMedia);
    if (account) Object.assign(row, { ...proposeAccount(account), createdAt: at, updatedAt: at });
    const keys = siteKeys(row, pageUrl);
    if (!keys.length) keys.push(`scan:${input}:${i}`);
    const standing = listedName ? SiteStanding.HomeTitle : title ? (isHome ? SiteStanding.HomeTitle : SiteStanding.Title) : SiteStanding.Host;
    const site = m.site({ row, standing, keys }, input, { backup: false });
    site.scanned = true;
    for (const f of findings) {
      const anchor = anchorOf(f.anchor);
      const [start, end, kind, suggestion] = [num(f.start), num(f.end), str(f.kind) || undefined, str(f.suggestion) || undefined];
      m.finding(
        {
          roundId: m.roundId,
          siteId: site.row.id,
          pageUrl,
          pageTitle: title,
          frameUrl: str(f.url) || pageUrl,
          check: str(f.check),
          category: f.category as Category,
          severity: f.severity as Severity,
          messageId: str(f.messageId),
          data: {},
          message: str(f.message),
          text: str(f.text),
          ...(suggestion !== undefined && { suggestion }),
          ...(kind !== undefined && { kind }),
          ...(start !== undefined && { start }),
          ...(end !== undefined && { end }),
          ...(anchor && { anchor }),
          note: '',
          status: 'pending',
          createdAt: at,
          updatedAt: at,
        },
        [],
        { backup: false },
      );
    }
  });
}

/**
 * Merges the inputs into one round's rows. The first backup is read first (it keeps its ids), the other
 * inputs then in the order given. Throws an InputError when --round names no round of the backups, and when
 * backups alone leave no finding to export.
 */
export function mergeInputs(inputs: readonly ExportInput[], opts: MergeOptions): MergedRows {
  const backups = inputs.flatMap((i) => (i.kind === 'backup' ? [i.tables] : []));
  const round = chooseRound(backups, opts);
  const first = inputs.findIndex((i) => i.kind === 'backup');
  const firstRound = first < 0 ? undefined : backups[0].rounds.find((r) => r.name === round.name);
  const m = new Merger(firstRound?.id ?? 1);
  const order = first < 0 ? inputs.map((_, i) => i) : [first, ...inputs.map((_, i) => i).filter((i) => i !== first)];
  for (const i of order) {
    const input = inputs[i];
    if (input.kind === 'backup') addBackup(m, input.tables, i, round.name, i === first);
    else addScans(m, input.scans, i, opts.today);
  }
  const findings = [...m.findings.values()];
  if (!findings.length && backups.length === inputs.length) {
    throw new InputError(
      backups.some((b) => b.rounds.length)
        ? `no findings to export: round "${round.name}" of the backups has none`
        : 'no findings to export: the backups hold no rounds',
    );
  }
  const withFindings = new Set(findings.map((f) => f.row.siteId));
  return {
    round: { name: round.name, monitoringDate: round.monitoringDate },
    sites: m.sites.filter((s) => s.scanned || withFindings.has(s.row.id)).map((s) => s.row),
    findings: findings.map((f) => f.row),
    screenshots: findings.flatMap((f) => f.screenshots),
    duplicates: m.duplicates,
  };
}
