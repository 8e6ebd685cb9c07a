import type { NewMediaInfo, NewMediaPlatform } from '../engine/types';

/**
 * The shape of a platform adapter (after refined-github's features: a small declarative object per module).
 * An adapter names the URLs it reads and what each page is, and reads the page as its DOM stands now: the
 * account, the posts, each post's time element and text, pinned or not. It only reads; lib/newmedia/index.ts
 * turns what it read into the text model's NewMediaInfo (dates parsed, ranges in model.text, the problem).
 */

/** What kind of page a URL is. */
export type NewMediaPageKind = NewMediaInfo['pageKind'];

/** A page of the platform: host and path patterns (the path without query), and what the page is. */
export interface UrlPattern {
  host: RegExp;
  path: RegExp;
  /** A query parameter the URL must carry (profile_ext?action=home). */
  query?: Record<string, RegExp>;
  kind: Exclude<NewMediaPageKind, 'unknown'>;
}

/** A post as an adapter read it, still tied to the DOM. */
export interface RawPost {
  /** The post's element (its card, list item or article). */
  el: Element;
  /** The element that prints its time, when the adapter knows it; else its time is looked for in `el`. */
  dateEl?: Element | null;
  /**
   * A full date the page gives beside what it prints: a title attribute (微博's title="2026-11-18 10:30"), a
   * timestamp in an attribute or a script, formatted as YYYY-MM-DD HH:MM. Used when the printed time is partial
   * (11-18, 3天前) or absent.
   */
  dateHint?: string;
  pinned: boolean;
  url?: string;
  title?: string;
  imageOnly: boolean;
}

/** What an adapter read from a page. */
export interface AdapterRead {
  account: NewMediaInfo['account'];
  album?: NewMediaInfo['album'];
  posts: RawPost[];
}

/** One platform's reader for a set of its pages. */
export interface PlatformAdapter {
  /** The module's file name (lib/newmedia/<id>.ts). */
  id: string;
  platform: NewMediaPlatform;
  urls: readonly UrlPattern[];
  /** Reads the page; `kind` is what its URL says it is. */
  read(doc: Document, url: URL, kind: Exclude<NewMediaPageKind, 'unknown'>): AdapterRead;
}

/** Where a video or post detail page (抖音, 快手, 今日头条) shows its content, title, time and author. */
export interface DetailSelectors {
  detail: readonly string[];
  detailTitle: readonly string[];
  detailTime: readonly string[];
  detailAuthor: readonly string[];
}
