/**
 * A RuleTester for GovReview checks, after ESLint's and textlint's: a check is tested by two tables, `valid`
 * (text on which it reports nothing) and `invalid` (text with the findings it must report, in document order).
 * One shared set-up for what checks need (jieba, the language model, the English dictionary), loaded once per
 * test file and only when the tester is asked for it. Each case is one test, named by its `name` or text.
 *
 *   ruleTester(check, { segmenter: true }).run({
 *     valid: ['紧密团结在以习近平同志为核心的党中央周围', { text: '…', date: '2015-03-05' }],
 *     invalid: [{ text: '以习近平总书记为核心的党中央', errors: [{ messageId: 'variant', text: '…', suggestion: '…' }] }],
 *   });
 *
 * Besides the tables, every finding of an invalid case is checked for what holds for all checks: its
 * messageId is declared in meta.messages, its message has no unfilled {{placeholder}}, its range (when it
 * has one) slices to its text, and it names the check and its category.
 *
 * An expected finding lists only what it pins: a field given as `undefined` must be absent (`suggestion:
 * undefined`: no suggestion; `start: undefined`: a page-level finding); `data` and `anchor` match as subsets;
 * `messageMatches` is a pattern for the message; `at` places a finding on a page built from HTML, whose
 * offsets are not written by hand ('first', 'last' or the 'only' occurrence of its text in the page's text).
 * A case built otherwise (from HTML, not on the top frame …) gives `model`; the shared segmenter and language
 * model are exported (sharedSegmenter, sharedLanguageModel) for the tests that are not tables.
 */
import * as jieba from 'jieba-wasm';
import { describe, expect, it } from 'vitest';
import { loadNodeLanguageModel } from '../../../cli/node-language-model';
import { nodeSpeller } from '../../../cli/node-speller';
import { runChecks } from '../../../lib/engine/engine';
import type { LanguageModel } from '../../../lib/lm/model';
import { jiebaSegmenter } from '../../../lib/engine/segmenter';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import type { Check, Finding, Segmenter, Speller, TextModel } from '../../../lib/engine/types';

/** The review date the tables are written against, unless a case or the tester says otherwise. */
export const RULE_TESTER_TODAY = '2026-11-22';

export interface TesterOptions {
  /** Give the check jieba (the Node build), as the CLI and the background do; or a segmenter of the test's own. */
  segmenter?: boolean | Segmenter;
  /** Give the check the language model (lib/data/lm/zh-lm.bin, loaded once per file). */
  languageModel?: boolean;
  /** Give the check the English dictionary. */
  speller?: boolean;
  /** The review date (default RULE_TESTER_TODAY). */
  today?: string;
  /** Options for the check, merged over its defaults, for every case. */
  options?: Record<string, unknown>;
}

export interface ValidCase {
  /** The test's name (default: the text). */
  name?: string;
  text: string;
  /** The page's publish date (YYYY-MM-DD): dated rules read it. */
  date?: string;
  /** The review date of this case. */
  today?: string;
  options?: Record<string, unknown>;
  /** A page built otherwise (from HTML, with a footer …); `text` then only names the case. */
  model?: () => TextModel;
}

/** What a finding must be: any of its fields; `text` and `start` pin its place. */
export type ExpectedFinding = Partial<Pick<Finding, 'messageId' | 'text' | 'suggestion' | 'severity' | 'kind' | 'start' | 'end' | 'message'>> & {
  /** Substrings the message must contain. */
  messageContains?: string | string[];
  /** A pattern the message must match. */
  messageMatches?: RegExp;
  /** The finding's data, as a subset. */
  data?: Record<string, unknown>;
  /** The finding's anchor, as a subset (or undefined: it has none). */
  anchor?: Partial<NonNullable<Finding['anchor']>>;
  /** Its range is the first, the last or the only occurrence of `text` in the page's text. */
  at?: 'first' | 'last' | 'only';
};

export interface InvalidCase extends ValidCase {
  /** The findings, in document order: their number must match. */
  errors: ExpectedFinding[];
}

let segmenter: Segmenter | undefined;
let model: LanguageModel | undefined;
let speller: Speller | undefined;

/** The jieba segmenter the tester gives checks (built once per test file). */
export function sharedSegmenter(): Segmenter {
  segmenter ??= jiebaSegmenter(jieba);
  return segmenter;
}

/** The language model the tester gives checks (loaded once per test file). */
export function sharedLanguageModel(): LanguageModel {
  model ??= loadNodeLanguageModel();
  return model;
}

function hostFor(opts: TesterOptions) {
  if (opts.speller) speller ??= nodeSpeller();
  return {
    segmenter: opts.segmenter === true ? sharedSegmenter() : opts.segmenter || undefined,
    languageModel: opts.languageModel ? sharedLanguageModel() : undefined,
    speller: opts.speller ? speller : undefined,
  };
}

