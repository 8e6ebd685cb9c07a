/**
 * The input files of `npm run export`: what `npm run scan -- … --json` prints (one object, a JSON array of
 * them, or JSON lines) or a GovReview backup (the ledger's 备份 file, lib/db/backup.ts), told apart by the
 * backup's `format` field. Every way a file can be wrong is an InputError naming the file, raised before
 * anything is written.
 */
import { readFile, stat } from 'node:fs/promises';
import { BackupError, readBackup } from '../lib/db/backup';
import { CATEGORIES, SEVERITIES } from '../lib/i18n/labels';
import type { Category, Severity } from '../lib/engine/types';
import { InputError } from './errors';

/** The fields of one `npm run scan --json` document that the export reads. */
export interface ScanDoc {
  target?: unknown;
  url?: unknown;
  today?: unknown;
  /** The page's <title> (printed by the scan since the export names sites by their home page's title). */
  title?: unknown;
  /** The site as sites.csv names it (`npm run crawl` lines: 网站名称, 网址, 网站标识码), preferred to the page's. */
  site?: unknown;
  /** A 政务新媒体 page's account (`scan --json` of a platform page): its findings are filed under the account. */
  newMedia?: unknown;
  findings: Record<string, unknown>[];
}

/** A backup's rows, validated, screenshot bytes decoded. */
export type BackupTables = Awaited<ReturnType<typeof readBackup>>;

/** One input file of `npm run export`, read and checked: its scans, or the tables of a backup. */
export type ExportInput = { kind: 'scans'; file: string; scans: ScanDoc[] } | { kind: 'backup'; file: string; tables: BackupTables };

/**
 * Largest input file read. A backup carries its screenshots as base64 (7 MB of JPEG for 100 findings), so the
 * cap is far above the scan's 10 MB; it stays below V8's longest string (2^29 characters), past which Node
 * could not even hold the text.
 */
export const MAX_INPUT_BYTES = 500 * 1024 * 1024;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Bytes as text: UTF-8 (a BOM is dropped), or UTF-16 when a BOM says so (Windows PowerShell 5 writes
 * `npm run scan … --json > scans.jsonl` as UTF-16 LE).
 */
function decodeJson(bytes: Uint8Array, file: string): string {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${file} is not JSON (not UTF-8 text)`);
  }
}

/** Parses the scans of a file: the whole text as JSON (`whole`, when it parsed), else as JSON lines. */
function parseScans(text: string, whole: { value: unknown } | undefined, file: string): ScanDoc[] {
  let docs: unknown[];
  if (whole) {
    docs = Array.isArray(whole.value) ? whole.value : [whole.value];
  } else {
    const lines = text.split(/\r?\n/).filter((l) => l.trim());
    if (!lines.length) throw new InputError(`${file} is empty`);
    try {
      docs = lines.map((l) => JSON.parse(l) as unknown);
    } catch {
      throw new InputError(`${file} is not JSON (one scan, an array of scans, JSON lines, or a GovReview backup)`);
    }
  }
  if (!docs.length) throw new InputError(`${file} holds no scans`);
  docs.forEach((d, i) => {
    const findings = (d as { findings?: unknown } | null)?.findings;
    if (!isObject(d) || !Array.isArray(findings)) throw new InputError(`scan ${i + 1} of ${file} has no findings array`);
    findings.forEach((f: unknown, j) => {
      if (!isObject(f)) throw new InputError(`scan ${i + 1} of ${file} has a finding that is not an object`);
      if (!CATEGORIES.includes(f.category as Category) || !SEVERITIES.includes(f.severity as Severity)) {
        throw new InputError(`scan ${i + 1} of ${file}, finding ${j + 1}: category or severity missing or unknown`);
      }
    });
  });
  return docs as ScanDoc[];
}

/** One input file's text as scans or as a backup (an object with a `format` field), validated in full. */
export async function parseExportInput(text: string, file: string): Promise<ExportInput> {
  let whole: { value: unknown } | undefined;
  try {
    whole = { value: JSON.parse(text) as unknown };
  } catch {
    whole = undefined;
  }
  if (whole && isObject(whole.value) && 'format' in whole.value) {
    try {
      return { kind: 'backup', file, tables: await readBackup(text) };
    } catch (e) {
      if (e instanceof BackupError) throw new InputError(`${file}: ${e.message}`);
      throw e;
    }
  }
  return { kind: 'scans', file, scans: parseScans(text, whole, file) };
}

/** Reads and parses one input file. */
export async function readExportInput(file: string): Promise<ExportInput> {
  let bytes: Uint8Array;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new InputError(`${file} is a folder; give scan JSON or backup files`);
    if (info.size > MAX_INPUT_BYTES)
      throw new InputError(`${file} is too large (${Math.round(info.size / 2 ** 20)} MB; the limit is ${MAX_INPUT_BYTES / 2 ** 20} MB)`);
    bytes = await readFile(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  return parseExportInput(decodeJson(bytes, file), file);
}
