/**
 * The one merge policy of GovReview: what happens when two copies of the same site or finding meet. Used by the
 * ledger's 合并备份 (backup.ts `mergeBackup`: another reviewer's backup into this database) and by
 * `npm run export` (cli/export-merge.ts: scans and backups of many reviewers into one round). Pure functions over
 * records: no Dexie, no Node, no clock, so both hosts and the tests run the same code.
 *
 * "Held" is the copy already there (the local database; in the CLI, the inputs read before: the first backup,
 * then the others in the order given), "incoming" the one being merged in.
 *
 * Findings
 * - Two copies are the same finding when their dedupe keys match (records.ts `findingDedupeKey`: round, page
 *   without fragment, frame, check, kind, text, position), whatever site they were filed under.
 * - Standing: a copy the reviewer decided (已确认 / 已排除 / 已整改) > a copy recorded but not decided (待复核) >
 *   a copy a CLI scan found (no reviewer saw it). The higher standing wins, whatever the times: a decision is
 *   never undone by a 待复核 copy, even one whose `updatedAt` is newer because it was recorded again (recording
 *   moves `updatedAt` and leaves the status).
 * - Same standing: the copy changed last (`updatedAt`) wins: the later of two decisions stands. A tie keeps the
 *   held copy, so merging the same file twice changes nothing.
 * - The merged finding keeps the held copy's identity (id, round, site, dedupe key), takes the winner's
 *   status, note and every other field, and is found at the earliest time of the two (`createdAt`). Its note is
 *   the winner's, or the other's when the winner has none (a note is never replaced by nothing). `updatedAt` is
 *   the winner's: a merge never makes a copy look newer than it was, so merges in any order agree.
 * - Screenshots follow their finding: the winner's, or the other copy's when the winner has none; never both
 *   (the export shows one per finding).
 *
 * Examples (A held, B incoming; t = updatedAt):
 *   A 已确认 t5,  B 待复核 t9 (B recorded it again)   → 已确认 (A): a decision beats 待复核
 *   A 待复核 t9,  B 已排除 t2                          → 已排除 (B): either direction of import
 *   A 已确认 t3,  B 已排除 t7                          → 已排除 (B): the later decision
 *   A 已排除 t7,  B 已确认 t3                          → 已排除 (A)
 *   A 已确认 t5,  B 已排除 t5                          → 已确认 (A): a tie keeps what is held
 *   A 待复核 t2 "问单位", B 待复核 t4 ""                → 待复核 with B's fields, note "问单位"
 *   A scan t9,    B 待复核 t1                          → B's copy: a reviewer's record beats a scan
 *
 * Sites
 * - Two sites are one when they share a 网站标识码 (compared first) or a host (of `hosts` or of the home URL). A
 *   site never merges into one that already took in another site of the same input: sites a reviewer kept apart
 *   stay apart.
 * - Standing: a site the reviewer confirmed > one GovReview proposed from a footer > (CLI only) one named after a
 *   home page's <title> > a page's <title> > its host. The higher standing wins; the same standing, the one
 *   edited last (`updatedAt`); a tie keeps the held site.
 * - The merged site keeps the held id and creation time, takes the winner's fields, fills the ones it leaves
 *   empty (网站标识码, 县（区）/部门, home URL, account id and URL) from the other, gets the hosts of both, and is
 *   proposed only when the winner is.
 * - A 政务新媒体 account (a site with a platform, no code, no host) is one with another of the same platform and
 *   account id, else the same account URL, else the same name (lib/db/repo.ts accountForPage's order).
 *
 * Known limit: `updatedAt` is the time of any change (status, note, recording again), not of the decision alone;
 * between two decided copies, one recorded again after the other's decision counts as the later one.
 */
import { hostnameOf } from '../engine/hosts';
import { pageKey, type FindingRecord, type Site } from './records';

/** Which copy a merge kept. */
export type Winner = 'held' | 'incoming';

// ---------------------------------------------------------------------------------------------------------
// Findings

/** A copy of a finding as a merge sees it: the row, and whether a CLI scan made it (no reviewer recorded it). */
export interface FindingCopy {
  row: FindingRecord;
  scanned?: boolean;
}

