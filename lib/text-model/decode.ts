/**
 * Decoding page bytes the way a browser would, for scans that fetch pages themselves (the CLI).
 * Many county sites still serve GB2312/GBK, often declared only in a <meta> tag, sometimes not at
 * all. Order: byte-order mark → the HTTP Content-Type charset → <meta charset> / http-equiv in the
 * first 4 KB → sniffing (valid UTF-8, else GB18030, the superset of GB2312 and GBK).
 * Uses only TextDecoder (WHATWG encodings), so it runs in Node and the browser alike.
 */

/**
 * Where the charset came from, in the order tried: a byte-order mark, the HTTP Content-Type, a <meta> near the
 * top, sniffing (also when the bytes are valid UTF-8 and the <meta> says otherwise).
 */
export type CharsetSource = 'bom' | 'header' | 'meta' | 'sniffed';

/** A page's bytes as text, with the charset used and where it came from. */
export interface Decoded {
  text: string;
  /** WHATWG encoding name actually used, e.g. "utf-8", "gb18030". */
  charset: string;
  source: CharsetSource;
}

/** Bytes of the document searched for a <meta> charset declaration (the HTML spec's prescan reads 1024). */
const META_PRESCAN = 4096;

/** The WHATWG name of a charset label, or undefined when no decoder knows it. */
export function encodingOf(label: string): string | undefined {
  const l = label.trim().toLowerCase();
  if (!l) return undefined;
  // GB2312 and GBK pages routinely use GB18030-only characters; GB18030 decodes all three.
  if (l === 'gb2312' || l === 'gbk' || l === 'x-gbk' || l === 'gb_2312-80' || l === 'cp936' || l === 'gb18030') return 'gb18030';
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return undefined;
  }
}

/** The charset parameter of a Content-Type header value. */
export function charsetOfContentType(contentType: string | null | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? '');
  return m ? m[1] : undefined;
}

/** The charset declared by <meta charset> or <meta http-equiv="Content-Type" content="…charset=…">. */
export function charsetOfMeta(head: string): string | undefined {
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const direct = /\bcharset\s*=\s*["']?\s*([a-z0-9_.:-]+)/i.exec(tag);
    if (direct) return direct[1];
  }
  return undefined;
}

function bomOf(bytes: Uint8Array): { charset: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return undefined;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const decodeWith = (charset: string, bytes: Uint8Array) => new TextDecoder(charset).decode(bytes);

/**
 * Decodes a document. `contentType` is the HTTP header when there was one; `html` enables the
 * <meta> prescan (plain text files have none).
 */
export function decodeBytes(bytes: Uint8Array, opts: { contentType?: string | null; html?: boolean } = {}): Decoded {
  const bom = bomOf(bytes);
  if (bom) return { text: decodeWith(bom.charset, bytes.subarray(bom.length)), charset: bom.charset, source: 'bom' };

  const fromHeader = encodingOf(charsetOfContentType(opts.contentType) ?? '');
  if (fromHeader) return { text: decodeWith(fromHeader, bytes), charset: fromHeader, source: 'header' };

  if (opts.html !== false) {
    // ASCII-compatible prescan: charset names are ASCII in every encoding a gov page uses.
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, META_PRESCAN));
    let fromMeta = encodingOf(charsetOfMeta(head) ?? '');
    // A page that declares UTF-16 in ASCII is not UTF-16 (the HTML spec treats it as UTF-8).
    if (fromMeta?.startsWith('utf-16')) fromMeta = 'utf-8';
    if (fromMeta) {
      // A wrong declaration is common on old sites (meta says gb2312, bytes are UTF-8): trust valid UTF-8.
      if (fromMeta !== 'utf-8' && isValidUtf8(bytes) && /[\u0080-\uffff]/.test(decodeWith('utf-8', bytes.subarray(0, 65536)))) {
        return { text: decodeWith('utf-8', bytes), charset: 'utf-8', source: 'sniffed' };
      }
      return { text: decodeWith(fromMeta, bytes), charset: fromMeta, source: 'meta' };
    }
  }

  const charset = isValidUtf8(bytes) ? 'utf-8' : 'gb18030';
  return { text: decodeWith(charset, bytes), charset, source: 'sniffed' };
}

/** Magic numbers of binary formats a reviewer might pass by mistake (PDF, Office, images, archives). */
const MAGIC: Array<[string, number[]]> = [
  ['PDF', [0x25, 0x50, 0x44, 0x46]],
  ['ZIP / Office', [0x50, 0x4b, 0x03, 0x04]],
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['OLE (doc/xls)', [0xd0, 0xcf, 0x11, 0xe0]],
  ['gzip', [0x1f, 0x8b]],
  ['RAR', [0x52, 0x61, 0x72, 0x21]],
];

/** Names the binary format of the bytes, or undefined when they look like text. */
export function binaryKind(bytes: Uint8Array): string | undefined {
  for (const [name, magic] of MAGIC) if (magic.every((b, i) => bytes[i] === b)) return name;
  if (bomOf(bytes)?.charset.startsWith('utf-16')) return undefined;
  const sample = bytes.subarray(0, 8192);
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return 'binary data';
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) controls++;
  }
  return controls > sample.length / 10 ? 'binary data' : undefined;
}
