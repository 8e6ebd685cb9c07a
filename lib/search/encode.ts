/**
 * application/x-www-form-urlencoded as a browser writes it for a form in a page's charset (the URL Standard's
 * urlencoded serializer): a GBK page's search form sends 搜索 as %CB%D1%CB%F7, not as UTF-8, and a search
 * engine behind a GBK site decodes it so. Spaces become '+'; a character the charset lacks is sent as an HTML
 * numeric reference (&#NNNN;), as browsers do. Only fetch-free code: runs in the service worker and in Node.
 */

import { encodingOf } from '../text-model/decode';

/** The GBK/GB18030 two-byte table, built once from the platform's decoder (TextDecoder has no encoder for GBK). */
let gbkTable: Map<string, number> | undefined;

function gbk(): Map<string, number> {
  if (gbkTable) return gbkTable;
  const bytes: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) bytes.push(lead, trail);
  const text = new TextDecoder('gbk').decode(new Uint8Array(bytes));
  const table = new Map<string, number>();
  // Every two-byte sequence in these ranges decodes to one BMP character (U+FFFD where GBK has none).
  for (let i = 0; i < text.length && i * 2 < bytes.length; i++) {
    const c = text[i];
    if (c !== '\uFFFD' && !table.has(c)) table.set(c, (bytes[i * 2] << 8) | bytes[i * 2 + 1]);
  }
  gbkTable = table;
  return table;
}

/** Whether a charset label means GBK (gb2312, gbk, gb18030 and their aliases). */
export const isGbkCharset = (charset: string): boolean => ['gb18030', 'gbk'].includes(encodingOf(charset) ?? '');

/** Bytes unreserved in application/x-www-form-urlencoded: ASCII alphanumerics and *-._ */
const UNRESERVED = /[A-Za-z0-9*\-._]/;

function percentBytes(bytes: Iterable<number>): string {
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    if (b < 0x80 && UNRESERVED.test(c)) out += c;
    else if (b === 0x20) out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** One name or value, encoded in `charset` (UTF-8 for anything but GBK). */
export function encodeFormComponent(value: string, charset = 'utf-8'): string {
  if (!isGbkCharset(charset)) return percentBytes(new TextEncoder().encode(value));
  const table = gbk();
  const bytes: number[] = [];
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    // The WHATWG gbk encoder's one single byte above ASCII.
    else if (code === 0x20ac && !/18030/.test(charset)) bytes.push(0x80);
    else if (table.has(ch)) {
      const two = table.get(ch)!;
      bytes.push(two >> 8, two & 0xff);
    } else for (const b of new TextEncoder().encode(`&#${code};`)) bytes.push(b);
  }
  return percentBytes(bytes);
}

/** A whole form data set, name=value&…, in `charset`. */
export function encodeForm(pairs: ReadonlyArray<readonly [string, string]>, charset = 'utf-8'): string {
  return pairs.map(([n, v]) => `${encodeFormComponent(n, charset)}=${encodeFormComponent(v, charset)}`).join('&');
}
