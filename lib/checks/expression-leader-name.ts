import { isConfusable } from '../data/confusables';
import leaderList from '../data/rules/leaders.json';
import { defineCheck } from '../engine/define-check';
import type { RuleEntry, RuleList } from '../engine/rule-data';
import { boundaries } from '../engine/segmenter';
import { MIN_KNOWN_LENGTH, OneSubstitutionMatcher } from '../text/one-substitution';
import { lexiconPool } from '../text/pattern-pool';
import type { CheckContext, Segmenter } from '../engine/types';

/**
 * 领导人姓名错误: a Party or state leader's name written wrong is the 2015 census table's own example of a
 * 严重表述错误, 单项否决 under 国办秘函〔2019〕19号 (../shared/domain/indicators.md).
 *
 * The leaders are data (lib/data/rules/leaders.json, current as of its `checked` date). A name written with
 * exactly one character replaced by a same-sound or similar-shape character (isConfusable: 习近评, 席近平,
 * 习进平) is reported with the right name as suggestion, when:
 * - it stands next to a title of that leader from the entry's `context` (国务院副总理张国青, 李墙总理): most
 *   variants are also real people's names (张国青, 刘国忠, 王晓洪) or common words, and local pages are full of
 *   “XXX同志” for local officials, so 同志 alone is context only for 习近平. Two-character names are only
 *   looked for in such title+name combinations (a one-character change of a two-character name anchors
 *   nothing); or
 * - the entry is `bare` (习近平: its variants are no one's name and no word) and a segmenter is present;
 * - with a segmenter: the written name is not a dictionary word and starts and ends on word boundaries of the
 *   segmented neighbourhood (学习近年来 is 学习/近年来: no 习近年 there);
 * - the written character is not the traditional form of the right one (總理李強 on a 繁体 page), and the
 *   written name is not another current leader's name.
 * The range is the written name only. See docs/checks/expression-leader-name.md.
 */

interface LeaderEntry extends RuleEntry {
  name: string;
  titles: string[];
  since: string;
  /** Variants are reported without a title next to them (only with a segmenter). */
  bare?: boolean;
  /** Titles that tie a variant to this leader when written right before or right after the name. */
  context: { before: string[]; after: string[] };
}

interface LeaderList extends RuleList<LeaderEntry> {
  traditionalForms: Record<string, string>;
}

const list = leaderList as LeaderList;

/** A known string of the matcher: a name, or a title+name / name+title combination. */
interface KnownName {
  leader: number;
  /** Offset of the name in the known string. */
  nameAt: number;
  /** The known string includes a title (a combination). */
  withTitle: boolean;
}

const known: string[] = [];
const refs: KnownName[] = [];
list.entries.forEach((l, leader) => {
  if (l.name.length >= MIN_KNOWN_LENGTH) {
    known.push(l.name);
    refs.push({ leader, nameAt: 0, withTitle: false });
    return;
  }
  for (const t of l.context.before) {
    known.push(t + l.name);
    refs.push({ leader, nameAt: t.length, withTitle: true });
  }
  for (const t of l.context.after) {
    known.push(l.name + t);
    refs.push({ leader, nameAt: 0, withTitle: true });
  }
});
const matcher = new OneSubstitutionMatcher(known, lexiconPool);
const names = new Set(list.entries.map((l) => l.name));

const HAN = /^\p{Script=Han}$/u;
/** Characters of context on each side of a name when segmenting its neighbourhood. */
const WINDOW = 6;

/** Whether [start, end) begins and ends on word boundaries of the segmented neighbourhood. */
function onWordBoundaries(segmenter: Segmenter, text: string, start: number, end: number): boolean {
  const from = Math.max(0, start - WINDOW);
  const cuts = new Set(boundaries(segmenter.cut(text.slice(from, Math.min(text.length, end + WINDOW)))));
  return cuts.has(start - from) && cuts.has(end - from);
}

function hasTitleNextTo(l: LeaderEntry, text: string, start: number, end: number): boolean {
  return l.context.before.some((t) => text.endsWith(t, start)) || l.context.after.some((t) => text.startsWith(t, end));
}

export default defineCheck({
  meta: {
    id: 'expression-leader-name',
    category: 'expression',
    defaultSeverity: 'veto',
    indicator: {
      'zh-CN': '严重问题：严重表述错误（党和国家领导人姓名错误）',
      en: 'Serious problem: serious wording error (a Party or state leader’s name written wrong)',
    },
    description: {
      'zh-CN':
        '查找现任党和国家领导人（leaders.json）姓名中一个字被写成音近或形近字的情况，如“习近评”“席近平”“国务院副总理张国青”。除习近平外，须紧邻该领导人的职务（如“总理”“副总理”“国务委员”）才报告，因为许多变体本身是常见人名；两字姓名只在“职务+姓名”“姓名+职务”中查找。词典词、跨词边界的片段、繁体写法不报告。',
      en: 'Finds current national leaders’ names (leaders.json) written with one character replaced by a sound- or shape-alike character, e.g. 习近评, 席近平, 国务院副总理张国青. Except for 习近平, a title of that leader must stand right next to the name, since many variants are common personal names; two-character names are only looked for next to a title. Dictionary words, spans across word boundaries and traditional characters are not reported.',
    },
    messages: {
      leaderName: {
        'zh-CN': '领导人姓名错误：“{{written}}”应为“{{right}}”（“{{wrongChar}}”应为“{{rightChar}}”；{{titles}}）',
        en: 'Leader’s name written wrong: “{{written}}” should be “{{right}}” (“{{wrongChar}}” for “{{rightChar}}”; {{titles}})',
      },
    },
  },

  run(ctx: CheckContext) {
    const { text } = ctx.model;
    const { segmenter } = ctx;
    /** Start of the written name → reported already (title+name and name+title combinations overlap). */
    const reported = new Set<number>();
    for (const hit of matcher.findAll(text, ctx.checkBudget)) {
      const ref = refs[hit.known];
      const leader = list.entries[ref.leader];
      const start = hit.start + ref.nameAt;
      const end = start + leader.name.length;
      if (reported.has(start) || hit.position < start || hit.position >= end) continue;
      if (!HAN.test(hit.written) || list.traditionalForms[hit.right]?.includes(hit.written)) continue;
      if (!isConfusable(hit.written, hit.right)) continue;
      const written = text.slice(start, end);
      if (names.has(written)) continue;
      const withTitle = ref.withTitle || hasTitleNextTo(leader, text, start, end);
      if (!withTitle && !(leader.bare && segmenter)) continue;
      if (segmenter && (segmenter.isWord(written) || !onWordBoundaries(segmenter, text, start, end))) continue;
      reported.add(start);
      ctx.report({
        messageId: 'leaderName',
        data: { written, right: leader.name, wrongChar: hit.written, rightChar: hit.right, titles: leader.titles.join('、') },
        start,
        end,
        suggestion: leader.name,
        severity: leader.severity,
      });
    }
  },
});
