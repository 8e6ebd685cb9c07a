import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/expression-formulation';
import formulations from '../../../lib/data/rules/formulations.json';
import { runChecks } from '../../../lib/engine/engine';
import { buildTextModel } from '../../../lib/text-model/build';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import { type ExpectedFinding, ruleTester, sharedSegmenter } from './rule-tester';

const TODAY = '2026-11-22';
/** With jieba, as the CLI and the background run it. */
const withJieba = ruleTester(check, { segmenter: true });

/** A case on a linkedom page with a printed publish date: buildTextModel finds it (发布时间：…). */
const page = (date: string, body: string) => ({
  text: `${date}: ${body}`,
  model: () =>
    buildTextModel(parseHTML(`<!doctype html><html><body><p>发布时间：${date}</p><p>${body}</p></body></html>`).document, {
      url: 'https://www.example.gov.cn/a.html',
      readability: false,
    }).model,
});

interface Phrase {
  kind: 'phrase';
  wrong: string;
  right: string;
}
interface List {
  kind: 'list';
  members: string[][];
}
const entries = formulations.entries as unknown as Array<Phrase | List>;
const phrases = entries.filter((e): e is Phrase => e.kind === 'phrase');
const lists = entries.filter((e): e is List => e.kind === 'list');

describe('expression-formulation meta', () => {
  it('is an expression veto with bilingual messages', () => {
    expect(check.meta).toMatchObject({ id: 'expression-formulation', category: 'expression', defaultSeverity: 'veto' });
    for (const m of Object.values(check.meta.messages)) expect(Object.keys(m).sort()).toEqual(['en', 'zh-CN']);
    expect(check.meta.messages.phrase['zh-CN']).toContain('{{right}}');
  });
});

