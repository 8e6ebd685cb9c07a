import { describe, expect, it } from 'vitest';
import pinyinData from '../../../lib/data/pinyin-syllables.json';
import { englishWords, hasEnglishText } from '../../../lib/spell/english-text';
import { isPinyin } from '../../../lib/spell/pinyin';

const judged = (text: string) => englishWords(text).map((w) => w.word);

describe('isPinyin', () => {
  it.each([
    ['Xuzhou'],
    ['Guangdong'],
    ['Zhang'],
    ['Wei'],
    ['Jiangsu'],
    ['Sheng'],
    ['GUANGDONG'],
    ["Xi'an"],
    ['Huai’an'],
    ['Jiāngsū'],
    ['Lv'],
    ['Lyu'],
    ['Changde'],
  ])('valid: %s', (word) => {
    expect(isPinyin(word)).toBe(true);
  });

  it.each([['Goverment'], ['Municipal'], ['Tencent'], ['Kiangsu'], ['Leung'], ['Suzhoufrom'], ['Xi-an'], ['']])('invalid: %s', (word) => {
    expect(isPinyin(word)).toBe(false);
  });

  it('holds the syllables of the scheme once each', () => {
    const syllables = pinyinData.syllables.split(' ');
    expect(new Set(syllables).size).toBe(syllables.length);
    expect(syllables.length).toBeGreaterThan(400);
    expect(syllables).toEqual(expect.arrayContaining(['zhuang', 'lüe', 'er', 'a']));
  });
});

describe('englishWords', () => {
  it('finds the words of an English header beside Chinese, with their exact ranges', () => {
    const text = "徐州市人民政府 Xuzhou Municipal People's Goverment";
    const words = englishWords(text);
    expect(words.map((w) => [w.word, w.start, w.end])).toEqual([
      ['Xuzhou', 8, 14],
      ['Municipal', 15, 24],
      ['People', 25, 31],
      ['Goverment', 34, 43],
    ]);
    for (const w of words) expect(text.slice(w.start, w.end)).toBe(w.word);
  });

  it.each([
    ['URLs and domain names', 'See http://www.xz.gov.cn/zwgk/index.html and www.jiangsu.gov.cn today', ['See', 'and', 'today']],
    ['e-mail addresses', 'Write to xzgov@163.com now', ['Write', 'now']],
    ['file names', 'Open report.pdf and plan.docx now', ['Open', 'and', 'now']],
    ['codes with digits', 'Fight H1N1 and PM2.5 under ICP12345678 now', ['Fight', 'and', 'under', 'now']],
    ['ALL-CAPS abbreviations and their plurals', 'The RCEP and NPC cut VOCs now', ['The', 'and', 'cut', 'now']],
    ['camelCase and identifiers', 'Use WeChat and govService and iPhone now', ['Use', 'and', 'and', 'now']],
    ['words of one or two letters', 'Mr Xu is at No 5 now', ['now']],
    ['roman numerals', 'See Chapter III and section lxxvi now', ['See', 'Chapter', 'and', 'section', 'now']],
    ['a word the page defines in parentheses', 'CITIC Securities (Citics) grew. Citics expects more', ['Securities', 'grew', 'expects', 'more']],
    ['hyphenated words, in parts', 'a well-known e-government site', ['well', 'known', 'government', 'site']],
    ['possessives, without their ’s', "the Government's and the city’s plan", ['the', 'Government', 'and', 'the', 'city', 'plan']],
  ])('valid: leaves out %s', (_name, text, words) => {
    expect(judged(text)).toEqual(words);
  });

  it.each([
    ['a code-like line', 'var goverment = loadConfig(); return goverment;'],
    ['a lone Latin token inside Chinese text', '请下载ofd格式文件，使用政务APP，升级harmonyos系统'],
    ['words with diacritics (pinyin with tones, other languages)', 'Jiāngsū Shěng'],
  ])('invalid: finds no word in %s', (_name, text) => {
    expect(judged(text)).toEqual([]);
  });

  it('keeps an all-caps word inside an all-caps heading', () => {
    expect(judged("XUZHOU MUNICIPAL PEOPLE'S GOVERMENT")).toEqual(['XUZHOU', 'MUNICIPAL', 'PEOPLE', 'GOVERMENT']);
  });

  it('marks the capitals that read as a name: after a lower-case word or beside another capital, not across a separator', () => {
    const ctx = (text: string) => englishWords(text).map((w) => [w.word, w.nameContext]);
    expect(ctx('We visited Geely today')).toEqual([
      ['visited', false],
      ['Geely', true],
      ['today', false],
    ]);
    expect(ctx('Geely Group grew')).toEqual([
      ['Geely', true],
      ['Group', true],
      ['grew', false],
    ]);
    expect(ctx('Hoem | Services')).toEqual([
      ['Hoem', false],
      ['Services', false],
    ]);
    expect(ctx('It grew. Geely is big')).toEqual([
      ['grew', false],
      ['Geely', false],
      ['big', false],
    ]);
  });

  it('marks words that split into pinyin syllables, names and English words alike', () => {
    expect(englishWords('Zhang Wei visited Changde to see more of populaire Goverment').map((w) => [w.word, w.pinyin])).toEqual([
      ['Zhang', true],
      ['Wei', true],
      ['visited', false],
      ['Changde', true],
      ['see', true],
      ['more', true],
      ['populaire', true],
      ['Goverment', false],
    ]);
  });
});

describe('hasEnglishText', () => {
  it.each([
    ['an English header', "徐州市人民政府 Xuzhou Municipal People's Goverment"],
    ['an English copyright line', 'Copyright © 2024 徐州市人民政府 All Rights Reserved'],
  ])('valid: %s', (_name, text) => {
    expect(hasEnglishText(text)).toBe(true);
  });

  it.each([
    ['Chinese only', '徐州市人民政府办公室关于印发工作要点的通知'],
    ['URLs, codes and abbreviations', '网址：http://www.xz.gov.cn，苏ICP备12345678号，政务APP，PM2.5'],
    ['pinyin names only', '地址：Xuzhou Jiangsu'],
  ])('invalid: %s', (_name, text) => {
    expect(hasEnglishText(text)).toBe(false);
  });
});
