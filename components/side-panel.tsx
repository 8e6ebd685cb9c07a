import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { exportBackup, mergeBackup, restoreBackup } from '@/lib/db/backup';
import {
  FINDING_STATUS_LABELS,
  FINDING_STATUSES,
  SITE_KIND_LABELS,
  SITE_KINDS,
  type FindingRecord,
  type FindingStatus,
  type Round,
  type Screenshot,
  type Site,
  type SiteKind,
} from '@/lib/db/records';
import { setNote, setStatus, updateSite, type SiteEdit } from '@/lib/db/repo';
import { GovReviewDb } from '@/lib/db/schema';
import { roundExport } from '@/lib/db/to-export';
import { buildExport } from '@/lib/export/zip';
import { scoreSites } from '@/lib/export/scoring';
import { CATEGORIES, categoryLabel, SEVERITIES, severityLabel } from '@/lib/i18n/labels';
import { normalizeSettings } from '@/lib/extension/settings';
import type { Category, Locale, Severity } from '@/lib/engine/types';
import { loadLanguageModel } from '@/entrypoints/background/language-model';
import { loadSegmenter } from '@/entrypoints/background/segmenter';
import { loadSpeller } from '@/entrypoints/background/speller';
import { checks } from '@/lib/checks';
import { LinkChecker } from '@/lib/links/link-checker';
import { createClient } from '@/lib/extension/protocol';
import { recheckPage } from '@/lib/extension/recheck';
import { decodeBytes } from '@/lib/text-model/decode';
import { FindingDetail } from './finding-detail';
import { ScreenshotView } from './screenshot-view';
import { tr } from './i18n';
import { LabelOptions } from './label-options';

const send = createClient((msg) => browser.runtime.sendMessage(msg));

/** Row height of the virtualised list: only the rows in view (and a few around) are in the DOM. */
const ROW = 72;
const OVERSCAN = 8;

let db: GovReviewDb | undefined;
const database = () => (db ??= new GovReviewDb());

