/**
 * Keeps the background service worker alive for a while after the reviewer's last page. Chrome stops an
 * idle extension worker after 30 s, and the next page then waits for the worker to start again and for the
 * language model and jieba to load (context.html: all nine slips 1.1 s after navigation instead of 0.1 s,
 * `npm run bench`). A reviewer reads a page for longer than that, so without this nearly every page was a
 * cold one. Each scan of a page `touch`es it; while the last touch is less than `forMs` old, `ping` (an
 * extension API call, which resets Chrome's idle timer: the rule recheck and sweep already rely on) runs
 * every `everyMs`; then it stops, and Chrome stops the worker and frees the model's memory as before.
 */

/** How long the worker stays warm after the last page scan: a page read for longer pays the cold start, as before. */
export const WARM_FOR_MS = 5 * 60_000;
/** How often the ping runs while warm: well inside Chrome's 30 s idle limit. */
export const PING_EVERY_MS = 20_000;

export interface KeepWarmClock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realClock: KeepWarmClock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export class KeepWarm {
  private timer: unknown;
  private until = 0;

  constructor(
    private readonly ping: () => void,
    private readonly forMs = WARM_FOR_MS,
    private readonly everyMs = PING_EVERY_MS,
    private readonly clock: KeepWarmClock = realClock,
  ) {}

  /** A page was scanned: stay warm for `forMs` from now (one timer, however many pages). */
  touch(): void {
    this.until = this.clock.now() + this.forMs;
    if (this.timer === undefined) this.timer = this.clock.setInterval(() => this.tick(), this.everyMs);
  }

  /** Whether the pings are running. */
  get warm(): boolean {
    return this.timer !== undefined;
  }

  private tick(): void {
    if (this.clock.now() >= this.until) {
      this.clock.clearInterval(this.timer);
      this.timer = undefined;
      return;
    }
    this.ping();
  }
}
