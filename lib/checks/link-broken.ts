import { defineCheck } from '../engine/define-check';
import { missingFragments } from '../links/fragments';
import type { CheckContext, LinkResultSummary } from '../engine/types';

/**
 * 断链、错链: reports the links and images of the page that the link checker (lib/links, run by the
 * background in the extension and by the CLI) found dead (404/410, no such host, refused), failing (5xx),
 * soft 404 (an error page answered with 200) or suspect (403/429/timeouts: reported apart, as a notice,
 * never counted as dead); and in-page #links whose target is not in the document. The network happens
 * elsewhere: this check only reads `model.linkResults` and `model.anchors`. `text` is the absolute URL.
 */
const REPORTED: Record<Exclude<LinkResultSummary['verdict'], 'ok' | 'skipped'>, true> = { dead: true, error: true, soft404: true, suspect: true };

/** The URL the checker keyed its result under: absolute, without the fragment. */
const keyOf = (href: string) => href.replace(/#.*$/s, '');

export default defineCheck({
  meta: {
    id: 'link-broken',
    category: 'link',
    defaultSeverity: 'deduct',
    indicator: {
      'zh-CN': '可用性：链接打不开或错误（首页每个扣0.2分，其他页面每个扣0.1分，上限1分）',
      en: 'Usability: links that do not open or are wrong (−0.2 each on the home page, −0.1 elsewhere, cap 1)',
    },
    description: {
      'zh-CN':
        '报告链接检查（HEAD/GET、跟随跳转、超时、限流重试）判定为断链（404/410、域名不存在、拒绝连接）、服务器错误（5xx）、“软404”（返回200但内容是错误页）的链接、图片和附件；403/429/超时等“可疑”链接单独以提示报告、不计为断链；页内锚点链接（#…）指向的位置不存在时报告为错链。',
      en: 'Reports links, images and attachments that the link checker (HEAD/GET, redirects followed, timeouts, bounded retries) found dead (404/410, unknown host, refused), failing (5xx) or soft 404 (an error page answered with 200); suspect ones (403/429/timeouts) as notices, not counted as dead; and in-page #links whose target is missing.',
    },
    messages: {
      dead: { 'zh-CN': '断链：{{reason}}', en: 'Dead link: {{reason}}' },
      error: { 'zh-CN': '错链：服务器出错（{{reason}}）', en: 'Broken link: server error ({{reason}})' },
      soft404: { 'zh-CN': '错链：链接打开的是错误页面（{{reason}}）', en: 'Wrong link: it opens an error page ({{reason}})' },
      suspect: { 'zh-CN': '可疑链接（不计为断链，请人工核实）：{{reason}}', en: 'Suspect link (not counted as dead; check by hand): {{reason}}' },
      fragment: { 'zh-CN': '错链：页内链接指向的位置“{{fragment}}”不存在', en: 'Wrong link: the in-page target "{{fragment}}" does not exist' },
    },
  },

  run(ctx: CheckContext) {
    const { model } = ctx;
    if (model.anchors) {
      for (const link of missingFragments(model.links, model.anchors, model.url)) {
        ctx.report({
          messageId: 'fragment',
          data: { fragment: link.href.replace(/^[^#]*#/s, '#') },
          start: link.start,
          end: link.end,
          text: link.href,
          kind: 'fragment',
        });
      }
    }
    const results = model.linkResults;
    if (!results) return;
    const report = (url: string, start?: number, end?: number) => {
      const r = results[keyOf(url)];
      if (!r || !(r.verdict in REPORTED)) return;
      ctx.report({
        messageId: r.verdict,
        data: { reason: r.reason['zh-CN'], 'reason@en': r.reason.en, status: r.status ?? '', url },
        start: end !== undefined && start !== undefined && end > start ? start : undefined,
        end: end !== undefined && start !== undefined && end > start ? end : undefined,
        text: url,
        kind: r.verdict,
        severity: r.verdict === 'suspect' ? 'notice' : undefined,
      });
    };
    for (const link of model.links) report(link.href, link.start, link.end);
    for (const img of model.images) if (img.src) report(img.src);
  },
});
