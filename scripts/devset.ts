/**
 * The development set the context typo checks are tuned on (never the csc test sets): sentences of the
 * 1998–2016 government work reports (authoritative text, so nearly error-free), half of them left as they
 * are and half with one injected error, deterministically from a seed:
 *
 *  - substitution (40%): a Chinese character replaced by one from the confusion sets the checks use
 *    (lib/data/confusion: same sound and tone 55%, same sound other tone 20%, similar shape 25%);
 *  - word (30%): what a pinyin input method does: a word of the text (as the language model segments it)
 *    replaced by another word of the model's vocabulary that differs in one same-sound character, picked
 *    in proportion to its probability (so 作为 → 做为, 再次 → 在次, 自制 → 自治: real words in the wrong place);
 *  - 的/地/得 (10%): one of them swapped for another, where the sentence has one (else a substitution);
 *  - doubling (10%): a character written twice (要要, 的的), as slips of the keyboard do;
 *  - deletion (10%): a character dropped from a four-character 成语 or term of lib/data/lexicon, where the
 *    sentence has one (else a substitution);
 *  - glyph (an extra tenth, appended after those so that they stay as they were): a Chinese character
 *    replaced by one that looks alike when rendered (lib/data/confusion/glyph.json, pairs that the pycorrector
 *    tables lack), as optical recognition and handwriting make them (己/已, 休/体, 绡/消), with as many
 *    sentences left as they are;
 *  - homophone (another tenth, appended likewise): what a pinyin input method does to a whole word: a
 *    two-character word of the text (as the model segments it) replaced by another vocabulary word whose
 *    characters both differ and each sound the same, tone aside (规模 → 鬼魔, 依托 → 一坨), picked in
 *    proportion to its probability.
 *
 * Method: reports split into sentences at 。！？；, sentences of 12–80 characters kept, shuffled with the
 * seed, the first N taken. The 2017–2025 reports stay out: they are a measured bar (findings per 10,000
 * characters), not tuning data.
 */
import { loadNodeLanguageModel } from '../cli/node-language-model';
import lexiconData from '../lib/data/lexicon/near-miss-lexicon.json';
import { confusables, isConfusable } from '../lib/data/confusables';
import glyphPairs from '../lib/data/confusion/glyph.json';
import { segment } from '../lib/lm/lattice';
import { readWorkReports, type CscSentence } from './corpora';
import { mulberry32 } from './prng';

export const DEV_SEED = 20261205;
export const DEV_YEARS = { from: 1998, to: 2016 } as const;

export interface DevSentence extends CscSentence {
  kind: 'none' | 'substitution' | 'word' | 'de' | 'doubling' | 'deletion' | 'glyph' | 'homophone';
  /** Where the error is in `wrong` (the first changed character). */
  at: number;
}

const isHan = (c: string) => c >= '\u4e00' && c <= '\u9fff';

