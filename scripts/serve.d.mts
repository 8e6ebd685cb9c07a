// Types of scripts/serve.mjs (plain ESM so `node scripts/serve.mjs` runs without a loader).
import type { IncomingMessage, ServerResponse } from 'node:http';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => unknown;

export interface ServeOptions {
  /** 0 (default): any free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Extra response headers for a served file, by its path under root ('/csp.html'); they override the defaults. */
  headers?: (path: string) => Record<string, string> | undefined;
  /** Handlers by exact pathname ('/slow'), tried before files. */
  routes?: Record<string, RouteHandler>;
}

export interface ServedDir {
  /** 'http://127.0.0.1:PORT', no trailing slash. */
  url: string;
  port: number;
  /** Resolves once the server is closed (open sockets are destroyed). */
  close(): Promise<void>;
  /** Sockets open right now. */
  connections(): number;
  /** Peak of concurrently open sockets since start. */
  maxConnections(): number;
  /** Every request target in arrival order, as sent (path and query): '/dibao.html', '/long.html?0.3'. */
  requests: string[];
}

export const CHILD_PLACEHOLDER: string;
export function serveDir(root: string, opts?: ServeOptions): Promise<ServedDir>;
export function declaredCharset(buf: Uint8Array): string | undefined;
export function contentTypeFor(path: string, buf?: Uint8Array): string;
export function childUrl(param: string | null | undefined): string;
