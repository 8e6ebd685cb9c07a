import { describe, expect, it } from 'vitest';
import { RescanScheduler } from '../../entrypoints/content/rescan-scheduler';

/** A fake clock with timers, so the scheduler is tested without waiting. */
function fakeTimers() {
  let now = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout: (fn: () => void, ms: number) => {
      timers.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout: (id: unknown) => void timers.delete(id as number),
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
        if (!next || next[1].at > end) break;
        timers.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = end;
    },
  };
}

describe('RescanScheduler', () => {
  it('debounces a burst of mutations into one scan', () => {
    const t = fakeTimers();
    let runs = 0;
    const s = new RescanScheduler(() => runs++, t);
    for (let i = 0; i < 50; i++) {
      s.poke();
      t.advance(10);
    }
    t.advance(5000);
    expect(runs).toBe(1);
  });

  it('re-scans a page that changes every second a bounded number of times', () => {
    const t = fakeTimers();
    let runs = 0;
    const s = new RescanScheduler(() => runs++, t);
    s.markRun();
    for (let second = 0; second < 120; second++) {
      s.poke();
      t.advance(1000);
    }
    // Gaps double from 2 s up to 60 s: 120 s of ticking gives a handful of scans, not 120.
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(runs).toBeLessThanOrEqual(8);
  });

  it('returns to the short gap after the page has been quiet', () => {
    const t = fakeTimers();
    const times: number[] = [];
    const s = new RescanScheduler(() => times.push(t.now()), t);
    for (let i = 0; i < 30; i++) {
      s.poke();
      t.advance(1000);
    }
    t.advance(60_000);
    const before = times.length;
    s.poke();
    t.advance(1000);
    expect(times.length).toBe(before + 1);
  });

  it('cancel drops a pending scan', () => {
    const t = fakeTimers();
    let runs = 0;
    const s = new RescanScheduler(() => runs++, t);
    s.poke();
    s.cancel();
    t.advance(10_000);
    expect(runs).toBe(0);
  });
});
