/**
 * The one typed message protocol between the extension's contexts (after read-frog and the
 * Hypothesis client: one file, direction in each name, a response type each, no `any`).
 *
 * content → background: the content script owns the DOM; it sends the text model of its frame
 * and gets findings back (checks run in the background, where a page's CSP cannot block WASM).
 * popup → background: the popup reads per-tab state and flips the pause switches.
 * panel → background: the ledger (side panel) asks the background for what needs the network or the checks
 * (复查) and for 忽略; it reads and edits the database itself.
 * background → content: pause changes and re-scan requests.
 */
import type { Anchor, Category, Finding, IgnoreEntry, Locale, MessageTemplates, NewMediaInfo, ScanResult, SearchTestSummary, TextModel } from '../engine/types';
import type { PageMetrics, Rect } from './capture-plan';
import type { SiteRollup, SweepProgress, SweepSite } from '../sweep/types';
import type { Command } from './commands';
import type { CaptureMode, PauseState } from './settings';

export type { PauseState } from './settings';

/** What the UI needs of each check's metadata to render findings in any locale. */
export type CheckCatalog = Record<string, { indicator: MessageTemplates; messages: Record<string, MessageTemplates> }>;

/** Link checking of one tab. */
export interface LinkProgress {
  running: boolean;
  done: number;
  total: number;
  /** Dead, failing or soft-404 links found so far (suspect ones apart). */
  bad: number;
  suspect: number;
  /** Links not checked because the reviewer has not granted their sites (no verdict: never a dead link). */
  withheld?: number;
}

/**
 * What the background does once the reviewer grants the hosts it needs (the popup asks; Chrome's dialog may
 * close the popup, so the background carries it out): check the tab's links, read a site as it opens
 * (本站自动审读), read the 政务新媒体 platforms, test the site search, sweep the site.
 */
export type GrantTask =
  | { kind: 'checkLinks'; tabId: number }
  | { kind: 'autoSite'; origin: string }
  | { kind: 'newMedia' }
  | { kind: 'testSearch'; tabId: number }
  | { kind: 'sweep'; tabId: number; delayMs?: number };

/** The latest scan of one frame of a tab, as the background keeps it and the popup shows it. */
export interface FrameSummary {
  frameId: number;
  url: string;
  findings: Finding[];
  errors: ScanResult['errors'];
  scannedAt: number;
  scans: number;
  /**
   * Resources the last scan wanted but went on without, still loading ('languageModel', 'speller'): their
   * checks' findings come with the rescan after the load. Empty when the findings are complete.
   */
  pending: string[];
}

/** A finding to record, with where it is on screen (CSS px of the viewport) when it has a place there. */
export interface RecordItem {
  finding: Finding;
  rect: Rect | null;
}

/** What the page says before a capture: its size, the viewport, the scale, whether it scrolls itself. */
export interface CaptureMetrics extends PageMetrics {
  dpr: number;
  /** The document does not scroll, but an element as big as half the viewport does (a page-in-a-div). */
  ownScroller: boolean;
  /**
   * For a stitch, the page is laid out as at its top (where the capture starts): how far (CSS px, down
   * positive) content moved from where it was at the reviewer's scroll position, e.g. by a header a script
   * turned fixed on scroll and back. Boxes measured at that scroll position move by as much.
   */
  shift: number;
}

/** A recorded finding as the 复查 report lists it (what the ledger shows of it; page text, rendered as text). */
export interface RecheckItem {
  id: number;
  siteId: number;
  category: Category;
  text: string;
  message: string;
  pageUrl: string;
}

/** What one 复查 of a round found, finding by finding. */
export interface RecheckReport {
  roundId: number;
  /** Documents fetched again (a page, or a frame a finding was recorded in). */
  pages: number;
  /** No longer on the page: marked 已整改. */
  fixed: RecheckItem[];
  /** Still on the page: left as they were. */
  present: RecheckItem[];
  /** Pages that did not open (their findings stay open), with why. */
  failed: Array<{ url: string; error: string }>;
}

