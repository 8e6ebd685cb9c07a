import renamedBodies from '../data/rules/renamed-bodies.json';
import { defineCheck } from '../engine/define-check';
import { leftmostLongest } from './util/matching';
import type { RuleEntry, RuleList } from '../engine/rule-data';
import { cutAround } from '../engine/segmenter';
import { lexiconPool } from '../text/pattern-pool';
import type { CheckContext } from '../engine/types';

/**
 * Names of bodies renamed by the 2018, 2021 and 2023 institutional reforms (lib/data/rules/renamed-bodies.json):
 * 国土资源部 → 自然资源部, 县环保局 → 生态环境局, 扶贫办 → 乡村振兴局, 中国银保监会 → 国家金融监督管理总局 …
 *
 * One Aho–Corasick pass over the old names (leftmost-longest: 国家卫生计生委 before 卫生计生委); a hit is
 * reported only when
 * - the page is dated on or after the rename (publish date, or today when the page has none);
 * - it is a whole name: its last character starts no compound with the next (国土资源部门, 工商局势, 扶贫办法), and
 *   it sits on word boundaries of the segmentation of a short window, where a place prefix (县, 市 …) may glue
 *   to its start and a title (局长, 主任 …) to its end;
 * - it is no foreign body (美国农业部, 日本农业部: after a foreign country or any word ending in 国 but 中国,
 *   我国, 全国 …);
 * - it is not marked as historical (原…, 时任…, …（现…）, a sentence about the reform: markers in the data).
 * The suggestion is the name current at the page's date, following chains (银监会 → 银保监会 → 金融监管总局),
 * with the province-level form after 省/自治区 (安监局 → 应急管理厅). Without a segmenter the check reports
 * nothing. Severity deduct: a stale name is wrong, but the indicators do not list it as 严重表述错误.
 * See docs/checks/expression-renamed-body.md.
 */

interface BodyEntry extends RuleEntry {
  old: string;
  new: string;
  /** YYYY-MM-DD from which `old` is stale. */
  renamed: string;
  level: 'national' | 'local';
  newProvincial?: string;
  notPrecededBy?: string[];
}

interface BodyList extends RuleList<BodyEntry> {
  historical: {
    before: string[];
    adjacentBefore: string[];
    beforeWindow: number;
    after: string[];
    afterWindow: number;
    sentence: string[];
    sentenceWindow: number;
  };
  foreignPrefixes: string[];
  domesticPrefixes: string[];
  titlesAfter: string[];
  /** Last character of a name → characters that would make a compound with it (部 + 门 = 部门). */
  compoundsAfter: Record<string, string>;
}

const list = renamedBodies as BodyList;
const byOld = new Map(list.entries.map((e) => [e.old, e]));

/** Characters that end a place prefix glued to a body's name (县农业局, 德宏州环保局). */
const PLACE_END = '省市县区州旗盟乡镇国';
const CLAUSE_BREAK = /[，,。；;！？!?\n]/;
const SENTENCE_BREAK = /[。！？!?\n]/;
/** Longest place prefix between 原/前 and the name (原中华人民共和国农业部). */
const MAX_PREFIX = 8;

/** Text before `at`, back to `max` characters or the first break. */
function back(text: string, at: number, max: number, stop: RegExp): string {
  let from = at;
  while (from > 0 && at - from < max && !stop.test(text[from - 1])) from--;
  return text.slice(from, at);
}

/** Text after `at`, up to `max` characters or the first break. */
function ahead(text: string, at: number, max: number, stop: RegExp): string {
  let to = at;
  while (to < text.length && to - at < max && !stop.test(text[to])) to++;
  return text.slice(at, to);
}

/** The name current on `date`, following renames of the successor that happened by then. */
function currentName(entry: BodyEntry, date: string): string {
  let name = entry.new;
  for (let hops = 0, next = byOld.get(name); next && next.renamed <= date && hops < 5; hops++, next = byOld.get(name)) name = next.new;
  return name;
}

/**
 * The renamed body a short name (a footer's 主办单位) ends with, by the same data and date rule as the check:
 * 临沧市环境保护局 → 环境保护局 → 生态环境局 on a page dated on or after the rename. Only a whole name counts:
 * the old name ends the given name or is followed by 办公室 (临沧市环保局办公室); the province-level form is
 * given after 省/自治区. Undefined when the name holds no renamed body.
 */
export function renamedBodyInName(name: string, date: string): { old: string; current: string; year: string } | undefined {
  let best: BodyEntry | undefined;
  let bestAt = -1;
  for (const e of list.entries) {
    const at = name.lastIndexOf(e.old);
    if (at === -1 || date < e.renamed) continue;
    const rest = name.slice(at + e.old.length);
    if (rest && !/^办公室$/.test(rest)) continue;
    if (e.notPrecededBy?.some((p) => name.slice(0, at).endsWith(p))) continue;
    if (!best || e.old.length > best.old.length) {
      best = e;
      bestAt = at;
    }
  }
  if (!best) return undefined;
  const before = name.slice(0, bestAt);
  if (isForeign(before)) return undefined;
  const provincial = best.newProvincial && (before.endsWith('省') || before.endsWith('自治区'));
  return { old: best.old, current: provincial ? best.newProvincial! : currentName(best, date), year: best.renamed.slice(0, 4) };
}

