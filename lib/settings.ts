import type { Locale } from './types';
import type { PauseState } from './protocol';

/** Reviewer settings kept in extension storage (storage.local, key `settings`). */
export interface Settings {
  pause: PauseState;
  /** The day of review (审读日期), e.g. the inspection's monitoring date; null = the current day. */
  today: string | null;
  lang: Locale;
}

export const DEFAULT_SETTINGS: Settings = { pause: { global: false, sites: [] }, today: null, lang: 'zh-CN' };

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
  };
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

export function isPaused(pause: PauseState, pageUrl: string): boolean {
  return pause.global || pause.sites.includes(hostOf(pageUrl));
}

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
