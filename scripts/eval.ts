/**
 * Detection-quality evaluation (`npm run eval`): runs every registered check, with the jieba segmenter the
 * CLI uses, over the external corpora (../shared/corpora, see scripts/corpora.ts) and prints one JSON
 * object on stdout; progress and a short summary go to stderr.
 *
 * - csc: the spelling-check test sets. Each `as written` sentence is one plain-text document. Per text
 *   category (typo, expression, both), a sentence is flagged if it has a finding of that category:
 *     tp = flagged sentences with errors, fp = flagged sentences without errors (= flaggedCorrectSentences),
 *     fn = sentences with errors not flagged.
 *   location: a flagged sentence with errors is located if a finding span overlaps a character where the
 *   written and corrected sentences differ (never when their lengths differ); location.fp counts flagged
 *   sentences that are not located (correct sentences and mislocated ones), location.fn the error sentences
 *   not located. Findings of the other categories (privacy, identity, …) are false alarms on these sentences.
 *   law.test is the blind set: only aggregate figures come out of it, never a sentence.
 *   The CSC sets test spelling (their truth ignores punctuation and digits): the groups are scored on the
 *   character checks; `typo+expression+marks` adds the mark checks (typo-punctuation, typo-number) too.
 * - dev: the development set the context checks are tuned on (scripts/devset.ts: 1998–2016 work reports,
 *   half of the sentences with one injected error, seeded), scored like a CSC set, with recall per kind.
 * - workReports: findings per 10,000 characters on the 国务院政府工作报告 and their NPC resolutions,
 *   where nearly every finding is a false positive (older reports legitimately name renamed bodies).
 * - workReportsTraditional: the 2021–2025 reports converted to traditional characters (scripts/opencc.ts,
 *   OpenCC's s2t tables): correct text as a 繁體 version of a site shows it, where every finding is a false
 *   alarm (the model is trained on simplified Chinese; the protections must keep it off such text).
 * - govPages: 100 real gov.cn pages' text with a proofreader's truth (../shared/corpora/gov_pages):
 *   findings per 10,000 characters, precision against the truth (a finding matching no entry is a false
 *   alarm until someone reviews it and adds it with its reason) and recall per kind of error.
 * - seeds: the five inspection notices (../shared/seeds, lines that PDF extraction broke joined), real
 *   government text: findings per 10,000 characters and each finding with its context, for review.
 * - ablation: per text check, the figures without it (and the check alone): sentence level on the CSC sets
 *   and the dev set (a sentence is flagged when any check flags it: the engine's one-finding-per-slip never
 *   empties a sentence, so these are exact), findings per 10,000 characters on the 2021–2025 reports and
 *   gov_pages (the engine run again without the check).
 *
 * `--no-ablation` skips the ablation rows (a quick run while tuning on the dev set).
 *
 * `--context-margin N` runs typo-context at another margin (its `margin` option, log10): the trade-off between
 * the CSC sets' recall and the false alarms on real text, measured rather than argued.
 *
 * The reference date is fixed (the checks never read the clock), so the figures depend only on the code and
 * the corpora; timingMs is the one field that varies between runs.
 */
import * as jieba from 'jieba-wasm';
import { checks } from '../lib/checks';
import { runChecks } from '../lib/engine/engine';
import { jiebaSegmenter } from '../lib/engine/segmenter';
import { textModelFromPlainText } from '../lib/text-model/from-text';
import { nodeSpeller } from '../cli/node-speller';
import { loadNodeLanguageModel } from '../cli/node-language-model';
import type { Category, Check, EngineError, Finding } from '../lib/engine/types';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CSC_SETS, corporaDir, readCscSet, readWorkReports, type CscSentence, type WorkReport } from './corpora';
import { buildDevSet, DEV_SEED, DEV_YEARS } from './devset';
import { toTraditional } from './opencc';

