/**
 * Precision figures of the punctuation and number checks (`npx tsx scripts/eval-punctuation.ts`): runs
 * typo-punctuation and typo-number alone over the external corpora (../shared/corpora, see scripts/corpora.ts)
 * and prints, on stdout,
 * - the 国务院政府工作报告: findings per check for 2017–2025 (authoritative text: each is a false alarm to
 *   read) and for all years, with every 2017–2025 finding in context;
 * - gov_pages (the development set): findings per check, every finding in context with its verdict against
 *   truth.json (a real error, a reviewed false alarm, or unreviewed), and which truth entries of kind
 *   punctuation and number (and the 2O20年 typo) are found;
 * - the CSC test sets: findings and flagged sentences per check, as counts only (law.test is the blind set;
 *   no sentence of any CSC set is printed, and none may shape a rule).
 * The checks need no segmenter; the reference date is fixed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChecks } from '../lib/engine/engine';
import typoNumber from '../lib/checks/typo-number';
import typoPunctuation from '../lib/checks/typo-punctuation';
import { textModelFromPlainText } from '../lib/text-model/from-text';
import type { Check, Finding } from '../lib/engine/types';
import { CSC_SETS, corporaDir, readCscSet, readWorkReports } from './corpora';

const TODAY = '2026-12-05';
const CHECKS: readonly Check[] = [typoPunctuation, typoNumber];
const CONTEXT = 20;

interface TruthEntry {
  url: string;
  text: string;
  right?: string;
  kind?: string;
  why: string;
}
interface Page {
  url: string;
  title: string;
  text: string;
}

function scan(text: string, url: string): Finding[] {
  const { findings, errors } = runChecks(textModelFromPlainText(text, url), { today: TODAY, checks: CHECKS, budgetMs: 60_000 });
  if (errors.length) throw new Error(`${url}: ${errors.map((e) => `${e.check} ${e.kind}: ${e.message}`).join('; ')}`);
  return findings;
}

const perCheck = (findings: Finding[]) => Object.fromEntries(CHECKS.map((c) => [c.meta.id, findings.filter((f) => f.check === c.meta.id).length]));

/** The finding in its context on one line, the flagged text in [brackets]. */
function inContext(text: string, f: Finding): string {
  const s = f.start ?? 0;
  const e = f.end ?? s;
  return `${text.slice(Math.max(0, s - CONTEXT), s)}[${text.slice(s, e)}]${text.slice(e, e + CONTEXT)}`.replace(/\n/g, '⏎');
}

/** Ranges of every occurrence of `needle` in `text`. */
function occurrences(text: string, needle: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) out.push([i, i + needle.length]);
  return out;
}
const overlaps = (f: Finding, [s, e]: [number, number]) => f.start !== undefined && f.end !== undefined && f.start < e && f.end > s;
/** The line (paragraph) an offset lies on. */
const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length - 1;

function workReports(): void {
  const reports = readWorkReports();
  const recent = reports.filter((r) => r.year >= 2017 && r.year <= 2025);
  const all: Finding[] = [];
  const recentFindings: Array<{ year: number; text: string; f: Finding }> = [];
  for (const r of reports) {
    const found = scan(r.content, `report:${r.year}`);
    all.push(...found);
    if (r.year >= 2017 && r.year <= 2025) for (const f of found) recentFindings.push({ year: r.year, text: r.content, f });
  }
  const chars = recent.reduce((n, r) => n + r.content.length, 0);
  console.log(
    `\n## 国务院政府工作报告\n2017–2025: ${recent.length} documents, ${chars} characters; findings ${JSON.stringify(perCheck(recentFindings.map((x) => x.f)))}`,
  );
  console.log(`all years (${reports.length} documents): findings ${JSON.stringify(perCheck(all))}`);
  for (const { year, text, f } of recentFindings) console.log(`  ${year} ${f.check} ${f.messageId}: ${inContext(text, f)} — ${f.message}`);
  const older = all.length - recentFindings.length;
  if (older) {
    console.log(`  before 2017 (${older}):`);
    for (const r of reports.filter((x) => x.year < 2017))
      for (const f of scan(r.content, `report:${r.year}`)) console.log(`  ${r.year} ${f.check} ${f.messageId}: ${inContext(r.content, f)}`);
  }
}

