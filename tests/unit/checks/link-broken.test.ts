import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/link-broken';
import { linkTargets } from '../../../lib/links/targets';
import { buildTextModel } from '../../../lib/text-model/build';
import { runChecks } from '../../../lib/engine/engine';
import { ruleTester } from './rule-tester';
import type { LinkResultSummary, TextModel } from '../../../lib/engine/types';

const PAGE = 'https://www.example.gov.cn/zwgk/index.html';
const tester = ruleTester(check);
const model = (body: string): TextModel =>
  buildTextModel(parseHTML(`<!doctype html><html><head><title>政务公开</title></head><body>${body}</body></html>`).document as unknown as Document, {
    url: PAGE,
  }).model;
const verdict = (v: LinkResultSummary['verdict'], status?: number): LinkResultSummary => ({
  verdict: v,
  status,
  reason: { 'zh-CN': status ? `HTTP ${status}` : '无法连接', en: status ? `HTTP ${status}` : 'refused' },
});
/** A case on a page with the link results the background found (none: not checked yet). */
const page = (body: string, results?: Record<string, LinkResultSummary>) => ({
  text: body,
  model: () => {
    const m = model(body);
    if (results) m.linkResults = results;
    return m;
  },
});

/**
 * The invalid cases run the engine themselves: a link finding's text is its URL while its range is the link's
 * text on the page, so the tester's rule that a range slices to the finding's text does not hold for them.
 */
const scan = (m: TextModel) => runChecks(m, { today: '2026-11-22', checks: [check] }).findings;

tester.run({
  valid: [
    {
      name: 'ok links',
      ...page('<a href="/a.html">一</a><a href="https://other.gov.cn/">二</a>', {
        'https://www.example.gov.cn/a.html': verdict('ok', 200),
        'https://other.gov.cn/': verdict('ok', 200),
      }),
    },
    { name: 'links not checked yet', ...page('<a href="/a.html">一</a>', undefined) },
    { name: 'skipped schemes', ...page('<a href="mailto:a@b.cn">信箱</a><a href="tel:0883">电话</a>', {}) },
    {
      name: 'in-page links with a target, # and #top',
      ...page('<a href="#s2">第二节</a><a href="#">顶部</a><a href="#top">返回顶部</a><h2 id="s2">二</h2>', {}),
    },
    { name: 'an <a name> target', ...page('<a href="#fj">附件</a><a name="fj"></a>', {}) },
  ],
});

describe('link-broken', () => {
  it('invalid: dead, failing and soft-404 links highlight their text and carry the URL, the verdict and the status', () => {
    const m = model('<p>下载<a href="/files/a.pdf">申请表</a>，见<a href="/old.html">旧通知</a>，<a href="/err">办事指南</a>。</p>');
    m.linkResults = {
      'https://www.example.gov.cn/files/a.pdf': verdict('dead', 404),
      'https://www.example.gov.cn/old.html': verdict('soft404', 200),
      'https://www.example.gov.cn/err': verdict('error', 500),
    };
    const f = scan(m);
    expect(f.map((x) => [x.text, x.kind, x.severity, m.text.slice(x.start, x.end)])).toEqual([
      ['https://www.example.gov.cn/files/a.pdf', 'dead', 'deduct', '申请表'],
      ['https://www.example.gov.cn/old.html', 'soft404', 'deduct', '旧通知'],
      ['https://www.example.gov.cn/err', 'error', 'deduct', '办事指南'],
    ]);
    expect(f[0].message).toBe('断链：HTTP 404');
    expect(f[0].data.status).toBe(404);
  });

  it('invalid: a suspect link (403, 429, timeout) is a notice, apart from the dead ones', () => {
    const m = model('<a href="/busy">忙</a>');
    m.linkResults = { 'https://www.example.gov.cn/busy': verdict('suspect', 429) };
    expect(scan(m).map((x) => [x.kind, x.severity])).toEqual([['suspect', 'notice']]);
  });

  it('invalid: a dead image has no text to highlight but is reported with its URL', () => {
    const m = model('<img src="/img/banner.jpg" alt="横幅">');
    m.linkResults = { 'https://www.example.gov.cn/img/banner.jpg': verdict('dead', 404) };
    expect(scan(m).map((x) => [x.text, x.start])).toEqual([['https://www.example.gov.cn/img/banner.jpg', undefined]]);
  });

  it('invalid: an in-page link whose target is missing is a wrong link, without any network', () => {
    const m = model('<a href="#s3">第三节</a><a href="#s2">第二节</a><h2 id="s2">二</h2>');
    const f = scan(m);
    expect(f.map((x) => [x.kind, x.text, m.text.slice(x.start, x.end)])).toEqual([['fragment', `${PAGE}#s3`, '第三节']]);
    expect(f[0].message).toBe('错链：页内链接指向的位置“#s3”不存在');
  });

  it('linkTargets: each http(s) URL once, without fragments, images included, in-page links and mailto left out', () => {
    const m = model('<a href="/a.html#x">一</a><a href="/a.html#y">一</a><a href="#s">本页</a><a href="mailto:x@y.cn">信</a><img src="/i.png">');
    expect(linkTargets(m)).toEqual(['https://www.example.gov.cn/a.html', 'https://www.example.gov.cn/i.png']);
  });
});
