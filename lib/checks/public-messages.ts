import { escapeRegExp } from '../text/escape-regexp';
import messageData from '../data/rules/public-messages.json';
import { defineCheck } from '../engine/define-check';
import type { RuleEntry, RuleList } from '../engine/rule-data';
import type { CheckContext, TextModel } from '../engine/types';
import { daysBetween, parseDate } from '../text-model/dates';

/**
 * 留言公开 (国办秘函〔2019〕19号: each published message missing 留言时间, 答复时间, 答复单位 or 答复内容 −1; the
 * column not updated in 2 months −3) and 互动回应差 (单项否决: a message unanswered for more than 3 months).
 *
 * A page is a message page when its <title> or text names an interaction column (留言, 信箱, 咨询, 投诉 …) and
 * messages are found on it. Fields (lib/data/rules/public-messages.json: labels and synonyms) are read from the
 * text lines before the footer, in the layouts templates print them:
 * - a table list (TRS/海云): a header row of at least `MIN_HEADER` field labels, one cell per line, then one row
 *   per message. Empty cells leave no line, so cells are matched to columns by what they hold: a title is the
 *   link to the message, a 时间 a date, an 答复单位 short text that is neither, a status a status word. Only the
 *   columns the table has are required (the list leaves the reply text to the message's own page);
 * - label/value rows (大汉 detail pages, 开普云 cards): “标签：值” lines or a label line followed by its value
 *   line; a field seen again starts the next message. All four elements are required.
 * Each message missing an element → one finding naming them, ranged on its title (else its first field). A
 * message whose 留言时间 is more than 3 months before `ctx.today` and that has no reply (no 答复内容 or 答复时间,
 * or a status such as 未回复/处理中) → the veto, with the days since it was left. A list whose newest message is
 * more than 2 months old → “留言公开栏目 2 个月未更新”. A 留言时间 that is not a date → one notice per page and
 * no date-based finding for that message. See docs/checks/public-messages.md.
 */

type FieldId = 'title' | 'content' | 'asked' | 'replyTime' | 'replier' | 'reply' | 'status' | 'number';
/** The four elements the indicator requires, in its order. */
const REQUIRED: readonly FieldId[] = ['asked', 'replyTime', 'replier', 'reply'];

interface MessageEntry extends RuleEntry {
  type: 'field' | 'pending';
  id?: FieldId;
  label?: string;
  synonyms?: string[];
  text?: string;
}

const DATA = messageData as unknown as RuleList<MessageEntry>;
const FIELDS = DATA.entries.filter((e) => e.type === 'field' && e.id && e.label);
const LABEL_OF = new Map(FIELDS.map((e) => [e.id as FieldId, e.label as string]));
/** Status words that say the message is not answered yet. */
const PENDING = new Set(DATA.entries.filter((e) => e.type === 'pending' && e.text).map((e) => e.text as string));
const SYNONYMS: Array<[string, FieldId]> = FIELDS.flatMap((e) => (e.synonyms ?? []).map((s) => [s, e.id as FieldId] as [string, FieldId])).sort(
  (a, b) => b[0].length - a[0].length,
);
const SYNONYM_OF = new Map(SYNONYMS);
const LABEL_WORDS = SYNONYMS.map(([s]) => escapeRegExp(s)).join('|');
/** The label alone on its line (a th/td cell), brackets and a trailing colon allowed. */
const LABEL_LINE = new RegExp(`^[【\\[]?(${LABEL_WORDS})[】\\]]?\\s*[:：]?$`);
/** A “标签：值” line. */
const LABEL_VALUE = new RegExp(`^[【\\[]?(${LABEL_WORDS})[】\\]]?\\s*[:：]\\s*(.*)$`);
/** Words naming an interaction column, in the title or the text. */
const MESSAGE_PAGE = /留言|信箱|咨询|投诉|建议|互动|来信|诉求|问政/;
/** Header cells needed for a table list. */
const MIN_HEADER = 3;
/** An 答复单位 cell is a name, not a paragraph. */
const REPLIER_MAX = 40;
/** Pagination links under a list are not message titles. */
const PAGER = /^(?:首页|上一页|下一页|尾页|末页|更多|\d{1,4}|共.*|跳转.*|GO)$/i;
/** Months after which an unanswered message vetoes, and after which a list is stale (indicators). */
const UNANSWERED_MONTHS = 3;
const STALE_MONTHS = 2;

