/**
 * Runs the extension's checks on a loaded target in Node: an HTML page is parsed with linkedom and
 * turned into the same text model the content script builds (frames are fetched and scanned as
 * frames, up to MAX_FRAMES); a text file is scanned line by line.
 */
import { parseHTML } from 'linkedom';
import { checks as registry } from '../lib/checks';
import { linkTargets, resultsByUrl } from '../lib/links/targets';
import { DEFAULT_USER_AGENT, LinkChecker } from '../lib/links/link-checker';
import { testSiteSearch } from '../lib/search/search-test';
import { isHomePage } from '../lib/text-model/page-kind';
import { runChecks, type EngineOptions } from '../lib/engine/engine';
import { buildTextModel } from '../lib/text-model/build';
import { textModelFromPlainText } from '../lib/text-model/from-text';
import type { Check, EngineError, Finding, NewMediaInfo, TextModel } from '../lib/engine/types';
import { boundedFetch } from './bounded-fetch';
import { loadNodeJieba } from './node-jieba';
import { loadNodeLanguageModel } from './node-language-model';
import { nodeSpeller } from './node-speller';
import { loadTarget, type Loaded, type LoadOptions } from './load';

/** Frames fetched per page (a frameset site rarely has more than a handful; a hostile page may have thousands). */
export const MAX_FRAMES = 10;
const MAX_FRAME_DEPTH = 3;

/**
 * How to scan: the review date (审读日期) the checks count from, whether links are checked over the network, and
 * what tests substitute (the checks, the link checker); the load bounds apply to the page and to each frame.
 */
export interface ScanOptions extends LoadOptions {
  today: string;
  links: boolean;
  /** Scan the target as if it came from this address (a saved page's original URL); its frames are not fetched. */
  asUrl?: string;
  /** Submit the search of a home page (http or https) once and judge it (lib/search); default: as `links`. */
  search?: boolean;
  checks?: readonly Check[];
  /** The link checker (one per run: its cache spans the page and its frames). */
  linkChecker?: LinkChecker;
  /** Progress of link checking, for the readable report (stderr). */
  onLinkProgress?: (done: number, total: number) => void;
}

/** One document the scan read, the page or one of its frames: its size and charset for the report's head line. */
export interface FrameSummary {
  url: string;
  top: boolean;
  characters: number;
  charset?: string;
}

/** The result of scanning one target, frames included: what `--json` prints (cli/report.ts `toJson`) and the readable report is made from. */
export interface ScanOutput {
  target: string;
  url: string;
  /** The page's <title> (the top frame's; '' for a text file): the export names a site by its home page's. */
  title: string;
  kind: 'html' | 'text';
  charset: string;
  today: string;
  frames: FrameSummary[];
  findings: Finding[];
  errors: EngineError[];
  /** The account of a 政务新媒体 page (platform, name, id, URL; posts left out). */
  newMedia?: NewMediaInfo;
  /** Things the scan could not do that do not make the input bad (a frame that did not load). */
  notes: string[];
}

/**
 * The engine's options for one scan. jieba and the language model are loaded here, on the first scan of the
 * process (not when the CLI starts: `--help`, bad arguments and bad input never load them); the English
 * dictionary loads on the first English word a check asks about.
 */
async function engineOptions(opts: ScanOptions): Promise<EngineOptions> {
  const checks = opts.checks ?? registry;
  const segmenter = await loadNodeJieba();
  // --no-links attaches no link results: link-broken then sees only in-page #links (no network needed).
  return { today: opts.today, checks, segmenter, languageModel: loadNodeLanguageModel(), speller: nodeSpeller() };
}

function frameSources(doc: Document, base: string): string[] {
  const out: string[] = [];
  for (const el of Array.from(doc.querySelectorAll('iframe[src], frame[src]'))) {
    const raw = (el.getAttribute('src') ?? '').trim();
    if (!raw || /^(about|javascript|data|blob):/i.test(raw)) continue;
    try {
      const u = new URL(raw, base);
      if (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'file:') out.push(u.href);
    } catch {
      /* an unparsable src is not a frame we can read */
    }
  }
  return out;
}

/**
 * Parses a page as a browser would. linkedom builds no <html>/<body> around a fragment (a bare
 * `<p>…</p>` becomes the document element), so a page without an <html> tag is wrapped first.
 */
