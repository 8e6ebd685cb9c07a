import { describe, expect, it } from 'vitest';
import { loadNodeLanguageModel } from '../../../cli/node-language-model';
import { confusableCodes, confusionKind } from '../../../lib/lm/confusion-index';
import {
  BREAK,
  DEFAULT_PARAMS,
  Decisions,
  detect,
  forgetWordCandidates,
  speaksAgainst,
  vocabularyNeighbours,
  wildcardIndex,
  wordHomophoneTable,
} from '../../../lib/lm/detect';
import { homophonesOf, otherTone } from '../../../lib/lm/homophones';
import { segment } from '../../../lib/lm/lattice';
import { GUESSED, lexiconFlags, lockedSpans, protectedMask, segmentation, SELF, WHOLE, windowTokens, WORD } from '../../../lib/lm/protect';
import { buildDevSet } from '../../../scripts/devset';

const model = loadNodeLanguageModel();
const code = (c: string) => c.charCodeAt(0);

/**
 * Locks of a text, one entry per character: the character when locked whole, [c] when it must only keep
 * itself (SELF), {c} in a guessed name (GUESSED), (c) in a word of the 公文 vocabulary (WORD), · when free.
 */
function lockList(text: string): string[] {
  const l = lockedSpans(model, text, segmentation(model, text));
  const shown = (c: string, lock: number) => (lock === WHOLE ? c : lock === SELF ? `[${c}]` : lock === GUESSED ? `{${c}}` : lock === WORD ? `(${c})` : '·');
  return [...text].map((c, i) => shown(c, l[i]));
}
const locks = (text: string): string => lockList(text).join('');
/** The detector's proposals over `text` with the scan's locks, as [word, gain]. */
const propose = (text: string, params = DEFAULT_PARAMS) =>
  detect(model, text, params, protectedMask(model, text), lexiconFlags(model)).map((p) => [p.word, p.margin] as const);

describe('confusion index', () => {
  it('knows the kind of a pair, both ways, cheapest first', () => {
    expect(confusionKind(code('在'), code('再'))).toBe(1); // same sound and tone
    expect(confusionKind(code('再'), code('在'))).toBe(1);
    expect(confusionKind(code('在'), code('仔'))).toBe(2); // other tone
    expect(confusionKind(code('腔'), code('控'))).toBe(3); // similar shape
    expect(confusionKind(code('在'), code('水'))).toBe(0);
    expect([...confusableCodes(code('在'))]).toContain(code('再'));
  });

  it('finds the words one confusable character away from a stretch of text', () => {
    const found: string[] = [];
    wildcardIndex(model).around(
      '加强环镜保护',
      3,
      0,
      6,
      () => true,
      (s, e, id) => found.push(`${s}-${e}:${model.words[id]}`),
    );
    expect(found).toContain('2-4:环境');
    expect(found.every((f) => !f.endsWith(':环镜'))).toBe(true);
  });

  it('finds exactly what a scan of the whole vocabulary finds (hashed chains and the two-character lookup alike)', () => {
    // Common characters (long chains: 大?, ?化, 国?) and rare ones, at every place of spans of 2–4.
    const texts = ['国家大化工', '加强环镜保护', '推进城镇化建设', '老年人服务中心', '稳中求进工作总基调'];
    const vocab = model.words.map((w, id) => ({ w, id })).filter(({ w }) => w.length >= 2 && w.length <= 4);
    for (const text of texts) {
      for (let at = 0; at < text.length; at++) {
        const got: string[] = [];
        wildcardIndex(model).around(
          text,
          at,
          0,
          text.length,
          () => true,
          (s, e, id, kind) => got.push(`${s}-${e}:${model.words[id]}:${kind}`),
        );
        const want: string[] = [];
        for (const { w, id } of vocab) {
          for (let s = Math.max(0, at - w.length + 1); s <= at && s + w.length <= text.length; s++) {
            let same = true;
            for (let k = 0; k < w.length && same; k++) if (s + k !== at && w[k] !== text[s + k]) same = false;
            const kind = confusionKind(text.charCodeAt(at), w.charCodeAt(at - s));
            if (same && kind) want.push(`${s}-${s + w.length}:${model.words[id]}:${kind}`);
          }
        }
        expect(got.sort(), `${text} @${at}`).toEqual(want.sort());
        if (text === '国家大化工' && at === 3) expect(want.length).toBeGreaterThan(5);
      }
    }
  });
  it('leaves no confusable of one call to the next, even a call its callback cut short', () => {
    const idx = wildcardIndex(model);
    const found = (text: string, at: number) => {
      const out: string[] = [];
      idx.around(
        text,
        at,
        0,
        text.length,
        () => true,
        (s, e, id) => out.push(`${s}-${e}:${model.words[id]}`),
      );
      return out.sort();
    };
    const before = found('加强环境保护', 3);
    // 镜 and 境 sound alike: a call on 镜 marks 境, then its callback throws at the first word found.
    expect(() =>
      idx.around(
        '加强环镜保护',
        3,
        0,
        6,
        () => true,
        () => {
          throw new Error('budget');
        },
      ),
    ).toThrow('budget');
    // On 境 itself the words need a confusable of 境, never 境 (which a mark left from 镜 would let through).
    const after = found('加强环境保护', 3);
    expect(after).toEqual(before);
    expect(after.every((f) => !f.endsWith(':环境'))).toBe(true);
  });
});

