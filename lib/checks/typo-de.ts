import surnameData from '../data/surnames.json';
import { defineCheck } from '../engine/define-check';
import { UNK, type LanguageModel } from '../lm/model';
import { wholeLockTest, windowTokens } from '../lm/protect';
import type { CheckContext, Segmenter } from '../engine/types';
import { isHan, TYPO_INDICATOR } from './util/indicators';

/**
 * 的/地/得 misuse (结构助词误用): 认真的学习 → 认真地学习, 做的很好 → 做得很好, 美丽地城市 → 美丽的城市.
 *
 * The usage followed is the one of 《现代汉语词典》 and school grammar (吕叔湘《现代汉语八百词》): 的 after an
 * attribute before a noun (定语), 地 after an adverbial before a verb (状语), 得 after a verb or adjective
 * before its complement (补语). Cheapest first, because 的 alone is about 3% of the characters of
 * official text (31,748 in the 1.12 M characters of the work reports):
 *
 *  1. every 的/地/得 is scored by the word 3-gram model against the two others with its neighbouring
 *     words (vocabulary words on each side; bigram lookups only, cached per word id): a swap goes on when
 *     its gain reaches `prefilter` (0 for 的 written: the model leans to 的 before verbs, 认真的学习 scores
 *     above 认真地学习 in it, so the grammar of step 3 decides there);
 *  2. the particle must be a word of its own in the model's segmentation of a short window (土地, 取得,
 *     目的, 的确 are words, not particles); the swap's 3-gram gain there must reach `margin`; 得 needs a
 *     complement's shape after it (很, 更加 … or a word ending the clause); and the dictionary tags of the
 *     neighbouring words (memoised per word) must allow the rule;
 *  3. jieba tags a window of the line: the particle stands alone in its cut too (a phrase of jieba's
 *     dictionary with the particle inside, 跑的快, is split where the model reads a particle), and the
 *     grammar of its neighbours must call for the other particle (grammarCalls); where the model is sure of
 *     的 over a written 地/得 (`sure`), a looser grammar suffices (作出地选择, 光明得。). A 地 between a dummy
 *     verb and its object, a verb made a noun (表示诚挚地感谢, 进行认真地研究), is reported as 的 by that
 *     grammar alone, where the model is indifferent (`dummyVerbObject`).
 *
 * A written 地 stands where the grammar shows a verb after it, whatever jieba's one tag per word says: a
 * modal verb before the adverbial, an adverb before 地, an aspect particle or complement after the word, or a
 * word the model has taking 地 by habit (HABITUAL_DI) with an object after (有效地领导基层治理工作).
 *
 * Never reported: a particle inside a word (jieba's or the model's), inside 《titles》 or a short quoted
 * term, beside a single-character name piece, a 地 in a chain of adverbials (系统地全面地研究), or where the
 * protections lock the text whole (lib/lm/protect.ts: a paragraph in traditional characters inside a
 * simplified page, which the simplified model and jieba misread; the footer, names). The closed classes the grammar reads (words of degree,
 * modal verbs, verbs and prepositions that take a noun phrase) are grammar, not rule data: they stay here.
 */

/** 的, 地, 得: the index of each is used throughout (0, 1, 2). */
const PARTICLES = '的地得';
const CODES = [0x7684, 0x5730, 0x5f97];
const DE = 0;
const DI = 1;
const DEI = 2;

/** The rule that calls for the particle proposed: its message id. */
type Rule = 'adverbial' | 'complement' | 'attributive';
const RULE_OF: readonly Rule[] = ['attributive', 'adverbial', 'complement'];

/** The model's thresholds (log10 probability gains of the proposed particle over the written one). */
export interface DeParams {
  /** Stage 1: minimum bigram gain, by [written][proposed] (indexes of 的, 地, 得). */
  prefilter: readonly (readonly number[])[];
  /** Stage 2: minimum 3-gram gain, by [written][proposed]. */
  margin: readonly (readonly number[])[];
  /** Stage 3: minimum bigram and 3-gram gains of 的 over a 地 written after an adverb, idiom or set phrase (积极地财政政策). */
  afterAdverbial: number;
  /** Stage 3: the bigram and 3-gram gains of 的 over a 地 or 得 from which the model is sure enough for a looser grammar. */
  sure: readonly [bigram: number, trigram: number];
}

/** Tuned on the 1998–2016 work reports and the development set (scripts/devset.ts); see docs/checks/typo-de.md. */
export const DEFAULT_DE_PARAMS: DeParams = {
  prefilter: [
    [Infinity, 0, 0],
    [0.5, Infinity, 0],
    [0.5, 0.5, Infinity],
  ],
  margin: [
    [Infinity, -2, -Infinity],
    [0, Infinity, -Infinity],
    [0, -Infinity, Infinity],
  ],
  afterAdverbial: 1,
  sure: [2, 3.5],
};

/** A misused particle. */
export interface DeSlip {
  /** Offset of the particle. */
  at: number;
  /** The particle as written and the one the grammar calls for. */
  written: string;
  right: string;
  /** The rule that calls for `right` (the message id). */
  rule: Rule;
  /** 3-gram gain of the right particle over the written one (log10). */
  gain: number;
  /** Bigram gain of stage 1 (log10). */
  bigramGain: number;
}