export function parseDocument(html: string): Document {
  const source = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><head></head><body>${html}</body></html>`;
  return parseHTML(source).document as unknown as Document;
}

/**
 * Scans a target that is already loaded. A text file is one model; a page is scanned with its frames, breadth
 * first, at most MAX_FRAMES fetched and three levels deep, a file page pulling in only files and a web page only
 * web frames. A frame that cannot be read is a note, not an error. Links are checked (one checker for the page and
 * its frames) only when `opts.links` is set.
 */
export async function scanLoaded(target: string, loaded: Loaded, opts: ScanOptions): Promise<ScanOutput> {
  const engine = await engineOptions(opts);
  const out: ScanOutput = {
    target,
    url: loaded.url,
    title: '',
    kind: loaded.kind,
    charset: loaded.charset,
    today: opts.today,
    frames: [],
    findings: [],
    errors: [],
    notes: [],
  };
  const checker = opts.links ? (opts.linkChecker ?? new LinkChecker({ fetch: boundedFetch() })) : undefined;
  const add = async (model: TextModel, charset: string) => {
    if (checker && model.source === 'html') {
      const targets = linkTargets(model);
      const results = await checker.checkAll(targets, { onProgress: ({ done, total }) => opts.onLinkProgress?.(done, total) });
      model.linkResults = resultsByUrl(results);
    }
    // 站内搜索: one submission of the home page's search (a saved file's form has nowhere to go).
    if ((opts.search ?? opts.links) && model.isTopFrame && model.source === 'html' && /^https?:/.test(model.url) && isHomePage(model)) {
      const summary = await testSiteSearch(model, { fetch: boundedFetch(), today: opts.today, userAgent: DEFAULT_USER_AGENT });
      if (summary) model.searchTest = summary;
    }
    const result = runChecks(model, engine);
    if (model.isTopFrame && !out.frames.length) {
      out.title = (model.writtenTitle ?? model.title).replace(/\s+/g, ' ');
      // A 政务新媒体 page: its account (what `npm run export` files its findings under), without the posts.
      if (model.newMedia) out.newMedia = { ...model.newMedia, posts: [] };
    }
    out.frames.push({ url: model.url, top: model.isTopFrame, characters: model.text.length, charset });
    out.findings.push(...result.findings);
    out.errors.push(...result.errors);
  };

  if (loaded.kind === 'text') {
    await add(textModelFromPlainText(loaded.text, loaded.url), loaded.charset);
    return out;
  }

  const seen = new Set<string>([loaded.url]);
  const queue: Array<{ page: Loaded; top: boolean; depth: number }> = [{ page: loaded, top: true, depth: 0 }];
  let fetched = 0;
  while (queue.length) {
    const { page, top, depth } = queue.shift()!;
    const document = parseDocument(page.text);
    const { model } = buildTextModel(document, { url: page.url, isTopFrame: top, charset: page.charset });
    await add(model, page.charset);
    if (depth >= MAX_FRAME_DEPTH) continue;
    if (opts.asUrl && top) {
      const frames = frameSources(document, page.url);
      if (frames.length) out.notes.push(`${frames.length} frame(s) not scanned: a saved page's frames are not the original's (--url)`);
      continue;
    }
    for (const src of frameSources(document, page.url)) {
      if (seen.has(src)) continue;
      seen.add(src);
      if (fetched >= MAX_FRAMES) {
        out.notes.push(`more than ${MAX_FRAMES} frames: ${src} and any after it were not scanned`);
        break;
      }
      fetched++;
      // A file page may only pull in files, a web page only web frames.
      if (src.startsWith('file:') !== page.url.startsWith('file:')) {
        out.notes.push(`frame ${src} skipped (not the same kind of source as its page)`);
        continue;
      }
      try {
        const frame = await loadTarget(src, opts);
        if (frame.kind === 'html') queue.push({ page: frame, top: false, depth: depth + 1 });
        else await add({ ...textModelFromPlainText(frame.text, frame.url), isTopFrame: false }, frame.charset);
      } catch (err) {
        out.notes.push(`frame not scanned: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
  return out;
}

/** Loads a target (cli/load.ts `loadTarget`: an InputError when it is unusable) and scans it with its frames. */
export async function scanTarget(target: string, opts: ScanOptions): Promise<ScanOutput> {
  const loaded = await loadTarget(target, opts);
  if (!opts.asUrl) return scanLoaded(target, loaded, opts);
  // A saved page read as the page it was: its URL decides what it is (a platform's, a home page) and what its
  // links are; its frames stay unfetched (the saved copy's frames are not the original's).
  return scanLoaded(target, { ...loaded, url: opts.asUrl }, opts);
}
