/**
 * What the link checker needs to know about a URL before and after requesting it: whether it is a
 * web link at all, the key it is cached under, the connection-pool key of its host, and whether a
 * path is a site's home page or an error page (for the soft-404 redirect rules).
 */

/** Schemes that are not web pages: never requested (the list). */
const SKIPPED_SCHEMES = new Set(['mailto:', 'tel:', 'javascript:', 'data:', 'blob:', 'about:']);

/** A link's URL sorted: an http(s) URL to request, a scheme not checked, or an invalid URL. */
export type UrlClass = { kind: 'http'; url: URL } | { kind: 'skip'; scheme: string } | { kind: 'invalid' };

/** Classifies a link's absolute URL: an http(s) URL to request, a scheme we skip, or an invalid URL. */
export function classifyUrl(href: string): UrlClass {
  const scheme = /^\s*([a-z][a-z0-9+.-]*:)/i.exec(href)?.[1].toLowerCase();
  if (scheme && SKIPPED_SCHEMES.has(scheme)) return { kind: 'skip', scheme };
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return { kind: 'invalid' };
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.hostname ? { kind: 'http', url } : { kind: 'invalid' };
  // ftp:, file:, weixin: …: not something a fetch can check; reported as skipped, not as dead.
  return { kind: 'skip', scheme: url.protocol };
}

/** The cache key of a link: its URL without the fragment (#a and #b are the same request). */
export function cacheKey(href: string): string {
  const c = classifyUrl(href);
  if (c.kind !== 'http') return href.trim();
  const url = new URL(c.url);
  url.hash = '';
  return url.href;
}

/**
 * The connection-pool key: scheme, host and port, as Chrome groups its sockets (the 6-per-host limit
 * is per such group).
 */
export const hostKey = (url: URL): string => url.origin;

/** Extensions of downloads whose body the checker never needs (attachments, images, media). */
const FILE_EXTENSIONS = new Set(
  (
    'pdf ofd doc docx wps xls xlsx et ppt pptx dps rtf txt csv xml json zip rar 7z gz tgz tar bz2 ' +
    'jpg jpeg png gif bmp webp svg ico tif tiff mp3 wav wma mp4 avi wmv flv mov mkv m4v swf apk exe msi iso dmg ceb caj'
  ).split(' '),
);

/** Whether the URL's path names a file download (by extension) rather than a page. */
export function looksLikeFile(url: URL): boolean {
  const ext = /\.([a-z0-9]{1,5})$/i.exec(url.pathname)?.[1].toLowerCase();
  return ext !== undefined && FILE_EXTENSIONS.has(ext);
}

/** Paths that serve a site's home page: '/', '/index.html', '/default.aspx', '/portal/index.jsp' is not one. */
const HOME_PATH = /^\/(?:(?:index|default|home|main)\.(?:s?html?|jsp|php|aspx?|do))?$/i;

/** Whether a URL's path is a site's root or its index page (/, /index.html …). */
export const isHomePath = (url: URL): boolean => HOME_PATH.test(url.pathname);

/** Error pages a site redirects missing pages to: /404.html, /error/404, /notfound.jsp, /error.html?code=404. */
const ERROR_SEGMENT = /^(?:404|40x|4xx|not[-_]?found|page[-_]?not[-_]?found|error(?:page)?|err)(?:\.[a-z]{2,5})?$/i;
const ERROR_QUERY = /[?&](?:code|error|err|status|errcode)=404\b/i;

/** Whether a URL names an error page (/404.html, /error/, ?code=404 …): a redirect there is a soft 404. */
export function isErrorPagePath(url: URL): boolean {
  const segments = url.pathname.split('/').filter(Boolean);
  return segments.some((s) => ERROR_SEGMENT.test(decodeSafe(s))) || ERROR_QUERY.test(url.search);
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
