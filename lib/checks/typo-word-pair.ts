import typoPairs from '../data/rules/typo-pairs.json';
import { defineCheck } from '../engine/define-check';
import { TYPO_INDICATOR } from './util/indicators';
import type { RuleEntry, RuleList } from '../engine/rule-data';
import { spanInContext } from '../engine/segmenter';
import { lexiconPool } from '../text/pattern-pool';
import type { CheckContext } from '../engine/types';

/**
 * 错别字 from a curated list of wrong → right forms (lib/data/rules/typo-pairs.json: 《咬文嚼字》's most
 * common errors, dictionary forms, slips that notices named). One pass of an Aho–Corasick automaton finds
 * the wrong forms; each hit is kept only where word segmentation, with the wrong forms added to its
 * dictionary, makes the hit one word in its context: 既使困难再大 → 既使/困难 (a slip for 即使), but
 * 既使用电脑又… → 既/使用 (no error). Without a segmenter the check reports nothing.
 */
interface TypoPair extends RuleEntry {
  wrong: string;
  right: string;
  /**
   * A word that is wrong only in one use (登陆, "to land", for 登录, "to log in"): a regular expression the text
   * right after it must match, within the clause, for the pair to fire (登陆政务服务网, 登陆系统, 登陆 APP).
   */
  followedBy?: string;
}

/** How far after a conditional wrong form its context is read (characters, within the clause). */
const FOLLOW_WINDOW = 12;
const CLAUSE_END = /[，。；！？,;!?\n]/;

const list = typoPairs as RuleList<TypoPair>;
const follow = list.entries.map((e) => (e.followedBy ? new RegExp(`^(?:${e.followedBy})`, 'u') : undefined));

/** The text after [.., end) that a conditional pair reads: up to FOLLOW_WINDOW characters, to the clause's end. */
function after(text: string, end: number): string {
  const window = text.slice(end, end + FOLLOW_WINDOW);
  const stop = window.search(CLAUSE_END);
  return stop < 0 ? window : window.slice(0, stop);
}

// Made at load, not at the first run: every list is in the pattern pool before its first scan (lib/text/pattern-pool.ts).
const automaton = lexiconPool.add(list.entries.map((e) => e.wrong));

export default defineCheck({
  meta: {
    id: 'typo-word-pair',
    category: 'typo',
    defaultSeverity: 'deduct',
    indicator: TYPO_INDICATOR,
    description: {
      'zh-CN':
        '按经核对的“错误写法→正确写法”词表（《咬文嚼字》当代汉语出版物中最常见的100个错别字、《现代汉语词典》、《第一批异形词整理表》、通报点名的错字）查找错别字；只在分词显示该错误写法在上下文中确实成词时报告（“既使用……又……”中的“既使”不报）；只在某种用法里算错的词，另看后文（“登陆”后接网站、平台、系统、账号等时应为“登录”，“台风登陆”不报）。',
      en: 'Finds wrongly written words from a checked wrong → right list (the 100 most common errors of 《咬文嚼字》, the standard dictionary, the first list of variant forms, slips named in notices); reported only where word segmentation shows the wrong form standing as a word in context; a word wrong in one use only is read with what follows (登陆 before a website, platform, system or account is 登录; 台风登陆 stands).',
    },
    messages: {
      pair: { 'zh-CN': '“{{wrong}}”应为“{{right}}”', en: '"{{wrong}}" should be "{{right}}"' },
    },
  },

  run(ctx: CheckContext) {
    const seg = ctx.segmenter;
    if (!seg) return;
    seg.addWords?.(list.entries.map((e) => e.wrong));
    const text = ctx.model.text;
    for (const m of automaton.matches(text)) {
      ctx.checkBudget();
      if (spanInContext(seg, text, m.start, m.end) !== 'token') continue;
      const e = list.entries[m.pattern];
      const context = follow[m.pattern];
      if (context && !context.test(after(text, m.end))) continue;
      ctx.report({ messageId: 'pair', data: { wrong: e.wrong, right: e.right }, start: m.start, end: m.end, suggestion: e.right, severity: e.severity });
    }
  },
});