withJieba.run({
  valid: [
    { name: 'the standard core formula', text: '紧密团结在以习近平同志为核心的党中央周围' },
    {
      name: 'general offices as each level names them (a sub-provincial city’s 办公厅, a province’s 外事办公室)',
      text: '临沧市人民政府办公室；济南市人民政府办公厅；云南省人民政府办公厅；云南省人民政府外事办公室；县委办公室',
    },
    { name: 'the name of the thought', text: '深入学习贯彻习近平新时代中国特色社会主义思想' },
    { name: '中国特色社会主义理论体系 is another term', text: '中国特色社会主义理论体系' },
    { name: 'the theme with a 顿号', text: '扎实开展“不忘初心、牢记使命”主题教育' },
    { name: 'the theme with a comma (19th Congress report)', text: '不忘初心，牢记使命，高举中国特色社会主义伟大旗帜' },
    { name: 'the theme split by a line break', text: '不忘初心\n牢记使命' },
    { name: 'the abbreviations', text: '增强“四个意识”、坚定“四个自信”、做到“两个维护”' },
    { name: '四个意识 in order', text: '增强政治意识、大局意识、核心意识、看齐意识' },
    { name: '四个自信 in order, 和 before the last', text: '坚定道路自信、理论自信、制度自信和文化自信' },
    { name: '两个维护 with 习近平同志 (Party Constitution)', text: '坚决维护习近平同志党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导' },
    { name: '五位一体 with 和', text: '统筹推进经济建设、政治建设、文化建设、社会建设和生态文明建设' },
    { name: '五位一体 and 党的建设', text: '经济建设、政治建设、文化建设、社会建设、生态文明建设和党的建设' },
    { name: 'a partial list', text: '加强政治建设、思想建设、组织建设' },
    { name: 'the core values', text: '富强、民主、文明、和谐，自由、平等、公正、法治，爱国、敬业、诚信、友善' },
    { name: 'the core values in the 强国 goal', text: '建设富强民主文明和谐美丽的社会主义现代化强国' },
    { name: '中共XX省委书记', text: '中共云南省委书记' },
    { name: '市市长 is right', text: '昆明市市长' },
    { name: '共建“一带一路”', text: '高质量共建“一带一路”' },
    { name: '战略 starting a compound', text: '签署“一带一路”战略合作协议' },
    { name: 'a heading not followed by a list', text: '增强“四个意识”，坚定“四个自信”' },
  ],
  // `found` is the one finding of the text.
  invalid: (
    [
      {
        name: 'seed 004: 以习近平总书记为核心的党中央',
        text: '在以习近平总书记为核心的党中央坚强领导下',
        found: { start: 1, text: '以习近平总书记为核心的党中央', suggestion: '以习近平同志为核心的党中央', messageId: 'variant', severity: 'veto' },
      },
      {
        name: 'the same without 以',
        text: '紧密团结在习近平总书记为核心的党中央周围',
        found: { start: 5, text: '习近平总书记为核心的党中央', suggestion: '习近平同志为核心的党中央', messageId: 'variant', severity: 'veto' },
      },
      {
        name: 'a title inside the name of the thought',
        text: '学习习近平总书记新时代中国特色社会主义思想',
        found: {
          start: 2,
          text: '习近平总书记新时代中国特色社会主义思想',
          suggestion: '习近平新时代中国特色社会主义思想',
          messageId: 'variant',
          severity: 'veto',
        },
      },
      {
        name: '社会 missing from the name of the thought',
        text: '以习近平新时代中国特色主义思想为指导',
        found: { start: 1, text: '习近平新时代中国特色主义思想', suggestion: '习近平新时代中国特色社会主义思想', messageId: 'variant', severity: 'veto' },
      },
      {
        name: '不忘初心牢记使命 without a mark',
        text: '深入开展不忘初心牢记使命主题教育',
        found: { start: 4, text: '不忘初心牢记使命', suggestion: '不忘初心、牢记使命', messageId: 'phrase', severity: 'deduct' },
      },
      {
        name: 'a province’s general office written as a county’s (办公室 for 办公厅)',
        text: '根据云南省人民政府办公室印发的通知',
        found: { start: 4, text: '省人民政府办公室', suggestion: '省人民政府办公厅', messageId: 'phrase', severity: 'deduct' },
      },
      {
        name: 'the State Council’s general office as 办公室',
        text: '国务院办公室发布通知',
        found: { start: 0, text: '国务院办公室', suggestion: '国务院办公厅', messageId: 'phrase', severity: 'deduct' },
      },
      {
        name: '中共XX省省委书记 (新华社)',
        text: '中共云南省省委书记',
        found: { start: 4, text: '省省委', suggestion: '省委', messageId: 'phrase', severity: 'deduct' },
      },
      {
        name: '“一带一路”战略 (undated page: today)',
        text: '积极融入“一带一路”战略',
        found: { start: 4, text: '“一带一路”战略', suggestion: '“一带一路”倡议', messageId: 'phrase', severity: 'deduct' },
      },
      {
        name: '法制 for 法治 in the core values',
        text: '倡导自由、平等、公正、法制',
        found: { start: 2, text: '自由、平等、公正、法制', suggestion: '自由、平等、公正、法治', messageId: 'phrase', severity: 'veto' },
      },
      {
        name: '四个意识 out of order',
        text: '增强政治意识、大局意识、看齐意识、核心意识',
        found: {
          start: 2,
          text: '政治意识、大局意识、看齐意识、核心意识',
          suggestion: '政治意识、大局意识、核心意识、看齐意识',
          messageId: 'order',
          severity: 'veto',
        },
      },
      {
        name: '四个自信 out of order, separators kept in place',
        text: '坚定道路自信、制度自信、理论自信和文化自信',
        found: {
          start: 2,
          text: '道路自信、制度自信、理论自信和文化自信',
          suggestion: '道路自信、理论自信、制度自信和文化自信',
          messageId: 'order',
          severity: 'veto',
        },
      },
      {
        name: '两个维护 out of order',
        text: '坚决维护党中央权威和集中统一领导，坚决维护习近平总书记党中央的核心、全党的核心地位',
        found: {
          start: 0,
          text: '坚决维护党中央权威和集中统一领导，坚决维护习近平总书记党中央的核心、全党的核心地位',
          suggestion: '坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导',
          messageId: 'order',
          severity: 'veto',
        },
      },
      {
        name: '五位一体 out of order',
        text: '统筹推进政治建设、经济建设、文化建设、社会建设、生态文明建设',
        found: {
          start: 4,
          text: '政治建设、经济建设、文化建设、社会建设、生态文明建设',
          suggestion: '经济建设、政治建设、文化建设、社会建设、生态文明建设',
          messageId: 'order',
          severity: 'veto',
        },
      },
      {
        name: 'the core values of the state out of order',
        text: '富强、民主、和谐、文明',
        found: { start: 0, text: '富强、民主、和谐、文明', suggestion: '富强、民主、文明、和谐', messageId: 'order', severity: 'veto' },
      },
      {
        name: 'a wrong member after the heading',
        text: '四个意识（政治意识、大局意识、责任意识、看齐意识）',
        found: { start: 15, text: '责任意识', suggestion: '核心意识', messageId: 'member', severity: 'veto' },
      },
      {
        name: 'a wrong member after a quoted heading and a colon',
        text: '“四个自信”：道路自信、理论自信、制度自信、历史自信',
        found: { start: 22, text: '历史自信', suggestion: '文化自信', messageId: 'member', severity: 'veto' },
      },
    ] as Array<{ name: string; text: string; found: ExpectedFinding }>
  ).map(({ name, text, found }) => ({ name, text, errors: [found] })),
});

