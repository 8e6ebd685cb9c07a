/**
 * The 政务新媒体 fixtures (tests/fixtures/newmedia/): each page with the URL it is read under, from fixtures.json,
 * parsed by linkedom and built into a text model as the CLI builds one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import manifest from '../../fixtures/newmedia/fixtures.json';
import { buildTextModel, type BuildOptions } from '../../../lib/text-model/build';
import type { NewMediaInfo, Severity, TextModel } from '../../../lib/engine/types';

export const FIXTURE_DIR = join(__dirname, '..', '..', 'fixtures', 'newmedia');
/** The review date the fixtures' expectations are written against. */
export const REVIEW_DATE = manifest.reviewDate;

export interface NewMediaFixture {
  file: string;
  url: string;
  platform: NewMediaInfo['platform'];
  pageKind: NewMediaInfo['pageKind'];
  /** The one newmedia-update finding on the review date, or null. */
  finding: { messageId: string; kind: string; severity: Severity; text?: string; at?: 'first' | 'last' | 'only' } | null;
}

export const fixtures = manifest.fixtures as NewMediaFixture[];

/** The fixture's entry by file name. */
export function fixture(file: string): NewMediaFixture {
  const f = fixtures.find((x) => x.file === file);
  if (!f) throw new Error(`no fixture ${file}`);
  return f;
}

export function fixtureHtml(file: string): string {
  return readFileSync(join(FIXTURE_DIR, file), 'utf8');
}

/** The fixture parsed (linkedom), to read with an adapter. */
export function fixtureDoc(file: string): Document {
  return parseHTML(fixtureHtml(file)).document as unknown as Document;
}

/** The fixture's text model, built under its URL (or another). */
export function fixtureModel(file: string, opts: BuildOptions = {}): TextModel {
  return buildTextModel(fixtureDoc(file), { url: fixture(file).url, ...opts }).model;
}
