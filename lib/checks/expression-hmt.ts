import hmt from '../data/rules/hmt.json';
import { defineCheck } from '../engine/define-check';
import { insideException, leftmostLongest } from './util/matching';
import type { RuleEntry, RuleList } from '../engine/rule-data';
import { cutAround } from '../engine/segmenter';
import { lexiconPool } from '../text/pattern-pool';
import type { CheckContext, Segmenter } from '../engine/types';

/**
 * Hong Kong, Macao or Taiwan put beside China as if they were countries (新华社 2016 list, 2026 batch), from
 * lib/data/rules/hmt.json: 中港两地 → 内地与香港两地, 两岸三地 → 海峡两岸和香港, 中国和台湾 → 大陆和台湾, and a
 * list of places closed by 等国家 that names 台湾/香港/澳门 → 等国家和地区. All 单项否决.
 *
 * Short forms are ambiguous (中澳 is mostly Australia, 数据中台 an IT platform, 中港集团 a company), so such
 * entries need word boundaries of the segmentation of a short window and a directly following word of
 * relations between two places (两地, 合作, 关系 …), from the data. Entries that need the segmenter report
 * nothing without one; 两岸三地 and 等国家 lists need none. See docs/checks/expression-hmt.md.
 */

interface TermEntry extends RuleEntry {
  kind: 'term';
  wrong: string;
  right: string;
  whole?: boolean;
  /** One of these must follow the match directly. */
  followedBy?: string[];
  notPrecededBy?: string[];
  exceptions?: string[];
}

interface PairEntry extends RuleEntry {
  kind: 'pair';
  first: string;
  joiners: string[];
  second: string;
  /** Replaces `first` in the suggestion (中国和台湾 → 大陆和台湾). */
  replaceFirst: string;
}

interface CountryListEntry extends RuleEntry {
  kind: 'countryList';
  anchor: string;
  right: string;
  regions: string[];
  okAfter: string[];
  notFollowedBy: string[];
}

type Entry = TermEntry | PairEntry | CountryListEntry;
type Pattern = { entry: TermEntry } | { entry: PairEntry; joiner: string } | { entry: CountryListEntry };