/** Characters of the run of Chinese text on each side that the model segments around a candidate. */
const WINDOW = 8;
/**
 * Characters before and after the particle that jieba tags: two words after, and before it the phrase and
 * the verb that may take it across a time or number word (经过/三年/坚持不懈的探索: 6 left 经过 out).
 */
const TAG_BEFORE = 10;
const TAG_AFTER = 5;

/**
 * Per model: log10 P(particle | word) and log10 P(word | particle) for each word id and particle, computed on
 * first use (NaN until then): 的 is so frequent that the same few thousand neighbours come back all the time.
 * Two Float32Arrays of 3 × the vocabulary (about 2 MB each for lm_sc).
 */
interface Tables {
  ids: number[];
  left: Float32Array;
  right: Float32Array;
}
const tables = new WeakMap<LanguageModel, Tables>();

function tablesOf(model: LanguageModel): Tables {
  let t = tables.get(model);
  if (!t) {
    t = { ids: CODES.map((c) => model.charId(c)), left: new Float32Array(model.size * 3).fill(NaN), right: new Float32Array(model.size * 3).fill(NaN) };
    tables.set(model, t);
  }
  return t;
}

/** log10 P(particle p | word w), from the per-word table (computed on first use). */
function particleAfter(model: LanguageModel, tables: Tables, w: number, p: number): number {
  const k = w * 3 + p;
  let v = tables.left[k];
  if (Number.isNaN(v)) v = tables.left[k] = model.bigramLogp(w, tables.ids[p]);
  return v;
}

const endsBuf = new Int32Array(16);
const idsBuf = new Int32Array(16);

/** Lengths tried for the word before a particle: two characters first (the commonest), then three, four, one. */
const BEFORE_LENGTHS = [2, 3, 4, 1];

/** The vocabulary word of `text` ending at `end` (lengths in BEFORE_LENGTHS order), or UNK. Only Chinese characters count. */
function wordBefore(model: LanguageModel, text: string, end: number): number {
  for (let j = 0; j < BEFORE_LENGTHS.length; j++) {
    const s = end - BEFORE_LENGTHS[j];
    if (s < 0 || !isHan(text.charCodeAt(s))) continue;
    const n = model.wordsAt(text, s, end, endsBuf, idsBuf);
    if (n && endsBuf[n - 1] === end) return idsBuf[n - 1];
  }
  return UNK;
}

/** The longest vocabulary word of at most four characters starting at `start`, or UNK. */
function wordAfter(model: LanguageModel, text: string, start: number): number {
  if (start >= text.length || !isHan(text.charCodeAt(start))) return UNK;
  const n = model.wordsAt(text, start, Math.min(text.length, start + 4), endsBuf, idsBuf);
  return n ? idsBuf[n - 1] : UNK;
}

// ---------------------------------------------------------------------------------------------------------
// The grammar of stage 3, on jieba's tags (ICTCLAS set: n nouns, v verbs, vn verbal nouns, a adjectives,
// ad adverbial adjectives, d adverbs, i idioms, l set phrases, z descriptive words, p prepositions, x marks).

/** Tags of words that stand as adverbials before a verb (积极, 认真, 毫不动摇, 扎扎实实, 逐步). */
const ADVERBIAL_TAGS = new Set(['a', 'ad', 'd', 'i', 'l', 'z']);
/** Of those, the tags of words that are adverbials wherever they stand (adverbs, idioms, set phrases). */
const STRONG_ADVERBIAL_TAGS = new Set(['ad', 'd', 'i', 'l', 'z']);
/** Tags of what an adverbial can modify: a verb, a prepositional phrase, an idiom or phrase led by a verb. */
const VERBAL_TAGS = new Set(['v', 'vd', 'vi', 'vg', 'vn', 'p', 'i', 'l']);
/** Tags of a noun phrase's head or start (a noun, place, pronoun, numeral, distinguishing word). */
const NOMINAL_TAGS = new Set(['n', 'nr', 'nrt', 'nrfg', 'ns', 'nt', 'nz', 'nl', 'ng', 's', 'j', 'r', 'm', 'mq', 'q', 'b', 't', 'f']);
/** Words of degree that open a complement after 得 (做得很好, 变得更加, 完成得十分出色). */
const DEGREE = new Set([
  '很',
  '非常',
  '更',
  '更加',
  '十分',
  '特别',
  '相当',
  '比较',
  '较',
  '越来越',
  '太',
  '极',
  '极其',
  '格外',
  '不',
  '不够',
  '不好',
  '还',
  '最',
  '过于',
  '挺',
  '很好',
  '更好',
  '很快',
  '不错',
  '怎么样',
  '怎样',
  '如何',
]);
/**
 * Words before an adverbial-looking phrase that make it a noun phrase (表示诚挚的感谢, 有较大的增长, 以更大的
 * 投入, 开展了声势浩大的打击): the 的 there is right.
 */