const TODAY = '2026-11-22';
/** Generous per-check budget: a timeout drops the check's findings and would skew the figures. */
const BUDGET_MS = 60_000;
const SAMPLE_LIMIT = 20;
/** Characters of context on each side of a sample finding. */
const SAMPLE_CONTEXT = 10;

/** Every category, in the order of lib/engine/types.ts (a Record so that a new category fails to compile here). */
const CATEGORIES = Object.keys({
  typo: 0,
  expression: 0,
  privacy: 0,
  identity: 0,
  stale: 0,
  blank: 0,
  link: 0,
  service: 0,
  interaction: 0,
  search: 0,
} satisfies Record<Category, 0>) as Category[];
const TEXT_CATEGORIES: readonly Category[] = ['typo', 'expression'];
/** The groups the CSC sets are scored for: categories, and whether the mark checks count. */
const TEXT_GROUPS: Record<string, { categories: readonly Category[]; marks: boolean }> = {
  typo: { categories: ['typo'], marks: false },
  expression: { categories: ['expression'], marks: false },
  'typo+expression': { categories: ['typo', 'expression'], marks: false },
  'typo+expression+marks': { categories: ['typo', 'expression'], marks: true },
};
const WINDOWS = [
  { name: '2021-2025', from: 2021, to: 2025 },
  { name: '2017-2020', from: 2017, to: 2020 },
] as const;
type WindowName = (typeof WINDOWS)[number]['name'];

const segmenter = jiebaSegmenter(jieba);
const languageModel = loadNodeLanguageModel();

const marginAt = process.argv.indexOf('--context-margin');
const contextMargin = marginAt > 0 ? Number(process.argv[marginAt + 1]) : undefined;
if (contextMargin !== undefined && !(contextMargin >= 0)) {
  console.error('eval: --context-margin needs a number ≥ 0 (log10 units)');
  process.exit(2);
}
const config = contextMargin === undefined ? undefined : { 'typo-context': { options: { margin: contextMargin } } };

function scan(text: string, url: string, only: readonly Check[] = checks): { findings: Finding[]; errors: EngineError[] } {
  return runChecks(textModelFromPlainText(text, url), {
    today: TODAY,
    checks: only,
    segmenter,
    languageModel,
    speller: nodeSpeller(),
    budgetMs: BUDGET_MS,
    config,
  });
}

/** The checks of the text categories, in registry order: the ablation has a row per check. */
const TEXT_CHECKS = checks.filter((c) => TEXT_CATEGORIES.includes(c.meta.category));
/** Checks of marks, digits, document numbers and amounts (GB/T 15834/15835/9704, units): the CSC sets' truth ignores them. */
const MARK_CHECKS = new Set(['typo-punctuation', 'typo-number', 'typo-doc-number', 'typo-amount-unit']);
const isCharacterCheck = (id: string) => !MARK_CHECKS.has(id);

/** For each document, which text checks flag it (each check run alone: no overlap rule between checks). */
function flagsByCheck(texts: readonly string[], label: string): Array<Set<string>> {
  return texts.map((t, i) => {
    const flagged = new Set<string>();
    for (const c of TEXT_CHECKS) if (scan(t, `${label}:${i + 1}`, [c]).findings.length) flagged.add(c.meta.id);
    return flagged;
  });
}

/** Sentence-level P/R of a set of checks from per-check flags. */
function prOf(sentences: readonly CscSentence[], flags: readonly Set<string>[], keep: (id: string) => boolean) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  sentences.forEach((s, i) => {
    const flagged = [...flags[i]].some(keep);
    if (s.hasError) flagged ? tp++ : fn++;
    else if (flagged) fp++;
  });
  return { ...prf(tp, fp, fn), tp, fp, fn };
}

/**
 * A row per text check: the sentence-level figures without it and with it alone on the CSC sets and the
 * dev set (character checks, as the bars), and the findings per 10,000 characters without it on the
 * 2021–2025 reports and gov_pages.
 */
