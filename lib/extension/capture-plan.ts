/**
 * The geometry of a full-page capture (scroll and stitch), apart from any browser API so that it runs in
 * the service worker and in Node's tests alike. All lengths are CSS pixels of the page unless named `px`
 * (device pixels of the captured images, `scale` of them to a CSS pixel).
 *
 * The background drives the capture: it asks the page for its size (PageMetrics), plans the scroll
 * positions (planCapture), has the page scroll to each and captures the viewport, then draws each frame's
 * new rows (cropFor) at its real offset, and each finding's box where it lies in the image (boxInImage).
 */

/** A rectangle: in viewport coordinates as a page measures it, or in document coordinates (toDocument). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Chrome's canvas limits (Skia): no side above 32,767 px and no more than 268,435,456 px (16,384²) in all;
 * JPEG encodes up to 65,535 px a side, so the canvas is the bound.
 */
export const MAX_CANVAS_SIDE = 32_767;
/** The canvas's limit in pixels over both sides (16,384²): a wide viewport at a high scale gets a shorter image. */
export const MAX_CANVAS_AREA = 268_435_456;
/** The tallest stretch of a page captured, in CSS pixels, whatever the device allows (time and file size). */
export const MAX_CSS_HEIGHT = 16_384;

/** What the page reports before a capture. */
export interface PageMetrics {
  /** scrollHeight of the document's scrolling element. */
  docHeight: number;
  /** innerWidth / innerHeight: what one captureVisibleTab shows. */
  viewWidth: number;
  viewHeight: number;
  /** Current scroll offsets (restored after the capture). */
  scrollX: number;
  scrollY: number;
}

/** What `planCapture` decides: the stretch of the document the image shows and the scroll offsets that cover it. */
export interface CapturePlan {
  /** The first document row the image shows: 0, unless the page is taller than the cap. */
  top: number;
  /** How much of the document the image shows, from `top`. */
  height: number;
  /** The horizontal scroll offset kept during the capture (the image shows that column of the page). */
  left: number;
  /** True when the document is taller than the image (cut at the cap). */
  cut: boolean;
  /** The vertical scroll offsets to capture, in order; the last frame may overlap the one before. */
  positions: number[];
}

/** The tallest stretch (CSS px) one image may hold for a viewport this wide at this scale. */
export function maxCaptureHeight(viewWidth: number, scale: number, maxCss = MAX_CSS_HEIGHT): number {
  const widthPx = Math.max(1, Math.ceil(viewWidth * scale));
  const bySide = MAX_CANVAS_SIDE / scale;
  const byArea = MAX_CANVAS_AREA / widthPx / scale;
  return Math.max(1, Math.floor(Math.min(maxCss, bySide, byArea)));
}

/** A viewport rectangle measured at a scroll offset, in document coordinates. */
export function toDocument(rect: Rect, scroll: { x: number; y: number }): Rect {
  return { x: rect.x + scroll.x, y: rect.y + scroll.y, width: rect.width, height: rect.height };
}

/**
 * Where the image starts when the page is taller than `height`: the window that holds the most boxes,
 * the one from the top of the page on a tie (so that the page's header is in it).
 */
export function windowTop(docHeight: number, height: number, boxes: ReadonlyArray<Rect | null>, margin: number): number {
  const maxTop = Math.max(0, docHeight - height);
  if (maxTop === 0) return 0;
  const placed = boxes.filter((b): b is Rect => !!b);
  const inside = (top: number) => placed.filter((b) => b.y >= top && b.y + b.height <= top + height).length;
  let best = 0;
  let bestCount = inside(0);
  for (const b of [...placed].sort((p, q) => p.y - q.y)) {
    const top = Math.min(maxTop, Math.max(0, Math.floor(b.y - margin)));
    const n = inside(top);
    if (n > bestCount) {
      best = top;
      bestCount = n;
    }
  }
  return best;
}

