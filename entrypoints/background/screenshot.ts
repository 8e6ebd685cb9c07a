import browser from 'webextension-polyfill';
import { boxInImage, type Rect } from '@/lib/extension/capture-plan';

/** Chrome allows captureVisibleTab at most twice a second (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND). */
const MIN_GAP_MS = 520;
let last = 0;
let queue: Promise<unknown> = Promise.resolve();

export interface MarkedShot {
  bytes: Uint8Array;
  mime: string;
  width: number;
  height: number;
}

/**
 * Runs capture jobs one after another. A job may take several frames (a full-page capture scrolls the
 * page between them): nothing else captures meanwhile, so no frame shows another job's scrolling.
 */
export function exclusive<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job);
  queue = run.catch(() => undefined);
  return run;
}

/** One captureVisibleTab, never two within Chrome's limit; call it only from inside an exclusive() job. */
export async function grabVisible(windowId: number): Promise<ImageBitmap> {
  const wait = last + MIN_GAP_MS - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  last = Date.now();
  const dataUrl = await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
  return createImageBitmap(await (await fetch(dataUrl)).blob());
}

/** Frames a finding's area (device pixels of the image) in red. */
export function frameBox(g: OffscreenCanvasRenderingContext2D, box: Rect, scale: number): void {
  g.strokeStyle = '#e53935';
  g.lineWidth = Math.max(2, 3 * scale);
  g.strokeRect(box.x, box.y, box.width, box.height);
}

/** The image as stored: JPEG (a screenshot of text and pictures; PNG would be several times larger). */
export async function encode(canvas: OffscreenCanvas): Promise<MarkedShot> {
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.82 });
  return { bytes: new Uint8Array(await blob.arrayBuffer()), mime: 'image/jpeg', width: canvas.width, height: canvas.height };
}

/**
 * Evidence for a finding: the visible part of the tab, the finding's area framed in red, as JPEG.
 * `rect` is in CSS pixels of the viewport; `dpr` the page's devicePixelRatio. Captures are queued so
 * that two recordings in a row never exceed Chrome's rate limit.
 */
export function captureMarked(windowId: number, rect: Rect | null, dpr: number): Promise<MarkedShot> {
  return exclusive(async () => {
    const bitmap = await grabVisible(windowId);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const g = canvas.getContext('2d')!;
    g.drawImage(bitmap, 0, 0);
    bitmap.close();
    if (rect) frameBox(g, boxInImage(rect, { left: 0, top: 0 }, dpr), dpr);
    return encode(canvas);
  });
}
