import { useEffect, useRef } from 'preact/hooks';
import { isAccount, SITE_KIND_LABELS, SITE_KINDS, type Site, type SiteKind } from '@/lib/db/records';
import { updateSite, type SiteEdit } from '@/lib/db/repo';
import type { Locale } from '@/lib/engine/types';
import { tr } from '@/lib/i18n/ui-strings';
import { PLATFORM_LABELS } from '@/lib/newmedia/platforms';
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

/** The button that confirms a proposed site or account. */
function ConfirmButton({ site, locale, onConfirm }: { site: Site; locale: Locale; onConfirm(): void }) {
  return site.proposed ? (
    <button type="button" class="confirm-site" title={tr('proposed', locale)} onClick={onConfirm}>
      {tr('confirmSite', locale)}
    </button>
  ) : null;
}

/**
 * The 政务新媒体 accounts: 平台 and 账号 (its id, else its page) as the page showed them, 账号名称 and 主办单位 (the
 * site's 县（区）/部门, as the notices list accounts) edited in place and confirmed as a site's.
 */
function AccountTable({
  accounts,
  locale,
  edit,
}: {
  accounts: readonly Site[];
  locale: Locale;
  edit<F extends keyof SiteEdit>(id: number, field: F, value: SiteEdit[F]): void;
}) {
  return (
    <details class="sites accounts" open={accounts.some((s) => s.proposed)}>
      <summary>{tr('accounts', locale)}</summary>
      <table>
        <thead>
          <tr>
            <th>{tr('platform', locale)}</th>
            <th>{tr('accountName', locale)}</th>
            <th>{tr('account', locale)}</th>
            <th>{tr('accountOwner', locale)}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {accounts.map((s) => (
            <tr key={s.id} data-site={s.id} class={s.proposed ? 'proposed' : undefined}>
              <td class="account-platform">{s.platform ? PLATFORM_LABELS[s.platform][locale] : tr('otherPlatform', locale)}</td>
              <td>
                <SiteField class="site-name" value={s.name} onCommit={(v) => edit(s.id, 'name', v)} />
              </td>
              <td class="account-id" title={s.accountUrl}>
                {s.accountId || s.accountUrl || ''}
              </td>
              <td>
                <SiteField class="site-region" value={s.region} size={12} onCommit={(v) => edit(s.id, 'region', v)} />
              </td>
              <td>
                <ConfirmButton site={s} locale={locale} onConfirm={() => edit(s.id, 'proposed', false)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/**
 * The sites: 网站名称, 网站标识码, 县（区）/部门 and kind, edited in place; sites proposed from a page's footer
 * while recording are flagged (a banner, the table open) until the reviewer confirms them. 政务新媒体 accounts
 * (proposed from the account a page shows) are listed apart, with their 平台 and 账号.
 */
export function SiteTable({ sites: all, locale, say }: { sites: readonly Site[]; locale: Locale; say(message: string): void }) {
  const proposedCount = all.filter((s) => s.proposed).length;
  const sites = all.filter((s) => !isAccount(s));
  const accounts = all.filter(isAccount);
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
      <details class="sites" open={sites.some((s) => s.proposed)}>
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
                  <ConfirmButton site={s} locale={locale} onConfirm={() => void edit(s.id, 'proposed', false)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {accounts.length > 0 && <AccountTable accounts={accounts} locale={locale} edit={(id, field, value) => void edit(id, field, value)} />}
    </>
  );
}
