/**
 * The link checker shared by the CLI and the extension's service worker (可用性: each link that does
 * not open costs 0.2 on the home page, 0.1 elsewhere). Per link:
 *
 *  1. skip what is not a web link (mailto:, tel:, javascript:, data:, blob:, about:); invalid → dead;
 *  2. request it: HEAD first for downloads (the body is never needed), GET first for pages (the soft-404
 *     rules read the first 64 KB anyway, so a HEAD would only double the requests to the reviewed site;
 *     `headFirst: 'always'` HEADs everything). A HEAD that is refused or unreliable — any 4xx but 429
 *     (405, 501, 403, 400, and 404 from servers that lie to HEAD), a 5xx, a network error, or a 2xx HTML
 *     page whose text must be read — is confirmed by a GET;
 *  3. follow redirects hop by hop (at most 10) where the runtime shows Location, else let fetch follow;
 *  4. retry once after a timeout, a 429 or a 5xx, waiting per Retry-After (capped) or a fixed backoff;
 *  5. give a verdict: dead, error, soft404, suspect (not counted as dead), ok, or skipped.
 *
 * Every request holds one slot of a HostLimiter (≤ 6 per host, Chrome's per-host socket limit, and ≤ 16
 * in all) only while it is on the wire; waits between tries hold none, so other links go ahead meanwhile.
 * When a slot frees, what goes next is (cost-estimates.ts):
 *  - a link already under way (its retry, its next redirect hop, the GET after its HEAD), so that a started
 *    chain — above all one that has waited out a retry backoff — is not queued behind links not yet begun;
 *  - a link of a directory not tried yet, one per host at a time, so that slow or failing directories show
 *    themselves early;
 *  - the link expected to take longest, going by its siblings so far: failing directories (their retry
 *    wait) and slow ones first, quick ones last, to fill the gaps at the end (longest processing time first);
 *  - page order among equals.
 * Results are cached per URL (without the fragment) for the checker's life, and concurrent checks of one
 * URL share one check.
 */
import type { MessageTemplates } from '../engine/types';
import { CostEstimates, type CostLink, type CostTrack } from './cost-estimates';
import { HostLimiter, type LimiterStats } from './host-limiter';
import { cacheKey, classifyUrl, hostKey, looksLikeFile } from './link-url';
import { renderReason, type LinkReasonCode } from './reasons';
import { request, isTextual, type Exchange, type FailureKind } from './request';
import { parseRetryAfter } from './retry-after';
import { detectSoft404, type Soft404Rule } from './soft-404';
import { decodeBytes } from '../text-model/decode';

/** What a link is: opens, dead (gone for everyone), error (the server fails), soft 404, suspect (may open in a browser), skipped. */
export type LinkVerdict = 'ok' | 'dead' | 'error' | 'soft404' | 'suspect' | 'skipped';

/** The checker's answer for one URL: verdict, status, where it ended, why, and the chain that led there. */
export interface LinkCheckResult {
  /** The URL checked: the link's absolute URL without its fragment. */
  url: string;
  verdict: LinkVerdict;
  /** Last HTTP status seen, when there was a response. */
  status?: number;
  /** Where the link ended, when it was redirected. */
  finalUrl?: string;
  /**
   * The redirect chain, from `url` to where it ended (or failed), when there were redirects. Where the
   * runtime follows redirects itself (a browser context), the hops it followed are not listed.
   */
  chain?: string[];
  /** The link was redirected (also when the runtime hid the hops: then there is no chain). */
  redirected?: boolean;
  code: LinkReasonCode;
  data: Record<string, string | number>;
  /** Short reason in both locales (rendered from code + data). */
  reason: MessageTemplates;
  /** From the first request to the verdict, retry waits included; 0 for links never requested. */
  ms: number;
}

