/** Shared fixtures of the database tests: a fresh in-memory database per test, and findings to record. */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { GovReviewDb } from '../../../lib/db/schema';
import type { Finding } from '../../../lib/engine/types';

/** A fixed clock that ticks one second per call, so timestamps are deterministic but ordered. */
export function fakeClock(start = Date.UTC(2026, 10, 20, 8, 0, 0)): () => number {
  let t = start - 1000;
  return () => (t += 1000);
}

/** A new database over its own fake IndexedDB (no state shared between tests). */
export function makeDb(now = fakeClock(), indexedDB = new IDBFactory()): GovReviewDb {
  return new GovReviewDb('govreview-test', { indexedDB, IDBKeyRange, now });
}

/** A typo finding at text[10, 12) of a page; override any field. */
export function typoFinding(overrides: Partial<Finding> = {}): Finding {
  const start = overrides.start ?? 10;
  const end = overrides.end ?? 12;
  const text = overrides.text ?? '既使';
  return {
    check: 'typo-word-pair',
    category: 'typo',
    severity: 'deduct',
    messageId: 'wrong',
    data: { wrong: text, right: '即使' },
    message: `“${text}”应为“即使”`,
    text,
    suggestion: '即使',
    start,
    end,
    anchor: { quote: text, prefix: '本次会议强调，', suffix: '困难再大也要', start, end },
    url: 'https://www.lincang.gov.cn/news/1.html',
    ...overrides,
  };
}

/** A page-level finding of the footer identification check (no range, no text). */
export function identificationFinding(kind: string): Finding {
  return {
    check: 'site-identification',
    category: 'identity',
    severity: 'deduct',
    messageId: 'missing',
    data: { item: kind },
    message: `页面底部缺少${kind}`,
    text: '',
    kind,
    url: 'https://www.lincang.gov.cn/news/1.html',
  };
}
