/**
 * Record types of the GovReview database (lib/db/schema.ts) and the pure helpers that derive record fields.
 * Plain TypeScript: no Dexie, no browser-extension API, so exports, the CLI and the tests can use them.
 *
 * Timestamps are epoch milliseconds, taken from the database's injected clock (GovReviewDb.now).
 */
import type { Finding, MessageTemplates, NewMediaPlatform } from '../engine/types';
import type { PageResult, QueueItem, SiteRollup, SweepProgress, SweepSite } from '../sweep/types';

/** 监测轮次: one inspection round, e.g. 2026年第四季度. */
export interface Round {
  id: number;
  /** Unique; backups from other reviewers are matched by it. */
  name: string;
  /** 监测日期 (YYYY-MM-DD): the reference date ("today") of the stale checks for this round. */
  monitoringDate: string;
  createdAt: number;
}

/** 网站类型; 'new-media' is a 政务新媒体 account (微信公众号, 微博 …: see Site.platform). */
export type SiteKind = 'portal' | 'department' | 'disclosure' | 'new-media';

/** 网站类型 as the ledger shows it; the Chinese label is what the export writes. */
export const SITE_KIND_LABELS: Record<SiteKind, MessageTemplates> = {
  portal: { 'zh-CN': '门户网站', en: 'Portal' },
  department: { 'zh-CN': '部门网站', en: 'Department site' },
  disclosure: { 'zh-CN': '信息公开专栏', en: 'Disclosure column' },
  'new-media': { 'zh-CN': '政务新媒体', en: 'Government new media' },
};
/** Every 网站类型, in the order the ledger offers them (a backup's `kind` must be one of them). */
export const SITE_KINDS = Object.keys(SITE_KIND_LABELS) as SiteKind[];

/**
 * A government website under review, or a 政务新媒体 account (kind 'new-media', with `platform`): an account has
 * no hosts and no home URL (all WeChat articles share mp.weixin.qq.com): pages are filed under it by the account
 * they show (repo.ts accountForPage), never by host. Its 县（区）/部门 (`region`) is its 主办单位 as the notices
 * list it (seed 001: 县（区）/市直部门, seed 004: 部门名称).
 */
export interface Site {
  id: number;
  name: string;
  /** 网站标识码 (10 digits, or bm + 8 digits); '' while unknown. */
  siteCode: string;
  /** 县（区）/部门 the site belongs to. */
  region: string;
  kind: SiteKind;
  homeUrl: string;
  /** Lower-case host names that belong to the site (multi-entry index: the site of a page is found by host). */
  hosts: string[];
  /**
   * True while the site is only GovReview's proposal (made from a page's footer when a finding was first
   * recorded on it); the reviewer checks its name, code and region in the ledger and confirms it.
   * Absent on sites added or confirmed by hand and on sites of older databases (not indexed: no schema change).
   */
  proposed?: boolean;
  /** A 政务新媒体 account's platform (kind 'new-media'); absent on websites. Not indexed: accounts are few. */
  platform?: NewMediaPlatform;
  /** The id the platform gives the account (微博 uid, 抖音 sec_uid, WeChat __biz or gh_ id), when the page shows it. */
  accountId?: string;
  /** The account's page (its home, or the page it was first seen on when the page links no home). */
  accountUrl?: string;
  createdAt: number;
  updatedAt: number;
}

/** Whether a site is a 政务新媒体 account (filed by account, not host; counted apart from websites). */
export function isAccount(site: Pick<Site, 'kind' | 'platform'>): boolean {
  return site.kind === 'new-media' || site.platform !== undefined;
}

/** 复核状态 of a finding. */
export type FindingStatus = 'pending' | 'confirmed' | 'excluded' | 'fixed';

/** 复核状态 as the ledger shows it; the Chinese label is what the export writes. */
export const FINDING_STATUS_LABELS: Record<FindingStatus, MessageTemplates> = {
  pending: { 'zh-CN': '待复核', en: 'To review' },
  confirmed: { 'zh-CN': '已确认', en: 'Confirmed' },
  excluded: { 'zh-CN': '已排除', en: 'Excluded' },
  fixed: { 'zh-CN': '已整改', en: 'Fixed' },
};
/** Every 复核状态, in the order the ledger offers them (a backup's `status` must be one of them). */
export const FINDING_STATUSES = Object.keys(FINDING_STATUS_LABELS) as FindingStatus[];

/**
 * A finding as stored: the engine's Finding (its `url` kept as frameUrl, its `line` dropped), plus where and
 * when it was seen and the reviewer's verdict.
 */
export interface FindingRecord extends Omit<Finding, 'url' | 'line'> {
  id: number;
  roundId: number;
  siteId: number;
  /** Top-level page URL as visited (with its fragment, if any). */
  pageUrl: string;
  pageTitle: string;
  /** Frame the finding belongs to (Finding.url); equals pageUrl for the top frame. */
  frameUrl: string;
  /** The reviewer's note ('' when none). */
  note: string;
  status: FindingStatus;
  /** findingDedupeKey(...): unique, so the same finding recorded twice is stored once. */
  dedupeKey: string;
  createdAt: number;
  updatedAt: number;
}

/**
 * A screenshot linked to a finding. Stored as bytes + MIME type rather than a Blob: bytes survive
 * structured cloning everywhere (service worker, Node, fake-indexeddb) and encode into a backup as base64.
 */
