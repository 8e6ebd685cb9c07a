import { escapeRegExp } from '../text/escape-regexp';
import formulations from '../data/rules/formulations.json';
import { defineCheck } from '../engine/define-check';
import { leftmostLongest } from './util/matching';
import type { RuleEntry, RuleList } from '../engine/rule-data';
import { lexiconPool } from '../text/pattern-pool';
import type { CheckContext, Severity } from '../engine/types';

/**
 * 严重表述错误 in standard political formulations (规范表述), from lib/data/rules/formulations.json:
 * - phrase entries: known wrong forms, wrong wherever they occur (以习近平总书记为核心的党中央 →
 *   以习近平同志为核心的党中央, seed 004; 不忘初心牢记使命; 省省委书记; “一带一路”战略 …);
 * - list entries: fixed lists whose members must come in the standard order (四个意识, 四个自信, 两个维护,
 *   两个确立, 五位一体, 四个全面, the three groups of 社会主义核心价值观). A run of all members in another
 *   order is reported with the standard order; after a heading (四个意识（…）) a list of the right length with
 *   exactly one foreign item is reported as a wrong member; a member replaced on a date (四个全面 after
 *   2020-10-29) is reported on pages dated on or after it.
 * One Aho–Corasick pass finds phrases, members and headings; no segmentation is needed (the patterns are
 * long or must be chained by separators). Dates: the page's publish date, or `ctx.today` when it has none.
 * See docs/checks/expression-formulation.md.
 */

interface PhraseEntry extends RuleEntry {
  kind: 'phrase';
  wrong: string;
  right: string;
  /** YYYY-MM-DD: reported only on pages dated on or after it. */
  since?: string;
  /** Strings that, right after the match, mean another reading. */
  notFollowedBy?: string[];
}

interface ListEntry extends RuleEntry {
  kind: 'list';
  /** The list's name as reviewers know it (四个意识). */
  name: string;
  /** Accepted spellings of each member, in the standard order. */
  members: string[][];
  /** Words that, followed by （ or ：, introduce the list (member check). */
  heading?: string[];
  /** A member replaced on a date: `was` is accepted before `until`. */
  former?: { member: number; was: string; until: string; severity?: Severity };
}

/** One word of a skeleton formula. */
interface Slot {
  name: string;
  /** The standard word ('' where the standard has nothing here). */
  right: string;
  /** Variants met in the wild ('' for the word missing). */
  wrong?: string[];
  /** Present or not, either is right (以 before the formula); the suggestion keeps what was written. */
  optional?: boolean;
  /** Strings that, right after this slot's variant, mean the match is another phrase. */
  notFollowedBy?: string[];
}

interface SkeletonEntry extends RuleEntry {
  kind: 'skeleton';
  /** The formula as reviewers know it. */
  name: string;
  slots: Slot[];
  /** Dated standard forms: the slot values given are right on pages dated before `until`. */
  accepted?: Array<{ slots: Record<string, string>; until: string }>;
  /** At least this many slots must be right as written (default: all but two). */
  minRight?: number;
}

type Entry = PhraseEntry | ListEntry | SkeletonEntry;

/** What a pattern of the automaton stands for. */
type Pattern =
  | { type: 'phrase'; entry: PhraseEntry }
  | { type: 'member'; entry: ListEntry; member: number; former: boolean }
  | { type: 'heading'; entry: ListEntry };

const list = formulations as RuleList<Entry>;

/** Between two members of a run: quotes and blanks around at most one separator (、，；和 及 以及 与). */
const JOIN = /^[\s“”"‘’「」]*(?:[、，,；;]|和|及|以及|与)?[\s“”"‘’「」]*$/;
/** Closing quotes allowed between a heading and its opener. */
const CLOSE_QUOTES = '”"’」』';
/** What introduces a list after its heading, and what ends it. */
const OPENERS = ['（', '(', '：', ':', '，即', '即'];
const LIST_END = /[）)。；;\n]/;
const ITEM_SEP = /[、，,]/;
const QUOTES = /^[\s“”"‘’「」]+|[\s“”"‘’「」]+$/g;

