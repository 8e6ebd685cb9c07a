import { describe, expect, it } from 'vitest';
import { holds, MAX_STROKE_DISTANCE, POINTS, resample, strokeDistance, strokePairs, type Stroke } from '../../../scripts/build-stroke-confusion';
import { isShapeAlikeCode } from '../../../lib/data/confusables';
import { isTraditionalOnly } from '../../../lib/text/traditional';
import { expectSymmetricPairs, readPairTable } from './pair-table';

const isShapeAlike = (a: string, b: string) => isShapeAlikeCode(a.charCodeAt(0), b.charCodeAt(0));

/** A straight stroke from (x0, y0) to (x1, y1), as the data's median lines are given. */
const line = (x0: number, y0: number, x1: number, y1: number): Stroke =>
  resample([
    [x0, y0],
    [x1, y1],
  ]);
const across = line(100, 500, 900, 500);
const down = line(500, 900, 500, 100);
const dot = line(700, 800, 740, 760);
const slash = line(500, 600, 200, 100);

describe('scripts/build-stroke-confusion.ts', () => {
  it('resamples a median line to evenly spaced points along its length', () => {
    const s = resample([
      [0, 0],
      [70, 0],
      [70, 70],
    ]);
    expect(s.length).toBe(2 * POINTS);
    expect([s[0], s[1]]).toEqual([0, 0]);
    expect([s[2 * POINTS - 2], s[2 * POINTS - 1]]).toEqual([70, 70]);
    // The path is 140 long: point k lies 20·k along it (the fourth, at 60, is still on the first segment).
    expect(s[6]).toBeCloseTo(60);
    expect(s[7]).toBeCloseTo(0);
    expect(s[10]).toBeCloseTo(70);
    expect(s[11]).toBeCloseTo(30);
  });

  it('measures how far two strokes lie apart on average', () => {
    expect(strokeDistance(across, across)).toBe(0);
    expect(strokeDistance(across, line(100, 540, 900, 540))).toBeCloseTo(40);
    expect(strokeDistance(across, down)).toBeGreaterThan(MAX_STROKE_DISTANCE);
  });

  it('finds a character that is another with one or two strokes more, anywhere, in writing order', () => {
    expect(holds([across, down], [across, down, dot])).toBe(true); // 大 → 太: one appended
    expect(holds([across, down], [across, dot, down])).toBe(true); // 日 → 目: one inserted
    expect(holds([across, down], [dot, across, slash, down])).toBe(true); // two more
    expect(holds([across, down], [across, down, dot, slash, dot])).toBe(false); // three more
    expect(holds([across, down], [down, across, dot])).toBe(false); // the same strokes in another order
    expect(holds([across, down], [line(100, 700, 900, 700), down, dot])).toBe(false); // a stroke moved
    expect(holds([across], [across, dot])).toBe(false); // 一 is in everything
    expect(holds([across, down], [across, down])).toBe(false); // no stroke more
  });

  it('pairs the characters both ways', () => {
    const pairs = strokePairs(
      new Map([
        ['大', [across, slash]],
        ['太', [across, slash, dot]],
        ['十', [across, down]],
      ]),
    );
    expect(pairs).toEqual({ 大: '太', 太: '大' });
  });
});

describe('lib/data/confusion/stroke.json', () => {
  const stroke = readPairTable('stroke.json');

  it('is symmetric, never pairs a character with itself, and holds no traditional-only character', () => {
    expectSymmetricPairs(stroke);
    for (const a of Object.keys(stroke)) expect(isTraditionalOnly(a.charCodeAt(0))).toBe(false);
  });

  it('pairs characters a stroke or two apart (力/办, 大/太, 木/术, 日/目, 乌/鸟) and not unlike ones', () => {
    expect(stroke.力).toContain('办');
    expect(stroke.大).toContain('太');
    expect(stroke.木).toContain('术');
    expect(stroke.日).toContain('目');
    expect(stroke.乌).toContain('鸟');
    expect(stroke.力 ?? '').not.toContain('刀');
    expect(stroke.大 ?? '').not.toContain('人');
  });

  it('joins the rendered pairs in isShapeAlikeCode, either way round', () => {
    expect(isShapeAlike('办', '力')).toBe(true); // stroke.json
    expect(isShapeAlike('力', '办')).toBe(true);
    expect(isShapeAlike('休', '体')).toBe(true); // glyph.json
    expect(isShapeAlike('办', '办')).toBe(false);
    expect(isShapeAlike('办', '水')).toBe(false);
  });
});
