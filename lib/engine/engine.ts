import { withoutCitedErrors } from './cited-errors';
import { makeAnchor } from './anchor';
import { formatMessage } from '../i18n/messages';
import { pageForms, toPageTraditional } from '../text/to-traditional';
import type {
  Check,
  CheckContext,
  EngineError,
  Finding,
  IgnoreEntry,
  Report,
  ScanResult,
  LanguageModel,
  Segmenter,
  Severity,
  Speller,
  TextModel,
} from './types';

/** What a host gives runChecks: the review date, the checks, per-check config, the resources checks may need, the budget. */
export interface EngineOptions {
  /** Reference date YYYY-MM-DD (injected; checks never read the clock). */
  today: string;
  /** Checks to run (defaults to none: pass the registry). */
  checks: readonly Check[];
  /** Per-check overrides: false disables, an object sets options / severity. */
  config?: Record<string, false | { severity?: Severity; options?: Record<string, unknown> }>;
  /** Time budget per check in ms (wall clock measured by `clock`). Default 5,000. */
  budgetMs?: number;
  /** Monotonic clock in ms, injectable for tests. Default performance.now. */
  clock?: () => number;
  /** Word segmentation for the text checks (jieba); without it they report nothing. */
  segmenter?: Segmenter;
  /** The word n-gram model for the context typo checks; without it they report nothing (loaded lazily by the host). */
  languageModel?: LanguageModel;
  /** English spelling (nspell); without it the English check reports nothing. */
  speller?: Speller;
  /** Reviewers' 忽略 entries for this page (global and the site's): findings with exactly this text are dropped. */
  ignore?: readonly IgnoreEntry[];
}

class BudgetExceeded extends Error {}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Maps an offset to its 1-based line with a binary search over line starts. */
function lineOf(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Runs every enabled check on one text model. Failures are isolated: a check that throws or
 * runs past its budget becomes an EngineError and its findings are dropped; the others go on.
 */
export function runChecks(model: TextModel, opts: EngineOptions): ScanResult {
  if (!DATE_RE.test(opts.today)) throw new Error(`today must be YYYY-MM-DD, got "${opts.today}"`);
  const clock = opts.clock ?? (() => performance.now());
  const budget = opts.budgetMs ?? 5000;
  const findings: Finding[] = [];
  const errors: EngineError[] = [];
  const timings: Record<string, number> = {};

  for (const check of opts.checks) {
    const { meta } = check;
    const conf = opts.config?.[meta.id];
    if (conf === false) continue;
    if (meta.topFrameOnly && !model.isTopFrame) continue;
    if (meta.websiteOnly && model.newMedia) continue;
    const options: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(meta.options ?? {})) options[name] = spec.default;
    Object.assign(options, conf ? conf.options : undefined);

    const started = clock();
    const deadline = started + budget;
    const own: Finding[] = [];
    const checkBudget = () => {
      if (clock() > deadline) throw new BudgetExceeded(`${meta.id} ran past its ${budget} ms budget`);
    };
    const ctx: CheckContext = {
      model,
      segmenter: opts.segmenter,
      languageModel: opts.languageModel,
      speller: opts.speller,
      options,
      today: opts.today,
      checkBudget,
      report(r: Report) {
        checkBudget();
        own.push(toFinding(check, r, model, conf ? conf.severity : undefined));
      },
    };
    try {
      check.run(ctx);
      checkBudget();
      findings.push(...own);
    } catch (err) {
      const timeout = err instanceof BudgetExceeded;
      errors.push({
        check: meta.id,
        kind: timeout ? 'timeout' : 'threw',
        message: err instanceof Error ? err.message : String(err),
      });
    }
    timings[meta.id] = clock() - started;
  }
  // One finding per slip first, then the reviewer's 忽略: ignoring 营商环镜 must not bring back the 环镜
  // that another check saw inside it.
  const ignore = opts.ignore ?? [];
  const yielding = new Set(opts.checks.filter((c) => c.meta.yieldsOnOverlap).map((c) => c.meta.id));
  const kept = withIds(oneFindingPerSlip(yieldToOthers(withoutCitedErrors(findings, model.text), yielding)));
  return {
    url: model.url,
    findings: ignore.length ? kept.filter((f) => !ignore.some((e) => e.text === f.text && (!e.check || e.check === f.check))) : kept,
    errors,
    timings,
  };
}

/** Gives each finding its stable key (Finding.key): check, message, text and the occurrence number among equals. */
function withIds(findings: Finding[]): Finding[] {
  const seen = new Map<string, number>();
  for (const f of findings) {
    const base = `${f.check}:${f.messageId}:${f.text}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    f.key = `${base}#${n}`;
  }
  return findings;
}

