import { siteKeyOf } from '../engine/hosts';
import type { IgnoreEntry, Locale } from '../engine/types';

/** Scanning paused by the reviewer: everywhere, or on some sites. */
export interface PauseState {
  global: boolean;
  /** Hosts paused by the reviewer (site-level switch). */
  sites: string[];
}

/** Reviewer settings kept in extension storage (storage.local, key `settings`). */
export interface Settings {
  pause: PauseState;
  /** The day of review (审读日期), e.g. the inspection's monitoring date; null = the current day. */
  today: string | null;
  lang: Locale;
  /** Reviewers' 忽略 entries: for every site, and per site (by host). */
  ignore: { global: IgnoreEntry[]; sites: Record<string, IgnoreEntry[]> };
  /** What a recorded finding's screenshot shows: the visible part of the tab (可见区域) or the whole page (整页). */
  capture: CaptureMode;
  /** Sites outside gov.cn read as they open (本站自动审读), as match patterns (`https://host/*`). */
  autoSites: string[];
  /** The 政务新媒体 platforms (NEWMEDIA_MATCHES) are read as they open: the reviewer switched it on in the popup. */
  newMedia: boolean;
}

/** 可见区域: the tab as the reviewer sees it; 整页: the page scrolled and stitched, top to bottom. */
export type CaptureMode = 'visible' | 'fullPage';
/** The 截图范围 choices, in the popup's order. */
export const CAPTURE_MODES: readonly CaptureMode[] = ['visible', 'fullPage'];

/** Settings of a fresh install. */
export const DEFAULT_SETTINGS: Settings = {
  pause: { global: false, sites: [] },
  today: null,
  lang: 'zh-CN',
  ignore: { global: [], sites: {} },
  capture: 'visible',
  autoSites: [],
  newMedia: false,
};

function ignoreEntries(raw: unknown): IgnoreEntry[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((e): e is IgnoreEntry => typeof e === 'object' && e !== null && typeof (e as IgnoreEntry).text === 'string' && (e as IgnoreEntry).text.length > 0)
    .map((e) => (typeof e.check === 'string' ? { text: e.text, check: e.check } : { text: e.text }));
}

/** Fills missing fields of a stored value (older versions, hand edits) from the defaults. */
export function normalizeSettings(raw: unknown): Settings {
  const s = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Settings>;
  const pause = (s.pause ?? {}) as Partial<PauseState>;
  return {
    pause: {
      global: pause.global === true,
      sites: Array.isArray(pause.sites) ? pause.sites.filter((h): h is string => typeof h === 'string') : [],
    },
    today: typeof s.today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s.today) ? s.today : null,
    lang: s.lang === 'en' ? 'en' : 'zh-CN',
    ignore: {
      global: ignoreEntries(s.ignore?.global),
      sites: Object.fromEntries(
        Object.entries(typeof s.ignore?.sites === 'object' && s.ignore.sites ? s.ignore.sites : {}).map(([h, l]) => [h, ignoreEntries(l)]),
      ),
    },
    capture: s.capture === 'fullPage' ? 'fullPage' : 'visible',
    autoSites: Array.isArray(s.autoSites)
      ? [...new Set(s.autoSites.filter((o): o is string => typeof o === 'string' && /^https?:\/\/[^/*]+\/\*$/.test(o)))]
      : [],
    newMedia: s.newMedia === true,
  };
}

/** Whether scanning is paused for a page: everywhere, or on its site. */
export function isPaused(pause: PauseState, pageUrl: string): boolean {
  return pause.global || pause.sites.includes(siteKeyOf(pageUrl));
}

/** The pause state with one site paused or resumed. */
export function setSitePaused(pause: PauseState, host: string, paused: boolean): PauseState {
  const sites = pause.sites.filter((h) => h !== host);
  if (paused && host) sites.push(host);
  return { ...pause, sites };
}

/** Local calendar date of a timestamp, YYYY-MM-DD (the caller owns the clock). */
export function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The 忽略 entries that apply on a page: the global ones and its site's. */
export function ignoreFor(s: Settings, pageUrl: string): IgnoreEntry[] {
  return [...s.ignore.global, ...(s.ignore.sites[siteKeyOf(pageUrl)] ?? [])];
}

/** Adds a 忽略 entry (once) for every site or for one host. */
export function addIgnore(s: Settings, entry: IgnoreEntry, host: string | null): Settings {
  const same = (e: IgnoreEntry) => e.text === entry.text && e.check === entry.check;
  const ignore = { global: [...s.ignore.global], sites: { ...s.ignore.sites } };
  if (host === null) {
    if (!ignore.global.some(same)) ignore.global.push(entry);
  } else {
    const list = ignore.sites[host] ?? [];
    if (!list.some(same)) ignore.sites[host] = [...list, entry];
  }
  return { ...s, ignore };
}

/** Removes a 忽略 entry (global when host is null). */
export function removeIgnore(s: Settings, entry: IgnoreEntry, host: string | null): Settings {
  const keep = (e: IgnoreEntry) => !(e.text === entry.text && e.check === entry.check);
  const ignore = { global: s.ignore.global.filter((e) => host !== null || keep(e)), sites: { ...s.ignore.sites } };
  if (host !== null && ignore.sites[host]) ignore.sites[host] = ignore.sites[host].filter(keep);
  return { ...s, ignore };
}
