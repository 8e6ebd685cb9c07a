import { defineCheck } from '../engine/define-check';
import { segment } from '../lm/lattice';
import { UNK, type LanguageModel } from '../lm/model';
import type { CheckContext, Segmenter } from '../engine/types';
import { TYPO_INDICATOR } from './util/indicators';
import { wholeLockTest } from '../lm/protect';

/**
 * 在/再 and 即/既: function words of the same sound that a pinyin input method swaps, right words in the
 * wrong place that no word list can see and that a short n-gram window sees too weakly (大家再会议室合影:
 * 再 and 在 both go before a noun often enough). Grammar tells them apart, the model confirms:
 *
 * - 再 → 在: the adverb 再 stands before a noun phrase that is a place or a range, i.e. a place word, or a
 *   noun followed within the clause by a localizer (再会议室合影, 再全县范围内开展, 再工作中总结). 再 as an
 *   adverb goes before a verb (再创新高, 再一次, 再上新台阶).
 * - 即 → 既: 即 opens a correlative that 又/也/且 closes in the same clause (他即是党员又是村干部, 即要…也要),
 *   or that the next clause opens in the same words (即要抓好当前，又要谋划长远): the correlative is 既…又…;
 *   即 on its own means "namely" and is followed by no such partner (and 即使, 即便, 立即, 随即 … are words
 *   of their own).
 * - 在次 → 再次: 次 on its own after 在 and before a verb is the adverb 再次 (会议在次强调); 在次日, 在次年 hold
 *   words of their own.
 * - 象 → 像: since 1986 (《简化字总表》) 象 no longer stands for 像; a 象 that jieba leaves on its own (not 现象,
 *   形象, 象征, 大象) in a comparison (after 不/要/正…, before 这/那, or closed by 一样/那样 later in its clause)
 *   is 像 (象这样, 象…一样, 不象), 《现代汉语词典》(第7版). Elsewhere it may be an elephant (象群, 这头象).
 * - 必需 → 必须: 必需 is an adjective, "needed" (生活必需品, 必需的物资); before a verb phrase the adverb 必须
 *   ("must") is meant (必需加强, 必需进一步加强, 必需切实加强, 必需按照规定 → 必须), 《现代汉语词典》(第7版).
 * - 截止 → 截至: 截止 takes no object (报名于5月20日截止, 截止日期, 截止到年底); before a time it is 截至
 *   (截至2024年底, 截至今年6月), 《现代汉语词典》(第7版). 截止目前 is typo-word-pair's.
 * - 仍就 → 仍旧: "still" is 仍旧 (仍就存在 → 仍旧存在); 仍 + the preposition 就 ("about") stands where 就
 *   opens its object for a verb of discussing later in the clause (双方仍就有关问题交换意见, 仍就此事进行协商).
 *
 * The model must find the correction at least as probable as the text over the clause (log10 gain ≥ 0):
 * grammar proposes, the model may veto; not for 截止, where a figure after it cuts the model's context.
 */

const LOCALIZERS = new Set([
  '内',
  '中',
  '上',
  '里',
  '下',
  '外',
  '前',
  '后',
  '期间',
  '之间',
  '之中',
  '之内',
  '之外',
  '当中',
  '方面',
  '以来',
  '以内',
  '以外',
  '之下',
  '之上',
  '范围内',
]);
/** Words that end a place (会议室, 全县, 敬老院): a place noun. */
const PLACE_ENDS = new Set([...'室厅馆场区县市省村镇乡处所站院校楼堂街路口岸港园地'].concat([]));
const NOUN_TAGS = new Set(['n', 'ns', 'nt', 's', 'nz', 'vn', 'an', 'r']);
const PLACE_TAGS = new Set(['ns', 's']);
/** Words with 即 that are no correlative (即使…也, 立即, 亦即 …). */
const JI_WORDS = [
  '即使',
  '即便',
  '即将',
  '即可',
  '即刻',
  '即时',
  '即日',
  '即兴',
  '即席',
  '即位',
  '即为',
  '立即',
  '随即',
  '当即',
  '旋即',
  '亦即',
  '意即',
  '即景',
  '即期',
  '即以',
  '即已',
];
const CLAUSE_END = /[，。；！？、：,;!?:\n]/;

