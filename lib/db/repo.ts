/**
 * Repository functions over GovReviewDb: what the background and the side panel do with the data.
 * Every function takes the database as its first argument (no module-level instance), so tests pass a
 * database over fake-indexeddb and the extension passes its own.
 */
import { hostnameOf } from '../engine/hosts';
import type { Category, Finding, NewMediaInfo, Severity } from '../engine/types';
import {
  findingDedupeKey,
  dedupeFieldsOf,
  isAccount,
  pageKey,
  type FindingRecord,
  type FindingStatus,
  type Round,
  type Screenshot,
  type Site,
  type SiteKind,
} from './records';
import type { GovReviewDb } from './schema';

/** A round or site given as its record or its id. */
type Ref<T extends { id: number }> = T | number;
const idOf = <T extends { id: number }>(ref: Ref<T>): number => (typeof ref === 'number' ? ref : ref.id);

// ---------------------------------------------------------------------------------------------------------
// Rounds and sites

/** Creates a round (监测轮次), e.g. createRound(db, '2026年第四季度', '2026-11-20'). Names are unique. */
export async function createRound(db: GovReviewDb, name: string, monitoringDate: string): Promise<Round> {
  const round = { name, monitoringDate, createdAt: db.now() };
  const id = await db.rounds.add(round);
  return { ...round, id };
}

/** Adds a site; its hosts are lower-cased (the host index is case-sensitive). */
export async function addSite(db: GovReviewDb, site: Omit<Site, 'id' | 'createdAt' | 'updatedAt'>): Promise<Site> {
  const now = db.now();
  const row = { ...site, hosts: normaliseHosts(site.hosts), createdAt: now, updatedAt: now };
  const id = await db.sites.add(row);
  return { ...row, id };
}

function normaliseHosts(hosts: readonly string[]): string[] {
  return [...new Set(hosts.map((h) => h.trim().toLowerCase()).filter(Boolean))];
}

/** The other spelling of a host with or without `www.`: gov sites answer on both. */
function wwwTwin(host: string): string {
  return host.startsWith('www.') ? host.slice(4) : `www.${host}`;
}

/** The site a page belongs to, found by the page's host (or its www./bare twin); undefined when unknown. */
export async function siteForUrl(db: GovReviewDb, url: string): Promise<Site | undefined> {
  const host = hostnameOf(url);
  if (!host) return undefined;
  return (await db.sites.where('hosts').equals(host).first()) ?? (await db.sites.where('hosts').equals(wwwTwin(host)).first());
}

/** What the footer identification of a page says about its site (see lib/checks/site-identification.ts). */
export interface FooterIdentification {
  /** 网站标识码 as printed. */
  siteCode?: string;
  /** 网站主办单位. */
  sponsor?: string;
  /** The page's <title>, whose last segment is usually the site's name (… - 临沧市人民政府). */
  pageTitle?: string;
}

/** A site proposed for a page whose host no site claims yet; the reviewer confirms or edits it before addSite. */
export type SiteProposal = Omit<Site, 'id' | 'createdAt' | 'updatedAt'>;

const SITE_CODE_SHAPE = /^(?:\d{10}|bm\d{8})$/i;

/**
 * Proposes a site from a page URL and its footer identification. Pure: nothing is stored.
 * - name: the sponsor, else the last segment of the page title, else the host;
 * - siteCode: the printed 网站标识码 when it has a code's shape (10 digits, or bm + 8 digits), else '';
 * - kind: 'portal' when the name is a 人民政府 (a government's own site), else 'department' — a guess the
 *   reviewer corrects; region is left for the reviewer.
 */
export function proposeSite(pageUrl: string, footer: FooterIdentification = {}): SiteProposal {
  const host = hostnameOf(pageUrl);
  const titleName = footer.pageTitle
    ?.split(/\s*[-—–|_｜]\s*/)
    .map((s) => s.trim())
    .filter(Boolean)
    .pop();
  const name = footer.sponsor?.trim() || titleName || host;
  const code = footer.siteCode?.trim() ?? '';
  let homeUrl = '';
  try {
    homeUrl = new URL('/', pageUrl).href;
  } catch {
    // not a URL: no home page
  }
  const kind: SiteKind = /人民政府(?:办公室|办公厅)?$/.test(name) ? 'portal' : 'department';
  return {
    name,
    siteCode: SITE_CODE_SHAPE.test(code) ? code.toLowerCase() : '',
    region: '',
    kind,
    homeUrl,
    hosts: host ? [host] : [],
    proposed: true,
  };
}