function compile() {
  const patterns: Pattern[] = [];
  const strings: string[] = [];
  const add = (s: string, p: Pattern) => {
    strings.push(s);
    patterns.push(p);
  };
  for (const entry of list.entries) {
    if (entry.kind === 'skeleton') continue;
    if (entry.kind === 'phrase') add(entry.wrong, { type: 'phrase', entry });
    else {
      entry.members.forEach((alts, member) => alts.forEach((s) => add(s, { type: 'member', entry, member, former: false })));
      if (entry.former) add(entry.former.was, { type: 'member', entry, member: entry.former.member, former: true });
      for (const h of entry.heading ?? []) add(h, { type: 'heading', entry });
    }
  }
  const skeletons = list.entries.filter((e): e is SkeletonEntry => e.kind === 'skeleton').map((entry) => ({ entry, re: skeletonPattern(entry) }));
  return { automaton: lexiconPool.add(strings), patterns, skeletons };
}

/**
 * A skeleton as a regular expression: one capturing group per slot, the longest spelling first, the slot
 * optional where its standard or one of its variants is empty.
 */
function skeletonPattern(entry: SkeletonEntry): RegExp {
  const parts = entry.slots.map((slot) => {
    const forms = [...new Set([slot.right, ...(slot.wrong ?? [])])];
    const nonEmpty = forms.filter(Boolean).sort((a, b) => b.length - a.length);
    const empty = slot.optional || forms.includes('');
    return `(${nonEmpty.map(escapeRegExp).join('|')})${empty ? '?' : ''}`;
  });
  return new RegExp(parts.join(''), 'gu');
}

interface SkeletonHit {
  start: number;
  end: number;
  written: string;
  right: string;
  /** Each deviation, in the reviewer's words (缺少“同志”, “总书记”应为“核心”). */
  diff: string[];
}

/**
 * Matches of a skeleton formula that deviate from its standard (or from its dated form on pages before its
 * date) in at least one slot.
 */
export function skeletonHits(entry: SkeletonEntry, re: RegExp, text: string, pageDate: string): SkeletonHit[] {
  const hits: SkeletonHit[] = [];
  const minRight = entry.minRight ?? entry.slots.length - 2;
  const standards: Array<Record<string, string>> = [Object.fromEntries(entry.slots.map((s) => [s.name, s.right]))];
  for (const a of entry.accepted ?? []) if (pageDate < a.until) standards.push({ ...standards[0], ...a.slots });
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    const values = entry.slots.map((_, k) => m![k + 1] ?? '');
    // Another phrase: a slot's word followed by what makes it a longer word (的中央领导集体).
    let end = m.index;
    let other = false;
    entry.slots.forEach((slot, k) => {
      end += values[k].length;
      if (values[k] && slot.notFollowedBy?.some((s) => text.startsWith(s, end))) other = true;
    });
    if (other) continue;
    // The standard (current or dated) nearest to what is written.
    let best: { std: Record<string, string>; wrong: number } | undefined;
    for (const std of standards) {
      const wrong = entry.slots.filter((slot, k) => !slot.optional && values[k] !== std[slot.name]).length;
      if (!best || wrong < best.wrong) best = { std, wrong };
    }
    if (!best || best.wrong === 0) continue;
    if (entry.slots.length - best.wrong < minRight) continue;
    const diff: string[] = [];
    let right = '';
    entry.slots.forEach((slot, k) => {
      const want = slot.optional ? values[k] : best!.std[slot.name];
      right += want;
      if (values[k] === want) return;
      if (!values[k]) diff.push(`缺少“${want}”`);
      else if (!want) diff.push(`多了“${values[k]}”`);
      else diff.push(`“${values[k]}”应为“${want}”`);
    });
    hits.push({ start: m.index, end: m.index + m[0].length, written: m[0], right, diff });
  }
  return hits;
}

interface MemberHit {
  start: number;
  end: number;
  member: number;
  former: boolean;
}

// Made at load, not at the first run: every list is in the pattern pool before its first scan (lib/text/pattern-pool.ts).
const compiled = compile();

