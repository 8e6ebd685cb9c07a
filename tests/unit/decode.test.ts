import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { binaryKind, charsetOfContentType, charsetOfMeta, decodeBytes, encodingOf } from '../../lib/text-model/decode';

const PAGE = '<p>临沧市人民政府办公室　联系电话：0883-2122222</p>';
const gbk = (s: string) => new Uint8Array(iconv.encode(s, 'gbk'));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeBytes', () => {
  it.each([
    ['UTF-8 BOM beats a wrong header', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(PAGE)]), 'text/html; charset=gbk', 'utf-8', 'bom'],
    ['UTF-16LE BOM', new Uint8Array([0xff, 0xfe, ...iconv.encode(PAGE, 'utf16le')]), null, 'utf-16le', 'bom'],
    ['GBK declared by header', gbk(PAGE), 'text/html; charset=GBK', 'gb18030', 'header'],
    ['GB2312 declared by <meta charset>', gbk(`<meta charset="gb2312">${PAGE}`), null, 'gb18030', 'meta'],
    ['GBK declared by http-equiv', gbk(`<meta http-equiv="Content-Type" content="text/html; charset=gbk">${PAGE}`), 'text/html', 'gb18030', 'meta'],
    ['meta says gb2312 but the bytes are UTF-8', utf8(`<meta charset="gb2312">${PAGE}`), null, 'utf-8', 'sniffed'],
    ['undeclared GBK is sniffed', gbk(PAGE), null, 'gb18030', 'sniffed'],
    ['undeclared UTF-8 is sniffed', utf8(PAGE), null, 'utf-8', 'sniffed'],
    ['an unknown label falls through to sniffing', gbk(`<meta charset="x-nonsense">${PAGE}`), 'text/html; charset=bogus', 'gb18030', 'sniffed'],
  ])('%s', (_name, bytes, contentType, charset, source) => {
    const d = decodeBytes(bytes, { contentType });
    expect(d.charset).toBe(charset);
    expect(d.source).toBe(source);
    expect(d.text).toContain('临沧市人民政府办公室');
    expect(d.text).not.toContain('\uFFFD');
  });

  it('decodes GB18030-only characters that a GBK decoder would lose', () => {
    const bytes = new Uint8Array(iconv.encode('䶮字', 'gb18030'));
    expect(decodeBytes(bytes, { contentType: 'text/html; charset=gb2312' }).text).toBe('䶮字');
  });

  it('plain text files get no meta prescan', () => {
    const d = decodeBytes(gbk('<meta charset="utf-8">正文'), { html: false });
    expect(d.charset).toBe('gb18030');
  });
});

describe('charset labels', () => {
  it('parses headers and meta tags', () => {
    expect(charsetOfContentType('text/html;charset="GB2312"')).toBe('GB2312');
    expect(charsetOfContentType('text/html')).toBeUndefined();
    expect(charsetOfMeta('<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=gb2312">')).toBe('gb2312');
    expect(charsetOfMeta('<meta name="description" content="charset 无">')).toBeUndefined();
    expect(encodingOf('GBK')).toBe('gb18030');
    expect(encodingOf('utf8')).toBe('utf-8');
    expect(encodingOf('klingon')).toBeUndefined();
  });
});

describe('binaryKind', () => {
  it.each([
    ['PDF', utf8('%PDF-1.7 ...'), 'PDF'],
    ['PNG', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]), 'PNG'],
    ['docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]), 'ZIP / Office'],
    ['NUL byte', new Uint8Array([0x41, 0x00]), 'binary data'],
  ])('%s is binary', (_n, bytes, kind) => expect(binaryKind(bytes)).toBe(kind));

  it.each([
    ['GBK text', gbk(PAGE)],
    ['UTF-8 text with tabs and newlines', utf8('一\t二\r\n三')],
    ['UTF-16 with BOM', new Uint8Array([0xff, 0xfe, ...iconv.encode('正文', 'utf16le')])],
  ])('%s is text', (_n, bytes) => expect(binaryKind(bytes)).toBeUndefined());
});
