import windowList from '../../data/rules/column-windows.json';
import type { RuleEntry, RuleList } from '../../engine/rule-data';
import type { Severity } from '../../engine/types';

/** An entry of lib/data/rules/column-windows.json: a class of columns and how often it must be updated. */
export interface ColumnWindow extends RuleEntry {
  /** Sub-kind id (Finding.kind): news, interpretation, personnel, notice, policy, plan, home. */
  id: string;
  /** 栏目类别 in the indicators' words (动态要闻类). */
  label: string;
  /** Words any of which in a column name puts the column in this class. */
  patterns: string[];
  /** Words that keep a column out of this class (新闻发布会 is not a 动态要闻 column). */
  exclude?: string[];
  /** Longest allowed gap between the newest item and the review date. */
  windowDays: number;
  severity: Severity;
  /** 'home': the home page as a whole, not matched by name. */
  appliesTo?: 'home';
}

const list = windowList as unknown as RuleList<ColumnWindow>;

/** The column classes, in matching order. */
export const COLUMN_WINDOWS: readonly ColumnWindow[] = list.entries.filter((e) => e.appliesTo !== 'home');

/** The home page's window (首页不更新). */
export const HOME_WINDOW: ColumnWindow = list.entries.find((e) => e.appliesTo === 'home')!;

/** The class of a column by its name (first matching entry), or undefined when the name says nothing. */
export function classifyColumn(name: string): ColumnWindow | undefined {
  return COLUMN_WINDOWS.find((w) => w.patterns.some((p) => name.includes(p)) && !(w.exclude ?? []).some((x) => name.includes(x)));
}
