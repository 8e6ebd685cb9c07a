import { FINDING_STATUS_LABELS, FINDING_STATUSES, type FindingRecord, type FindingStatus, type Site } from '@/lib/db/records';
import type { Category, Locale, Severity } from '@/lib/engine/types';
import { CATEGORIES, categoryLabel, SEVERITIES, severityLabel } from '@/lib/i18n/labels';
import { tr } from '@/lib/i18n/ui-strings';
import { LabelOptions } from '../label-options';

/** The ledger's filter: one site (0: all), 问题类型, 状态, 严重程度 ('' : all). */
export interface LedgerFilter {
  site: number;
  category: Category | '';
  status: FindingStatus | '';
  severity: Severity | '';
}

/** The filter that lets every finding through: the ledger opens with it. */
export const NO_FILTER: LedgerFilter = { site: 0, category: '', status: '', severity: '' };

/** The findings the filter lets through, in their order. */
export function applyFilter(rows: readonly FindingRecord[], f: LedgerFilter): FindingRecord[] {
  return rows.filter(
    (r) =>
      (!f.site || r.siteId === f.site) &&
      (!f.category || r.category === f.category) &&
      (!f.status || r.status === f.status) &&
      (!f.severity || r.severity === f.severity),
  );
}

/** The four filter selects above the finding list. */
export function Filters({
  sites,
  filter,
  locale,
  onChange,
}: {
  sites: readonly Site[];
  filter: LedgerFilter;
  locale: Locale;
  onChange(f: LedgerFilter): void;
}) {
  const value = (e: Event) => (e.target as HTMLSelectElement).value;
  return (
    <div class="filters">
      <select class="f-site" value={String(filter.site)} onChange={(e) => onChange({ ...filter, site: Number(value(e)) })}>
        <option value="0">{tr('allSites', locale)}</option>
        {sites.map((s) => (
          <option value={s.id} key={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      <select class="f-category" value={filter.category} onChange={(e) => onChange({ ...filter, category: value(e) as Category | '' })}>
        <option value="">{tr('allCategories', locale)}</option>
        {CATEGORIES.map((c) => (
          <option value={c} key={c}>
            {categoryLabel(c, locale)}
          </option>
        ))}
      </select>
      <select class="f-status" value={filter.status} onChange={(e) => onChange({ ...filter, status: value(e) as FindingStatus | '' })}>
        <option value="">{tr('allStatuses', locale)}</option>
        <LabelOptions values={FINDING_STATUSES} labels={FINDING_STATUS_LABELS} locale={locale} />
      </select>
      <select class="f-severity" value={filter.severity} onChange={(e) => onChange({ ...filter, severity: value(e) as Severity | '' })}>
        <option value="">{tr('allSeverities', locale)}</option>
        {SEVERITIES.map((s) => (
          <option value={s} key={s}>
            {severityLabel(s, locale)}
          </option>
        ))}
      </select>
    </div>
  );
}
