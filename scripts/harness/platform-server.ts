/**
 * Serves 政务新媒体 pages under the platforms' own host names for Chromium: an HTTPS server on 127.0.0.1 (several
 * platforms are HSTS-preloaded, so http would be upgraded) with a throwaway self-signed certificate, and the
 * Chromium switches that send those host names to it and accept the certificate. Used by `npm start` (the demo's
 * pages, assets/demo-newmedia/) and the e2e tests (tests/fixtures/newmedia/).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** A page to serve: its file in `dir` and the platform URL it is opened at. */
export interface PlatformPageSpec {
  file: string;
  url: string;
}

export interface PlatformServer {
  port: number;
  /** The Chromium switches: map the hosts to the server, accept its certificate. */
  args: string[];
  /** The address a page is opened at (its platform URL with the server's port). */
  urlOf(file: string): string;
  requests: string[];
  close(): Promise<void>;
}

/** A self-signed certificate for one day (openssl; scripts/ensure-chromium.mjs installs it where missing). */
function selfSigned(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'govreview-cert-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=govreview-test', '-days', '1', '-keyout', `${dir}/k.pem`, '-out', `${dir}/c.pem`],
      {
        stdio: 'ignore',
      },
    );
    return { key: readFileSync(`${dir}/k.pem`), cert: readFileSync(`${dir}/c.pem`) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Serves `pages` (files of `dir`) at their platform URLs; anything else answers 404. */
export async function servePlatforms(dir: string, pages: readonly PlatformPageSpec[]): Promise<PlatformServer> {
  const byAddress = new Map(pages.map((p) => [key(p.url), p.file]));
  const requests: string[] = [];
  const server = createServer(selfSigned(), (req, res) => {
    const host = (req.headers.host ?? '').split(':')[0];
    requests.push(`${host}${req.url ?? ''}`);
    const file = byAddress.get(`${host}${req.url ?? ''}`);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>404</title><h1>404</h1>');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(readFileSync(resolve(dir, file)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const hosts = [...new Set(pages.map((p) => new URL(p.url).hostname))];
  return {
    port,
    args: [`--host-resolver-rules=${hosts.map((h) => `MAP ${h} 127.0.0.1`).join(',')}`, '--ignore-certificate-errors'],
    urlOf(file) {
      const page = pages.find((p) => p.file === file);
      if (!page) throw new Error(`no page ${file}`);
      const u = new URL(page.url);
      return `https://${u.hostname}:${port}${u.pathname}${u.search}`;
    },
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Host, path and query: what the server looks a page up by. */
function key(url: string): string {
  const u = new URL(url);
  return `${u.hostname}${u.pathname}${u.search}`;
}