const list = hmt as RuleList<Entry>;
/** How far back a list closed by 等国家 is read, and where its clause starts. */
const LIST_WINDOW = 40;
const CLAUSE_BREAK = /[，,。；;：:！？!?\n（(]/;
const ITEM_SPLIT = /、|以及|和|及|与|或/;
const QUOTES = /^[\s“”"‘’「」]+|[\s“”"‘’「」]+$/g;

function compile() {
  const strings: string[] = [];
  const patterns: Pattern[] = [];
  for (const entry of list.entries) {
    if (entry.kind === 'term') {
      strings.push(entry.wrong);
      patterns.push({ entry });
    } else if (entry.kind === 'pair') {
      for (const joiner of entry.joiners) {
        strings.push(entry.first + joiner + entry.second);
        patterns.push({ entry, joiner });
      }
    } else {
      strings.push(entry.anchor);
      patterns.push({ entry });
    }
  }
  return { automaton: lexiconPool.add(strings), patterns };
}

/** Whether [start, end) starts, and (with `both`) ends, on word boundaries of the segmented window. */
function onBoundaries(seg: Segmenter, text: string, start: number, end: number, both: boolean): boolean {
  const cut = cutAround(seg, text, start, end);
  return cut.includes(start) && (!both || cut.includes(end));
}

/** The region named as an item of the list that ends right before `anchorStart`, if any. */
function regionInList(text: string, anchorStart: number, regions: readonly string[]): string | undefined {
  let from = anchorStart;
  while (from > 0 && anchorStart - from < LIST_WINDOW && !CLAUSE_BREAK.test(text[from - 1])) from--;
  const items = text
    .slice(from, anchorStart)
    .split(ITEM_SPLIT)
    .map((s) => s.replace(QUOTES, ''));
  for (let k = items.length - 1; k >= 0; k--) {
    const item = items[k];
    // The first item may carry the clause's verb (来自台湾、日本等国家): compare its end.
    const region = k === 0 ? regions.find((r) => item.endsWith(r)) : regions.find((r) => item === r);
    if (region) return region;
  }
  return undefined;
}

// Made at load, not at the first run: every list is in the pattern pool before its first scan (lib/text/pattern-pool.ts).
const compiled = compile();

export default defineCheck({
  meta: {
    id: 'expression-hmt',
    category: 'expression',
    defaultSeverity: 'veto',
    indicator: {
      'zh-CN': '严重问题：严重表述错误（将港澳台与国家并列）',
      en: 'Serious problem: seriously wrong expression (Hong Kong, Macao or Taiwan placed beside China as countries)',
    },
    description: {
      'zh-CN':
        '查找把香港、澳门、台湾与中国并列或称作国家的表述：中港（澳、台）、中港澳、两岸三地、两岸四地、中国和台湾、中国与香港，以及列举中含台湾、香港、澳门却只写“等国家”。“中澳”“中台”“中港”多有其他含义（中澳自贸协定、数据中台、中港集团），只在分词为独立词且后接“两地”“合作”“关系”等词时报告。',
      en: 'Finds expressions that place Hong Kong, Macao or Taiwan beside China or call them countries: 中港, 中港澳, 两岸三地, 两岸四地, 中国和台湾, 中国与香港, and lists naming Taiwan, Hong Kong or Macao closed by 等国家 instead of 等国家和地区. 中澳, 中台 and 中港 usually mean something else (China–Australia, an IT "middle platform", a company) and are reported only as words of their own followed by a word such as 两地, 合作, 关系.',
    },
    messages: {
      parallel: {
        'zh-CN': '“{{wrong}}”将港澳台与中国并列，应为“{{right}}”',
        en: '"{{wrong}}" places Hong Kong, Macao or Taiwan beside China; write "{{right}}"',
      },
      country: {
        'zh-CN': '列举中的“{{region}}”不是国家，“{{wrong}}”应为“{{right}}”',
        en: '"{{region}}" in this list is no country; "{{wrong}}" should be "{{right}}"',
      },
    },
  },

  run(ctx: CheckContext) {
    const { automaton, patterns } = compiled;
    const text = ctx.model.text;
    const seg = ctx.segmenter;
    for (const m of leftmostLongest(automaton.findAll(text))) {
      ctx.checkBudget();
      const p = patterns[m.pattern];
      const e = p.entry;
      const wrong = text.slice(m.start, m.end);
      if (e.kind === 'term') {
        if (e.followedBy && !e.followedBy.some((s) => text.startsWith(s, m.end))) continue;
        if (e.notPrecededBy?.some((s) => text.endsWith(s, m.start))) continue;
        if (insideException(text, m.start, e.wrong, e.exceptions)) continue;
        if (e.whole && (!seg || !onBoundaries(seg, text, m.start, m.end, true))) continue;
        ctx.report({ messageId: 'parallel', data: { wrong, right: e.right }, start: m.start, end: m.end, suggestion: e.right, severity: e.severity });
      } else if (e.kind === 'pair') {
        // 新中国和台湾… is 新中国/和…: the pair must start a word. Its end may run on (台湾地区 is still wrong).
        if (!seg || !onBoundaries(seg, text, m.start, m.end, false)) continue;
        const right = e.replaceFirst + (p as { joiner: string }).joiner + e.second;
        ctx.report({ messageId: 'parallel', data: { wrong, right }, start: m.start, end: m.end, suggestion: right, severity: e.severity });
      } else {
        if (e.okAfter.some((s) => text.startsWith(s, m.end)) || e.notFollowedBy.some((s) => text.startsWith(s, m.end))) continue;
        const region = regionInList(text, m.start, e.regions);
        if (!region) continue;
        ctx.report({ messageId: 'country', data: { region, wrong, right: e.right }, start: m.start, end: m.end, suggestion: e.right, severity: e.severity });
      }
    }
  },
});