/** How a LinkChecker works: its network, clock and bounds (all with defaults). */
export interface LinkCheckerOptions {
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** Clock for `ms` and Retry-After dates. Default Date.now. */
  now?: () => number;
  /** Waits before a retry; rejects with the signal's reason when it aborts. Default: a timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Per request (each hop, each try). Default 15 s, the indicators' "not open after 15 s". */
  timeoutMs?: number;
  /** Requests in flight per host (scheme + host + port). Default 6; more is never allowed. */
  perHost?: number;
  /** Requests in flight in all. Default 16. */
  global?: number;
  /** Wait before the retry when the server gives no Retry-After. Default RETRY_DELAY_MS (1 s). */
  retryDelayMs?: number;
  /** Longest Retry-After honoured; a longer one is cut to this. Default 30 s. */
  maxRetryAfterMs?: number;
  /** Default 10. */
  maxRedirects?: number;
  /** Bytes of a page read for the soft-404 rules. Default 64 KB. */
  maxBodyBytes?: number;
  /** 'files' (default): HEAD first only for URLs that name a download; 'always': for every URL. */
  headFirst?: 'files' | 'always';
  /**
   * 'auto' (default): follow redirects hop by hop with redirect: 'manual', and switch to 'follow' for
   * good once the runtime answers with an opaque redirect (a browser context: no Location, no chain).
   * 'follow': always let fetch follow.
   */
  redirects?: 'auto' | 'follow';
  /** Sent where the runtime allows (Node; browsers keep their own). */
  userAgent?: string;
  /** Finished results by URL: pass a Map to keep them across checkers (a session). */
  cache?: Map<string, LinkCheckResult>;
}

/** One checkAll run: cancellation and progress. */
export interface CheckAllOptions {
  signal?: AbortSignal;
  /** After each distinct URL is done, with its result. */
  onProgress?: (progress: { done: number; total: number; result: LinkCheckResult }) => void;
}

/** Chrome's per-host connection limit; the checker never opens more to one host. */
export const MAX_PER_HOST = 6;
/** The wait before a retry when the server gives no Retry-After (`retryDelayMs`' default). */
export const RETRY_DELAY_MS = 1_000;
/** The User-Agent the checker sends where the runtime lets it (Node). */
export const DEFAULT_USER_AGENT = 'GovReview-LinkCheck/0.1 (government website review)';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Statuses that may well open in a browser: blocked bots, logins, rate limits. */
const SUSPECT_STATUSES: Partial<Record<number, LinkReasonCode>> = {
  401: 'http-401',
  403: 'http-403',
  406: 'blocked',
  429: 'http-429',
  451: 'blocked',
  999: 'blocked',
};

type Method = 'HEAD' | 'GET';

/** What one try (HEAD and/or GET, redirects included) came to. */
type Outcome =
  | { kind: 'response'; method: Method; res: Exchange & { kind: 'response' }; finalUrl: URL; chain?: string[]; redirected: boolean }
  | { kind: 'failure'; method: Method; failure: FailureKind; detail: string; chain?: string[] }
  | { kind: 'redirect-error'; method: Method; error: 'loop' | 'too-many' | 'no-location' | 'scheme'; status: number; scheme?: string; chain: string[] };

/** Per check: when its first request went out, and its cost as the scheduler guesses and learns it. */
interface Trace {
  started?: number;
  link: CostLink;
  cost?: CostTrack;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Rejects with the signal's reason as soon as it aborts, else settles as `p` does. */
function untilAborted<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Checks links politely (per-host and global bounds, one retry, a cache per URL) in Node and in a service worker alike. */
export class LinkChecker {
  private readonly opts: Required<Omit<LinkCheckerOptions, 'cache' | 'userAgent'>> & { userAgent?: string };
  private readonly limiter: HostLimiter;
  private readonly costs: CostEstimates;
  private readonly cache: Map<string, LinkCheckResult>;
  /** Checks under way, with the signal of the caller that started each. */
  private readonly inflight = new Map<string, { work: Promise<LinkCheckResult>; signal?: AbortSignal }>();
  /** Set once the runtime hid a redirect: from then on fetch follows redirects itself. */
  private followRedirects: boolean;

