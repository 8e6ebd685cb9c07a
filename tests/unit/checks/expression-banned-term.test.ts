import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/expression-banned-term';
import xinhuaTerms from '../../../lib/data/rules/xinhua-terms.json';
import { buildTextModel } from '../../../lib/text-model/build';
import { type ExpectedFinding, ruleTester } from './rule-tester';

const tester = ruleTester(check, { segmenter: true });
const bare = ruleTester(check);
/** A case on a linkedom page with a printed publish date: buildTextModel finds it (发布时间：…). */
const page = (date: string, body: string) => ({
  text: `${date}: ${body}`,
  model: () =>
    buildTextModel(parseHTML(`<!doctype html><html><body><p>发布时间：${date}</p><p>${body}</p></body></html>`).document, {
      url: 'https://www.example.gov.cn/a.html',
      readability: false,
    }).model,
});

describe('expression-banned-term meta', () => {
  it('is an expression check whose entries carry their severity', () => {
    expect(check.meta).toMatchObject({ id: 'expression-banned-term', category: 'expression', defaultSeverity: 'deduct' });
    expect(check.meta.messages.term['zh-CN']).toContain('{{right}}');
    expect(new Set(xinhuaTerms.entries.map((e) => e.severity))).toEqual(new Set(['veto', 'deduct', 'notice']));
  });
});

tester.run({
  valid: [
    { name: 'the right forms of disability words', text: '为残疾人、盲人、聋人和智力障碍者提供帮扶' },
    { name: '残疾人 is the right form', text: '中国残疾人联合会' },
    { name: 'the idiom 盲人摸象', text: '不能盲人摸象' },
    { name: '瞎子摸象 is one word', text: '瞎子摸象，以偏概全' },
    { name: 'the 歇后语 聋子的耳朵', text: '制度不能成为聋子的耳朵' },
    { name: '大学生村官 may be called 村官', text: '选聘大学生村官' },
    { name: '大学生“村官” in quotes', text: '选聘大学生“村官”到村任职' },
    { name: '村长 inside 农村长期', text: '促进农村长期稳定发展' },
    { name: '村长 inside 乡村长效', text: '建立乡村长效管护机制' },
    { name: '鲜族 inside 朝鲜族', text: '延边朝鲜族自治州' },
    { name: '北朝鲜 across 东北/朝鲜族', text: '东北朝鲜族聚居区' },
    { name: '维族 across 思维/族群', text: '改变思维族群观念' },
    { name: '前苏联 after 战 (before the war, the USSR)', text: '二战前苏联的工业' },
    { name: 'a quoted institution (台湾“行政院”)', text: '台湾“行政院”' },
    { name: 'a quoted term is a mention', text: '“台湾总统”的说法是错误的' },
    { name: 'after 所谓', text: '所谓台湾政府' },
    { name: 'a quoted 中华民国', text: '台湾地区所谓的“中华民国”' },
    { name: '中华民国 of 1912–1949', text: '中华民国时期的档案；中华民国临时政府成立' },
    { name: 'the full name of the museum', text: '台北故宫博物院' },
    { name: 'the designated terrorist organisation', text: '东突厥斯坦伊斯兰运动是恐怖组织' },
    { name: '节日治安 is 节日/治安', text: '加强节日治安巡逻' },
    { name: '舞台语言 is 舞台/语言', text: '舞台语言' },
    { name: 'the right international names', text: '朝鲜、韩国、苏联；世界贸易组织成员；亚太经合组织领导人非正式会议；伊斯兰国家' },
  ],
  // Every finding is a `term`, its severity the entry's.
  invalid: (
    [
      { name: '残废人', text: '为残废人提供帮扶', found: [{ start: 1, text: '残废人', suggestion: '残疾人', severity: 'deduct' }] },
      {
        name: '瞎子 and 聋子 as words',
        text: '关爱瞎子和聋子',
        found: [
          { start: 2, text: '瞎子', suggestion: '盲人', severity: 'deduct' },
          { start: 5, text: '聋子', suggestion: '聋人', severity: 'deduct' },
        ],
      },
      { name: '村官 for other village cadres (notice)', text: '选派优秀村官', found: [{ start: 4, text: '村官', suggestion: '村干部', severity: 'notice' }] },
      { name: '检察院院长', text: '县人民检察院院长', found: [{ start: 3, text: '检察院院长', suggestion: '检察长', severity: 'deduct' }] },
      { name: '维族', text: '维族群众', found: [{ start: 0, text: '维族', suggestion: '维吾尔族', severity: 'deduct' }] },
      { name: '台湾政府 (veto)', text: '台湾政府宣布', found: [{ start: 0, text: '台湾政府', suggestion: '台湾当局', severity: 'veto' }] },
      { name: '台湾总统 in 台湾总统选举', text: '台湾总统选举', found: [{ start: 0, text: '台湾总统', suggestion: '台湾地区领导人', severity: 'veto' }] },
      {
        name: '中华民国总统 even in quotes',
        text: '“中华民国总统”',
        found: [{ start: 1, text: '中华民国总统', suggestion: '台湾地区领导人', severity: 'veto' }],
      },
      { name: 'a bare 中华民国 (notice)', text: '中华民国驻外机构', found: [{ start: 0, text: '中华民国', suggestion: '“中华民国”', severity: 'notice' }] },
      { name: '国立 before a Taiwan school', text: '前往国立台湾大学交流', found: [{ start: 2, text: '国立台湾', suggestion: '台湾', severity: 'veto' }] },
      {
        name: '港澳台游客来华',
        text: '港澳台游客来华旅游人数增长',
        found: [{ start: 0, text: '港澳台游客来华', suggestion: '港澳台游客来大陆（内地）', severity: 'veto' }],
      },
      { name: '北朝鲜', text: '北朝鲜发射卫星', found: [{ start: 0, text: '北朝鲜', suggestion: '朝鲜', severity: 'deduct' }] },
      { name: '前苏联 (notice)', text: '前苏联解体后', found: [{ start: 0, text: '前苏联', suggestion: '苏联', severity: 'notice' }] },
      {
        name: '世界贸易组织成员国',
        text: '作为世界贸易组织成员国',
        found: [{ start: 2, text: '世界贸易组织成员国', suggestion: '世界贸易组织成员', severity: 'deduct' }],
      },
      {
        name: '香港特别行政区政府行政长官',
        text: '香港特别行政区政府行政长官出席',
        found: [{ start: 0, text: '香港特别行政区政府行政长官', suggestion: '香港特别行政区行政长官', severity: 'deduct' }],
      },
    ] as Array<{ name: string; text: string; found: ExpectedFinding[] }>
  ).map(({ name, text, found }) => ({ name, text, errors: found.map((f) => ({ messageId: 'term', ...f })) })),
});