/** Builds `size` sentences (half with an error) from the reports of DEV_YEARS, and `size / 10` more for each of the glyph and homophone kinds. */
export function buildDevSet(size = 2000, seed = DEV_SEED): DevSentence[] {
  const rand = mulberry32(seed);
  const pick = <T>(xs: ArrayLike<T>): T => xs[Math.floor(rand() * xs.length)];
  /** One of `xs`, in proportion to its `p`. */
  const pickWeighted = <T extends { p: number }>(xs: readonly T[]): T => {
    let r = rand() * xs.reduce((n, o) => n + o.p, 0);
    return xs.find((x) => (r -= x.p) <= 0) ?? xs[xs.length - 1];
  };
  const sentences: string[] = [];
  for (const r of readWorkReports()) {
    if (r.year < DEV_YEARS.from || r.year > DEV_YEARS.to) continue;
    for (const s of r.content.split(/(?<=[。！？；])/)) {
      const t = s.replace(/\n/g, '').trim();
      if (t.length >= 12 && t.length <= 80 && !/[A-Za-z]/.test(t)) sentences.push(t);
    }
  }
  // Fisher–Yates with the seed.
  for (let i = sentences.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [sentences[i], sentences[j]] = [sentences[j], sentences[i]];
  }
  const four = new Set<string>();
  for (const all of [lexiconData.idioms, lexiconData.terms]) for (let i = 0; i + 4 <= all.length; i += 4) four.add(all.slice(i, i + 4));

  const substitute = (s: string): DevSentence | undefined => {
    const positions = [...s].map((c, i) => (isHan(c) ? i : -1)).filter((i) => i >= 0);
    for (let tries = 0; tries < 20; tries++) {
      const i = pick(positions);
      const r = rand();
      const kinds = r < 0.55 ? (['sound'] as const) : r < 0.75 ? (['tone'] as const) : (['shape'] as const);
      const options = [...confusables(s[i], kinds)].filter(isHan);
      if (!options.length) continue;
      const c = pick(options);
      return { wrong: s.slice(0, i) + c + s.slice(i + 1), right: s, hasError: true, kind: 'substitution', at: i };
    }
    return undefined;
  };
  const model = loadNodeLanguageModel();
  /** IME-like: a token of 1–3 characters replaced by a vocabulary word one same-sound character away. */
  const wordSwap = (s: string): DevSentence | undefined => {
    const toks = segment(model, s, 0, s.length).filter((t) => t.id >= 0 && [...s.slice(t.start, t.end)].every(isHan));
    for (let tries = 0; tries < 10 && toks.length; tries++) {
      const t = pick(toks);
      const w = s.slice(t.start, t.end);
      const options: Array<{ word: string; p: number; at: number }> = [];
      for (let j = 0; j < w.length; j++) {
        for (const c of confusables(w[j], ['sound', 'tone'])) {
          const v = w.slice(0, j) + c + w.slice(j + 1);
          const id = model.id(v);
          if (id >= 0) options.push({ word: v, p: 10 ** model.unigram(id), at: t.start + j });
        }
      }
      if (!options.length) continue;
      const o = pickWeighted(options);
      return { wrong: s.slice(0, t.start) + o.word + s.slice(t.end), right: s, hasError: true, kind: 'word', at: o.at };
    }
    return undefined;
  };
  const out: DevSentence[] = [];
  let used = 0;
  for (const s of sentences) {
    if (out.length >= size) break;
    used++;
    if (out.length % 2 === 0) {
      out.push({ wrong: s, right: s, hasError: false, kind: 'none', at: -1 });
      continue;
    }
    const r = rand();
    let made: DevSentence | undefined;
    if (r < 0.1) {
      const des = [...s].map((c, i) => ('的地得'.includes(c) ? i : -1)).filter((i) => i >= 0);
      if (des.length) {
        const i = pick(des);
        const c = pick([...'的地得'].filter((x) => x !== s[i]));
        made = { wrong: s.slice(0, i) + c + s.slice(i + 1), right: s, hasError: true, kind: 'de', at: i };
      }
    } else if (r < 0.2) {
      const positions = [...s].map((c, i) => (isHan(c) ? i : -1)).filter((i) => i >= 0);
      const i = pick(positions);
      made = { wrong: s.slice(0, i + 1) + s[i] + s.slice(i + 1), right: s, hasError: true, kind: 'doubling', at: i + 1 };
    } else if (r < 0.3) {
      const spots: number[] = [];
      for (let i = 0; i + 4 <= s.length; i++) if (four.has(s.slice(i, i + 4))) spots.push(i);
      if (spots.length) {
        const i = pick(spots) + 1 + Math.floor(rand() * 2); // a middle character: the ends read as a cut
        made = { wrong: s.slice(0, i) + s.slice(i + 1), right: s, hasError: true, kind: 'deletion', at: i };
      }
    } else if (r < 0.6) {
      made = wordSwap(s);
    }
    made ??= substitute(s);
    if (made) out.push(made);
  }
  // The extra kinds, each from the sentences after those used so far: a clean one, then a made one, in turn.
  const extra = size / 10;
  let k = used;
  const appendKind = (make: (s: string) => DevSentence | undefined) => {
    for (let made = 0; k < sentences.length && made < extra; k++) {
      const s = sentences[k];
      const one = made % 2 === 0 ? ({ wrong: s, right: s, hasError: false, kind: 'none', at: -1 } as const) : make(s);
      if (!one) continue;
      out.push(one);
      made++;
    }
  };
  const glyphs = glyphPairs as Record<string, string>;
  appendKind((s) => {
    const positions = [...s].map((c, i) => (isHan(c) && glyphs[c] ? i : -1)).filter((i) => i >= 0);
    if (!positions.length) return undefined;
    const i = pick(positions);
    const options = [...glyphs[s[i]]].filter((c) => !isConfusable(s[i], c));
    if (!options.length) return undefined;
    return { wrong: s.slice(0, i) + pick(options) + s.slice(i + 1), right: s, hasError: true, kind: 'glyph', at: i };
  });
  const sameSound = (c: string) => confusables(c, ['sound', 'tone']);
  appendKind((s) => {
    const options: Array<{ word: string; p: number; at: number }> = [];
    for (const t of segment(model, s, 0, s.length)) {
      const w = s.slice(t.start, t.end);
      if (t.id < 0 || w.length !== 2 || ![...w].every(isHan)) continue;
      for (const a of sameSound(w[0])) {
        for (const b of sameSound(w[1])) {
          const id = model.id(a + b);
          if (id >= 0) options.push({ word: a + b, p: 10 ** model.unigram(id), at: t.start });
        }
      }
    }
    if (!options.length) return undefined;
    const o = pickWeighted(options);
    return { wrong: s.slice(0, o.at) + o.word + s.slice(o.at + 2), right: s, hasError: true, kind: 'homophone', at: o.at };
  });
  return out;
}
