import { describe, expect, it } from 'vitest';
import { checks } from '../../lib/checks';
import { citedErrorSpans, withoutCitedErrors } from '../../lib/engine/cited-errors';
import { textFindings } from './checks/rule-tester';

const scan = (text: string) => textFindings(text, '2026-12-07', checks);

describe('quotations that cite a wrong form', () => {
  it.each([
    ['将“开诚布公”错写为“开诚不公”。', ['开诚不公']],
    ['“以习近平总书记为核心的党中央”表述错误。', ['以习近平总书记为核心的党中央']],
    ['网民反映的“营商环镜”应为“营商环境”。', ['营商环镜']],
    ['英文名称误写成“Goverment”。', ['Goverment']],
  ])('%s', (text, quoted) => {
    expect(citedErrorSpans(text).map(([s, e]) => text.slice(s, e))).toEqual(quoted);
  });

  it.each([['他说“我们要开诚不公”。'], ['坚持“稳中求进”工作总基调，营商环境“好不好”企业说了算。'], ['错写为别字的问题已整改，“开诚布公”是成语。']])(
    'quote nothing as cited: %s',
    (text) => {
      expect(citedErrorSpans(text)).toEqual([]);
    },
  );

  it('drops the typo and expression findings inside a cited form, and nothing else', () => {
    const findings = [
      { category: 'typo', start: 11, end: 15 },
      { category: 'typo', start: 0, end: 2 },
      { category: 'privacy', start: 11, end: 15 },
      { category: 'stale' },
    ];
    expect(withoutCitedErrors(findings, '将“开诚布公”错写为“开诚不公”。')).toEqual(findings.slice(1));
  });

  it('a notice quoting the errors it reports gets no finding on them; the same slip in running text does', () => {
    expect(scan('梁河县防震减灾局在工作动态栏发布的内容中将“开诚布公”错写为“开诚不公”。')).toEqual([]);
    expect(scan('“以习近平总书记为核心的党中央”表述错误。')).toEqual([]);
    expect(scan('我们要做到开诚不公，接受监督。').map((f) => f.text)).toEqual(['开诚不公']);
  });
});