  constructor(options: LinkCheckerOptions = {}) {
    this.opts = {
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      now: options.now ?? (() => Date.now()),
      sleep: options.sleep ?? defaultSleep,
      timeoutMs: options.timeoutMs ?? 15_000,
      perHost: Math.min(options.perHost ?? MAX_PER_HOST, MAX_PER_HOST),
      global: options.global ?? 16,
      retryDelayMs: options.retryDelayMs ?? RETRY_DELAY_MS,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
      maxRedirects: options.maxRedirects ?? 10,
      maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
      headFirst: options.headFirst ?? 'files',
      redirects: options.redirects ?? 'auto',
      userAgent: 'userAgent' in options ? options.userAgent : DEFAULT_USER_AGENT,
    };
    this.limiter = new HostLimiter(this.opts.perHost, this.opts.global);
    this.costs = new CostEstimates(this.opts.now);
    this.cache = options.cache ?? new Map();
    this.followRedirects = this.opts.redirects === 'follow';
  }

  /** Checks one link (an absolute URL). Rejects only when `signal` aborts. */
  async check(href: string, signal?: AbortSignal): Promise<LinkCheckResult> {
    const key = cacheKey(href);
    for (;;) {
      const done = this.cache.get(key);
      if (done) return done;
      let entry = this.inflight.get(key);
      if (!entry) {
        const work = this.run(key, signal);
        entry = { work, signal };
        this.inflight.set(key, entry);
        const settled = () => {
          if (this.inflight.get(key)?.work === work) this.inflight.delete(key);
        };
        work.then((r) => {
          // A site not granted yet is asked again next time (the reviewer may grant it meanwhile).
          if (r.code !== 'not-granted') this.cache.set(key, r);
          settled();
        }, settled);
      }
      try {
        return await untilAborted(entry.work, signal);
      } catch (err) {
        // The caller who started this check stopped it, but this caller did not stop: check again.
        if (signal?.aborted || !entry.signal?.aborted) throw err;
      }
    }
  }

  /**
   * Checks links, each distinct URL once, and resolves with one result per input in input order.
   * When `signal` aborts it rejects with the signal's reason; results finished so far stay cached
   * (and were passed to onProgress), so checking again resumes where it stopped.
   */
  async checkAll(hrefs: readonly string[], { signal, onProgress }: CheckAllOptions = {}): Promise<LinkCheckResult[]> {
    const keys = [...new Set(hrefs.map(cacheKey))];
    const results = new Map<string, LinkCheckResult>();
    let done = 0;
    await Promise.all(
      keys.map(async (key) => {
        const result = await this.check(key, signal);
        results.set(key, result);
        onProgress?.({ done: ++done, total: keys.length, result });
      }),
    );
    return hrefs.map((h) => results.get(cacheKey(h))!);
  }

  /** Peak requests in flight, in all and per host (for benchmarks and the debug view). */
  stats(): LimiterStats {
    return this.limiter.stats();
  }

  private async run(key: string, signal?: AbortSignal): Promise<LinkCheckResult> {
    const target = classifyUrl(key);
    if (target.kind === 'skip') return this.result(key, 'skipped', 'skipped-scheme', { scheme: target.scheme }, {});
    if (target.kind === 'invalid') return this.result(key, 'dead', 'invalid-url', {}, {});

    const trace: Trace = { link: this.costs.link(target.url) };
    try {
      let outcome = await this.probe(target.url, trace, signal);
      const wait = this.retryWait(outcome);
      if (wait !== undefined) {
        trace.cost?.waiting(wait);
        await this.opts.sleep(wait, signal);
        outcome = await this.probe(target.url, trace, signal, outcome.method);
      }
      const result = this.verdict(target.url, outcome, trace);
      trace.cost?.done();
      return result;
    } finally {
      trace.cost?.dropped(); // aborted (after done() this does nothing)
    }
  }

