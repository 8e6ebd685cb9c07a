/**
 * Loads what `npm run scan` is given: an http(s) URL, an HTML file or a plain-text file. Every
 * way it can be wrong (missing, unreachable, HTTP error, binary, empty, huge) is an InputError
 * with one line a reviewer can act on. Requests omit credentials: the only network traffic
 * GovReview makes is reading the public page and its links.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { binaryKind, decodeBytes } from '../lib/text-model/decode';
import { InputError } from './errors';

/** A scan target read and decoded: its text, whether it is a page or plain text, and the charset it was read in. */
export interface Loaded {
  /** Absolute URL (file:// for local files). */
  url: string;
  kind: 'html' | 'text';
  text: string;
  charset: string;
  bytes: number;
}

/** Bounds on what `loadTarget` reads, and the fetch it reads with. */
export interface LoadOptions {
  /** Largest input read, in bytes (default 10 MB: the largest real gov pages are a few MB). */
  maxBytes?: number;
  /** Time allowed for one request, in ms (default 15 s). */
  timeoutMs?: number;
  /** For tests: the fetch to use. */
  fetch?: typeof fetch;
}

/** Default for `LoadOptions.maxBytes`: 10 MB, a few times the largest real government pages. */
export const MAX_BYTES = 10 * 1024 * 1024;
const TIMEOUT_MS = 15_000;
const HTML_EXT = new Set(['.html', '.htm', '.shtml', '.xhtml', '.jsp', '.asp', '.aspx', '.php']);
const TEXT_EXT = new Set(['.txt', '.text']);

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Whether the target is written as a URL (a scheme and `://`, file:// included) rather than a local path. */
export function isUrl(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(target);
}

/** HTML when the start of the text looks like markup, else plain text. */
function sniffKind(text: string): 'html' | 'text' {
  return /^\s*(<!doctype\s+html|<html|<head|<body|<!--|<meta|<div|<table|<p[\s>])/i.test(text) ? 'html' : 'text';
}

function finish(url: string, bytes: Uint8Array, kind: 'html' | 'text' | undefined, contentType: string | null, label: string): Loaded {
  if (bytes.length === 0) throw new InputError(`${label} is empty`);
  const binary = binaryKind(bytes);
  if (binary) throw new InputError(`${label} is not text (${binary}); give a web page, an HTML file or a .txt file`);
  const decoded = decodeBytes(bytes, { contentType, html: kind !== 'text' });
  if (!decoded.text.trim()) throw new InputError(`${label} is empty (only whitespace)`);
  return { url, kind: kind ?? sniffKind(decoded.text), text: decoded.text, charset: decoded.charset, bytes: bytes.length };
}

async function loadFile(target: string, maxBytes: number): Promise<Loaded> {
  const path = resolve(target.startsWith('file://') ? new URL(target).pathname : target);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `no such file: ${target}` : `cannot read ${target} (${code ?? 'error'})`);
  }
  if (info.isDirectory()) throw new InputError(`${target} is a folder; give one page or text file`);
  if (info.size > maxBytes) throw new InputError(`${target} is too large (${mb(info.size)}; the limit is ${mb(maxBytes)})`);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw new InputError(`cannot read ${target} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const ext = extname(path).toLowerCase();
  const kind = TEXT_EXT.has(ext) ? 'text' : HTML_EXT.has(ext) ? 'html' : undefined;
  return finish(pathToFileURL(path).href, bytes, kind, null, target);
}

/** Reads a response body, stopping as soon as it passes maxBytes. */
async function readCapped(res: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw new InputError(`${url} is too large (${mb(declared)}; the limit is ${mb(maxBytes)})`);
  if (!res.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new InputError(`${url} is too large (more than ${mb(maxBytes)})`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function networkReason(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? 'network error';
}

async function loadUrl(target: string, opts: Required<Pick<LoadOptions, 'maxBytes' | 'timeoutMs'>> & LoadOptions): Promise<Loaded> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new InputError(`not a valid URL: ${target}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError(`only http(s) URLs and local files can be scanned, got ${url.protocol}`);
  const doFetch = opts.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url.href, {
      redirect: 'follow',
      credentials: 'omit',
      signal: AbortSignal.timeout(opts.timeoutMs),
      headers: { accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5', 'user-agent': 'GovReview-CLI (government website review)' },
    });
  } catch (err) {
    throw new InputError(`cannot reach ${url.href}: ${networkReason(err, opts.timeoutMs)}`);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new InputError(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''} from ${url.href}`);
  }
  const contentType = res.headers.get('content-type');
  const mime = (contentType ?? '').split(';')[0].trim().toLowerCase();
  let kind: 'html' | 'text' | undefined;
  if (mime === 'text/html' || mime === 'application/xhtml+xml') kind = 'html';
  else if (mime === 'text/plain') kind = 'text';
  else if (mime && !mime.startsWith('text/')) {
    await res.body?.cancel().catch(() => undefined);
    throw new InputError(`${url.href} is not a web page (Content-Type ${mime})`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readCapped(res, opts.maxBytes, url.href);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read ${url.href}: ${networkReason(err, opts.timeoutMs)}`);
  }
  return finish(res.url || url.href, bytes, kind, contentType, url.href);
}

/**
 * Reads a scan target: an http(s) URL (redirects followed, no credentials, one timeout), or a local file, a
 * file:// URL included. HTML or text comes from the Content-Type or the file extension, else from a look at the
 * start of the text. Rejects with an InputError for every way the target is unusable.
 */
export function loadTarget(target: string, opts: LoadOptions = {}): Promise<Loaded> {
  const full = { maxBytes: opts.maxBytes ?? MAX_BYTES, timeoutMs: opts.timeoutMs ?? TIMEOUT_MS, ...opts };
  return isUrl(target) && !target.startsWith('file://') ? loadUrl(target, full) : loadFile(target, full.maxBytes);
}