describe('expression-formulation on text', () => {
  it('invalid: words the message with the standard form', () => {
    const [f] = withJieba.scan('以习近平总书记为核心的党中央');
    expect(f.message).toBe('“以习近平总书记为核心的党中央”表述错误（“总书记”应为“同志”），规范表述为“以习近平同志为核心的党中央”');
    const [p] = withJieba.scan('中共云南省省委书记');
    expect(p.message).toBe('“省省委”表述错误，规范表述为“省委”');
    const [o] = withJieba.scan('政治意识、大局意识、看齐意识、核心意识');
    expect(o.message).toBe('“四个意识”顺序错误，规范表述为“政治意识、大局意识、核心意识、看齐意识”');
  });
});

// Formulas matched by their skeleton: every deviation named, the standard (or dated) form suggested.
withJieba.run({
  valid: [
    { name: 'the 2012–2016 formula of another leader', text: '在以胡锦涛同志为总书记的党中央坚强领导下' },
    { name: 'the 2012 central leadership collective', text: '以习近平同志为总书记的新一届中央领导集体' },
    { name: 'a named thought of its own', text: '深入学习习近平新时代中国特色社会主义经济思想' },
    { name: '习近平经济思想', text: '深入学习贯彻习近平经济思想' },
    { name: 'the name and a title elsewhere', text: '习近平总书记强调，要坚持中国特色社会主义道路' },
    { name: '为总书记 on a page from 2015', text: '在以习近平同志为总书记的党中央坚强领导下', date: '2015-03-05' },
  ],
  invalid: [
    {
      name: 'two deviations: no 同志, 中共中央 (a real county page, 2016-12)',
      text: '紧密团结在以习近平为核心的中共中央周围',
      errors: [
        {
          messageId: 'variant',
          severity: 'veto',
          start: 5,
          text: '以习近平为核心的中共中央',
          suggestion: '以习近平同志为核心的党中央',
          messageContains: '（缺少“同志”，“中共中央”应为“党中央”）',
        },
      ],
    },
    {
      name: 'three deviations after the plenum',
      text: '在以习近平为总书记的中共中央领导下',
      errors: [
        {
          messageId: 'variant',
          start: 1,
          text: '以习近平为总书记的中共中央',
          suggestion: '以习近平同志为核心的党中央',
          messageContains: '（缺少“同志”，“总书记”应为“核心”，“中共中央”应为“党中央”）',
        },
      ],
    },
    {
      name: '主席 and 领导核心',
      text: '以习近平主席为领导核心的党中央',
      errors: [
        {
          messageId: 'variant',
          start: 0,
          text: '以习近平主席为领导核心的党中央',
          suggestion: '以习近平同志为核心的党中央',
          messageContains: '（“主席”应为“同志”，“领导核心”应为“核心”）',
        },
      ],
    },
    {
      name: 'the thought: a title and 理论',
      text: '学习习近平总书记新时代中国特色社会主义理论',
      errors: [
        {
          messageId: 'variant',
          start: 2,
          text: '习近平总书记新时代中国特色社会主义理论',
          suggestion: '习近平新时代中国特色社会主义思想',
          messageContains: '（多了“总书记”，“理论”应为“思想”）',
        },
      ],
    },
    {
      name: 'the thought: 新时代 and 特色 missing',
      text: '以习近平中国社会主义思想为指导',
      errors: [
        {
          messageId: 'variant',
          start: 1,
          text: '习近平中国社会主义思想',
          suggestion: '习近平新时代中国特色社会主义思想',
          messageContains: '（缺少“新时代”，缺少“特色”）',
        },
      ],
    },
    {
      name: 'before the sixth plenum the dated form is the standard, the missing 同志 is not',
      text: '在以习近平为总书记的党中央坚强领导下',
      date: '2015-03-05',
      errors: [{ text: '以习近平为总书记的党中央', suggestion: '以习近平同志为总书记的党中央', messageContains: '（缺少“同志”）' }],
    },
    {
      name: 'the same after the plenum',
      text: '在以习近平为总书记的党中央坚强领导下',
      date: '2017-01-01',
      errors: [{ text: '以习近平为总书记的党中央', suggestion: '以习近平同志为核心的党中央' }],
    },
  ],
});

