/**
 * One HTTP exchange of the link checker: a fetch with a timeout, no credentials and no cookies, whose
 * body is read up to a byte cap and then dropped, and whose failures are sorted into what they mean for
 * a link (the host does not exist, nothing listens, too slow, something else). Uses only fetch,
 * AbortController and timers, so it runs in Node and in an extension service worker alike.
 */

/** Why a request got no answer: too slow, the host does not exist, nothing listens, a port browsers block, anything else. */
export type FailureKind = 'timeout' | 'dns' | 'refused' | 'blocked-port' | 'network' | 'not-granted';

/**
 * What a fetch throws for a site the runtime may not reach (an extension without the reviewer's grant for the
 * host): the link is not checked (skipped), never reported dead. The extension's background throws it.
 */
export class HostNotGranted extends Error {
  constructor(readonly pattern: string) {
    super(`未授权访问 ${pattern}（GovReview 只在您授权后访问政府网站以外的网站）`);
    this.name = 'HostNotGranted';
  }
}

/** One request's outcome: a response (status, URL, headers, the start of a textual body) or a failure. */
export type Exchange =
  | {
      kind: 'response';
      status: number;
      /** The response URL (after redirects in 'follow' mode). */
      url: string;
      redirected: boolean;
      /** The runtime followed nothing and hid the redirect (redirect: 'manual' in a browser context). */
      opaqueRedirect: boolean;
      headers: Headers;
      /** The start of the body, for a GET of a textual response (error pages included). */
      body?: Uint8Array;
      /** The body went on past the cap. */
      truncated: boolean;
    }
  | { kind: 'failure'; failure: FailureKind; detail: string };

/** One request: URL, method (and form body), redirects, bounds, the fetch to use, cancellation. */
export interface RequestSpec {
  url: string;
  /** POST: a form submission (the site-search test), its body in `form`. */
  method: 'HEAD' | 'GET' | 'POST';
  /** The url-encoded body of a POST (`name=value&…`, already in the form's charset). */
  form?: string;
  redirect: 'manual' | 'follow';
  timeoutMs: number;
  maxBodyBytes: number;
  userAgent?: string;
  fetch: typeof fetch;
  /** Cancels the request; the exchange then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Content types whose start the soft-404 rules read (no type at all: servers that send none). */
export function isTextual(contentType: string | null): boolean {
  const mime = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return mime === '' || mime === 'text/html' || mime === 'application/xhtml+xml' || mime === 'text/plain';
}

/** Node's fetch (undici) puts the system error code on `cause` (or on an AggregateError's errors). */
function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown) => {
    if (!e || typeof e !== 'object' || seen.has(e)) return;
    seen.add(e);
    const { code, message, cause, errors } = e as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (message === 'bad port') codes.push('BAD_PORT'); // the Fetch standard's port blocking
    visit(cause);
    if (Array.isArray(errors)) errors.forEach(visit);
  };
  visit(err);
  return codes;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_NONAME', 'EAI_NODATA', 'EAI_FAIL']);

/**
 * A network failure sorted by what it says about the link. Browsers report every failure as a bare
 * TypeError ("Failed to fetch"), so there they all come out as 'network'.
 */
function failureOf(err: unknown): Exchange & { kind: 'failure' } {
  if (err instanceof HostNotGranted) return { kind: 'failure', failure: 'not-granted', detail: err.pattern };
  const codes = errorCodes(err);
  const detail = codes[0] ?? (err instanceof Error ? err.message : String(err));
  if (codes.some((c) => DNS_CODES.has(c))) return { kind: 'failure', failure: 'dns', detail };
  if (codes.includes('ECONNREFUSED')) return { kind: 'failure', failure: 'refused', detail };
  if (codes.includes('BAD_PORT')) return { kind: 'failure', failure: 'blocked-port', detail };
  return { kind: 'failure', failure: 'network', detail };
}

/**
 * Bytes read past the cap, and thrown away, before a body is cancelled. Cancelling closes the
 * connection, and Node's fetch opens a replacement at once while the server still holds the old one
 * (7 sockets to a host that should see 6): a page not much longer than the cap is read to its end so
 * that its connection goes back to the pool.
 */
const DRAIN_BYTES = 1024 * 1024;

/**
 * Keeps at most `cap` bytes of a body; drains up to DRAIN_BYTES more, then cancels the rest. A body read
 * to its end lets the runtime keep the connection alive; one left unread would hold it until garbage collection.
 */
async function readCapped(body: ReadableStream<Uint8Array>, cap: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (total < cap) chunks.push(value);
    total += value.length;
    if (total >= cap) truncated = true;
    if (total >= cap + DRAIN_BYTES) {
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  const bytes = new Uint8Array(Math.min(total, cap));
  let at = 0;
  for (const c of chunks) {
    const part = c.subarray(0, bytes.length - at);
    bytes.set(part, at);
    at += part.length;
  }
  return { bytes, truncated };
}

/** Performs one exchange. Never rejects except when `spec.signal` aborts. */
export async function request(spec: RequestSpec): Promise<Exchange> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, spec.timeoutMs);
  const onAbort = () => controller.abort(spec.signal!.reason);
  if (spec.signal?.aborted) onAbort();
  else spec.signal?.addEventListener('abort', onAbort, { once: true });

  try {
    const headers: Record<string, string> = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
    // Browsers keep their own User-Agent (Chrome ignores the header); Node sends ours.
    if (spec.userAgent) headers['user-agent'] = spec.userAgent;
    if (spec.method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await spec.fetch(spec.url, {
      method: spec.method,
      ...(spec.method === 'POST' && { body: spec.form ?? '' }),
      redirect: spec.redirect,
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      headers,
      signal: controller.signal,
    });
    let body: Uint8Array | undefined;
    let truncated = false;
    if (res.body) {
      // Error pages are read too (they are small, and reading them keeps the connection reusable);
      // a download is not needed at all.
      if (spec.method !== 'HEAD' && isTextual(res.headers.get('content-type'))) ({ bytes: body, truncated } = await readCapped(res.body, spec.maxBodyBytes));
      else await res.body.cancel().catch(() => undefined);
    }
    // A kept-alive connection goes back to the runtime's pool only after the body's last chunk has been
    // handed over: a request started in this same task would open a second connection to the host
    // (Node's undici does, doubling the sockets the per-host bound allows). One macrotask lets it reuse.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return {
      kind: 'response',
      status: res.status,
      url: res.url || spec.url,
      redirected: res.redirected,
      opaqueRedirect: res.type === 'opaqueredirect',
      headers: res.headers,
      body,
      truncated,
    };
  } catch (err) {
    if (spec.signal?.aborted) throw spec.signal.reason;
    if (timedOut) return { kind: 'failure', failure: 'timeout', detail: `${spec.timeoutMs} ms` };
    return failureOf(err);
  } finally {
    clearTimeout(timer);
    spec.signal?.removeEventListener('abort', onAbort);
  }
}
