import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/site-jiucuo';
import { buildTextModel } from '../../../lib/text-model/build';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import { type ExpectedFinding, ruleTester } from './rule-tester';
import type { TextModel } from '../../../lib/engine/types';

const ARTICLE_URL = 'https://www.lincang.gov.cn/zwgk/tzgg/202611/t20261120_1.html';
const HOME_URL = 'https://www.lincang.gov.cn/index.html';
const tester = ruleTester(check, { today: '2026-11-22' });

const BODY = `<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 通知公告</div>
<div class="article"><h1>关于做好2026年冬季安全生产工作的通知</h1>
<p>各县（区）人民政府，市直各部门：为切实做好今冬明春安全生产工作，防范遏制重特大事故发生，现将有关事项通知如下。</p>
<p>一、压实安全生产责任。各地各部门要严格落实安全生产责任制，开展隐患排查整治，确保不留死角。</p></div>`;

/** A page in the markup of one CMS: the body above, then its footer. */
const page = (footer: string, head = '') =>
  `<!doctype html><html><head><meta charset="utf-8"><title>通知公告_临沧市人民政府</title>${head}</head><body>${BODY}${footer}</body></html>`;

/** TRS/海云 (WCM) templates: div.footer with <p> rows, the widget in a span beside the conac badge. */
const TRS = (jiucuo: string) =>
  page(`<div class="footer"><div class="footer-con">
<p>主办：临沧市人民政府办公室　承办：临沧市信息中心　联系电话：0883-2122222</p>
<p>网站标识码：5309000044　<a href="https://beian.miit.gov.cn/">滇ICP备05000394号</a>　<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=53090202000105">滇公网安备 53090202000105号</a></p>
<p><span id="_ideConac"></span><script src="https://dcs.conac.cn/js/27/000/0000/60000000/CA270000000600000000000.js"></script>${jiucuo}</p>
</div></div>`);

/** 大汉 (Hanweb jcms) templates: a table footer, the 找错 entry as a linked image in its own cell. */
const HANWEB = (jiucuo: string) =>
  page(`<table class="bottom" width="100%"><tr><td><a href="http://bszs.conac.cn/sitename?method=show&id=0A1B2C3D4E5F60718293A4B5C6D7E8F9"><img src="http://dcs.conac.cn/image/red.png" alt="党政机关"></a></td>
<td>网站主办：临沧市人民政府办公室<br>网站标识码：5309000044<br>滇ICP备05000394号　滇公网安备 53090202000105号<br>地址：临沧市临翔区南塘街 电话：0883-2122222</td>
<td>${jiucuo}</td></tr></table>`);

/** 开普云 (Ucap) templates: a <footer> element, the widget loaded by document.write from an inline script. */
const UCAP = (jiucuo: string) =>
  page(`<footer class="g-footer"><div class="m-copyright">
<ul><li>主办单位：临沧市人民政府办公室</li><li>网站标识码：5309000044</li><li><a href="https://beian.miit.gov.cn/">滇ICP备05000394号</a></li><li>滇公网安备 53090202000105号</li><li><a href="/lxwm/">联系我们</a></li></ul>
<div class="m-badges"><script src="https://dcs.conac.cn/js/27/000/0000/60000000/CA270000000600000000000.js"></script>${jiucuo}</div>
</div></footer>`);

const WIDGET = '<span class="jiucuo"><script id="_jiucuo_" sitecode="5309000044" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script></span>';
const RENDERED =
  '<a href="https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=5309000044&url=https%3A%2F%2Fwww.lincang.gov.cn%2F" target="_blank"><img src="https://zfwzgl.www.gov.cn/exposure/images/jiucuo.png" alt="" style="margin:0;border:0;"></a>';
