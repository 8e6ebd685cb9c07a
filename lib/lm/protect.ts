/**
 * What the language model must not "fix": spans locked before decoding. A character is locked when it is
 *  - inside a quoted title 《…》 (a title is quoted as it was issued): at the level GUESSED, so that a slip
 *    the context rejects by far is still found (《中华任民共和国…》), the lexicons' words in it whole;
 *  - a Chinese numeral (第二/第而 is the numbers' business, and 一/以 swaps would rewrite amounts);
 *  - inside an occurrence of the project's lexicons: leaders' names, bodies (renamed and current),
 *    standard formulations and political phrases, the 公文 vocabulary and 成语 of lib/data/lexicon: at the
 *    lower level (SELF), its characters never change, but a candidate word may cover it (互联 + 往 → 互联网:
 *    the slip is the character after the word, which the word's lock must not shield); a two-character
 *    word of the 公文 vocabulary that no other list holds (市场, 国际) at the level WORD: it changes only
 *    where the context wins by far (市长经济 → 市场经济), like a word of jieba's dictionary;
 *  - inside the issuing body's abbreviation of a document number (临政办字〔2022〕49号: 临政办字);
 *  - part of a name by its shape: a common surname standing alone and the one or two single characters
 *    after it (张/国/清) where a title, 同志 or a list mark (、) stands beside them; one to three single
 *    characters before a place or organisation suffix word (…社区, …公司), or two or three before a
 *    one-character suffix standing alone (梅/树/村: a single character before 场 or 市 is a word's half);
 *  - a name by its place: one to three pieces after a title (主任景耀平), a short list item of pieces
 *    between 、 marks (骆德刚、朱斌红等), a firm's name before 有限公司 (鑫源纺织有限公司: 字号 and 行业);
 *    the names guessed from a suffix or a list are locked at the level GUESSED too (棚互区 → 棚户区);
 *  - an administrative level character on its own (不出县, 驻村), at the level WORD: the level's noun;
 *  - inside a short quotation “…” of at most 8 characters (writers quote the terms they coin: “非粮化”), at
 *    the level GUESSED (“漪带一路” → 一带一路);
 *  - in the page's footer (页面底部功能区: sponsors, addresses, 公网安备 and ICP numbers — names and codes);
 *  - in a paragraph written in traditional characters (lib/data/confusion/traditional.json: 國 is no slip for 国);
 *  - a site-identification term anywhere (公网安备, 网站标识码, ICP备案 …: the indicators' own words).
 */
import { GUESSED, SELF, WHOLE, WORD } from './locks';
import lexiconData from '../data/lexicon/near-miss-lexicon.json';
import surnameData from '../data/surnames.json';
import { traditionalCounts, writtenTraditional } from '../text/traditional';
import formulations from '../data/rules/formulations.json';
import leaders from '../data/rules/leaders.json';
import phrases from '../data/rules/political-phrases.json';
import bodies from '../data/rules/renamed-bodies.json';
import { lexiconPool, type PatternMatcher } from '../text/pattern-pool';
import { BREAK, isHanCode as isHan, segmentText } from './detect';
import { segment, type Token } from './lattice';
import { UNK, type LanguageModel } from './model';

const NUMERALS = new Set([...'〇零一二三四五六七八九十百千万亿两']);
const SURNAMES = new Set<string>(surnameData.surnames);
/**
 * Suffixes after which the characters before are a proper name (places, communities, scenic spots, firms,
 * organisations): the name is what it is, whatever a model would prefer.
 */
