import { useState } from 'preact/hooks';
import { FINDING_STATUS_LABELS, FINDING_STATUSES, type FindingRecord, type FindingStatus } from '@/lib/db/records';
import { setStatus } from '@/lib/db/repo';
import type { Locale } from '@/lib/engine/types';
import { categoryLabel, severityLabel } from '@/lib/i18n/labels';
import { tr } from '@/lib/i18n/ui-strings';
import { database, send } from './use-ledger';

/** Row height of the virtualised list: only the rows in view (and a few around) are in the DOM. */
const ROW = 72;
const OVERSCAN = 8;

/** What FindingList lists, and whom a row's buttons call: `onShowShot` for 截图, `onShowDetail` for 详情. */
export interface FindingListProps {
  /** The round's findings (a selection may hold some the filter hides now). */
  rows: readonly FindingRecord[];
  /** Those the filter shows, in order. */
  shown: readonly FindingRecord[];
  siteName(id: number): string;
  locale: Locale;
  onShowShot(findingId: number): void;
  onShowDetail(findingId: number): void;
  /** A line for the reviewer under the tools. */
  say(message: string): void;
  /** There is a round (something was ever recorded): the empty list says how to record, or to change the filters. */
  hasRound?: boolean;
}

/**
 * The round's findings, filtered: bulk 状态 changes and 排除并忽略 over the selection, then a virtualised list
 * (each row: 问题类型, 严重程度, 状态, message, site, text, 备注, the page to reopen, 截图, 详情). Page text is
 * rendered as text nodes only.
 */
export function FindingList({ rows, shown, siteName, locale, onShowShot, onShowDetail, say, hasRound = true }: FindingListProps) {
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN);
  const last = Math.min(shown.length, Math.ceil((scrollTop + height) / ROW) + OVERSCAN);

  const bulk = async (status: FindingStatus) => {
    const n = await setStatus(database(), [...selected], status);
    say(`${n} → ${FINDING_STATUS_LABELS[status][locale]}`);
    setSelected(new Set());
  };

  /** 已排除 and 忽略: the selected texts are right; later scans (this site, or everywhere) leave them alone. */
  const ignoreSelected = async (scope: 'site' | 'global') => {
    const chosen = rows.filter((r) => selected.has(r.id) && r.text && (r.category === 'typo' || r.category === 'expression'));
    for (const r of chosen) await send('panel→background:ignore', { text: r.text, scope, host: new URL(r.pageUrl).host });
    await bulk('excluded');
  };

  const toggle = (id: number, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };

  return (
    <>
      <div class="bulk">
        <label>
          <input
            type="checkbox"
            class="select-all"
            checked={!!shown.length && selected.size === shown.length}
            onChange={(e) => setSelected((e.target as HTMLInputElement).checked ? new Set(shown.map((r) => r.id)) : new Set())}
          />
          {tr('selectAll', locale)}
        </label>
        {FINDING_STATUSES.map((s) => (
          <button type="button" class={`set-${s}`} key={s} disabled={!selected.size} onClick={() => void bulk(s)}>
            {FINDING_STATUS_LABELS[s][locale]}
          </button>
        ))}
        <button type="button" class="ignore-site" disabled={!selected.size} onClick={() => void ignoreSelected('site')}>
          {tr('excludeIgnoreSite', locale)}
        </button>
        <button type="button" class="ignore-global" disabled={!selected.size} onClick={() => void ignoreSelected('global')}>
          {tr('excludeIgnoreGlobal', locale)}
        </button>
      </div>
      <div
        class="list"
        onScroll={(e) => setScrollTop((e.target as HTMLElement).scrollTop)}
        ref={(el) => {
          if (el?.clientHeight && el.clientHeight !== height) setHeight(el.clientHeight);
        }}
      >
        <div style={{ height: `${shown.length * ROW}px` }} />
        {!shown.length && (
          <div class="empty">
            <p class="empty-title">{tr(!rows.length ? (hasRound ? 'noFindings' : 'noRound') : 'noMatch', locale)}</p>
            <p class="muted">{tr(rows.length ? 'noMatchHint' : 'noRoundHint', locale)}</p>
          </div>
        )}
        {shown.slice(first, last).map((r, i) => (
          <div class="row" key={r.id} style={{ top: `${(first + i) * ROW}px` }} data-id={r.id}>
            <input type="checkbox" checked={selected.has(r.id)} onChange={(e) => toggle(r.id, (e.target as HTMLInputElement).checked)} />
            <div class="body">
              <div class="line">
                <span class={`chip c-${r.category}`}>{categoryLabel(r.category, locale)}</span>{' '}
                <span class={`sev sev-${r.severity}`}>{severityLabel(r.severity, locale)}</span>{' '}
                <span class="status">{FINDING_STATUS_LABELS[r.status][locale]}</span> {r.message}
              </div>
              <div class="line muted">
                {siteName(r.siteId)} · {r.text}
                {r.note && (
                  <span class="row-note">
                    {' '}
                    · {tr('note', locale)}：{r.note}
                  </span>
                )}
              </div>
              <div class="line">
                <a
                  class="open-page"
                  href={r.pageUrl}
                  onClick={(e) => {
                    // Reopen the page and show the finding there (found again from its anchor).
                    e.preventDefault();
                    void send('panel→background:openFinding', { url: r.pageUrl, anchor: r.anchor, check: r.check, frameUrl: r.frameUrl });
                  }}
                >
                  {r.pageTitle || r.pageUrl}
                </a>{' '}
                <button type="button" class="show-shot" onClick={() => onShowShot(r.id)}>
                  {tr('screenshot', locale)}
                </button>{' '}
                <button type="button" class="show-detail" onClick={() => onShowDetail(r.id)}>
                  {tr('details', locale)}
                </button>
              </div>
            </div>
          </div>
        ))}
      </div>
    </>
  );
}
