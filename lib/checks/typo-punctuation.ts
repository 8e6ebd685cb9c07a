import { escapeRegExp } from '../text/escape-regexp';
import { SMALL_NUMERALS } from '../text/small-numerals';
import { toHalfWidth } from '../text-model/dates';
import punctuation from '../data/rules/punctuation.json';
import { defineCheck } from '../engine/define-check';
import type { RuleEntry, RuleList } from '../engine/rule-data';
import type { CheckContext, LinkInfo, MessageTemplates } from '../engine/types';
import { isHan, TYPO_INDICATOR } from './util/indicators';

/**
 * 标点符号 slips that GB/T 15834-2011《标点符号用法》 (and, for marks inside numbers, GB/T 15835-2011) settles
 * without reading the sense of the sentence. Marks and rule references are data (lib/data/rules/punctuation.json):
 * - paired marks “” ‘’ 《》 （） 【】 not balanced within their paragraph (a line of the model text): an opening
 *   mark never closed, a closing mark never opened. Not reported: a quotation running over several paragraphs
 *   (4.8.3.5: every paragraph opens with “, only the last closes), list numbering with a lone ）/) (1） a)), a
 *   paragraph or link text cut short by the page (…, a title attribute longer than the link text, the last line
 *   of the text ending mid-sentence), a pair broken by line breaks the layout put inside it (细颗粒物（PM⏎2.5⏎）:
 *   a paragraph never starts with a closing mark), apostrophes (Xi’an, ’99), and 《》 used as navigation arrows.
 *   A quotation mark typed the wrong way round, or an opening mark closed by another pair's closing mark, is one
 *   finding, not two;
 * - a title inside a title marked 《》 instead of 〈〉 (4.15.3.5);
 * - a point mark doubled (，， 。。 、、 ；； ：：), ？/！ repeated past the three 4.2.3.3/4.3.3.3 allow, two ASCII
 *   dots between Chinese characters;
 * - an ASCII comma, semicolon or colon between two Chinese characters;
 * - a decimal point or thousands separator doubled inside a number (14..3%, 3,,000);
 * - a compatibility small form (﹒ ﹐ …, Unicode Small Form Variants) used for a standard mark.
 * Everything is one pass over the text or one regular expression; findings are notices (提示).
 * See docs/checks/typo-punctuation.md.
 */

interface PairEntry extends RuleEntry {
  kind: 'pair';
  name: string;
  /** Forms of the opening mark that pair with any form of the closing one (（ and ( are one kind). */
  open: string[];
  close: string[];
  rule: string;
}
interface RuleRefEntry extends RuleEntry {
  kind: 'rule';
  id: string;
  rule: string;
}
interface DoubledEntry extends RuleEntry {
  kind: 'doubled';
  mark: string;
  name: string;
  rule: string;
}
interface RepeatableEntry extends RuleEntry {
  kind: 'repeatable';
  mark: string;
  name: string;
  max: number;
  rule: string;
}
interface HalfWidthEntry extends RuleEntry {
  kind: 'halfWidth';
  mark: string;
  full: string;
  name: string;
  rule: string;
}
interface VariantEntry extends RuleEntry {
  kind: 'variant';
  mark: string;
  name: string;
  right?: string;
  /** ﹒ between two Chinese characters stands for the 间隔号, between two digits for the decimal point. */
  rightBetweenHan?: string;
  ruleBetweenHan?: string;
  rightBetweenDigits?: string;
  ruleBetweenDigits?: string;
  rule: string;
}
interface NumberMarkEntry extends RuleEntry {
  kind: 'numberMark';
  mark: string;
  name: string;
  rule: string;
}
type Entry = PairEntry | RuleRefEntry | DoubledEntry | RepeatableEntry | HalfWidthEntry | VariantEntry | NumberMarkEntry;

const list = punctuation as RuleList<Entry>;
const ofKind = <K extends Entry['kind']>(kind: K) => list.entries.filter((e): e is Extract<Entry, { kind: K }> => e.kind === kind);

const PAIRS = ofKind('pair');
const RULES = new Map(ofKind('rule').map((e) => [e.id, e.rule]));
const ruleOf = (id: string): string => {
  const r = RULES.get(id);
  if (!r) throw new Error(`punctuation.json has no rule "${id}"`);
  return r;
};

/** What a paired mark is: its pair, its side, the form that would close (or open) it. */
interface MarkRole {
  pair: number;
  side: 'open' | 'close';
  partner: string;
}
const ROLE = new Map<string, MarkRole>();
PAIRS.forEach((p, pair) => {
  p.open.forEach((o, i) => ROLE.set(o, { pair, side: 'open', partner: p.close[i] ?? p.close[0] }));
  p.close.forEach((c, i) => ROLE.set(c, { pair, side: 'close', partner: p.open[i] ?? p.open[0] }));
});

const TITLE = PAIRS.findIndex((p) => p.open.includes('《'));
const DOUBLE_QUOTE = PAIRS.findIndex((p) => p.open.includes('“'));
const SINGLE_QUOTE = PAIRS.findIndex((p) => p.open.includes('‘'));
const ROUND = PAIRS.findIndex((p) => p.open.includes('（'));

