/**
 * Runs tasks under two bounds at once: at most `perHost` tasks per host and at most `global` in all.
 * One queue: whenever a slot is free, the task of highest priority among those that may start goes
 * (first come first served among equals; a task's priority is asked afresh each time, so it may change
 * while the task waits). A task waiting for a busy host never holds a global slot, so a slow host cannot
 * starve the others.
 */
export interface LimiterStats {
  /** Most tasks that ran at once, over all hosts. */
  peakGlobal: number;
  /** Most tasks that ran at once, per host. */
  peakByHost: Record<string, number>;
}

interface Waiter {
  host: string;
  priority?: () => number;
  start: () => void;
}

/** Runs tasks with at most `perHost` in flight per host and `global` in all, the waiting task of highest priority first. */
export class HostLimiter {
  private active = 0;
  private readonly byHost = new Map<string, number>();
  private readonly queue: Waiter[] = [];
  private readonly peaks: LimiterStats = { peakGlobal: 0, peakByHost: {} };

  constructor(
    readonly perHost: number,
    readonly global: number,
  ) {
    if (!(perHost >= 1) || !(global >= 1)) throw new RangeError('HostLimiter bounds must be at least 1');
  }

  /**
   * Runs `task` once a slot for `host` is free and no waiting task that may start has a higher priority
   * (default 0); rejects with the signal's reason if it aborts first.
   */
  run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal, priority?: () => number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        host,
        priority,
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          this.take(host);
          // Through a promise, so a task that throws synchronously still releases its slot.
          Promise.resolve()
            .then(task)
            .then(resolve, reject)
            .finally(() => this.release(host));
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // Every waiting task is held back by a full host or the global bound (pump leaves none that may
      // start), so a new task either starts at once or waits: no need to rank the queue here.
      if (this.mayStart(host)) waiter.start();
      else this.queue.push(waiter);
    });
  }

  stats(): LimiterStats {
    return { peakGlobal: this.peaks.peakGlobal, peakByHost: { ...this.peaks.peakByHost } };
  }

  private mayStart(host: string): boolean {
    return this.active < this.global && (this.byHost.get(host) ?? 0) < this.perHost;
  }

  private pump(): void {
    while (this.active < this.global) {
      let best = -1;
      let bestPriority = 0;
      // Tasks often share one priority function (the links of a directory): ask each once per pick.
      const asked = new Map<() => number, number>();
      for (let i = 0; i < this.queue.length; i++) {
        const w = this.queue[i];
        if (!this.mayStart(w.host)) continue;
        let p = 0;
        if (w.priority) {
          p = asked.get(w.priority) ?? w.priority();
          asked.set(w.priority, p);
        }
        if (best < 0 || p > bestPriority) {
          best = i;
          bestPriority = p;
        }
      }
      if (best < 0) return;
      this.queue.splice(best, 1)[0].start();
    }
  }

  private take(host: string): void {
    const n = (this.byHost.get(host) ?? 0) + 1;
    this.byHost.set(host, n);
    this.active++;
    this.peaks.peakGlobal = Math.max(this.peaks.peakGlobal, this.active);
    this.peaks.peakByHost[host] = Math.max(this.peaks.peakByHost[host] ?? 0, n);
  }

  private release(host: string): void {
    const n = (this.byHost.get(host) ?? 1) - 1;
    if (n === 0) this.byHost.delete(host);
    else this.byHost.set(host, n);
    this.active--;
    this.pump();
  }
}
