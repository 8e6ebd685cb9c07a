import { useEffect, useRef, useState } from 'preact/hooks';
import { FINDING_STATUS_LABELS, FINDING_STATUSES, type FindingRecord, type FindingStatus } from '@/lib/db/records';
import { beijingTime } from '@/lib/export/csv';
import { categoryLabel, severityLabel } from '@/lib/i18n/labels';
import type { Locale } from '@/lib/engine/types';
import { tr } from '@/lib/i18n/ui-strings';
import { LabelOptions } from './label-options';

/** What FindingDetail shows (the finding, its site's name, the UI language) and whom it tells: `onClose` on Escape or 关闭. */
export interface FindingDetailProps {
  finding: FindingRecord;
  siteName: string;
  locale: Locale;
  /** Saves the reviewer's verdict and note; resolves once stored. */
  onSave(status: FindingStatus, note: string): Promise<void>;
  onClose(): void;
}

/**
 * One finding of the ledger in full (问题类型, 严重程度, 问题描述, 原文 with the words around it, 建议, 页面,
 * 发现时间), with its status and the reviewer's 备注 to edit. Page text is rendered as text nodes only.
 */
export function FindingDetail({ finding: f, siteName, locale, onSave, onClose }: FindingDetailProps) {
  const [status, setStatus] = useState<FindingStatus>(f.status);
  const [note, setNote] = useState(f.note);
  const [saving, setSaving] = useState(false);
  // The stored values the edits started from. When the record changes under the dialog (a write of the
  // background, a save), a field follows it only where the reviewer has not edited it: a refresh of the
  // ledger never takes back a status chosen or a note typed and not yet saved. The test reads the field as
  // it is now (an update function), not as it was when the effect was made: a busy browser runs effects
  // late, after the reviewer has already picked a status.
  const stored = useRef({ id: f.id, status: f.status, note: f.note });
  useEffect(() => {
    const was = stored.current;
    const other = was.id !== f.id;
    setStatus((now) => (other || now === was.status ? f.status : now));
    setNote((now) => (other || now === was.note ? f.note : now));
    stored.current = { id: f.id, status: f.status, note: f.note };
  }, [f.id, f.status, f.note]);
  const dirty = status !== f.status || note !== f.note;
  const found = beijingTime(new Date(f.createdAt).toISOString());

  return (
    <div class="detail" role="dialog" aria-label={f.message} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <dl>
        <dt>{tr('siteName', locale)}</dt>
        <dd class="d-site">{siteName}</dd>
        <dt>{tr('page', locale)}</dt>
        <dd class="d-page">
          {f.pageTitle && <div>{f.pageTitle}</div>}
          <div class="muted">{f.pageUrl}</div>
        </dd>
        <dt>{tr('category', locale)}</dt>
        <dd>
          <span class={`chip c-${f.category}`}>{categoryLabel(f.category, locale)}</span>{' '}
          <span class={`sev sev-${f.severity}`}>{severityLabel(f.severity, locale)}</span>
        </dd>
        <dt>{tr('description', locale)}</dt>
        <dd class="d-message">{f.message}</dd>
        <dt>{tr('original', locale)}</dt>
        <dd class="d-text">
          {f.anchor?.prefix && <span class="muted">…{f.anchor.prefix}</span>}
          <mark>{f.text}</mark>
          {f.anchor?.suffix && <span class="muted">{f.anchor.suffix}…</span>}
        </dd>
        {f.suggestion && (
          <>
            <dt>{tr('suggestion', locale)}</dt>
            <dd class="d-suggestion">{f.suggestion}</dd>
          </>
        )}
        <dt>{tr('foundAt', locale)}</dt>
        <dd>{found}</dd>
        <dt>{tr('status', locale)}</dt>
        <dd>
          <select class="d-status" value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value as FindingStatus)}>
            <LabelOptions values={FINDING_STATUSES} labels={FINDING_STATUS_LABELS} locale={locale} />
          </select>
        </dd>
        <dt>{tr('note', locale)}</dt>
        <dd>
          <textarea class="d-note" rows={3} maxLength={2000} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} />
        </dd>
      </dl>
      <div class="detail-actions">
        <button
          type="button"
          class="d-save"
          disabled={!dirty || saving}
          onClick={async () => {
            setSaving(true);
            try {
              await onSave(status, note);
            } finally {
              setSaving(false);
            }
          }}
        >
          {tr('save', locale)}
        </button>
        <button type="button" class="d-close" onClick={onClose}>
          {tr('close', locale)}
        </button>
      </div>
    </div>
  );
}