describe('protections (lib/lm/protect.ts)', () => {
  // Each row names what must be locked whole (no proposal may cover it).
  it.each([
    ['a person beside a title', '县长吴海宏主持', '吴海宏'],
    ["a document number's issuing body", '临政办字〔2022〕49号', '临政办字〔'],
    ["a form's document number left blank", '临府办明电〔2019〕80 号 临市机发 号', '临市机发'],
    ["a form's document number, its year left blank", '临市机发〔　〕号', '临市机发〔'],
  ])('%s', (_name, text, expected) => {
    // Han characters of `expected` are all locked as a whole; its marks are shown as they are.
    const at = text.indexOf(expected);
    const want = [...expected].map((c) => (/\p{Script=Han}/u.test(c) ? c : '·'));
    expect(lockList(text).slice(at, at + expected.length)).toEqual(want);
  });

  it('a word of the lexicons keeps its characters, but a proposal may cover it (互联 in 互联往 → 互联网)', () => {
    // The lexicons lock their words at the lower level: their characters never change (全面从严治党, a
    // formulation), while a candidate word that only extends them stays possible. An ordinary two-character
    // word of the 公文 vocabulary (印发, 通知) is locked as WORD: see the next test.
    expect(locks('全面从严治党')).toBe('[全][面][从][严][治][党]');
    expect(lockList('印发《加强环镜保护》的通知').slice(0, 2)).toEqual(['(印)', '(发)']);
    expect(detect(model, '加强和改进互联往管理', DEFAULT_PARAMS, protectedMask(model, '加强和改进互联往管理')).map((p) => p.word)).toEqual(['互联网']);
  });

  it('a numeral stays, but a word around it may still be proposed', () => {
    expect(locks('第二次会议').slice(0, 5)).toBe('·[二]·');
    expect(locks('一切工作')).toBe('[一](切)(工)(作)'); // inside a word of the vocabulary too
  });

  it('a common word of the 公文 vocabulary gives way to another one only where the context wins by far (市长经济 → 市场经济)', () => {
    // An input method turns one word of the vocabulary into another (市场 → 市长, 国际 → 国籍): both are
    // common, so the word branch tries such a word whatever its frequency, only into another word of the
    // lexicons, and only by nameMargin.
    const propose = (t: string, params = DEFAULT_PARAMS, withLexicons = true) =>
      detect(model, t, params, protectedMask(model, t), withLexicons ? lexiconFlags(model) : undefined).map((p) => p.word);
    const text = '加快完善社会主义市长经济体制';
    expect(locks(text)).toContain('(市)(长)');
    expect(propose(text)).toEqual(['市场']);
    expect(propose('积极应对国籍金融危机的冲击')).toEqual(['国际']);
    expect(propose(text, { ...DEFAULT_PARAMS, nameMargin: Infinity })).toEqual([]);
    expect(propose(text, DEFAULT_PARAMS, false)).toEqual([]); // without the lexicons, a common word stays
    // Correct text keeps its words: no word of the vocabulary is proposed here.
    expect(propose('加快完善社会主义市场经济体制，积极应对国际金融危机的冲击')).toEqual([]);
  });

  it('knows, for each word of the vocabulary, the lexicon words one confusable character away (what the wildcard index finds)', () => {
    const flags = lexiconFlags(model);
    const table = vocabularyNeighbours(model, flags);
    const quads = (a: Int32Array | undefined) => {
      const out: string[] = [];
      for (let q = 0; a && q < a.length; q += 4) out.push(`${a[q]}:${model.words[a[q + 1]]}:${a[q + 2]}`);
      return out.sort();
    };
    expect(quads(table.get(model.id('市长'))).some((q) => q.startsWith('1:市场:'))).toBe(true);
    // Against the wildcard index over the whole vocabulary, kept to the lexicons' words: the same pairs.
    let compared = 0;
    for (let id = 0; id < flags.length && compared < 300; id++) {
      if (flags[id] !== WORD || model.words[id].length !== 2) continue;
      const w = model.words[id];
      const want: string[] = [];
      for (let at = 0; at < 2; at++)
        wildcardIndex(model).around(
          w,
          at,
          0,
          2,
          (s, e) => s === 0 && e === 2,
          (_s, _e, wid, kind) => {
            if (flags[wid]) want.push(`${at}:${model.words[wid]}:${kind}`);
          },
        );
      expect(quads(table.get(id))).toEqual(want.sort());
      compared++;
    }
    expect(compared).toBe(300);
  });

  it('a guessed name or a word of the vocabulary gives way below nameMargin where every side speaks against it (fitMargin)', () => {
    // 经纪 pairs with neither 推进 nor 结构, 经济 with both: a gain of about 4.3 is enough.
    const [[word, margin]] = propose('加快推进经纪结构调整');
    expect(word).toBe('经济');
    expect(margin).toBeGreaterThanOrEqual(DEFAULT_PARAMS.fitMargin);
    expect(margin).toBeLessThan(DEFAULT_PARAMS.nameMargin);
    expect(propose('加快推进经纪结构调整', { ...DEFAULT_PARAMS, fitMargin: Infinity })).toEqual([]);
    expect(propose('保障适龄儿童接受义乌教育').map(([w]) => w)).toEqual(['义务']);
    // The city keeps its name where it is one.
    expect(propose('浙江义乌小商品市场')).toEqual([]);
    expect(propose('义乌市经济发展')).toEqual([]);
  });

  it('a proposal over a whole token needs fitDiscount less than the margin where every side speaks against the token', () => {
    // 玄 pairs with neither 生活 nor 很, 还 with both: a gain of about 2.9, below the margin.
    const [[word, margin]] = propose('部分农民的生活玄很困难');
    expect(word).toBe('还');
    expect(margin).toBeLessThan(DEFAULT_PARAMS.margin);
    expect(margin).toBeGreaterThanOrEqual(DEFAULT_PARAMS.margin - DEFAULT_PARAMS.fitDiscount);
    expect(propose('部分农民的生活玄很困难', { ...DEFAULT_PARAMS, fitDiscount: 0 })).toEqual([]);
    // The discount follows the margin: a stricter margin asks more of a fitting proposal too.
    expect(propose('部分农民的生活玄很困难', { ...DEFAULT_PARAMS, margin: 4 })).toEqual([]);
    // A whole-word homophone and a single character between two words.
    expect(propose('加快经济结构幼滑升级').map(([w]) => w)).toEqual(['优化']);
    expect(propose('加强基础研究盒能力建设').map(([w]) => w)).toEqual(['和']);
    // Correct text: the model reads 已耕的土地 (tilled land, a 1955 report) as 已更 at a gain of 2.68, the highest
    // of a fitting proposal on correct text measured, just below.
    expect(propose('我国的人口很多，但已耕的土地还很少')).toEqual([]);
  });

  it('reads the context against a written token only when it pairs with no neighbour and the proposal with each', () => {
    const id = (w: string) => model.id(w);
    expect(speaksAgainst(model, id('加强'), id('纸业'), id('技能'), id('职业'))).toBe(true);
    expect(speaksAgainst(model, id('加强'), id('纸业'), id('集团'), id('职业'))).toBe(false); // 纸业集团 is known
    expect(speaksAgainst(model, id('加强'), id('纸业'), BREAK, id('职业'))).toBe(true); // one neighbour decides
    expect(speaksAgainst(model, BREAK, id('纸业'), BREAK, id('职业'))).toBe(false); // none: no evidence
    expect(speaksAgainst(model, id('加强'), id('纸业'), id('技能'), -1)).toBe(false); // an unknown proposal
  });

  it('a lexicon word locks only where the text has it as a word (定量 inside 稳定量食 does not)', () => {
    expect(locks('稳定量食播种面积')).not.toMatch(/量/);
    expect(locks('稳定粮食播种面积')).toMatch(/\(稳\)\(定\)/);
  });

  it('a name guessed from a suffix or a list is covered only by a proposal that wins by far', () => {
    // Single characters before 区 and in a short list item are names by their place, not by themselves:
    // a real name keeps its lock (康悦医疗, gain 3.8), a slip that the context rejects clearly does not.
    expect(locks('更大规模加快棚互区改造')).toContain('{棚}{互}');
    // A suffix of three characters (合作社) marks the name before it as the shorter ones do.
    expect(locks('成立了鑫垚合作社')).toContain('{鑫}{垚}');
    // A short quotation is a coined term (“非粮化”), but a slip of a known one is still found.
    expect(locks('防止“非量化”倾向')).toBe('(防)(止)·{非}量化·(倾)(向)'); // 量化: a lexicon word, whole
    expect(detect(model, '扎实推进“漪带一路”建设', DEFAULT_PARAMS, protectedMask(model, '扎实推进“漪带一路”建设')).map((p) => p.word)).toEqual(['一带']);
    // A 《title》 is quoted as issued, but a slip the context rejects by far is the page's own.
    expect(locks('印发《加强环镜保护》的通知')).toBe('(印)(发)·加强{环}{镜}保护··(通)(知)');
    expect(locks('张勤勇、胡燕、骆德刚等')).toBe('张勤勇·胡燕·{骆}{德}{刚}{等}'); // 胡燕: a surname beside list marks, a name whole
    const slip = '更大规模加快棚互区改造';
    expect(detect(model, slip, DEFAULT_PARAMS, protectedMask(model, slip)).map((p) => p.word)).toEqual(['棚户区']);
    expect(detect(model, slip, { ...DEFAULT_PARAMS, nameMargin: Infinity }, protectedMask(model, slip))).toEqual([]);
    const firm = '引进溶菌酶、康悦医疗丁腈手套等项目';
    expect(locks(firm)).toContain('{康}{悦}');
    expect(detect(model, firm, DEFAULT_PARAMS, protectedMask(model, firm)).filter((p) => p.start <= 6 && p.end > 6)).toEqual([]);
    expect(detect(model, firm, { ...DEFAULT_PARAMS, nameMargin: 0 }, protectedMask(model, firm)).some((p) => p.start <= 6 && p.end > 6)).toBe(true);
  });

  it('a particle after a title starts no name (总书记的党中杨: 的 is no given name)', () => {
    const text = '坚持以习近平同志为总书记的党中杨总揽全局';
    expect(locks(text)).not.toMatch(/的党中/);
    expect(locks('县长吴海宏主持会议')).toMatch(/吴海宏/);
    expect(detect(model, text, DEFAULT_PARAMS, protectedMask(model, text)).map((p) => p.word)).toContain('中央');
  });

  it('a surname among ordinary words is no name (严 in 依法严惩)', () => {
    expect(locks('要依法严诚、决不姑息')).not.toMatch(/诚/);
  });
});

