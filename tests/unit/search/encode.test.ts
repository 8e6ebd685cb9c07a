import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeForm, encodeFormComponent, isGbkCharset } from '../../../lib/search/encode';

/** Percent-encodes bytes as application/x-www-form-urlencoded does (the reference for the GBK table). */
const urlencodedBytes = (bytes: Uint8Array) =>
  Array.from(bytes, (b) =>
    b < 0x80 && /[A-Za-z0-9*\-._]/.test(String.fromCharCode(b))
      ? String.fromCharCode(b)
      : b === 0x20
        ? '+'
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
  ).join('');

describe('isGbkCharset', () => {
  it.each(['gbk', 'GBK', 'gb2312', 'GB2312', 'gb18030', 'x-gbk', 'cp936', 'csgb2312', ' gbk '])('%s is GBK', (label) => {
    expect(isGbkCharset(label)).toBe(true);
  });
  it.each(['utf-8', 'UTF8', 'big5', 'iso-8859-1', '', 'gbk2'])('%s is not', (label) => {
    expect(isGbkCharset(label)).toBe(false);
  });
});

describe('encodeFormComponent: UTF-8', () => {
  it('encodes Chinese as UTF-8 bytes, by default and when asked', () => {
    expect(encodeFormComponent('搜索')).toBe('%E6%90%9C%E7%B4%A2');
    expect(encodeFormComponent('临沧市人民政府', 'UTF-8')).toBe('%E4%B8%B4%E6%B2%A7%E5%B8%82%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C');
  });

  it('space → +, unreserved ASCII kept, everything else percent-encoded', () => {
    expect(encodeFormComponent('a b')).toBe('a+b');
    expect(encodeFormComponent('AZaz09*-._')).toBe('AZaz09*-._');
    expect(encodeFormComponent("~!'()+&=%/?#")).toBe('%7E%21%27%28%29%2B%26%3D%25%2F%3F%23');
  });

  it('a non-GBK charset other than UTF-8 still sends UTF-8 (only GBK is special)', () => {
    expect(encodeFormComponent('搜索', 'big5')).toBe('%E6%90%9C%E7%B4%A2');
  });

  it('a character outside the BMP is its four UTF-8 bytes', () => {
    expect(encodeFormComponent('𠮷')).toBe('%F0%A0%AE%B7');
  });
});

describe('encodeFormComponent: GBK', () => {
  it('搜索 → %CB%D1%CB%F7 under every GBK label', () => {
    for (const label of ['gbk', 'gb2312', 'GB18030', 'x-gbk']) expect(encodeFormComponent('搜索', label)).toBe('%CB%D1%CB%F7');
  });

  it('a site name, with spaces and ASCII as in UTF-8', () => {
    expect(encodeFormComponent('临沧市人民政府', 'gbk')).toBe('%C1%D9%B2%D7%CA%D0%C8%CB%C3%F1%D5%FE%B8%AE');
    expect(encodeFormComponent('2026年 工作', 'gbk')).toBe('2026%C4%EA+%B9%A4%D7%F7');
  });

  it('full-width punctuation of titles (（）、“”·—)', () => {
    expect(encodeFormComponent('（）、“”·—', 'gbk')).toBe('%A3%A8%A3%A9%A1%A2%A1%B0%A1%B1%A1%A4%A1%AA');
  });

  it('a character GBK lacks is sent as an encoded &#NNNN; reference (its code point, not surrogates)', () => {
    expect(encodeFormComponent('㙟', 'gbk')).toBe('%26%2313919%3B');
    expect(encodeFormComponent('a😀b', 'gbk')).toBe('a%26%23128512%3Bb');
    expect(encodeFormComponent('•', 'gb2312')).toBe('%26%238226%3B');
  });

  it('every CJK unified ideograph U+4E00–U+9FA5 encodes as iconv-lite’s GBK does', () => {
    const wrong: string[] = [];
    for (let c = 0x4e00; c <= 0x9fa5; c++) {
      const ch = String.fromCharCode(c);
      if (encodeFormComponent(ch, 'gbk') !== urlencodedBytes(iconv.encode(ch, 'gbk'))) wrong.push(ch);
    }
    expect(wrong).toEqual([]);
  });

  it('€ is the single byte 0x80 in GBK, as the Encoding Standard’s gbk encoder (and a browser’s form) sends it', () => {
    // https://encoding.spec.whatwg.org/#gb18030-encoder: "If is GBK is true and code point is U+20AC, return byte 0x80."
    expect(encodeFormComponent('€', 'gbk')).toBe('%80');
  });
});

describe('encodeForm', () => {
  it('joins name=value pairs with &, names encoded too, empty values kept', () => {
    expect(
      encodeForm([
        ['searchword', '临沧 市'],
        ['channelid', '246790'],
        ['pg', ''],
        ['排序', 'a&b=c'],
      ]),
    ).toBe('searchword=%E4%B8%B4%E6%B2%A7+%E5%B8%82&channelid=246790&pg=&%E6%8E%92%E5%BA%8F=a%26b%3Dc');
  });

  it('encodes every pair in the form’s GBK charset', () => {
    expect(
      encodeForm(
        [
          ['searchword', '搜索'],
          ['column', '全部'],
        ],
        'gb2312',
      ),
    ).toBe('searchword=%CB%D1%CB%F7&column=%C8%AB%B2%BF');
  });

  it('no pairs, no body', () => {
    expect(encodeForm([])).toBe('');
  });
});