interface Line {
  text: string;
  start: number;
}

/** One field of a message as found: its value and where its line is. */
interface Field {
  value: string;
  start: number;
  end: number;
}

interface Message {
  fields: Map<FieldId, Field>;
  /** The fields this layout must show (a list shows its columns only). */
  required: readonly FieldId[];
  /** Where a finding on the message goes. */
  anchor: { start: number; end: number };
}

function linesOf(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let pos = from;
  while (pos < to) {
    let end = text.indexOf('\n', pos);
    if (end < 0 || end > to) end = to;
    const raw = text.slice(pos, end);
    const trimmed = raw.trim();
    if (trimmed) lines.push({ text: trimmed, start: pos + raw.length - raw.trimStart().length });
    pos = end + 1;
  }
  return lines;
}

const isEmpty = (value: string) => value.replace(/[\s\p{P}\p{S}]/gu, '') === '';
/** Whether a value says the message is not answered (未回复, 处理中 …). */
export const isPending = (value: string) => PENDING.has(value.replace(/[\s\p{P}\p{S}]/gu, ''));

/** The date of a 时间 value (2026-08-01, 2026年8月1日 10:20, [08-01]), or undefined. */
export function messageDate(value: string, today: string): string | undefined {
  const bare = value.trim().replace(/\s*(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)$/, '');
  return parseDate(bare, today);
}

