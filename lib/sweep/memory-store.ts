import type { PageResult, QueueItem, SweepStore } from './types';

/**
 * A sweep store in memory: for tests, and for a one-off CLI run that need not survive a kill. Behaves as the
 * durable stores do (a URL is taken once; in-flight items go back to the queue on requeueInFlight).
 */
export class MemoryStore implements SweepStore {
  private readonly queue: QueueItem[] = [];
  private readonly inFlight = new Map<string, QueueItem>();
  private readonly seen = new Set<string>();
  private readonly done: PageResult[] = [];

  async enqueue(items: readonly QueueItem[]): Promise<QueueItem[]> {
    const added: QueueItem[] = [];
    for (const item of items) {
      if (this.seen.has(item.url)) continue;
      this.seen.add(item.url);
      this.queue.push(item);
      added.push(item);
    }
    return added;
  }

  async take(n: number): Promise<QueueItem[]> {
    const out = this.queue.splice(0, Math.max(0, n));
    for (const item of out) this.inFlight.set(item.url, item);
    return out;
  }

  async complete(result: PageResult): Promise<void> {
    this.inFlight.delete(result.url);
    this.done.push(result);
  }

  async requeueInFlight(): Promise<void> {
    this.queue.unshift(...this.inFlight.values());
    this.inFlight.clear();
  }

  async pending(): Promise<number> {
    return this.queue.length + this.inFlight.size;
  }

  async results(): Promise<PageResult[]> {
    return [...this.done];
  }
}