describe('detect', () => {
  it('writes a numeral only inside a word, never beside a number (千方摆计 → 千方百计; 市二届 stays)', () => {
    const words = (t: string) => detect(model, t, DEFAULT_PARAMS, protectedMask(model, t)).map((p) => p.word);
    expect(words('特别要千方摆计增加农民收入')).toEqual(['千方百计']);
    expect(words('扎实推进漪带一路建设')).toEqual(['一带一路']);
    // 十二届 is likelier than 市二届, but it rewrites a number; 市 may also not become 十 on its own.
    expect(words('市二届人大常委会')).toEqual([]);
    expect(words('第壹，坚持用发展的办法解决问题')).toEqual([]);
  });

  it("reads a rare word of the text against its neighbour words once, and applies each place's locks there", () => {
    // 置业 twice: the word branch looks its neighbours up once (cached per word), but the locks, numerals
    // and context of each occurrence decide there.
    const text = '加强置业培训，开展置业培训和创业培训';
    const second = text.lastIndexOf('置业');
    const words = (locked?: Uint8Array) => detect(model, text, DEFAULT_PARAMS, locked).map((p) => `${p.start}:${p.word}`);
    forgetWordCandidates(model);
    expect(words()).toEqual([`2:职业`, `${second}:职业`]);
    const locked = new Uint8Array(text.length);
    locked.fill(WHOLE, 2, 4);
    expect(words(locked)).toEqual([`${second}:职业`]); // from the cache now
    locked.fill(0);
    locked[second] = SELF; // 置 must stay: 业 has no neighbour word that fits
    expect(words(locked)).toEqual(['2:职业']);
    forgetWordCandidates(model);
    expect(words(locked)).toEqual(['2:职业']); // the same when the first look-up happens under the locks
  });

  it('proposes the word the context wants, with its change and margin', () => {
    const [p] = detect(model, '我们要加强环镜保护');
    expect(p).toMatchObject({ start: 5, end: 7, word: '环境', at: 6, kind: 'sound' });
    expect(p.margin).toBeGreaterThan(DEFAULT_PARAMS.margin);
  });

  it('respects locks: a locked character is never changed', () => {
    const text = '我们要加强环镜保护';
    const all = new Uint8Array(text.length).fill(WHOLE);
    expect(detect(model, text, DEFAULT_PARAMS, all)).toEqual([]);
    expect(detect(model, text, DEFAULT_PARAMS, protectedMask(model, text)).map((p) => p.word)).toEqual(['环境']);
  });

  it('finds nothing in text without Chinese, and handles an empty text', () => {
    expect(detect(model, 'Government 2026-12-05, https://www.gov.cn/')).toEqual([]);
    expect(detect(model, '')).toEqual([]);
  });
});

