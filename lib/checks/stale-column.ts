import { defineCheck } from '../engine/define-check';
import { daysBetween, resolveDate } from '../text-model/dates';
import { isArticlePage, isHomePage } from '../text-model/page-kind';
import type { CheckContext, ListInfo, ListItemDate } from '../engine/types';
import { classifyColumn, HOME_WINDOW } from './util/column-windows';

/**
 * 栏目不更新 / 首页不更新: a column whose newest item is older than its class's window on the review date
 * (ctx.today), after 国办秘函〔2019〕19号 (动态要闻 2 weeks; 通知公告、政策文件 6 months) and the 2015 census
 * rule (人事、规划计划 1 year). Windows and severities per class: lib/data/rules/column-windows.json.
 *
 * Which lists are columns: lists of the text model (lib/text-model/lists.ts) outside the footer whose items
 * mostly carry a date. On the home page every block with its own caption is a column (通报: 首页有栏目超过半年
 * 未更新), and the home page as a whole must show something from the last 2 weeks (首页不更新). On any other
 * page the column is the page's main list: the one with the most dated items; article pages are skipped (their
 * 相关新闻 sidebar is not their column). See docs/checks/stale-column.md.
 */

/** A list counts as dated when at least this share of its items have a date (menus have none). */
const DATED_SHARE = 0.5;

interface Dated {
  list: ListInfo;
  datedCount: number;
  /** The newest item date, resolved against ctx.today (first in document order among equals). */
  newest: ListItemDate & { iso: string };
}

function newestOf(list: ListInfo, today: string): Dated | undefined {
  let newest: Dated['newest'] | undefined;
  let datedCount = 0;
  for (const item of list.items) {
    if (!item.date) continue;
    const iso = resolveDate(item.date.date, today);
    if (!iso) continue;
    datedCount++;
    if (!newest || iso > newest.iso) newest = { ...item.date, iso };
  }
  if (!newest || datedCount < list.items.length * DATED_SHARE) return undefined;
  return { list, datedCount, newest };
}

export default defineCheck({
  meta: {
    id: 'stale-column',
    category: 'stale',
    defaultSeverity: 'veto',
    websiteOnly: true,
    indicator: {
      'zh-CN': '栏目不更新、首页不更新（动态要闻类2周，通知公告、政策文件类6个月，人事、规划计划类1年）',
      en: 'Columns or home page not updated (news 2 weeks; notices and policy documents 6 months; personnel and plans 1 year)',
    },
    description: {
      'zh-CN':
        '按栏目名称归类（动态、要闻、通知公告、政策文件、政策解读、人事、规划计划等），取栏目列表中最新一条信息的日期，与审读日期相比超过该类栏目的更新时限即报告，标出该日期。首页逐个报告有标题的区块，并检查首页2周内是否有新信息。页脚中的列表、“今天是……”日期、版权年份和文章的发布时间不计。',
      en: "Classifies each column by its name (news, notices, policy documents, interpretations, personnel, plans), takes the date of its newest item and reports it when it is older than the class window on the review date, highlighting that date. On the home page each captioned block is judged, and the home page must show something from the last 2 weeks. Footer lists, today's-date widgets, copyright years and article publish dates do not count.",
    },
    messages: {
      columnNotUpdated: {
        'zh-CN': '栏目“{{column}}”（{{label}}）最新信息日期为 {{newest}}，已 {{days}} 天未更新，超过 {{window}} 天的更新时限 {{over}} 天',
        en: 'Column "{{column}}" ({{label}}): newest item dated {{newest}}, {{days}} days ago, {{over}} days past the {{window}}-day window',
      },
      homeNotUpdated: {
        'zh-CN': '首页最新信息日期为 {{newest}}，已 {{days}} 天无新信息，超过 {{window}} 天的更新时限 {{over}} 天',
        en: 'Home page: newest item dated {{newest}}, {{days}} days ago, {{over}} days past the {{window}}-day window',
      },
    },
  },

  run(ctx: CheckContext) {
    const { model, today } = ctx;
    const dated: Dated[] = [];
    for (const list of model.lists ?? []) {
      if (list.inFooter || !list.items.length) continue;
      const d = newestOf(list, today);
      if (d) dated.push(d);
    }
    if (!dated.length) return;
    const home = isHomePage(model);
    // An article's sidebar (相关新闻) is not the page's column: articles are judged by stale-article-no-date.
    if (!home && isArticlePage(model)) return;

    const columns = home
      ? dated.filter((d) => d.list.nameSource === 'caption')
      : [
          dated.reduce((a, b) =>
            b.datedCount > a.datedCount || (b.datedCount === a.datedCount && b.list.end - b.list.start > a.list.end - a.list.start) ? b : a,
          ),
        ];

    for (const { list, newest } of columns) {
      ctx.checkBudget();
      const window = classifyColumn(list.name);
      if (!window) continue;
      const days = daysBetween(newest.iso, today);
      if (days <= window.windowDays) continue;
      ctx.report({
        messageId: 'columnNotUpdated',
        data: { column: list.name, label: window.label, newest: newest.iso, days, window: window.windowDays, over: days - window.windowDays },
        start: newest.start,
        end: newest.end,
        severity: window.severity,
        kind: window.id,
      });
    }

    if (home) {
      const newest = dated.reduce((a, b) => (b.newest.iso > a.newest.iso ? b : a)).newest;
      const days = daysBetween(newest.iso, today);
      if (days > HOME_WINDOW.windowDays) {
        ctx.report({
          messageId: 'homeNotUpdated',
          data: { newest: newest.iso, days, window: HOME_WINDOW.windowDays, over: days - HOME_WINDOW.windowDays },
          start: newest.start,
          end: newest.end,
          severity: HOME_WINDOW.severity,
          kind: HOME_WINDOW.id,
        });
      }
    }
  },
});
