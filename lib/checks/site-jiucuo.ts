import { defineCheck } from '../engine/define-check';
import { hostnameOf } from '../engine/hosts';
import { hasSiteFoot } from './util/site-foot';
import { isHomePage } from '../text-model/page-kind';
import type { CheckContext, TextModel } from '../engine/types';

/**
 * “我为政府网站找错” entry (国办秘函〔2019〕19号, deduction item: missing from the home page −1, from any other
 * page −0.2 each). The national error-report service (zfwzgl.www.gov.cn) hands every site a widget script,
 * `<script id="_jiucuo_" sitecode="…" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js">`, which writes a
 * link to `…/exposure/jiucuo.html?site_code=…` around the 找错 image. The entry counts as present when the page
 * has that script (the CLI runs no scripts and only sees it), a link to the service, or its image (by URL or
 * by an alt/title naming 找错).
 *
 * One page-level finding when none is there; `kind` is 'home' on the home page (lib/text-model/page-kind.ts
 * `isHomePage`: the site's root URL or a breadcrumb naming 首页 alone) and 'page' elsewhere, so scoring can
 * give −1 or −0.2. Only the top frame of an HTML page that has a foot (a footer range, or footer-like lines
 * with a footer word at its end) is judged: an error page, a bare frame document or a text file has no place
 * for the entry. See docs/checks/site-jiucuo.md.
 */

/** The national 找错 service's host. */
const SERVICE_HOST = 'zfwzgl.www.gov.cn';
/** The service's pages and files: jiucuo.js (the widget), jiucuo.html (the form), images/jiucuo.png. */
const SERVICE_PATH = /\/exposure\//i;
/** The widget's image on any host (sites often copy it locally: /images/jiucuo.png). */
const JIUCUO_IMAGE = /(?:^|\/)jiucuo[\w-]*\.(?:png|gif|jpe?g|svg)$/i;
/** An image or link titled with the entry's name (我为政府网站找错, 政府网站找错). */
const JIUCUO_LABEL = /政府网站找错|网站找错/;

const isServiceUrl = (url: string) => hostnameOf(url) === SERVICE_HOST && SERVICE_PATH.test(safePath(url));

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

/** Whether the page offers the entry: the widget script, a link to the service, or its image. */
export function hasJiucuoEntry(model: TextModel): boolean {
  if (model.scripts.some((s) => s.id === '_jiucuo_' || isServiceUrl(s.src))) return true;
  if (model.links.some((l) => isServiceUrl(l.href) || JIUCUO_LABEL.test(`${l.text} ${l.title ?? ''}`))) return true;
  return model.images.some(
    (i) =>
      isServiceUrl(i.src) ||
      JIUCUO_IMAGE.test(safePath(i.src)) ||
      JIUCUO_LABEL.test(`${i.alt} ${i.title ?? ''}`) ||
      (i.linkHref !== undefined && isServiceUrl(i.linkHref)),
  );
}

export default defineCheck({
  meta: {
    id: 'site-jiucuo',
    category: 'identity',
    defaultSeverity: 'deduct',
    websiteOnly: true,
    topFrameOnly: true,
    indicator: { 'zh-CN': '“我为政府网站找错”入口', en: 'Error-report entry (我为政府网站找错)' },
    description: {
      'zh-CN': '检查页面是否提供“我为政府网站找错”入口（找错组件脚本、指向全国政府网站找错平台的链接或图标）：首页未提供扣1分，其他页面未提供每个扣0.2分。',
      en: 'Checks that the page offers the national error-report entry (我为政府网站找错: the widget script, or a link or image to the service): −1 when the home page lacks it, −0.2 for each other page.',
    },
    messages: {
      missingHome: { 'zh-CN': '网站首页未提供“我为政府网站找错”入口', en: 'The home page has no error-report entry (我为政府网站找错)' },
      missingPage: { 'zh-CN': '本页面未提供“我为政府网站找错”入口', en: 'This page has no error-report entry (我为政府网站找错)' },
    },
  },

  run(ctx: CheckContext) {
    const { model } = ctx;
    // A text file and a frame have no footer of the site; an error page or a stub has no foot at all.
    if (model.source !== 'html' || !model.isTopFrame || !hasSiteFoot(model)) return;
    if (hasJiucuoEntry(model)) return;
    const home = isHomePage(model);
    ctx.report({
      messageId: home ? 'missingHome' : 'missingPage',
      kind: home ? 'home' : 'page',
      text: '',
      suggestion:
        '在页面底部悬挂全国政府网站找错平台提供的“我为政府网站找错”组件（<script id="_jiucuo_" sitecode="网站标识码" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js">）',
    });
  },
});