export default defineCheck({
  meta: {
    id: 'expression-formulation',
    category: 'expression',
    defaultSeverity: 'veto',
    indicator: {
      'zh-CN': '严重问题：严重表述错误（规范表述）',
      en: 'Serious problem: seriously wrong expression (standard political formulations)',
    },
    description: {
      'zh-CN':
        '按经核对的规范表述数据（lib/data/rules/formulations.json）查找错误的政治表述：以习近平总书记为核心的党中央、习近平新时代中国特色社会主义思想的错误写法、不忘初心牢记使命、中共XX省省委书记、“一带一路”战略等；以及“四个意识”“四个自信”“两个维护”“两个确立”“五位一体”“四个全面”和社会主义核心价值观的顺序或内容错误。建议值为规范表述。',
      en: 'Finds wrong political formulations from a checked list (lib/data/rules/formulations.json): 以习近平总书记为核心的党中央, wrong forms of the name of Xi Jinping Thought, 不忘初心牢记使命 without a mark, 中共XX省省委书记, “一带一路”战略 …; and wrong order or members of the fixed lists 四个意识, 四个自信, 两个维护, 两个确立, 五位一体, 四个全面 and the core socialist values. The suggestion is the standard form.',
    },
    messages: {
      phrase: {
        'zh-CN': '“{{wrong}}”表述错误，规范表述为“{{right}}”',
        en: '"{{wrong}}" is a wrong formulation; the standard form is "{{right}}"',
      },
      variant: {
        'zh-CN': '“{{wrong}}”表述错误（{{diff}}），规范表述为“{{right}}”',
        en: '"{{wrong}}" is a wrong formulation ({{diff}}); the standard form is "{{right}}"',
      },
      order: {
        'zh-CN': '“{{name}}”顺序错误，规范表述为“{{right}}”',
        en: 'The members of "{{name}}" are out of order; the standard form is "{{right}}"',
      },
      member: {
        'zh-CN': '“{{name}}”中没有“{{wrong}}”，应为“{{right}}”',
        en: '"{{wrong}}" is no member of "{{name}}"; it should be "{{right}}"',
      },
      former: {
        'zh-CN': '自{{until}}起“{{name}}”中的“{{wrong}}”已改为“{{right}}”',
        en: 'Since {{until}} the member "{{wrong}}" of "{{name}}" reads "{{right}}"',
      },
    },
  },

  run(ctx: CheckContext) {
    const { automaton, patterns } = compiled;
    const text = ctx.model.text;
    const pageDate = ctx.model.publishDate?.date ?? ctx.today;
    const reported = new Set<string>();
    const report = (start: number, end: number, r: Parameters<CheckContext['report']>[0]) => {
      const key = `${start}:${end}`;
      if (reported.has(key)) return;
      reported.add(key);
      ctx.report({ ...r, start, end });
    };

    // Skeleton formulas first: a variant of a standard formula, each deviation named.
    const skeletonSpans: Array<[number, number]> = [];
    for (const { entry, re } of compiled.skeletons) {
      ctx.checkBudget();
      for (const h of skeletonHits(entry, re, text, pageDate)) {
        skeletonSpans.push([h.start, h.end]);
        report(h.start, h.end, {
          messageId: 'variant',
          data: { wrong: h.written, right: h.right, diff: h.diff.join('，') },
          suggestion: h.right,
          severity: entry.severity,
        });
      }
    }
    const inSkeleton = (start: number, end: number) => skeletonSpans.some(([s, e]) => start < e && s < end);

    const members = new Map<ListEntry, MemberHit[]>();
    const headings: Array<{ entry: ListEntry; end: number }> = [];
    for (const m of leftmostLongest(automaton.findAll(text))) {
      ctx.checkBudget();
      const p = patterns[m.pattern];
      if (p.type === 'phrase') {
        const e = p.entry;
        if (e.since && pageDate < e.since) continue;
        if (e.notFollowedBy?.some((s) => text.startsWith(s, m.end))) continue;
        if (inSkeleton(m.start, m.end)) continue;
        report(m.start, m.end, { messageId: 'phrase', data: { wrong: e.wrong, right: e.right }, suggestion: e.right, severity: e.severity });
      } else if (p.type === 'member') {
        let hits = members.get(p.entry);
        if (!hits) members.set(p.entry, (hits = []));
        hits.push({ start: m.start, end: m.end, member: p.member, former: p.former });
      } else headings.push({ entry: p.entry, end: m.end });
    }

    for (const [entry, hits] of members) checkRuns(ctx, text, entry, hits, pageDate, report);
    for (const { entry, end } of headings) checkHeading(ctx, text, entry, end, report);
  },
});