const nameOf = (c: string | ValidCase) => (typeof c === 'string' ? c : (c.name ?? c.text)).replace(/\n/g, '⏎').slice(0, 80);

export interface RuleTester {
  /** Scans one case with the check alone; engine errors fail the test. */
  scan(c: string | ValidCase): Finding[];
  /** One test per case of each table, in a describe block named after the check. */
  run(tables: { valid?: Array<string | ValidCase>; invalid?: InvalidCase[] }): void;
}

export function ruleTester(check: Check, opts: TesterOptions = {}): RuleTester {
  const scan = (c: string | ValidCase): Finding[] => scanIn(c).findings;
  const scanIn = (c: string | ValidCase): { findings: Finding[]; text: string } => {
    const k: ValidCase = typeof c === 'string' ? { text: c } : c;
    const m = k.model ? k.model() : textModelFromPlainText(k.text, 'test://rule-tester');
    if (k.date) m.publishDate = { date: k.date, start: 0, end: 0 };
    const options = { ...opts.options, ...k.options };
    const result = runChecks(m, {
      today: k.today ?? opts.today ?? RULE_TESTER_TODAY,
      checks: [check],
      ...hostFor(opts),
      config: Object.keys(options).length ? { [check.meta.id]: { options } } : undefined,
    });
    expect(result.errors).toEqual([]);
    for (const f of result.findings) {
      expect(f.check).toBe(check.meta.id);
      expect(f.category).toBe(check.meta.category);
      expect(Object.keys(check.meta.messages)).toContain(f.messageId);
      expect(f.message).not.toMatch(/\{\{\w+\}\}/);
      if (f.start !== undefined && f.end !== undefined) expect(m.text.slice(f.start, f.end)).toBe(f.text);
    }
    return { findings: result.findings, text: m.text };
  };

  const run = (tables: { valid?: Array<string | ValidCase>; invalid?: InvalidCase[] }) => {
    describe(`${check.meta.id} (RuleTester)`, () => {
      for (const c of tables.valid ?? []) {
        it(`valid: ${nameOf(c)}`, () => {
          expect(scan(c).map((f) => [f.messageId, f.text, f.suggestion ?? ''])).toEqual([]);
        });
      }
      for (const c of tables.invalid ?? []) {
        it(`invalid: ${nameOf(c)}`, () => {
          const { findings: found, text } = scanIn(c);
          expect(found.map((f) => [f.messageId, f.text])).toHaveLength(c.errors.length);
          c.errors.forEach((want, i) => {
            const { messageContains, messageMatches, at, ...fields } = want;
            const absent = Object.keys(fields).filter((k) => fields[k as keyof typeof fields] === undefined);
            for (const k of absent) {
              expect(found[i][k as keyof Finding], `${k} of finding ${i}`).toBeUndefined();
              delete fields[k as keyof typeof fields];
            }
            expect(found[i]).toMatchObject(fields);
            for (const s of [messageContains ?? []].flat()) expect(found[i].message).toContain(s);
            if (messageMatches) expect(found[i].message).toMatch(messageMatches);
            if (want.text !== undefined && want.start !== undefined && want.end === undefined) expect(found[i].end).toBe(want.start + want.text.length);
            if (at && want.text !== undefined) {
              const first = text.indexOf(want.text);
              const last = text.lastIndexOf(want.text);
              expect(first, `“${want.text}” in the page's text`).toBeGreaterThanOrEqual(0);
              if (at === 'only') expect(last, `“${want.text}” once in the page's text`).toBe(first);
              const start = at === 'last' ? last : first;
              expect([found[i].start, found[i].end]).toEqual([start, start + want.text.length]);
            }
          });
        });
      }
    });
  };

  return { scan, run };
}

/**
 * A simplified paragraph long enough that a traditional paragraph after it leaves the page simplified (under 5 % traditional):
 * the page is read as written, and only that paragraph is locked (lib/lm/protect.ts).
 */
/**
 * The typo and expression findings of every check on a text, as the extension and the CLI run them (jieba, the
 * model, the English dictionary).
 */
export function textFindings(text: string, today: string, checks: readonly Check[]): Finding[] {
  return runChecks(textModelFromPlainText(text, 'sentence'), {
    today,
    checks,
    segmenter: sharedSegmenter(),
    languageModel: sharedLanguageModel(),
    speller: nodeSpeller(),
    budgetMs: 60_000,
  }).findings.filter((f) => f.category === 'typo' || f.category === 'expression');
}

export const SIMPLIFIED_PAGE = '我们要坚持以人民为中心的发展思想，扎实推进各项工作，不断增强人民群众的获得感、幸福感、安全感。'.repeat(10);
