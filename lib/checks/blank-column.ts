import placeholderList from '../data/rules/blank-placeholders.json';
import { defineCheck } from '../engine/define-check';
import type { RuleEntry, RuleList } from '../engine/rule-data';
import { findBreadcrumb, isArticlePage, isHomePage, titleColumnName, type TextSpan } from '../text-model/page-kind';
import type { CheckContext, ListInfo, Report, TextModel } from '../engine/types';

/**
 * 空白栏目: a column that shows no information (“开天窗”). 国办秘函〔2019〕19号 makes >= 5 blank columns a veto
 * and deducts 2 points for each; the 2015 census defines a blank column as one that never had any content.
 *
 * Three shapes, one finding per column:
 * - a placeholder line (暂无信息, 本栏目正在建设中，敬请期待…; lib/data/rules/blank-placeholders.json) in a short line
 *   outside links and the footer: range = the line;
 * - an empty list container (an ul/table with nothing in it) under its own caption, e.g. a home-page block with
 *   a heading and a 更多 link but no items: range = the caption;
 * - a column page (not the home page) with no dated list at all and an empty list container or a pager that
 *   counts nothing (共0条): range = the breadcrumb's column name, else a page-level finding.
 * Article pages (isArticlePage) are no columns and are skipped.
 * See docs/checks/blank-column.md.
 */

interface Placeholder extends RuleEntry {
  text: string;
}

const PLACEHOLDERS = (placeholderList as unknown as RuleList<Placeholder>).entries.map((e) => e.text);
/** A placeholder stands on a short line of its own; in a longer line it is running text. */
const MAX_LINE = 30;
/** A pager that counts no records: 共0条, 共 0 页, 记录数：0. */
const ZERO_PAGER = /共\s*0\s*(?:条|篇|页|项|个)|(?:记录数|总记录数|信息数|总数)\s*[:：]\s*0(?!\d)/;
/** A heading line before a placeholder, after stripping the 更多 link. */
const MORE_SUFFIX = /\s*(?:更多|查看更多|more)?\s*[>»＞+]*\s*$/i;

function within(r: { start: number; end: number }, at: number): boolean {
  return at >= r.start && at < r.end;
}

function lineAround(text: string, at: number): { start: number; end: number } {
  const s = text.lastIndexOf('\n', at - 1) + 1;
  let e = text.indexOf('\n', at);
  if (e < 0) e = text.length;
  return { start: s, end: e };
}

