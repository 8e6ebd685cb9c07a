import browser from 'webextension-polyfill';

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
 * Evidence for a finding: the visible part of the tab, the finding's area framed in red, as JPEG.
 * `rect` is in CSS pixels of the viewport; `dpr` the page's devicePixelRatio. Captures are queued so
 * that two recordings in a row never exceed Chrome's rate limit.
 */
export function captureMarked(windowId: number, rect: { x: number; y: number; width: number; height: number } | null, dpr: number): Promise<MarkedShot> {
  const run = queue.then(async () => {
    const wait = last + MIN_GAP_MS - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    last = Date.now();
    const dataUrl = await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
    const bitmap = await createImageBitmap(await (await fetch(dataUrl)).blob());
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const g = canvas.getContext('2d')!;
    g.drawImage(bitmap, 0, 0);
    if (rect) {
      const pad = 4 * dpr;
      g.strokeStyle = '#e53935';
      g.lineWidth = Math.max(2, 3 * dpr);
      g.strokeRect(rect.x * dpr - pad, rect.y * dpr - pad, rect.width * dpr + 2 * pad, rect.height * dpr + 2 * pad);
    }
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.82 });
    return { bytes: new Uint8Array(await blob.arrayBuffer()), mime: 'image/jpeg', width: bitmap.width, height: bitmap.height };
  });
  queue = run.catch(() => undefined);
  return run;
}
