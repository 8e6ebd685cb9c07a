import { GovReviewDb } from '@/lib/db/schema';
import { addSite, attachScreenshot, createRound, proposeSite, recordFinding, siteForUrl } from '@/lib/db/repo';
import type { Round } from '@/lib/db/records';
import type { Finding } from '@/lib/types';
import { captureMarked } from './screenshot';

let db: GovReviewDb | undefined;
/** The database, opened only here (the background) and from extension pages. */
export function database(): GovReviewDb {
  db ??= new GovReviewDb();
  return db;
}

/** 2026-11-22 → 2026年第四季度 (the inspection rounds are quarterly). */
export function roundNameOf(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return `${y}年第${['一', '二', '三', '四'][Math.floor((m - 1) / 3)]}季度`;
}

/** The round of the review date: the quarter's round, created on first use with that monitoring date. */
export async function currentRound(reviewDate: string): Promise<Round> {
  const name = roundNameOf(reviewDate);
  return (await database().rounds.where('name').equals(name).first()) ?? createRound(database(), name, reviewDate);
}

export interface RecordRequest {
  finding: Finding;
  pageUrl: string;
  pageTitle: string;
  /** From the page's own footer (the model): to propose the site when it is new. */
  siteCode?: string;
  sponsor?: string;
  rect: { x: number; y: number; width: number; height: number } | null;
  dpr: number;
  windowId: number;
}

/** Records a finding (once per page) with a screenshot of the page marking it. */
export async function record(req: RecordRequest, reviewDate: string): Promise<{ id: number; created: boolean; screenshot: boolean }> {
  const d = database();
  const round = await currentRound(reviewDate);
  const site = (await siteForUrl(d, req.pageUrl)) ?? (await addSite(d, proposeSite(req.pageUrl, { siteCode: req.siteCode, sponsor: req.sponsor, pageTitle: req.pageTitle })));
  const { record: row, created } = await recordFinding(d, { round, site, pageUrl: req.pageUrl, pageTitle: req.pageTitle, finding: req.finding });
  let screenshot = false;
  if (created) {
    try {
      const shot = await captureMarked(req.windowId, req.rect, req.dpr);
      await attachScreenshot(d, row.id, { image: shot.bytes, mime: shot.mime, width: shot.width, height: shot.height });
      screenshot = true;
    } catch (err) {
      // The tab may not be visible (another window on top): the finding stays recorded without evidence.
      console.warn('[GovReview] no screenshot', err);
    }
  }
  return { id: row.id, created, screenshot };
}