/** A function word (在/再, 即/既 …) the language model reads as its look-alike here: the span to flag and the word it should be. */
export interface FunctionWordSlip {
  start: number;
  end: number;
  /** Offset of the function word. */
  at: number;
  written: string;
  right: string;
  rule: 'zaiPlace' | 'jiCorrelative' | 'jiezhiTime' | 'bixuVerb' | 'zaiciVerb' | 'xiangLike' | 'rengjiuStill';
}

/** Sum of log10 P over the model's segmentation of `s` (the first word scored alone). */
function score(model: LanguageModel, s: string): number {
  let sum = 0;
  let h2 = UNK;
  let h1 = UNK;
  for (const t of segment(model, s, 0, s.length)) {
    sum += model.logp(h2, h1, t.id);
    h2 = h1;
    h1 = t.id;
  }
  return sum;
}

/** The clause around offset i: [start, end) between clause marks. */
function clauseOf(text: string, i: number): [number, number] {
  let a = i;
  while (a > 0 && !CLAUSE_END.test(text[a - 1]) && i - a < 40) a--;
  let b = i + 1;
  while (b < text.length && !CLAUSE_END.test(text[b]) && b - i < 40) b++;
  return [a, b];
}

/** Whether the model finds `right` at `at` at least as probable as the text over the clause. */
function modelAgrees(model: LanguageModel, text: string, at: number, right: string): boolean {
  const [a, b] = clauseOf(text, at);
  const clause = text.slice(a, b);
  const k = at - a;
  return score(model, clause.slice(0, k) + right + clause.slice(k + 1)) - score(model, clause) >= 0;
}

/**
 * Ends of a prepositional frame 在……时/中/基础上 closing its clause (在经济增长的基础上，). Not a bare 上/下:
 * 再减少一千万以上， ends so too.
 */
const FRAME_ENDS = ['基础上', '过程中', '条件下', '情况下', '前提下', '背景下', '形势下', '之际', '期间', '时', '中'];
/** What 再 is, before these, as an adverb (再过两年后, 再一次, 再次). */
const ZAI_ADVERB_NEXT = /^[过次也不没]/;

/** The clause around i tagged by jieba, and the index of its token at i when that token is `word` (not a longer word holding it). */
function tokenAt(
  text: string,
  i: number,
  word: string,
  seg: Segmenter & { tag: NonNullable<Segmenter['tag']> },
): { tagged: Array<[string, string]>; k: number } | undefined {
  const [a, b] = clauseOf(text, i);
  const tagged = seg.tag(text.slice(a, b));
  let at = a;
  let k = 0;
  for (; k < tagged.length && at < i; k++) at += tagged[k][0].length;
  return at === i && tagged[k]?.[0] === word ? { tagged, k } : undefined;
}

/** 再 before a place or range: the slip, or undefined. */
function zaiSlip(text: string, i: number, seg: Segmenter & { tag: NonNullable<Segmenter['tag']> }, model: LanguageModel): FunctionWordSlip | undefined {
  const [, b] = clauseOf(text, i);
  const found = tokenAt(text, i, '再', seg);
  if (!found) return undefined; // 再 inside a word (再生产, 再接再厉)
  const { tagged, k } = found;
  const next = tagged[k + 1];
  if (!next || ZAI_ADVERB_NEXT.test(next[0])) return undefined;
  // A frame closing its clause: 再……的基础上， / 再……中， / 再……时，: the preposition 在 opens it.
  const rest = text.slice(i + 1, b);
  if (b < text.length && rest.length >= 2 && FRAME_ENDS.some((e) => rest.endsWith(e) && rest.length > e.length) && modelAgrees(model, text, i, '在')) {
    return { start: i, end: i + 1 + next[0].length, at: i, written: '再', right: '在', rule: 'zaiPlace' };
  }
  // A verb of staying and a number (稳定再2.1%, 控制再3%以内): 在 gives where the figure stays.
  if (/^[0-9０-９]/.test(next[0]) || (next[1] === 'm' && /^[0-9０-９]/.test(text[i + 1]))) {
    const prev = tagged[k - 1];
    if (prev && (prev[1] === 'v' || prev[1] === 'a') && modelAgrees(model, text, i, '在'))
      return { start: i, end: i + 1, at: i, written: '再', right: '在', rule: 'zaiPlace' };
    return undefined;
  }
  if (!next || !NOUN_TAGS.has(next[1])) return undefined;
  // A pronoun opens a place only as 此/这/那 + a noun (再此基础上).
  if (next[1] === 'r' && !/^[此这那该]/.test(next[0])) return undefined;
  const place = PLACE_TAGS.has(next[1]) || PLACE_ENDS.has(next[0][next[0].length - 1]);
  let localizer = false;
  for (let j = k + 1; j <= k + 4 && j < tagged.length; j++) if (LOCALIZERS.has(tagged[j][0]) || (j > k + 1 && tagged[j][1] === 'f')) localizer = true;
  // A place needs a verb or noun after it (再会议室合影), not the end of the clause (…再基层。 is odd either way).
  const after = tagged[k + 2];
  if (!localizer && !(place && after && (after[1][0] === 'v' || after[1][0] === 'n'))) return undefined;
  if (!modelAgrees(model, text, i, '在')) return undefined;
  return { start: i, end: i + 1 + next[0].length, at: i, written: '再', right: '在', rule: 'zaiPlace' };
}