describe('development set (scripts/devset.ts)', () => {
  it('is deterministic for a seed, half clean, each error where it says', () => {
    const a = buildDevSet(200);
    const b = buildDevSet(200);
    expect(a).toEqual(b);
    // 200 of the main kinds, then a tenth more for each of the glyph and homophone kinds: half clean each time.
    expect(a).toHaveLength(240);
    expect(a.filter((s) => !s.hasError)).toHaveLength(120);
    expect(a.filter((s) => s.kind === 'glyph')).toHaveLength(10);
    expect(a.filter((s) => s.kind === 'homophone')).toHaveLength(10);
    for (const s of a) {
      if (!s.hasError) expect(s.wrong).toBe(s.right);
      else expect(s.wrong).not.toBe(s.right);
      if (s.kind === 'homophone') {
        // Both characters of a two-character word changed, nothing else.
        expect(s.wrong.slice(s.at + 2)).toBe(s.right.slice(s.at + 2));
        expect(s.wrong[s.at]).not.toBe(s.right[s.at]);
        expect(s.wrong[s.at + 1]).not.toBe(s.right[s.at + 1]);
      }
      if (s.kind === 'glyph') expect([...s.wrong].filter((c, i) => c !== s.right[i])).toHaveLength(1);
    }
    expect(buildDevSet(200, 7)).not.toEqual(a);
  });
});

