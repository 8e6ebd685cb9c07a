/**
 * The extension's sweep store (IndexedDB through Dexie, over fake-indexeddb here) keeps the same contract as the
 * memory and SQLite stores, and two sweeps in one database stay apart.
 */
import { describe, expect, it } from 'vitest';
import { DexieSweepStore } from '../../../lib/db/sweep-store';
import type { PageResult } from '../../../lib/sweep/types';
import { storeContract } from '../sweep/store-contract';
import { makeDb } from './fixtures';

let next = 0;
storeContract('DexieSweepStore', () => new DexieSweepStore(makeDb(), ++next));

const page = (url: string): PageResult => ({ url, finalUrl: url, kind: 'column', column: '', outcome: 'ok', title: '', ms: 1, findings: [] });

describe('DexieSweepStore', () => {
  it('keeps two sweeps of one database apart, and survives reopening the database', async () => {
    const db = makeDb();
    const a = new DexieSweepStore(db, 1);
    const b = new DexieSweepStore(db, 2);
    const item = { url: 'https://x.gov.cn/a/', kind: 'column' as const, depth: 1, column: '甲', from: '' };
    expect(await a.enqueue([item])).toHaveLength(1);
    expect(await b.enqueue([item])).toHaveLength(1); // another sweep: not seen there
    expect(await a.take(5)).toEqual([item]);
    await a.complete(page(item.url));
    expect((await a.results()).map((r) => r.url)).toEqual([item.url]);
    expect(await b.results()).toEqual([]);
    expect(await b.pending()).toBe(1);
    db.close();
    await db.open();
    const again = new DexieSweepStore(db, 1);
    expect((await again.results()).map((r) => r.url)).toEqual([item.url]);
    expect(await again.enqueue([item])).toEqual([]); // done before: not queued again
  });
});
