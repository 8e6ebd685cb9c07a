import { describe, expect, it } from 'vitest';
import {
  boxInImage,
  centeredScroll,
  cropFor,
  imageSize,
  inImage,
  MAX_CANVAS_AREA,
  MAX_CANVAS_SIDE,
  maxCaptureHeight,
  planCapture,
  toDocument,
  windowTop,
  type CapturePlan,
  type PageMetrics,
} from '../../lib/extension/capture-plan';

const page = (docHeight: number, over: Partial<PageMetrics> = {}): PageMetrics => ({
  docHeight,
  viewWidth: 1280,
  viewHeight: 900,
  scrollX: 0,
  scrollY: 0,
  ...over,
});

/** Draws a plan's frames as the background does (each at the offset asked) and returns the rows covered. */
function stitch(plan: CapturePlan, viewHeight: number, scale: number): Array<[number, number]> {
  const rows: Array<[number, number]> = [];
  let covered = plan.top;
  for (const y of plan.positions) {
    const crop = cropFor(plan, y, viewHeight, covered, scale);
    if (!crop) continue;
    rows.push([crop.destPx, crop.destPx + crop.heightPx]);
    covered = crop.coveredTo;
  }
  return rows;
}

describe('planCapture: scroll positions', () => {
  it.each([
    // docHeight, positions (viewport 900)
    [500, [0]],
    [900, [0]],
    [1200, [0, 300]],
    [1800, [0, 900]],
    [2500, [0, 900, 1600]],
    [3700, [0, 900, 1800, 2700, 2800]],
  ])('a page %i px tall is captured at %j', (docHeight, positions) => {
    const plan = planCapture(page(docHeight), 1);
    expect(plan.positions).toEqual(positions);
    expect(plan).toMatchObject({ top: 0, height: Math.max(900, docHeight), cut: false });
  });

  it('never scrolls past the end, and each frame starts where the one before ended or overlaps it', () => {
    for (let h = 900; h < 20_000; h += 337) {
      const plan = planCapture(page(h), 1);
      const max = Math.max(0, h - 900);
      for (const [i, y] of plan.positions.entries()) {
        expect(y).toBeLessThanOrEqual(max);
        if (i) expect(y - plan.positions[i - 1]).toBeLessThanOrEqual(900);
      }
      expect(plan.positions.at(-1)! + 900).toBe(plan.top + plan.height);
    }
  });

  it('keeps the horizontal scroll offset', () => {
    expect(planCapture(page(2000, { scrollX: 40 }), 1).left).toBe(40);
  });
});

describe('the cap: what a canvas can hold', () => {
  it('is 16,384 CSS px at 1x and 2x, and the canvas side at 3x', () => {
    expect(maxCaptureHeight(1280, 1)).toBe(16_384);
    expect(maxCaptureHeight(1280, 2)).toBe(16_383); // 16,384 × 2 would pass 32,767 device px
    expect(maxCaptureHeight(1280, 3)).toBe(Math.floor(MAX_CANVAS_SIDE / 3));
  });

  it('keeps within the canvas area on a wide viewport', () => {
    const h = maxCaptureHeight(7680, 2);
    expect(Math.ceil(7680 * 2) * h * 2).toBeLessThanOrEqual(MAX_CANVAS_AREA);
  });

  it('cuts a page taller than the cap, from the top when no finding asks otherwise', () => {
    const plan = planCapture(page(40_000), 1);
    expect(plan).toMatchObject({ top: 0, height: 16_384, cut: true });
    expect(imageSize(plan, 1280, 1)).toEqual({ widthPx: 1280, heightPx: 16_384 });
  });

  it('moves the stretch to the findings far down, from the top on a tie', () => {
    const far = { x: 10, y: 30_000, width: 100, height: 20 };
    const plan = planCapture(page(60_000), 1, [far, null]);
    expect(plan.top).toBe(30_000 - 225); // a quarter viewport above the finding
    expect(inImage(plan, far)).toBe(true);
    expect(planCapture(page(40_000), 1, [{ ...far, y: 500 }]).top).toBe(0);
    // Two findings near the top, one far down: the top wins.
    expect(windowTop(40_000, 16_384, [{ ...far, y: 100 }, { ...far, y: 200 }, far], 225)).toBe(0);
    // The stretch never runs past the end of the page.
    expect(windowTop(40_000, 16_384, [{ ...far, y: 39_970 }], 225)).toBe(40_000 - 16_384);
  });

  it('accepts a smaller cap (the caller bounds time and size)', () => {
    expect(planCapture(page(5000), 1, [], 2000)).toMatchObject({ height: 2000, cut: true });
  });
});