const NAME_SUFFIXES = [
  '省',
  '市',
  '县',
  '区',
  '镇',
  '乡',
  '村',
  '屯',
  '街道',
  '社区',
  '小区',
  '路',
  '街',
  '巷',
  '大道',
  // Addresses: 少岷南路, 人民东路.
  '东路',
  '西路',
  '南路',
  '北路',
  '中路',
  '山',
  '峰',
  '岭',
  '湖',
  '河',
  '江',
  '溪',
  '湾',
  '岛',
  '桥',
  '寺',
  '庙',
  '园',
  '公司',
  '集团',
  // A firm's name is 字号 + 行业 + 组织形式 (企业名称登记管理规定); written without 公司 in lists of products and
  // suppliers (康悦医疗丁腈手套, 海王优品), the 行业 word alone marks the 字号 before it.
  '医疗',
  '科技',
  '药业',
  '制药',
  '实业',
  '生物',
  '电子',
  '电器',
  '食品',
  '物流',
  '商贸',
  '置业',
  '股份',
  '厂',
  '矿',
  '站',
  '港',
  '场',
  '馆',
  '店',
  '市场',
  '广场',
  '公园',
  '景区',
  '中心',
  '医院',
  '学校',
  '小学',
  '中学',
  '大学',
  '银行',
  '宾馆',
  '酒店',
  '合作社',
  '协会',
  '商会',
  // A body its members form (共同体, 联合体), abbreviated from two of its words (医共体: 医疗卫生共同体, 医联体).
  '体',
];
const SUFFIX_SET = new Set(NAME_SUFFIXES);
/** The longest name suffix (合作社). */
const SUFFIX_MAX = Math.max(...NAME_SUFFIXES.map((w) => w.length));
/** Words beside a person's name: titles and forms of address (县长吴海宏, 吴海宏同志). */
const TITLES = [
  '同志',
  '书记',
  '副书记',
  '主任',
  '副主任',
  '县长',
  '副县长',
  '市长',
  '副市长',
  '省长',
  '副省长',
  '区长',
  '副区长',
  '镇长',
  '乡长',
  '局长',
  '副局长',
  '厅长',
  '处长',
  '科长',
  '部长',
  '主席',
  '副主席',
  '委员',
  '常委',
  '总理',
  '院长',
  '校长',
  '所长',
  '站长',
  '队长',
  '经理',
  '董事长',
  '主持',
  '代表',
  '记者',
  '通讯员',
  '先生',
  '女士',
  '老师',
  '教授',
  '组长',
  '秘书长',
  '检察长',
  '庭长',
  '政委',
  '主编',
  '负责人',
];
const SHORT_QUOTE = 8;
/** The forms of a limited company (公司法): its name before them is a name, 字号 and 行业 (企业名称登记管理规定). */
const FIRM_FORM = /有限(?:责任)?公司/g;
/** How far back a firm's name before its form is taken (河南鑫源纺织: place, 字号, 行业). */
const FIRM_NAME_MAX = 8;
const TITLE_RE = new RegExp([...TITLES].sort((a, b) => b.length - a.length).join('|'), 'g');
/** Particles and prepositions that follow a title without a name (总书记的…, 主任和…, 局长在…). */
const NOT_A_NAME_START = new Set([...'的地得了着过和与及或在是对把被将从为向'].map((c) => c.charCodeAt(0)));
/** The indicators' identification terms, printed beside codes (京公网安备 11010502000001号). */
const IDENTIFICATION_TERMS = [
  '公网安备',
  '公安备案',
  '公安机关备案',
  '网站标识码',
  '政府网站标识码',
  '标识码',
  'ICP备',
  '备案号',
  '备案编号',
  '主办单位',
  '承办单位',
  '技术支持',
  '版权所有',
  '党政机关',
];

let lexiconWords: { listed: string[]; vocabulary: string[] } | undefined;

/**
 * The words of the project's lexicons (`listed`: leaders, bodies, formulations, phrases, identification
 * terms, 成语, 公文 terms), and apart from them (`vocabulary`) the two-character 公文 words that no other list holds (市场,
 * 国际: common words, where a slip makes another one).
 */
