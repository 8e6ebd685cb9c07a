/**
 * The background's warm window (lib/extension/keep-warm.ts) on a hand-driven clock: pings while the last
 * page is recent, one timer however many pages, silence after the window, and a fresh window on the next page.
 */
import { describe, expect, it } from 'vitest';
import { KeepWarm, PING_EVERY_MS, WARM_FOR_MS, type KeepWarmClock } from '../../lib/extension/keep-warm';

/** A clock whose intervals fire only when the test advances it. */
function fakeClock() {
  let now = 0;
  const timers = new Map<number, { fn: () => void; every: number; next: number }>();
  let ids = 0;
  const clock: KeepWarmClock = {
    now: () => now,
    setInterval: (fn, ms) => {
      timers.set(++ids, { fn, every: ms, next: now + ms });
      return ids;
    },
    clearInterval: (h) => void timers.delete(h as number),
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.next <= end).sort((a, b) => a[1].next - b[1].next)[0];
      if (!due) break;
      now = due[1].next;
      due[1].next += due[1].every;
      due[1].fn();
    }
    now = end;
  };
  return { clock, advance, timers };
}

describe('KeepWarm', () => {
  it('pings every 20 s within Chrome’s 30 s idle limit while the last page is under five minutes old, then stops', () => {
    const { clock, advance, timers } = fakeClock();
    let pings = 0;
    const warm = new KeepWarm(() => pings++, WARM_FOR_MS, PING_EVERY_MS, clock);
    expect(PING_EVERY_MS).toBeLessThan(30_000);
    expect(warm.warm).toBe(false);
    warm.touch();
    expect(warm.warm).toBe(true);
    advance(60_000);
    expect(pings).toBe(3);
    advance(WARM_FOR_MS - 60_000 - 1);
    expect(pings).toBe(Math.floor((WARM_FOR_MS - 1) / PING_EVERY_MS));
    // Past the window: the next tick stops the timer instead of pinging, and nothing runs after it.
    advance(PING_EVERY_MS + 1);
    expect(warm.warm).toBe(false);
    expect(timers.size).toBe(0);
    const after = pings;
    advance(10 * 60_000);
    expect(pings).toBe(after);
  });

  it('keeps one timer however many pages, each page moving the window on', () => {
    const { clock, advance, timers } = fakeClock();
    let pings = 0;
    const warm = new KeepWarm(() => pings++, 60_000, 20_000, clock);
    warm.touch();
    advance(50_000);
    warm.touch(); // a page at 50 s: warm until 110 s
    warm.touch();
    expect(timers.size).toBe(1);
    advance(50_000); // 100 s: pings at 20, 40, 60, 80, 100
    expect(pings).toBe(5);
    expect(warm.warm).toBe(true);
    advance(20_000); // 120 s: past 110, stopped without a ping
    expect(pings).toBe(5);
    expect(warm.warm).toBe(false);
    // The next page starts a new window.
    warm.touch();
    advance(20_000);
    expect(pings).toBe(6);
    expect(timers.size).toBe(1);
  });
});