  /** One try: HEAD first where it helps, GET where HEAD cannot be trusted or the text is needed. */
  private async probe(url: URL, trace: Trace, signal?: AbortSignal, method?: Method): Promise<Outcome> {
    if ((method ?? (this.opts.headFirst === 'always' || looksLikeFile(url) ? 'HEAD' : 'GET')) === 'HEAD') {
      const head = await this.walk(url, 'HEAD', trace, signal);
      if (!headNeedsGet(head)) return head;
    }
    return this.walk(url, 'GET', trace, signal);
  }

  /** Requests `start` and follows its redirects. */
  private async walk(start: URL, method: Method, trace: Trace, signal?: AbortSignal): Promise<Outcome> {
    const chain = [start.href];
    let url = start;
    for (;;) {
      const follow = this.followRedirects;
      // A link not yet begun ranks by what its siblings cost; one under way goes before all of them.
      const priority = trace.started === undefined ? trace.link.rank : () => Number.POSITIVE_INFINITY;
      const res = await this.limiter.run(
        hostKey(url),
        () => {
          if (trace.started === undefined) {
            trace.started = this.opts.now();
            trace.cost = trace.link.start();
          }
          const { fetch, timeoutMs, maxBodyBytes, userAgent } = this.opts;
          return request({ url: url.href, method, redirect: follow ? 'follow' : 'manual', timeoutMs, maxBodyBytes, userAgent, fetch, signal });
        },
        signal,
        priority,
      );
      trace.cost?.answered();
      const hops = chain.length > 1 ? chain : undefined;
      if (res.kind === 'failure') return { kind: 'failure', method, failure: res.failure, detail: res.detail, chain: hops };
      if (res.opaqueRedirect) {
        // The runtime hides Location (fetch in a browser context): let it follow from here on.
        this.followRedirects = true;
        continue;
      }
      if (follow) {
        // The runtime followed any redirects itself: only where it ended is known.
        const finalUrl = new URL(res.url);
        if (res.redirected) chain.push(finalUrl.href);
        return { kind: 'response', method, res, finalUrl, chain: chain.length > 1 ? chain : undefined, redirected: chain.length > 1 };
      }
      if (!REDIRECT_STATUSES.has(res.status)) return { kind: 'response', method, res, finalUrl: url, chain: hops, redirected: hops !== undefined };

      const location = res.headers.get('location');
      let next: URL | undefined;
      try {
        next = location ? new URL(location, url) : undefined;
      } catch {
        next = undefined;
      }
      const fail = (error: 'loop' | 'too-many' | 'no-location' | 'scheme', scheme?: string) =>
        ({ kind: 'redirect-error', method, error, status: res.status, scheme, chain }) as const;
      if (!next) return fail('no-location');
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        chain.push(next.href);
        return fail('scheme', next.protocol);
      }
      const seen = chain.includes(next.href);
      chain.push(next.href);
      if (seen) return fail('loop');
      if (chain.length - 1 > this.opts.maxRedirects) return fail('too-many');
      url = next;
    }
  }

  /** How long to wait before the one retry, or undefined when the outcome is final. */
  private retryWait(o: Outcome): number | undefined {
    if (o.kind === 'failure') return o.failure === 'timeout' || o.failure === 'network' ? this.opts.retryDelayMs : undefined;
    if (o.kind !== 'response' || (o.res.status !== 429 && o.res.status < 500)) return undefined;
    const asked = parseRetryAfter(o.res.headers.get('retry-after'), this.opts.now());
    return Math.min(asked ?? this.opts.retryDelayMs, this.opts.maxRetryAfterMs);
  }