describe('sounds and shapes beyond the pycorrector tables', () => {
  it('pairs characters of one reading from pinyin-data (柯/科 same tone, 湖/胡 same tone, 基/技 other tone)', () => {
    expect(confusionKind(code('柯'), code('科'))).toBe(1);
    expect(confusionKind(code('胡'), code('湖'))).toBe(1);
    expect(confusionKind(code('基'), code('技'))).toBe(2);
    // Only the first (common) reading counts: 的 (de) is no partner of 堤 (dī), though 的 reads dí too.
    expect(confusionKind(code('的'), code('堤'))).toBe(0);
  });

  it('pairs characters that look alike when rendered (休/体, 己/已), as kind 4', () => {
    expect(confusionKind(code('休'), code('体'))).toBe(4);
    expect(confusionKind(code('己'), code('已'))).toBe(4);
    expect(confusionKind(code('体'), code('休'))).toBe(4); // symmetric
  });

  it('lists the two-character words of the same sounds (an input method’s offers)', () => {
    const words = [...homophonesOf(model, '鬼魔', 0)].map((id) => model.words[id]);
    expect(words).toContain('规模');
    expect(homophonesOf(model, 'ab', 0)).toHaveLength(0); // no reading, no homophones
    expect(otherTone(code('鬼'), code('规'))).toBe(true);
    expect(otherTone(code('魔'), code('模'))).toBe(false);
  });

  it("tables every two-character word's whole-word homophones as the input method's offers less those sharing a character or making a numeral", () => {
    const { start, pairs } = wordHomophoneTable(model);
    const numerals = new Set('〇零一二三四五六七八九十百千万亿两');
    let words = 0;
    for (let id = 0; id < model.size; id++) {
      const w = model.words[id];
      const got: number[] = [...pairs.subarray(2 * start[id], 2 * start[id + 1])];
      if (w.length !== 2) {
        expect(got).toEqual([]);
        continue;
      }
      // The reference: the homophone index's offers for the word, in its order, each with its other-tone count.
      const want: number[] = [];
      for (const other of homophonesOf(model, w, 0)) {
        const o = model.words[other];
        if (o[0] === w[0] || o[1] === w[1] || numerals.has(o[0]) || numerals.has(o[1])) continue;
        want.push(other, Number(otherTone(code(w[0]), code(o[0]))) + Number(otherTone(code(w[1]), code(o[1]))));
      }
      expect(got).toEqual(want);
      if (want.length) words++;
    }
    expect(words).toBeGreaterThan(50_000);
    const of = (w: string) =>
      [...pairs.subarray(2 * start[model.id(w)], 2 * start[model.id(w) + 1])].filter((_, i) => i % 2 === 0).map((id) => model.words[id]);
    expect(of('鬼魔')).toContain('规模');
    expect(of('城乡')).toContain('成像');
  });

  it('proposes a whole-word homophone only where it wins by the margin', () => {
    const [p] = detect(model, '要统筹成像经济社会发展');
    expect(p).toMatchObject({ start: 3, end: 5, word: '城乡', kind: 'homophone' });
    // 规模 for 鬼魔 fits, but the model is not sure enough here (a gain of about 2): nothing is reported.
    expect(detect(model, '进一步扩大经营鬼魔')).toEqual([]);
  });

  it('decides a repeated window once: a page of one phrase a thousand times gives the same as one copy', () => {
    const one = detect(model, '要统筹成像经济社会发展。');
    const many = detect(model, '要统筹成像经济社会发展。'.repeat(1000));
    expect(many).toHaveLength(1000);
    expect(many.map((p) => p.word)).toEqual(Array(1000).fill(one[0].word));
    expect(many[999].margin).toBeCloseTo(one[0].margin, 6);
  });
});