function govPages(): void {
  const dir = join(corporaDir(), 'gov_pages');
  const pages: Page[] = readFileSync(join(dir, 'pages.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Page);
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as { true: TruthEntry[]; false: TruthEntry[] };
  const chars = pages.reduce((n, p) => n + p.text.length, 0);
  const byUrl = new Map<string, { page: Page; findings: Finding[] }>();
  for (const page of pages) byUrl.set(page.url, { page, findings: scan(page.text, page.url) });
  const findings = [...byUrl.values()].flatMap((x) => x.findings);

  console.log(`\n## gov_pages (development set)\n${pages.length} pages, ${chars} characters; findings ${JSON.stringify(perCheck(findings))}`);
  const verdicts = { real: 0, reviewedFalse: 0, unreviewed: 0 };
  for (const { page, findings: own } of byUrl.values()) {
    for (const f of own) {
      const real = truth.true.find((t) => t.url === page.url && occurrences(page.text, t.text).some((r) => overlaps(f, r)));
      const known = truth.false.find((t) => t.url === page.url && occurrences(page.text, t.text).some((r) => overlaps(f, r)));
      // A paired mark is flagged where it stands, which may be elsewhere in the paragraph than the entry's string
      // (an unclosed “ is flagged where it opens; the entry names where the ” is missing).
      const line = f.start === undefined ? -1 : lineOf(page.text, f.start);
      const sameParagraph =
        real || known
          ? undefined
          : truth.true.find(
              (t) =>
                t.url === page.url &&
                (t.kind === 'punctuation' || t.kind === 'number') &&
                occurrences(page.text, t.text).some(([s]) => lineOf(page.text, s) === line),
            );
      const verdict = real
        ? `REAL (${real.kind}: ${real.text} → ${real.right})`
        : known
          ? `REVIEWED FALSE ALARM (${known.why})`
          : sameParagraph
            ? `REAL, SAME PARAGRAPH (${sameParagraph.kind}: ${sameParagraph.text} → ${sameParagraph.right})`
            : 'UNREVIEWED';
      verdicts[real || sameParagraph ? 'real' : known ? 'reviewedFalse' : 'unreviewed']++;
      console.log(
        `  ${f.check} ${f.messageId}: ${inContext(page.text, f)}\n    ${f.message}${f.suggestion ? ` → ${f.suggestion}` : ''}\n    ${page.url}\n    ${verdict}`,
      );
    }
  }
  console.log(`verdicts: ${JSON.stringify(verdicts)}`);

  // Truth entries these checks are meant for: kinds punctuation and number, and the letter-for-digit typo (2O20年).
  const targets = truth.true.filter((t) => t.kind === 'punctuation' || t.kind === 'number' || (/\d/.test(t.text) && /[A-Za-z]/.test(t.text)));
  console.log(`\ntruth entries (punctuation, number, letter in a number): ${targets.length}`);
  for (const t of targets) {
    const entry = byUrl.get(t.url);
    if (!entry) {
      console.log(`  MISSING PAGE ${t.url}`);
      continue;
    }
    const ranges = occurrences(entry.page.text, t.text);
    const exact = entry.findings.filter((f) => ranges.some((r) => overlaps(f, r)));
    // The same slip flagged elsewhere in its paragraph (an unclosed “ is flagged where it opens, not where the ” is missing).
    const lines = new Set(ranges.map(([s]) => lineOf(entry.page.text, s)));
    const near = exact.length ? [] : entry.findings.filter((f) => f.start !== undefined && lines.has(lineOf(entry.page.text, f.start)));
    const status = exact.length ? 'FOUND' : near.length ? 'FOUND IN ITS PARAGRAPH' : 'not found';
    console.log(
      `  ${status}: ${t.kind} “${t.text}” → “${t.right}”${[...exact, ...near].map((f) => `\n    ${f.check}: ${inContext(entry.page.text, f)}`).join('')}`,
    );
  }
}

function csc(): void {
  console.log('\n## CSC test sets (counts only; no sentence is printed)');
  for (const name of CSC_SETS) {
    const sentences = readCscSet(name);
    const counts = Object.fromEntries(
      CHECKS.map((c) => [c.meta.id, { findings: 0, sentences: 0, onCorrectSentences: 0, byMessage: {} as Record<string, number> }]),
    );
    sentences.forEach((s, i) => {
      const found = scan(s.wrong, `csc:${name}:${i + 1}`);
      for (const c of CHECKS) {
        const own = found.filter((f) => f.check === c.meta.id);
        if (!own.length) continue;
        counts[c.meta.id].findings += own.length;
        for (const f of own) counts[c.meta.id].byMessage[f.messageId] = (counts[c.meta.id].byMessage[f.messageId] ?? 0) + 1;
        counts[c.meta.id].sentences++;
        if (!s.hasError) counts[c.meta.id].onCorrectSentences++;
      }
    });
    const chars = sentences.reduce((n, s) => n + s.wrong.length, 0);
    console.log(`${name}: ${sentences.length} sentences, ${chars} characters; ${JSON.stringify(counts)}`);
  }
}

workReports();
govPages();
csc();