  private verdict(url: URL, o: Outcome, trace: Trace): LinkCheckResult {
    const hops = (o.chain?.length ?? 1) - 1;
    const extra = { chain: o.chain, trace, hops };
    if (o.kind === 'failure') {
      const data = { detail: o.detail, seconds: this.opts.timeoutMs / 1000 };
      if (o.failure === 'timeout') return this.result(url.href, 'suspect', 'timeout', data, extra);
      if (o.failure === 'network') return this.result(url.href, 'error', 'network', data, extra);
      if (o.failure === 'not-granted') return this.result(url.href, 'skipped', 'not-granted', { host: o.detail }, extra);
      return this.result(url.href, 'dead', o.failure, data, extra);
    }
    if (o.kind === 'redirect-error') {
      const more = { ...extra, status: o.status, finalUrl: o.chain[o.chain.length - 1], redirected: true };
      const data = { status: o.status, max: this.opts.maxRedirects, scheme: o.scheme ?? '' };
      if (o.error === 'loop') return this.result(url.href, 'dead', 'redirect-loop', data, more);
      if (o.error === 'too-many') return this.result(url.href, 'dead', 'too-many-redirects', data, more);
      if (o.error === 'scheme') return this.result(url.href, 'suspect', 'redirect-scheme', data, more);
      return this.result(url.href, 'error', 'bad-redirect', data, more);
    }

    const { status, body, truncated, headers } = o.res;
    const more = { ...extra, status, finalUrl: o.redirected ? o.finalUrl.href : undefined, redirected: o.redirected || undefined };
    const data = { status };
    if (status === 404 || status === 410) return this.result(url.href, 'dead', status === 404 ? 'http-404' : 'http-410', data, more);
    const suspect = SUSPECT_STATUSES[status];
    if (suspect) return this.result(url.href, 'suspect', suspect, data, more);
    if (status >= 500) return this.result(url.href, 'error', 'http-5xx', data, more);
    if (status >= 400) return this.result(url.href, 'error', 'http-4xx', data, more);
    if (REDIRECT_STATUSES.has(status)) return this.result(url.href, 'error', 'bad-redirect', data, more);
    if (status < 200 || status >= 300) return this.result(url.href, 'error', 'http-other', data, more);

    const html = body ? decodeBytes(truncated ? withoutPartialUtf8(body) : body, { contentType: headers.get('content-type') }).text : undefined;
    const soft = detectSoft404({ linkUrl: url, finalUrl: o.finalUrl, html, truncated });
    if (soft) return this.result(url.href, 'soft404', SOFT_404_CODES[soft.rule], { ...data, evidence: soft.evidence }, more);
    return this.result(url.href, 'ok', 'ok', data, more);
  }

  private result(
    url: string,
    verdict: LinkVerdict,
    code: LinkReasonCode,
    data: Record<string, string | number>,
    extra: { status?: number; finalUrl?: string; chain?: string[]; redirected?: boolean; trace?: Trace; hops?: number },
  ): LinkCheckResult {
    const r: LinkCheckResult = {
      url,
      verdict,
      code,
      data,
      reason: renderReason(code, data, extra.hops),
      ms: extra.trace?.started === undefined ? 0 : this.opts.now() - extra.trace.started,
    };
    if (extra.status !== undefined) r.status = extra.status;
    if (extra.finalUrl !== undefined) r.finalUrl = extra.finalUrl;
    if (extra.chain) r.chain = extra.chain;
    if (extra.redirected) r.redirected = true;
    return r;
  }
}

const SOFT_404_CODES: Record<Soft404Rule, LinkReasonCode> = {
  'error-page': 'soft404-error-page',
  home: 'soft404-home',
  title: 'soft404-title',
  body: 'soft404-body',
};

/** Whether a HEAD outcome has to be confirmed (or completed) by a GET. */
function headNeedsGet(o: Outcome): boolean {
  if (o.kind === 'redirect-error') return false;
  // A reset or closed connection may be the server's answer to HEAD; DNS and refused are final,
  // and a timeout is retried as it is.
  if (o.kind === 'failure') return o.failure === 'network';
  const { status, headers } = o.res;
  if (status >= 200 && status < 300) return isTextual(headers.get('content-type'));
  return status >= 400 && status !== 429;
}

/**
 * A body cut at the byte cap may end inside a UTF-8 sequence, which would make the decoder's sniffing
 * take the page for GB18030: drop the incomplete sequence.
 */
function withoutPartialUtf8(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if ((b & 0xc0) !== 0x80) {
      // b starts a sequence (or is ASCII): keep it only if the sequence is complete.
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      return need > back ? bytes.subarray(0, bytes.length - back) : bytes;
    }
  }
  return bytes;
}
