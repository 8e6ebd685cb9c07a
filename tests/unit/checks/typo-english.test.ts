import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/typo-english';
import { ruleTester } from './rule-tester';

// The real dictionary (dictionary-en through the CLI's loader), as the CLI and the extension use it.
const tester = ruleTester(check, { speller: true });

type Slip = { name: string; text: string; start: number; word: string; right: string };
/** A misspelled word: a deduction with the dictionary's correction. */
const misspelled = ({ name, text, start, word, right }: Slip) => ({
  name,
  text,
  errors: [
    {
      severity: 'deduct' as const,
      messageId: 'misspelled',
      start,
      end: start + word.length,
      text: word,
      suggestion: right,
      message: `英文单词“${word}”拼写有误，应为“${right}”`,
    },
  ],
});
/** Words glued together: the words apart as the suggestion. */
const missingSpace = ({ name, text, start, word, right }: Slip) => ({
  name: `(missing space) ${name}`,
  text,
  errors: [{ messageId: 'missingSpace', start, end: start + word.length, text: word, suggestion: right, message: `英文“${word}”漏了空格，应为“${right}”` }],
});

tester.run({
  valid: [
    { name: 'a correct header beside Chinese', text: "徐州市人民政府 Xuzhou Municipal People's Government" },
    { name: 'a curly apostrophe', text: 'Xuzhou Municipal People’s Government' },
    { name: 'British spellings', text: 'The Centre for Labour Organisation runs a programme on defence, and travelling is subsidised.' },
    { name: 'URLs and domain names', text: 'Visit www.xzgovermnet.gov.cn or http://www.xz.gov.cn/zwgk/goverment/index.html for details.' },
    { name: 'an e-mail address', text: 'Write to goverment_office@163.com for details.' },
    { name: 'file names', text: 'Download the attachments Goverment-report.pdf and fujian.docx here.' },
    { name: 'codes mixed with digits', text: 'Measures against H1N1, HlN1 and PM2.5 under 苏ICP备12345678号-1, flight C919.' },
    {
      name: 'ALL-CAPS abbreviations (CITIC is no misspelling of CITRIC)',
      text: 'The RCEP and CPTPP agreements, the NPC and CPPCC sessions, CITIC, and VOCs emissions.',
    },
    {
      name: 'camelCase and identifiers (ContactUs is no misspelling of Contacts)',
      text: 'Home\nContactUs\nFollow us on WeChat or the govService portal with an iPhone.',
    },
    { name: 'words of one or two letters (even fo for of)', text: 'Mr Xu and Ms Li met at No 5 fo the park.' },
    { name: 'a correction that changes the first letter (ebook is no misspelling of book)', text: 'Download the ebook of the report.' },
    { name: 'a capitalised word whose correction is only a name (Macau, Macao)', text: 'Macau is a special administrative region.' },
    { name: 'roman numerals (lxxvi is no misspelling of lxvi)', text: 'See Chapter III, Article XIV and sections iv and lxxvi of the rules.' },
    {
      name: 'Hanyu Pinyin place and person names (Changde is no misspelling of Change)',
      text: "Zhang Wei visited Changde, Tianning, Xuzhou, Huai'an, Xi’an and Jiangsu Sheng with Lv Zhihe.",
    },
    { name: 'pinyin with tone marks', text: 'Jiangsu (Jiāngsū Shěng) is a province.' },
    {
      name: 'a name the page defines in parentheses (Citics is no misspelling of Cities)',
      text: 'CITIC Securities (Citics) opened a branch. Citics expects growth.',
    },
    { name: 'a code-like line', text: 'var goverment = loadConfig(); return goverment;' },
    { name: 'a lone Latin word inside Chinese text (a name or format, not English text)', text: '请升级鸿蒙harmonyos系统，下载ofd格式文件，使用政务APP办理' },
    { name: 'a short capitalised name repeated on the page', text: 'Haier opened a plant. The Haier plant employs 300 people.' },
    { name: 'short names beside other names', text: 'We visited Geely and Lee Kum Kee in Jiangmen.' },
    { name: 'a closed compound of two words', text: 'Call the service hotline 12345 or book a homestay.' },
    { name: 'a plural of a non-count noun (usage, not spelling)', text: 'Enjoy beautiful sceneries and modern equipments.' },
    { name: 'hyphenated words and possessives', text: "A well-known, high-quality e-government platform is the Government's pride." },
    { name: 'a run in another language', text: 'Gouvernement populaire de la ville de Xuzhou' },
    { name: 'a word with no close correction (a name)', text: 'Tencent and Lenovo opened offices in the zone.' },
  ],
  invalid: [
    ...[
      { name: 'the site header (Goverment)', text: "徐州市人民政府 Xuzhou Municipal People's Goverment", start: 34, word: 'Goverment', right: 'Government' },
      {
        name: 'a possessive: the range is the word without its ’s',
        text: 'The Goverment’s plan was approved.',
        start: 4,
        word: 'Goverment',
        right: 'Government',
      },
      { name: 'a lower-case word in prose', text: 'Guiyang is the most suitable city for habitaition.', start: 38, word: 'habitaition', right: 'habitation' },
      { name: 'one part of a hyphenated word', text: 'It is a well-knwon policy.', start: 13, word: 'knwon', right: 'known' },
      { name: 'a word of an all-caps heading', text: "XUZHOU MUNICIPAL PEOPLE'S GOVERMENT", start: 26, word: 'GOVERMENT', right: 'GOVERNMENT' },
      { name: 'a slip on a page in British spelling', text: "The centre's programme was a sucess.", start: 29, word: 'sucess', right: 'success' },
      { name: 'a short navigation label with two letters swapped', text: 'Hoem\nNews\nAbout', start: 0, word: 'Hoem', right: 'Home' },
      { name: 'a transposition in a four-letter word of a nav bar', text: 'Home | Nwes | Services', start: 7, word: 'Nwes', right: 'News' },
      {
        name: 'a slip among pinyin names (names unknown to the dictionary do not make a run foreign)',
        text: 'Changde, Tianning, Suining, Jining and Funing thank the Goverment.',
        start: 56,
        word: 'Goverment',
        right: 'Government',
      },
    ].map(misspelled),
    ...[
      { name: 'of glued to a word', text: 'We will implement the spiritof the congress.', start: 22, word: 'spiritof', right: 'spirit of' },
      { name: 'from glued to a pinyin name', text: 'He inspected Suzhoufrom February 1 to 2.', start: 13, word: 'Suzhoufrom', right: 'Suzhou from' },
      {
        name: 'two function words glued to a word',
        text: 'Local authorities should focusonthe key words.',
        start: 25,
        word: 'focusonthe',
        right: 'focus on the',
      },
      { name: 'the glued before a word', text: 'They visited thedemonstration zone.', start: 13, word: 'thedemonstration', right: 'the demonstration' },
    ].map(missingSpace),
  ],
});

