import type { Anchor } from './types';

/** Characters of context kept on each side of a quote (as Hypothesis does). */
export const ANCHOR_CONTEXT = 32;

/** Builds the quote + position anchor of text[start, end). */
export function makeAnchor(text: string, start: number, end: number): Anchor {
  return {
    quote: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - ANCHOR_CONTEXT), start),
    suffix: text.slice(end, end + ANCHOR_CONTEXT),
    start,
    end,
  };
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Re-finds an anchor in (possibly changed) text, from the most precise selector to the fuzziest:
 * the stored position if the quote is still there, else the occurrence of the quote whose
 * surrounding context agrees best (ties go to the one nearest the old position).
 * Returns null when the quote no longer occurs.
 */
export function findAnchor(text: string, anchor: Anchor): { start: number; end: number } | null {
  const { quote } = anchor;
  if (!quote) return null;
  if (text.slice(anchor.start, anchor.end) === quote) {
    const pre = text.slice(Math.max(0, anchor.start - anchor.prefix.length), anchor.start);
    if (pre === anchor.prefix) return { start: anchor.start, end: anchor.end };
  }
  let best: { start: number; score: number; distance: number } | null = null;
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) {
    const pre = text.slice(Math.max(0, i - anchor.prefix.length), i);
    const suf = text.slice(i + quote.length, i + quote.length + anchor.suffix.length);
    const score = commonSuffixLength(pre, anchor.prefix) + commonPrefixLength(suf, anchor.suffix);
    const distance = Math.abs(i - anchor.start);
    if (!best || score > best.score || (score === best.score && distance < best.distance)) {
      best = { start: i, score, distance };
    }
  }
  return best ? { start: best.start, end: best.start + quote.length } : null;
}
