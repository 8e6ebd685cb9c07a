import browser from 'webextension-polyfill';
import { boxInImage, centeredScroll, cropFor, imageSize, inImage, planCapture, type CapturePlan, type Rect } from '@/lib/extension/capture-plan';
import type { CaptureNote } from '@/lib/db/records';
import { createClient } from '@/lib/extension/protocol';
import { encode, exclusive, frameBox, grabVisible, type MarkedShot } from './screenshot';

/** A full-page capture ends within this time, frames and all (else the visible part is taken). */
const BUDGET_MS = 30_000;
/** Each step asked of the page must be answered within this time. */
const STEP_MS = 5_000;
/** Height change (CSS px) tolerated while scrolling: rounding, nothing that moves content. */
const HEIGHT_SLACK = 2;

/** A full-page capture that cannot be done on this page: the visible part is taken, with this note. */
export class CaptureFallback extends Error {
  constructor(
    readonly note: CaptureNote,
    message: string = note,
  ) {
    super(message);
  }
}

/** The tab to capture (its top frame drives the scrolling) and its window (captureVisibleTab's argument). */
export interface CaptureTarget {
  tabId: number;
  windowId: number;
}

/** The page's top frame through the protocol; a step not answered in time is a timeout. */
function topFrame(tabId: number) {
  return createClient(async (msg) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CaptureFallback('timeout', `no answer to ${msg.type}`)), STEP_MS);
    });
    try {
      return await Promise.race([browser.tabs.sendMessage(tabId, msg, { frameId: 0 }), late]);
    } finally {
      clearTimeout(timer);
    }
  });
}

/** captureVisibleTab shows the window's active tab: capturing another tab's page would be false evidence. */
async function ensureShown(t: CaptureTarget): Promise<void> {
  const tab = await browser.tabs.get(t.tabId);
  if (!tab.active || tab.windowId !== t.windowId) throw new Error('the tab is no longer the one shown');
}

/** The whole page, stitched: one image of the plan's stretch, `scale` device pixels to a CSS pixel. */
export interface Stitched {
  image: OffscreenCanvas;
  plan: CapturePlan;
  scale: number;
  /** How far the boxes moved in the page's layout at its top (CaptureMetrics.shift). */
  shift: number;
  frames: number;
  ms: number;
}

/** Boxes in document coordinates moved down by `dy` (the page laid out as at its top). */
function shifted(boxes: ReadonlyArray<Rect | null>, dy: number): Array<Rect | null> {
  return boxes.map((b) => (b && dy ? { ...b, y: b.y + dy } : b));
}

/**
 * Scrolls the page from top to bottom and stitches the frames (at the offsets the page reports). Sticky
 * elements lie in the flow throughout, fixed ones are hidden from the second frame on, and the page is put
 * back however the capture ends. Throws CaptureFallback where the page cannot be stitched.
 */
export function stitchPage(t: CaptureTarget, boxes: ReadonlyArray<Rect | null>): Promise<Stitched> {
  return exclusive(async () => {
    const started = Date.now();
    const page = topFrame(t.tabId);
    let shift = 0;
    try {
      const m = await page('background→content:captureBegin', { stitch: true });
      if (m.ownScroller) throw new CaptureFallback('own-scroller');
      shift = m.shift;
      const plan = planCapture(m, m.dpr, shifted(boxes, shift));
      let canvas: OffscreenCanvas | undefined;
      let scale = m.dpr;
      let covered = plan.top;
      for (const [i, y] of plan.positions.entries()) {
        if (Date.now() - started > BUDGET_MS) throw new CaptureFallback('timeout');
        const at = await page('background→content:captureScroll', { x: plan.left, y, hideFixed: i > 0 });
        if (Math.abs(at.docHeight - m.docHeight) > HEIGHT_SLACK) throw new CaptureFallback('height-changed', `${m.docHeight} → ${at.docHeight}`);
        if (Math.abs(at.scrollY - y) > 1) throw new CaptureFallback('not-scrolled', `asked ${y}, at ${at.scrollY}`);
        await ensureShown(t);
        const bitmap = await grabVisible(t.windowId);
        try {
          if (!canvas) {
            // The captured image says how many device pixels a CSS pixel is (page zoom included).
            scale = bitmap.width / m.viewWidth;
            const size = imageSize(plan, m.viewWidth, scale);
            canvas = new OffscreenCanvas(size.widthPx, size.heightPx);
          }
          let crop: ReturnType<typeof cropFor>;
          try {
            crop = cropFor(plan, at.scrollY, m.viewHeight, covered, scale);
          } catch (err) {
            throw new CaptureFallback('not-scrolled', String(err));
          }
          if (crop) {
            const h = Math.min(crop.heightPx, bitmap.height - crop.srcPx);
            canvas.getContext('2d')!.drawImage(bitmap, 0, crop.srcPx, bitmap.width, h, 0, crop.destPx, bitmap.width, h);
            covered = crop.coveredTo;
          }
        } finally {
          bitmap.close();
        }
      }
      if (!canvas) throw new CaptureFallback('failed', 'no frame');
      return { image: canvas, plan, scale, shift, frames: plan.positions.length, ms: Date.now() - started };
    } finally {
      await page('background→content:captureEnd', {}).catch(() => undefined);
    }
  });
}

/**
 * Each finding's own copy of the stitched page with its box (document coordinates) framed; null for a box
 * outside the stretch the image shows (a page cut at the cap). A finding without a box gets the page as is.
 */
export async function markedCopies(st: Stitched, boxes: ReadonlyArray<Rect | null>): Promise<Array<MarkedShot | null>> {
  const one = boxes.length === 1;
  const work = one ? st.image : new OffscreenCanvas(st.image.width, st.image.height);
  const g = work.getContext('2d')!;
  const out: Array<MarkedShot | null> = [];
  for (const box of shifted(boxes, st.shift)) {
    if (box && !inImage(st.plan, box)) {
      out.push(null);
      continue;
    }
    if (!one) g.drawImage(st.image, 0, 0);
    if (box) frameBox(g, boxInImage(box, st.plan, st.scale), st.scale);
    out.push(await encode(work));
  }
  return out;
}

/**
 * The visible part of the tab for each finding, scrolled to the middle of the viewport (boxes in document
 * coordinates; no box: the page as it stands), one after another; the page is put back afterwards.
 */
export function visibleEach(t: CaptureTarget, boxes: ReadonlyArray<Rect | null>): Promise<MarkedShot[]> {
  return exclusive(async () => {
    const page = topFrame(t.tabId);
    try {
      const m = await page('background→content:captureBegin', { stitch: false });
      const out: MarkedShot[] = [];
      for (const box of boxes) {
        const y = box ? centeredScroll(box, m.viewHeight, m.docHeight) : m.scrollY;
        const at = await page('background→content:captureScroll', { x: m.scrollX, y, hideFixed: false });
        await ensureShown(t);
        const bitmap = await grabVisible(t.windowId);
        const scale = bitmap.width / m.viewWidth;
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const g = canvas.getContext('2d')!;
        g.drawImage(bitmap, 0, 0);
        bitmap.close();
        if (box) frameBox(g, boxInImage(box, { left: at.scrollX, top: at.scrollY }, scale), scale);
        out.push(await encode(canvas));
      }
      return out;
    } finally {
      await page('background→content:captureEnd', {}).catch(() => undefined);
    }
  });
}
