/**
 * Bars on the external corpora (../shared/corpora, or $GOVREVIEW_CORPORA): the recent government work
 * reports are authoritative official text, so no privacy or identification finding may fire on them; and the
 * corpus readers that `npm run eval` relies on parse the test sets. A missing corpora directory fails these
 * tests (with the reader's message) rather than skipping them: a skipped bar measures nothing.
 */
import { describe, expect, it } from 'vitest';
import * as jieba from 'jieba-wasm';
import { checks } from '../../lib/checks';
import { runChecks } from '../../lib/engine/engine';
import { jiebaSegmenter } from '../../lib/engine/segmenter';
import { textModelFromPlainText } from '../../lib/text-model/from-text';
import type { Category } from '../../lib/engine/types';
import { readCscSet, readWorkReports } from '../../scripts/corpora';

const FORBIDDEN: readonly Category[] = ['privacy', 'identity'];

describe('government work reports 2021–2025', () => {
  it('get no privacy or identification finding from any registered check', () => {
    const reports = readWorkReports().filter((r) => r.year >= 2021 && r.year <= 2025);
    expect(reports.length).toBeGreaterThan(0);
    const segmenter = jiebaSegmenter(jieba);
    const offending: { year: number; check: string; text: string }[] = [];
    for (const [i, r] of reports.entries()) {
      // A large budget: a check that threw or timed out would have its findings dropped, so errors fail too.
      const result = runChecks(textModelFromPlainText(r.content, `report:${i}:${r.year}`), { today: '2026-11-22', checks, segmenter, budgetMs: 60_000 });
      expect(result.errors).toEqual([]);
      for (const f of result.findings) if (FORBIDDEN.includes(f.category)) offending.push({ year: r.year, check: f.check, text: f.text });
    }
    expect(offending).toEqual([]);
  }, 120_000);
});

describe('corpus readers', () => {
  it('parse odw.test into sentences with and without errors', () => {
    const rows = readCscSet('odw.test');
    expect(rows.length).toBeGreaterThan(400);
    expect(rows.some((r) => r.hasError)).toBe(true);
    expect(rows.some((r) => !r.hasError)).toBe(true);
    // A row without errors is its own correction.
    expect(rows.filter((r) => !r.hasError).every((r) => r.wrong === r.right)).toBe(true);
  });

  it('parse law.test (the blind set: only its row count is checked)', () => {
    expect(readCscSet('law.test').length).toBeGreaterThan(400);
  });
});