/** 即 opening a 又/也/且 correlative: the slip, or undefined. */
function jiSlip(text: string, i: number, model: LanguageModel): FunctionWordSlip | undefined {
  if (JI_WORDS.some((w) => text.startsWith(w, i - w.indexOf('即')))) return undefined;
  const [, b] = clauseOf(text, i);
  // The partner: 又/也/且 at least two characters on, in the same clause, followed by a Chinese character.
  let partner = -1;
  for (let p = i + 2; p < b; p++) {
    if ('又也且'.includes(text[p]) && /[\u4e00-\u9fff]/.test(text[p + 1] ?? '')) {
      partner = p;
      break;
    }
  }
  if (partner < 0) {
    // Across a comma: the next clause opens with 又/也 and the same word as 即's (各部门要即要…，又要…). Not a 即
    // that opens its clause: that one says "namely" (收支平衡，即无外债，又无内债).
    const midClause = i > 0 && /[\u4e00-\u9fff]/.test(text[i - 1]);
    if (midClause && text[b] === '，' && /^[又也]/.test(text.slice(b + 1, b + 2)) && text[b + 2] === text[i + 1] && /[\u4e00-\u9fff]/.test(text[i + 1] ?? '')) {
      return { start: i, end: i + 2, at: i, written: '即', right: '既', rule: 'jiCorrelative' };
    }
    return undefined;
  }
  // Parallel halves (即是…也是, 即要…又要) are the correlative beyond doubt; others need the model's word.
  const parallel = text[i + 1] === text[partner + 1];
  if (!parallel && !modelAgrees(model, text, i, '既')) return undefined;
  return { start: i, end: partner + 1, at: i, written: '即', right: '既', rule: 'jiCorrelative' };
}

/**
 * A time after 截止 (its object, which 截止 does not take): a year, month or day in figures or numerals, a
 * named year or month (今年, 上月), a year's or month's end, 当前, 日前, 发稿时. Not 目前 (typo-word-pair's
 * 截止目前), nor 到/至/于 (截止到年底 is right).
 */
const TIME_AFTER_JIEZHI =
  /^[ \u3000]*(?:[0-9０-９]{1,4}[ \u3000]*[年月日时点.．\-/]|[〇零一二三四五六七八九十]{2,4}年|[一二三四五六七八九十]{1,3}月|(?:今|去|前|上|本|当|明)年|(?:本|上|当)月|年底|年末|月底|月末|当前|日前|发稿)/;

/**
 * 截止 before a time: the slip, or undefined. Grammar alone decides: the model cannot (a figure after it
 * cuts its context, and 截止 is the commoner word).
 */
function jiezhiSlip(text: string, i: number): FunctionWordSlip | undefined {
  if (!TIME_AFTER_JIEZHI.test(text.slice(i + 2, i + 12))) return undefined;
  return { start: i, end: i + 2, at: i + 1, written: '止', right: '至', rule: 'jiezhiTime' };
}

/** jieba's tags of what opens a verb phrase: a verb, or a preposition (必需把…, 必需按照…, 必需通过…). */
const VERB_PHRASE_TAGS = new Set(['v', 'p']);
/** jieba's tags of a word that modifies the verb after it: an adverb or adjective (进一步/d, 认真/ad, 扎实/a). */
const MODIFIER_TAGS = new Set(['d', 'ad', 'a']);
/** jieba's tags of its dictionary's set phrases (切实加强/l, 全面落实/i). */
const SET_PHRASE_TAGS = new Set(['l', 'i']);