// ---------------------------------------------------------------------------------------------------------
// 政务新媒体 accounts

/** The account fields of a page's NewMediaInfo, trimmed ('' when the page does not show them). */
function accountOf(info: NewMediaInfo): { name: string; id: string; url: string } {
  return { name: info.account.name?.trim() ?? '', id: info.account.id?.trim() ?? '', url: info.account.url.trim() };
}

/** A URL compared as a page (no fragment: WeChat's #wechat_redirect and the like). */
const sameUrl = (a: string, b: string): boolean => !!a && !!b && pageKey(a) === pageKey(b);

/**
 * The 政务新媒体 account a page shows, among the ledger's accounts (sites with a platform): the same platform and
 * the same account id, else the same account URL, else the same name; two accounts whose ids are both known and
 * differ are never one (two accounts may share a name). Accounts are few: read in full, no index.
 */
export async function accountForPage(db: GovReviewDb, info: NewMediaInfo): Promise<Site | undefined> {
  const page = accountOf(info);
  const accounts = (await db.sites.filter((s) => isAccount(s) && s.platform === info.platform).toArray()).filter(
    (s) => !(page.id && s.accountId && s.accountId !== page.id),
  );
  return (
    (page.id ? accounts.find((s) => s.accountId === page.id) : undefined) ??
    accounts.find((s) => sameUrl(s.accountUrl ?? '', page.url)) ??
    (page.name ? accounts.find((s) => s.name.trim() === page.name) : undefined)
  );
}

/**
 * Proposes the account a 政务新媒体 page shows, as a site of kind 'new-media'. Pure: nothing is stored.
 * 名称 is the account name the page shows (else its id, else its URL); no hosts and no home URL (pages are filed
 * by account, never by host: every WeChat article is on mp.weixin.qq.com); 县（区）/部门 (the 主办单位) is left
 * for the reviewer, who confirms the proposal as a site's.
 */
export function proposeAccount(info: NewMediaInfo): SiteProposal {
  const { name, id, url } = accountOf(info);
  return {
    name: name || id || url,
    siteCode: '',
    region: '',
    kind: 'new-media',
    homeUrl: '',
    hosts: [],
    platform: info.platform,
    ...(id && { accountId: id }),
    ...(url && { accountUrl: url }),
    proposed: true,
  };
}

/**
 * The account findings of a 政务新媒体 page are filed under: the ledger's (accountForPage), its id or URL
 * filled in when the ledger lacked them, else a new proposal (proposeAccount), stored. One read-write
 * transaction, so two recordings racing cannot both add the account.
 */
