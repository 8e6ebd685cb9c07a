import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import nspell from 'nspell';
import { describe, expect, it } from 'vitest';
import { loadNodeSpeller, nodeSpeller } from '../../../cli/node-speller';
import britishSpellings from '../../../lib/data/british-spellings.json';
import { americanForms } from '../../../lib/spell/british';
import { createSpeller, MAX_SUGGEST_LENGTH, MIN_TWO_EDIT_LENGTH } from '../../../lib/spell/speller';

const dir = dirname(createRequire(import.meta.url).resolve('dictionary-en'));
const aff = readFileSync(join(dir, 'index.aff'), 'utf8');
const dic = readFileSync(join(dir, 'index.dic'), 'utf8');
const speller = createSpeller(aff, dic);

describe('createSpeller (nspell over dictionary-en)', () => {
  it.each([['Government'], ['government'], ['GOVERNMENT'], ["People's"], ['People’s'], ['Municipal'], ['Beijing']])('valid: accepts %s', (word) => {
    expect(speller.correct(word)).toBe(true);
  });

  it.each([['Goverment'], ['goverment'], ['GOVERMENT'], ['habitaition'], ['beijing'], ['fourm']])('invalid: rejects %s', (word) => {
    expect(speller.correct(word)).toBe(false);
  });

  it.each([
    ['centre'],
    ['Centre'],
    ['CENTRE'],
    ['labour'],
    ['honourable'],
    ['neighbourhood'],
    ['organisation'],
    ['realised'],
    ['analyse'],
    ['catalogue'],
    ['travelling'],
    ['counsellor'],
    ['enrolment'],
    ['defence'],
    ['licences'],
    ['programme'],
    ['kilogrammes'],
    ['paediatric'],
    ['oestrogen'],
    ['manoeuvre'],
    ['judgement'],
    ['grey'],
    ['cheques'],
    ['fulfils'],
    ['practising'],
    ['practised'],
    ['jewellery'],
  ])('valid: accepts the British spelling %s', (word) => {
    expect(speller.correct(word)).toBe(true);
  });

  it.each([
    ['fourm', 'our → or only before an ending (forum, not form)'],
    ['sence', '-ence → -ense only in defence, offence, licence, pretence'],
    ['Hoem', 'oe → e only in the stems that have it (not hem)'],
    ['stil', 'no -il → -ill rule (still)'],
    ['makeing', 'no -eing → -ing rule'],
  ])('invalid: %s is no British spelling (%s)', (word) => {
    expect(speller.correct(word)).toBe(false);
  });

  it('suggests the dictionary word, in the case of the word asked', () => {
    expect(speller.suggest('Goverment')[0]).toBe('Government');
    expect(speller.suggest('goverment')[0]).toBe('government');
    expect(speller.suggest('GOVERMENT')[0]).toBe('GOVERNMENT');
    expect(speller.suggest('Goverment’s')[0]).toBe("Government's");
  });

  it('suggests nothing for a correct word', () => {
    expect(speller.suggest('Government')).toEqual([]);
    expect(speller.suggest('labour')).toEqual([]);
  });

  it('bounds suggestions: none past the length cap, none for a short word with no dictionary word one edit away', () => {
    expect(MAX_SUGGEST_LENGTH).toBeGreaterThanOrEqual(20);
    expect(speller.suggest('Internationalizationn')).toEqual(['Internationalization']);
    expect(createSpeller(aff, dic, { maxSuggestLength: 20 }).suggest('Internationalizationn')).toEqual([]);
    // Under nine letters nspell's two-edit search may try a million forms (close to a second); we skip it:
    // tommorow is two edits from tomorrow, which nspell alone would find.
    expect(MIN_TWO_EDIT_LENGTH).toBe(9);
    expect(nspell(aff, dic).suggest('tommorow')).toContain('tomorrow');
    expect(speller.suggest('tommorow')).toEqual([]);
    expect(speller.suggest('Qwzxv')).toEqual([]);
  });

  it('still asks nspell for two-edit corrections of long words', () => {
    expect(speller.suggest('Municiple').length).toBeGreaterThan(0);
  });

  it('caches suggestions per word (the same array comes back)', () => {
    const first = speller.suggest('habitaition');
    expect(first).toEqual(['habitation']);
    expect(speller.suggest('habitaition')).toBe(first);
  });
});

describe('americanForms (lib/data/british-spellings.json)', () => {
  it.each([
    ['labour', 'labor'],
    ['centres', 'centers'],
    ['organisation', 'organization'],
    ['travelling', 'traveling'],
    ['programme', 'program'],
    ['defence', 'defense'],
    ['manoeuvre', 'maneuver'],
    ['practising', 'practicing'],
    ['cheques', 'checks'],
  ])('valid: %s → %s', (british, american) => {
    expect(americanForms(british)).toContain(american);
  });

  it.each([['fourm'], ['hoem'], ['sence'], ['government']])('invalid: %s has no American form', (word) => {
    expect(americanForms(word)).toEqual([]);
  });

  it('every rule compiles and every entry names a source of the file', () => {
    const sources = Object.keys(britishSpellings.sources);
    for (const r of britishSpellings.rules) {
      expect(() => new RegExp(r.from)).not.toThrow();
      expect(sources).toContain(r.source);
    }
    for (const w of britishSpellings.words) expect(sources).toContain(w.source);
  });
});

describe('the Node loader (cli/node-speller.ts)', () => {
  it('builds the dictionary once per process', () => {
    expect(loadNodeSpeller()).toBe(loadNodeSpeller());
  });

  it('nodeSpeller() answers like the loaded one', () => {
    const lazy = nodeSpeller();
    expect(lazy.correct('Goverment')).toBe(false);
    expect(lazy.correct('Government')).toBe(true);
    expect(lazy.suggest('Goverment')).toEqual(loadNodeSpeller().suggest('Goverment'));
  });
});
