/**
 * The SweepStore contract (lib/sweep/types.ts), as lib/sweep/memory-store.ts defines it by example: every store
 * (in memory, SQLite in the CLI, IndexedDB in the extension) runs these. A store is made fresh for each test.
 */
import { describe, expect, it } from 'vitest';
import type { PageResult, QueueItem, SweepStore } from '../../../lib/sweep/types';

const item = (path: string, kind: QueueItem['kind'] = 'column', extra: Partial<QueueItem> = {}): QueueItem => ({
  url: `https://www.example.gov.cn${path}`,
  kind,
  depth: kind === 'home' ? 0 : kind === 'article' ? 2 : 1,
  column: kind === 'home' ? '' : '工作动态',
  from: kind === 'home' ? '' : 'https://www.example.gov.cn/',
  ...extra,
});

const result = (it: QueueItem, extra: Partial<PageResult> = {}): PageResult => ({
  url: it.url,
  finalUrl: it.url,
  kind: it.kind,
  column: it.column,
  outcome: 'ok',
  status: 200,
  title: `页面 ${it.url}`,
  charset: 'utf-8',
  ms: 12,
  findings: [],
  ...extra,
});

const urls = (items: readonly { url: string }[]) => items.map((i) => i.url);

/** Registers the contract's tests for a store made by `make` (called once per test). */
export function storeContract(name: string, make: () => SweepStore | Promise<SweepStore>): void {
  describe(`SweepStore contract: ${name}`, () => {
    it('starts empty', async () => {
      const s = await make();
      expect(await s.pending()).toBe(0);
      expect(await s.results()).toEqual([]);
      expect(await s.take(5)).toEqual([]);
    });

    it('enqueues each URL once, within a call and across calls, and returns only what it added', async () => {
      const s = await make();
      const [a, b, c] = [item('/a/'), item('/b/'), item('/c/')];
      expect(await s.enqueue([a, b, { ...a, column: '另一个名字' }])).toEqual([a, b]);
      expect(await s.enqueue([b, c])).toEqual([c]);
      expect(await s.enqueue([])).toEqual([]);
      expect(await s.pending()).toBe(3);
    });

    it('keeps every field of an item as it was given', async () => {
      const s = await make();
      const odd = item('/x/?id=5&p=2', 'article', { column: '通知公告（2026）', from: 'https://www.example.gov.cn/tzgg/', depth: 2 });
      await s.enqueue([odd]);
      expect(await s.take(1)).toEqual([odd]);
    });

    it('takes the oldest queued items first, up to n, and marks them in flight', async () => {
      const s = await make();
      const items = ['/1', '/2', '/3', '/4', '/5'].map((p) => item(p));
      await s.enqueue(items);
      expect(urls(await s.take(2))).toEqual(urls(items.slice(0, 2)));
      expect(await s.pending()).toBe(5); // in flight counts as pending
      expect(urls(await s.take(10))).toEqual(urls(items.slice(2)));
      expect(await s.take(1)).toEqual([]);
      expect(await s.take(0)).toEqual([]);
    });

    it('ignores a URL that is in flight or done', async () => {
      const s = await make();
      const [a, b] = [item('/a/'), item('/b/')];
      await s.enqueue([a, b]);
      await s.take(2);
      await s.complete(result(a));
      expect(await s.enqueue([a, b])).toEqual([]);
      expect(await s.pending()).toBe(1);
    });

    it('completes a page: its result is stored and it leaves the frontier, in one step', async () => {
      const s = await make();
      const [a, b, c] = [item('/a/', 'home'), item('/b/'), item('/c/', 'article')];
      await s.enqueue([a, b, c]);
      await s.take(3);
      const rb = result(b, {
        columnInfo: { name: '工作动态', url: b.url, items: 8, newest: '2026-10-30', blank: false },
        findings: [
          {
            check: 'stale-column',
            category: 'stale',
            severity: 'veto',
            messageId: 'stale',
            message: '栏目“工作动态”已 23 天未更新',
            text: '工作动态',
            data: { days: 23, name: '工作动态' },
            key: 'stale-column:工作动态',
            url: b.url,
          },
        ],
      });
      const ra = result(a, { homeNewest: '2026-11-20' });
      const rc = result(c, { outcome: 'http-error', status: 404, error: 'HTTP 404', title: '', findings: [] });
      await s.complete(rb);
      await s.complete(ra);
      expect(await s.pending()).toBe(1);
      await s.complete(rc);
      expect(await s.pending()).toBe(0);
      // In the order completed, each as it was given.
      expect(await s.results()).toEqual([rb, ra, rc]);
    });

    it('puts the items in flight back at the head of the queue on requeueInFlight, oldest first', async () => {
      const s = await make();
      const items = ['/1', '/2', '/3', '/4'].map((p) => item(p));
      await s.enqueue(items);
      await s.take(2); // 1, 2 in flight
      await s.complete(result(items[0]));
      await s.enqueue([item('/5')]);
      await s.requeueInFlight();
      expect(await s.pending()).toBe(4);
      expect(urls(await s.take(10))).toEqual(['/2', '/3', '/4', '/5'].map((p) => item(p).url));
      // Nothing done is ever queued again.
      expect(urls(await s.results())).toEqual([items[0].url]);
    });

    it('requeueInFlight with nothing in flight changes nothing', async () => {
      const s = await make();
      await s.enqueue([item('/a/'), item('/b/')]);
      await s.requeueInFlight();
      expect(await s.pending()).toBe(2);
      expect(urls(await s.take(5))).toEqual([item('/a/').url, item('/b/').url]);
    });

    it('returns copies: changing what it returned changes nothing stored', async () => {
      const s = await make();
      const a = item('/a/');
      await s.enqueue([a]);
      await s.take(1);
      await s.complete(result(a));
      const first = await s.results();
      first.pop();
      expect(await s.results()).toHaveLength(1);
    });

    it('runs a whole sweep loop: each URL taken exactly once', async () => {
      const s = await make();
      await s.enqueue([item('/', 'home')]);
      const taken: string[] = [];
      for (let round = 0; round < 50; round++) {
        const next = await s.take(3);
        if (!next.length) break;
        for (const it of next) {
          taken.push(it.url);
          // Each page links to two others, some seen before.
          const n = taken.length;
          await s.enqueue([item(`/p${n % 7}`), item(`/p${(n * 3) % 11}`, 'article')]);
          await s.complete(result(it));
        }
      }
      expect(new Set(taken).size).toBe(taken.length);
      expect(urls(await s.results())).toEqual(taken);
      expect(await s.pending()).toBe(0);
    });
  });
}