function isForeign(before: string): boolean {
  if (list.domesticPrefixes.some((d) => before.endsWith(d))) return false;
  return before.endsWith('国') || list.foreignPrefixes.some((f) => before.endsWith(f));
}

function isHistorical(text: string, start: number, end: number): boolean {
  const h = list.historical;
  const clause = back(text, start, h.beforeWindow, CLAUSE_BREAK);
  if (h.before.some((m) => clause.includes(m))) return true;
  // 原/前 count right before the name or its place prefix only (目前，县农业局 is no marker).
  for (const m of h.adjacentBefore) {
    const at = clause.lastIndexOf(m);
    if (at === -1) continue;
    const between = clause.slice(at + m.length);
    if (!between || (between.length <= MAX_PREFIX && PLACE_END.includes(between[between.length - 1]))) return true;
  }
  if (h.after.some((m) => ahead(text, end, h.afterWindow, SENTENCE_BREAK).includes(m))) return true;
  const sentence = back(text, start, h.sentenceWindow, SENTENCE_BREAK) + ahead(text, end, h.sentenceWindow, SENTENCE_BREAK);
  return h.sentence.some((m) => sentence.includes(m));
}

// Made at load, not at the first run: every list is in the pattern pool before its first scan (lib/text/pattern-pool.ts).
const automaton = lexiconPool.add(list.entries.map((e) => e.old));

export default defineCheck({
  meta: {
    id: 'expression-renamed-body',
    category: 'expression',
    defaultSeverity: 'deduct',
    indicator: {
      'zh-CN': '内容准确性：机构名称未按机构改革更新',
      en: 'Content accuracy: body named by its name before the institutional reform',
    },
    description: {
      'zh-CN':
        '查找2018年、2021年、2023年机构改革后已更名或撤并的国家机关和地方部门的旧名称（国土资源部、环境保护部、农业部、国家卫生计生委、县环保局、工商局、扶贫办、中国银保监会等），给出现名称。只报告完整机构名（“农业部门”“扶贫办法”不报），不报告外国机构（美国农业部）、注明为历史名称的（原……、时任……、……（现……））以及发布日期早于更名日期的页面。',
      en: 'Finds names of national and local bodies renamed or merged by the 2018, 2021 and 2023 institutional reforms (国土资源部, 环境保护部, 农业部, 国家卫生计生委, a county 环保局, 工商局, 扶贫办, 中国银保监会 …) and gives the current name. Only whole names are reported (not 农业部门), not foreign bodies (美国农业部), not names marked as historical (原…, 时任…, …（现…）), and not on pages published before the rename.',
    },
    messages: {
      renamed: {
        'zh-CN': '“{{old}}”为机构改革前的名称（{{year}}年起已更名或撤并），现为“{{current}}”',
        en: '"{{old}}" is the name before the institutional reform (renamed or merged from {{year}}); it is now "{{current}}"',
      },
    },
  },

  run(ctx: CheckContext) {
    const seg = ctx.segmenter;
    if (!seg) return;
    const text = ctx.model.text;
    const pageDate = ctx.model.publishDate?.date ?? ctx.today;
    for (const m of leftmostLongest(automaton.findAll(text))) {
      ctx.checkBudget();
      const e = list.entries[m.pattern];
      if (pageDate < e.renamed) continue;
      const before = text.slice(Math.max(0, m.start - 12), m.start);
      if (e.notPrecededBy?.some((s) => before.endsWith(s))) continue;
      if (isForeign(before)) continue;
      if (isHistorical(text, m.start, m.end)) continue;
      if (list.compoundsAfter[e.old[e.old.length - 1]]?.includes(text[m.end] ?? '\n')) continue;
      const cut = cutAround(seg, text, m.start, m.end);
      const startOk = cut.includes(m.start) || PLACE_END.includes(before[before.length - 1] ?? '');
      const endOk = cut.includes(m.end) || list.titlesAfter.some((t) => text.startsWith(t, m.end));
      if (!startOk || !endOk) continue;
      const provincial = e.newProvincial && (before.endsWith('省') || before.endsWith('自治区'));
      const current = provincial ? e.newProvincial! : currentName(e, pageDate);
      ctx.report({
        messageId: 'renamed',
        data: { old: e.old, current, year: e.renamed.slice(0, 4), renamed: e.renamed },
        start: m.start,
        end: m.end,
        suggestion: current,
        severity: e.severity,
      });
    }
  },
});