const LOCAL_IMAGE = '<a href="/jiucuo/"><img src="/images/jiucuo.png" alt=""></a>';
const ALT_ONLY = '<img src="/images/bottom_03.png" alt="我为政府网站找错">';
const DOCUMENT_WRITE = `<script>document.write(unescape("%3Cscript id='_jiucuo_' sitecode='5309000044' src='https://zfwzgl.www.gov.cn/exposure/jiucuo.js'%3E%3C/script%3E"));</script>`;

function modelOf(html: string, url = ARTICLE_URL, opts: { isTopFrame?: boolean } = {}): TextModel {
  return buildTextModel(parseHTML(html).document, { url, ...opts }).model;
}
const on = (name: string, html: string, url = ARTICLE_URL) => ({ text: name, model: () => modelOf(html, url) });

const missingPage: ExpectedFinding = {
  messageId: 'missingPage',
  kind: 'page',
  severity: 'deduct',
  text: '',
  start: undefined,
  end: undefined,
  message: '本页面未提供“我为政府网站找错”入口',
};
const missingHome: ExpectedFinding = { ...missingPage, messageId: 'missingHome', kind: 'home', message: '网站首页未提供“我为政府网站找错”入口' };

describe('site-jiucuo meta', () => {
  it('is an identity deduction on the top frame only', () => {
    expect(check.meta).toMatchObject({ id: 'site-jiucuo', category: 'identity', defaultSeverity: 'deduct', topFrameOnly: true });
  });
});

tester.run({
  valid: [
    on('TRS/海云: the widget script beside the conac badge', TRS(WIDGET)),
    on('TRS/海云: the widget as a browser rendered it (link and image on zfwzgl.www.gov.cn)', TRS(RENDERED)),
    on('大汉: a linked image in a table cell (widget script)', HANWEB(WIDGET)),
    on('大汉: a locally copied jiucuo.png', HANWEB(LOCAL_IMAGE)),
    on('大汉: an image whose alt names 我为政府网站找错', HANWEB(ALT_ONLY)),
    on('开普云: the widget written by document.write from an inline script', UCAP(DOCUMENT_WRITE)),
    on('开普云: a text link to the service', UCAP('<a href="http://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=5309000044">我为政府网站找错</a>')),
    on('home page with the widget', UCAP(WIDGET), HOME_URL),
    on(
      'an error page (little text, no footer) says nothing',
      '<!doctype html><html><head><title>404</title></head><body><h1>404 页面不存在</h1><p>您访问的页面不存在或已被删除。</p></body></html>',
    ),
    on(
      'a page without a foot (a frame document shown alone) says nothing',
      `<!doctype html><html><head><title>办件结果</title></head><body>${BODY}</body></html>`,
    ),
    { text: '主办：临沧市人民政府办公室　网站标识码：5309000044　滇ICP备05000394号（a plain-text file has no footer）' },
    { text: 'a frame is not judged', model: () => modelOf(TRS(''), ARTICLE_URL, { isTopFrame: false }) },
  ],
  invalid: [
    { ...on('TRS/海云 article page without the entry', TRS('')), errors: [missingPage] },
    { ...on('大汉 article page without the entry (a conac link is not the 找错 link)', HANWEB('')), errors: [missingPage] },
    { ...on('开普云 article page without the entry', UCAP('')), errors: [missingPage] },
    { ...on('TRS/海云 home page (root URL) without the entry', TRS(''), HOME_URL), errors: [missingHome] },
    { ...on('开普云 home page (site root /) without the entry', UCAP(''), 'https://www.lincang.gov.cn/'), errors: [missingHome] },
    {
      ...on('an unrelated link to www.gov.cn is no entry', UCAP('<a href="https://www.gov.cn/">中国政府网</a>')),
      errors: [missingPage],
    },
  ],
});

describe('site-jiucuo guards', () => {
  it('a plain-text model is never judged', () => {
    expect(tester.scan({ text: 'x', model: () => textModelFromPlainText('主办：临沧市人民政府办公室\n网站标识码：5309000044', 'file:///a.txt') })).toEqual([]);
  });
});
