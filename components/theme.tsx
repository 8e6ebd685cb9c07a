import { paletteCss } from '@/lib/i18n/labels';

/**
 * The category and severity colours of an extension page (popup, ledger), generated from the one palette in
 * lib/i18n/labels.ts: the `--gr-cat-*` / `--gr-sev-*` custom properties and the `.c-*` / `.sev-*` rules the
 * page's stylesheet relies on. Render it once, anywhere in the page.
 */
export function PaletteStyle() {
  return <style>{paletteCss(':root')}</style>;
}