/** How much a finding's copy weighs: 2 decided by a reviewer, 1 recorded (待复核), 0 found by a scan. */
export function findingStanding(copy: FindingCopy): 0 | 1 | 2 {
  if (copy.scanned) return 0;
  return copy.row.status === 'pending' ? 1 : 2;
}

/** Whether the incoming copy of a finding wins over the held one (see the rules at the top of the file). */
export function incomingFindingWins(held: FindingCopy, incoming: FindingCopy): boolean {
  const [h, i] = [findingStanding(held), findingStanding(incoming)];
  return i !== h ? i > h : incoming.row.updatedAt > held.row.updatedAt;
}

/** What `mergeFinding` returns: the one finding both copies become, which copy won, and whether the held row must be written. */
export interface MergedFinding {
  /** The merged copy: the held identity with the winner's fields (see the rules at the top of the file). */
  copy: FindingCopy;
  winner: Winner;
  /** Whether the merged row differs from the held one. */
  changed: boolean;
}

/** Merges two copies of the same finding (same dedupe key). */
export function mergeFinding(held: FindingCopy, incoming: FindingCopy): MergedFinding {
  const winner: Winner = incomingFindingWins(held, incoming) ? 'incoming' : 'held';
  const [win, lose] = winner === 'incoming' ? [incoming, held] : [held, incoming];
  const { id, roundId, siteId, dedupeKey } = held.row;
  const row: FindingRecord = {
    ...win.row,
    id,
    roundId,
    siteId,
    dedupeKey,
    note: win.row.note || lose.row.note,
    createdAt: Math.min(held.row.createdAt, incoming.row.createdAt),
  };
  const scanned = !!win.scanned;
  return { copy: scanned ? { row, scanned } : { row }, winner, changed: !sameValue(row, held.row) };
}

/** Whose screenshots the merged finding keeps: the winner's, else the other copy's (never both). */
export function screenshotsKept(winner: Winner, held: readonly unknown[], incoming: readonly unknown[]): Winner {
  const [mine, other]: Winner[] = winner === 'incoming' ? ['incoming', 'held'] : ['held', 'incoming'];
  const count = (w: Winner) => (w === 'incoming' ? incoming : held).length;
  return count(mine) || !count(other) ? mine : other;
}

// ---------------------------------------------------------------------------------------------------------
// Sites

/**
 * How far a site's record is to be trusted, lowest first: a name made from a host, from a page's <title>, from a
 * home page's <title> (the three only the CLI derives from scans), a site GovReview proposed, a site the reviewer
 * confirmed.
 */
export const SiteStanding = { Host: 0, Title: 1, HomeTitle: 2, Proposed: 3, Confirmed: 4 } as const;
/** One of the `SiteStanding` values: a higher standing wins a merge. */
export type SiteStanding = (typeof SiteStanding)[keyof typeof SiteStanding];

/** The standing of a stored site: proposed, or confirmed (no flag, or `proposed: false`). */
export function siteStandingOf(site: Pick<Site, 'proposed'>): SiteStanding {
  return site.proposed === true ? SiteStanding.Proposed : SiteStanding.Confirmed;
}

/** A site's fields (with or without its id) and their standing. */
export interface SiteCopy<R extends Omit<Site, 'id'> = Omit<Site, 'id'>> {
  row: R;
  standing: SiteStanding;
}

/** Whether the incoming copy of a site wins over the held one (see the rules at the top of the file). */
export function incomingSiteWins(held: SiteCopy, incoming: SiteCopy): boolean {
  return incoming.standing !== held.standing ? incoming.standing > held.standing : incoming.row.updatedAt > held.row.updatedAt;
}

/** What `mergeSite` returns: the one site both copies become, which copy won, and whether it differs from the held row. */
export interface MergedSite<R extends Omit<Site, 'id'>> {
  copy: SiteCopy<R>;
  winner: Winner;
  changed: boolean;
}

const normaliseHost = (h: string): string => h.trim().toLowerCase();