describe('cropFor: the rows each frame adds', () => {
  it.each([1, 1.25, 1.5, 2])('stitches rows without gap or overlap at scale %s', (scale) => {
    for (const h of [900, 1000, 2500, 3700, 9999]) {
      const plan = planCapture(page(h), scale);
      const rows = stitch(plan, 900, scale);
      expect(rows[0][0]).toBe(0);
      for (let i = 1; i < rows.length; i++) expect(rows[i][0]).toBe(rows[i - 1][1]);
      expect(rows.at(-1)![1]).toBe(Math.round(plan.height * scale));
    }
  });

  it('takes only the new rows of the last, overlapping frame', () => {
    const plan = planCapture(page(2500), 1);
    expect(cropFor(plan, 1600, 900, 1800, 1)).toEqual({ srcPx: 200, destPx: 1800, heightPx: 700, coveredTo: 2500 });
  });

  it('draws a frame at the offset the page reports (it may differ from the one asked)', () => {
    const plan = planCapture(page(2500), 1);
    expect(cropFor(plan, 850, 900, 900, 1)).toEqual({ srcPx: 50, destPx: 900, heightPx: 850, coveredTo: 1750 });
  });

  it('refuses a frame that leaves a gap, and skips one that adds nothing', () => {
    const plan = planCapture(page(2500), 1);
    expect(() => cropFor(plan, 1000, 900, 900, 1)).toThrow(RangeError);
    expect(cropFor(plan, 0, 900, 900, 1)).toBeNull();
  });

  it('works on a stretch that starts down the page', () => {
    const plan: CapturePlan = { top: 10_000, height: 2000, left: 0, cut: true, positions: [10_000, 10_900, 11_100] };
    expect(stitch(plan, 900, 2)).toEqual([
      [0, 1800],
      [1800, 3600],
      [3600, 4000],
    ]);
  });
});

describe('boxes in document and image coordinates', () => {
  it('puts a viewport rect in the document by the scroll offset it was measured at', () => {
    expect(toDocument({ x: 10, y: 20, width: 30, height: 40 }, { x: 5, y: 2000 })).toEqual({ x: 15, y: 2020, width: 30, height: 40 });
  });

  it('frames a box with 4 CSS px of padding, in device pixels from the image origin', () => {
    expect(boxInImage({ x: 100, y: 3000, width: 50, height: 20 }, { left: 0, top: 0 }, 2)).toEqual({ x: 192, y: 5992, width: 116, height: 56 });
    expect(boxInImage({ x: 100, y: 13_000, width: 50, height: 20 }, { left: 40, top: 10_000 }, 1)).toEqual({ x: 56, y: 2996, width: 58, height: 28 });
  });

  it('knows whether a box lies in the stretch', () => {
    const plan: CapturePlan = { top: 1000, height: 500, left: 0, cut: true, positions: [1000] };
    expect(inImage(plan, { x: 0, y: 1000, width: 1, height: 500 })).toBe(true);
    expect(inImage(plan, { x: 0, y: 999, width: 1, height: 10 })).toBe(false);
    expect(inImage(plan, { x: 0, y: 1490, width: 1, height: 20 })).toBe(false);
  });

  it('centres a box in the viewport, within the page', () => {
    expect(centeredScroll({ x: 0, y: 3000, width: 10, height: 20 }, 900, 5000)).toBe(2560);
    expect(centeredScroll({ x: 0, y: 100, width: 10, height: 20 }, 900, 5000)).toBe(0);
    expect(centeredScroll({ x: 0, y: 4990, width: 10, height: 10 }, 900, 5000)).toBe(4100);
    expect(centeredScroll({ x: 0, y: 10, width: 10, height: 10 }, 900, 600)).toBe(0);
  });
});
