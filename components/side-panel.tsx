import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Screenshot } from '@/lib/db/records';
import { setNote, setStatus } from '@/lib/db/repo';
import { FindingDetail } from './finding-detail';
import { tr } from '@/lib/i18n/ui-strings';
import { applyFilter, Filters, NO_FILTER, type LedgerFilter } from './ledger/filters';
import { FindingList } from './ledger/finding-list';
import { recheckSummary, RecheckReportView } from './ledger/recheck-report';
import { ScoreList } from './ledger/scores';
import { SiteTable } from './ledger/site-table';
import { Tools } from './ledger/tools';
import { database, useLedger } from './ledger/use-ledger';
import { ResultChart } from './ledger/result-chart';
import { ScreenshotView } from './screenshot-view';
import { PaletteStyle } from './theme';
import { SweepView } from './sweep-panel';

/**
 * 审读台账: the round's recorded findings by site, filtered by category, status and severity, with the
 * screenshot, the page, bulk status edits, each site's result by the indicators, 复查, export and backup.
 * A shell: the data comes live from the database (useLedger), 复查 runs in the background, and each part is
 * its own component under ./ledger/.
 */
export function SidePanelApp() {
  const ledger = useLedger();
  const { locale, rows, sites, recheck } = ledger;
  const [filter, setFilter] = useState<LedgerFilter>(NO_FILTER);
  const [message, say] = useState('');
  const [shot, setShot] = useState<Screenshot | null>(null);
  const [detailId, setDetailId] = useState<number | null>(null);
  /** The start of the 复查 whose report the reviewer closed. */
  const [closedReport, setClosedReport] = useState<number | null>(null);

  const shown = useMemo(() => applyFilter(rows, filter), [rows, filter]);
  const siteNames = useMemo(() => new Map(sites.map((s) => [s.id, s.name])), [sites]);
  const siteName = (id: number) => siteNames.get(id) ?? String(id);
  const detail = detailId === null ? undefined : rows.find((r) => r.id === detailId);

  // A 复查 that ends while the ledger is open says how it went.
  const opened = useRef(Date.now());
  useEffect(() => {
    if (recheck && !recheck.running && recheck.finishedAt && recheck.finishedAt >= opened.current) say(recheckSummary(recheck, locale));
  }, [recheck?.finishedAt]);
  const report = recheck?.report && recheck.roundId === ledger.roundId && closedReport !== recheck.startedAt ? recheck.report : undefined;

  const showShot = async (findingId: number) => {
    // The one screenshot asked for, read only now.
    const s = await database().screenshots.where('findingId').equals(findingId).last();
    if (s) setShot(s);
  };

  return (
    <div class="ledger">
      <PaletteStyle />
      <header>
        <span class="logo" aria-hidden="true">
          审
        </span>
        <h1>{tr('ledger', locale)}</h1>
        <select class="round" value={ledger.roundId ?? ''} onChange={(e) => ledger.selectRound(Number((e.target as HTMLSelectElement).value))}>
          {ledger.rounds.map((r) => (
            <option value={r.id} key={r.id}>
              {r.name}（{r.monitoringDate}）
            </option>
          ))}
        </select>
        <span class="muted count">
          {shown.length} / {rows.length}
        </span>
      </header>
      <ResultChart rows={rows} sites={sites} locale={locale} />
      <ScoreList scores={ledger.scores} locale={locale} />
      {ledger.sweeps.length > 0 && (
        <details class="sweeps" open>
          <summary>{tr('sweep', locale)}</summary>
          {ledger.sweeps.map((s) => (
            <SweepView key={s.id} sweep={s} locale={locale} />
          ))}
        </details>
      )}
      <SiteTable sites={sites} locale={locale} say={say} />
      <Filters sites={sites} filter={filter} locale={locale} onChange={setFilter} />
      <FindingList
        hasRound={ledger.roundId !== null}
        rows={rows}
        shown={shown}
        siteName={siteName}
        locale={locale}
        onShowShot={(id) => void showShot(id)}
        onShowDetail={setDetailId}
        say={say}
      />
      <Tools roundId={ledger.roundId} hasRows={rows.length > 0} recheck={recheck} locale={locale} say={say} onRestored={() => ledger.selectRound(null)} />
      {message && <div class="msg">{message}</div>}
      {report && <RecheckReportView report={report} siteName={siteName} locale={locale} onClose={() => setClosedReport(recheck?.startedAt ?? null)} />}
      {detail && (
        <FindingDetail
          finding={detail}
          siteName={siteName(detail.siteId)}
          locale={locale}
          onClose={() => setDetailId(null)}
          onSave={async (status, note) => {
            if (status !== detail.status) await setStatus(database(), [detail.id], status);
            if (note !== detail.note) await setNote(database(), detail.id, note);
            say(tr('saved', locale));
          }}
        />
      )}
      {shot && <ScreenshotView shot={shot} locale={locale} onClose={() => setShot(null)} />}
    </div>
  );
}
