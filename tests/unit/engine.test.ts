import { describe, expect, it } from 'vitest';
import { defineCheck } from '../../lib/engine/define-check';
import { runChecks } from '../../lib/engine/engine';
import { textModelFromPlainText } from '../../lib/text-model/from-text';
import type { Check } from '../../lib/engine/types';

const messages = { hit: { 'zh-CN': '命中“{{w}}”', en: 'hit "{{w}}"' } };
const meta = (id: string) => ({
  id,
  category: 'typo' as const,
  defaultSeverity: 'deduct' as const,
  indicator: { 'zh-CN': '错别字', en: 'typo' },
  description: { 'zh-CN': '测试', en: 'test' },
  messages,
});

/** Reports every occurrence of a word. */
const wordCheck = (id: string, word: string): Check =>
  defineCheck({
    meta: meta(id),
    run(ctx) {
      for (let i = ctx.model.text.indexOf(word); i !== -1; i = ctx.model.text.indexOf(word, i + 1)) {
        ctx.report({ messageId: 'hit', data: { w: word }, start: i, end: i + word.length, suggestion: '改' });
      }
    },
  });

const thrower = defineCheck({
  meta: meta('thrower'),
  run() {
    throw new Error('boom');
  },
});

describe('runChecks', () => {
  it('turns reports into findings with message, text, anchor and line', () => {
    const model = textModelFromPlainText('第一行\n第二行有错字\n', 'file:///t.txt');
    const { findings, errors } = runChecks(model, { today: '2026-11-22', checks: [wordCheck('w', '错字')] });
    expect(errors).toEqual([]);
    expect(findings).toHaveLength(1);
    const f = findings[0];
    expect(f).toMatchObject({
      check: 'w',
      category: 'typo',
      severity: 'deduct',
      text: '错字',
      start: 8,
      end: 10,
      line: 2,
      message: '命中“错字”',
      suggestion: '改',
    });
    expect(f.anchor).toEqual({ quote: '错字', prefix: '第一行\n第二行有', suffix: '\n', start: 8, end: 10 });
  });

  it('isolates a throwing check: the others still report', () => {
    const model = textModelFromPlainText('有错字', 'x');
    const { findings, errors } = runChecks(model, { today: '2026-11-22', checks: [thrower, wordCheck('w', '错字')] });
    expect(findings.map((f) => f.check)).toEqual(['w']);
    expect(errors).toEqual([{ check: 'thrower', kind: 'threw', message: 'boom' }]);
  });

  it('turns a check past its budget into a timeout error and drops its findings', () => {
    let t = 0;
    const slow = defineCheck({
      meta: meta('slow'),
      run(ctx) {
        for (let i = 0; i < 100; i++) {
          t += 10; // each step "takes" 10 ms on the fake clock
          ctx.report({ messageId: 'hit', data: { w: 'x' }, start: 0, end: 1 });
        }
      },
    });
    const model = textModelFromPlainText('有错字', 'x');
    const { findings, errors } = runChecks(model, { today: '2026-11-22', checks: [slow, wordCheck('w', '错字')], budgetMs: 50, clock: () => t });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ check: 'slow', kind: 'timeout' });
    expect(findings.map((f) => f.check)).toEqual(['w']);
  });

  it('reports an invalid range or an unknown message id as an engine error, not a crash', () => {
    const bad = defineCheck({
      meta: meta('bad'),
      run(ctx) {
        ctx.report({ messageId: 'hit', start: 5, end: 99 });
      },
    });
    // Widened to string on purpose: the engine's own guard is under test, not the type.
    const unknown = defineCheck<string>({
      meta: meta('unknown'),
      run(ctx) {
        ctx.report({ messageId: 'nope', start: 0, end: 1 });
      },
    });
    const { errors } = runChecks(textModelFromPlainText('短文本', 'x'), { today: '2026-11-22', checks: [bad, unknown] });
    expect(errors.map((e) => e.check)).toEqual(['bad', 'unknown']);
    expect(errors.every((e) => e.kind === 'threw')).toBe(true);
  });

  it('makes a message id the check does not declare a type error (tsc runs in npm test)', () => {
    const typed = defineCheck({
      meta: meta('typed'),
      run(ctx) {
        ctx.report({ messageId: 'hit', start: 0, end: 1 });
        // @ts-expect-error 'nope' is not among meta.messages
        ctx.report({ messageId: 'nope', start: 0, end: 1 });
      },
    });
    expect(Object.keys(typed.meta.messages)).toEqual(['hit']);
  });

  it('honours config: disabled checks, severity override, option defaults', () => {
    const seen: unknown[] = [];
    const withOpt = defineCheck({
      meta: { ...meta('opt'), options: { n: { type: 'number', default: 3, description: { 'zh-CN': 'n', en: 'n' } } } },
      run(ctx) {
        seen.push(ctx.options.n);
        ctx.report({ messageId: 'hit', data: { w: 'a' }, start: 0, end: 1 });
      },
    });
    const model = textModelFromPlainText('错字', 'x');
    expect(runChecks(model, { today: '2026-11-22', checks: [withOpt], config: { opt: false } }).findings).toEqual([]);
    const r = runChecks(model, { today: '2026-11-22', checks: [withOpt], config: { opt: { severity: 'veto', options: { n: 7 } } } });
    expect(r.findings[0].severity).toBe('veto');
    runChecks(model, { today: '2026-11-22', checks: [withOpt] });
    expect(seen).toEqual([7, 3]);
  });

  it('skips top-frame-only checks in frames and rejects a malformed today', () => {
    const top = defineCheck({
      meta: { ...meta('top'), topFrameOnly: true },
      run(ctx) {
        ctx.report({ messageId: 'hit', data: { w: '' }, text: 'page' });
      },
    });
    const model = { ...textModelFromPlainText('x', 'x'), isTopFrame: false };
    expect(runChecks(model, { today: '2026-11-22', checks: [top] }).findings).toEqual([]);
    expect(runChecks({ ...model, isTopFrame: true }, { today: '2026-11-22', checks: [top] }).findings[0]).toMatchObject({ text: 'page', check: 'top' });
    expect(() => runChecks(model, { today: '22/11/2026', checks: [] })).toThrow(/YYYY-MM-DD/);
  });

  it('skips website-only checks on a 政务新媒体 page', () => {
    const site = defineCheck({
      meta: { ...meta('site'), websiteOnly: true },
      run(ctx) {
        ctx.report({ messageId: 'hit', data: { w: '' }, text: 'footer' });
      },
    });
    const page = textModelFromPlainText('x', 'https://mp.weixin.qq.com/s/abc');
    expect(runChecks(page, { today: '2026-11-22', checks: [site] }).findings).toHaveLength(1);
    const account = { ...page, newMedia: { platform: 'wechat' as const, pageKind: 'article' as const, account: { url: page.url }, posts: [] } };
    expect(runChecks(account, { today: '2026-11-22', checks: [site] }).findings).toEqual([]);
  });
});

