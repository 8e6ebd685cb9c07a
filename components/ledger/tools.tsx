import { useRef, useState } from 'preact/hooks';
import { exportBackup, mergeBackup, restoreBackup, type MergeReport } from '@/lib/db/backup';
import { roundExport } from '@/lib/db/to-export';
import type { Locale } from '@/lib/engine/types';
import type { RecheckState } from '@/lib/extension/protocol';
import { buildExport } from '@/lib/export/zip';
import { tr } from '@/lib/i18n/ui-strings';
import { RecheckProgress } from './recheck-report';
import { askForPages } from '../host-grant';
import { originsToAsk } from '@/lib/extension/access';
import { database, send } from './use-ledger';

function download(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const errorText = (err: unknown) => String(err instanceof Error ? err.message : err);

/** What a merge did, in the reviewer's words (新增问题 3 条，新增网站 1 个 …). */
export function mergeSummary(r: MergeReport, locale: Locale): string {
  const parts = [tr('mergeFindings', locale, r.findings.added), tr('mergeSites', locale, r.sites.added), tr('mergeShots', locale, r.screenshots.added)];
  // What changed here, not only what was added: a decision taken over, a site's fields, a screenshot replaced.
  if (r.findings.updated) parts.push(tr('mergeFindingsUpdated', locale, r.findings.updated));
  if (r.sites.updated) parts.push(tr('mergeSitesUpdated', locale, r.sites.updated));
  if (r.screenshots.removed) parts.push(tr('mergeShotsReplaced', locale, r.screenshots.removed));
  if (r.findings.skipped) parts.push(tr('mergeSkipped', locale, r.findings.skipped));
  return `${tr('mergeDone', locale)}${parts.join(locale === 'zh-CN' ? '，' : ', ')}`;
}

/**
 * A file picker in the ledger's words: a button that opens the hidden file input (its class is the one the
 * tests set files on) and the chosen file's name, 未选择文件 before. `onFile` returning false (the reviewer
 * cancelled) forgets the choice.
 */
function FilePicker(props: { class: string; label: string; locale: Locale; onFile(file: File, input: HTMLInputElement): Promise<unknown> }) {
  const [name, setName] = useState('');
  const input = useRef<HTMLInputElement>(null);
  return (
    <span class={`file-picker ${props.class}-picker`}>
      <button type="button" class={`pick ${props.class}-pick`} onClick={() => input.current?.click()}>
        {props.label}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        class={props.class}
        hidden
        aria-label={props.label}
        onChange={async (e) => {
          const el = e.target as HTMLInputElement;
          const file = el.files?.[0];
          setName(file?.name ?? '');
          if (!file) return;
          if ((await props.onFile(file, el)) === false) setName('');
          // The same file chosen again (another merge after a fix) fires change again.
          el.value = '';
        }}
      />
      <span class="file-name" title={name || undefined}>
        {name || tr('noFileChosen', props.locale)}
      </span>
    </span>
  );
}

/**
 * What the tools act on: the round shown (null before anything was recorded: 复查 and 导出 are off) and the
 * background's 复查 in progress, if any, whose progress they show.
 */
export interface ToolsProps {
  roundId: number | null;
  /** The round has findings (复查 has something to look at). */
  hasRows: boolean;
  recheck: RecheckState | undefined;
  locale: Locale;
  say(message: string): void;
  /** After a restore: the ledger shows the latest round of the restored data. */
  onRestored(): void;
}

/**
 * The ledger's tools: 复查 (run by the background; its progress shown here), 导出问题清单 (the only place the
 * screenshots are read: into the ZIP), 备份, 合并他人备份, 从备份恢复.
 */
export function Tools({ roundId, hasRows, recheck, locale, say, onRestored }: ToolsProps) {
  const running = !!recheck?.running;

  const startRecheck = async () => {
    if (roundId === null) return;
    say('');
    try {
      // The pages of the round off gov.cn: Chrome asks the reviewer for their hosts first (refused ones fail with that reason).
      const records = await database().findings.where('roundId').equals(roundId).toArray();
      await askForPages(originsToAsk(records.flatMap((r) => [r.pageUrl, ...(r.frameUrl ? [r.frameUrl] : [])])));
      await send('panel→background:recheck', { roundId });
    } catch (err) {
      say(errorText(err));
    }
  };

  const exportRound = async () => {
    if (roundId === null) return;
    const { data, screenshots } = await roundExport(database(), roundId);
    const bundle = buildExport(data, screenshots);
    download(`GovReview-${data.round.name}.zip`, bundle.zip as BlobPart, 'application/zip');
    say(tr('exported', locale));
  };

  return (
    <div class="tools">
      <button type="button" class="recheck" disabled={roundId === null || !hasRows || running} onClick={() => void startRecheck()}>
        {tr('recheck', locale)}
      </button>
      {recheck?.running && <RecheckProgress state={recheck} locale={locale} />}
      <button type="button" class="export" disabled={roundId === null} onClick={() => void exportRound()}>
        {tr('exportZip', locale)}
      </button>
      <button type="button" class="backup" onClick={async () => download('GovReview-backup.json', await exportBackup(database()), 'application/json')}>
        {tr('backup', locale)}
      </button>
      <FilePicker
        class="merge"
        label={tr('merge', locale)}
        locale={locale}
        onFile={async (file) => {
          try {
            say(mergeSummary(await mergeBackup(database(), file), locale));
          } catch (err) {
            say(errorText(err));
          }
        }}
      />
      <FilePicker
        class="restore"
        label={tr('restore', locale)}
        locale={locale}
        onFile={async (file, input) => {
          // Restoring replaces everything: only after the reviewer says so.
          if (!confirm(tr('restoreConfirm', locale))) {
            input.value = '';
            return false;
          }
          try {
            await restoreBackup(database(), file);
            say(tr('restored', locale));
          } catch (err) {
            say(errorText(err));
          }
          onRestored();
        }}
      />
    </div>
  );
}