export async function fileAccount(db: GovReviewDb, info: NewMediaInfo): Promise<Site> {
  return db.transaction('rw', db.sites, async () => {
    const found = await accountForPage(db, info);
    if (!found) return addSite(db, proposeAccount(info));
    const { id, url } = accountOf(info);
    const fill: Partial<Site> = {
      ...(id && !found.accountId && { accountId: id }),
      ...(url && !found.accountUrl && { accountUrl: url }),
    };
    if (!Object.keys(fill).length) return found;
    const changes = { ...fill, updatedAt: db.now() };
    await db.sites.update(found.id, changes);
    return { ...found, ...changes };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Findings

/** One finding the reviewer records (记录): the engine's finding, the round and site it is filed under, the page it was seen on, an optional note. */
export interface RecordFindingInput {
  round: Ref<Round>;
  site: Ref<Site>;
  pageUrl: string;
  pageTitle: string;
  finding: Finding;
  note?: string;
}

/** The stored record of a recorded finding, and whether this recording created it. */
export interface RecordFindingResult {
  record: FindingRecord;
  /** false when the same finding was already recorded (then only updatedAt, and an empty note, change). */
  created: boolean;
}

/**
 * Records a finding of a page, once: the same round, page (without fragment), frame, check, kind, text and
 * position give the same dedupe key, and a second recording returns the stored record with `updatedAt`
 * moved on (its status and note stay the reviewer's; a note is only filled in when it was empty).
 * Look-up and insert share one read-write transaction, so two recordings racing cannot both insert.
 */
export async function recordFinding(db: GovReviewDb, input: RecordFindingInput): Promise<RecordFindingResult> {
  const { finding } = input;
  const now = db.now();
  const draft: Omit<FindingRecord, 'id'> = {
    roundId: idOf(input.round),
    siteId: idOf(input.site),
    pageUrl: input.pageUrl,
    pageTitle: input.pageTitle,
    frameUrl: finding.url || input.pageUrl,
    check: finding.check,
    category: finding.category,
    severity: finding.severity,
    messageId: finding.messageId,
    data: { ...finding.data },
    message: finding.message,
    text: finding.text,
    ...(finding.suggestion !== undefined && { suggestion: finding.suggestion }),
    ...(finding.kind !== undefined && { kind: finding.kind }),
    ...(finding.start !== undefined && { start: finding.start }),
    ...(finding.end !== undefined && { end: finding.end }),
    ...(finding.anchor && { anchor: { ...finding.anchor } }),
    note: input.note ?? '',
    status: 'pending',
    dedupeKey: '',
    createdAt: now,
    updatedAt: now,
  };
  draft.dedupeKey = findingDedupeKey(dedupeFieldsOf(draft));
  return db.transaction('rw', db.findings, async () => {
    const existing = await db.findings.where('dedupeKey').equals(draft.dedupeKey).first();
    if (existing) {
      const changes: Partial<FindingRecord> = { updatedAt: now };
      if (!existing.note && input.note) changes.note = input.note;
      await db.findings.update(existing.id, changes);
      return { record: { ...existing, ...changes }, created: false };
    }
    const id = await db.findings.add(draft);
    return { record: { ...draft, id }, created: true };
  });
}

/**
 * Sets the status of many findings at once (the side panel's bulk 已确认/已排除); returns how many changed.
 * With `onlyFrom`, only findings whose status is one of those change (复查 marks 已整改 only what is still
 * open, not what the reviewer decided while it ran).
 */
export async function setStatus(db: GovReviewDb, ids: readonly number[], status: FindingStatus, onlyFrom?: readonly FindingStatus[]): Promise<number> {
  const now = db.now();
  const chosen = db.findings.where(':id').anyOf([...ids]);
  return (onlyFrom ? chosen.filter((f) => onlyFrom.includes(f.status)) : chosen).modify((f) => {
    f.status = status;
    f.updatedAt = now;
  });
}

/** Sets the reviewer's note of a finding. */
export async function setNote(db: GovReviewDb, id: number, note: string): Promise<void> {
  await db.findings.update(id, { note, updatedAt: db.now() });
}

/** Deletes findings and their screenshots. */
export async function deleteFindings(db: GovReviewDb, ids: readonly number[]): Promise<void> {
  await db.transaction('rw', db.findings, db.screenshots, async () => {
    await db.screenshots
      .where('findingId')
      .anyOf([...ids])
      .delete();
    await db.findings.bulkDelete([...ids]);
  });
}

/** Which findings `listFindings` returns: one round, narrowed by any of site, 问题类型, 状态 and 严重程度 that are given. */
export interface FindingFilter {
  roundId: number;
  siteId?: number;
  category?: Category;
  status?: FindingStatus;
  severity?: Severity;
}

/** A window of a result list: skip `offset` items, return at most `limit`. */
export interface Page {
  offset: number;
  limit: number;
}

/** One window of `listFindings`, with the size of the whole list. */
export interface FindingPage {
  items: FindingRecord[];
  /** Findings matching the filter in all (for the virtualised list's scroll height). */
  total: number;
}

/**
 * One page of the findings of a round (optionally one site, category, status, severity), in recording order
 * (ascending id), for a virtualised list. The round (+ site) narrows through an index; the other criteria
 * filter that range, which stays small (one round of one reviewer).
 */
export async function listFindings(db: GovReviewDb, filter: FindingFilter, page: Page): Promise<FindingPage> {
  const collection = () => {
    const base =
      filter.siteId !== undefined
        ? db.findings.where('[roundId+siteId]').equals([filter.roundId, filter.siteId])
        : db.findings.where('roundId').equals(filter.roundId);
    const { category, status, severity } = filter;
    if (category === undefined && status === undefined && severity === undefined) return base;
    return base.filter(
      (f) =>
        (category === undefined || f.category === category) &&
        (status === undefined || f.status === status) &&
        (severity === undefined || f.severity === severity),
    );
  };
  return db.transaction('r', db.findings, async () => {
    const [items, total] = await Promise.all([collection().offset(Math.max(0, page.offset)).limit(Math.max(0, page.limit)).toArray(), collection().count()]);
    return { items, total };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Screenshots

/** A screenshot to attach to a finding, as the capture hands it over. */
export interface ScreenshotInput {
  /** The image: bytes, or a Blob (from captureVisibleTab), read into bytes. */
  image: Uint8Array | Blob;
  /** Defaults to the Blob's type, else image/png. */
  mime?: string;
  width: number;
  height: number;
  /** A stitched whole page, and why the image is not all that was asked for (records.ts). */
  fullPage?: boolean;
  note?: Screenshot['note'];
}

/** Links a screenshot to a finding (which must exist). */
export async function attachScreenshot(db: GovReviewDb, findingId: number, input: ScreenshotInput): Promise<Screenshot> {
  // Read the Blob before the transaction: an IndexedDB transaction commits when it waits on anything else.
  const bytes = input.image instanceof Uint8Array ? input.image : new Uint8Array(await input.image.arrayBuffer());
  const mime = input.mime || (input.image instanceof Uint8Array ? '' : input.image.type) || 'image/png';
  const row = {
    findingId,
    bytes,
    mime,
    width: input.width,
    height: input.height,
    createdAt: db.now(),
    ...(input.fullPage && { fullPage: true }),
    ...(input.note && { note: input.note }),
  };
  return db.transaction('rw', db.findings, db.screenshots, async () => {
    if (!(await db.findings.get(findingId))) throw new Error(`attachScreenshot: no finding ${findingId}`);
    const id = await db.screenshots.add(row);
    return { ...row, id };
  });
}

/** The screenshots of a finding, oldest first. */
export function screenshotsOf(db: GovReviewDb, findingId: number): Promise<Screenshot[]> {
  return db.screenshots.where('findingId').equals(findingId).toArray();
}

/** A screenshot as a Blob, for an <img> object URL or a download. */
export function screenshotBlob(s: Screenshot): Blob {
  return new Blob([s.bytes as Uint8Array<ArrayBuffer>], { type: s.mime });
}

/**
 * The fields of a site the reviewer edits in the ledger (网站名称, 网站标识码, 县（区）/部门, kind), and the
 * confirmation of a proposed site (`proposed: false`). Editing a field alone does not confirm the proposal.
 */
export type SiteEdit = Partial<Pick<Site, 'name' | 'siteCode' | 'region' | 'kind' | 'homeUrl' | 'proposed' | 'platform' | 'accountId' | 'accountUrl'>>;

/** Edits a site; a 网站标识码 must have a code's shape (10 digits, or bm + 8 digits) or be empty. */
export async function updateSite(db: GovReviewDb, id: number, edit: SiteEdit): Promise<Site> {
  if (edit.siteCode !== undefined && edit.siteCode !== '' && !SITE_CODE_SHAPE.test(edit.siteCode.trim())) {
    throw new Error(`网站标识码 must be 10 digits or bm + 8 digits, got "${edit.siteCode}"`);
  }
  const changes = { ...edit, ...(edit.siteCode !== undefined && { siteCode: edit.siteCode.trim() }), updatedAt: db.now() };
  return db.transaction('rw', db.sites, async () => {
    if (!(await db.sites.update(id, changes))) throw new Error(`updateSite: no site ${id}`);
    return (await db.sites.get(id))!;
  });
}