const NOUN_PHRASE_OPENERS = new Set([
  '有',
  '没有',
  '表示',
  '作出',
  '做出',
  '付出',
  '给予',
  '给以',
  '予以',
  '加以',
  '得到',
  '受到',
  '进行',
  '开展',
  '展开',
  '以',
  '用',
  '尽',
  '经过',
  '通过',
  '获得',
  '取得',
  '引起',
  '带来',
  '是',
  '了',
  '着',
  '过',
  '的',
  '作',
  '做',
]);
/** Verbs that a verb phrase follows (modal, aspect): an adverbial after them is one (要认真地学习). */
const MODAL_VERBS = new Set([
  '要',
  '应',
  '应该',
  '应当',
  '需要',
  '需',
  '能',
  '能够',
  '可以',
  '可',
  '会',
  '将',
  '继续',
  '才能',
  '得以',
  '必须',
  '敢于',
  '善于',
  '愿意',
  '开始',
  '深入',
  '始终',
  '一直',
  '进一步',
]);
/**
 * 形式动词: verbs whose object is a verb made a noun (表示感谢, 给予支持, 作出贡献, 进行研究). What stands
 * between them and that verb is the object's attribute, and takes 的: 表示诚挚的感谢, 给予大力的支持, 进行认真的
 * 研究; 表示诚挚地感谢 is a classic slip. On the work reports 1954–2025 and gov_pages the pattern never has a
 * 地 (one 加以有效地使用, 1964: 加以 is left out, as are 得到 and 受到, which take a verb phrase too).
 */
const DUMMY_VERBS = ['表示', '致以', '给予', '给以', '予以', '作出', '做出', '进行', '付出'];
/** The longest attribute (in characters) between a dummy verb and 地 that the cheap test looks across. */
const DUMMY_REACH = 6;
/** Tags of a dummy verb's attribute: adjectives, adverbial adjectives, adverbs, idioms, set phrases, a verb used so (深入). */
const DUMMY_ATTRIBUTE_TAGS = new Set(['a', 'ad', 'an', 'd', 'z', 'i', 'l', 'v', 'vd']);
/** The model must not be against 的 there by more than this (3-gram gain, log10): the grammar decides. */
const DUMMY_FLOOR = -1;

/** Cheap test on the text: a dummy verb ends within DUMMY_REACH Chinese characters before the 地 at i. */
function afterDummyVerb(text: string, i: number): boolean {
  for (let s = i - 1; s >= Math.max(0, i - DUMMY_REACH - 2); s--) {
    if (!isHan(text.charCodeAt(s))) return false;
    if (s < i - 1 && DUMMY_VERBS.includes(text.slice(s - 1, s + 1))) return true;
  }
  return false;
}

/**
 * Whether jieba's words around the 地 (k) read as a dummy verb's object: a dummy verb, one or two attribute
 * words, 地, then the verb made a noun (v, vn, an).
 */
function dummyVerbObject(t: Tagged): boolean {
  if (!['v', 'vn', 'an'].includes(tagAt(t, t.k + 1))) return false;
  for (let open = t.k - 2; open >= t.k - 3; open--) {
    for (let j = open + 1; j < t.k; j++) if (!DUMMY_ATTRIBUTE_TAGS.has(tagAt(t, j)) && !DEGREE.has(wordAt(t, j))) return false;
    if (DUMMY_VERBS.includes(wordAt(t, open))) return true;
  }
  return false;
}

/** What ends a verb's phrase when no object follows (a nominalised verb: 更大的提升，诚挚的感谢！). */
const CLAUSE_END = new Set([
  '，',
  '。',
  '；',
  '：',
  '！',
  '？',
  '、',
  ',',
  '.',
  ';',
  ':',
  '!',
  '?',
  '和',
  '与',
  '及',
  '或',
  '等',
  '的',
  '）',
  ')',
  '”',
  '"',
  '\n',
  '',
]);
const SURNAMES = new Set<string>(surnameData.surnames);
/** Tags of words that never open what 的 introduces (adverbs, prepositions, conjunctions, particles, interjections). */
const NOT_AFTER_DE = new Set(['d', 'p', 'c', 'u', 'ul', 'uj', 'uv', 'ud', 'ug', 'uz', 'y', 'e', 'o']);

interface Tagged {
  words: string[];
  tags: string[];
  /** Index of the particle's word. */
  k: number;
}

const tagAt = (t: Tagged, j: number) => (j >= 0 && j < t.words.length ? t.tags[j] : 'x');
const wordAt = (t: Tagged, j: number) => (j >= 0 && j < t.words.length ? t.words[j] : '');

/** Tags of what may be a verb's object: a noun phrase, a verbal noun, a set phrase (困难群众/l). */
const objectTag = (tag: string) => NOMINAL_TAGS.has(tag) || tag === 'vn' || tag === 'l';

/**
 * What follows a verb and never a noun phrase's head: aspect particles, complements of direction and result
 * (领导了, 发展起来, 整顿下去, 反扑过来, 过渡到, 作用于, 贷款给).
 */
const VERB_FOLLOWERS = new Set(['了', '着', '过', '起来', '下去', '过来', '出来', '起', '到', '于', '给']);

/**
 * A word is an adverbial by habit when the model has it before 地 at least this often against 的 (log10
 * ratio: a tenth): 有效 −0.35, 热情 −0.47, 广泛 −0.38; 良好 −1.38, 特殊 −1.88, 发展 −2.03.
 */
const HABITUAL_DI = -1;

/** Prepositions whose object a 的 phrase may end (对…的支持); not those of purpose (为了更好地推进). */
const OBJECT_PREPOSITIONS = new Set(['对', '对于', '关于', '向', '给', '与', '同', '跟', '和']);

