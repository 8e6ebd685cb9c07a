import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { searchTermOf, siteNameOf } from '../../../lib/search/term';
import { buildTextModel } from '../../../lib/text-model/build';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import type { TextModel } from '../../../lib/engine/types';

const TODAY = '2026-11-22';
const HOME = 'https://www.lincang.gov.cn/';

describe('siteNameOf', () => {
  it.each([
    ['临沧市人民政府门户网站', '临沧市人民政府'],
    ['首页-临沧市人民政府', '临沧市人民政府'],
    ['首页_临沧市人民政府门户网站', '临沧市人民政府'],
    ['临沧市人民政府 - 首页', '临沧市人民政府'],
    ['临沧市人民政府｜首页', '临沧市人民政府'],
    ['临沧县教育体育局', '临沧县教育体育局'],
    ['临翔区人民政府办公室', '临翔区人民政府办公室'],
    ['临沧市发展和改革委员会门户网站', '临沧市发展和改革委员会'],
    ['云南省人民政府官网', '云南省人民政府'],
    ['首页 - 临沧市卫生健康委员会 - Lincang', '临沧市卫生健康委员会'],
    ['临沧市人民政府（市政府办公室）网站', '临沧市人民政府（市政府办公室）'],
  ])('%s → %s', (title, name) => {
    expect(siteNameOf(title)).toBe(name);
  });

  it.each(['', '首页', '欢迎访问', '中国·临沧', 'Lincang Government', '通知公告', '门户网站'])('%s names no body', (title) => {
    expect(siteNameOf(title)).toBeUndefined();
  });
});

const NEWS = `<div class="news"><h3>临沧要闻</h3><ul>
<li><a href="/xwzx/a1.html">市政府常务会议研究部署当前重点工作</a><span>[11-21]</span></li>
<li><a href="/xwzx/a2.html">全市冬季安全生产工作会议召开</a><span>[2025-12-30]</span></li>
<li><a href="/xwzx/a3.html">全市农村人居环境整治现场推进会召开</a><span>[11-19]</span></li></ul></div>`;
const FOOT = (sponsor: string) => `<div class="footer"><p>${sponsor}　网站标识码：5309000044　滇ICP备05000394号</p></div>`;

function homeModel(title: string, body: string): TextModel {
  return buildTextModel(parseHTML(`<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`).document, { url: HOME }).model;
}

describe('searchTermOf', () => {
  it('the site name from the title, when the page shows it', () => {
    const model = homeModel('临沧市人民政府门户网站', `<div class="top">临沧市人民政府</div>${NEWS}${FOOT('主办：临沧市人民政府办公室')}`);
    expect(searchTermOf(model, TODAY)).toBe('临沧市人民政府');
  });

  it('a bureau’s name (xx县教育体育局) from its title', () => {
    const model = homeModel('临沧县教育体育局', `<div class="top">临沧县教育体育局</div>${NEWS}${FOOT('主办：临沧县教育体育局')}`);
    expect(searchTermOf(model, TODAY)).toBe('临沧县教育体育局');
  });

  it('the sponsor named in the footer, when the title’s name is not in the page’s text (a logo image)', () => {
    const model = homeModel('临沧市政府门户网站', `<div class="top"><img src="/logo.png" alt="临沧市政府"></div>${NEWS}${FOOT('主办：临沧市人民政府办公室')}`);
    expect(siteNameOf(model.title)).toBe('临沧市政府');
    expect(searchTermOf(model, TODAY)).toBe('临沧市人民政府办公室');
  });

  it('the sponsor when the title names no body', () => {
    const model = homeModel('首页', `${NEWS}${FOOT('网站主办单位：临沧市人民政府办公室')}`);
    expect(searchTermOf(model, TODAY)).toBe('临沧市人民政府办公室');
  });

  it('the start of the newest dated headline when neither title nor footer name the site (year-less dates resolved with today)', () => {
    const model = homeModel('欢迎访问', `${NEWS}${FOOT('版权所有　技术支持：某某公司')}`);
    expect(searchTermOf(model, TODAY)).toBe('市政府常务会议研');
  });

  it('the review date decides which headline is newest: read on 11-19, [11-21] is last year’s and [11-19] today’s', () => {
    const model = homeModel('欢迎访问', `${NEWS}${FOOT('版权所有')}`);
    expect(searchTermOf(model, '2026-11-19')).toBe('全市农村人居环境');
    expect(searchTermOf(model, '2026-01-10')).toBe('全市冬季安全生产');
  });

  it('lists in the footer are no headlines', () => {
    const model = homeModel(
      '欢迎访问',
      `<div class="main"><p>欢迎访问本站，本站提供政务公开、办事服务、互动交流等栏目。</p></div>
<div class="footer"><ul><li><a href="/gywm.html">关于我们网站说明</a><span>2026-11-20</span></li><li><a href="/wzdt.html">网站地图使用说明</a><span>2026-11-19</span></li></ul><p>版权所有</p></div>`,
    );
    expect(model.lists?.some((l) => l.inFooter && l.items.length > 0)).toBe(true);
    expect(searchTermOf(model, TODAY)).toBeUndefined();
  });

  it('undefined when the page offers nothing to search for', () => {
    expect(searchTermOf(homeModel('首页', '<div class="main"><p>欢迎访问</p></div>'), TODAY)).toBeUndefined();
    expect(searchTermOf(textModelFromPlainText('', HOME), TODAY)).toBeUndefined();
  });

  it('the term is always text of the page', () => {
    const models = [
      homeModel('临沧市人民政府门户网站', `<div class="top">临沧市人民政府</div>${NEWS}`),
      homeModel('临沧市人民政府门户网站', `${NEWS}${FOOT('主办：临沧市人民政府办公室')}`),
      homeModel('首页', NEWS),
    ];
    for (const model of models) {
      const term = searchTermOf(model, TODAY);
      expect(term).toBeTruthy();
      expect(model.text).toContain(term);
    }
  });
});