describe('ignore entries and the injected segmenter', () => {
  it('drops findings whose text a reviewer ignored, for one check or for all', () => {
    const model = textModelFromPlainText('甲乙丙 甲乙丙 丁戊', 'file:///t.txt');
    const run = (ignore: Array<{ text: string; check?: string }>) =>
      runChecks(model, { today: '2026-11-22', checks: [wordCheck('a', '甲乙丙'), wordCheck('b', '丁戊')], ignore }).findings.map((f) => `${f.check}:${f.text}`);
    expect(run([])).toEqual(['a:甲乙丙', 'a:甲乙丙', 'b:丁戊']);
    expect(run([{ text: '甲乙丙' }])).toEqual(['b:丁戊']);
    expect(run([{ text: '丁戊', check: 'a' }])).toEqual(['a:甲乙丙', 'a:甲乙丙', 'b:丁戊']);
    expect(run([{ text: '丁戊', check: 'b' }, { text: '甲乙' }])).toEqual(['a:甲乙丙', 'a:甲乙丙']);
  });

  it('passes the host segmenter to checks', () => {
    const seen: string[][] = [];
    const check = defineCheck({
      meta: meta('seg'),
      run(ctx) {
        seen.push(ctx.segmenter ? ctx.segmenter.cut(ctx.model.text) : []);
      },
    });
    const segmenter = { cut: (t: string) => [...t], isWord: () => false };
    runChecks(textModelFromPlainText('词语', 'x'), { today: '2026-11-22', checks: [check], segmenter });
    runChecks(textModelFromPlainText('词语', 'x'), { today: '2026-11-22', checks: [check] });
    expect(seen).toEqual([['词', '语'], []]);
  });
});