/**
 * Whether a preposition of OBJECT_PREPOSITIONS opens the words before the particle, two to five words back,
 * with no verb, adverb or mark between (对/三/大/攻坚战/的).
 */
function prepositionBefore(t: Tagged): boolean {
  for (let j = t.k - 2; j >= Math.max(0, t.k - 5); j--) {
    const tag = tagAt(t, j);
    if (tag === 'p' || tag === 'c') return OBJECT_PREPOSITIONS.has(wordAt(t, j));
    if (tag === 'x' || tag[0] === 'v' || tag === 'd' || tag === 'ad') return false;
  }
  return false;
}

/** A noun that opens with a numeral: a quantity of people or time (几代人, 三年来, 两届). */
const quantityNoun = (t: Tagged, j: number) => tagAt(t, j)[0] === 'n' && /^[几数多两一二三四五六七八九十百千万]/.test(wordAt(t, j));

/** One-character adjectives of scale that make adverbials with a noun (高标准, 大范围, 全方位, 多渠道, 宽领域, 深层次). */
const SCALE = '高大全多广深宽严';

/** Whether the words before the particle make an adverbial (认真, 毫不动摇, 有针对性, 更大程度, 更多). */
function adverbialBefore(t: Tagged): boolean {
  const w = wordAt(t, t.k - 1);
  const tag = tagAt(t, t.k - 1);
  if (ADVERBIAL_TAGS.has(tag)) return true;
  if (w.length >= 2 && w[0] === '有') return true; // 有序, 有力
  if (wordAt(t, t.k - 2) === '有' && tag[0] === 'n') return true; // 有/针对性, 有/步骤, 有/计划
  if (w.endsWith('程度') || w.endsWith('限度')) return true; // 更大程度地, 最大限度地
  // A one-character word of scale and a noun, an adverbial of official writing (高标准地, 大范围地, 全方位地,
  // 多渠道地), whether jieba keeps them one word or two.
  if (tag[0] === 'n' || tag === 'm') {
    if (w.length >= 3 && SCALE.includes(w[0])) return true;
    const scale = wordAt(t, t.k - 2);
    if (scale.length === 1 && SCALE.includes(scale)) return true;
  }
  return w === '多' && ['更', '最', '较'].includes(wordAt(t, t.k - 2)); // 更多地
}

/**
 * Whether the grammar around the particle calls for `right` (the checks of the file header): true, false,
 * or 'surer' when it does only if the model is surer than usual (DeParams.afterAdverbial). `modelSure`:
 * the model is sure of 的 (DeParams.sure).
 */