/** Merges two copies of the same site; the result keeps the held row's id (when it has one). */
export function mergeSite<R extends Omit<Site, 'id'>>(held: SiteCopy<R>, incoming: SiteCopy): MergedSite<R> {
  const winner: Winner = incomingSiteWins(held, incoming) ? 'incoming' : 'held';
  const [win, lose] = winner === 'incoming' ? [incoming, held] : [held, incoming];
  const { proposed: _proposed, ...fields } = win.row;
  // A confirmed winner says `proposed: false` when it or the held row carries the flag (a confirmed proposal).
  const flagged = win.row.proposed !== undefined || held.row.proposed !== undefined;
  const row = {
    ...held.row,
    ...fields,
    ...('id' in held.row && { id: held.row.id }),
    name: win.row.name || lose.row.name,
    siteCode: win.row.siteCode.trim() || lose.row.siteCode.trim(),
    region: win.row.region || lose.row.region,
    homeUrl: win.row.homeUrl || lose.row.homeUrl,
    ...((win.row.accountId || lose.row.accountId) && { accountId: win.row.accountId || lose.row.accountId }),
    ...((win.row.accountUrl || lose.row.accountUrl) && { accountUrl: win.row.accountUrl || lose.row.accountUrl }),
    hosts: [...new Set([...held.row.hosts, ...incoming.row.hosts].map(normaliseHost).filter(Boolean))],
    createdAt: held.row.createdAt,
  } as R;
  delete row.proposed;
  if (win.standing === SiteStanding.Proposed) row.proposed = true;
  else if (flagged && win.standing === SiteStanding.Confirmed) row.proposed = false;
  return { copy: { row, standing: win.standing }, winner, changed: !sameValue(row, held.row) };
}

/**
 * The keys a site merges by, the 网站标识码 first: `code:…`, then `host:…` for its hosts and its home URL's host;
 * a site with neither gets `page:…` of the page it was seen on, when given (a local file has no host).
 */
export function siteKeys(
  site: Pick<Site, 'siteCode' | 'homeUrl' | 'hosts'> & Partial<Pick<Site, 'name' | 'platform' | 'accountId' | 'accountUrl'>>,
  page = '',
): string[] {
  const keys: string[] = [];
  // A 政务新媒体 account (no code, no host): its platform's id, else its page, else its name, as accountForPage finds it.
  if (site.platform) {
    const id = site.accountId?.trim();
    const url = site.accountUrl?.trim();
    const name = site.name?.trim();
    if (id) keys.push(`account:${site.platform}:id:${id}`);
    else if (url) keys.push(`account:${site.platform}:url:${pageKey(url)}`);
    else if (name) keys.push(`account:${site.platform}:name:${name}`);
    if (keys.length) return keys;
  }
  const code = site.siteCode.trim().toLowerCase();
  if (code) keys.push(`code:${code}`);
  const hosts = new Set([...site.hosts.map(normaliseHost), hostnameOf(site.homeUrl)].filter(Boolean));
  for (const h of hosts) keys.push(`host:${h}`);
  if (!keys.length && page) keys.push(`page:${pageKey(page)}`);
  return keys;
}

/**
 * Finds the site a copy merges into, by its keys (see `siteKeys`), and remembers which inputs each site took in,
 * so that two sites of one input (one backup, the local database) never merge with each other. `E` is whatever
 * the caller keeps per merged site.
 */
export class SiteIndex<E> {
  private readonly byKey = new Map<string, E>();
  private readonly inputs = new Map<E, Set<number>>();

  /** The site a copy with these keys merges into: the first key's that has not taken in a site of `input`. */
  find(keys: readonly string[], input?: number): E | undefined {
    for (const k of keys) {
      const site = this.byKey.get(k);
      if (site !== undefined && (input === undefined || !this.inputs.get(site)?.has(input))) return site;
    }
    return undefined;
  }

  /** Files a site under these keys (a key already taken stays with its first site) and notes that it took in `input`. */
  add(site: E, keys: readonly string[], input?: number): void {
    for (const k of keys) if (!this.byKey.has(k)) this.byKey.set(k, site);
    if (input === undefined) return;
    const seen = this.inputs.get(site);
    if (seen) seen.add(input);
    else this.inputs.set(site, new Set([input]));
  }
}

// ---------------------------------------------------------------------------------------------------------

/** Deep equality of plain JSON-like values (rows), ignoring key order and keys whose value is undefined. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof Uint8Array || b instanceof Uint8Array) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
