/**
 * Route handlers for scripts/serve.mjs that answer like the sites a link checker meets: pages, error
 * statuses, redirects, slow answers, rate limits, servers that lie to HEAD, soft 404s. Shared by the
 * link-checker tests and scripts/bench-links.ts. Every handler counts the requests it is answering
 * (`inFlight`), since sockets alone say little when keep-alive reuses them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
/** A route of scripts/serve.mjs that needs no parsed URL. */
export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Requests being answered right now and the peak, across every handler wrapped by one counter. */
export class InFlight {
  now = 0;
  peak = 0;
  /**
   * Every request seen, in arrival order: when it arrived and when its response ended (performance.now(),
   * ms), its status and the Retry-After it answered with (ms, when given in seconds), for the politeness
   * limit of a benchmark.
   */
  readonly log: Array<{ method: string; url: string; start: number; end?: number; status?: number; retryAfterMs?: number }> = [];

  /** Wraps a handler so that its requests are counted until the response is finished or dropped. */
  track(handler: Handler): Handler {
    return (req, res) => {
      const entry: (typeof this.log)[number] = { method: req.method ?? '', url: req.url ?? '', start: performance.now() };
      this.log.push(entry);
      this.now++;
      this.peak = Math.max(this.peak, this.now);
      let counted = true;
      const done = () => {
        if (counted) {
          this.now--;
          entry.end = performance.now();
          if (res.headersSent) entry.status = res.statusCode;
        }
        counted = false;
      };
      // Retry-After as the handler writes it (writeHead's headers are not readable from the response later).
      const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
      res.writeHead = ((...args: unknown[]) => {
        const headers = args.find((a): a is Record<string, unknown> => typeof a === 'object' && a !== null && !Array.isArray(a));
        const value = headers && Object.entries(headers).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
        if (/^\d+$/.test(String(value ?? '').trim())) entry.retryAfterMs = Number(value) * 1000;
        return writeHead(...args);
      }) as typeof res.writeHead;
      res.on('finish', done);
      res.on('close', done);
      handler(req, res);
    };
  }

  /** The methods of the requests to `path` (query ignored), in order. */
  methods(path: string): string[] {
    return this.log.filter((l) => l.url.split('?')[0] === path).map((l) => l.method);
  }
}

const HTML = 'text/html; charset=utf-8';

function send(req: IncomingMessage, res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': HTML, 'Content-Length': buf.length, 'Cache-Control': 'no-store', ...headers });
  res.end(req.method === 'HEAD' ? undefined : buf);
}

export const doc = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

/** A normal page. */
export const page =
  (title = '通知公告', body = '<p>关于做好2026年防汛工作的通知。</p>', headers: Record<string, string> = {}): Handler =>
  (req, res) =>
    send(req, res, 200, doc(title, body), headers);

/** Raw bytes with a given Content-Type (a download, a GBK page). */
export const bytes =
  (data: Buffer, contentType: string): Handler =>
  (req, res) =>
    send(req, res, 200, data, { 'Content-Type': contentType });

/** An error status with a small error page (as real servers send). */
export const status =
  (code: number, headers: Record<string, string> = {}): Handler =>
  (req, res) =>
    send(req, res, code, doc(`${code}`, `<h1>${code}</h1><p>您访问的页面不存在或服务器出错</p>`), headers);

export const redirect =
  (code: number, location: string): Handler =>
  (req, res) =>
    send(req, res, code, doc('Moved', `<a href="${location}">moved</a>`), { Location: location });

/** Answers `first` to the first `times` requests, then `then`. */
export function failFirst(first: Handler, then: Handler, times = 1): Handler {
  let seen = 0;
  return (req, res) => (seen++ < times ? first(req, res) : then(req, res));
}

/** A different handler for HEAD (servers that refuse HEAD or lie to it). */
export const onHead =
  (head: Handler, get: Handler): Handler =>
  (req, res) =>
    req.method === 'HEAD' ? head(req, res) : get(req, res);

/** Answers after `ms`; a request dropped by the client cancels the answer. */
export function slow(ms: number, then: Handler): Handler {
  return (req, res) => {
    const timer = setTimeout(() => then(req, res), ms);
    res.on('close', () => clearTimeout(timer));
  };
}
