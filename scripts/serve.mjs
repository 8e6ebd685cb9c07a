#!/usr/bin/env node
// A tiny static file server (node:http only) for `npm start`, the e2e tests and the benchmarks.
//
//   import { serveDir } from './serve.mjs';
//   const site = await serveDir('assets/demo-site', { port: 0 });
//   // site.url → 'http://127.0.0.1:PORT' (no trailing slash); site.requests → ['/dibao.html', …]
//   await site.close();
//
// Or directly: `node scripts/serve.mjs [dir] [port]` (defaults: assets/demo-site, 8620) prints the URL.
//
// What it does beyond sending files:
// - Content-Type by extension; HTML is 'text/html; charset=utf-8' unless the file declares another
//   charset in a <meta> in its first 1,024 bytes (gbk.html: <meta charset="gb2312">): then plain
//   'text/html' with no charset, so the browser's meta prescan decides, as on real GBK sites.
// - csp.html gets `Content-Security-Policy: default-src 'none'`.
// - frame-host.html: the token {{CHILD_URL}} is replaced server-side by the `child` query parameter
//   (an http(s) URL or a relative path; HTML-escaped), default 'frame-child.html' (same origin).
// - /search?q=…: a site search over the served UTF-8 pages (the demo pages' search form posts here), as a
//   CMS would answer: 共找到 N 条结果 with a link and a line of each page that holds the words, or 没有找到 ….
// - 404 with a small HTML page; path traversal (.., encoded or not, NUL, symlinks out of root) → 403.
// - Only GET and HEAD (405 otherwise). Nothing is cached (Cache-Control: no-store).
// - Bookkeeping for tests: open sockets now, the peak, and every request path (raw, with its query).
import { createServer } from 'node:http';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Per-file headers the demo site needs (merged under the caller's `headers(path)`). */
const BUILTIN_HEADERS = {
  '/csp.html': { 'Content-Security-Policy': "default-src 'none'" },
};

export const CHILD_PLACEHOLDER = '{{CHILD_URL}}';
const FRAME_HOST = '/frame-host.html';
const DEFAULT_CHILD = 'frame-child.html';

/** The charset a <meta> declares in the first 1,024 bytes (the HTML prescan window), lower-cased. */
export function declaredCharset(buf) {
  const head = buf.subarray(0, 1024).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head) ?? /<meta[^>]+content\s*=\s*["'][^"']*charset\s*=\s*([\w-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : undefined;
}

/** Content-Type for a file: by extension; HTML declaring a non-UTF-8 charset goes out without one. */
export function contentTypeFor(path, buf) {
  const ext = extname(path).toLowerCase();
  const type = TYPES[ext] ?? 'application/octet-stream';
  if ((ext === '.html' || ext === '.htm') && buf) {
    const cs = declaredCharset(buf);
    if (cs && cs !== 'utf-8' && cs !== 'utf8') return 'text/html';
  }
  return type;
}

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** The iframe src for frame-host.html: an http(s) URL or a relative path; anything else → the default. */
export function childUrl(param) {
  if (!param) return DEFAULT_CHILD;
  if (/^https?:\/\//i.test(param)) {
    try {
      return new URL(param).href;
    } catch {
      return DEFAULT_CHILD;
    }
  }
  // A relative path (no scheme, no protocol-relative //host).
  if (/^[\w./-][\w./%?=&-]*$/.test(param) && !param.startsWith('//')) return param;
  return DEFAULT_CHILD;
}

function page(status, title, message) {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${status} ${title}</title></head>
<body>
<div class="notfound" style="text-align:center;padding:80px 0;font-family:sans-serif">
<h1>${status}</h1>
<p>${message}</p>
<p><a href="/index.html">返回首页</a></p>
</div>
</body>
</html>
`;
}

/** The served UTF-8 HTML pages (two levels deep), as path → visible text, for the /search route. */
async function sitePages(root) {
  const out = [];
  const walk = async (dir, depth) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory() && depth < 2) await walk(full, depth + 1);
      else if (entry.isFile() && /\.html?$/i.test(entry.name)) {
        const buf = await readFile(full);
        const cs = declaredCharset(buf);
        if (cs && cs !== 'utf-8' && cs !== 'utf8') continue;
        const html = buf.toString('utf8');
        const title = /<title>([\s\S]*?)<\/title>/i.exec(html)?.[1].trim() ?? entry.name;
        const text = html
          .replace(/<(script|style|title)\b[\s\S]*?<\/\1>/gi, ' ')
          .replace(/<[^>]*>/g, ' ')
          .replace(/&[a-z]+;|&#\d+;/gi, ' ')
          .replace(/\s+/g, ' ');
        out.push({
          path:
            '/' +
            full
              .slice(root.length + 1)
              .split(sep)
              .join('/'),
          title,
          text,
        });
      }
    }
  };
  await walk(root, 0);
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** The result page of the /search route. */
async function searchPage(root, q) {
  const words = q.trim();
  const hits = words ? (await sitePages(root)).filter((p) => p.text.includes(words) || p.title.includes(words)) : [];
  const items = hits
    .map((h) => {
      const at = h.text.indexOf(words);
      const line = at >= 0 ? h.text.slice(Math.max(0, at - 20), at + words.length + 40) : '';
      return `<li><a href="${escapeHtml(h.path)}">${escapeHtml(h.title)}</a><p>${escapeHtml(line)}</p></li>`;
    })
    .join('\n');
  const summary = hits.length ? `<p class="count">共找到 ${hits.length} 条结果</p>` : `<p class="none">没有找到与“${escapeHtml(words)}”相关的结果</p>`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>搜索结果</title></head>
<body>
<form action="/search" method="get"><input type="text" name="q" value="${escapeHtml(words)}"><button type="submit">搜索</button></form>
${summary}
<ul class="results">
${items}
</ul>
</body>
</html>
`;
}

const isInside = (root, p) => p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);