/**
 * Plans a capture: which stretch of the document the image shows (all of it when it fits under the cap,
 * else the window with the most findings) and the scroll offsets that cover it, one viewport apart, the
 * last one aligned with the stretch's end (it overlaps the frame before).
 */
export function planCapture(m: PageMetrics, scale: number, boxes: ReadonlyArray<Rect | null> = [], maxCss = MAX_CSS_HEIGHT): CapturePlan {
  const view = Math.max(1, m.viewHeight);
  const docHeight = Math.max(view, m.docHeight);
  const cap = maxCaptureHeight(m.viewWidth, scale, maxCss);
  const cut = docHeight > cap;
  const height = cut ? cap : docHeight;
  const top = cut ? windowTop(docHeight, height, boxes, Math.floor(view / 4)) : 0;
  const end = top + height;
  const positions: number[] = [];
  for (let y = top; y + view < end; y += view) positions.push(y);
  const last = Math.max(top, end - view);
  if (positions[positions.length - 1] !== last) positions.push(last);
  return { top, height, left: Math.max(0, m.scrollX), cut, positions };
}

/** The device-pixel rows of one frame to draw onto the image. */
export interface Crop {
  /** First row of the frame to copy. */
  srcPx: number;
  /** Row of the image it goes to. */
  destPx: number;
  heightPx: number;
  /** The document row the image is complete to, after this frame. */
  coveredTo: number;
}

/**
 * The part of a frame captured at `scrollY` (the offset the page reports, not the one asked for) that the
 * image still lacks: from what earlier frames covered to the frame's bottom, within the planned stretch.
 * Null when the frame adds nothing; throws when it leaves a gap (the page did not scroll as planned).
 */
export function cropFor(plan: CapturePlan, scrollY: number, viewHeight: number, coveredTo: number, scale: number): Crop | null {
  const start = Math.max(coveredTo, scrollY, plan.top);
  const end = Math.min(scrollY + viewHeight, plan.top + plan.height);
  if (scrollY > coveredTo + 0.5) throw new RangeError(`frame at ${scrollY} leaves a gap after ${coveredTo}`);
  if (end <= start) return null;
  // Rows are rounded once, in image coordinates, so that frames meet exactly at fractional scales.
  const framePx = Math.round((scrollY - plan.top) * scale);
  const destPx = Math.round((start - plan.top) * scale);
  const srcPx = destPx - framePx;
  const heightPx = Math.min(Math.round((end - plan.top) * scale) - destPx, Math.round(viewHeight * scale) - srcPx);
  return heightPx > 0 ? { srcPx, destPx, heightPx, coveredTo: end } : null;
}

/** Image size in device pixels. */
export function imageSize(plan: CapturePlan, viewWidth: number, scale: number): { widthPx: number; heightPx: number } {
  return { widthPx: Math.round(viewWidth * scale), heightPx: Math.min(MAX_CANVAS_SIDE, Math.round(plan.height * scale)) };
}

/** True when a box (document coordinates) lies wholly in the stretch the image shows. */
export function inImage(plan: CapturePlan, box: Rect): boolean {
  return box.y >= plan.top && box.y + box.height <= plan.top + plan.height;
}

/** The red frame around a finding, in device pixels of an image that starts at (left, top) of the document. */
export function boxInImage(box: Rect, origin: { left: number; top: number }, scale: number, padCss = 4): Rect {
  return {
    x: (box.x - origin.left - padCss) * scale,
    y: (box.y - origin.top - padCss) * scale,
    width: (box.width + 2 * padCss) * scale,
    height: (box.height + 2 * padCss) * scale,
  };
}

/** The scroll offset that puts a box in the middle of the viewport (as scrollIntoView({block: 'center'})). */
export function centeredScroll(box: Rect, viewHeight: number, docHeight: number): number {
  const max = Math.max(0, docHeight - viewHeight);
  return Math.min(max, Math.max(0, Math.round(box.y + box.height / 2 - viewHeight / 2)));
}