function lexiconList(): { listed: string[]; vocabulary: string[] } {
  if (lexiconWords) return lexiconWords;
  const words = new Set<string>();
  const add = (w: unknown) => {
    if (typeof w === 'string' && w.length >= 2) words.add(w);
  };
  for (const l of leaders.entries) add(l.name);
  for (const b of bodies.entries as Array<{ old: string; new: string; newProvincial?: string }>) {
    add(b.old);
    add(b.new);
    add(b.newProvincial);
  }
  for (const f of formulations.entries as Array<{ kind: string; right?: string; members?: string[][] }>) {
    add(f.right);
    for (const m of f.members ?? []) for (const w of m) add(w);
  }
  for (const t of IDENTIFICATION_TERMS) add(t);
  for (const p of phrases.entries as Array<{ phrase: string; alsoCorrect?: string[] }>) {
    add(p.phrase);
    for (const w of p.alsoCorrect ?? []) add(w);
  }
  for (const [all, n] of [
    [lexiconData.idioms, 4],
    [lexiconData.terms, 4],
  ] as const) {
    for (let i = 0; i + n <= all.length; i += n) words.add(all.slice(i, i + n));
  }
  const vocabulary = new Set<string>();
  for (let i = 0; i + 2 <= lexiconData.pairs.length; i += 2) {
    const w = lexiconData.pairs.slice(i, i + 2);
    if (!words.has(w)) vocabulary.add(w);
  }
  lexiconWords = { listed: [...words], vocabulary: [...vocabulary] };
  return lexiconWords;
}

/**
 * The lexicon as the model sees it: a flag per vocabulary id for the words the model knows (found as its
 * tokens, no scan), and a list of the lexicons' pattern pool for the others (long formulations, names and
 * terms it lacks). Built once per model (an automaton over all 30,000 words matched nearly every position of
 * a page); the pool keeps the list for its life, as a host keeps its one model.
 */
const lexicons = new WeakMap<LanguageModel, { flags: Uint8Array; rest: PatternMatcher }>();

function lexiconFor(model: LanguageModel): { flags: Uint8Array; rest: PatternMatcher } {
  let lex = lexicons.get(model);
  if (lex) return lex;
  // Per vocabulary id: SELF for a word of the lexicons, WORD for a 公文 word no other list holds.
  const flags = new Uint8Array(model.size);
  const rest: string[] = [];
  const { listed, vocabulary } = lexiconList();
  for (const [words, level] of [
    [listed, SELF],
    [vocabulary, WORD],
  ] as const) {
    for (const w of words) {
      const id = model.id(w);
      if (id >= 0) flags[id] = level;
      else rest.push(w);
    }
  }
  lex = { flags, rest: lexiconPool.add(rest) };
  lexicons.set(model, lex);
  return lex;
}

/** Per vocabulary id of `model`: SELF for a word of the project's lexicons, WORD for a 公文 word no other list holds, else 0. */
export function lexiconFlags(model: LanguageModel): Uint8Array {
  return lexiconFor(model).flags;
}

/**
 * Per UTF-16 code: numeral, a bracket opening a document number's year, a common surname, the first
 * character of a name suffix (bit flags): most positions are passed over on one read.
 */
const NUMERAL = 1;
const OPENING = 2;
const SURNAME = 4;
const SUFFIX_FIRST = 8;
const LEVEL = 16;
/**
 * The characters of administrative levels. Official writing uses each alone as a noun (大病不出县, 驻村, 跨省通办,
 * 县乡村三级): one the segmentation leaves on its own is read as that noun, and changed (出县了 → 出现了) only where
 * the context wins by far, as a 公文 word is (WORD; 小病在基层、大病不出县 → 出现: 3.42; 出县了新问题: 9.89). Its
 * neighbour may still change (浓村 → 农村).
 */
export const LEVELS = '省市县区乡镇村';
const CHAR_CLASS = new Uint8Array(65536);
for (const c of NUMERALS) CHAR_CLASS[c.charCodeAt(0)] |= NUMERAL;
for (const c of '〔【[［') CHAR_CLASS[c.charCodeAt(0)] |= OPENING;
for (const c of SURNAMES) CHAR_CLASS[c.charCodeAt(0)] |= SURNAME;
for (const w of NAME_SUFFIXES) CHAR_CLASS[w.charCodeAt(0)] |= SUFFIX_FIRST;
for (const c of LEVELS) CHAR_CLASS[c.charCodeAt(0)] |= LEVEL;

export { GUESSED, SELF, WHOLE, WORD } from './locks';

