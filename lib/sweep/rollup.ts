/**
 * A site's sweep as a reviewer reads it: whether the site opened, its columns with the stale and blank ones
 * (from the stale-column and blank-column findings on each column page), whether the home page was updated in the
 * 2 weeks before the review date, the dead links across the site, and every finding with its page. Pure: computed
 * from the stored page results, so a resumed sweep rolls up exactly as an uninterrupted one.
 */
import { daysBetween } from '../text-model/dates';
import type { ColumnRollup, PageResult, SiteRollup, SweepSite } from './types';

/** The indicators' window for the home page (首页不更新: nothing new in 2 weeks). */
export const HOME_WINDOW_DAYS = 14;

/** Rolls a site's page results up (see the file comment). */
export function rollUp(site: SweepSite, results: readonly PageResult[], today: string): SiteRollup {
  const home = results.find((r) => r.kind === 'home');
  const opened = (r: PageResult) => r.outcome === 'ok' || r.outcome === 'too-large';
  const byColumnUrl = new Map<string, ColumnRollup>();
  for (const r of results) {
    if (!r.columnInfo || !opened(r)) continue;
    const stale = r.findings.find((f) => f.check === 'stale-column');
    const info: ColumnRollup = { ...r.columnInfo, stale: !!stale, ...(stale && { reason: stale.message }) };
    // A column's later pages (下一页) count with its first.
    const key = r.columnInfo.name ? `name:${r.columnInfo.name}` : r.url;
    const before = byColumnUrl.get(key);
    if (!before) byColumnUrl.set(key, info);
    else {
      before.items += info.items;
      if (info.newest && (!before.newest || info.newest > before.newest)) before.newest = info.newest;
      before.blank = before.blank && info.blank;
      before.stale = before.stale && info.stale;
    }
  }
  const columns = [...byColumnUrl.values()];
  const findings = results.flatMap((r) => r.findings.map((f) => ({ ...f, pageUrl: r.url })));
  const deadLinks = findings
    .filter((f) => f.check === 'link-broken' && f.severity !== 'notice' && f.kind !== 'suspect')
    .map((f) => ({ href: f.text, pageUrl: f.pageUrl, message: f.message }));
  const newest = home?.homeNewest;
  return {
    site,
    unreachable: !home || !opened(home),
    ...(home && !opened(home) && { unreachableReason: home.error ?? home.outcome }),
    pages: { done: results.length, failed: results.filter((r) => !opened(r)).length },
    columns,
    staleColumns: columns.filter((c) => c.stale && !c.blank),
    blankColumns: columns.filter((c) => c.blank),
    home: { url: home?.finalUrl ?? site.url, ...(newest && { newest }), updated: !!newest && daysBetween(newest, today) <= HOME_WINDOW_DAYS },
    deadLinks,
    findings,
  };
}
