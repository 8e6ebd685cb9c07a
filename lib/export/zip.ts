/**
 * The export bundle: the CSV, the HTML report and every screenshot in one ZIP, laid out so the report opens
 * from the unpacked folder (report.html next to screenshots/<file>). fflate: pure JS, synchronous, runs in the
 * service worker and in Node alike.
 */
import { zipSync, type Zippable } from 'fflate';
import { findingsCsv } from './csv';
import type { ExportData } from './model';
import { reportHtml, SCREENSHOT_DIR } from './report-html';
import { scoreSites, type SiteScore } from './scoring';

/** File names inside the ZIP (and of the CLI's loose files). */
export const EXPORT_FILES = { csv: 'findings.csv', html: 'report.html', zip: 'govreview-export.zip' } as const;

/** Screenshot files by name, as ExportFinding.screenshot names them. */
export type Screenshots = ReadonlyMap<string, Uint8Array>;

/**
 * A screenshot name must be a plain file name: no folders, no '..', no control or reserved characters, so a
 * name from storage can never write outside screenshots/ when the ZIP is unpacked (zip-slip).
 */
export function isSafeFileName(name: string): boolean {
  return name.length > 0 && name.length <= 200 && name !== '.' && name !== '..' && !/[\\/:*?"<>|\u0000-\u001f\u007f]/.test(name);
}

/** Already compressed formats are stored, text is deflated. */
const STORED = /\.(png|jpe?g|webp|gif)$/i;

/** What goes into the export ZIP: the CSV, the report and the screenshots it links to. */
export interface ZipParts {
  csv: string;
  html: string;
  screenshots: Screenshots;
  /** Time stamp of every entry (default: the ZIP format's epoch, 1980-01-01, so the output is reproducible). */
  mtime?: Date;
}

/** Builds the ZIP. Throws on a screenshot name that is not a plain file name. */
export function buildExportZip({ csv, html, screenshots, mtime = new Date(1980, 0, 1) }: ZipParts): Uint8Array {
  const text = new TextEncoder();
  const files: Zippable = {
    [EXPORT_FILES.csv]: [text.encode(csv), { level: 6 }],
    [EXPORT_FILES.html]: [text.encode(html), { level: 6 }],
  };
  for (const [name, bytes] of screenshots) {
    if (!isSafeFileName(name)) throw new Error(`unsafe screenshot file name: ${JSON.stringify(name)}`);
    files[`${SCREENSHOT_DIR}/${name}`] = [bytes, { level: STORED.test(name) ? 0 : 6 }];
  }
  return zipSync(files, { mtime });
}

/** What `buildExport` makes: the CSV and report (also written loose by the CLI), the ZIP holding them, and each site's score by site id. */
export interface ExportBundle {
  csv: string;
  html: string;
  zip: Uint8Array;
  scores: Map<string, SiteScore>;
  /** Screenshot names the findings give but `screenshots` lacks (the report shows a broken image for them). */
  missingScreenshots: string[];
}

/** Everything an export writes, from one set of records: scores, CSV, report and the ZIP holding them. */
export function buildExport(data: ExportData, screenshots: Screenshots = new Map()): ExportBundle {
  const scores = scoreSites(data.sites, data.findings);
  const csv = findingsCsv(data.sites, data.findings);
  const html = reportHtml(data, scores);
  const named = new Set(data.findings.flatMap((f) => (f.screenshot ? [f.screenshot] : [])));
  const missingScreenshots = [...named].filter((n) => !screenshots.has(n));
  const [y, m, d] = data.round.monitoringDate.split('-').map(Number);
  const mtime = y >= 1980 ? new Date(y, m - 1, d) : undefined;
  return { csv, html, zip: buildExportZip({ csv, html, screenshots, mtime }), scores, missingScreenshots };
}