function grammarCalls(t: Tagged, written: number, right: number, modelSure: boolean, habitual = false): boolean | 'surer' {
  const p1 = wordAt(t, t.k - 1);
  const t1 = tagAt(t, t.k - 1);
  const n1 = wordAt(t, t.k + 1);
  const u1 = tagAt(t, t.k + 1);
  const n2 = wordAt(t, t.k + 2);
  if (!p1 || !n1 || t1 === 'x') return false;
  // A single character beside a name piece: part of a name (李得胜, 张地).
  for (const j of [t.k - 1, t.k + 1]) if (wordAt(t, j).length === 1 && (tagAt(t, j).startsWith('nr') || SURNAMES.has(wordAt(t, j)))) return false;
  // Adverbials in a chain (系统地全面地研究, 更加合理地有效地使用): a written 地 beside another 地 one word away
  // (jieba's dictionary holds some adverbials with theirs: 系统地/n; not 土地, 各地) marks the same verb,
  // whatever the model makes of the pair alone.
  const chained = (w: string) => w === '地' || (w.length >= 3 && w.endsWith('地'));
  if (written === DI && right === DE && (chained(wordAt(t, t.k - 2)) || chained(n1) || n2 === '地')) return false;
  if (written === DI && right === DE) {
    // A written 地 before what reads as a verb is the adverbial's own, whatever jieba's one tag per word
    // says (领导/n, 贷款/n): the word after takes an aspect particle or a complement of direction or result
    // (违背了, 反扑过来, 发展起来, 反作用于, 贷款给), or is itself an adverb or preposition (主动地全部撤出, 向前).
    if (VERB_FOLLOWERS.has(n2) || ['d', 'p', 'ad'].includes(u1)) return false;
    // A word that may be an adverbial (an adjective, adverb, idiom or set phrase; any word of four characters
    // or more, which jieba often tags nz: 日新月异/nz) before 地, and a verb or verbal noun after it: the
    // adverbial reading is grammatical (日新月异地发展), and the writer chose it. A dummy verb's object is the
    // caller's own test (给予及时地救助).
    if ((ADVERBIAL_TAGS.has(t1) || p1.length >= 4) && ['v', 'vn', 'vd', 'vi'].includes(u1)) return false;
    // An adverb (d: 尽量, 互不, 相互) modifies a verb, never a noun: its 地 stands.
    if (t1 === 'd') return false;
    // A modal verb takes a verb phrase, never a noun phrase: 应该优先地供应, 要有计划地发展 (one word back, or
    // two across a degree word or 有).
    const back = wordAt(t, t.k - 2);
    if (MODAL_VERBS.has(back) || ((DEGREE.has(back) || back === '有') && MODAL_VERBS.has(wordAt(t, t.k - 3)))) return false;
    // … and after a word the model has seen taking 地 at least a tenth as often as 的 (有效地, 热情地, 广泛地:
    // an adverbial by habit), a written 地 stands before a word with an object after it (有效地领导现代化建设,
    // 尽量地节约粮食); before a noun that ends its phrase the model must be surer (积极地财政政策，). Never
    // after a dummy verb (the caller's `habitual` is false there: 给予及时地救助).
    if (habitual) return u1[0] === 'n' && !objectTag(tagAt(t, t.k + 2)) ? 'surer' : false;
  }
  // A written 得 before a word of degree or a question about degree is a complement's (落实得怎么样).
  if (written === DEI && DEGREE.has(n1)) return false;
  // Where the model is sure of 的 (DeParams.sure), any noun-like or verb-like word may follow (的 before a
  // verb makes it a noun: 作出的选择), and after a written 得 the clause may end (前景是光明得。).
  if (modelSure && right === DE) return u1 === 'x' ? written === DEI && CLAUSE_END.has(n1[0]) : !NOT_AFTER_DE.has(u1);
  if (u1 === 'x') return false;
  // 所 + a verb + 的 is a relative clause, always before the noun it describes (所作的努力, 所取得的成绩).
  if (written === DE && (p1[0] === '所' || wordAt(t, t.k - 2) === '所')) return false;
  if (right === DI) {
    // A 的 phrase inside another (积极的前进的思想, 持久的按比例的发展), or a verb-like word followed by its
    // predicate (成功的把握较大): the word after 的 heads a noun phrase.
    if (n2 === '的' || tagAt(t, t.k + 2) === 'a') return false;
    if (!adverbialBefore(t) || !VERBAL_TAGS.has(u1)) return false;
    // A noun (or a noun jieba tags as an idiom: 攻坚战/i) at the end of a preposition's object: 对三大攻坚战的
    // 支持, 对人民群众的关心 are noun phrases, the 的 is right.
    if ((t1[0] === 'n' || t1 === 'i' || t1 === 'l' || t1 === 'j') && prepositionBefore(t)) return false;
    // A set phrase or idiom may as well be a noun phrase (最大的抗震救灾斗争) but after an adverb or idiom.
    if ((u1 === 'l' || u1 === 'i') && !STRONG_ADVERBIAL_TAGS.has(t1)) return false;
    // The word before the adverbial phrase (before its degree word: 有/更/大的): 有较大的增长 is a noun phrase.
    let open = DEGREE.has(wordAt(t, t.k - 2)) ? t.k - 3 : t.k - 2;
    // … past a time, number or measure word, or an aspect particle, between the verb and the phrase it takes
    // (经过/三年/坚持不懈的探索, 进行了/两次/认真的研究).
    for (let n = 0; n < 2 && (['m', 'mq', 'q', 't', 'ul', 'ug', 'uz'].includes(tagAt(t, open)) || quantityNoun(t, open)); n++) open--;
    const opener = wordAt(t, open);
    if (NOUN_PHRASE_OPENERS.has(opener) && !(opener === '有' && t1[0] === 'n')) return false;
    // So does a verb that takes a noun phrase (采取正确的应对之策, 保持较快的发展速度); a modal or an
    // aspect verb does not (要认真地学习, 继续坚定不移地推进).
    if (tagAt(t, open) === 'v' && !MODAL_VERBS.has(opener) && opener !== '有') return false;
    // … and a preposition that takes one (按照执政为民的要求), but for those of purpose (为了更好地推进).
    if (tagAt(t, open) === 'p' && opener !== '为了' && opener !== '为') return false;
    // A one-character adjective under a degree word before a verb and a noun: a compound noun
    // (更大的创造空间, 较快的发展速度).
    if (p1.length === 1 && t1 === 'a' && tagAt(t, t.k + 2)[0] === 'n') return false;
    // A verbal noun after a plain adjective is a noun (文明健康的生活方式); after an adverb it is a verb
    // (更好地调动, 更加有效地监督).
    const strong = STRONG_ADVERBIAL_TAGS.has(t1) || STRONG_ADVERBIAL_TAGS.has(tagAt(t, t.k - 2)) || DEGREE.has(wordAt(t, t.k - 2));
    if (u1 === 'vn' && (!strong || CLAUSE_END.has(n2.length ? n2[0] : ''))) return false;
    // A verbal noun before a noun is a compound noun, whatever stands before (齐抓共管的工作格局).
    if (u1 === 'vn' && tagAt(t, t.k + 2)[0] === 'n') return false;
    // A verb with nothing after it is a noun (更大的提升，诚挚的感谢！), unless an adverb or idiom stands
    // before (坚定不移地推进，).
    if (!STRONG_ADVERBIAL_TAGS.has(t1) && CLAUSE_END.has(n2.length ? n2[0] : '')) return false;
    return true;
  }
  if (right === DEI) {
    if (!['v', 'vd', 'vi', 'vn', 'a', 'ad', 'an'].includes(t1)) return false;
    if (DEGREE.has(n1)) return true;
    // A bare complement ends its clause (做的好。吃的放心、接的住，搞的红红火火。); before a noun an
    // adjective is an attribute (形成的良好局面). An adverbial adjective (ad: 努力, 积极) there heads a noun
    // phrase (联合反霸的努力，).
    return t1[0] === 'v' && ['a', 'z', 'v'].includes(u1) && CLAUSE_END.has(n2.length ? n2[0] : '') && n2 !== '的';
  }
  // right === DE: a noun phrase follows.
  // A single character and 地 make a word more often than not (节地, 省地, 炒地); a pronoun or a word of
  // place (他, 其, 中, 下) does not.
  if (p1.length < 2 && !(t1 === 'r' || t1 === 'f' || (written === DEI && t1 === 'n'))) return false;
  // An adjective before a noun opens a noun phrase too (动力强劲地新引擎).
  // A "noun" that takes an aspect particle is a verb here (jieba's one tag per word: 地交流/n 了意见).
  const aspect = ['ul', 'uz', 'ug'].includes(tagAt(t, t.k + 2));
  const nounPhrase = !aspect && (NOMINAL_TAGS.has(u1) || ((u1 === 'a' || u1 === 'b') && tagAt(t, t.k + 2)[0] === 'n'));
  // 地 after an adverb, idiom or set phrase, or after an adjective under a degree word or adverb (最广泛地,
  // 积极稳妥地), is likely the adverbial's own: jieba tags many verbs as nouns (动员/n, 分类/n) or
  // abbreviations (深化/j). Only a noun proper follows, and the model must be surer (`afterAdverbial`).
  if (
    written === DI &&
    (STRONG_ADVERBIAL_TAGS.has(t1) || adverbialBefore(t) || (t1 === 'a' && (DEGREE.has(wordAt(t, t.k - 2)) || STRONG_ADVERBIAL_TAGS.has(tagAt(t, t.k - 2)))))
  ) {
    // An object after the word (始终一贯地声援全世界人民): it is a verb, and the 地 stands.
    const u2 = tagAt(t, t.k + 2);
    return nounPhrase && u1 !== 'j' && !objectTag(u2) ? 'surer' : false;
  }
  if (nounPhrase) return true;
  // After an adverbial, 地 before a verbal noun or adjective may be right (有效地监督政府, 更加地重要).
  if (ADVERBIAL_TAGS.has(t1) || written === DEI) return false;
  return u1 === 'vn' || u1 === 'an' || u1 === 'a';
}

