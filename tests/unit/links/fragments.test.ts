import { describe, expect, it } from 'vitest';
import { missingFragments } from '../../../lib/links';

const PAGE = 'http://www.example.gov.cn/zwgk/index.html';
const link = (rawHref: string) => ({ rawHref, href: new URL(rawHref, PAGE).href, text: rawHref });
const ids = ['nav', 'main', '第一章', 'a b'];

describe('missingFragments', () => {
  it.each([
    ['#nav', false],
    ['#main', false],
    ['#footer', true],
    ['#Main', true], // ids are case-sensitive
    ['#', false],
    ['#top', false],
    ['#TOP', false],
    ['#%E7%AC%AC%E4%B8%80%E7%AB%A0', false], // percent-encoded 第一章
    ['#第一章', false],
    ['#a%20b', false],
    ['#%E7%AC%AC%E4%BA%8C%E7%AB%A0', true], // 第二章
    ['#%E0%A4%A', true], // malformed escape: compared as written
    ['other.html#nav', false], // another document: not an in-page link
    ['/zwgk/other.html#missing', false],
  ])('%s missing: %s', (raw, missing) => {
    expect(missingFragments([link(raw)], ids)).toEqual(missing ? [link(raw)] : []);
  });

  it('with the page URL, absolute links back to the same document count as in-page links', () => {
    const links = [link('index.html#gone'), link(`${PAGE}#main`), link('http://www.example.gov.cn/zwgk/index.html?x=1#gone'), link('other.html#gone')];
    expect(missingFragments(links, ids, `${PAGE}#main`)).toEqual([links[0]]);
    expect(missingFragments(links, ids)).toEqual([]);
  });

  it('keeps the caller’s objects and order, and accepts any iterable of ids', () => {
    const links = [link('#x'), link('#nav'), link('#y')];
    const out = missingFragments(links, new Set(ids).values());
    expect(out).toEqual([links[0], links[2]]);
    expect(out[0]).toBe(links[0]);
  });
});
