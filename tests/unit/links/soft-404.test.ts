import { describe, expect, it } from 'vitest';
import { detectSoft404, ORDINARY_TEXT, TINY_TEXT } from '../../../lib/links/soft-404';
import { ruleListProblems, type RuleList } from '../../../lib/engine/rule-data';
import phrases from '../../../lib/links/soft-404-phrases.json';

const html = (title: string, body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
/** A site's template around the content: navigation and footer, as real error pages keep them. */
const template = (content: string) =>
  `<div class="nav">首页 政务公开 政府信息公开 政策文件 政策解读 办事服务 互动交流 走进某某</div>${content}<div class="footer">主办：某某市人民政府办公室 网站标识码：5309000044 滇ICP备05000000号</div>`;
const article = (extra: string) =>
  template(`<h1>关于做好2026年防汛工作的通知</h1><p>${'各县（区）人民政府，市直各部门：为切实做好防汛工作，现就有关事项通知如下。'.repeat(10)}${extra}</p>`);

const at = 'http://www.example.gov.cn/zwgk/tzgg/202611/t20261120_1.html';
const check = (page: string | undefined, finalUrl = at, linkUrl = at, truncated = false) =>
  detectSoft404({ linkUrl: new URL(linkUrl), finalUrl: new URL(finalUrl), html: page, truncated });

describe('soft 404: error pages that answer 200', () => {
  it.each([
    ['页面不存在 in the body of a templated page', html('某某市人民政府', template('<p>对不起，您访问的页面不存在！</p>')), 'body'],
    ['找不到该页面', html('提示', template('<p>抱歉，找不到该页面。</p>')), 'body'],
    ['信息已过期', html('某某市人民政府', template('<p>该信息已过期。</p>')), 'body'],
    ['English server page', html('Error', '<h1>Page Not Found</h1><p>The page you requested does not exist.</p>'), 'title'],
    ['title 404 Not Found', html('404 Not Found', '<center>nginx</center>'), 'title'],
    ['title 404 with the site name', html('404 - 某某市人民政府', template('<p>返回首页</p>')), 'title'],
    ['title site name | 404', html('某某市人民政府 | 404', template('')), 'title'],
    ['h1 404错误', html('某某市人民政府', template('<h1>404错误</h1>')), 'title'],
    ['title 已删除', html('信息已删除', '<p>返回</p>'), 'title'],
    ['tiny body 信息不存在', html('提示', '<p>信息不存在</p>'), 'body'],
    ['tiny body 该文章已被删除', html('', '<div>对不起，该文章已被删除！<a href="/">返回首页</a></div>'), 'body'],
    ['tiny body 404 alone', html('', '<p>404</p>'), 'body'],
    ['tiny body: only a script alert', html('', '<script>alert("该信息不存在或已被删除");history.back();</script>'), 'body'],
    ['tiny body: a script that goes to the 404 page', html('', '<script>window.location.href="/404.html";</script>'), 'error-page'],
    ['meta refresh to the 404 page', html('跳转中', '<meta http-equiv="refresh" content="3; url=/error/404.html"><p>正在跳转</p>'), 'error-page'],
    ['meta refresh of a deep page to the home page', html('跳转中', '<meta http-equiv="Refresh" content="0;URL=\'/index.html\'">'), 'home'],
    ['GBK-free plain text body', 'Not Found', 'body'],
  ])('%s', (_, page, rule) => {
    expect(check(page)?.rule).toBe(rule);
  });

  it.each([
    ['to the home page', 'http://www.example.gov.cn/', 'home'],
    ['to /index.html', 'http://www.example.gov.cn/index.html', 'home'],
    ['to the home page of another host (a retired domain)', 'https://new.example.gov.cn/', 'home'],
    ['to /404.html', 'http://www.example.gov.cn/404.html', 'error-page'],
    ['to /error.jsp?code=404', 'http://www.example.gov.cn/error.jsp?code=404', 'error-page'],
    ['to /notfound.htm', 'http://www.example.gov.cn/notfound.htm', 'error-page'],
    ['to /common/error/', 'http://www.example.gov.cn/common/error/', 'error-page'],
  ])('a deep link redirected %s', (_, finalUrl, rule) => {
    expect(check(undefined, finalUrl)?.rule).toBe(rule);
  });
});

describe('not soft 404s', () => {
  it.each([
    ['a normal short page', html('联系我们', '<p>电话：0871-12345678</p>')],
    ['a short notice', html('放假通知', '<p>端午节放假1天。</p>')],
    ['an empty page', html('', '')],
    ['政府信息不存在的 (the legal wording of a reply)', html('依申请公开办理指南', '<p>申请公开的政府信息不存在的，行政机关应当告知申请人。</p>')],
    ['原第三条已删除 in a short page', html('修订说明', '<p>原第三条已删除，其余条款顺延。</p>')],
    ['已删除 in a long article', html('关于修改某某办法的决定', article('第三条已删除。'))],
    ['页面不存在 in a long page', html('常见问题', `${article('').repeat(Math.ceil(ORDINARY_TEXT / 400))}<p>页面不存在怎么办？请联系管理员。</p>`)],
    ['a news title with 找不到', html('老人找不到家 民警热心帮助', article(''))],
    ['404 as a number in a title', html('政府公报2026年第404期', article(''))],
    ['404 as a number in a tiny page', html('公交', '<p>404路公交车</p>')],
    ['a page about error correction', html('我为政府网站找错', template('<p>欢迎网民朋友提交错误信息。</p>'))],
    ['a report on error pages', html('关于网站错误页面整改情况的通报', article(''))],
    ['a home page linked as the home page', html('某某市人民政府', template('<p>要闻</p>'))],
  ])('%s', (_, page) => {
    expect(check(page)).toBeUndefined();
  });

  it.each([
    ['http → https of the same page', 'https://www.example.gov.cn/zwgk/tzgg/202611/t20261120_1.html'],
    ['a column to its index page', 'http://www.example.gov.cn/zwgk/tzgg/index.html'],
    ['a page moved to a new path', 'http://www.example.gov.cn/zwgk/2026/t20261120_1.html'],
  ])('a redirect %s', (_, finalUrl) => {
    expect(check(undefined, finalUrl)).toBeUndefined();
  });

  it('the home page itself redirected to /index.html', () => {
    expect(check(undefined, 'http://www.example.gov.cn/index.html', 'http://www.example.gov.cn/')).toBeUndefined();
  });

  it('a truncated read is never taken for a tiny page', () => {
    const start = html('', '<p>已撤稿</p>');
    expect(check(start)?.rule).toBe('body');
    expect(check(start, at, at, true)).toBeUndefined();
  });

  it(`tiny means at most ${TINY_TEXT} characters of visible text`, () => {
    expect(check(html('', `<p>${'某'.repeat(TINY_TEXT - 6)}信息不存在</p>`))?.rule).toBe('body');
    expect(check(html('', `<p>${'某'.repeat(TINY_TEXT)}信息不存在</p>`))).toBeUndefined();
  });
});

describe('soft-404-phrases.json', () => {
  it('is a well-formed rule list with a source for every entry', () => {
    expect(ruleListProblems(phrases as RuleList, 'soft-404-phrases')).toEqual([]);
  });

  it('places every phrase in a known tier, each phrase at most once per tier', () => {
    const seen = new Set<string>();
    for (const e of phrases.entries) {
      expect(['page', 'title', 'tiny']).toContain(e.where);
      const key = `${e.where}:${e.phrase.toLowerCase()}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });
});
