import { isConfusable } from '../data/confusables';
import { defineCheck } from '../engine/define-check';
import type { CheckContext } from '../engine/types';
import { isHan, TYPO_INDICATOR } from './util/indicators';

/**
 * 错别字 in a name a page lists twice: the same villages, towns, units or projects enumerated in two places of one
 * page (仙寓山、…、同春、梅树、兰潭等村 … 位于同春、永正、桥联、徽道、梅术村), where one item of the second list
 * differs from an item of the first by one same-sound or similar-shape character (梅术 / 梅树). The writer meant
 * one name; the form written less often on the page (the later one when they tie) is reported, the other
 * suggested. No dictionary is asked: the page is its own reference.
 *
 * Only where the two enumerations are shown to name the same things: each has three or more items separated by
 * 、, and they share at least two other items exactly. Two items of one list are never compared (上坪、下坪 are
 * two villages), nor items of different lengths, nor pairs whose characters neither sound nor look alike.
 * The last item may carry the kind of the things listed (梅术村, 兰潭等村), which is set apart before comparing.
 * Where an enumeration begins and ends is not marked (位于同春、…; …、县民政局抓好落实): its first item, and a long
 * last one, count towards what two lists share by any of their endings (beginnings) but are never reported.
 */

/** The kind a last item may carry (梅术村, 兰潭等村, 城关镇等乡镇). */
const KIND_SUFFIX = /(?:等)?(?:村|社区|居委会|镇|乡镇|乡|街道|县|区|市|组|屯|寨)$/u;
/** Shortest and longest name compared: a two-character name is the commonest (梅树), six is a long unit's name. */
const MIN_NAME = 2;
const MAX_NAME = 6;
/** A last item longer than this (its kind set apart) may run on into the words after it. */
const OPEN_LAST = 4;
/** A name found in more enumerations than this is a common word, no evidence that two lists name the same things. */
const COMMON_NAME = 64;
/** Items two enumerations must share exactly before one item of each may be read as the same name. */
const SHARED_MIN = 2;

interface Item {
  /** The name; for a first item that runs into the words before it, each of its endings (位于同春: 同春, 于同春 …). */
  names: string[];
  start: number;
  /** A first item whose own start is unknown: it counts towards what two lists share, but is never reported. */
  open: boolean;
}

/**
 * The runs of Han characters separated by 、 (a digit, another mark or a space ends an enumeration), as the
 * [start, end) of each part: one linear pass (a regular expression over long runs of Han text backtracks).
 */
function enumerationParts(text: string): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [];
  const han = (i: number) => i >= 0 && i < text.length && isHan(text.charCodeAt(i));
  for (let mark = text.indexOf('、'); mark !== -1; ) {
    let start = mark;
    while (han(start - 1)) start--;
    const parts: Array<[number, number]> = [];
    let at = mark;
    if (start < mark) {
      parts.push([start, mark]);
      while (text[at] === '、') {
        let end = at + 1;
        while (han(end)) end++;
        if (end === at + 1) break;
        parts.push([at + 1, end]);
        at = end;
      }
    }
    if (parts.length >= 3) out.push(parts);
    mark = text.indexOf('、', Math.max(at, mark + 1));
  }
  return out;
}

/** The lengths a name read out of a longer run may have: MIN_NAME up to the run's length or MAX_NAME. */
function lengths(run: string): number[] {
  return Array.from({ length: Math.max(0, Math.min(run.length, MAX_NAME) - MIN_NAME + 1) }, (_, i) => MIN_NAME + i);
}

/** The items of each enumeration of the text, the last item with its kind set apart. */
function enumerations(text: string): Item[][] {
  const out: Item[][] = [];
  for (const parts of enumerationParts(text)) {
    const items: Item[] = [];
    parts.forEach(([at, end], i) => {
      const part = text.slice(at, end);
      const last = i === parts.length - 1;
      const name = last ? part.replace(KIND_SUFFIX, '') : part;
      if (last && name.length > OPEN_LAST) {
        // The last item may run on into the words after it (县民政局抓好落实): each of its beginnings.
        items.push({ names: lengths(name).map((n) => name.slice(0, n)), start: at, open: true });
      } else if (i === 0 && name.length >= MIN_NAME) {
        // Read up from the mark after it: the enumeration may begin anywhere inside this run of characters, and a
        // two-character one may hold a word's end (31个省、自治区: 个省).
        items.push({ names: lengths(name).map((n) => name.slice(-n)), start: at + part.length - MIN_NAME, open: true });
      } else if (name.length >= MIN_NAME && name.length <= MAX_NAME) items.push({ names: [name], start: at, open: false });
    });
    if (items.length >= 3) out.push(items);
  }
  return out;
}