/**
 * Serves `root` on host:port (port 0: any free port).
 * @param {string} root
 * @param {{ port?: number, host?: string, headers?: (path: string) => Record<string, string> | undefined,
 *           routes?: Record<string, (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, url: URL) => unknown> }} [opts]
 */
export async function serveDir(root, { port = 0, host = '127.0.0.1', headers, routes = {} } = {}) {
  const rootAbs = resolve(root);
  const rootReal = await realpath(rootAbs);
  const requests = [];
  const sockets = new Set();
  let peak = 0;

  function send(res, status, type, body, extra = {}, head = false) {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', ...extra });
    res.end(head ? undefined : body);
  }

  async function handle(req, res) {
    const raw = req.url ?? '/';
    requests.push(raw);
    const isHead = req.method === 'HEAD';
    const html = 'text/html; charset=utf-8';
    if (req.method !== 'GET' && !isHead) return send(res, 405, html, page(405, 'Method Not Allowed', '不支持的请求方法'), { Allow: 'GET, HEAD' });

    let url;
    let pathname;
    try {
      url = new URL(raw, 'http://localhost');
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, html, page(400, 'Bad Request', '请求地址有误'), {}, isHead);
    }

    const route = routes[url.pathname] ?? routes[pathname];
    if (route) return route(req, res, url);
    if (url.pathname === '/search') return send(res, 200, html, await searchPage(rootReal, url.searchParams.get('q') ?? ''), {}, isHead);

    // Traversal: refuse any '..' segment in the raw or decoded path (URL parsing would quietly fold an
    // unencoded one), NUL bytes and backslashes; then make sure the resolved real path stays inside root.
    const rawPath = raw.split('?')[0];
    const segments = [...rawPath.split('/'), ...pathname.split('/')];
    if (segments.some((s) => s === '..' || /^(\.|%2e){2}$/i.test(s)) || pathname.includes('\0') || pathname.includes('\\')) {
      return send(res, 403, html, page(403, 'Forbidden', '禁止访问'), {}, isHead);
    }
    let file = resolve(join(rootAbs, pathname));
    if (!isInside(rootAbs, file)) return send(res, 403, html, page(403, 'Forbidden', '禁止访问'), {}, isHead);

    let info;
    try {
      info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      if (!info.isFile()) throw new Error('not a file');
      if (!isInside(rootReal, await realpath(file))) return send(res, 403, html, page(403, 'Forbidden', '禁止访问'), {}, isHead);
    } catch {
      return send(res, 404, html, page(404, 'Not Found', `您访问的页面不存在：${escapeHtml(pathname)}`), {}, isHead);
    }

    let body = await readFile(file);
    const rel =
      '/' +
      file
        .slice(rootAbs.length + 1)
        .split(sep)
        .join('/');
    if (rel === FRAME_HOST) {
      const src = escapeHtml(childUrl(url.searchParams.get('child')));
      body = Buffer.from(body.toString('utf8').split(CHILD_PLACEHOLDER).join(src), 'utf8');
    }
    const extra = { ...(BUILTIN_HEADERS[rel] ?? {}), ...(headers?.(rel) ?? {}) };
    res.writeHead(200, { 'Content-Type': contentTypeFor(file, body), 'Content-Length': body.length, 'Cache-Control': 'no-store', ...extra });
    res.end(isHead ? undefined : body);
  }

  const server = createServer((req, res) => {
    Promise.resolve(handle(req, res)).catch((err) => {
      if (!res.headersSent) send(res, 500, 'text/html; charset=utf-8', page(500, 'Internal Server Error', '服务器内部错误'));
      else res.destroy(err);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    peak = Math.max(peak, sockets.size);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      done();
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  let closing;
  return {
    url: `http://${urlHost}:${actualPort}`,
    port: actualPort,
    requests,
    connections: () => sockets.size,
    maxConnections: () => peak,
    close() {
      closing ??= new Promise((done) => {
        server.close(() => done());
        // Keep-alive sockets (a browser's) would hold close() open: end them.
        server.closeIdleConnections?.();
        for (const s of sockets) s.destroy();
        sockets.clear(); // destroyed: no longer open, whatever order their 'close' events come in
      });
      return closing;
    },
  };
}

// `node scripts/serve.mjs [dir] [port]`
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const here = dirname(fileURLToPath(import.meta.url));
  const dir = resolve(process.argv[2] ?? join(here, '..', 'assets', 'demo-site'));
  const port = Number(process.argv[3] ?? process.env.PORT ?? 8620);
  const site = await serveDir(dir, { port }).catch((err) => {
    console.error(`serve: cannot listen on port ${port}: ${err.code ?? err.message}`);
    process.exit(1);
  });
  console.log(`Serving ${dir} at ${site.url}/`);
  const stop = () => site.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