export interface Screenshot {
  id: number;
  findingId: number;
  bytes: Uint8Array;
  mime: string;
  width: number;
  height: number;
  createdAt: number;
  /** The whole page, scrolled and stitched (tall: shown scrollable); absent for the visible part of the tab. */
  fullPage?: boolean;
  /** Why the image is not all that was asked for (a page cut at the cap, a fallback to the visible part). */
  note?: CaptureNote;
}

/**
 * Why a screenshot is not the whole page the reviewer's 整页 setting asked for: `cut`, the page was taller
 * than an image may be (the image shows the stretch with the finding); the others, the visible part of the
 * tab was taken instead.
 */
export type CaptureNote = 'cut' | 'too-tall' | 'frame' | 'own-scroller' | 'height-changed' | 'not-scrolled' | 'timeout' | 'failed';

/** What the ledger says under a screenshot that is not the whole page asked for. */
export const CAPTURE_NOTE_LABELS: Record<CaptureNote, MessageTemplates> = {
  cut: { 'zh-CN': '页面过长，仅截取含问题的一段', en: 'Page too long: only the stretch with the finding' },
  'too-tall': { 'zh-CN': '问题在整页截图范围之外，改为可见区域', en: 'Finding outside the full-page stretch: visible area instead' },
  frame: { 'zh-CN': '问题在框架内，改为可见区域', en: 'Finding inside a frame: visible area instead' },
  'own-scroller': { 'zh-CN': '页面在自身滚动区域内滚动，改为可见区域', en: 'The page scrolls inside its own container: visible area instead' },
  'height-changed': { 'zh-CN': '页面高度在滚动时变化，改为可见区域', en: 'The page changed height while scrolling: visible area instead' },
  'not-scrolled': { 'zh-CN': '页面无法滚动到位，改为可见区域', en: 'The page did not scroll as asked: visible area instead' },
  timeout: { 'zh-CN': '整页截图超时，改为可见区域', en: 'Full-page capture took too long: visible area instead' },
  failed: { 'zh-CN': '整页截图失败，改为可见区域', en: 'Full-page capture failed: visible area instead' },
};

/** The quarterly round of a date, as the notices name it: 2026-11-22 → 2026年第四季度. */
export function roundNameOf(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return `${y}年第${'一二三四'[Math.floor((m - 1) / 3)]}季度`;
}

/** A page URL without its fragment: #anchors of one page are one page. Non-URLs (a .txt path) lose `#…` too. */
export function pageKey(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    return u.href;
  } catch {
    const hash = url.indexOf('#');
    return hash < 0 ? url : url.slice(0, hash);
  }
}

/** The fields of a finding that decide whether two recordings are the same finding. */
export interface DedupeFields {
  roundId: number;
  pageUrl: string;
  frameUrl: string;
  check: string;
  kind?: string;
  text: string;
  /** Position of the finding: the anchor's, else the range's; absent for a page-level finding. */
  start?: number;
  end?: number;
}

/**
 * The unique dedupe key of a finding: same round, same page (without fragment), same frame, same check
 * and sub-kind, same text, same position. `kind` is part of it because page-level findings of one check
 * (the missing 网站标识码 and the missing ICP number) share an empty text and no position.
 * JSON keeps the parts unambiguous whatever characters they contain.
 *
 * The v2 upgrade (schema.ts) backfills keys with this function: a change of format needs a new schema
 * version that recomputes every key.
 */
export function findingDedupeKey(f: DedupeFields): string {
  const page = pageKey(f.pageUrl);
  const frame = pageKey(f.frameUrl || f.pageUrl);
  return JSON.stringify([f.roundId, page, frame === page ? '' : frame, f.check, f.kind ?? '', f.text, f.start ?? null, f.end ?? null]);
}

/** The dedupe fields of a stored (or about to be stored) finding. */
export function dedupeFieldsOf(
  r: Pick<FindingRecord, 'roundId' | 'pageUrl' | 'frameUrl' | 'check' | 'kind' | 'text' | 'start' | 'end' | 'anchor'>,
): DedupeFields {
  return {
    roundId: r.roundId,
    pageUrl: r.pageUrl,
    frameUrl: r.frameUrl,
    check: r.check,
    kind: r.kind,
    text: r.text,
    start: r.anchor?.start ?? r.start,
    end: r.anchor?.end ?? r.end,
  };
}

/** running: the background works on it (and resumes it when it starts again); paused by the reviewer; done. */
export type SweepState = 'running' | 'paused' | 'done' | 'failed';

/** One sweep of a site in a round. */
export interface SweepRecord {
  id: number;
  roundId: number;
  site: SweepSite;
  /** The review date it checks against. */
  today: string;
  state: SweepState;
  /** Pause between two requests to the site, ms (0: none). */
  delayMs: number;
  startedAt: number;
  updatedAt: number;
  progress: SweepProgress;
  /** The roll-up, when done (findings counted, not listed: they are in the ledger). */
  rollup?: Omit<SiteRollup, 'findings'> & { findings: number };
  /** Findings put into the ledger when it finished. */
  recorded?: number;
  error?: string;
}

/** A URL of a sweep: waiting, in flight or done (then with its result). */
export interface SweepPageRow {
  seq: number;
  sweepId: number;
  url: string;
  state: 'queued' | 'inflight' | 'done';
  item: QueueItem;
  result?: PageResult;
  /** Completion order, for results(). */
  doneOrder?: number;
}