describe('a word of the text replaced by another word one character away', () => {
  it('wins by the margin less wordDiscount (曾加 → 增加: a gain of about 1.7)', () => {
    const text = '继续曾加农村义务教育经费';
    const mask = protectedMask(model, text);
    expect(detect(model, text, DEFAULT_PARAMS, mask).map((p) => p.word)).toEqual(['增加']);
    expect(detect(model, text, { ...DEFAULT_PARAMS, wordDiscount: 0 }, mask)).toEqual([]);
  });
});

describe('Decisions (the decoder answers of one text, by content)', () => {
  // Keys: window start, window end, h2, h1, look-ahead 0 and 1, candidate start and end in the window, word.
  const text = '推进城乡发展。推进城乡发展。推进城镇发展。';
  it('finds an answer again for the same content anywhere in the text, and only for it', () => {
    const d = new Decisions(text);
    d.add([0, 6, -1, -1, 5, -3, 2, 4, 77], 1.5, 2.25);
    expect(d.find([0, 6, -1, -1, 5, -3, 2, 4, 77], 1.5)).toBe(2.25);
    // The same characters seven further on.
    expect(d.find([7, 13, -1, -1, 5, -3, 2, 4, 77], 1.5)).toBe(2.25);
    // Other characters (城镇 for 城乡), another cost, look-ahead, history, word or place of the candidate.
    expect(d.find([14, 20, -1, -1, 5, -3, 2, 4, 77], 1.5)).toBeNaN();
    expect(d.find([0, 6, -1, -1, 5, -3, 2, 4, 77], 2.5)).toBeNaN();
    expect(d.find([0, 6, -1, -1, 5, 9, 2, 4, 77], 1.5)).toBeNaN();
    expect(d.find([0, 6, 3, -1, 5, -3, 2, 4, 77], 1.5)).toBeNaN();
    expect(d.find([0, 6, -1, -1, 5, -3, 2, 4, 78], 1.5)).toBeNaN();
    expect(d.find([0, 6, -1, -1, 5, -3, 1, 3, 77], 1.5)).toBeNaN();
    // A shorter window of the same start.
    expect(d.find([0, 5, -1, -1, 5, -3, 2, 4, 77], 1.5)).toBeNaN();
  });

  it('keeps the answers for many candidates of one window apart', () => {
    const d = new Decisions(text);
    for (let w = 0; w < 500; w++) d.add([0, 6, -1, -1, 5, -3, 2, 4, w], 1.5, w / 10);
    for (let w = 0; w < 500; w++) expect(d.find([7, 13, -1, -1, 5, -3, 2, 4, w], 1.5)).toBe(w / 10);
    expect(d.find([0, 6, -1, -1, 5, -3, 2, 4, 500], 1.5)).toBeNaN();
  });
});