/** Whether offset i lies inside 《…》 on its line, or inside a short quotation “…” (a coined term). */
function quoted(text: string, i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 40; k--) {
    const c = text[k];
    if (c === '》' || c === '\n') break;
    if (c === '《') {
      const close = text.indexOf('》', i);
      const nl = text.indexOf('\n', i);
      if (close !== -1 && (nl === -1 || close < nl)) return true;
      break;
    }
  }
  for (let k = i - 1; k >= 0 && k >= i - 8; k--) {
    const c = text[k];
    if (c === '”' || c === '\n') break;
    if (c === '“') {
      const close = text.indexOf('”', i);
      return close !== -1 && close - k - 1 <= 8;
    }
  }
  return false;
}

/** jieba's tag of each word on its own, per segmenter: a word's tag is its dictionary tag, the same in any context. */
const wordTags = new WeakMap<Segmenter, Map<string, string>>();

/** The segmenter's tagger and its memo of single words' tags. */
interface Tagger {
  tag(text: string): Array<[string, string]>;
  words: Map<string, string>;
}

/** jieba's tag of `word` when jieba keeps it whole, else '' (memoised). */
function tagOfWord(tagger: Tagger, word: string): string {
  let t = tagger.words.get(word);
  if (t === undefined) {
    if (tagger.words.size >= 50_000) tagger.words.clear();
    const r = tagger.tag(word);
    t = r.length === 1 ? r[0][1] : '';
    tagger.words.set(word, t);
  }
  return t;
}

/**
 * The 的/地/得 slips of `text` (see the file header). Needs the model and a segmenter with a tagger; returns
 * none without the tagger.
 */
export function deSlips(text: string, model: LanguageModel, seg: Segmenter, params: DeParams = DEFAULT_DE_PARAMS): DeSlip[] {
  if (!seg.tag) return [];
  let words = wordTags.get(seg);
  if (!words) wordTags.set(seg, (words = new Map()));
  const tag: Tagger = { tag: (s) => seg.tag!(s), words };
  const tables = tablesOf(model);
  const { right, ids } = tables;
  const lp = (w: number, p: number) => particleAfter(model, tables, w, p);
  const rp = (w: number, p: number) => {
    const k = w * 3 + p;
    let v = right[k];
    if (Number.isNaN(v)) v = right[k] = model.bigramLogp(ids[p], w);
    return v;
  };
  const out: DeSlip[] = [];
  const gains = [0, 0, 0];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const w = c === CODES[DE] ? DE : c === CODES[DI] ? DI : c === CODES[DEI] ? DEI : -1;
    if (w < 0) continue;
    // Stage 1: bigram gains of the two other particles.
    const L = i > 0 ? wordBefore(model, text, i) : UNK;
    const R = wordAfter(model, text, i + 1);
    let pass = 0;
    for (let x = 0; x < 3; x++) {
      if (x === w) continue;
      let g = 0;
      if (L >= 0) g += lp(L, x) - lp(L, w);
      if (R >= 0) g += rp(R, x) - rp(R, w);
      gains[x] = g;
      if (g >= params.prefilter[w][x]) pass |= 1 << x;
    }
    // 表示诚挚地感谢: the grammar of a dummy verb's object calls for 的 where the model is indifferent.
    const dummy = w === DI && afterDummyVerb(text, i);
    if (dummy) pass |= 1 << DE;
    if (!pass) continue;
    const slip = confirm(text, i, w, pass, gains, model, tag, params, dummy);
    if (slip) out.push(slip);
  }
  return out;
}