describe('one finding per slip', () => {
  const spanCheck = (id: string, category: 'typo' | 'privacy', start: number, end: number): Check =>
    defineCheck({
      meta: { ...meta(id), category },
      run(ctx) {
        ctx.report({ messageId: 'hit', data: { w: id }, start, end });
      },
    });

  it('drops a text finding inside another of the same category, keeps other categories and disjoint ones', () => {
    const model = textModelFromPlainText('打赢脱贫功坚战，开诚不公', 'x');
    const run = (list: Check[]) => runChecks(model, { today: '2026-11-22', checks: list }).findings.map((f) => `${f.check}:${f.start}-${f.end}`);
    expect(run([spanCheck('inner', 'typo', 4, 6), spanCheck('outer', 'typo', 2, 6), spanCheck('other', 'typo', 8, 12)])).toEqual(['outer:2-6', 'other:8-12']);
    // equal ranges: the check listed first stays
    expect(run([spanCheck('b', 'typo', 2, 6), spanCheck('a', 'typo', 2, 6)])).toEqual(['b:2-6']);
    // another category is another problem
    expect(run([spanCheck('inner', 'privacy', 4, 6), spanCheck('outer', 'typo', 2, 6)])).toEqual(['outer:2-6', 'inner:4-6']);
  });
});

describe('hostile text through the whole registry', () => {
  it.each([
    [
      '1 MB of Chinese without punctuation',
      () => {
        let s = '';
        const base = '持续优化营商环境提升政务服务水平深入开展扫黑除恶专项斗争';
        while (s.length < 1_000_000) s += base;
        return s;
      },
    ],
    ['1 MB of one character', () => '啊'.repeat(1_000_000)],
    ['1 MB of digits', () => '1'.repeat(1_000_000)],
    ['1 MB of made-up English words', () => Array.from({ length: 120_000 }, (_, i) => `qz${(i * 7919).toString(36)}x`).join(' ')],
    ['1 MB of doubled characters and particles', () => '的的地得了了在在'.repeat(125_000)],
  ])(
    '%s: every check finishes within its budget, no engine error',
    async (_name, make) => {
      const jieba = await import('jieba-wasm');
      const { jiebaSegmenter } = await import('../../lib/engine/segmenter');
      const { checks } = await import('../../lib/checks');
      const { loadNodeLanguageModel } = await import('../../cli/node-language-model');
      const { nodeSpeller } = await import('../../cli/node-speller');
      const text = make();
      const { errors, findings } = runChecks(textModelFromPlainText(text, 'file:///huge.txt'), {
        today: '2026-11-22',
        checks,
        segmenter: jiebaSegmenter(jieba),
        languageModel: loadNodeLanguageModel(),
        speller: nodeSpeller(),
      });
      expect(errors).toEqual([]);
      expect(findings.length).toBeLessThan(1000);
    },
    120_000,
  );
});

describe('忽略 after one finding per slip', () => {
  it('ignoring the wider finding does not bring back a narrower one inside it', () => {
    const span = (id: string, start: number, end: number): Check =>
      defineCheck({
        meta: meta(id),
        run(ctx) {
          ctx.report({ messageId: 'hit', data: { w: id }, start, end });
        },
      });
    const model = textModelFromPlainText('持续优化营商环镜', 'x');
    const { findings } = runChecks(model, { today: '2026-11-22', checks: [span('wide', 4, 8), span('narrow', 6, 8)], ignore: [{ text: '营商环镜' }] });
    expect(findings).toEqual([]);
  });
});
