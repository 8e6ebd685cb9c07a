/**
 * Decides when a changing page is scanned again: debounced (a burst of mutations is one
 * re-scan), with a minimum gap that doubles while the page keeps changing and resets once it
 * has been quiet. A page that ticks every second is thus re-scanned a logarithmic number of
 * times, never in a loop. Timers come from the caller (WXT's ctx, or fakes in tests).
 */
export interface SchedulerOptions {
  debounceMs?: number;
  minGapMs?: number;
  maxGapMs?: number;
  /** Quiet time after which the gap falls back to minGapMs. */
  quietMs?: number;
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (id: unknown) => void;
}

export class RescanScheduler {
  private timer: unknown = null;
  private lastRun = -Infinity;
  private lastPoke = -Infinity;
  private gap: number;
  private readonly o: Required<SchedulerOptions>;

  constructor(
    private run: () => void,
    opts: SchedulerOptions,
  ) {
    this.o = { debounceMs: 600, minGapMs: 2000, maxGapMs: 60_000, quietMs: 30_000, ...opts };
    this.gap = this.o.minGapMs;
  }

  /** A (foreign) mutation happened. */
  poke(): void {
    if (this.timer !== null) this.o.clearTimeout(this.timer);
    const now = this.o.now();
    // Quiet means no mutation for a while (not merely no scan: a long gap is not quiet).
    if (now - this.lastPoke > this.o.quietMs) this.gap = this.o.minGapMs;
    this.lastPoke = now;
    const wait = Math.max(this.o.debounceMs, this.lastRun + this.gap - now);
    this.timer = this.o.setTimeout(() => this.fire(), wait);
  }

  /** Marks a scan that happened for another reason (first scan, settings change). */
  markRun(): void {
    this.lastRun = this.o.now();
  }

  private fire(): void {
    this.timer = null;
    this.gap = Math.min(this.gap * 2, this.o.maxGapMs);
    this.lastRun = this.o.now();
    this.run();
  }

  cancel(): void {
    if (this.timer !== null) this.o.clearTimeout(this.timer);
    this.timer = null;
  }
}
