import { defineCheck } from '../engine/define-check';
import { findDates, isTodayWidget } from '../text-model/dates';
import { findBreadcrumb, isArticlePage } from '../text-model/page-kind';
import type { CheckContext, TextModel } from '../engine/types';
import { classifyColumn } from './util/column-windows';

/**
 * 信息无发布日期: an article (a post of an information column) that prints no publish date. The indicators
 * (国办秘函〔2019〕19号, 首页不更新) count a post with no publish date as not updated, so the post does not
 * save its column or the home page from being judged stale.
 *
 * An article page (isArticlePage: a substantial Readability main text that no list makes up half of, not the
 * home page) that reads as a post: its breadcrumb names an information column (column-windows.json) or it
 * prints a post's metadata (来源：, 作者：, 浏览次数：). Static pages (机构职能, 联系我们) carry none of these
 * and are left alone.
 *
 * Dated: a labelled 发布时间/日期 (model.publishDate), or any full date (with its year) outside the footer,
 * outside list items and other than a today's-date widget — including a document's 成文日期 at its end.
 * See docs/checks/stale-article-no-date.md.
 */

/** Labels of a post's metadata line. */
const POST_META = /(?:来源|信息来源|文章来源|作者|撰稿|责任编辑|浏览次数|阅读次数|点击次数|点击数|访问次数|浏览量|阅读量)\s*[:：]/g;

function inRanges(ranges: ReadonlyArray<{ start: number; end: number }>, at: number): boolean {
  return ranges.some((r) => at >= r.start && at < r.end);
}

function readsAsPost(model: TextModel): boolean {
  const column = findBreadcrumb(model.text)?.column;
  if (column && classifyColumn(column.text)) return true;
  const footer = model.footer;
  POST_META.lastIndex = 0;
  for (let m = POST_META.exec(model.text); m; m = POST_META.exec(model.text)) {
    if (!footer || m.index < footer.start || m.index >= footer.end) return true;
  }
  return false;
}

function hasPrintedDate(model: TextModel): boolean {
  if (model.publishDate) return true;
  const skip: Array<{ start: number; end: number }> = [];
  if (model.footer) skip.push(model.footer);
  for (const list of model.lists ?? []) for (const item of list.items) skip.push(item);
  return findDates(model.text).some((d) => !d.date.startsWith('--') && !inRanges(skip, d.start) && !isTodayWidget(model.text, d.start));
}

export default defineCheck({
  meta: {
    id: 'stale-article-no-date',
    category: 'stale',
    defaultSeverity: 'deduct',
    websiteOnly: true,
    indicator: {
      'zh-CN': '首页不更新、栏目不更新：发布日期不明的信息视为未更新',
      en: 'Home page or columns not updated: a post without a publish date counts as not updated',
    },
    description: {
      'zh-CN':
        '文章页（正文较长、不是列表页或首页，且面包屑指向信息类栏目或有“来源：”“作者：”“浏览次数：”等发布信息）没有印出发布日期时报告一条页面级问题。“今天是……”日期、页脚版权年份和相关文章列表中的日期不算发布日期。',
      en: "Reports one page-level finding on an article page (substantial main text, not a list page or the home page, and a breadcrumb naming an information column or post metadata such as 来源：/作者：/浏览次数：) that prints no publish date. Today's-date widgets, copyright years and dates in related-article lists are not publish dates.",
    },
    messages: {
      noPublishDate: {
        'zh-CN': '文章“{{title}}”未标注发布日期，检查时视为未更新',
        en: 'The article "{{title}}" shows no publish date; reviewers count it as not updated',
      },
    },
  },

  run(ctx: CheckContext) {
    const { model } = ctx;
    if (!isArticlePage(model) || !readsAsPost(model) || hasPrintedDate(model)) return;
    // <title> and Readability's title carry the site name: 标题_云岭县人民政府门户网站.
    const full = (model.main?.title || model.title).trim();
    const title =
      full
        .split(/\s*[_|｜]\s*|\s+[-—–]\s+/)
        .find((s) => s.trim())
        ?.trim() ?? full;
    ctx.report({ messageId: 'noPublishDate', data: { title }, text: title });
  },
});
