import { GovReviewDb } from '@/lib/db/schema';
import { addSite, attachScreenshot, createRound, fileAccount, proposeSite, recordFinding, siteForUrl } from '@/lib/db/repo';
import { roundNameOf, type CaptureNote, type Round } from '@/lib/db/records';
import { toDocument, type Rect } from '@/lib/extension/capture-plan';
import type { Req, Res } from '@/lib/extension/protocol';
import type { CaptureMode } from '@/lib/extension/settings';
import { CaptureFallback, markedCopies, stitchPage, visibleEach } from './full-page';
import { captureMarked, type MarkedShot } from './screenshot';

let db: GovReviewDb | undefined;
/** The database, opened only here (the background) and from extension pages. */
export function database(): GovReviewDb {
  db ??= new GovReviewDb();
  return db;
}

/** The round of the review date: the quarter's round, created on first use with that monitoring date. */
export async function currentRound(reviewDate: string): Promise<Round> {
  const name = roundNameOf(reviewDate);
  return (await database().rounds.where('name').equals(name).first()) ?? createRound(database(), name, reviewDate);
}

export interface RecordRequest extends Req<'content→background:record'> {
  windowId: number;
  tabId: number;
  /** The frame the findings are in: only the top frame's page can be scrolled and stitched. */
  frameId: number;
}

/** A screenshot as recorded: the image and what it shows. */
type Evidence = MarkedShot & { fullPage?: boolean; note?: CaptureNote };

/**
 * Records findings of one page (each once), then their screenshots: the visible part of the tab with the
 * finding framed, or in 整页 mode the whole page stitched once, each finding framed on its own copy.
 */
export async function record(req: RecordRequest, reviewDate: string, mode: CaptureMode = 'visible'): Promise<Res<'content→background:record'>> {
  const d = database();
  const round = await currentRound(reviewDate);
  // A 政务新媒体 page is filed under the account it shows (all WeChat articles share one host), a website's by host.
  const site = req.newMedia
    ? await fileAccount(d, req.newMedia)
    : ((await siteForUrl(d, req.pageUrl)) ??
      (await addSite(d, proposeSite(req.pageUrl, { siteCode: req.siteCode, sponsor: req.sponsor, pageTitle: req.pageTitle }))));
  const rows: Array<{ id: number; created: boolean; rect: Rect | null }> = [];
  for (const item of req.items) {
    const { record: row, created } = await recordFinding(d, { round, site, pageUrl: req.pageUrl, pageTitle: req.pageTitle, finding: item.finding });
    rows.push({ id: row.id, created, rect: item.rect });
  }
  const fresh = rows.filter((r) => r.created);
  const shots = new Map<number, Evidence>();
  let missing: 'permission' | 'failed' | undefined;
  if (fresh.length) {
    try {
      const evidence = await evidenceFor(
        req,
        fresh.map((r) => r.rect),
        mode,
      );
      fresh.forEach((r, i) => evidence[i] && shots.set(r.id, evidence[i]));
    } catch (err) {
      // No activeTab grant for the tab (a 记录 in the card before any click on the toolbar button, a shortcut or
      // the context menu), or the tab is not visible: the findings stay recorded without evidence, and the card says why.
      missing = isGrantMissing(err) ? 'permission' : 'failed';
      console.warn('[GovReview] no screenshot', err);
    }
  }
  const results = [];
  for (const r of rows) {
    const shot = shots.get(r.id);
    if (shot)
      await attachScreenshot(d, r.id, { image: shot.bytes, mime: shot.mime, width: shot.width, height: shot.height, fullPage: shot.fullPage, note: shot.note });
    results.push({ id: r.id, created: r.created, screenshot: !!shot, ...(!shot && r.created && missing && { noScreenshot: missing }) });
  }
  return { results };
}

/** Whether Chrome refused the capture for want of activeTab (the extension does not hold <all_urls>). */
export function isGrantMissing(err: unknown): boolean {
  return /activeTab|<all_urls>/.test(err instanceof Error ? err.message : String(err));
}

/** One screenshot per rect (viewport coordinates at req.scroll), in the reviewer's capture mode. */
async function evidenceFor(req: RecordRequest, rects: Array<Rect | null>, mode: CaptureMode): Promise<Evidence[]> {
  const target = { tabId: req.tabId, windowId: req.windowId };
  const boxes = rects.map((r) => r && toDocument(r, req.scroll));
  // A frame's rects are its own viewport's: the visible tab, as the reviewer sees it, is all we can show.
  if (req.frameId !== 0 || (mode === 'visible' && rects.length === 1)) {
    return (await markedEach(req, rects)).map((s) => (mode === 'fullPage' ? { ...s, note: 'frame' as const } : s));
  }
  if (mode === 'visible') return visibleEach(target, boxes);
  let note: CaptureNote = 'failed';
  try {
    const stitched = await stitchPage(target, boxes);
    console.info(`[GovReview] full page: ${stitched.frames} frames, ${stitched.image.width}×${stitched.image.height} px, ${stitched.ms} ms`);
    const copies = await markedCopies(stitched, boxes);
    const outside = copies.flatMap((c, i) => (c ? [] : [i]));
    const instead = outside.length
      ? await visibleEach(
          target,
          outside.map((i) => boxes[i]),
        )
      : [];
    return copies.map((c) =>
      c ? { ...c, fullPage: true, ...(stitched.plan.cut && { note: 'cut' as const }) } : { ...instead.shift()!, note: 'too-tall' as const },
    );
  } catch (err) {
    if (err instanceof CaptureFallback) note = err.note;
    console.warn('[GovReview] full-page capture not possible, visible part instead:', err);
  }
  const shots = await visibleEach(target, boxes).catch((err: unknown) => {
    console.warn('[GovReview] the page did not scroll for its screenshots: the tab as it stands', err);
    return markedEach(req, rects);
  });
  return shots.map((s) => ({ ...s, note }));
}

/** The tab as it stands, each rect (viewport coordinates) framed on its own capture. */
async function markedEach(req: RecordRequest, rects: Array<Rect | null>): Promise<MarkedShot[]> {
  const out: MarkedShot[] = [];
  for (const r of rects) out.push(await captureMarked(req.windowId, r, req.dpr));
  return out;
}