/** Whether two names of one length differ in exactly one character, a same-sound or similar-shape one. */
function oneConfusableApart(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let diff = -1;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (diff !== -1) return false;
    diff = i;
  }
  return diff !== -1 && isConfusable(a[diff], b[diff]);
}

/** Occurrences of a string in the text. */
function count(text: string, s: string): number {
  let n = 0;
  for (let at = text.indexOf(s); at !== -1; at = text.indexOf(s, at + 1)) n++;
  return n;
}

export default defineCheck({
  meta: {
    id: 'typo-name-variant',
    category: 'typo',
    defaultSeverity: 'deduct',
    indicator: TYPO_INDICATOR,
    description: {
      'zh-CN':
        '同一页面两处列举同一组名称（村、镇、单位、项目等，以顿号分隔，两处至少有两项完全相同），其中一项与另一处的对应项只差一个音近或形近字（梅树／梅术）时，报告在页面上出现次数较少（相同时为后出现）的写法，建议另一写法。同一处列举中的两项不互相比较。',
      en: 'Where one page enumerates the same names twice (villages, towns, units, projects; items separated by 、, the two lists sharing at least two items exactly), an item one same-sound or similar-shape character away from an item of the other list (梅树 / 梅术) is reported in the form the page writes less often (the later one on a tie), the other suggested. Items of one list are never compared with each other.',
    },
    messages: {
      nameVariant: {
        'zh-CN': '本页前后列举的名称写法不一致：“{{written}}”另处写作“{{right}}”，疑为错字',
        en: 'The page lists this name in two forms: “{{written}}” is written “{{right}}” elsewhere; likely a slip',
      },
    },
  },

  run(ctx: CheckContext) {
    const { text } = ctx.model;
    const lists = enumerations(text);
    const reported = new Set<number>();
    // Only enumerations that share names are compared: pairs found through an index of names (a name found in
    // very many enumerations, a common word, is no evidence and is left out of it). Each enumeration once per
    // name, in order; the set of an enumeration's names is made only for those compared (most share none).
    const byName = new Map<string, number[]>();
    lists.forEach((list, i) => {
      for (const x of list)
        for (const n of x.names) {
          const ids = byName.get(n);
          if (!ids) byName.set(n, [i]);
          else if (ids[ids.length - 1] !== i) ids.push(i);
        }
    });
    const nameSets: Set<string>[] = [];
    const namesOf = (i: number) => (nameSets[i] ??= new Set(lists[i].flatMap((x) => x.names)));
    const candidates = new Map<number, number>();
    for (const ids of byName.values()) {
      if (ids.length < 2 || ids.length > COMMON_NAME) continue;
      for (let x = 0; x < ids.length; x++)
        for (let y = x + 1; y < ids.length; y++) {
          const key = ids[x] * lists.length + ids[y];
          candidates.set(key, (candidates.get(key) ?? 0) + 1);
        }
    }
    const pairs = [...candidates].filter(([, n]) => n >= SHARED_MIN).map(([key]) => [Math.floor(key / lists.length), key % lists.length]);
    pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    for (const [i, j] of pairs) {
      ctx.checkBudget();
      const [a, b] = [lists[i], lists[j]];
      const [namesA, namesB] = [namesOf(i), namesOf(j)];
      const shared = (list: Item[], other: Set<string>) => list.filter((x) => x.names.some((n) => other.has(n))).length;
      if (Math.min(shared(a, namesB), shared(b, namesA)) < SHARED_MIN) continue;
      for (const x of a) {
        if (x.open || namesB.has(x.names[0])) continue;
        for (const y of b) {
          if (y.open || namesA.has(y.names[0]) || !oneConfusableApart(x.names[0], y.names[0])) continue;
          // The form the page writes less often is the slip; on a tie, the later one.
          const later = count(text, y.names[0]) <= count(text, x.names[0]);
          const [slip, right] = later ? [y, x] : [x, y];
          if (reported.has(slip.start)) continue;
          reported.add(slip.start);
          ctx.report({
            messageId: 'nameVariant',
            data: { written: slip.names[0], right: right.names[0] },
            start: slip.start,
            end: slip.start + slip.names[0].length,
            suggestion: right.names[0],
          });
        }
      }
    }
  },
});