/**
 * Whether the tokens from k on open a verb phrase: a verb or a preposition; an adverb or adjective and then one
 * of those (必需进一步加强, 必需认真做好, 必需扎实推进); or a set phrase of four characters, an adverb or adjective and a verb when
 * each half stands alone (切实加强, 认真贯彻: jieba's dictionary holds them whole). jieba tags 高度, 全面 and
 * 大力 as nouns, like 物资 of 物资供应 (必需物资供应 is right), so 必需高度重视 is not read as a verb phrase.
 */
function opensVerbPhrase(tagged: Array<[string, string]>, k: number, seg: Segmenter & { tag: NonNullable<Segmenter['tag']> }): boolean {
  const next = tagged[k];
  if (!next) return false;
  if (VERB_PHRASE_TAGS.has(next[1])) return true;
  if (MODIFIER_TAGS.has(next[1])) return VERB_PHRASE_TAGS.has(tagged[k + 1]?.[1] ?? '');
  if (SET_PHRASE_TAGS.has(next[1]) && next[0].length === 4) {
    // An adverb or adjective and a verb (切实加强, 认真贯彻); not a noun and a verb (物资供应: 必需物资 is right).
    const head = seg.tag(next[0].slice(0, 2));
    const tail = seg.tag(next[0].slice(2));
    return head.length === 1 && MODIFIER_TAGS.has(head[0][1]) && tail.length === 1 && (tail[0][1] === 'v' || tail[0][1] === 'vn');
  }
  return false;
}

/** 必需 opening a verb phrase (`opensVerbPhrase`): the slip, or undefined; the model may veto. */
function bixuSlip(text: string, i: number, seg: Segmenter & { tag: NonNullable<Segmenter['tag']> }, model: LanguageModel): FunctionWordSlip | undefined {
  const found = tokenAt(text, i, '必需', seg);
  if (!found) return undefined; // 必需 inside a word (必需品)
  if (!opensVerbPhrase(found.tagged, found.k + 1, seg) || !modelAgrees(model, text, i + 1, '须')) return undefined;
  return { start: i, end: i + 2, at: i + 1, written: '需', right: '须', rule: 'bixuVerb' };
}

/** 在 + 次 on its own + a verb (会议在次强调): the slip, or undefined; the model may veto. */
function zaiciSlip(text: string, i: number, seg: Segmenter & { tag: NonNullable<Segmenter['tag']> }, model: LanguageModel): FunctionWordSlip | undefined {
  const found = tokenAt(text, i, '在', seg);
  const after = found ? found.tagged.slice(found.k + 1, found.k + 3) : [];
  if (after[0]?.[0] !== '次' || after[1]?.[1] !== 'v') return undefined;
  if (!modelAgrees(model, text, i, '再')) return undefined;
  return { start: i, end: i + 2, at: i, written: '在', right: '再', rule: 'zaiciVerb' };
}

/** What follows 就 as a preposition: its object (有关问题, 此事, 该问题, 相关事项). */
const JIU_OBJECT = /^(?:有关|相关|此|该|这|那|各|本|上述|以上|下列|双方|两国|其)/;
/** Verbs of discussing and answering that the preposition 就 ("about") goes with later in its clause. */
const JIU_FRAME_VERBS =
  /进行|交换|作出|做出|达成|磋商|协商|商谈|商定|讨论|沟通|发表|听取|征求|征询|提出|展开|开展|答复|回复|回应|说明|解释|表态|签署|谈判|对话|座谈|调研|研究|部署|请示|报告|通报|致函|问询|询问/;

/** 仍 + 就 on its own before a verb, an adjective or an adverb (仍就存在, 仍就没有): 仍旧; the model may veto. */
function rengjiuSlip(text: string, i: number, seg: Segmenter & { tag: NonNullable<Segmenter['tag']> }, model: LanguageModel): FunctionWordSlip | undefined {
  const found = tokenAt(text, i, '仍', seg);
  if (!found) return undefined;
  const { tagged, k } = found;
  const jiu = tagged[k + 1];
  const next = tagged[k + 2];
  if (!jiu || !next || (jiu[0] !== '就' && jiu[0] !== '就是')) return undefined;
  if (jiu[0] === '就' && !/^[vad]/.test(next[1])) return undefined;
  // 就 the preposition: its object follows, or a verb of discussing closes the frame later in the clause.
  const rest = text.slice(i + 2, clauseOf(text, i + 1)[1]);
  if (JIU_OBJECT.test(rest) || JIU_FRAME_VERBS.test(rest.slice(next[0].length))) return undefined;
  if (!modelAgrees(model, text, i + 1, '旧')) return undefined;
  return { start: i, end: i + 2, at: i + 1, written: '就', right: '旧', rule: 'rengjiuStill' };
}