/** The model's segmentation of a text, per UTF-16 offset. */
export interface Segmentation {
  /** 1 where a token starts, and at text.length. */
  cut: Uint8Array;
  /** 1 where a Chinese character is a token of its own. */
  single: Uint8Array;
  /** The vocabulary id of the token starting at i (UNK where it is unknown or none starts). */
  idAt: Int32Array;
}

/** The model's segmentation of `text` as a per-offset view. */
export function segmentation(model: LanguageModel, text: string): Segmentation {
  const { starts, ids, count } = segmentText(model, text);
  const cut = new Uint8Array(text.length + 1);
  const single = new Uint8Array(text.length);
  const idAt = new Int32Array(text.length).fill(UNK);
  cut[text.length] = 1;
  for (let k = 0; k < count; k++) {
    const s0 = starts[k];
    cut[s0] = 1;
    idAt[s0] = ids[k] >= 0 ? ids[k] : UNK;
    if (starts[k + 1] - s0 === 1 && ids[k] !== BREAK) single[s0] = 1;
  }
  return { cut, single, idAt };
}

/**
 * Locks of `text`, one byte per UTF-16 unit (0 free, SELF: must not change, WHOLE: no proposal covers it,
 * GUESSED: only a proposal that wins by far covers it),
 * from the model's segmentation (names are runs of one-character pieces; a lexicon word counts where its
 * ends fall on the segmentation's cuts); `footer` is the page's footer range.
 */