/**
 * The 复查 of the browser session, kept by the background in `storage.session` under RECHECK_STATE_KEY and
 * watched by the ledger: progress while it runs (documents done / total), the report when it is over.
 */
export interface RecheckState {
  roundId: number;
  running: boolean;
  done: number;
  total: number;
  startedAt: number;
  finishedAt?: number;
  report?: RecheckReport;
  /** Why the run stopped without a report (the service worker was stopped, the round is gone …). */
  error?: string;
}

/** The site-search test of a tab's page (站内搜索): whether it can run there, whether it runs, what it found. */
export interface SearchState {
  /** The tab shows a home page that offers a search. */
  testable: boolean;
  running: boolean;
  result?: SearchTestSummary;
}

/** A 全站巡检 as the popup and the side panel show it: its site, state, progress and, when done, its roll-up. */
export interface SweepStatus {
  id: number;
  site: SweepSite;
  state: 'running' | 'paused' | 'done' | 'failed';
  progress: SweepProgress;
  rollup?: Omit<SiteRollup, 'findings'> & { findings: number };
  /** Findings it put into the ledger. */
  recorded?: number;
  error?: string;
}

/** The `storage.session` key of the RecheckState. */
export const RECHECK_STATE_KEY = 'recheck';

/** Every message of the extension: its type (sender→receiver:name), request and response. */
export interface ProtocolMap {
  /** focus: a recorded finding the reviewer reopened from the ledger: show it (found again by its anchor). */
  'content→background:scan': { req: { model: TextModel }; res: ScanResult & { catalog: CheckCatalog; focus?: { anchor: Anchor; check: string } } };
  /** From the ledger: 忽略 a recorded text on its site (host) or everywhere. */
  'panel→background:ignore': { req: { text: string; scope: 'site' | 'global'; host: string }; res: { ok: true } };
  /**
   * From the ledger: open a recorded finding's page and show the finding there. `frameUrl`: the frame the
   * finding is in, when it is not the page itself (that frame's scan gets the focus).
   */
  'panel→background:openFinding': { req: { url: string; anchor?: Anchor; check: string; frameUrl?: string }; res: { tabId: number } };
  /**
   * 复查 of a round's open findings: the background fetches their pages again, scans them, marks those no
   * longer there 已整改. Answers at once with the state of the run (a run of that round already going is
   * joined); progress and the report follow in `storage.session` (RecheckState, RECHECK_STATE_KEY).
   */
  'panel→background:recheck': { req: { roundId: number }; res: RecheckState };
  'content→background:getSettings': { req: { url: string }; res: { paused: boolean; today: string; lang: Locale; capture: CaptureMode } };
  'content→background:clearFrame': { req: Record<string, never>; res: { ok: true } };
  /** 忽略: this exact text is no problem, on this site or everywhere (one check, or all when check is absent). */
  'content→background:ignore': { req: { text: string; check?: string; scope: 'site' | 'global' }; res: { ok: true } };
  'popup→background:getTab': {
    req: { tabId: number };
    res: {
      url: string;
      frames: FrameSummary[];
      paused: boolean;
      pause: PauseState;
      today: string;
      catalog: CheckCatalog;
      ignore: { site: IgnoreEntry[]; global: IgnoreEntry[] };
      links: LinkProgress;
      search: SearchState;
      /** The sites of the tab's links that the reviewer has not granted (match patterns): what 检查链接 asks for. */
      linkOrigins: string[];
    };
  };
  /**
   * The popup asks Chrome for `origins` (the reviewer's click) and hands the task to the background, which runs
   * it now when they are held, else when they are granted; `ran` says whether it ran now.
   */
  'popup→background:whenGranted': { req: { origins: string[]; task: GrantTask }; res: { ran: boolean } };
  /**
   * The popup opened on a tab (the reviewer's click): the page is read now if it was not; `access` says how:
   * always (gov.cn, the demo site), a site the reviewer chose (本站自动审读), this click only, or not at all.
   */
  'popup→background:activate': { req: { tabId: number }; res: { access: 'always' | 'site' | 'clicked' | 'unavailable'; origin: string | null } };
  /**
   * 标为该账号最新发布: the reviewer marks (on) or unmarks (off) a 政务新媒体 article as its account's newest, so the
   * 内容不更新 rule judges its date; without `on`, whether it is marked. The tab is read again after a change.
   */
  'popup→background:markNewest': { req: { tabId: number; on?: boolean }; res: { marked: boolean } };
  /** 开启政务新媒体审读 on or off: the platforms' pages are read as they open (a content script registered for them). */
  'popup→background:setNewMedia': { req: { on: boolean }; res: { newMedia: boolean } };
  /** 本站自动审读 on or off for a site (a match pattern `https://host/*`); returns the reviewer's sites. */
  'popup→background:setAutoSite': { req: { origin: string; on: boolean }; res: { autoSites: string[] } };
  /** The popup's preferences: 截图范围 and the UI language (the background owns the settings). */
  'popup→background:setPrefs': { req: { capture?: CaptureMode; lang?: Locale }; res: { capture: CaptureMode; lang: Locale } };
  /** A shortcut run from the popup's list, as the keys run it. */
  'popup→background:command': { req: { tabId: number; command: Command }; res: { ok: boolean; text?: string } };
  /**
   * 全站巡检 of the site of a tab (start: a sweep of that site going on or paused is resumed; delayMs: a pause between
   * requests), pause or resume it, or read its state (the latest sweep of the tab's site; without a tab, the latest).
   */
  'popup→background:sweep': { req: { tabId?: number; action: 'start' | 'pause' | 'resume' | 'status'; delayMs?: number }; res: SweepStatus | null };
  /** 检测站内搜索: submit the tab's home-page search once (the result comes with the page's next scan). */
  'popup→background:testSearch': { req: { tabId: number }; res: SearchState };
  /** Start or stop checking the links of every frame of a tab (with the search test and 复查, the only network traffic GovReview makes). */
  'popup→background:checkLinks': { req: { tabId: number; action: 'start' | 'stop' }; res: LinkProgress };
  /**
   * 记录: store findings of this page (each once) with a screenshot marking each, in the current round. The
   * rects were measured at `scroll` (so the background knows where they are in the document); several
   * findings in one request share one stitched page in 整页 mode.
   */
  'content→background:record': {
    req: {
      items: RecordItem[];
      pageUrl: string;
      pageTitle: string;
      siteCode?: string;
      sponsor?: string;
      /** The top frame's model.newMedia on a 政务新媒体 page: the findings are filed under its account, not the host's site. */
      newMedia?: NewMediaInfo;
      dpr: number;
      scroll: { x: number; y: number };
    };
    /**
     * `noScreenshot: 'permission'`: Chrome gave no screenshot because the tab has no activeTab grant (a click on
     * the toolbar button, a shortcut or the context menu gives one for the site); the finding is stored all the same.
     */
    res: { results: Array<{ id: number; created: boolean; screenshot: boolean; noScreenshot?: 'permission' | 'failed' }> };
  };
  'content→background:stopLinks': { req: Record<string, never>; res: LinkProgress };
  'popup→background:removeIgnore': { req: { entry: IgnoreEntry; scope: 'site' | 'global'; host?: string }; res: { ok: true } };
  'popup→background:setPause': { req: { scope: 'global' | 'site'; host?: string; paused: boolean }; res: PauseState };
  'popup→background:setToday': { req: { today: string | null }; res: { today: string } };
  /** 记录 from the popup: these findings of the frame (by their stable keys), or all of them; one after another, each in view. */
  'popup→content:record': { req: { frameUrl: string; keys: string[] | 'all' }; res: { recorded: number; before: number } };
  /** Shows a finding (by its stable key, Finding.key) with its card open. */
  'popup→content:focusFinding': { req: { key: string; frameUrl: string }; res: { ok: boolean } };
  /** rescan: what the checks depend on changed (review date, 忽略 entries): scan again. */
  /** A keyboard shortcut (or its row in the popup) for the top frame: move to a finding, record or ignore the open one. */
  'background→content:command': { req: { command: Command }; res: { ok: boolean; text?: string } };
  /** Is a scanner running in this frame? (Before injecting one into a tab the reviewer clicked for.) */
  'background→content:ping': { req: Record<string, never>; res: { ok: true } };
  /** Link checking of the tab: progress, shown in the page while it runs. */
  'background→content:linkProgress': { req: LinkProgress; res: { ok: true } };
  /** New link results are in: scan again (the background attaches them to the model). */
  'background→content:rescan': { req: Record<string, never>; res: { ok: true } };
  /** The context menu's 记录为问题: record the frame's selected text as a manual finding of this category. */
  'background→content:recordSelection': { req: { category: Category }; res: { recorded: boolean; created: boolean } };
  'background→content:settingsChanged': { req: { paused: boolean; today: string; rescan?: boolean }; res: { ok: true } };
  /**
   * A capture of the top frame, driven by the background (it owns screenshots; the page owns its DOM):
   * begin (the page's size; our own host hidden; with `stitch`, sticky elements laid in the flow), scroll
   * to each offset (reporting where it really is; with `hideFixed`, fixed elements hidden), end (the scroll
   * position and every style put back; the page also restores itself when the background goes quiet).
   */
  'background→content:captureBegin': { req: { stitch: boolean }; res: CaptureMetrics };
  'background→content:captureScroll': { req: { x: number; y: number; hideFixed: boolean }; res: { scrollX: number; scrollY: number; docHeight: number } };
  'background→content:captureEnd': { req: Record<string, never>; res: { scrollX: number; scrollY: number } };
}

