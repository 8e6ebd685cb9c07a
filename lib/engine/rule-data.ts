/**
 * Rule data: every list the text checks use is a JSON file in lib/data/rules/, with the sources it was
 * curated from and the date someone checked it. Every entry names its source (a key of `sources`);
 * tests/unit/rule-data.test.ts fails on an entry without one, and on any entry that fires on the
 * project's own list of correct official vocabulary (lib/data/correct-vocabulary.txt).
 */
import type { Severity } from './types';

/** A source a rule data file cites: title, date, URL. */
export interface RuleSource {
  /** What it is: a document title, a dictionary, a notice. */
  title: string;
  /** Where it can be read (public URL), when there is one. */
  url?: string;
  /** Date of the source (publication or revision), YYYY-MM-DD or YYYY-MM or YYYY. */
  date?: string;
  /** License of the data when it came from a repository (e.g. "Apache-2.0, shibing624/pycorrector"). */
  license?: string;
}

/** One entry of a rule data file, with the key of its source. */
export interface RuleEntry {
  /** Key into the list's `sources`. */
  source: string;
  /** Overrides the check's default severity for this entry. */
  severity?: Severity;
  /** Why the entry is right, or a caveat for maintainers. */
  note?: string;
}

/** A rule data file: what it is, when and by whom it was checked, its sources and entries. */
export interface RuleList<E extends RuleEntry = RuleEntry> {
  /** File name without .json. */
  id: string;
  /** What the list holds and how a check uses it. */
  description: string;
  /** YYYY-MM-DD: when the entries were last checked against the sources. */
  checked: string;
  /** Who checked it (role, not a person's name is fine). */
  checkedBy: string;
  sources: Record<string, RuleSource>;
  entries: E[];
}

/** Problems of a rule list's shape (empty when it is well-formed). Used by the meta test. */
export function ruleListProblems(list: RuleList, fileId: string): string[] {
  const problems: string[] = [];
  if (list.id !== fileId) problems.push(`id "${list.id}" does not match the file name "${fileId}"`);
  if (!list.description?.trim()) problems.push('no description');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(list.checked ?? '')) problems.push(`checked must be YYYY-MM-DD, got "${list.checked}"`);
  if (!list.checkedBy?.trim()) problems.push('no checkedBy');
  const sources = list.sources ?? {};
  if (!Object.keys(sources).length) problems.push('no sources');
  for (const [key, s] of Object.entries(sources)) if (!s?.title?.trim()) problems.push(`source "${key}" has no title`);
  if (!Array.isArray(list.entries) || !list.entries.length) problems.push('no entries');
  (list.entries ?? []).forEach((e, i) => {
    if (!e.source) problems.push(`entry ${i} (${JSON.stringify(e).slice(0, 60)}) has no source`);
    else if (!sources[e.source]) problems.push(`entry ${i} names unknown source "${e.source}"`);
    if (e.severity && !['veto', 'deduct', 'notice'].includes(e.severity)) problems.push(`entry ${i} has severity "${e.severity}"`);
  });
  return problems;
}
