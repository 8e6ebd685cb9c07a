/**
 * Soft 404: a link that answers 200 but lands on an error page (Google Search Central's term). Four
 * signs, tried in this order:
 *  - error-page: the link was redirected (HTTP, meta refresh, or a script in a tiny page) to a path such
 *    as /404.html or /error.jsp?code=404;
 *  - home: a deep link was redirected to a site's home page (the page is gone; the site sends visitors
 *    to the front door);
 *  - title: the title or first heading says 404 / 页面不存在 / 已删除 (lib/links/soft-404-phrases.json);
 *  - body: the visible text says so, where the phrase is specific enough for a page of ordinary length,
 *    or anywhere in a tiny page ("该信息已删除" and nothing else, or only a script alert saying it).
 * A normal short page is none of these: phrases that legitimate pages use (不存在 in 政府信息不存在,
 * 已删除 in 第三条已删除) only count in a title or a tiny page.
 */
import { escapeRegExp } from '../text/escape-regexp';
import type { RuleEntry, RuleList } from '../engine/rule-data';
import { isErrorPagePath, isHomePath } from './link-url';
import { pageText } from './page-text';
import phraseList from './soft-404-phrases.json';

/** Which sign gave a soft 404 away. */
export type Soft404Rule = 'error-page' | 'home' | 'title' | 'body';

/** A soft 404 found: the sign and its evidence. */
export interface Soft404 {
  rule: Soft404Rule;
  /** What gave it away: the target path, the title, or the sentence with the phrase. */
  evidence: string;
}

/** Visible text up to this many characters is a tiny page: its whole text is its message. */
export const TINY_TEXT = 200;
/**
 * Page-level phrases count in visible text up to this length: an error page in a site's full template
 * (navigation, footer) stays below it; a long article that merely mentions a phrase does not.
 */
export const ORDINARY_TEXT = 3000;

interface PhraseEntry extends RuleEntry {
  phrase: string;
  where: 'page' | 'title' | 'tiny';
}

/** Where each tier's phrases count. */
const TIERS: Record<'title' | 'ordinary' | 'tiny', ReadonlySet<PhraseEntry['where']>> = {
  title: new Set(['page', 'title']),
  ordinary: new Set(['page']),
  tiny: new Set(['page', 'tiny']),
};

/** One case-insensitive expression for the phrases that count in one place. */
function phrasesOf(where: keyof typeof TIERS): RegExp {
  const alternatives = (phraseList as RuleList<PhraseEntry>).entries
    .filter((e) => TIERS[where].has(e.where))
    .map((e) => {
      const body = escapeRegExp(e.phrase).replace(/\s+/g, '\\s*');
      // Latin phrases stand alone (404, not 4041, 第404期 or 404路); a Chinese phrase followed by
      // 的/之/时 qualifies something else (政府信息不存在的，告知申请人).
      return /^[\x20-\x7e]+$/.test(e.phrase) ? `(?<![a-z0-9第])${body}(?![a-z0-9\u4e00-\u9fff])` : `${body}(?![的之时])`;
    });
  return new RegExp(alternatives.join('|'), 'i');
}

const TITLE_PHRASES = phrasesOf('title');
const PAGE_PHRASES = phrasesOf('ordinary');
const TINY_PHRASES = phrasesOf('tiny');

/**
 * A title that is 404 with at most a site name beside it: "404", "404 - 某市人民政府", "某市人民政府 | 404".
 * A bare 404 elsewhere in a title is a number (政府公报第404期).
 */
const TITLE_404 = /^\s*404(?:\s*[-|_—–:：·]|\s*$)|[-|_—–:：·]\s*404\s*$/;

/** `location.href = '…'` / `location.replace('…')` in a page's scripts. */
const SCRIPT_REDIRECT = /location(?:\.href)?\s*(?:=|\.replace\(|\.assign\()\s*['"]([^'"]+)['"]/i;
/** `alert('该信息不存在'); history.back()`: a CMS's way of saying "gone" in a page with no text. */
const SCRIPT_ALERT = /\balert\(\s*['"]([^'"]{1,100})['"]/gi;

const snippet = (text: string, at: number, length: number) => text.slice(Math.max(0, at - 12), at + length + 12).trim();

/** The sign of a redirect from `link` to `target` landing on an error page or a home page. */
function byRedirect(link: URL, target: URL): Soft404 | undefined {
  if (target.href.replace(/#.*/, '') === link.href.replace(/#.*/, '')) return undefined;
  if (isErrorPagePath(target) && !isErrorPagePath(link)) return { rule: 'error-page', evidence: target.href };
  if (isHomePath(target) && !isHomePath(link)) return { rule: 'home', evidence: target.href };
  return undefined;
}

/** What the soft-404 rules read of one link: where it pointed, where it ended, the start of the page. */
export interface Soft404Input {
  /** The link as checked. */
  linkUrl: URL;
  /** Where it ended after HTTP redirects (equal to linkUrl when there were none). */
  finalUrl: URL;
  /** The decoded start of the final page, when it was read (a GET of an HTML or text response). */
  html?: string;
  /** Whether `html` is only the start of the page (the read stopped at its byte cap). */
  truncated?: boolean;
}

/** Whether a link that answered 2xx is an error page in disguise, and why. */
export function detectSoft404({ linkUrl, finalUrl, html, truncated = false }: Soft404Input): Soft404 | undefined {
  const redirected = byRedirect(linkUrl, finalUrl);
  if (redirected) return redirected;
  if (html === undefined) return undefined;

  const page = pageText(html);
  const tiny = !truncated && page.text.length <= TINY_TEXT;

  const target = page.refresh ?? (tiny ? SCRIPT_REDIRECT.exec(html)?.[1] : undefined);
  if (target) {
    try {
      const refreshed = byRedirect(linkUrl, new URL(target, finalUrl));
      if (refreshed) return refreshed;
    } catch {
      // an unparsable refresh target is no evidence
    }
  }

  for (const heading of [page.title, page.h1]) {
    if (TITLE_404.test(heading) || TITLE_PHRASES.test(heading)) return { rule: 'title', evidence: heading.slice(0, 80) };
  }

  const text = tiny ? [page.text, ...[...html.matchAll(SCRIPT_ALERT)].map((a) => a[1])].join(' ').trim() : page.text;
  const phrases = tiny ? TINY_PHRASES : text.length <= ORDINARY_TEXT ? PAGE_PHRASES : undefined;
  const m = phrases?.exec(text);
  if (m) return { rule: 'body', evidence: snippet(text, m.index, m[0].length) };
  return undefined;
}