export function lockedSpans(model: LanguageModel, text: string, seg: Segmentation, footer?: { start: number; end: number }): Uint8Array {
  const single = (i: number) => seg.single[i] === 1;
  const cut = (i: number) => seg.cut[i] === 1;
  const locked = new Uint8Array(text.length);
  const lock = (a: number, b: number) => locked.fill(WHOLE, Math.max(0, a), Math.min(text.length, b));
  const keep = (a: number, b: number, level: number = SELF) => {
    for (let i = Math.max(0, a); i < Math.min(text.length, b); i++) if (!locked[i] || (locked[i] === WORD && level === SELF)) locked[i] = level;
  };
  // A guessed name: a character the lexicons keep (SELF, WORD) is locked whole, as a name would be.
  const guess = (a: number, b: number) => {
    for (let i = Math.max(0, a); i < Math.min(text.length, b); i++)
      locked[i] = locked[i] === 0 ? GUESSED : locked[i] === SELF || locked[i] === WORD ? WHOLE : locked[i];
  };
  /** Locks the run of Chinese characters (up to 12) that ends at `end`: a document number's issuing body. */
  const lockBefore = (end: number) => {
    let s = end;
    while (s > 0 && end - s < 12 && isHan(text.charCodeAt(s - 1))) s--;
    lock(s, end);
  };
  if (footer) lock(footer.start, footer.end);
  // A form's document number left blank (临市机发　号): the issuing body before the blank.
  for (const m of text.matchAll(/[ \u3000]+号/g)) lockBefore(m.index);
  // A paragraph written in traditional characters inside a simplified page (a quoted old text): the model,
  // trained on simplified Chinese, would read each of them as a slip (國 → 国). A page written in them as a
  // whole never gets here: the text model folds it back to simplified (lib/text/traditional.ts).
  for (let a = 0; a < text.length; ) {
    let b = text.indexOf('\n', a);
    if (b < 0) b = text.length;
    const { han, trad } = traditionalCounts(text, a, b);
    if (writtenTraditional(han, trad)) lock(a, b);
    a = b + 1;
  }
  // A lexicon word locks where the text has it as a word: a token the model reads, or a longer match whose
  // ends fall on the segmentation's cuts (定量 inside 稳定量食 is no word of that text: 量 may be a slip).
  const lex = lexiconFor(model);
  for (let i = 0; i < text.length; i++) {
    const id = seg.idAt[i];
    if (id >= 0 && lex.flags[id]) {
      let e = i + 1;
      while (e < text.length && !seg.cut[e]) e++;
      keep(i, e, lex.flags[id]);
    }
  }
  lex.rest.forEachMatch(text, (start, end) => {
    if (cut(start) && cut(end)) keep(start, end);
  });
  // 《titles》, without crossing a paragraph: quoted as issued, so a slip there needs a clear win (the
  // lexicons' words in a title are locked whole).
  for (let i = text.indexOf('《'); i !== -1; i = text.indexOf('《', i + 1)) {
    const close = text.indexOf('》', i + 1);
    const nl = text.indexOf('\n', i + 1);
    if (close !== -1 && (nl === -1 || close < nl)) guess(i + 1, close);
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const cls = CHAR_CLASS[code];
    if (!cls) continue;
    if (cls & NUMERAL) keep(i, i + 1); // the numeral stays, a word around it may still be proposed (一往无前)
    // Document numbers: the Chinese characters right before 〔2022〕 / 【2021】 / [2019], or before the blank
    // year of a form (临市机发〔　〕号).
    if (cls & OPENING && /^(?:\d{4}|[ \u3000]*)[〕】\]］]/.test(text.slice(i + 1, i + 6))) lockBefore(i);
    if (!(cls & SURNAME) || !single(i)) continue;
    // A surname on its own and the single characters after it, beside a title or in a list: a person's name.
    if (i + 1 < text.length && isHan(text.charCodeAt(i + 1)) && single(i + 1)) {
      const end = i + (i + 2 < text.length && isHan(text.charCodeAt(i + 2)) && single(i + 2) ? 3 : 2);
      if (besideName(text, i, end)) lock(i, end);
    }
  }
  // After a title (主任景耀平) or before 同志: one to three single characters are a name, whatever the surname.
  for (const m of text.matchAll(TITLE_RE)) {
    const s0 = m.index! + m[0].length;
    if (NOT_A_NAME_START.has(text.charCodeAt(s0))) continue; // 总书记的党中央: a particle, not a name
    let e = s0;
    while (e < text.length && e - s0 < 3 && isHan(text.charCodeAt(e)) && single(e)) e++;
    if (e - s0 >= 2) lock(s0, e);
  }
  // Short items of a list (张勤勇、胡燕、骆德刚等; 仙寓山、洪方、永正): two to four characters between list
  // marks, all of them pieces to the model, are names of people or places.
  for (let i = 0; i < text.length; ) {
    if (!isHan(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && isHan(text.charCodeAt(j))) j++;
    const listed = text[i - 1] === '、' || text[j] === '、';
    if (listed && j - i >= 2 && j - i <= 4) {
      let pieces = 0;
      for (let k = i; k < j; k++) if (single(k)) pieces++;
      if (pieces >= j - i - 1) guess(i, j);
    }
    i = j;
  }
  // “Coined terms”: short quotations.
  for (let i = text.indexOf('“'); i !== -1; i = text.indexOf('“', i + 1)) {
    const close = text.indexOf('”', i + 1);
    if (close !== -1 && close - i - 1 <= SHORT_QUOTE && !text.slice(i + 1, close).includes('\n')) guess(i + 1, close);
  }
  // A firm's registered name before 有限公司 / 有限责任公司 (字号 + 行业: 鑫源纺织有限公司): up to eight characters
  // back, to a mark or a particle (中标单位为河南鑫源纺织有限公司).
  for (const m of text.matchAll(FIRM_FORM)) {
    let s = m.index;
    while (s > 0 && m.index - s < FIRM_NAME_MAX && isHan(text.charCodeAt(s - 1)) && !NOT_A_NAME_START.has(text.charCodeAt(s - 1))) s--;
    if (m.index - s >= 2) guess(s, m.index);
  }
  // Names before a suffix: single characters right before 社区, 公司 … (one to three) or a lone 村 (two or three).
  for (let i = 1; i < text.length; i++) {
    if (!(CHAR_CLASS[text.charCodeAt(i)] & SUFFIX_FIRST)) continue;
    // The suffix's length: two characters or more, else one (a lone 村, a piece of its own).
    let word = 0;
    for (let n = 2; n <= SUFFIX_MAX && !word; n++) if (i + n <= text.length && SUFFIX_SET.has(text.slice(i, i + n))) word = n;
    if (!word && SUFFIX_SET.has(text[i]) && single(i)) word = 1;
    if (!word) continue;
    let s = i;
    while (s > 0 && i - s < 3 && isHan(text.charCodeAt(s - 1)) && single(s - 1)) s--;
    if (i - s >= (word === 1 ? 2 : 1)) guess(s, i);
  }
  // Last, so that a guess above stays a guess (社会主义市/市场经济: the lone 市 before the suffix 市场): a level
  // character on its own is the level's noun (不出县, 驻村), changed only by a clear win.
  for (let i = 0; i < text.length; i++) if (CHAR_CLASS[text.charCodeAt(i)] & LEVEL && single(i)) keep(i, i + 1, WORD);
  return locked;
}

