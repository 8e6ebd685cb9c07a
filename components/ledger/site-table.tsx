import { useEffect, useRef } from 'preact/hooks';
import { SITE_KIND_LABELS, SITE_KINDS, type Site, type SiteKind } from '@/lib/db/records';
import { updateSite, type SiteEdit } from '@/lib/db/repo';
import type { Locale } from '@/lib/engine/types';
import { tr } from '@/lib/i18n/ui-strings';
import { LabelOptions } from '../label-options';
import { database } from './use-ledger';

/**
 * A site field the reviewer types into. Uncontrolled while focused: an update of the ledger that lands while
 * the reviewer is typing (a finding recorded meanwhile, say) must not put the stored value back over the typing.
 * The edit is committed on change (blur or Enter).
 */
function SiteField(props: { class: string; value: string; size?: number; onCommit(value: string): void }) {
  const ref = useRef<HTMLInputElement>(null);
  // After every render (an update, a refused edit): show the stored value unless the reviewer is typing.
  useEffect(() => {
    const el = ref.current;
    if (el && el !== document.activeElement && el.value !== props.value) el.value = props.value;
  });
  return (
    <input ref={ref} class={props.class} size={props.size} defaultValue={props.value} onChange={(e) => props.onCommit((e.target as HTMLInputElement).value)} />
  );
}

/**
 * The sites: 网站名称, 网站标识码, 县（区）/部门 and kind, edited in place; sites proposed from a page's footer
 * while recording are flagged (a banner, the table open) until the reviewer confirms them.
 */
export function SiteTable({ sites, locale, say }: { sites: readonly Site[]; locale: Locale; say(message: string): void }) {
  const proposedCount = sites.filter((s) => s.proposed).length;
  const edit = async <F extends keyof SiteEdit>(id: number, field: F, value: SiteEdit[F]) => {
    try {
      await updateSite(database(), id, { [field]: value });
      say('');
    } catch (err) {
      say(String(err instanceof Error ? err.message : err));
    }
  };
  return (
    <>
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
                  <SiteField class="site-name" value={s.name} onCommit={(v) => void edit(s.id, 'name', v)} />
                </td>
                <td>
                  <SiteField class="site-code" value={s.siteCode} size={12} onCommit={(v) => void edit(s.id, 'siteCode', v)} />
                </td>
                <td>
                  <SiteField class="site-region" value={s.region} size={10} onCommit={(v) => void edit(s.id, 'region', v)} />
                </td>
                <td>
                  <select class="site-kind" value={s.kind} onChange={(e) => void edit(s.id, 'kind', (e.target as HTMLSelectElement).value as SiteKind)}>
                    <LabelOptions values={SITE_KINDS} labels={SITE_KIND_LABELS} locale={locale} />
                  </select>
                </td>
                <td>
                  {s.proposed && (
                    <button type="button" class="confirm-site" title={tr('proposed', locale)} onClick={() => void edit(s.id, 'proposed', false)}>
                      {tr('confirmSite', locale)}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