describe('typo-english', () => {
  it('reports a repeated misspelling once, at its first place, with its count (a nav label on every item)', () => {
    const text = 'Home\nGoverment\nNews\nGoverment Services\nContact Us\nCopyright Xuzhou Municipal People’s Goverment';
    const findings = tester.scan(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      text: 'Goverment',
      start: 5,
      end: 14,
      suggestion: 'Government',
      data: { word: 'Goverment', right: 'Government', count: 3 },
    });
  });

  it('still finds a long misspelling of a common word repeated as a capitalised name would be', () => {
    const findings = tester.scan('Report on the Work of the Goverment. The Goverment has done its work.');
    expect(findings.map((f) => [f.text, f.start, f.data.count])).toEqual([['Goverment', 26, 2]]);
  });

  it('reports distinct misspellings of one page separately, in text order', () => {
    const findings = tester.scan('The Goverment will recieve the plan.\nThe city is parfectly integrated.');
    expect(findings.map((f) => [f.text, f.suggestion])).toEqual([
      ['Goverment', 'Government'],
      ['recieve', 'receive'],
      ['parfectly', 'perfectly'],
    ]);
  });

  it('reports nothing without a speller (the dictionary is loaded lazily)', () => {
    expect(ruleTester(check).scan("Xuzhou Municipal People's Goverment")).toEqual([]);
  });

  it('renders the English message from the same data', () => {
    expect(check.meta.messages.misspelled.en.replace('{{word}}', 'Goverment').replace('{{right}}', 'Government')).toBe(
      'The English word "Goverment" is misspelled; it should be "Government"',
    );
  });
});
