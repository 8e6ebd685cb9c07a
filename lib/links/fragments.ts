/**
 * In-page links (#fragment) point at an element of the same document: their check needs the
 * document's ids and anchor names, which only the caller (the content script, or the CLI's DOM) has.
 */
import type { LinkInfo } from '../engine/types';

/** Fragments that need no target: '#' and '#top' scroll to the top (HTML: "scroll to the fragment"). */
const NO_TARGET = new Set(['', 'top']);

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** The document URL without its fragment. */
const docOf = (href: string) => href.replace(/#.*$/s, '');

/**
 * The in-page links whose target is missing: links written as '#name' (or, given `pageUrl`, any link
 * to this same document with a fragment) where no element has that id and no <a> that name. The
 * fragment is matched as written and percent-decoded, as browsers do; '#' and '#top' are never missing.
 *
 * @param links the document's links (LinkInfo, or anything with href and rawHref)
 * @param ids ids of the document's elements and names of its <a name> anchors
 * @param pageUrl the document's URL, to recognise absolute links back to it
 */
export function missingFragments<L extends Pick<LinkInfo, 'href' | 'rawHref'>>(links: readonly L[], ids: Iterable<string>, pageUrl?: string): L[] {
  const known = new Set(ids);
  return links.filter((link) => {
    const raw = link.rawHref.trim();
    const inPage = raw.startsWith('#') || (pageUrl !== undefined && link.href.includes('#') && docOf(link.href) === docOf(pageUrl));
    if (!inPage) return false;
    const fragment = (raw.startsWith('#') ? raw : link.href).replace(/^[^#]*#/s, '');
    if (NO_TARGET.has(fragment.toLowerCase())) return false;
    return !known.has(fragment) && !known.has(decodeFragment(fragment));
  });
}