function ablation(
  sets: Record<string, { sentences: readonly CscSentence[]; flags: readonly Set<string>[] }>,
  recent: readonly WorkReport[],
  pages: readonly GovPage[],
) {
  const reportChars = recent.reduce((n, r) => n + r.content.length, 0);
  const pageChars = pages.reduce((n, p) => n + p.text.length, 0);
  const rate = (docs: readonly string[], only: readonly Check[], chars: number) =>
    per10k(
      docs.reduce((n, t) => n + scan(t, 'ablation', only).findings.filter((f) => TEXT_CATEGORIES.includes(f.category)).length, 0),
      chars,
    );
  const rows = [];
  for (const c of [undefined, ...TEXT_CHECKS]) {
    const id = c?.meta.id;
    const without = TEXT_CHECKS.filter((x) => x !== c);
    const keep = (x: string) => x !== id && isCharacterCheck(x);
    rows.push({
      without: id ?? null,
      sets: Object.fromEntries(
        Object.entries(sets).map(([name, s]) => [
          name,
          { without: prOf(s.sentences, s.flags, keep), ...(id && { alone: prOf(s.sentences, s.flags, (x) => x === id) }) },
        ]),
      ),
      workReports2021to2025: rate(
        recent.map((r) => r.content),
        without,
        reportChars,
      ),
      govPages: rate(
        pages.map((p) => p.text),
        without,
        pageChars,
      ),
    });
  }
  return rows;
}

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const round = (x: number, digits = 4) => Number(x.toFixed(digits));
const ratio = (num: number, den: number) => (den === 0 ? null : round(num / den));

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Count of each errored check (checks that threw or ran out of budget have their findings dropped). */
function countErrors(errors: readonly EngineError[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of errors) increment(out, `${e.check}:${e.kind}`);
  return out;
}

/** Precision, recall and F1; null where the denominator is 0. */
function prf(tp: number, fp: number, fn: number) {
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : round((2 * precision * recall) / (precision + recall));
  return { precision, recall, f1 };
}

// ---------------------------------------------------------------------------------------------------------
// CSC test sets

interface ScoredSentence {
  sentence: CscSentence;
  findings: Finding[];
}

/** Whether a finding span overlaps a character where the written and corrected sentence differ. */
function located({ wrong, right }: CscSentence, findings: readonly Finding[]): boolean {
  if (wrong.length !== right.length) return false;
  return findings.some((f) => {
    if (f.start === undefined || f.end === undefined) return false;
    for (let i = f.start; i < f.end; i++) if (wrong[i] !== right[i]) return true;
    return false;
  });
}

