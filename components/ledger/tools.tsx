import { exportBackup, mergeBackup, restoreBackup } from '@/lib/db/backup';
import { roundExport } from '@/lib/db/to-export';
import type { Locale } from '@/lib/engine/types';
import type { RecheckState } from '@/lib/extension/protocol';
import { buildExport } from '@/lib/export/zip';
import { tr } from '@/lib/i18n/ui-strings';
import { RecheckProgress } from './recheck-report';
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
              say(JSON.stringify(await mergeBackup(database(), file)));
            } catch (err) {
              say(errorText(err));
            }
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
              say(tr('restored', locale));
            } catch (err) {
              say(errorText(err));
            }
            onRestored();
          }}
        />
      </label>
    </div>
  );
}