describe('expression-formulation and the page date', () => {
  const OLD_FOUR = '协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党战略布局';

  it('valid: the 2015–2020 四个全面 on a page from 2019', () => {
    expect(withJieba.scan(page('2019-06-01', OLD_FOUR))).toEqual([]);
  });

  it('invalid: the 2015–2020 四个全面 on a page from 2021 is a notice on the replaced member', () => {
    const m = page('2021-06-01', OLD_FOUR).model();
    expect(m.publishDate?.date).toBe('2021-06-01');
    const findings = withJieba.scan({ text: OLD_FOUR, model: () => m });
    expect(findings).toHaveLength(1);
    const at = m.text.indexOf('全面建成小康社会');
    expect(findings[0]).toMatchObject({
      messageId: 'former',
      severity: 'notice',
      start: at,
      end: at + 8,
      text: '全面建成小康社会',
      suggestion: '全面建设社会主义现代化国家',
    });
  });

  it('invalid: the old first member out of order after 2020 gets the current form in the suggestion', () => {
    const [f] = withJieba.scan({ text: '全面深化改革、全面建成小康社会、全面依法治国、全面从严治党', date: '2022-01-01' });
    expect(f).toMatchObject({ messageId: 'order', suggestion: '全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党' });
  });

  it('以习近平同志为总书记的党中央: right until the sixth plenum (2016-10-27), wrong after', () => {
    const text = '在以习近平同志为总书记的党中央坚强领导下';
    expect(withJieba.scan(page('2015-03-05', text))).toEqual([]);
    expect(withJieba.scan(page('2017-03-05', text)).map((f) => [f.text, f.suggestion])).toEqual([
      ['以习近平同志为总书记的党中央', '以习近平同志为核心的党中央'],
    ]);
  });

  it('“一带一路”战略 is not reported on a page from 2015', () => {
    expect(withJieba.scan({ text: '积极融入“一带一路”战略', date: '2015-06-01' })).toEqual([]);
  });
});

describe('expression-formulation data', () => {
  it('finds every phrase entry standing alone, with its right form, and never the right form', () => {
    for (const e of phrases) {
      expect(withJieba.scan(`。${e.wrong}。`).map((f) => f.suggestion)).toEqual([e.right]);
      expect(withJieba.scan(`。${e.right}。`)).toEqual([]);
    }
  });

  it('leaves every list alone in the standard order and reports it reversed', () => {
    for (const e of lists) {
      const standard = e.members.map((alts) => alts[0]);
      expect(withJieba.scan(standard.join('、'))).toEqual([]);
      const reversed = [...standard].reverse().join('、');
      expect(withJieba.scan(reversed).map((f) => [f.messageId, f.suggestion])).toEqual([['order', standard.join('、')]]);
    }
  });

  it('has no two entries with the same wrong form', () => {
    const wrongs = phrases.map((e) => e.wrong);
    expect(new Set(wrongs).size).toBe(wrongs.length);
  });
});

describe('expression-formulation on the correct official vocabulary', () => {
  const lines = readFileSync(join(__dirname, '../../../lib/data/correct-vocabulary/expressions.txt'), 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);

  it('reports nothing on any line of lib/data/correct-vocabulary/expressions.txt', () => {
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.flatMap((l) => withJieba.scan(l).map((f) => `${l} → ${f.text}`))).toEqual([]);
  });
});

describe('expression-formulation stays fast', () => {
  it('scans 1 MB of list words and separators within its budget', () => {
    const text = '政治意识、大局意识、民主、文明、'.repeat(60_000);
    const result = runChecks(textModelFromPlainText(text, 'test://big'), { today: TODAY, checks: [check], segmenter: sharedSegmenter(), budgetMs: 60_000 });
    expect(result.errors).toEqual([]);
    expect(result.findings).toEqual([]);
  });
});
