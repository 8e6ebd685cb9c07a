import { FINDING_STATUS_LABELS } from '@/lib/db/records';
import type { Locale } from '@/lib/engine/types';
import type { RecheckReport, RecheckState } from '@/lib/extension/protocol';
import { categoryLabel } from '@/lib/i18n/labels';
import { tr } from '@/lib/i18n/ui-strings';

/** The line the ledger shows when a 复查 is over: pages, still there, 已整改, not opened (or why it stopped). */
export function recheckSummary(state: RecheckState, locale: Locale): string {
  const r = state.report;
  if (!r) return state.error === 'interrupted' ? tr('recheckInterrupted', locale) : `${tr('recheckFailed', locale)}：${state.error ?? ''}`;
  const failed = r.failed.length ? `；${tr('notOpened', locale)} ${r.failed.length}` : '';
  return `${tr('recheckDone', locale)} ${r.pages}：${tr('stillThere', locale)} ${r.present.length}，${FINDING_STATUS_LABELS.fixed[locale]} ${r.fixed.length}${failed}`;
}

/** While 复查 runs: pages done of all (the background's progress). */
export function RecheckProgress({ state, locale }: { state: RecheckState; locale: Locale }) {
  return (
    <span class="recheck-progress" role="status">
      {tr('rechecking', locale)} {state.total > 0 && <progress value={state.done} max={state.total} />} {state.total > 0 && `${state.done} / ${state.total}`}
    </span>
  );
}

/** What the last 复查 changed, finding by finding: 已整改, 仍存在, and the pages that did not open. Page text as text nodes only. */
export function RecheckReportView({
  report,
  siteName,
  locale,
  onClose,
}: {
  report: RecheckReport;
  siteName(id: number): string;
  locale: Locale;
  onClose(): void;
}) {
  return (
    <details class="recheck-report" open>
      <summary>
        {tr('recheckChanges', locale)}{' '}
        <button type="button" class="recheck-report-close" onClick={onClose}>
          {tr('close', locale)}
        </button>
      </summary>
      {(
        [
          ['fixed', FINDING_STATUS_LABELS.fixed[locale], report.fixed],
          ['present', tr('stillThere', locale), report.present],
        ] as const
      ).map(([cls, label, list]) => (
        <div class={`rr-${cls}`} key={cls}>
          <strong>
            {label} {list.length}
          </strong>
          <ul>
            {list.map((r) => (
              <li key={r.id} data-id={r.id}>
                {siteName(r.siteId)} · {categoryLabel(r.category, locale)} · {r.text || r.message} · <span class="muted">{r.pageUrl}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {report.failed.length > 0 && (
        <div class="rr-failed">
          <strong>
            {tr('notOpened', locale)} {report.failed.length}
          </strong>
          <ul>
            {report.failed.map((f, i) => (
              <li key={`${i} ${f.url}`}>
                {f.url}（{f.error}）
              </li>
            ))}
          </ul>
        </div>
      )}
    </details>
  );
}
