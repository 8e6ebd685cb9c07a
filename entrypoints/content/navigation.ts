/**
 * Moving through a frame's findings: the card for a click on a highlight, for a finding reopened from the
 * ledger or the popup, and for the shortcuts (next / previous, 记录 and 本站忽略 on the open card).
 */
import { findAnchor } from '@/lib/engine/anchor';
import type { Anchor, Finding } from '@/lib/engine/types';
import type { Command } from '@/lib/extension/commands';
import type { Rect } from '@/lib/extension/capture-plan';
import { tr } from '@/lib/i18n/ui-strings';
import { caretAt, type Highlighter, type Placed } from './highlighter';
import type { PageState } from './recording';
import type { PageUi, RecordOutcome } from './ui';

/** The same finding in two scans: the same check on the same text at the same place. */
export function sameFinding(a: Finding, b: Finding): boolean {
  return a.check === b.check && a.messageId === b.messageId && a.start === b.start && a.end === b.end && a.text === b.text;
}

export class Navigation {
  constructor(
    private readonly doc: Document,
    private readonly highlighter: Highlighter,
    private readonly ui: PageUi,
    private readonly current: () => PageState | null,
    private readonly ignore: (f: Finding, scope: 'site' | 'global') => void,
    private readonly record: (f: Finding, area?: Rect | null) => Promise<RecordOutcome>,
  ) {}

  private show(f: Finding, at: { x: number; y: number }, range: Range): void {
    const page = this.current();
    if (!page) return;
    this.highlighter.setActive(range);
    this.ui.showCard(f, page.catalog[f.check], at, () => this.highlighter.setActive(null), this.ignore, this.record);
  }

  /** Opens the card of a painted finding: scrolled into view, its highlight active. */
  open(placed: Placed): void {
    (placed.range.startContainer.parentElement ?? this.doc.body).scrollIntoView({ block: 'center' });
    const rect = placed.range.getBoundingClientRect();
    this.show(placed.finding, { x: rect.left, y: rect.bottom }, placed.range);
  }

  /** The card of the finding under a click, if there is one. */
  openAt(x: number, y: number): boolean {
    const point = caretAt(this.doc, x, y);
    if (!point || !this.current()) return false;
    const hit = this.highlighter.at(point.node, point.offset);
    if (!hit) return false;
    this.show(hit.finding, { x, y }, hit.range);
    return true;
  }

  /** A finding by its stable key (the popup's list). */
  openKey(key: string): boolean {
    const placed = this.highlighter.placed.find((p) => p.finding.key === key);
    if (placed) this.open(placed);
    return !!placed;
  }

  /**
   * A finding reopened from the ledger: the highlight of that check whose text the anchor finds again
   * (the page may have changed since it was recorded).
   */
  openRecorded(focus: { anchor: Anchor; check: string }): void {
    const page = this.current();
    if (!page) return;
    const at = findAnchor(page.model.written ?? page.model.text, focus.anchor);
    const placed =
      (at && this.highlighter.placed.find((p) => p.finding.check === focus.check && p.finding.start === at.start)) ??
      this.highlighter.placed.find((p) => p.finding.check === focus.check && p.finding.anchor?.quote === focus.anchor.quote);
    if (placed) this.open(placed);
  }

  /**
   * A shortcut: the next or previous painted finding in reading order (from the open card's, or from the
   * start), or 记录 / 本站忽略 on the open card (its own buttons, so the same code runs).
   */
  run(command: Command): { ok: boolean; text?: string } {
    if (!this.current()) return { ok: false };
    if (command === 'record-finding' || command === 'ignore-finding') {
      const ok = this.ui.pressCardButton(command === 'record-finding' ? 'record' : 'ignore-site');
      if (!ok) this.ui.toast(tr(command === 'record-finding' ? 'openAFindingFirst' : 'nothingToIgnore', this.ui.locale));
      return { ok };
    }
    const order = [...this.highlighter.placed].sort((a, b) => (a.finding.start ?? 0) - (b.finding.start ?? 0) || a.index - b.index);
    if (!order.length) return { ok: false };
    const shown = this.ui.shownFinding;
    const at = shown ? order.findIndex((p) => sameFinding(p.finding, shown)) : -1;
    const step = command === 'next-finding' ? 1 : -1;
    const next = at === -1 ? (step > 0 ? order[0] : order[order.length - 1]) : order[(at + step + order.length) % order.length];
    this.open(next);
    return { ok: true, text: next.finding.text };
  }
}
