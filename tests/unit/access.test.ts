import { describe, expect, it } from 'vitest';
import { ALWAYS_MATCHES, matchesAny, originPattern } from '../../lib/extension/access';
import { normalizeSettings } from '../../lib/extension/settings';

describe('least privilege: which pages are read without asking', () => {
  it.each([
    ['https://www.yn.gov.cn/zwgk/a.html', true],
    ['http://xxgk.km.gov.cn/', true],
    ['https://gov.cn/', true],
    ['http://127.0.0.1:8123/article.html', true],
    ['https://www.example.com/', false],
    ['https://gov.cn.example.com/', false],
    ['https://www.yngov.cn/', false],
    ['http://localhost:8123/', false],
    ['file:///tmp/a.html', false],
    ['chrome://extensions', false],
  ])('%s → %s', (url, want) => {
    expect(matchesAny(url, ALWAYS_MATCHES)).toBe(want);
  });

  it('grants a site by its scheme and host, any port and path', () => {
    expect(originPattern('https://zwfw.yn.example.com:8443/a?b=1')).toBe('https://zwfw.yn.example.com/*');
    expect(originPattern('file:///tmp/a.html')).toBeNull();
    expect(originPattern('not a url')).toBeNull();
    expect(matchesAny('https://zwfw.example.com:8443/x', ['https://zwfw.example.com/*'])).toBe(true);
    expect(matchesAny('http://zwfw.example.com/x', ['https://zwfw.example.com/*'])).toBe(false);
  });

  it("keeps the reviewer's sites as site patterns only, each once", () => {
    const s = normalizeSettings({
      autoSites: ['https://zwfw.example.com/*', 'https://zwfw.example.com/*', 'http://b.example.org/*', '<all_urls>', 'https://*/*', 3],
    });
    expect(s.autoSites).toEqual(['https://zwfw.example.com/*', 'http://b.example.org/*']);
    expect(normalizeSettings({}).autoSites).toEqual([]);
    expect(matchesAny('https://zwfw.example.com/a', s.autoSites)).toBe(true);
  });
});
