/**
 * The little the soft-404 rules read from the start of a linked page: its title, first heading,
 * visible text and a meta-refresh target. Regular expressions, not a parser: the service worker has
 * no DOMParser, and the checker reads at most the first ~64 KB of a page anyway.
 */
export interface PageText {
  title: string;
  h1: string;
  /** Visible text: tags, scripts, styles and comments removed, entities decoded, spaces collapsed. */
  text: string;
  /** The URL of `<meta http-equiv="refresh" content="0;url=…">`, as written. */
  refresh?: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', middot: '·' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

const clean = (html: string) =>
  decodeEntities(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();

/** Title, first heading, visible text and meta-refresh target of an HTML page, by regular expressions. */
export function pageText(html: string): PageText {
  const title = clean(/<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '');
  const h1 = clean(/<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1] ?? '');
  const refreshTag = (html.match(/<meta\b[^>]*>/gi) ?? []).find((t) => /http-equiv\s*=\s*["']?refresh/i.test(t));
  const refresh = refreshTag ? /content\s*=\s*["']?\s*\d*\s*[;,]\s*url\s*=\s*['"]?([^'">\s]+)/i.exec(refreshTag)?.[1] : undefined;
  const body = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    // An element cut off by the 64 KB read runs to the end ($).
    .replace(/<(script|style|noscript|template|title)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ');
  return { title, h1, text: clean(body), refresh: refresh ? decodeEntities(refresh) : undefined };
}