/** Drops the findings of `yielding` checks that overlap a finding of another check in the same category. */
function yieldToOthers(findings: Finding[], yielding: ReadonlySet<string>): Finding[] {
  if (!yielding.size || !findings.some((f) => yielding.has(f.check))) return findings;
  // Other checks' ranges per category, sorted by start, with the running maximum of their ends: a range
  // [s, e) overlaps one of them iff the last one starting before e ends after s (running max).
  const byCat = new Map<string, { starts: number[]; maxEnd: number[] }>();
  const ranged = findings.filter((f) => !yielding.has(f.check) && f.start !== undefined).sort((a, b) => a.start! - b.start!);
  for (const f of ranged) {
    let c = byCat.get(f.category);
    if (!c) byCat.set(f.category, (c = { starts: [], maxEnd: [] }));
    c.starts.push(f.start!);
    c.maxEnd.push(Math.max(f.end!, c.maxEnd[c.maxEnd.length - 1] ?? -1));
  }
  const overlaps = (f: Finding) => {
    const c = byCat.get(f.category);
    if (!c) return false;
    let lo = 0;
    let hi = c.starts.length; // first index with start >= f.end
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c.starts[mid] < f.end!) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && c.maxEnd[lo - 1] > f.start!;
  };
  return findings.filter((f) => !yielding.has(f.check) || f.start === undefined || !overlaps(f));
}

/**
 * Sorts findings by position and drops a text finding whose range lies within another finding of
 * the same category (a slip seen by two checks, 开诚不公 by the word list and a near-miss, is one
 * problem for the reviewer). Of equal ranges the finding of the check registered first stays.
 */
function oneFindingPerSlip(findings: Finding[]): Finding[] {
  const order = new Map(findings.map((f, i) => [f, i]));
  const sorted = [...findings].sort((a, b) => (a.start ?? Infinity) - (b.start ?? Infinity) || (b.end ?? 0) - (a.end ?? 0) || order.get(a)! - order.get(b)!);
  const out: Finding[] = [];
  const open: Finding[] = []; // ranged text findings that may still contain later ones
  for (const f of sorted) {
    if (f.start !== undefined && f.end !== undefined && (f.category === 'typo' || f.category === 'expression')) {
      while (open.length && open[0].end! <= f.start) open.shift();
      if (open.some((g) => g.category === f.category && g.start! <= f.start! && g.end! >= f.end!)) continue;
      open.push(f);
      open.sort((a, b) => a.end! - b.end!);
    }
    out.push(f);
  }
  return out.sort((a, b) => (a.start ?? Infinity) - (b.start ?? Infinity) || a.check.localeCompare(b.check));
}

/** The keys of a report's data that quote the page or propose its correction (not a rule, a name of a mark). */
const QUOTING_KEYS = ['written', 'wrong', 'right', 'wrongChar', 'rightChar', 'extra', 'missing', 'old', 'current', 'full', 'title'];

/** Per traditional page, its own forms of the characters (lib/text/to-traditional.ts), found once. */
const formsOf = new WeakMap<TextModel, Map<number, number>>();

/**
 * On a page written in traditional characters, the report's suggestion and the words its message quotes in
 * the page's characters (the checks read the page folded to simplified): its own text where a word is the
 * reported span, else converted with the page's own forms preferred.
 */
function inPageCharacters(r: Report, model: TextModel): Report {
  const written = model.written;
  if (!model.traditional || written === undefined) return r;
  let forms = formsOf.get(model);
  if (!forms) formsOf.set(model, (forms = pageForms(written, model.text)));
  const span = r.start !== undefined && r.end !== undefined ? model.text.slice(r.start, r.end) : undefined;
  const back = (s: string) => (s === span ? written.slice(r.start, r.end) : toPageTraditional(s, forms));
  const out: Report = { ...r };
  if (r.suggestion !== undefined) out.suggestion = back(r.suggestion);
  if (r.data) {
    const data = { ...r.data };
    for (const key of QUOTING_KEYS) if (typeof data[key] === 'string') data[key] = back(data[key]);
    out.data = data;
  }
  return out;
}

function toFinding(check: Check, report: Report, model: TextModel, severityOverride?: Severity): Finding {
  const { meta } = check;
  const templates = meta.messages[report.messageId];
  if (!templates) throw new Error(`${meta.id} reported unknown messageId "${report.messageId}"`);
  const hasRange = report.start !== undefined && report.end !== undefined;
  if (hasRange && !(report.start! >= 0 && report.end! > report.start! && report.end! <= model.text.length)) {
    throw new Error(`${meta.id} reported an invalid range [${report.start}, ${report.end})`);
  }
  const r = inPageCharacters(report, model);
  const data = r.data ?? {};
  const finding: Finding = {
    check: meta.id,
    category: meta.category,
    severity: severityOverride ?? r.severity ?? meta.defaultSeverity,
    messageId: r.messageId,
    data,
    message: formatMessage(templates, data, 'zh-CN'),
    // A finding quotes the page as it is written (a traditional page's own characters, not the folded text the checks read).
    text: r.text ?? (hasRange ? (model.written ?? model.text).slice(r.start, r.end) : ''),
    url: model.url,
  };
  if (r.suggestion !== undefined) finding.suggestion = r.suggestion;
  if (r.kind !== undefined) finding.kind = r.kind;
  if (hasRange) {
    finding.start = r.start;
    finding.end = r.end;
    finding.anchor = makeAnchor(model.written ?? model.text, r.start!, r.end!);
    if (model.lineStarts) finding.line = lineOf(model.lineStarts, r.start!);
  }
  return finding;
}