function download(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A site field the reviewer types into. Uncontrolled while focused: a reload of the ledger that lands while
 * the reviewer is typing (after a bulk status change, say) must not put the stored value back over the typing.
 * The edit is committed on change (blur or Enter).
 */
function SiteField(props: { class: string; value: string; size?: number; onCommit(value: string): void }) {
  const ref = useRef<HTMLInputElement>(null);
  // After every render (a reload, a refused edit): show the stored value unless the reviewer is typing.
  useEffect(() => {
    const el = ref.current;
    if (el && el !== document.activeElement && el.value !== props.value) el.value = props.value;
  });
  return (
    <input ref={ref} class={props.class} size={props.size} defaultValue={props.value} onChange={(e) => props.onCommit((e.target as HTMLInputElement).value)} />
  );
}

/** A page that does not answer within this time counts as not opened (its findings stay open). */
const RECHECK_TIMEOUT_MS = 20_000;

/**
 * 审读台账: the round's recorded findings by site, filtered by category, status and severity, with the
 * screenshot, the page, bulk status edits, each site's result by the indicators, export and backup.
 */
export function SidePanelApp() {
  const [locale, setLocale] = useState<Locale>('zh-CN');
  const [rounds, setRounds] = useState<Round[]>([]);
  const [roundId, setRoundId] = useState<number | null>(null);
  const [sites, setSites] = useState<Site[]>([]);
  const [rows, setRows] = useState<FindingRecord[]>([]);
  const [filter, setFilter] = useState<{ site: number | 0; category: Category | ''; status: FindingStatus | ''; severity: Severity | '' }>({
    site: 0,
    category: '',
    status: '',
    severity: '',
  });
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [shot, setShot] = useState<Screenshot | null>(null);
  const [detailId, setDetailId] = useState<number | null>(null);
  const [recheckReport, setRecheckReport] = useState<{ fixed: FindingRecord[]; present: FindingRecord[]; failed: string[] } | null>(null);
  const [message, setMessage] = useState('');
  const [scores, setScores] = useState<Array<{ name: string; result: string; score: number | null; reasons: string[] }>>([]);

  const reload = async (id: number | null = roundId) => {
    const d = database();
    const all = await d.rounds.toArray();
    setRounds(all);
    const current = id ?? all[all.length - 1]?.id ?? null;
    setRoundId(current);
    if (current === null) return;
    setRows(await d.findings.where('roundId').equals(current).sortBy('id'));
    setSites(await d.sites.toArray());
    const { data } = await roundExport(d, current);
    const byId = new Map(data.sites.map((s) => [s.id, s.name]));
    setScores(
      [...scoreSites(data.sites, data.findings).values()].map((s) => ({
        name: byId.get(s.siteId) ?? s.siteId,
        result: s.result,
        score: s.score,
        reasons: s.reasons,
      })),
    );
  };

  useEffect(() => {
    void browser.storage.local.get('settings').then((got) => setLocale(normalizeSettings(got.settings).lang));
    void reload(null);
  }, []);

  const shown = useMemo(
    () =>
      rows.filter(
        (r) =>
          (!filter.site || r.siteId === filter.site) &&
          (!filter.category || r.category === filter.category) &&
          (!filter.status || r.status === filter.status) &&
          (!filter.severity || r.severity === filter.severity),
      ),
    [rows, filter],
  );
  const proposedCount = sites.filter((s) => s.proposed).length;
  const detail = detailId === null ? undefined : rows.find((r) => r.id === detailId);
  const siteName = (id: number) => sites.find((s) => s.id === id)?.name ?? String(id);
  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN);
  const last = Math.min(shown.length, Math.ceil((scrollTop + height) / ROW) + OVERSCAN);

  const showShot = async (findingId: number) => {
    const s = await database().screenshots.where('findingId').equals(findingId).first();
    if (s) setShot(s);
  };

  const bulk = async (status: FindingStatus) => {
    const n = await setStatus(database(), [...selected], status);
    setMessage(`${n} → ${FINDING_STATUS_LABELS[status][locale]}`);
    setSelected(new Set());
    await reload();
  };

  /** 已排除 and 忽略: the selected texts are right; later scans (this site, or everywhere) leave them alone. */
  const ignoreSelected = async (scope: 'site' | 'global') => {
    const chosen = rows.filter((r) => selected.has(r.id) && r.text && (r.category === 'typo' || r.category === 'expression'));
    for (const r of chosen) {
      const host = new URL(r.pageUrl).host;
      await send('panel→background:ignore', { text: r.text, scope, host });
    }
    await bulk('excluded');
  };

  const editSite = async <F extends keyof SiteEdit>(id: number, field: F, value: SiteEdit[F]) => {
    try {
      await updateSite(database(), id, { [field]: value });
      setMessage('');
    } catch (err) {
      setMessage(String(err instanceof Error ? err.message : err));
    }
    await reload();
  };

  /**
   * 复查: the round's open findings (待复核, 已确认), page by page: fetched again as they are now, scanned,
   * and those no longer there marked 已整改; dead links are checked again.
   */
  const recheck = async () => {
    const open = rows.filter((r) => r.status === 'pending' || r.status === 'confirmed');
    const byPage = new Map<string, FindingRecord[]>();
    for (const r of open) byPage.set(r.pageUrl, [...(byPage.get(r.pageUrl) ?? []), r]);
    setMessage(tr('rechecking', locale));
    // 复查 judges recorded findings again, so every check must see what it saw when it was recorded: the
    // model (typo-context) and the English dictionary (typo-english) are awaited here, not skipped.
    const [segmenter, languageModel, speller, settings] = await Promise.all([
      loadSegmenter().catch(() => undefined),
      loadLanguageModel().catch(() => undefined),
      loadSpeller().catch(() => undefined),
      browser.storage.local.get('settings'),
    ]);
    const s = normalizeSettings(settings.settings);
    const linkChecker = new LinkChecker();
    const present: number[] = [];
    const fixed: number[] = [];
    const failed: string[] = [];
    for (const [url, recorded] of byPage) {
      try {
        const res = await fetch(url, { credentials: 'omit', cache: 'no-store', signal: AbortSignal.timeout(RECHECK_TIMEOUT_MS) });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const { text } = decodeBytes(new Uint8Array(await res.arrayBuffer()), { contentType: res.headers.get('content-type') });
        const doc = new DOMParser().parseFromString(text, 'text/html');
        const today = s.today ?? rounds.find((r) => r.id === roundId)?.monitoringDate ?? new Date().toISOString().slice(0, 10);
        const r = await recheckPage(doc, url, recorded, { today, checks, segmenter, languageModel, speller, linkChecker });
        present.push(...r.present);
        fixed.push(...r.gone);
      } catch (err) {
        failed.push(`${url}（${err instanceof Error ? err.message : String(err)}）`);
      }
    }
    if (fixed.length) await setStatus(database(), fixed, 'fixed');
    await reload();
    const byId = new Map(open.map((r) => [r.id, r]));
    setRecheckReport({ fixed: fixed.map((id) => byId.get(id)!), present: present.map((id) => byId.get(id)!), failed });
    setMessage(
      `${tr('recheckDone', locale)} ${byPage.size}：${tr('stillThere', locale)} ${present.length}，${FINDING_STATUS_LABELS.fixed[locale]} ${fixed.length}${failed.length ? `；${tr('notOpened', locale)} ${failed.length}` : ''}`,
    );
  };

  const exportRound = async () => {
    if (roundId === null) return;
    const { data, screenshots } = await roundExport(database(), roundId);
    const bundle = buildExport(data, screenshots);
    download(`GovReview-${data.round.name}.zip`, bundle.zip as BlobPart, 'application/zip');
    setMessage(tr('exported', locale));
  };

  return (
    <div>
      <header>
        <h1>{tr('ledger', locale)}</h1>
        <select class="round" value={roundId ?? ''} onChange={(e) => void reload(Number((e.target as HTMLSelectElement).value))}>
          {rounds.map((r) => (
            <option value={r.id} key={r.id}>
              {r.name}（{r.monitoringDate}）
            </option>
          ))}
        </select>
        <span class="muted count">
          {shown.length} / {rows.length}
        </span>
      </header>
      <ul class="scores">
        {scores.map((s) => (
          <li key={s.name}>
            {s.name} <span class={s.result === '不合格' ? 'fail' : 'pass'}>{s.result}</span> {s.score !== null && `${s.score} ${tr('points', locale)}`}{' '}
            <span class="muted">{s.reasons.join('；')}</span>
          </li>
        ))}
      </ul>
      {proposedCount > 0 && (
        <p class="proposed-banner">
          {proposedCount} {tr('proposedSites', locale)}
        </p>
      )}
      <details class="sites" open={proposedCount > 0}>
        <summary>{tr('sites', locale)}</summary>
        <table>
          <thead>
            <tr>
              <th>{tr('siteName', locale)}</th>
              <th>网站标识码</th>
              <th>{tr('region', locale)}</th>
              <th>{tr('siteKind', locale)}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {sites.map((s) => (
              <tr key={s.id} data-site={s.id} class={s.proposed ? 'proposed' : undefined}>
                <td>
                  <SiteField class="site-name" value={s.name} onCommit={(v) => void editSite(s.id, 'name', v)} />
                </td>
                <td>
                  <SiteField class="site-code" value={s.siteCode} size={12} onCommit={(v) => void editSite(s.id, 'siteCode', v)} />
                </td>
                <td>
                  <SiteField class="site-region" value={s.region} size={10} onCommit={(v) => void editSite(s.id, 'region', v)} />
                </td>
                <td>
                  <select class="site-kind" value={s.kind} onChange={(e) => void editSite(s.id, 'kind', (e.target as HTMLSelectElement).value as SiteKind)}>
                    <LabelOptions values={SITE_KINDS} labels={SITE_KIND_LABELS} locale={locale} />
                  </select>
                </td>
                <td>
                  {s.proposed && (
                    <button type="button" class="confirm-site" title={tr('proposed', locale)} onClick={() => void editSite(s.id, 'proposed', false)}>
                      {tr('confirmSite', locale)}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <div class="filters">
        <select class="f-site" onChange={(e) => setFilter({ ...filter, site: Number((e.target as HTMLSelectElement).value) })}>
          <option value="0">{tr('allSites', locale)}</option>
          {sites.map((s) => (
            <option value={s.id} key={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <select class="f-category" onChange={(e) => setFilter({ ...filter, category: (e.target as HTMLSelectElement).value as Category | '' })}>
          <option value="">{tr('allCategories', locale)}</option>
          {CATEGORIES.map((c) => (
            <option value={c} key={c}>
              {categoryLabel(c, locale)}
            </option>
          ))}
        </select>
        <select class="f-status" onChange={(e) => setFilter({ ...filter, status: (e.target as HTMLSelectElement).value as FindingStatus | '' })}>
          <option value="">{tr('allStatuses', locale)}</option>
          <LabelOptions values={FINDING_STATUSES} labels={FINDING_STATUS_LABELS} locale={locale} />
        </select>
        <select class="f-severity" onChange={(e) => setFilter({ ...filter, severity: (e.target as HTMLSelectElement).value as Severity | '' })}>
          <option value="">{tr('allSeverities', locale)}</option>
          {SEVERITIES.map((s) => (
            <option value={s} key={s}>
              {severityLabel(s, locale)}
            </option>
          ))}
        </select>
      </div>
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
        {shown.slice(first, last).map((r, i) => (
          <div class="row" key={r.id} style={{ top: `${(first + i) * ROW}px` }} data-id={r.id}>
            <input
              type="checkbox"
              checked={selected.has(r.id)}
              onChange={(e) => {
                const next = new Set(selected);
                if ((e.target as HTMLInputElement).checked) next.add(r.id);
                else next.delete(r.id);
                setSelected(next);
              }}
            />
            <div class="body">
              <div class="line">
                <span class={`chip c-${r.category}`}>{categoryLabel(r.category, locale)}</span>{' '}
                <span class={r.severity}>{severityLabel(r.severity, locale)}</span> <span class="status">{FINDING_STATUS_LABELS[r.status][locale]}</span>{' '}
                {r.message}
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
                <button type="button" class="show-shot" onClick={() => void showShot(r.id)}>
                  {tr('screenshot', locale)}
                </button>{' '}
                <button type="button" class="show-detail" onClick={() => setDetailId(r.id)}>
                  {tr('details', locale)}
                </button>
              </div>
            </div>
          </div>
        ))}
      </div>
      <div class="tools">
        <button type="button" class="recheck" disabled={roundId === null || !rows.length} onClick={() => void recheck()}>
          {tr('recheck', locale)}
        </button>
        <button type="button" class="export" disabled={roundId === null} onClick={() => void exportRound()}>
          {tr('exportZip', locale)}
        </button>
        <button type="button" class="backup" onClick={async () => download(`GovReview-backup.json`, await exportBackup(database()), 'application/json')}>
          {tr('backup', locale)}
        </button>
        <label>
          {tr('merge', locale)}
          <input
            type="file"
            accept=".json,application/json"
            class="merge"
            onChange={async (e) => {
              const file = (e.target as HTMLInputElement).files?.[0];
              if (!file) return;
              try {
                const report = await mergeBackup(database(), file);
                setMessage(JSON.stringify(report));
              } catch (err) {
                setMessage(String(err instanceof Error ? err.message : err));
              }
              await reload();
            }}
          />
        </label>
        <label>
          {tr('restore', locale)}
          <input
            type="file"
            accept=".json,application/json"
            class="restore"
            onChange={async (e) => {
              const input = e.target as HTMLInputElement;
              const file = input.files?.[0];
              if (!file) return;
              // Restoring replaces everything: only after the reviewer says so.
              if (!confirm(tr('restoreConfirm', locale))) {
                input.value = '';
                return;
              }
              try {
                await restoreBackup(database(), file);
                setMessage(tr('restored', locale));
              } catch (err) {
                setMessage(String(err instanceof Error ? err.message : err));
              }
              await reload(null);
            }}
          />
        </label>
      </div>
      {message && <div class="msg">{message}</div>}
      {recheckReport && (
        <details class="recheck-report" open>
          <summary>
            {tr('recheckChanges', locale)}{' '}
            <button type="button" class="recheck-report-close" onClick={() => setRecheckReport(null)}>
              {tr('close', locale)}
            </button>
          </summary>
          {(
            [
              ['fixed', FINDING_STATUS_LABELS.fixed[locale], recheckReport.fixed],
              ['present', tr('stillThere', locale), recheckReport.present],
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
          {recheckReport.failed.length > 0 && (
            <div class="rr-failed">
              <strong>
                {tr('notOpened', locale)} {recheckReport.failed.length}
              </strong>
              <ul>
                {recheckReport.failed.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
            </div>
          )}
        </details>
      )}
      {detail && (
        <FindingDetail
          finding={detail}
          siteName={siteName(detail.siteId)}
          locale={locale}
          onClose={() => setDetailId(null)}
          onSave={async (status, note) => {
            if (status !== detail.status) await setStatus(database(), [detail.id], status);
            if (note !== detail.note) await setNote(database(), detail.id, note);
            setMessage(tr('saved', locale));
            await reload();
          }}
        />
      )}
      {shot && <ScreenshotView shot={shot} locale={locale} onClose={() => setShot(null)} />}
    </div>
  );
}