type Reporter = (start: number, end: number, r: Parameters<CheckContext['report']>[0]) => void;

/** Whether a former member is stale on the page's date. */
const isStale = (entry: ListEntry, hit: MemberHit, pageDate: string) => hit.former && !!entry.former && pageDate >= entry.former.until;

/** Runs of members chained by separators: a complete run out of order, or with a stale member. */
function checkRuns(ctx: CheckContext, text: string, entry: ListEntry, hits: MemberHit[], pageDate: string, report: Reporter) {
  const n = entry.members.length;
  let i = 0;
  while (i < hits.length) {
    let j = i + 1;
    while (j < hits.length && JOIN.test(text.slice(hits[j - 1].end, hits[j].start))) j++;
    const run = hits.slice(i, j);
    i = j;
    if (run.length !== n || new Set(run.map((h) => h.member)).size !== n) continue;
    ctx.checkBudget();
    const start = run[0].start;
    const end = run[n - 1].end;
    const inOrder = run.every((h, k) => h.member === k);
    /** A member as it should be written here: as written, or the current form for a stale former member. */
    const spell = (h: MemberHit) => (isStale(entry, h, pageDate) ? entry.members[h.member][0] : text.slice(h.start, h.end));
    if (!inOrder) {
      const byMember = [...run].sort((a, b) => a.member - b.member);
      let right = '';
      byMember.forEach((h, k) => {
        right += spell(h);
        if (k < n - 1) right += text.slice(run[k].end, run[k + 1].start);
      });
      report(start, end, { messageId: 'order', data: { name: entry.name, right }, suggestion: right, severity: entry.severity });
      continue;
    }
    for (const h of run) {
      if (!isStale(entry, h, pageDate)) continue;
      const right = entry.members[h.member][0];
      report(h.start, h.end, {
        messageId: 'former',
        data: { name: entry.name, wrong: text.slice(h.start, h.end), right, until: entry.former!.until },
        suggestion: right,
        severity: entry.former!.severity ?? entry.severity,
      });
    }
  }
}

/** After a heading and an opener, a list of the right length with exactly one item that is no member. */
function checkHeading(ctx: CheckContext, text: string, entry: ListEntry, headingEnd: number, report: Reporter) {
  let at = headingEnd;
  while (at < text.length && CLOSE_QUOTES.includes(text[at])) at++;
  const opener = OPENERS.find((o) => text.startsWith(o, at));
  if (!opener) return;
  at += opener.length;
  const limit = Math.min(text.length, at + 80);
  let close = at;
  while (close < limit && !LIST_END.test(text[close])) close++;
  if (close === limit && limit !== text.length) return;
  ctx.checkBudget();

  // Items with their ranges, quotes and blanks trimmed.
  const items: Array<{ start: number; end: number; text: string }> = [];
  let from = at;
  for (let k = at; k <= close; k++) {
    if (k < close && !ITEM_SEP.test(text[k])) continue;
    const raw = text.slice(from, k);
    const lead = raw.length - raw.replace(/^[\s“”"‘’「」]+/, '').length;
    const body = raw.replace(QUOTES, '');
    if (body) items.push({ start: from + lead, end: from + lead + body.length, text: body });
    from = k + 1;
  }
  const n = entry.members.length;
  if (items.length !== n) return;
  const memberOf = (s: string) => entry.members.findIndex((alts, m) => alts.includes(s) || (entry.former?.member === m && entry.former.was === s));
  const found = items.map((it) => memberOf(it.text));
  const foreign = items.filter((_, k) => found[k] === -1);
  const missing = entry.members.map((_, m) => m).filter((m) => !found.includes(m));
  if (foreign.length !== 1 || missing.length !== 1) return;
  const wrong = foreign[0];
  const right = entry.members[missing[0]][0];
  report(wrong.start, wrong.end, { messageId: 'member', data: { name: entry.name, wrong: wrong.text, right }, suggestion: right, severity: entry.severity });
}