describe('expression-banned-term on text', () => {
  it('invalid: words the message with the list part and the right form', () => {
    const [f] = tester.scan('台湾政府宣布');
    expect(f.message).toBe('“台湾政府”为禁用或慎用词（领土主权和港澳台），应为“台湾当局”');
  });

  it('without a segmenter, whole-word entries report nothing and the others still do', () => {
    expect(bare.scan('关爱瞎子和聋子')).toEqual([]);
    expect(bare.scan('台湾政府宣布').map((f) => f.text)).toEqual(['台湾政府']);
  });

  it('南朝鲜 is reported only on pages dated after diplomatic relations (1992-08-24)', () => {
    expect(tester.scan(page('1991-06-01', '美国军队撤出南朝鲜'))).toEqual([]);
    expect(tester.scan(page('2020-06-01', '美国军队撤出南朝鲜')).map((f) => [f.text, f.suggestion, f.severity])).toEqual([['南朝鲜', '韩国', 'notice']]);
  });
});

describe('expression-banned-term data', () => {
  it('curates the raw list: correct forms and advertising words are no entries', () => {
    const wrongs = new Set(xinhuaTerms.entries.map((e) => e.wrong));
    for (const right of ['残疾人', '盲人', '聋人', '智力障碍者', '智障者', '最佳', '最好', '根治', '台独']) expect(wrongs.has(right)).toBe(false);
    expect(wrongs.size).toBe(xinhuaTerms.entries.length);
  });

  it('finds every entry standing alone, with its right form, and never the right form', () => {
    for (const e of xinhuaTerms.entries) {
      expect(tester.scan(`。${e.wrong}。`).map((f) => f.suggestion)).toEqual([e.right]);
      expect(tester.scan(`。${e.right}。`)).toEqual([]);
    }
  });
});

describe('expression-banned-term on the correct official vocabulary', () => {
  const lines = readFileSync(join(__dirname, '../../../lib/data/correct-vocabulary/expressions.txt'), 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);

  it('reports nothing on any line of lib/data/correct-vocabulary/expressions.txt', () => {
    expect(lines.length).toBeGreaterThan(50);
    expect(lines.flatMap((l) => tester.scan(l).map((f) => `${l} → ${f.text}`))).toEqual([]);
  });
});
