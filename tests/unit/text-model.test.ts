import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { buildTextModel } from '../../lib/text-model/build';
import { findPublishDate } from '../../lib/text-model/publish-date';
import { offsetsToPoints } from '../../lib/text-model/ranges';

const page = (body: string, head = '<title>临沧市人民政府</title>') =>
  parseHTML(`<!doctype html><html lang="zh-CN"><head>${head}</head><body>${body}</body></html>`).document;

describe('buildTextModel', () => {
  it('keeps cells and blocks apart and maps every text node back', () => {
    const doc = page('<table><tr><td>张三</td><td>13812345678</td></tr><tr><td>李四</td><td>139</td></tr></table><p>正文<b>加粗</b>内容</p>');
    const { model, map } = buildTextModel(doc, { url: 'https://www.example.gov.cn/a.html' });
    expect(model.text).toBe('张三\n13812345678\n李四\n139\n正文加粗内容\n');
    expect(model.title).toBe('临沧市人民政府');
    expect(model.lang).toBe('zh-CN');
    for (let i = 0; i < map.nodes.length; i++) {
      expect(model.text.slice(map.starts[i], map.starts[i] + map.nodes[i].data.length)).toBe(map.nodes[i].data);
    }
  });

  it('skips scripts, styles, hidden elements and text areas', () => {
    const doc = page(
      '<script>var a="泄露"</script><style>p{}</style><p hidden>隐藏</p><p style="display: none">也隐藏</p><div aria-hidden="true">屏读隐藏</div><p>可见</p><textarea>输入</textarea>',
    );
    expect(buildTextModel(doc).model.text).toBe('可见\n');
  });

  it('collects links, images, scripts with absolute URLs and finds the footer', () => {
    const doc = page(
      '<div class="main"><a href="/news/1.html">新闻一</a></div>' +
        '<div class="footer">主办：某县人民政府办公室 <a href="https://beian.miit.gov.cn/">滇ICP备05000394号</a>' +
        '<img src="/img/gongan.png" alt="滇公网安备 53090202000105号"></div>' +
        '<script id="_jiucuo_" sitecode="5309000044" src="/js/jiucuo.js"></script>',
    );
    const { model } = buildTextModel(doc, { url: 'https://www.lincang.gov.cn/index.html' });
    expect(model.links).toEqual([
      expect.objectContaining({ href: 'https://www.lincang.gov.cn/news/1.html', rawHref: '/news/1.html', text: '新闻一', inFooter: false }),
      expect.objectContaining({ href: 'https://beian.miit.gov.cn/', text: '滇ICP备05000394号', inFooter: true }),
    ]);
    const icp = model.links[1];
    expect(model.text.slice(icp.start, icp.end)).toBe('滇ICP备05000394号');
    expect(model.images[0]).toMatchObject({ src: 'https://www.lincang.gov.cn/img/gongan.png', alt: '滇公网安备 53090202000105号', inFooter: true });
    expect(model.scripts[0]).toMatchObject({ id: '_jiucuo_', src: 'https://www.lincang.gov.cn/js/jiucuo.js' });
    expect(model.scripts[0].attrs.sitecode).toBe('5309000044');
    expect(model.text.slice(model.footer!.start, model.footer!.end)).toContain('主办：某县人民政府办公室');
    expect(model.text.slice(model.footer!.start, model.footer!.end)).not.toContain('新闻一');
  });

  it('reads the publish date printed in the page', () => {
    const doc = page('<h1>关于开展检查的通知</h1><div class="info">发布时间：2026-11-20 10:30 来源：县政府办</div><p>正文</p>');
    const { model } = buildTextModel(doc);
    expect(model.publishDate?.date).toBe('2026-11-20');
    expect(model.text.slice(model.publishDate!.start, model.publishDate!.end)).toMatch(/^发布时间：2026-11-20/);
  });

  it('survives a page nested 20,000 levels deep without recursion', () => {
    const deep = `${'<div>'.repeat(20000)}深层文本${'</div>'.repeat(20000)}`;
    const { model } = buildTextModel(page(deep), { readability: false });
    expect(model.text.trim()).toBe('深层文本');
  });

  it('extracts the main content with Readability on a clone, leaving the page intact', () => {
    const para = '为深入贯彻落实党中央、国务院关于政务公开工作的决策部署，进一步提升政府网站信息发布质量，现就有关事项通知如下。'.repeat(6);
    const doc = page(`<div class="nav">首页 | 政务公开</div><article><h1>关于加强政府网站管理的通知</h1><p>${para}</p><p>${para}</p></article>`);
    const before = doc.body.innerHTML;
    const { model } = buildTextModel(doc);
    expect(model.main?.text).toContain('为深入贯彻落实党中央');
    expect(doc.body.innerHTML).toBe(before);
  });
});

describe('findPublishDate', () => {
  it.each([
    ['发布时间：2026-11-20 10:30', '2026-11-20'],
    ['发布日期:2026年1月5日', '2026-01-05'],
    ['时间：2026/11/2', '2026-11-02'],
    ['日期：2026.02.28', '2026-02-28'],
    ['成文日期： 2025 年 12 月 31 日', '2025-12-31'],
  ])('%s → %s', (text, date) => {
    expect(findPublishDate(text)?.date).toBe(date);
  });

  it.each(['发布时间：2026-02-30', '版权所有 2026', '电话：0883-2123456', '发布时间：1900-01-01'])('no date in %s', (text) => {
    expect(findPublishDate(text)).toBeUndefined();
  });
});

describe('offsetsToPoints', () => {
  const { model, map } = buildTextModel(page('<p>张三</p><p>身份证<b>5309</b>02199001011234</p>'), { readability: false });

  it('maps a range that crosses element boundaries', () => {
    const start = model.text.indexOf('5309');
    const pts = offsetsToPoints(map, start, start + 18)!;
    expect(pts.start.node.data).toBe('5309');
    expect(pts.start.offset).toBe(0);
    expect(pts.end.node.data).toBe('02199001011234');
    expect(pts.end.offset).toBe(14);
  });

  it('moves a start on a synthetic line break to the next node', () => {
    const nl = model.text.indexOf('\n');
    const pts = offsetsToPoints(map, nl, nl + 3)!;
    expect(pts.start.node.data).toBe('身份证');
    expect(pts.start.offset).toBe(0);
  });

  it('returns null for empty or unmapped ranges', () => {
    expect(offsetsToPoints(map, 3, 3)).toBeNull();
    const nl = model.text.indexOf('\n');
    expect(offsetsToPoints(map, nl, nl + 1)).toBeNull();
  });
});

describe('inline script loaders', () => {
  it('records the URL an inline script writes (percent-encoded) without running it', () => {
    const doc = page(
      `<div class="footer"><script>document.write(unescape("%3Cscript src='https://dcs.conac.cn/js/25/000/0000/60429971/CA25.js' type='text/javascript'%3E%3C/script%3E"));</script></div>` +
        '<script>var x = "not a url: foo.js";</script>',
    );
    const { model } = buildTextModel(doc, { url: 'https://www.example.gov.cn/' });
    expect(model.scripts.map((s) => s.src)).toEqual(['https://dcs.conac.cn/js/25/000/0000/60429971/CA25.js']);
    expect(model.scripts[0].attrs).toHaveProperty('data-govreview-inline');
    expect(model.text).toBe('');
  });
});
