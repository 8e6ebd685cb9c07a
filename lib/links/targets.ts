import { cacheKey, classifyUrl } from './link-url';
import type { LinkCheckResult } from './link-checker';
import { isPageFragment } from '../text-model/build';
import type { LinkResultSummary, TextModel } from '../engine/types';

/**
 * What a host (the background, the CLI) asks the link checker to check for one text model: every
 * http(s) link and image, each URL once, without fragments; in-page #links are left to the link check
 * (their target is in the document, not on the network).
 */
export function linkTargets(model: TextModel): string[] {
  const out = new Set<string>();
  const add = (href: string) => {
    if (!href || isPageFragment(href, model.url) || classifyUrl(href).kind !== 'http') return;
    out.add(cacheKey(href));
  };
  for (const l of model.links) add(l.href);
  for (const i of model.images) add(i.src);
  return [...out];
}

/** The part of a checker result the link check reads (and that travels in messages). */
export function summarize(r: LinkCheckResult): LinkResultSummary {
  const s: LinkResultSummary = { verdict: r.verdict, reason: r.reason };
  if (r.status !== undefined) s.status = r.status;
  if (r.finalUrl !== undefined) s.finalUrl = r.finalUrl;
  return s;
}

/** Results keyed as the link check looks them up. */
export function resultsByUrl(results: readonly LinkCheckResult[]): Record<string, LinkResultSummary> {
  return Object.fromEntries(results.map((r) => [cacheKey(r.url), summarize(r)]));
}