describe('windowTokens (a window of the checks, from the whole text segmentation where it can)', () => {
  // Every window of 1–16 characters of 200 dev-set sentences, Chinese or not, cut ends or not: the same tokens
  // as the window's own segmentation (lib/lm/lattice.ts `segment`).
  it('reads every window as segment does', () => {
    const text = buildDevSet(200)
      .map((s) => s.wrong)
      .join('\n');
    let compared = 0;
    let onCuts = 0;
    const { cut } = segmentation(model, text);
    for (let from = 0; from < text.length; from++) {
      for (let len = 1; len <= 16 && from + len <= text.length; len++) {
        const to = from + len;
        expect(windowTokens(model, text, from, to), `${from}–${to}`).toEqual(segment(model, text, from, to));
        compared++;
        if (cut[from] && cut[to]) onCuts++;
      }
    }
    expect(compared).toBeGreaterThan(50_000);
    // Most windows of this test are the case the whole text's segmentation answers.
    expect(onCuts / compared).toBeGreaterThan(0.3);
  });

  it('reads a window whose ends fall inside words anew', () => {
    // 社会主义 is one token of the whole text; the window 会主 cuts it at both ends.
    const text = '坚持社会主义核心价值观';
    const toks = windowTokens(model, text, 3, 5);
    expect(toks.map((t) => text.slice(t.start, t.end)).join('|')).toBe(
      segment(model, text, 3, 5)
        .map((t) => text.slice(t.start, t.end))
        .join('|'),
    );
    expect(toks[0].start).toBe(3);
    expect(toks[toks.length - 1].end).toBe(5);
  });
});
