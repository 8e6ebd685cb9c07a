import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../lib/links/retry-after';

const NOW = Date.UTC(2026, 10, 23, 8, 0, 0);

describe('parseRetryAfter', () => {
  it.each([
    ['1', 1000],
    ['0', 0],
    [' 120 ', 120_000],
    ['Mon, 23 Nov 2026 08:00:05 GMT', 5000], // IMF-fixdate
    ['Monday, 23-Nov-26 08:00:30 GMT', 30_000], // obsolete RFC 850 form
    ['Mon, 23 Nov 2026 07:59:00 GMT', 0], // in the past: no wait
    [null, undefined],
    ['', undefined],
    ['-3', undefined],
    ['1.5', undefined],
    ['soon', undefined],
  ])('%s → %s', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });
});