/** `date` minus `months` calendar months (the day clamped to the month's length). */
export function monthsBefore(date: string, months: number): string {
  let y = Number(date.slice(0, 4));
  let m = Number(date.slice(5, 7)) - months;
  while (m < 1) {
    m += 12;
    y -= 1;
  }
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = Math.min(Number(date.slice(8, 10)), last);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const labelAlone = (line: Line) => {
  const m = LABEL_LINE.exec(line.text);
  return m ? (SYNONYM_OF.get(m[1]) as FieldId) : undefined;
};

function inLink(model: TextModel, start: number, end: number): boolean {
  return model.links.some((l) => l.start !== undefined && l.end !== undefined && l.start <= start && l.end >= end);
}

/** Whether a cell's line fits a column. */
function fits(model: TextModel, column: FieldId, line: Line, today: string): boolean {
  const end = line.start + line.text.length;
  const link = inLink(model, line.start, end);
  const date = messageDate(line.text, today) !== undefined;
  switch (column) {
    case 'title':
      return link && !PAGER.test(line.text);
    case 'asked':
    case 'replyTime':
      return date;
    case 'status':
      return !link && !date && line.text.length <= 8 && /回复|答复|办理|处理|办结|受理|完成/.test(line.text);
    case 'number':
      return /^\d{1,6}$/.test(line.text);
    default:
      // 答复单位 (and a content or reply column): text that is no link, date, status or number.
      return !link && !date && !isPending(line.text) && !/^\d{1,6}$/.test(line.text) && (column !== 'replier' || line.text.length <= REPLIER_MAX);
  }
}

/** A table list: header lines [i, i + n), then rows. Returns the messages and the index after the table. */
function readTable(model: TextModel, lines: Line[], i: number, columns: FieldId[], today: string): { messages: Message[]; next: number } {
  const messages: Message[] = [];
  let k = i + columns.length;
  const required = REQUIRED.filter((f) => columns.includes(f));
  while (k < lines.length) {
    const fields = new Map<FieldId, Field>();
    let j = k;
    for (const column of columns) {
      if (j < lines.length && fits(model, column, lines[j], today)) {
        fields.set(column, { value: lines[j].text, start: lines[j].start, end: lines[j].start + lines[j].text.length });
        j++;
      }
    }
    // A row has a title link or a 留言时间, and more than one cell: anything else ends the table.
    if (j - k < 2 || !(fields.has('title') || fields.has('asked'))) break;
    const first = fields.get('title') ?? fields.get('asked') ?? { start: lines[k].start, end: lines[k].start + lines[k].text.length };
    messages.push({ fields, required, anchor: { start: first.start, end: first.end } });
    k = j;
  }
  return { messages, next: k };
}

/** The messages of the page, in document order. */
function findMessages(model: TextModel, lines: Line[], today: string): { messages: Message[]; list: boolean } {
  const messages: Message[] = [];
  let list = false;
  let current: Message | undefined;
  const close = () => {
    if (current && REQUIRED.some((f) => current?.fields.has(f))) messages.push(current);
    current = undefined;
  };
  let i = 0;
  while (i < lines.length) {
    // A header row: consecutive label cells with a 留言时间 among them.
    const columns: FieldId[] = [];
    for (let j = i; j < lines.length; j++) {
      const f = labelAlone(lines[j]);
      if (!f || columns.includes(f)) break;
      columns.push(f);
    }
    if (columns.length >= MIN_HEADER && columns.includes('asked')) {
      const table = readTable(model, lines, i, columns, today);
      if (table.messages.length) {
        close();
        messages.push(...table.messages);
        list = true;
        i = table.next;
        continue;
      }
    }
    const line = lines[i];
    let field: FieldId | undefined;
    let value: Field | undefined;
    const inline = LABEL_VALUE.exec(line.text);
    const alone = labelAlone(line);
    if (alone) {
      field = alone;
      const next = lines[i + 1];
      // The value is the next line, unless that line is another label (an empty field) or a link (the title of the
      // next card: only a title may be one).
      const nextIsLink = next !== undefined && inLink(model, next.start, next.start + next.text.length);
      if (next && !labelAlone(next) && !LABEL_VALUE.exec(next.text) && (alone === 'title' || !nextIsLink)) {
        value = { value: next.text, start: line.start, end: next.start + next.text.length };
        i++;
      } else value = { value: '', start: line.start, end: line.start + line.text.length };
    } else if (inline) {
      field = SYNONYM_OF.get(inline[1]) as FieldId;
      value = { value: inline[2], start: line.start, end: line.start + line.text.length };
    }
    if (field && value) {
      if (current?.fields.has(field)) close();
      if (!current) current = { fields: new Map(), required: REQUIRED, anchor: { start: value.start, end: value.end } };
      current.fields.set(field, value);
      if (field === 'title') current.anchor = { start: value.start, end: value.end };
    }
    i++;
  }
  close();
  return { messages, list: list || messages.length > 1 };
}

export default defineCheck({
  meta: {
    id: 'public-messages',
    category: 'interaction',
    defaultSeverity: 'deduct',
    websiteOnly: true,
    topFrameOnly: false,
    indicator: { 'zh-CN': '留言公开', en: 'Published messages (留言公开)' },
    description: {
      'zh-CN':
        '检查互动交流栏目（咨询、投诉、建议、领导信箱、留言选登等）公开的留言是否具备留言时间、答复时间、答复单位、答复内容：每条留言缺少要素扣1分；栏目最新留言超过 2 个月扣3分；留言超过 3 个月未答复为“互动回应差”（单项否决）。',
      en: 'Checks that each published message (consultations, complaints, mailboxes, selected messages) shows its date, reply date, replying body and reply: −1 per message lacking any; −3 when the newest message is over 2 months old; a message unanswered for over 3 months vetoes the site (互动回应差).',
    },
    messages: {
      missing: { 'zh-CN': '留言缺少要素：{{elements}}', en: 'The message lacks {{elements}}' },
      unanswered: {
        'zh-CN': '留言超过 3 个月未答复（留言时间 {{asked}}，已超过 {{days}} 天未答复）',
        en: 'A message left on {{asked}} has not been answered for {{days}} days (over 3 months)',
      },
      stale: { 'zh-CN': '留言公开栏目 2 个月未更新（最新留言 {{newest}}）', en: 'The message column has not been updated for 2 months (newest {{newest}})' },
      undated: { 'zh-CN': '无法识别留言时间（{{count}} 条留言）', en: 'Message dates could not be read ({{count}} messages)' },
    },
  },

  run(ctx: CheckContext) {
    const { model, today } = ctx;
    // A text file has no cells or labels to read messages from.
    if (model.source !== 'html') return;
    const text = model.text;
    const zoneEnd = model.footer ? model.footer.start : text.length;
    if (!MESSAGE_PAGE.test(model.title) && !MESSAGE_PAGE.test(text.slice(0, zoneEnd))) return;
    const { messages, list } = findMessages(model, linesOf(text, 0, zoneEnd), today);
    // One stray “回复：” line is no message page: the page must show at least two of the elements somewhere.
    const kinds = new Set(messages.flatMap((m) => REQUIRED.filter((f) => m.fields.has(f))));
    if (!messages.length || kinds.size < 2) return;

    const unanswerCutoff = monthsBefore(today, UNANSWERED_MONTHS);
    let newest: string | undefined;
    let undated = 0;
    for (const m of messages) {
      const has = (f: FieldId) => {
        const v = m.fields.get(f);
        return v !== undefined && !isEmpty(v.value) && !isPending(v.value);
      };
      const askedValue = m.fields.get('asked');
      const asked = askedValue && !isEmpty(askedValue.value) ? messageDate(askedValue.value, today) : undefined;
      if (askedValue && !isEmpty(askedValue.value) && !asked) undated++;
      if (asked && (!newest || asked > newest)) newest = asked;
      const status = m.fields.get('status');
      const replyShown = m.required.includes('reply') || m.required.includes('replyTime') || status !== undefined;
      const unanswered =
        replyShown &&
        ((m.required.includes('reply') && !has('reply')) ||
          (m.required.includes('replyTime') && !has('replyTime')) ||
          (status !== undefined && isPending(status.value)));
      if (asked && unanswered && asked < unanswerCutoff) {
        ctx.report({
          messageId: 'unanswered',
          severity: 'veto',
          kind: 'unanswered',
          data: { asked, days: daysBetween(asked, today) },
          start: m.anchor.start,
          end: m.anchor.end,
          suggestion: '尽快答复该留言并公开答复时间、答复单位和答复内容',
        });
        continue;
      }
      // Not answered at all yet (no reply and no 答复时间, or a status such as 处理中) and within 3 months: pending,
      // not a message missing elements. One with a reply but no 答复时间 (or the reverse) is incomplete.
      const pending =
        (status !== undefined && isPending(status.value)) || (m.required.some((f) => f === 'reply' || f === 'replyTime') && !has('reply') && !has('replyTime'));
      if (unanswered && pending && has('asked')) continue;
      const missing = m.required.filter((f) => !has(f));
      if (!missing.length) continue;
      const elements = missing.map((f) => LABEL_OF.get(f) ?? f).join('、');
      ctx.report({
        messageId: 'missing',
        kind: 'missing',
        data: { elements },
        start: m.anchor.start,
        end: m.anchor.end,
        suggestion: `在公开的留言中补充${elements}`,
      });
    }
    if (undated) {
      ctx.report({
        messageId: 'undated',
        severity: 'notice',
        kind: 'undated',
        data: { count: undated },
        text: '',
        suggestion: '人工核对留言时间与答复情况',
      });
    }
    if (list && newest && newest < monthsBefore(today, STALE_MONTHS)) {
      ctx.report({ messageId: 'stale', kind: 'stale', data: { newest }, text: '', suggestion: '及时公开新的留言及答复' });
    }
  },
});
