/**
 * 全站巡检 in the database: the sweeps of a round and a SweepStore over IndexedDB (Dexie), so that a sweep the
 * background runs survives a stopped service worker, a closed browser or a crash, and continues where it stopped.
 * Each store method is one read-write transaction.
 */
import type { GovReviewDb } from './schema';
import type { SweepPageRow } from './records';
import type { PageResult, QueueItem, SweepStore } from '../sweep/types';

/** The SweepStore of one sweep, over the database. */
export class DexieSweepStore implements SweepStore {
  constructor(
    private readonly db: GovReviewDb,
    private readonly sweepId: number,
  ) {}

  async enqueue(items: readonly QueueItem[]): Promise<QueueItem[]> {
    return this.db.transaction('rw', this.db.sweepPages, async () => {
      const added: QueueItem[] = [];
      const seen = new Set<string>();
      for (const item of items) {
        if (seen.has(item.url)) continue;
        seen.add(item.url);
        const exists = await this.db.sweepPages.where('[sweepId+url]').equals([this.sweepId, item.url]).count();
        if (exists) continue;
        await this.db.sweepPages.add({ sweepId: this.sweepId, url: item.url, state: 'queued', item } as SweepPageRow);
        added.push(item);
      }
      return added;
    });
  }

  async take(n: number): Promise<QueueItem[]> {
    if (n <= 0) return [];
    return this.db.transaction('rw', this.db.sweepPages, async () => {
      const rows = await this.db.sweepPages.where('[sweepId+state]').equals([this.sweepId, 'queued']).limit(n).toArray();
      rows.sort((a, b) => a.seq - b.seq);
      await this.db.sweepPages.bulkPut(rows.map((r) => ({ ...r, state: 'inflight' as const })));
      return rows.map((r) => r.item);
    });
  }

  async complete(result: PageResult): Promise<void> {
    await this.db.transaction('rw', this.db.sweepPages, async () => {
      const row = await this.db.sweepPages.where('[sweepId+url]').equals([this.sweepId, result.url]).first();
      const doneOrder = (await this.db.sweepPages.where('[sweepId+state]').equals([this.sweepId, 'done']).count()) + 1;
      if (row) await this.db.sweepPages.put({ ...row, state: 'done', result, doneOrder });
      else
        await this.db.sweepPages.add({
          sweepId: this.sweepId,
          url: result.url,
          state: 'done',
          item: { url: result.url, kind: result.kind, depth: 0, column: result.column, from: '' },
          result,
          doneOrder,
        } as SweepPageRow);
    });
  }

  async requeueInFlight(): Promise<void> {
    await this.db.sweepPages.where('[sweepId+state]').equals([this.sweepId, 'inflight']).modify({ state: 'queued' });
  }

  async pending(): Promise<number> {
    const [q, f] = await Promise.all([
      this.db.sweepPages.where('[sweepId+state]').equals([this.sweepId, 'queued']).count(),
      this.db.sweepPages.where('[sweepId+state]').equals([this.sweepId, 'inflight']).count(),
    ]);
    return q + f;
  }

  async results(): Promise<PageResult[]> {
    const rows = await this.db.sweepPages.where('[sweepId+state]').equals([this.sweepId, 'done']).toArray();
    return rows.sort((a, b) => (a.doneOrder ?? 0) - (b.doneOrder ?? 0)).flatMap((r) => (r.result ? [r.result] : []));
  }
}