function scoreGroup(scored: readonly ScoredSentence[], { categories, marks }: { categories: readonly Category[]; marks: boolean }) {
  if (!checks.some((c) => categories.includes(c.meta.category))) {
    return {
      precision: null,
      recall: null,
      f1: null,
      tp: null,
      fp: null,
      fn: null,
      flaggedCorrectSentences: null,
      location: null,
      note: 'no check of this category yet',
    };
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let locatedTp = 0;
  for (const { sentence, findings } of scored) {
    const hits = findings.filter((f) => categories.includes(f.category) && (marks || isCharacterCheck(f.check)));
    if (sentence.hasError) {
      if (hits.length === 0) fn++;
      else {
        tp++;
        if (located(sentence, hits)) locatedTp++;
      }
    } else if (hits.length > 0) fp++;
  }
  const errorSentences = tp + fn;
  const location = { tp: locatedTp, fp: fp + (tp - locatedTp), fn: errorSentences - locatedTp };
  return {
    ...prf(tp, fp, fn),
    tp,
    fp,
    fn,
    flaggedCorrectSentences: fp,
    location: { ...prf(location.tp, location.fp, location.fn), ...location },
  };
}

/** Per text check: sentences it flags with errors (tp) and without (fp). */
function scoreByCheck(scored: readonly ScoredSentence[]) {
  const out: Record<string, { tp: number; fp: number }> = {};
  for (const c of checks) if (TEXT_CATEGORIES.includes(c.meta.category)) out[c.meta.id] = { tp: 0, fp: 0 };
  for (const { sentence, findings } of scored) {
    for (const id of new Set(findings.map((f) => f.check))) {
      if (out[id]) out[id][sentence.hasError ? 'tp' : 'fp']++;
    }
  }
  return out;
}

/** Findings of the non-text categories (privacy, identity, …): every one is a false alarm on these sentences. */
function otherCategoryFindings(scored: readonly ScoredSentence[]) {
  const byCategory: Record<string, number> = {};
  const byCheck: Record<string, number> = {};
  let sentences = 0;
  for (const { findings } of scored) {
    const other = findings.filter((f) => !TEXT_CATEGORIES.includes(f.category));
    if (other.length > 0) sentences++;
    for (const f of other) {
      increment(byCategory, f.category);
      increment(byCheck, f.check);
    }
  }
  const total = Object.values(byCategory).reduce((a, b) => a + b, 0);
  return { total, sentences, byCategory, byCheck };
}

function evaluateCscSet(name: string, rows: readonly CscSentence[] = readCscSet(name as (typeof CSC_SETS)[number])) {
  const errors: EngineError[] = [];
  const scored = rows.map((sentence, i) => {
    const result = scan(sentence.wrong, `csc:${name}:${i + 1}`);
    errors.push(...result.errors);
    return { sentence, findings: result.findings };
  });
  const withErrors = rows.filter((r) => r.hasError).length;
  const byCategory = Object.fromEntries(Object.entries(TEXT_GROUPS).map(([group, cats]) => [group, scoreGroup(scored, cats)]));
  return {
    sentences: rows.length,
    withErrors,
    withoutErrors: rows.length - withErrors,
    /** Error rows whose two sentences differ in length: never counted as located. */
    lengthMismatches: rows.filter((r) => r.hasError && r.wrong.length !== r.right.length).length,
    byCategory,
    byCheck: scoreByCheck(scored),
    otherCategoryFindings: otherCategoryFindings(scored),
    engineErrors: countErrors(errors),
    scored,
  };
}

/** The dev set: scored like a CSC set, with recall per kind of injected error (character checks). */
function evaluateDevSet() {
  const rows = buildDevSet();
  const set = evaluateCscSet('dev', rows);
  const byKind: Record<string, { sentences: number; flagged: number; recall: number | null }> = {};
  rows.forEach((r, i) => {
    if (!r.hasError) return;
    const k = (byKind[r.kind] ??= { sentences: 0, flagged: 0, recall: null });
    k.sentences++;
    if (set.scored[i].findings.some((f) => TEXT_CATEGORIES.includes(f.category) && isCharacterCheck(f.check))) k.flagged++;
  });
  for (const k of Object.values(byKind)) k.recall = ratio(k.flagged, k.sentences);
  return { seed: DEV_SEED, years: DEV_YEARS, ...set, byKind, rows };
}

// ---------------------------------------------------------------------------------------------------------
// Real gov.cn pages with a proofreader's truth, and the notices

interface GovPage {
  url: string;
  text: string;
}
interface TruthEntry {
  url: string;
  text: string;
  right?: string;
  kind?: string;
  why: string;
  undated?: boolean;
}

/**
 * The project's own review of findings truth.json does not list (scripts/data/gov-pages-reviews.json): a
 * finding there is real or false with its reason, not unreviewed; a real one may report an error of the
 * truth at another place (`sameAs`), which then counts as found.
 */
interface Review {
  url: string;
  context: string;
  text: string;
  verdict: 'real' | 'false';
  sameAs?: string;
  why: string;
}
const REVIEWS = (JSON.parse(readFileSync(new URL('./data/gov-pages-reviews.json', import.meta.url), 'utf8')) as { entries: Review[] }).entries;

/** The review of a finding: its url, and its range over `text` inside an occurrence of `context`. */
function reviewOf(page: GovPage, f: Finding): Review | undefined {
  if (f.start === undefined || f.end === undefined) return undefined;
  return REVIEWS.find((r) => {
    if (r.url !== page.url) return false;
    for (let at = page.text.indexOf(r.context); at !== -1; at = page.text.indexOf(r.context, at + 1)) {
      const s = at + r.context.indexOf(r.text);
      if (s < f.end! && f.start! < s + r.text.length) return true;
    }
    return false;
  });
}

function readGovPages(): { pages: GovPage[]; truth: { true: TruthEntry[]; false: TruthEntry[] } } {
  const dir = join(corporaDir(), 'gov_pages');
  const pages = readFileSync(join(dir, 'pages.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as GovPage);
  return { pages, truth: JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) };
}

/** Whether a finding overlaps an occurrence of `entry.text` on the page (truth.json's matching rule). */
function matches(page: GovPage, f: Finding, entry: TruthEntry): boolean {
  if (entry.url !== page.url || f.start === undefined || f.end === undefined) return false;
  for (let at = page.text.indexOf(entry.text); at !== -1; at = page.text.indexOf(entry.text, at + 1)) {
    if (at < f.end && f.start < at + entry.text.length) return true;
  }
  return false;
}

function evaluateGovPages(pages: readonly GovPage[], truth: { true: TruthEntry[]; false: TruthEntry[] }) {
  const chars = pages.reduce((n, p) => n + p.text.length, 0);
  const found = new Set<TruthEntry>();
  let real = 0;
  let knownFalse = 0;
  let undated = 0;
  const unreviewed: Array<{ url: string; check: string; context: string }> = [];
  const byCheck: Record<string, { findings: number; real: number }> = {};
  let total = 0;
  pages.forEach((page, i) => {
    for (const f of scan(page.text, page.url || `page:${i + 1}`).findings) {
      if (!TEXT_CATEGORIES.includes(f.category)) continue;
      const c = (byCheck[f.check] ??= { findings: 0, real: 0 });
      const review = reviewOf(page, f);
      const hit = truth.true.filter((e) => matches(page, f, e) || (review?.verdict === 'real' && e.url === page.url && e.text === review.sameAs));
      const fals = truth.false.find((e) => matches(page, f, e)) ?? (review?.verdict === 'false' ? review : undefined);
      if (fals && 'undated' in fals && fals.undated) {
        undated++; // correct for the page's own date; the bars scan text without page dates (truth.json)
        continue;
      }
      total++;
      c.findings++;
      if (hit.length || review?.verdict === 'real') {
        real++;
        c.real++;
        for (const e of hit) found.add(e);
      } else if (fals) knownFalse++;
      else
        unreviewed.push({
          url: page.url,
          check: f.check,
          context: `${page.text.slice(Math.max(0, f.start! - SAMPLE_CONTEXT), f.start)}【${f.text}】${page.text.slice(f.end, f.end! + SAMPLE_CONTEXT)}`.replace(
            /\s+/g,
            ' ',
          ),
        });
    }
  });
  const kinds = [...new Set(truth.true.map((e) => e.kind ?? 'other'))];
  const recallByKind = Object.fromEntries(
    kinds.map((k) => {
      const all = truth.true.filter((e) => (e.kind ?? 'other') === k);
      const hit = all.filter((e) => found.has(e)).length;
      return [k, { errors: all.length, found: hit, recall: ratio(hit, all.length) }];
    }),
  );
  return {
    pages: pages.length,
    characters: chars,
    findings: total,
    per10kChars: per10k(total, chars),
    precision: ratio(real, total),
    real,
    knownFalse,
    unreviewed: unreviewed.length,
    undatedRenamedBodies: undated,
    errors: truth.true.length,
    found: found.size,
    recall: ratio(found.size, truth.true.length),
    recallByKind,
    missed: truth.true.filter((e) => !found.has(e)).map((e) => `${e.kind}: ${e.text} → ${e.right}`),
    byCheck,
    unreviewedFindings: unreviewed,
  };
}

/** The notices, with the lines PDF extraction broke inside a sentence joined (a break between two Chinese characters). */
function readSeeds(): Array<{ file: string; text: string }> {
  const dir = resolve(corporaDir(), '..', 'seeds');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8').replace(/(\p{Script=Han})\n+(?=\p{Script=Han})/gu, '$1') }));
}

function evaluateSeeds() {
  const seeds = readSeeds();
  const chars = seeds.reduce((n, s) => n + s.text.length, 0);
  const list: Array<{ file: string; check: string; context: string }> = [];
  for (const s of seeds) {
    for (const f of scan(s.text, `seed:${s.file}`).findings) {
      if (!TEXT_CATEGORIES.includes(f.category) || f.start === undefined) continue;
      list.push({
        file: s.file,
        check: f.check,
        context: `${s.text.slice(Math.max(0, f.start - SAMPLE_CONTEXT), f.start)}【${f.text}】${s.text.slice(f.end, f.end! + SAMPLE_CONTEXT)}`.replace(
          /\s+/g,
          ' ',
        ),
      });
    }
  }
  return { notices: seeds.length, characters: chars, findings: list.length, per10kChars: per10k(list.length, chars), list };
}

// ---------------------------------------------------------------------------------------------------------
// Work reports

interface ReportFinding {
  year: number;
  content: string;
  finding: Finding;
}

const per10k = (n: number, chars: number) => (chars === 0 ? null : round((n * 10_000) / chars, 3));

function rateTable(keys: readonly string[], counts: Record<string, number>, chars: number) {
  return Object.fromEntries(keys.map((k) => [k, { findings: counts[k] ?? 0, per10kChars: per10k(counts[k] ?? 0, chars) }]));
}

/** One sample: the flagged text with SAMPLE_CONTEXT characters either side, whitespace folded. */
function sample({ year, content, finding }: ReportFinding) {
  const { start, end } = finding;
  const fold = (s: string) => s.replace(/\s+/g, ' ');
  const context =
    start === undefined || end === undefined
      ? ''
      : fold(`${content.slice(Math.max(0, start - SAMPLE_CONTEXT), start)}【${content.slice(start, end)}】${content.slice(end, end + SAMPLE_CONTEXT)}`);
  return { check: finding.check, year, text: finding.text, context };
}

/** Up to `limit` samples, taken in turn from each check so that one noisy check does not fill the list. */
function roundRobinSamples(found: readonly ReportFinding[], limit: number) {
  const byCheck = new Map<string, ReportFinding[]>();
  for (const f of found) byCheck.set(f.finding.check, [...(byCheck.get(f.finding.check) ?? []), f]);
  const queues = [...byCheck.values()];
  const out: ReportFinding[] = [];
  for (let i = 0; out.length < limit && queues.some((q) => i < q.length); i++) {
    for (const q of queues) if (i < q.length && out.length < limit) out.push(q[i]);
  }
  return out.map(sample);
}

interface ScannedReport extends WorkReport {
  findings: Finding[];
  errors: EngineError[];
}

/** Finding counts and rates on the documents of years from…to. */
function summarizeYears(scanned: readonly ScannedReport[], from: number, to: number) {
  const docs = scanned.filter((r) => r.year >= from && r.year <= to);
  const chars = docs.reduce((n, d) => n + d.content.length, 0);
  const byCategory: Record<string, number> = {};
  const byCheck: Record<string, number> = {};
  for (const f of docs.flatMap((d) => d.findings)) {
    increment(byCategory, f.category);
    increment(byCheck, f.check);
  }
  const findings = docs.reduce((n, d) => n + d.findings.length, 0);
  return {
    years: [from, to],
    documents: docs.length,
    /** NPC resolutions on the reports, counted among the documents. */
    resolutions: docs.filter((d) => d.title.includes('决议')).length,
    characters: chars,
    findings,
    per10kChars: per10k(findings, chars),
    // Only categories with a registered check: no figure for a category nothing looks for.
    byCategory: rateTable(
      CATEGORIES.filter((cat) => checks.some((c) => c.meta.category === cat)),
      byCategory,
      chars,
    ),
    byCheck: rateTable(
      checks.map((c) => c.meta.id),
      byCheck,
      chars,
    ),
    engineErrors: countErrors(docs.flatMap((d) => d.errors)),
  };
}

function evaluateWorkReports() {
  const scanned: ScannedReport[] = readWorkReports().map((r, i) => ({ ...r, ...scan(r.content, `report:${i + 1}:${r.year}`) }));
  const years = scanned.map((r) => r.year);
  const windows = Object.fromEntries(WINDOWS.map((w) => [w.name, summarizeYears(scanned, w.from, w.to)])) as Record<
    WindowName,
    ReturnType<typeof summarizeYears>
  >;
  // Samples from the windows only, newest report first.
  const inWindows = scanned
    .filter((r) => WINDOWS.some((w) => r.year >= w.from && r.year <= w.to))
    .sort((a, b) => b.year - a.year)
    .flatMap((r) => r.findings.map((finding) => ({ year: r.year, content: r.content, finding })));
  return {
    ...windows,
    total: summarizeYears(scanned, Math.min(...years), Math.max(...years)),
    samples: roundRobinSamples(inWindows, SAMPLE_LIMIT),
  };
}

/** The 2021–2025 reports in traditional characters (see the module comment): rates and every finding's sample. */
function evaluateTraditionalReports() {
  const [from, to] = [2021, 2025];
  const scanned: ScannedReport[] = readWorkReports()
    .filter((r) => r.year >= from && r.year <= to)
    .map((r, i) => {
      const content = toTraditional(r.content);
      return { ...r, content, ...scan(content, `traditional:${i + 1}:${r.year}`) };
    });
  const found = scanned.flatMap((r) => r.findings.map((finding) => ({ year: r.year, content: r.content, finding })));
  return { ...summarizeYears(scanned, from, to), samples: roundRobinSamples(found, SAMPLE_LIMIT) };
}

// ---------------------------------------------------------------------------------------------------------

function main(): void {
  try {
    corporaDir();
  } catch (err) {
    // One line, not a stack trace: the corpora are missing, nothing is wrong with the code.
    log(`eval: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  const t0 = performance.now();
  const checksByCategory = Object.fromEntries(CATEGORIES.map((cat) => [cat, checks.filter((c) => c.meta.category === cat).map((c) => c.meta.id)]));

  const csc: Record<string, ReturnType<typeof evaluateCscSet>> = {};
  for (const name of CSC_SETS) {
    log(`eval: ${name} …`);
    csc[name] = evaluateCscSet(name);
  }
  log('eval: dev set …');
  const dev = evaluateDevSet();
  const t1 = performance.now();
  log('eval: work reports …');
  const workReports = evaluateWorkReports();
  const workReportsTraditional = evaluateTraditionalReports();
  log('eval: gov_pages and notices …');
  const { pages, truth } = readGovPages();
  const govPages = evaluateGovPages(pages, truth);
  const seeds = evaluateSeeds();
  const skipAblation = process.argv.includes('--no-ablation');
  log(skipAblation ? 'eval: ablation skipped (--no-ablation)' : 'eval: ablation (a row per text check) …');
  const flagged = skipAblation
    ? {}
    : {
        dev: {
          sentences: dev.rows,
          flags: flagsByCheck(
            dev.rows.map((r) => r.wrong),
            'dev',
          ),
        },
        ...Object.fromEntries(
          CSC_SETS.map((name) => {
            const rows = readCscSet(name);
            return [
              name,
              {
                sentences: rows,
                flags: flagsByCheck(
                  rows.map((r) => r.wrong),
                  name,
                ),
              },
            ];
          }),
        ),
      };
  const steps = skipAblation
    ? []
    : ablation(
        flagged,
        readWorkReports().filter((r) => r.year >= 2021 && r.year <= 2025),
        pages,
      );
  const t2 = performance.now();

  // Internal fields (every sentence's findings) stay out of the printed object; law.test's never leave it.
  const strip = <T extends { scored: unknown }>({ scored: _scored, ...rest }: T) => rest;
  const result = {
    today: TODAY,
    checks: checksByCategory,
    csc: Object.fromEntries(Object.entries(csc).map(([k, v]) => [k, strip(v)])),
    dev: { ...strip(dev), rows: undefined },
    workReports,
    workReportsTraditional,
    govPages,
    seeds,
    ablation: steps,
    timingMs: { csc: Math.round(t1 - t0), rest: Math.round(t2 - t1), total: Math.round(t2 - t0) },
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);

  // Human summary (stderr only, so stdout stays one JSON object).
  for (const [name, set] of [...Object.entries(csc), ['dev', dev] as const]) {
    for (const [group, s] of Object.entries(set.byCategory)) {
      log(
        s.tp === null
          ? `${name} ${group}: ${s.note}`
          : `${name} ${group}: P=${s.precision} R=${s.recall} F1=${s.f1} (tp ${s.tp}, fp ${s.fp}, fn ${s.fn}); located F1=${s.location?.f1}`,
      );
    }
    if (set.otherCategoryFindings.total > 0) log(`${name}: ${set.otherCategoryFindings.total} privacy/identity/… false alarms`);
  }
  log(
    `dev recall by kind: ${Object.entries(dev.byKind)
      .map(([k, v]) => `${k} ${v.flagged}/${v.sentences}`)
      .join(', ')}`,
  );
  log(
    `gov_pages: ${govPages.findings} findings, ${govPages.per10kChars} per 10,000 characters, precision ${govPages.precision} (${govPages.real} real, ${govPages.knownFalse} known false, ${govPages.unreviewed} unreviewed), recall ${govPages.found}/${govPages.errors}: ${Object.entries(
      govPages.recallByKind,
    )
      .map(([k, v]) => `${k} ${v.found}/${v.errors}`)
      .join(', ')}`,
  );
  log(`notices: ${seeds.findings} findings, ${seeds.per10kChars} per 10,000 characters`);
  for (const row of steps) {
    const f = (x: { precision: number | null; recall: number | null }) => `P=${x.precision} R=${x.recall}`;
    log(
      `ablation ${row.without ? `-${row.without}` : 'all'}: ${Object.entries(row.sets)
        .map(([n, v]) => `${n.replace('.test', '').replace('simplified_test2015.txt', 'sighan')} ${f(v.without)}`)
        .join(' | ')} | reports ${row.workReports2021to2025} | gov ${row.govPages}`,
    );
  }
  for (const w of WINDOWS) log(`work reports ${w.name}: ${workReports[w.name].findings} findings, ${workReports[w.name].per10kChars} per 10,000 characters`);
  log(
    `work reports 2021-2025 in traditional characters: ${workReportsTraditional.findings} findings, ${workReportsTraditional.per10kChars} per 10,000 characters`,
  );
  const errored = [...Object.values(csc).map((s) => s.engineErrors), workReports.total.engineErrors].flatMap((e) => Object.keys(e));
  if (errored.length > 0) log(`eval: WARNING: checks failed and their findings were dropped: ${[...new Set(errored)].join(', ')}`);
}

main();
