import type { SweepStatus } from '@/lib/extension/protocol';
import type { Locale } from '@/lib/engine/types';
import { tr } from '@/lib/i18n/ui-strings';

/** The state of a 全站巡检 in words: 巡检中 / 已暂停 / 已完成 / 出错. */
export function sweepStateLabel(s: SweepStatus, locale: Locale): string {
  return tr(s.state === 'running' ? 'sweepRunning' : s.state === 'paused' ? 'sweepPaused' : s.state === 'done' ? 'sweepDone' : 'sweepFailed', locale);
}

/**
 * A 全站巡检's progress (pages done of found, columns, findings) and, once done, what the reviewer reads first:
 * whether the site opened, whether its home page was updated in 2 weeks, its stale and blank columns (each a link
 * to the column page), its dead links, and how many findings went into the ledger as 待复核.
 */
export function SweepView({ sweep, locale }: { sweep: SweepStatus; locale: Locale }) {
  const p = sweep.progress;
  const total = p.done + p.queued;
  const r = sweep.rollup;
  return (
    <div class={`sweep sweep-${sweep.state}`}>
      <p class="sweep-line" role="status">
        <span class="sweep-state">{sweepStateLabel(sweep, locale)}</span> {sweep.site.name}{' '}
        {total > 0 && <progress class="sweep-progress" value={p.done} max={total} />}{' '}
        <span class="sweep-counts">
          {tr('sweepPages', locale)} {p.done}/{total}，{tr('sweepColumns', locale)} {p.columns}，{tr('sweepFindings', locale)} {p.findings}
        </span>
      </p>
      {sweep.error && <p class="error">{sweep.error}</p>}
      {r && (
        <div class="sweep-rollup">
          {r.unreachable ? (
            <p class="fail sweep-unreachable">
              {tr('sweepUnreachable', locale)}：{r.unreachableReason ?? ''}
            </p>
          ) : (
            <p class={r.home.updated ? 'sweep-home' : 'sweep-home fail'}>
              {tr(r.home.updated ? 'sweepHomeUpdated' : 'sweepHomeStale', locale)}
              {r.home.newest ? `（${tr('sweepNewest', locale)} ${r.home.newest}）` : ''}
            </p>
          )}
          <ColumnList title={tr('sweepStaleColumns', locale)} cls="sweep-stale" columns={r.staleColumns} locale={locale} />
          <ColumnList title={tr('sweepBlankColumns', locale)} cls="sweep-blank" columns={r.blankColumns} locale={locale} />
          <p class="sweep-dead">
            {tr('sweepDeadLinks', locale)} {r.deadLinks.length}
          </p>
          {sweep.recorded !== undefined && (
            <p class="muted sweep-recorded">
              {tr('sweepRecorded', locale)} {sweep.recorded}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

function ColumnList({
  title,
  cls,
  columns,
  locale,
}: {
  title: string;
  cls: string;
  columns: NonNullable<SweepStatus['rollup']>['staleColumns'];
  locale: Locale;
}) {
  return (
    <div class={cls}>
      <span class="field-label">
        {title}（{columns.length}）
      </span>
      {columns.length > 0 && (
        <ul>
          {columns.map((c) => (
            <li key={c.url}>
              <a href={c.url} target="_blank" rel="noreferrer">
                {c.name || c.url}
              </a>{' '}
              <span class="muted">{c.newest ? `${tr('sweepNewest', locale)} ${c.newest}` : tr('sweepNoDates', locale)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