/** Stages 2 and 3 for the particle `w` at i, with `pass` the bit set of particles that passed stage 1. */
function confirm(
  text: string,
  i: number,
  w: number,
  pass: number,
  gains: readonly number[],
  model: LanguageModel,
  tag: Tagger,
  params: DeParams,
  dummy = false,
): DeSlip | undefined {
  // Stage 2: the model's segmentation of the run of Chinese text around it.
  let a = i;
  let b = i + 1;
  while (a > 0 && i - a < WINDOW && isHan(text.charCodeAt(a - 1))) a--;
  while (b < text.length && b - i <= WINDOW && isHan(text.charCodeAt(b))) b++;
  const toks = windowTokens(model, text, a, b);
  let k = 0;
  while (k < toks.length && toks[k].end <= i) k++;
  if (toks[k].start !== i || toks[k].end !== i + 1) return undefined;
  // 3-gram scores with the model's tokens around (no history across the run's ends).
  const id = (j: number) => (j >= 0 && j < toks.length ? toks[j].id : UNK);
  const score = (p: number) => {
    const pid = model.charId(CODES[p]);
    let s = model.logp(id(k - 2), id(k - 1), pid);
    if (k + 1 < toks.length) s += model.logp(id(k - 1), pid, id(k + 1));
    if (k + 2 < toks.length) s += model.logp(pid, id(k + 1), id(k + 2));
    return s;
  };
  const base = score(w);
  const tri = [0, 0, 0];
  let left = 0;
  for (let x = 0; x < 3; x++) {
    if (!(pass & (1 << x))) continue;
    tri[x] = score(x) - base;
    if (tri[x] < (dummy && x === DE ? Math.min(DUMMY_FLOOR, params.margin[w][x]) : params.margin[w][x])) continue;
    // 得 needs a complement's shape: a word of degree next (很, 更加), or a short word ending the clause (好。).
    if (x === DEI && !complementShape(text, toks, k)) continue;
    left |= 1 << x;
  }
  // Before tagging the window, the dictionary tags of the neighbouring words (memoised) must allow the rule.
  if (left & (1 << DI) && !mayBeAdverbial(text, toks, k, tag)) left &= ~(1 << DI);
  const sure = tri[DE] >= params.sure[1] && gains[DE] >= params.sure[0];
  // The word before a written 地 takes 地 by habit (HABITUAL_DI); not after a dummy verb, whose object it
  // opens (给予及时地救助).
  const before = id(k - 1);
  const tables = tablesOf(model);
  const habitual = w === DI && !dummy && before >= 0 && particleAfter(model, tables, before, DI) - particleAfter(model, tables, before, DE) >= HABITUAL_DI;
  if (left & (1 << DE) && !sure && !dummy && !mayBeNominal(text, toks, k, tag)) left &= ~(1 << DE);
  if (!left || quoted(text, i)) return undefined;
  // Stage 3: jieba's cut and tags of a window within the line.
  let from = i;
  let to = i + 1;
  while (from > 0 && i - from < TAG_BEFORE && text[from - 1] !== '\n') from--;
  while (to < text.length && to - i <= TAG_AFTER && text[to] !== '\n') to++;
  const words: string[] = [];
  const tags: string[] = [];
  let pk = -1;
  let at = from;
  for (const [word, pos] of tag.tag(text.slice(from, to))) {
    if (at < i && i < at + word.length - 1) {
      // jieba's dictionary holds phrases with the particle inside (跑的快, 办得更好, 党的基本); where the
      // model reads the particle as a word of its own, the phrase is split at it and each side tagged alone.
      // (A word that ends or starts with it is a word of its own: 承包地, 流入地, 得不到.)
      const before = word.slice(0, i - at);
      const after = word.slice(i - at + 1);
      if (before) words.push(before), tags.push(tagOfWord(tag, before) || 'x');
      pk = words.length;
      words.push(text[i]), tags.push(tagOfWord(tag, text[i]));
      if (after) words.push(after), tags.push(tagOfWord(tag, after) || 'x');
    } else {
      if (at === i) pk = words.length;
      words.push(word);
      tags.push(pos);
    }
    at += word.length;
  }
  if (pk < 0) return undefined;
  const t: Tagged = { words, tags, k: pk };
  let best: DeSlip | undefined;
  for (let x = 0; x < 3; x++) {
    if (!(left & (1 << x))) continue;
    const byModel = gains[x] >= params.prefilter[w][x] && tri[x] >= params.margin[w][x];
    const grammar =
      (byModel && grammarCalls(t, w, x, tri[x] >= params.sure[1] && gains[x] >= params.sure[0], habitual)) || (dummy && x === DE && dummyVerbObject(t));
    if (!grammar || (grammar === 'surer' && Math.min(tri[x], gains[x]) < params.afterAdverbial) || (best && best.gain >= tri[x])) continue;
    best = { at: i, written: PARTICLES[w], right: PARTICLES[x], rule: RULE_OF[x], gain: tri[x], bigramGain: gains[x] };
  }
  return best;
}

