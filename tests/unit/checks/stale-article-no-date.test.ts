import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/stale-article-no-date';
import { buildTextModel } from '../../../lib/text-model/build';
import { ruleTester } from './rule-tester';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'columns');
const tester = ruleTester(check, { today: '2026-11-22' });

const modelOf = (
  body: string,
  { url = 'https://www.yl.gov.cn/xwzx/gzdt/t20261120_1.html', title = '县农业农村局开展小春生产技术指导服务_云岭县人民政府门户网站' } = {},
) => buildTextModel(parseHTML(`<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`).document, { url }).model;
/** A case on an article page (its body) at `url`. */
const page = (body: string, url?: string) => ({ text: body, model: () => modelOf(body, { url }) });

const PARA =
  '县农业农村局组织技术人员深入凤鸣镇、青松乡等地，开展小春生产技术指导服务，帮助群众解决播种、施肥、病虫害防治等方面的实际问题，确保小春生产各项措施落到实处。';
const CRUMB = '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/">新闻中心</a> &gt; <a href="/xwzx/gzdt/">工作动态</a> &gt; 正文</div>';
/** An article page: breadcrumb, h1, an info line, three paragraphs, optional extra. */
const article = (info: string, { crumb = CRUMB, extra = '', body = `<p>11月18日，${PARA}</p><p>${PARA}</p><p>${PARA}</p>` } = {}) =>
  `<div class="top">今天是2026年11月22日 星期日</div>${crumb}<div class="article"><h1>县农业农村局开展小春生产技术指导服务</h1><div class="info">${info}</div>${body}</div>${extra}` +
  '<div class="footer"><p>© 2003-2026 云岭县人民政府 版权所有 来源：云岭县信息中心</p></div>';

/** The one finding of an undated article: page-level (no range), on its title. */
const UNDATED = {
  severity: 'deduct' as const,
  messageId: 'noPublishDate',
  data: { title: '县农业农村局开展小春生产技术指导服务' },
  text: '县农业农村局开展小春生产技术指导服务',
  message: '文章“县农业农村局开展小春生产技术指导服务”未标注发布日期，检查时视为未更新',
  start: undefined,
  end: undefined,
};

describe('stale-article-no-date meta', () => {
  it('is a stale deduction with a page-level message', () => {
    expect(check.meta).toMatchObject({ id: 'stale-article-no-date', category: 'stale', defaultSeverity: 'deduct' });
    expect(check.meta.messages.noPublishDate['zh-CN']).toContain('{{title}}');
  });
});

tester.run({
  valid: [
    { name: '发布时间 with a time', ...page(article('发布时间：2026-11-20 10:30　来源：县农业农村局')) },
    { name: '发布日期 in 年月日', ...page(article('发布日期：2026年11月20日　来源：县农业农村局')) },
    { name: 'an unlabelled date on the info line', ...page(article('2026-11-20　来源：县农业农村局　浏览次数：12')) },
    {
      name: 'a document with its 成文日期 at the end',
      ...page(article('来源：县政府办公室', { body: `<p>${PARA}</p><p>${PARA}</p><p style="text-align:right">云岭县人民政府办公室<br>2026年11月20日</p>` })),
    },
    {
      name: 'a static page (机构职能) with no post metadata',
      ...page(article('', { crumb: '<div class="position">当前位置：首页 &gt; 机构概况 &gt; 机构职能</div>' })),
    },
    { name: 'a short page (not an article)', ...page(`${CRUMB}<h1>标题</h1><p>来源：县政府办</p><p>短短一句话。</p>`) },
    {
      name: 'a list page',
      ...page(
        `<div class="position">当前位置：首页 &gt; 工作动态</div><ul class="list">${Array.from({ length: 20 }, (_, i) => `<li><a href="/t${i}.html">云岭县召开第${i + 1}次专题会议研究部署冬季安全生产和森林防火工作</a><span>2026-11-${String(i + 1).padStart(2, '0')}</span></li>`).join('')}</ul>`,
      ),
    },
    { name: 'not on the home page', ...page(article('来源：县农业农村局'), 'https://www.yl.gov.cn/') },
  ],
  invalid: [
    { name: 'a 来源 line without a date', ...page(article('来源：县农业农村局　浏览次数：56')), errors: [UNDATED] },
    { name: 'only a breadcrumb naming 工作动态', ...page(article('')), errors: [UNDATED] },
    { name: 'a 今天是 widget, footer years and a year-less date in the text do not count', ...page(article('作者：李四')), errors: [UNDATED] },
    {
      name: 'dates of the related-articles list do not count',
      ...page(
        article('来源：县农业农村局', {
          extra:
            '<div class="related"><h3>相关新闻</h3><ul><li><a href="/1">秋冬种推进会</a><span>2026-09-12</span></li><li><a href="/2">技术培训班</a><span>2026-09-03</span></li></ul></div>',
        }),
      ),
      errors: [UNDATED],
    },
  ],
});

describe('stale-article-no-date on fixture pages (tests/fixtures/columns)', () => {
  it.each([
    ['article-undated.html', 1],
    ['article-dated.html', 0],
    ['dongtai-spans.html', 0],
    ['tzgg-table.html', 0],
    ['home.html', 0],
    ['short-dates.html', 0],
    ['div-list.html', 0],
    ['widget-footer.html', 0],
    ['blank-zanwu.html', 0],
    ['building.html', 0],
    ['empty-column.html', 0],
  ])('%s: %i finding(s)', (file, count) => {
    const url = file === 'home.html' ? 'https://www.yl.gov.cn/' : `https://www.yl.gov.cn/col/${file}`;
    const model = buildTextModel(parseHTML(readFileSync(join(FIXTURES, file), 'utf8')).document, { url }).model;
    const findings = tester.scan({ text: file, model: () => model });
    expect(findings).toHaveLength(count);
    if (count) expect(findings[0]).toMatchObject({ messageId: 'noPublishDate', text: '县农业农村局开展小春生产技术指导服务' });
  });
});