/** Adverbs before 像 (不像, 要像, 正像, 就像, 都像, 也像, 很像, 更像, 真像, 却像, 好像 aside). */
const LIKENESS_BEFORE = '不要正就都也很更真却';
/** What closes a comparison 像 opens (像…一样, 像…那样, 像…似的). */
const LIKENESS_CLOSE = /一样|那样|这样|一般|似的/;

/**
 * 象 on its own (jieba's token): the slip, or undefined; the model may veto. Not after a space or a
 * format character (现 ​象: a word a page's markup broke).
 */
function xiangSlip(text: string, i: number, seg: Segmenter & { tag: NonNullable<Segmenter['tag']> }, model: LanguageModel): FunctionWordSlip | undefined {
  if (i > 0 && /[\s\u200b-\u200f\u2060\ufeff]/.test(text[i - 1])) return undefined;
  // Only as the verb or preposition of likeness: after an adverb (不象, 要象, 正象), before 这/那 (象这样), or
  // with the comparison closed later in its clause (象…一样, 象…那样). A 象 on its own is also an elephant
  // (发现象群进入农田, 这头象).
  const [, b] = clauseOf(text, i);
  const rest = text.slice(i + 1, b);
  const close = LIKENESS_CLOSE.exec(rest.slice(1));
  // The closer is this 象's when no other word of comparison opens before it (象群像往常一样: 像's).
  const closed = close !== null && !/[像如跟同似]/.test(rest.slice(0, close.index + 1));
  const likeness = (i > 0 && LIKENESS_BEFORE.includes(text[i - 1])) || /^[这那]/.test(rest) || closed;
  if (!likeness) return undefined;
  if (!tokenAt(text, i, '象', seg) || !modelAgrees(model, text, i, '像')) return undefined;
  return { start: i, end: i + 1, at: i, written: '象', right: '像', rule: 'xiangLike' };
}

/** Every 在/再, 即/既, 必需/必须, 截止/截至, 象/像, 仍就/仍旧 slip of `text`, in order. */
export function functionWordSlips(text: string, model: LanguageModel, seg: Segmenter): FunctionWordSlip[] {
  const out: FunctionWordSlip[] = [];
  if (!seg.tag) return out;
  const tagger = seg as Segmenter & { tag: NonNullable<Segmenter['tag']> };
  for (let i = text.indexOf('再'); i !== -1; i = text.indexOf('再', i + 1)) {
    const s = zaiSlip(text, i, tagger, model);
    if (s) out.push(s);
  }
  for (let i = text.indexOf('即'); i !== -1; i = text.indexOf('即', i + 1)) {
    const s = jiSlip(text, i, model);
    if (s) out.push(s);
  }
  for (let i = text.indexOf('在次'); i !== -1; i = text.indexOf('在次', i + 2)) {
    const s = zaiciSlip(text, i, tagger, model);
    if (s) out.push(s);
  }
  for (let i = text.indexOf('象'); i !== -1; i = text.indexOf('象', i + 1)) {
    const s = xiangSlip(text, i, tagger, model);
    if (s) out.push(s);
  }
  for (let i = text.indexOf('必需'); i !== -1; i = text.indexOf('必需', i + 2)) {
    const s = bixuSlip(text, i, tagger, model);
    if (s) out.push(s);
  }
  for (let i = text.indexOf('仍就'); i !== -1; i = text.indexOf('仍就', i + 2)) {
    const s = rengjiuSlip(text, i, tagger, model);
    if (s) out.push(s);
  }
  for (let i = text.indexOf('截止'); i !== -1; i = text.indexOf('截止', i + 2)) {
    const s = jiezhiSlip(text, i);
    if (s) out.push(s);
  }
  return out.sort((x, y) => x.start - y.start);
}