function trimmed(text: string, r: { start: number; end: number }): { start: number; end: number } {
  let { start, end } = r;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

/** The page's own column: the breadcrumb's last name, else the first part of <title>. */
function pageColumn(model: TextModel): { name: string; span?: TextSpan } {
  const crumb = findBreadcrumb(model.text)?.column;
  if (crumb) return { name: crumb.text, span: crumb };
  return { name: titleColumnName(model.title) };
}

/** On the home page, the short line just above a placeholder names its block (通知公告 更多>>). */
function headingAbove(text: string, lineStart: number): string | undefined {
  if (lineStart < 2) return undefined;
  const prev = lineAround(text, lineStart - 1);
  const name = text.slice(prev.start, prev.end).trim().replace(MORE_SUFFIX, '');
  return name && name.length <= 20 && !/当前位置|您的位置|您现在的位置/.test(name) ? name : undefined;
}

/** Text of an empty list other than its caption: an empty list is blank when none is left. */
function blankBesidesCaption(text: string, list: ListInfo): boolean {
  let rest = text.slice(list.start, list.end);
  if (list.nameStart !== undefined && list.nameStart >= list.start && list.nameEnd! <= list.end) {
    rest = text.slice(list.start, list.nameStart) + text.slice(list.nameEnd, list.end);
  }
  return !rest.trim();
}

export default defineCheck({
  meta: {
    id: 'blank-column',
    category: 'blank',
    defaultSeverity: 'deduct',
    websiteOnly: true,
    indicator: {
      'zh-CN': '空白栏目（每个扣2分，5个及以上单项否决）',
      en: 'Blank columns (2 points each; 5 or more is a veto)',
    },
    description: {
      'zh-CN':
        '报告没有信息的栏目：正文中独立成行的“暂无信息”“暂无数据”“本栏目正在建设中”“内容更新中”等提示语；首页或栏目页中有标题但列表为空的区块；没有任何带日期列表、只有空列表或“共0条”的栏目页。每个栏目报告一次。',
      en: 'Reports columns that show no information: a placeholder line such as 暂无信息, 暂无数据, 正在建设中 or 内容更新中 in the main text; a captioned block (home page or column page) whose list is empty; a column page with no dated list, only an empty list or a pager counting 0 records. One finding per column.',
    },
    messages: {
      placeholder: {
        'zh-CN': '空白栏目“{{column}}”：页面显示“{{placeholder}}”',
        en: 'Blank column "{{column}}": the page shows "{{placeholder}}"',
      },
      emptyBlock: {
        'zh-CN': '空白栏目“{{column}}”：栏目下没有任何信息',
        en: 'Blank column "{{column}}": it lists no information',
      },
      emptyColumn: {
        'zh-CN': '空白栏目“{{column}}”：栏目页没有任何信息',
        en: 'Blank column "{{column}}": the column page lists no information',
      },
    },
  },

  run(ctx: CheckContext) {
    const { model } = ctx;
    // A plain-text file (CLI) is a document, not a column page.
    if (model.source !== 'html') return;
    const text = model.text;
    const lists = (model.lists ?? []).filter((l) => !l.inFooter);
    const empties = lists.filter((l) => l.items.length === 0);
    const home = isHomePage(model);
    // An article is no column: an empty <ul> left in its rich text, or 暂无 in a reply, is not a blank column.
    if (!home && isArticlePage(model)) return;
    const reported = new Set<ListInfo>();
    const reports: Report[] = [];

    // 1. Placeholder lines.
    const seenLines = new Set<number>();
    for (const word of PLACEHOLDERS) {
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
        ctx.checkBudget();
        if (model.footer && within(model.footer, at)) continue;
        if (model.links.some((l) => l.start !== undefined && l.end !== undefined && within(l as { start: number; end: number }, at))) continue;
        const line = trimmed(text, lineAround(text, at));
        if (seenLines.has(line.start) || line.end - line.start > MAX_LINE) continue;
        seenLines.add(line.start);
        const list = empties.find((l) => at >= l.start && at < l.end) ?? lists.find((l) => at >= l.start && at < l.end);
        let column: string;
        if (list?.name) {
          column = list.name;
          reported.add(list);
        } else {
          column = (home ? headingAbove(text, line.start) : undefined) ?? pageColumn(model).name;
        }
        const placeholder = text.slice(line.start, line.end);
        reports.push({ messageId: 'placeholder', data: { column: column || '本栏目', placeholder }, start: line.start, end: line.end, kind: 'placeholder' });
      }
    }

    // 2. Captioned blocks whose list is empty.
    for (const list of empties) {
      if (reported.has(list) || list.nameSource !== 'caption' || !blankBesidesCaption(text, list)) continue;
      reported.add(list);
      reports.push({ messageId: 'emptyBlock', data: { column: list.name }, start: list.nameStart, end: list.nameEnd, kind: 'empty-block' });
    }

    // 3. A column page with nothing dated on it.
    if (!reports.length && !home) {
      const anyDated = lists.some((l) => l.items.some((i) => i.date));
      const emptyList = empties.some((l) => blankBesidesCaption(text, l));
      const zeroPager = ZERO_PAGER.exec(text);
      const inFooter = zeroPager && model.footer && within(model.footer, zeroPager.index);
      if (!anyDated && (emptyList || (zeroPager && !inFooter))) {
        const { name, span } = pageColumn(model);
        const r: Report = { messageId: 'emptyColumn', data: { column: name || '本栏目' }, kind: 'empty-column' };
        if (span) Object.assign(r, { start: span.start, end: span.end });
        else r.text = name;
        reports.push(r);
      }
    }

    for (const r of reports) ctx.report(r);
  },
});
