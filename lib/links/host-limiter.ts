/**
 * Runs tasks under two bounds at once: at most `perHost` tasks per host and at most `global` in all.
 * One queue, first come first served among the tasks that may start: a task waiting for a busy host
 * never holds a global slot, so a slow host cannot starve the others.
 */
export interface LimiterStats {
  /** Most tasks that ran at once, over all hosts. */
  peakGlobal: number;
  /** Most tasks that ran at once, per host. */
  peakByHost: Record<string, number>;
}

interface Waiter {
  host: string;
  start: () => void;
}

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

  /** Runs `task` once a slot for `host` is free; rejects with the signal's reason if it aborts first. */
  run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        host,
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
      this.queue.push(waiter);
      this.pump();
    });
  }

  stats(): LimiterStats {
    return { peakGlobal: this.peaks.peakGlobal, peakByHost: { ...this.peaks.peakByHost } };
  }

  private pump(): void {
    for (let i = 0; i < this.queue.length && this.active < this.global; ) {
      const w = this.queue[i];
      if ((this.byHost.get(w.host) ?? 0) < this.perHost) {
        this.queue.splice(i, 1);
        w.start();
      } else i++;
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