const INDICATOR: MessageTemplates = { 'zh-CN': `${TYPO_INDICATOR['zh-CN']}（标点符号）`, en: `${TYPO_INDICATOR.en} (punctuation)` };

const isAsciiLetter = (c: string | undefined) => !!c && /[A-Za-z]/.test(c);
const isDigit = (c: string | undefined) => !!c && c >= '0' && c <= '9';
const han = (c: string | undefined) => !!c && isHan(c.charCodeAt(0));

/**
 * A pair is bridged over line breaks that are no paragraph ends, up to this span: a link or <sub> shown as a
 * block (细颗粒物（PM⏎2.5⏎）), text hard-wrapped with <br> (copied from a PDF or a fixed-width editor).
 */
const BRIDGE_CHARS = 300;
/** How a paragraph (not a wrapped line) ends. */
const PARAGRAPH_END = /[。！？!?；;…]$/;
/** Two same-way quotation marks this close are one quoted term with one mark typed the wrong way round. */
const REVERSED_SPAN = 30;
/** An opening mark closed by another pair's closing mark this close is one slip (“六五’). */
const MISMATCH_SPAN = 40;
/** Marks a finished sentence ends with: a text whose last line ends otherwise was cut short. */
const SENTENCE_END = /[。！？!?；…”’）》」』】.]$/;
/** A line (after its opening mark) that the page cut short: ends with an ellipsis. */
const TRUNCATED = /(?:…|⋯|\.{2,}|。{3,})[\s\u3000]*$/;
/** Navigation words that 》 follows as an arrow or a breadcrumb separator (更多》, 首页》). */
const NAV_BEFORE = /(?:更多|下一页|下一篇|后一页|尾页|末页|详细|详情|进入|查看|首页|当前位置|您的位置|more|More|MORE)[ \t\u3000\u00a0]*$/;
/** Navigation words that 《 precedes as an arrow (《上一页, 《 返回). */
const NAV_AFTER = /^[ \t\u3000\u00a0]*(?:上一页|上一篇|前一页|首页|返回)/;
/** A short label at the start of a line, after a blank or a bracket (来源, 发布机构, 【字号): the page's chrome, not prose. */
const LABEL = /(?:^|[\n\s\u3000|｜丨【[（(])[\u4e00-\u9fff]{1,6}$/;
/** List numbering before a lone ）/): 1） 12) a) 一） ⅲ) at the start of the line or after a pause. */
const NUMBERING = /(?:^|[\s\u3000，。；：、！？,;:])(?:[0-9]{1,3}|[A-Za-z]|[一二三四五六七八九十]{1,3}|[ⅰ-ⅻⅠ-Ⅻ])$/;

interface Unmatched {
  pos: number;
  line: number;
  pair: number;
  side: 'open' | 'close';
}

/**
 * Whether the mark at i is used as a paired mark. Not: ’ between Latin letters (Xi’an) or before a two-digit year
 * (’99), an apostrophe; ’ and ” shortly after a degree sign (30°15’20”), minutes and seconds; 《 and 》 used as
 * arrows of the page's navigation (更多》, 《上一页, 首页 》 新闻中心).
 */
function countsAsPair(text: string, i: number): boolean {
  const c = text[i];
  if ((c === '’' || c === '‘') && isAsciiLetter(text[i - 1]) && isAsciiLetter(text[i + 1])) return false;
  if (c === '’' && isDigit(text[i + 1]) && isDigit(text[i + 2]) && !isDigit(text[i + 3])) return false;
  if ((c === '’' || c === '”') && text.slice(Math.max(0, i - 6), i).includes('°')) return false;
  if (c === '《' || c === '》') {
    if (/[ \t\u3000\u00a0]/.test(text[i - 1] ?? '') && /[ \t\u3000\u00a0]/.test(text[i + 1] ?? '')) return false;
    if (c === '》' && NAV_BEFORE.test(text.slice(Math.max(0, i - 8), i))) return false;
    if (c === '《' && NAV_AFTER.test(text.slice(i + 1, i + 9))) return false;
  }
  return true;
}

/** Whether the character at i is the only visible one of its line. */
function aloneOnLine(text: string, i: number): boolean {
  const start = text.lastIndexOf('\n', i - 1) + 1;
  const end = text.indexOf('\n', i);
  return text.slice(start, end === -1 ? text.length : end).trim() === text[i];
}

export default defineCheck({
  meta: {
    id: 'typo-punctuation',
    category: 'typo',
    defaultSeverity: 'notice',
    indicator: INDICATOR,
    description: {
      'zh-CN':
        '按 GB/T 15834-2011《标点符号用法》（数字中的标点按 GB/T 15835-2011《出版物上数字用法》）查找不必理解文意即可确定的标点差错：引号、书名号、括号在同一段内不成对，书名号中的书名号未改用单书名号，点号重复，汉字之间用了半角逗号、分号、冒号，数字中的小数点或千分撇重复，以及小号兼容字形（﹒ 等）。跨段引文、列项编号“1）”、被截断的标题不报。',
      en: 'Finds punctuation slips that GB/T 15834-2011 (and, inside numbers, GB/T 15835-2011) settles without reading the sense: quotation marks, title marks and brackets unbalanced within a paragraph, a title inside a title not marked 〈〉, doubled point marks, ASCII commas, semicolons and colons between Chinese characters, doubled decimal points or thousands separators in numbers, and compatibility small forms (﹒ …). Quotations over several paragraphs, list numbering such as 1）and truncated titles are not reported.',
    },
    messages: {
      unclosed: {
        'zh-CN': '{{name}}不成对：“{{mark}}”在本段中没有对应的“{{partner}}”（{{rule}}）',
        en: 'Unbalanced {{name}}: "{{mark}}" has no matching "{{partner}}" in its paragraph ({{rule}})',
      },
      unclosedList: {
        'zh-CN': '{{name}}不成对：“{{mark}}”引出的{{count}}项列举后缺少“{{partner}}”，应在“{{last}}”之后、“{{total}}”之前（{{rule}}）',
        en: 'Unbalanced {{name}}: the {{count}} items "{{mark}}" opens lack their "{{partner}}", due after "{{last}}" and before "{{total}}" ({{rule}})',
      },
      unopened: {
        'zh-CN': '{{name}}不成对：“{{mark}}”在本段中前面没有对应的“{{partner}}”（{{rule}}）',
        en: 'Unbalanced {{name}}: "{{mark}}" has no matching "{{partner}}" before it in its paragraph ({{rule}})',
      },
      reversed: {
        'zh-CN': '{{name}}方向错误：“{{mark}}”应为“{{right}}”（{{rule}}）',
        en: '{{name}} the wrong way round: "{{mark}}" should be "{{right}}" ({{rule}})',
      },
      mismatched: {
        'zh-CN': '{{openName}}“{{open}}”与{{closeName}}“{{close}}”不配对（{{rule}}）',
        en: 'The {{openName}} "{{open}}" is closed by the {{closeName}} "{{close}}" ({{rule}})',
      },
      nestedTitle: {
        'zh-CN': '书名号中又用了双书名号：“《{{title}}》”应为“〈{{title}}〉”（{{rule}}）',
        en: 'A title inside a title takes single title marks: "《{{title}}》" should be "〈{{title}}〉" ({{rule}})',
      },
      doubled: {
        'zh-CN': '{{name}}重复：“{{written}}”应为“{{right}}”（{{rule}}）',
        en: 'Doubled {{name}}: "{{written}}" should be "{{right}}" ({{rule}})',
      },
      periodsForEllipsis: {
        'zh-CN': '句号连写“{{written}}”不是省略号，应为“……”（{{rule}}）',
        en: 'Full stops "{{written}}" are no ellipsis; it is written "……" ({{rule}})',
      },
      tooMany: {
        'zh-CN': '“{{written}}”叠用了{{count}}个{{name}}，最多叠用三个（{{rule}}）',
        en: '"{{written}}" repeats the {{name}} {{count}} times; at most three ({{rule}})',
      },
      asciiDots: {
        'zh-CN': '“{{written}}”不是规范标点：句号用“。”，省略号用“……”（{{rule}}）',
        en: '"{{written}}" is no standard mark: a full stop is "。", an ellipsis "……" ({{rule}})',
      },
      halfWidth: {
        'zh-CN': '汉字之间用了半角“{{mark}}”，{{name}}应为“{{full}}”（{{rule}}）',
        en: 'ASCII "{{mark}}" between Chinese characters: the {{name}} is "{{full}}" ({{rule}})',
      },
      numberMark: {
        'zh-CN': '数字“{{written}}”中{{name}}“{{mark}}”重复（{{rule}}）',
        en: 'The {{name}} "{{mark}}" is doubled in the number "{{written}}" ({{rule}})',
      },
      commaAfterDiOrdinal: {
        'zh-CN': '序次语“{{ordinal}}”后应用逗号“，”，不用“{{mark}}”（{{rule}}）',
        en: 'After the ordinal "{{ordinal}}" write the comma "，", not "{{mark}}" ({{rule}})',
      },
      pointAfterHanOrdinal: {
        'zh-CN': '序次语“{{ordinal}}”后应用顿号“、”，不用“{{mark}}”（{{rule}}）',
        en: 'After the ordinal "{{ordinal}}" write the 顿号 "、", not "{{mark}}" ({{rule}})',
      },
      markAfterOrdinal: {
        'zh-CN': '序次语“{{ordinal}}”后多了“{{mark}}”：带括号的序次语后不再加点号（{{rule}}）',
        en: 'A "{{mark}}" too many after the ordinal "{{ordinal}}": a bracketed ordinal takes no mark after it ({{rule}})',
      },
      commaBeforeCount: {
        'zh-CN': '“{{count}}”前的逗号多余：宾语和它的数量之间不停顿（{{rule}}）',
        en: 'A comma too many before "{{count}}": an object and its count take no pause ({{rule}})',
      },
      variant: {
        'zh-CN': '“{{mark}}”是{{name}}（兼容字形），应为“{{right}}”（{{rule}}）',
        en: '"{{mark}}" is a {{name}} (compatibility form); write "{{right}}" ({{rule}})',
      },
      variantNoRight: {
        'zh-CN': '“{{mark}}”是{{name}}（兼容字形），不是规范标点（{{rule}}）',
        en: '"{{mark}}" is a {{name}} (compatibility form), not a standard mark ({{rule}})',
      },
    },
  },

  run(ctx: CheckContext) {
    const marks = markPositions(ctx.model.text);
    checkPairs(ctx, marks.pairs);
    checkMarks(ctx, marks.halfWidth, marks.variants);
  },
});

/** Paired marks, paragraph by paragraph (a paragraph is a line of the model text); `marks`: the offsets of the pairs' marks and the line breaks. */
function checkPairs(ctx: CheckContext, marks: readonly number[]): void {
  const text = ctx.model.text;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineEnd = (line: number) => (line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length);

  const unmatched: Unmatched[] = [];
  const stacks: number[][] = PAIRS.map(() => []);
  /** Inner 《…》 pairs found inside an open 《, kept once the outer one closes in the same paragraph. */
  let nested: Array<{ open: number; close: number; outer: number }> = [];
  let line = 0;
  const endLine = () => {
    // Most paragraphs close every pair they open: nothing to carry.
    if (nested.length === 0 && stacks.every((stack) => stack.length === 0)) return;
    const stillOpen = new Set(stacks[TITLE]);
    stacks.forEach((stack, pair) => {
      for (const pos of stack) unmatched.push({ pos, line, pair, side: 'open' });
      stack.length = 0;
    });
    for (const n of nested) {
      if (stillOpen.has(n.outer)) continue; // 《A《B》 …: a missing 》 after A, reported as unclosed, not as nesting
      const title = text.slice(n.open + 1, n.close);
      ctx.report({ messageId: 'nestedTitle', data: { title, rule: ruleOf('nestedTitle') }, start: n.open, end: n.open + 1, suggestion: '〈' });
    }
    nested = [];
  };

  for (const i of marks) {
    const c = text[i];
    if (c === '\n') {
      endLine();
      line++;
      continue;
    }
    const role = ROLE.get(c);
    if (!role || !countsAsPair(text, i)) continue;
    const stack = stacks[role.pair];
    if (role.side === 'open') {
      stack.push(i);
      continue;
    }
    const open = stack.pop();
    if (open === undefined) {
      unmatched.push({ pos: i, line, pair: role.pair, side: 'close' });
      continue;
    }
    if (role.pair === TITLE && stack.length) {
      const outer = stack[stack.length - 1];
      // 《《X》》 is a doubled mark, not a title inside a title.
      if (!(open === outer + 1 && text[i + 1] === c)) nested.push({ open, close: i, outer });
    }
  }
  endLine();
  ctx.checkBudget();

  // A pair cut by line breaks of the layout is one pair when each break lies inside a paragraph: after a line
  // that ends mid-sentence, before a line that starts with the closing mark (a paragraph never does), or after a
  // line that ends with the opening mark (a paragraph never does).
  const lineText = (l: number) => text.slice(lineStarts[l], lineEnd(l)).trim();
  const bridged = (open: Unmatched, close: Unmatched): boolean => {
    if (close.pos - open.pos > BRIDGE_CHARS) return false;
    const closerStartsLine = !text.slice(lineStarts[close.line], close.pos).trim();
    const openerEndsLine = !text.slice(open.pos + 1, lineEnd(open.line)).trim();
    for (let l = open.line; l < close.line; l++) {
      const soft = !PARAGRAPH_END.test(lineText(l)) || (l === close.line - 1 && closerStartsLine) || (l === open.line && openerEndsLine);
      if (!soft) return false;
    }
    return true;
  };
  const kept: Unmatched[] = [];
  const openOf: Unmatched[][] = PAIRS.map(() => []);
  for (const u of unmatched.sort((a, b) => a.pos - b.pos)) {
    const opens = openOf[u.pair];
    if (u.side === 'open') {
      opens.push(u);
      continue;
    }
    const top = opens[opens.length - 1];
    if (top && u.line > top.line && bridged(top, u)) {
      opens.pop();
      continue;
    }
    kept.push(u);
  }
  for (const opens of openOf) kept.push(...opens);

  const lastLine = lastNonEmptyLine(text, lineStarts);
  const lastLineCut = lastLine >= 0 && !SENTENCE_END.test(text.slice(lineStarts[lastLine], lineEnd(lastLine)).trimEnd());
  const excused = (u: Unmatched): boolean => {
    // A mark that is the whole of its line and found no partner across the breaks pairs no text: a decorative
    // quotation mark, a ” standing for 同上 in a table cell.
    if (aloneOnLine(text, u.pos)) return true;
    if (u.side === 'close') {
      if (u.pair === ROUND) return NUMBERING.test(text.slice(lineStarts[u.line], u.pos)); // 1）… 2）…: list numbering
      if (u.pair === TITLE) return isSeparatorLine(lineText(u.line)); // 首页》政务公开》通知公告
      return false;
    }
    if (TRUNCATED.test(text.slice(u.pos + 1, lineEnd(u.line)))) return true; // 关于印发《××县2024年…: the page cut the title
    if (inCutLinkText(ctx.model.links, u.pos)) return true;
    if (u.line === lastLine && lastLineCut) return true; // the text ends mid-sentence: the closer may lie beyond it
    return u.pair === DOUBLE_QUOTE && continuesQuotation(text, lineStarts, u, kept);
  };
  const shown = kept.filter((u) => !excused(u)).sort((a, b) => a.pos - b.pos);

  const byLine = new Map<number, Unmatched[]>();
  for (const u of shown) {
    const events = byLine.get(u.line);
    if (events) events.push(u);
    else byLine.set(u.line, [u]);
  }
  for (const events of byLine.values()) {
    const done = new Set<Unmatched>();
    // One slip, one finding. Quotation marks left over in a paragraph all the same way round, in close twos
    // (“十四五“规划, or ”十四五”规划和”双碳”目标 from an editor that types one kind): in each two, one mark was
    // typed the wrong way round (the second of two “, the first of two ”).
    for (const pair of [DOUBLE_QUOTE, SINGLE_QUOTE]) {
      const q = events.filter((u) => u.pair === pair);
      const twos = q.length > 0 && q.length % 2 === 0 && q.every((u) => u.side === q[0].side);
      if (!twos || q.some((u, i) => i % 2 === 1 && u.pos - q[i - 1].pos > REVERSED_SPAN)) continue;
      for (let i = 0; i < q.length; i += 2) {
        const wrong = q[0].side === 'open' ? q[i + 1] : q[i];
        const mark = text[wrong.pos];
        const right = ROLE.get(mark)!.partner;
        ctx.report({
          messageId: 'reversed',
          data: { name: PAIRS[pair].name, mark, right, rule: PAIRS[pair].rule },
          start: wrong.pos,
          end: wrong.pos + 1,
          suggestion: right,
        });
      }
      q.forEach((u) => done.add(u));
    }
    // An opening mark of one pair closed by the closing mark of another (“六五’, “纲要（草案）》): one finding, on
    // the closing mark; between two kinds of quotation mark the intended one is certain.
    for (let i = 0; i + 1 < events.length; i++) {
      const [a, b] = [events[i], events[i + 1]];
      if (done.has(a) || done.has(b) || a.side !== 'open' || b.side !== 'close' || a.pair === b.pair || b.pos - a.pos > MISMATCH_SPAN) continue;
      const [pa, pb] = [PAIRS[a.pair], PAIRS[b.pair]];
      const quotes = [DOUBLE_QUOTE, SINGLE_QUOTE];
      const right = quotes.includes(a.pair) && quotes.includes(b.pair) ? ROLE.get(text[a.pos])!.partner : undefined;
      ctx.report({
        messageId: 'mismatched',
        data: { openName: pa.name, open: text[a.pos], closeName: pb.name, close: text[b.pos], rule: pa.rule === pb.rule ? pa.rule : `${pa.rule}；${pb.rule}` },
        start: b.pos,
        end: b.pos + 1,
        ...(right && { suggestion: right }),
      });
      done.add(a).add(b);
    }
    for (const u of events) {
      if (done.has(u)) continue;
      const mark = text[u.pos];
      const p = PAIRS[u.pair];
      const list = u.side === 'open' && u.pair === DOUBLE_QUOTE ? countedList(text, u.pos + 1, lineEnd(u.line)) : undefined;
      if (list) {
        // A quoted list whose count follows it (分为“类别、任务内容、牵头领导、责任单位4个方面): the closing mark
        // belongs between its last item and the count.
        const partner = ROLE.get(mark)!.partner;
        ctx.report({
          messageId: 'unclosedList',
          data: { name: p.name, mark, partner, count: String(list.items), last: list.last, total: list.total, rule: p.rule },
          start: u.pos,
          end: list.end,
          suggestion: text.slice(u.pos, list.end) + partner,
        });
        continue;
      }
      ctx.report({
        messageId: u.side === 'open' ? 'unclosed' : 'unopened',
        data: { name: p.name, mark, partner: ROLE.get(mark)!.partner, rule: p.rule },
        start: u.pos,
        end: u.pos + 1,
      });
    }
  }
}

/** Measure words and nouns a list's count takes (4个方面, 三项, 五类). */
const COUNT_AFTER = /^(?:个方面|个部分|个环节|个维度|个板块|个类别|个|项|类|方面|部分|环节|种|条|大类)/;

/**
 * A list of items separated by 、 from `from`, followed at once by its count (类别、任务内容、牵头领导、责任单位4个方面):
 * the end of its last item, that item, the count as written and the number of items; or undefined. Items are
 * runs of Chinese characters of at most 10; the count is the number of items, in figures or numerals.
 */
function countedList(text: string, from: number, end: number): { end: number; last: string; total: string; items: number } | undefined {
  let items = 0;
  let p = from;
  for (;;) {
    const start = p;
    while (p < end && p - start < 10 && isHan(text.charCodeAt(p))) {
      // A count may follow the last item at once: stop before a numeral that counts the items so far.
      if (p > start && SMALL_NUMERALS.has(text[p]) && countAt(text, p, items + 1)) break;
      p++;
    }
    if (p === start) return undefined;
    items++;
    if (text[p] === '、') {
      p++;
      continue;
    }
    const total = countAt(text, p, items);
    return items >= 2 && total ? { end: p, last: text.slice(start, p), total, items } : undefined;
  }
}

/** The count `n` written at p with its measure word (4个方面, 四项), as written, or undefined. */
function countAt(text: string, p: number, n: number): string | undefined {
  const digits = /^[0-9０-９]+/.exec(text.slice(p, p + 3))?.[0];
  let value: number | undefined;
  let len = 0;
  if (digits) {
    value = Number(toHalfWidth(digits));
    len = digits.length;
  } else if (SMALL_NUMERALS.has(text[p] ?? '')) {
    value = SMALL_NUMERALS.get(text[p]);
    len = 1;
  }
  if (value !== n) return undefined;
  const unit = COUNT_AFTER.exec(text.slice(p + len, p + len + 4))?.[0];
  return unit ? text.slice(p, p + len + unit.length) : undefined;
}

/**
 * Whether `pos` lies in the text of a link the page may have cut: list pages cut titles at a fixed length, often
 * without an ellipsis, and keep the whole title in the title attribute. Only a title attribute equal to the link
 * text shows that the text is whole.
 */
function inCutLinkText(links: readonly LinkInfo[], pos: number): boolean {
  return links.some((l) => l.start !== undefined && l.end !== undefined && l.start <= pos && pos < l.end && (l.title ?? '').trim() !== l.text.trim());
}

/** A line that uses 》 to separate its parts (a breadcrumb): two or more 》 and no 《. */
function isSeparatorLine(line: string): boolean {
  return !line.includes('《') && line.split('》').length > 2;
}

/** Index of the last line with visible text (-1 when there is none). */
function lastNonEmptyLine(text: string, lineStarts: number[]): number {
  for (let l = lineStarts.length - 1; l >= 0; l--) {
    const end = l + 1 < lineStarts.length ? lineStarts[l + 1] - 1 : text.length;
    if (text.slice(lineStarts[l], end).trim()) return l;
  }
  return -1;
}

/**
 * GB/T 15834-2011 4.8.3.5: a quotation of several paragraphs opens each with “ and closes only at the end of
 * the last. The last unclosed “ of a paragraph is such an opening when the next paragraph starts with “.
 */
function continuesQuotation(text: string, lineStarts: number[], u: Unmatched, kept: Unmatched[]): boolean {
  if (kept.some((v) => v.pair === u.pair && v.side === 'open' && v.line === u.line && v.pos > u.pos)) return false;
  for (let l = u.line + 1; l < lineStarts.length; l++) {
    const end = l + 1 < lineStarts.length ? lineStarts[l + 1] - 1 : text.length;
    const para = text.slice(lineStarts[l], end).replace(/^[\s\u3000]+/, '');
    if (!para) continue;
    return para.startsWith('“');
  }
  return false;
}

/** The point marks that must not be doubled, each with its run of two or more. */
const DOUBLED = ofKind('doubled').map((e) => ({ ...e, run: new RegExp(`${escapeRegExp(e.mark)}{2,}`, 'g') }));
/** ？ and ！, each with its run of more than `max`. */
const REPEATABLE = ofKind('repeatable').map((e) => ({ ...e, run: new RegExp(`${escapeRegExp(e.mark)}{${e.max + 1},}`, 'g') }));
const HALF_WIDTH = new Map(ofKind('halfWidth').map((e) => [e.mark, e]));
const VARIANTS = new Map(ofKind('variant').map((e) => [e.mark, e]));

/** What each UTF-16 code is to the scan of `markPositions`: a mark of a pair or a line break, an ASCII mark, a small form. */
const PAIR_OR_BREAK = 1;
const HALF_WIDTH_MARK = 2;
const VARIANT_MARK = 4;
const MARK_CLASS = new Uint8Array(65536);
for (const [marks, bit] of [
  [['\n', ...ROLE.keys()], PAIR_OR_BREAK],
  [[...HALF_WIDTH.keys()], HALF_WIDTH_MARK],
  [[...VARIANTS.keys()], VARIANT_MARK],
] as const) {
  for (const mark of marks) {
    if (mark.length !== 1) throw new Error(`punctuation.json: the mark "${mark}" is not one UTF-16 unit`);
    MARK_CLASS[mark.charCodeAt(0)] |= bit;
  }
}

/**
 * Offsets of the marks of each class, in one pass over the text: a loop over a table reads a page's
 * characters once, where a regular expression per class read them three times (and made a match object per mark).
 */
function markPositions(text: string): { pairs: number[]; halfWidth: number[]; variants: number[] } {
  const pairs: number[] = [];
  const halfWidth: number[] = [];
  const variants: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const cls = MARK_CLASS[text.charCodeAt(i)];
    if (cls === 0) continue;
    if (cls & PAIR_OR_BREAK) pairs.push(i);
    if (cls & HALF_WIDTH_MARK) halfWidth.push(i);
    if (cls & VARIANT_MARK) variants.push(i);
  }
  return { pairs, halfWidth, variants };
}

/** A Chinese-numeral ordinal at a line's start (or after 。) with a point after it, before a Chinese character. */
const HAN_ORDINAL_POINT = /([一二三四五六七八九十]{1,3})([.．])(?=\p{Script=Han})/gu;

/** A bracketed ordinal (（一）, (1), （１）) followed by a 顿号, comma or point, then a Chinese character. */
const ORDINAL_MARK = /([（(](?:[一二三四五六七八九十]{1,3}|[0-9０-９]{1,2})[）)])([、，,.．])(?=\p{Script=Han})/gu;

/** A 第 ordinal (or 首先, 其次, 其一 …) opening a sentence with a 顿号 or a point after it, before a word that is no numeral. */
const DI_ORDINAL_MARK = /(第[一二三四五六七八九十]{1,3}|首先|其次|再次|最后|其[一二三四五])([、.．])(?=\p{Script=Han})(?![一二三四五六七八九十第])/gu;

/** The ordinal rules: pattern, message, rule id, suggestion, whether the ordinal must open its line or sentence. */
const ORDINAL_RULES: ReadonlyArray<readonly [RegExp, string, string, string, boolean]> = [
  [DI_ORDINAL_MARK, 'commaAfterDiOrdinal', 'commaAfterDiOrdinal', '，', true],
  [HAN_ORDINAL_POINT, 'pointAfterHanOrdinal', 'pointAfterHanOrdinal', '、', true],
  [ORDINAL_MARK, 'markAfterOrdinal', 'markAfterBracketedOrdinal', '', false],
];

/** Whether offset i opens a line or a sentence (blanks before it aside): the text's start, a line break or 。. */
function opensLine(text: string, i: number): boolean {
  let k = i;
  while (k > 0 && (text[k - 1] === ' ' || text[k - 1] === '\u3000')) k--;
  return k === 0 || text[k - 1] === '\n' || text[k - 1] === '。';
}

/** A comma after a Chinese character, then a count (figures and a counter) that the next point mark ends. */
const COUNT_CLAUSE = /，([0-9]+(?:\.[0-9]+)?(?:条|件|个|人|户|项|名|家|所|座|台|辆|套|篇|份|次|批|起|封|张|本|株|头|只|亩|吨))(?=[，。；])/gu;
/** What ends the clause before a count (the clause is read back from the comma, 40 characters at most). */
const CLAUSE_MARKS = '，。；：！？\n、';

/**
 * Single marks: doubled and repeated marks, ASCII marks between Chinese characters, the marks after ordinals,
 * marks in numbers, small forms. `halfWidth`, `variants`: the offsets of the ASCII marks and of the small forms.
 */
function checkMarks(ctx: CheckContext, halfWidth: readonly number[], variants: readonly number[]): void {
  const text = ctx.model.text;

  // A scan per mark: a literal run is found faster than a class of marks with a backreference.
  for (const e of DOUBLED) {
    for (const m of text.matchAll(e.run)) {
      const written = m[0];
      const start = m.index;
      if (e.mark === '。' && written.length >= 3) {
        ctx.report({ messageId: 'periodsForEllipsis', data: { written, rule: ruleOf('ellipsis') }, start, end: start + written.length, suggestion: '……' });
      } else {
        ctx.report({
          messageId: 'doubled',
          data: { name: e.name, written, right: e.mark, rule: e.rule },
          start,
          end: start + written.length,
          suggestion: e.mark,
        });
      }
    }
  }
  ctx.checkBudget();

  // 4.2.3.3 / 4.3.3.3: up to three ？ or ！ are the writer's choice; a fourth is not.
  for (const e of REPEATABLE) {
    for (const m of text.matchAll(e.run)) {
      ctx.report({
        messageId: 'tooMany',
        data: { written: m[0], count: m[0].length, name: e.name, rule: e.rule },
        start: m.index,
        end: m.index + m[0].length,
      });
    }
  }

  // Exactly two ASCII dots between Chinese characters (等..具体): three or more are left alone, and so are two at
  // the end of a line or before a blank, the way sites cut titles (关于开展2024年度..).
  for (const m of text.matchAll(/(?<!\.)\.\.(?!\.)/g)) {
    const i = m.index!;
    if (!han(text[i - 1]) || !han(text[i + 2])) continue;
    ctx.report({ messageId: 'asciiDots', data: { written: '..', rule: ruleOf('asciiDots') }, start: i, end: i + 2 });
  }

  // 汉字,汉字: an ASCII comma, semicolon or colon (and the space typed after it) between two Chinese characters.
  // Numbers (1,000), times (10:30), URLs, code and English text have no Chinese character on both sides.
  for (const i of halfWidth) {
    const e = HALF_WIDTH.get(text[i]);
    if (!e || i < 1 || i >= text.length - 1 || !han(text[i - 1])) continue;
    const end = text[i + 1] === ' ' ? i + 2 : i + 1;
    if (!han(text[end])) continue;
    if (e.mark === ':' && LABEL.test(text.slice(Math.max(0, i - 8), i))) continue; // 来源:本站 in the page's chrome
    ctx.report({ messageId: 'halfWidth', data: { mark: e.mark, name: e.name, full: e.full, rule: e.rule }, start: i, end, suggestion: e.full });
  }
  ctx.checkBudget();

  // The mark after an ordinal (the regex's last character; groups: the ordinal, the mark): 第一、 → 第一，; a point after a
  // Chinese numeral opening a line (一.基本情况 → 一、: the point belongs to 1. 2.), and any mark after a
  // bracketed one (（一）、加强组织领导: the brackets already set it off).
  for (const [pattern, messageId, ruleId, suggestion, lineStart] of ORDINAL_RULES) {
    for (const m of text.matchAll(pattern)) {
      if (lineStart && !opensLine(text, m.index!)) continue;
      const at = m.index! + m[0].length - 1;
      ctx.report({ messageId, data: { ordinal: m[1], mark: m[2], rule: ruleOf(ruleId) }, start: at, end: at + 1, suggestion });
    }
  }

  // A count alone between commas after a clause that holds no number: 收到信件，183条，答复183条 (the object and its
  // count are one phrase). Not a series of counts (辖170组，16个村，6950户), nor a count that opens a clause.
  for (const m of text.matchAll(COUNT_CLAUSE)) {
    const comma = m.index!;
    if (!han(text[comma - 1])) continue;
    let clauseStart = comma;
    while (clauseStart > 0 && comma - clauseStart < 40 && !CLAUSE_MARKS.includes(text[clauseStart - 1])) clauseStart--;
    const before = text.slice(clauseStart, comma);
    if (before.length < 3 || /[0-9０-９〇零一二三四五六七八九十百千万两]/.test(before) || /(其中|分别|包括|共计|合计|总计)$/.test(before)) continue;
    ctx.report({ messageId: 'commaBeforeCount', data: { count: m[1], rule: ruleOf('commaBeforeCount') }, start: comma, end: comma + 1, suggestion: '' });
  }

  // A decimal point or thousands separator doubled inside a number: 14..3%, 3,,000. The suggestion is given only
  // where the intended number is certain: ,, before exactly three digits; .. in a percentage with one or two
  // decimals (3..5个 may be a range 3～5, not 3.5).
  const numberMarks = new Map(ofKind('numberMark').map((e) => [e.mark, e]));
  // (?<!\d): a match starts where a digit run starts; else every digit of a long run would rescan the rest.
  for (const m of text.matchAll(/(?<!\d)(\d+)([.．,])\2+(\d+)/g)) {
    const start = m.index!;
    const end = start + m[0].length;
    const before = text[start - 1] ?? '';
    const after = text[end] ?? '';
    // Not inside a code, version, path or range token (v1..3, a/1..2/b, 1..2..3).
    if (/[A-Za-z0-9_/\\.．,-]/.test(before) || /[A-Za-z0-9_/\\.．,]/.test(after)) continue;
    const [, left, mark, right] = m;
    const e = numberMarks.get(mark)!;
    let suggestion: string | undefined;
    if (mark === ',' && right.length === 3) suggestion = `${left},${right}`;
    else if (mark !== ',' && right.length <= 2 && /[%％‰]/.test(after)) suggestion = `${left}${mark}${right}`;
    ctx.report({ messageId: 'numberMark', data: { written: m[0], name: e.name, mark, rule: e.rule }, start, end, ...(suggestion && { suggestion }) });
  }

  // Small forms (﹒ ﹐ …) are compatibility characters, never the standard mark; ﹒ is read by its neighbours:
  // between Chinese characters it stands for the 间隔号 ·, between digits for the decimal point.
  for (const i of variants) {
    const e = VARIANTS.get(text[i]);
    if (!e) continue;
    const [prev, next] = [text[i - 1], text[i + 1]];
    const [right, rule] = e.right
      ? [e.right, e.rule]
      : han(prev) && han(next)
        ? [e.rightBetweenHan, e.ruleBetweenHan ?? e.rule]
        : isDigit(prev) && isDigit(next)
          ? [e.rightBetweenDigits, e.ruleBetweenDigits ?? e.rule]
          : [undefined, e.rule];
    if (right) ctx.report({ messageId: 'variant', data: { mark: e.mark, name: e.name, right, rule }, start: i, end: i + 1, suggestion: right });
    else ctx.report({ messageId: 'variantNoRight', data: { mark: e.mark, name: e.name, rule: e.rule }, start: i, end: i + 1 });
  }
}