/**
 * The word before the particle k as jieba would have it: the model's token, or it joined with the token
 * before when jieba keeps that whole (毫不/动摇 → 毫不动摇). Its text and tag ('' when unknown).
 */
function wordBeforeTagged(text: string, toks: readonly { start: number; end: number }[], k: number, tag: Tagger): [string, string] {
  if (k < 1) return ['', 'x'];
  const one = text.slice(toks[k - 1].start, toks[k - 1].end);
  if (k >= 2 && toks[k - 1].end - toks[k - 2].start <= 4) {
    const two = text.slice(toks[k - 2].start, toks[k - 1].end);
    const t2 = tagOfWord(tag, two);
    if (t2) return [two, t2];
  }
  return [one, tagOfWord(tag, one)];
}

/** Cheap necessary condition of the adverbial rule on the model's tokens: the word before may be an adverbial. */
function mayBeAdverbial(text: string, toks: readonly { start: number; end: number }[], k: number, tag: Tagger): boolean {
  const [w, t] = wordBeforeTagged(text, toks, k, tag);
  if (!t || ADVERBIAL_TAGS.has(t) || w === '多' || w[0] === '有' || w.endsWith('程度') || w.endsWith('限度')) return true;
  return t[0] === 'n' && text[toks[k - 1].start - 1] === '有'; // 有/针对性
}

/** Cheap necessary condition of the attributive rule: the word after may open a noun phrase. */
function mayBeNominal(text: string, toks: readonly { start: number; end: number }[], k: number, tag: Tagger): boolean {
  if (k + 1 >= toks.length) return false;
  const next = toks[k + 1];
  let t = '';
  if (k + 2 < toks.length && toks[k + 2].end - next.start <= 4) t = tagOfWord(tag, text.slice(next.start, toks[k + 2].end));
  if (!t) t = tagOfWord(tag, text.slice(next.start, next.end));
  return !t || NOMINAL_TAGS.has(t) || t === 'a' || t === 'b' || t === 'vn' || t === 'an';
}

/** Whether the model's token after the particle (k) looks like a complement: a degree word, or a word that ends its clause. */
function complementShape(text: string, toks: readonly { start: number; end: number }[], k: number): boolean {
  if (k + 1 >= toks.length) return false;
  const next = toks[k + 1];
  return DEGREE.has(text.slice(next.start, next.end)) || DEGREE.has(text[next.start]) || CLAUSE_END.has(text[next.end] ?? '');
}

export default defineCheck({
  meta: {
    id: 'typo-de',
    category: 'typo',
    defaultSeverity: 'notice',
    indicator: TYPO_INDICATOR,
    description: {
      'zh-CN':
        '查“的、地、得”误用：状语后、动词前用“地”（认真地学习），动词或形容词后、补语前用“得”（做得很好），定语后、名词前用“的”（美丽的城市）。词语三元语言模型（libime lm_sc，LGPL-2.1+）认为换用另一个助词更通顺，且 jieba 词性显示前后词语的语法关系要求用它时，才作为提示报告。词语内部的字（目的、土地、各地、的确、获得）、书名号内、短引号内和人名旁不报。',
      en: 'Finds misused 的/地/得: 地 after an adverbial before a verb (认真地学习), 得 after a verb or adjective before a complement (做得很好), 的 after an attribute before a noun (美丽的城市). Reported as a notice where the word 3-gram model (libime lm_sc, LGPL-2.1+) finds the other particle more probable and jieba’s part-of-speech tags of the neighbouring words call for it. Characters inside words (目的, 土地, 各地, 的确, 获得), titles, short quotations and names are left alone.',
    },
    messages: {
      adverbial: {
        'zh-CN': '“{{written}}”应为“{{right}}”：修饰动词的状语后用“地”',
        en: '"{{written}}" should be "{{right}}": an adverbial before a verb takes 地',
      },
      complement: {
        'zh-CN': '“{{written}}”应为“{{right}}”：动词、形容词后接补语用“得”',
        en: '"{{written}}" should be "{{right}}": a verb or adjective before its complement takes 得',
      },
      attributive: {
        'zh-CN': '“{{written}}”应为“{{right}}”：名词前的定语后用“的”',
        en: '"{{written}}" should be "{{right}}": an attribute before a noun takes 的',
      },
    },
  },

  run(ctx: CheckContext) {
    const model = ctx.languageModel;
    const seg = ctx.segmenter;
    if (!model || !seg?.tag) return;
    const text = ctx.model.text;
    const lockedWhole = wholeLockTest(model, text, ctx.model.footer);
    for (const s of deSlips(text, model, seg)) {
      if (lockedWhole(s.at, s.at + 1)) continue;
      // The finding holds the word before the particle too (认真的 → 认真地): a reviewer reads the slip in
      // its phrase, and 忽略 then leaves this phrase alone, not every 的 of the site.
      const before = windowTokens(model, text, Math.max(0, s.at - 8), s.at);
      const last = before[before.length - 1];
      const start = last && /\p{Script=Han}/u.test(text[last.start]) ? last.start : s.at;
      ctx.report({
        messageId: s.rule,
        data: { written: s.written, right: s.right },
        start,
        end: s.at + 1,
        suggestion: text.slice(start, s.at) + s.right,
        kind: s.rule,
      });
    }
    ctx.checkBudget();
  },
});