/**
 * Whether a title or 同志 stands right before text[start] or right after text[end - 1], or the run stands
 * alone between marks (、吴海宏、 in a list of names).
 */
function besideName(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 4), start);
  const after = text.slice(end, end + 4);
  if (TITLES.some((t) => before.endsWith(t) || after.startsWith(t))) return true;
  const open = start === 0 || '、，,：:（(\n 　'.includes(before[before.length - 1]);
  const close = end >= text.length || '、，,。；;）)\n 　'.includes(after[0]);
  return open && close;
}

let cachedSeg: { model: LanguageModel; text: string; seg: Segmentation } | undefined;

/** The model's segmentation of `text`, kept for the last text (the checks of one scan share it). */
export function segmentationOf(model: LanguageModel, text: string): Segmentation {
  if (cachedSeg && cachedSeg.model === model && cachedSeg.text === text) return cachedSeg.seg;
  const seg = segmentation(model, text);
  cachedSeg = { model, text, seg };
  return seg;
}

/**
 * The model's segmentation of text[from, to) (a window of the checks that read a few words around a slip),
 * as `segment` gives it. Where both ends fall on cuts of the whole text's segmentation and the window is all
 * Chinese, it is read from that: the whole text's best reading passes through both ends, so its part between
 * them is a best reading of the window (the same unigram programme, the same order of ties). Else the
 * window's own. On the work reports two windows in three of typo-de and typo-missing-char (7,300 of 10,800 a
 * pass) are read so, where each took a segmentation of its own.
 */
export function windowTokens(model: LanguageModel, text: string, from: number, to: number): Token[] {
  const { cut, idAt } = segmentationOf(model, text);
  if (cut[from] !== 1 || cut[to] !== 1) return segment(model, text, from, to);
  for (let p = from; p < to; p++) if (!isHan(text.charCodeAt(p))) return segment(model, text, from, to);
  const out: Token[] = [];
  for (let s = from; s < to; ) {
    let e = s + 1;
    while (cut[e] !== 1) e++;
    out.push({ start: s, end: e, id: idAt[s] });
    s = e;
  }
  return out;
}

/**
 * A test of whether [start, end) of `text` has a character locked whole (a traditional paragraph in a simplified
 * page, the footer, a name, a 《title》, a document number), for the checks that drop such a finding
 * (typo-missing-char, typo-extra-char, typo-de). The locks are the model's, shared with typo-context, and
 * made on the first question: a check asks only once it has a slip.
 */
export function wholeLockTest(model: LanguageModel, text: string, footer?: { start: number; end: number }): (start: number, end: number) => boolean {
  let mask: Uint8Array | undefined;
  return (start, end) => {
    mask ??= protectedMask(model, text, footer);
    for (let p = start; p < end; p++) if (mask[p] === WHOLE) return true;
    return false;
  };
}

let cached: { model: LanguageModel; text: string; footer?: { start: number; end: number }; mask: Uint8Array } | undefined;

/**
 * The locks of `text` with the model's own segmentation: the protections every check that proposes
 * corrections applies (typo-context, typo-fragment; typo-missing-char, typo-extra-char and typo-de their
 * whole locks). The last text's mask is kept: the checks of one scan share it.
 */
export function protectedMask(model: LanguageModel, text: string, footer?: { start: number; end: number }): Uint8Array {
  if (cached && cached.model === model && cached.text === text && cached.footer?.start === footer?.start && cached.footer?.end === footer?.end)
    return cached.mask;
  const mask = lockedSpans(model, text, segmentationOf(model, text), footer);
  cached = { model, text, footer, mask };
  return mask;
}