/** The name of a message of the protocol. */
export type MessageType = keyof ProtocolMap;
/** The request payload of a message. */
export type Req<K extends MessageType> = ProtocolMap[K]['req'];
/** The response of a message. */
export type Res<K extends MessageType> = ProtocolMap[K]['res'];

/** A message on the wire: the govreview marker, its type and its payload. */
export interface Envelope<K extends MessageType = MessageType> {
  govreview: 1;
  type: K;
  payload: Req<K>;
}

/** Wraps a payload for sending. */
export function envelope<K extends MessageType>(type: K, payload: Req<K>): Envelope<K> {
  return { govreview: 1, type, payload };
}

/** Whether a runtime message is one of ours (others are ignored). */
export function isEnvelope(msg: unknown): msg is Envelope {
  return typeof msg === 'object' && msg !== null && (msg as { govreview?: unknown }).govreview === 1 && typeof (msg as { type?: unknown }).type === 'string';
}

/** A transport sends one envelope and resolves with the peer's response. */
export type Transport = (msg: Envelope) => Promise<unknown>;

/** Typed client over any transport (runtime.sendMessage, tabs.sendMessage with a tab id, a test double). */
export function createClient(transport: Transport) {
  return function send<K extends MessageType>(type: K, payload: Req<K>): Promise<Res<K>> {
    return transport(envelope(type, payload)) as Promise<Res<K>>;
  };
}

/** A typed sender of the protocol's messages (what createClient returns). */
export type Client = ReturnType<typeof createClient>;

/** A receiver's handlers, by message type (each optional); `S` is what the runtime says about the sender. */
export type Handlers<S> = { [K in MessageType]?: (payload: Req<K>, sender: S) => Res<K> | Promise<Res<K>> };

/**
 * Dispatches an incoming message to its handler; returns undefined for messages that are not
 * ours or have no handler here (so other listeners may answer).
 */
export function dispatch<S>(handlers: Handlers<S>, msg: unknown, sender: S): Promise<unknown> | undefined {
  if (!isEnvelope(msg)) return undefined;
  const handler = handlers[msg.type] as ((p: unknown, s: S) => unknown) | undefined;
  if (!handler) return undefined;
  return Promise.resolve().then(() => handler(msg.payload, sender));
}
