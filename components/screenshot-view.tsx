import { useEffect, useMemo } from 'preact/hooks';
import { CAPTURE_NOTE_LABELS, type Screenshot } from '@/lib/db/records';
import type { Locale } from '@/lib/engine/types';
import { tr } from '@/lib/i18n/ui-strings';

/**
 * A finding's screenshot over the ledger (a click closes it): the visible part of the tab fitted to the
 * panel; a whole page (整页) at the panel's width, scrolled; the note when the image is not all that was asked.
 */
export function ScreenshotView({ shot, locale, onClose }: { shot: Screenshot; locale: Locale; onClose: () => void }) {
  const url = useMemo(() => URL.createObjectURL(new Blob([shot.bytes as BlobPart], { type: shot.mime })), [shot]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a full-screen overlay that closes on click or key, holding block content
    <div
      class={shot.fullPage ? 'shot full-page' : 'shot'}
      role="button"
      tabIndex={0}
      onClick={onClose}
      onKeyDown={(e) => (e.key === 'Escape' || e.key === 'Enter' || e.key === ' ') && onClose()}
    >
      {shot.note && <p class="shot-note">{CAPTURE_NOTE_LABELS[shot.note][locale]}</p>}
      <img src={url} alt={tr(shot.fullPage ? 'fullPageShot' : 'screenshot', locale)} />
    </div>
  );
}