export default defineCheck({
  meta: {
    id: 'typo-function-word',
    category: 'typo',
    defaultSeverity: 'deduct',
    indicator: TYPO_INDICATOR,
    description: {
      'zh-CN':
        '查同音虚词误用：副词“再”用在处所、范围名词前（“再会议室合影”“再全县范围内”→“在”），“即……又/也……”的关联结构（→“既……又……”，也跨逗号：“即要……，又要……”），“在次”后接动词（“会议在次强调”→“再次”），单用的“象”（“象这样”→“像”），“必需”后接动词性成分（“必需加强”“必需进一步加强”“必需切实加强”“必需按照规定”→“必须”），“截止”后接时间（“截止2024年底”→“截至”），“仍就”后接动词、形容词（“仍就存在”→“仍旧”）。按 jieba 词性判断结构，并须词语三元语言模型认为改正后至少同样通顺。',
      en: 'Finds same-sound function words swapped: the adverb 再 before a place or range (再会议室合影, 再全县范围内 → 在), 即 opening a 又/也 correlative (→ 既…又…, also across a comma: 即要…，又要…), 在次 before a verb (会议在次强调 → 再次), 象 on its own (象这样 → 像), 必需 before a verb phrase (必需加强, 必需进一步加强, 必需切实加强, 必需按照规定 → 必须), 截止 before a time (截止2024年底 → 截至), and 仍就 before a verb or adjective (仍就存在 → 仍旧). The structure is read from jieba’s part-of-speech tags and the word 3-gram model must find the correction at least as probable.',
    },
    messages: {
      zaiPlace: {
        'zh-CN': '“{{written}}”应为“{{right}}”：引出处所、范围用介词“在”（“再”是副词，用在动词前）',
        en: '"{{written}}" should be "{{right}}": a place or range is introduced by the preposition 在 (再 is an adverb before verbs)',
      },
      jiCorrelative: {
        'zh-CN': '“{{written}}”应为“{{right}}”：并列关联词是“既……又（也）……”',
        en: '"{{written}}" should be "{{right}}": the correlative is 既…又 (also 也)…',
      },
      zaiciVerb: {
        'zh-CN': '“{{written}}”应为“{{right}}”：表示又一次用副词“再次”',
        en: '"{{written}}" should be "{{right}}": "once again" is the adverb 再次',
      },
      xiangLike: {
        'zh-CN': '“{{written}}”应为“{{right}}”：表示相似、比如用“像”（1986年《简化字总表》起“象”不再代替“像”）',
        en: '"{{written}}" should be "{{right}}": "like, such as" is 像 (since 1986 象 no longer stands for it)',
      },
      bixuVerb: {
        'zh-CN': '“{{written}}”应为“{{right}}”：动词前表示“一定要”用副词“必须”（“必需”是“必不可少的”：必需品、必需的物资）',
        en: '"{{written}}" should be "{{right}}": before a verb "must" is the adverb 必须 (必需 means "needed": 必需品)',
      },
      rengjiuStill: {
        'zh-CN': '“{{written}}”应为“{{right}}”：表示“仍然”用副词“仍旧”（“仍就”只在“就”引出对象时成立：双方仍就此事进行协商）',
        en: '"{{written}}" should be "{{right}}": "still" is the adverb 仍旧 (仍就 is right only with 就 as "about": 双方仍就此事进行协商)',
      },
      jiezhiTime: {
        'zh-CN': '“{{written}}”应为“{{right}}”：“截止”不带宾语（报名于5月20日截止），时间前用“截至”（或“截止到”）',
        en: '"{{written}}" should be "{{right}}": 截止 takes no object (报名于5月20日截止); before a time write 截至 (or 截止到)',
      },
    },
  },

  run(ctx: CheckContext) {
    const model = ctx.languageModel;
    const seg = ctx.segmenter;
    if (!model || !seg?.tag) return;
    const text = ctx.model.text;
    // Not where the protections lock the text whole: a paragraph in traditional characters (現象), a name, the footer.
    const lockedWhole = wholeLockTest(model, text, ctx.model.footer);
    for (const s of functionWordSlips(text, model, seg)) {
      if (lockedWhole(s.start, s.end)) continue;
      const written = text.slice(s.start, s.end);
      const k = s.at - s.start;
      ctx.report({
        messageId: s.rule,
        data: { written, right: written.slice(0, k) + s.right + written.slice(k + 1) },
        start: s.start,
        end: s.end,
        suggestion: written.slice(0, k) + s.right + written.slice(k + 1),
        kind: s.rule,
      });
    }
    ctx.checkBudget();
  },
});
