import xinhuaTerms from '../data/rules/xinhua-terms.json';
import { defineCheck } from '../engine/define-check';
import { insideException, leftmostLongest } from './util/matching';
import type { RuleEntry, RuleList } from '../engine/rule-data';
import { spanInContext } from '../engine/segmenter';
import { lexiconPool } from '../text/pattern-pool';
import type { CheckContext } from '../engine/types';

/**
 * Terms of 新华社《新闻信息报道中的禁用词和慎用词》(2016 revision, 2015 first batch, 2026 batch) that a
 * government page can carry, each with its correct form (lib/data/rules/xinhua-terms.json): 残废人 → 残疾人,
 * 台湾政府 → 台湾当局, 北朝鲜 → 朝鲜, 世界贸易组织成员国 → 世界贸易组织成员 … Each entry carries its severity:
 * veto for sovereignty and territory, deduct for other naming errors, notice where the form can be right in
 * context.
 *
 * One Aho–Corasick pass; of overlapping hits the leftmost-longest wins (台湾当局行政院 over 台湾行政院…).
 * A hit is dropped inside a listed longer string (exceptions: 朝鲜族 for 鲜族), after/before listed context,
 * or as a mention: in quotation marks (台湾“行政院”, “中华民国”) or after 所谓, unless the entry forbids even
 * that (中华民国总统). Entries marked `whole` must sit on word boundaries of the segmentation of a short
 * window (瞎子 but not 瞎子摸象, 村长 but not 农村长期); without a segmenter those entries report nothing.
 * See docs/checks/expression-banned-term.md.
 */

interface TermEntry extends RuleEntry {
  wrong: string;
  right: string;
  /** Part of the 新华社 list: 时政和社会生活, 法律法规, 民族宗教, 领土主权和港澳台, 国际关系. */
  part: string;
  whole?: boolean;
  exceptions?: string[];
  notPrecededBy?: string[];
  notFollowedBy?: string[];
  /** YYYY-MM-DD: reported only on pages dated on or after it (publish date, or today when the page has none). */
  since?: string;
  /** Default true: quoted or after 所谓 is a mention, not a use. */
  mentionAllowed?: boolean;
}

const list = xinhuaTerms as RuleList<TermEntry>;
const OPEN_QUOTES = '“"‘「『';
const CLOSE_QUOTES = '”"’」』';

/** A quoted term (“中华民国”) or one after 所谓 is mentioned, not used. */
function isMention(text: string, start: number, end: number): boolean {
  const open = text[start - 1];
  const close = text[end];
  if (open && close && OPEN_QUOTES.includes(open) && CLOSE_QUOTES.includes(close)) return true;
  const before = text.slice(Math.max(0, start - 4), start);
  return /所谓的?[“"‘「『]?$/.test(before);
}

// Made at load, not at the first run: every list is in the pattern pool before its first scan (lib/text/pattern-pool.ts).
const automaton = lexiconPool.add(list.entries.map((e) => e.wrong));

export default defineCheck({
  meta: {
    id: 'expression-banned-term',
    category: 'expression',
    defaultSeverity: 'deduct',
    indicator: {
      'zh-CN': '严重问题：严重表述错误（新华社禁用词和慎用词）',
      en: 'Serious problem: seriously wrong expression (Xinhua banned and cautioned terms)',
    },
    description: {
      'zh-CN':
        '按经整理的新华社《新闻信息报道中的禁用词和慎用词》（2016年7月修订，含2015年第一批和2026年新一批涉领土主权和港澳台内容）查找政府网站可能出现的禁用词，并给出规范用语：如残废人→残疾人、台湾政府→台湾当局、北朝鲜→朝鲜、港澳台游客来华→来大陆（内地）。涉及主权、领土的按单项否决，其他称谓错误扣分，语境可能正确的仅作提示；加引号或“所谓”后的提及不报告（“中华民国总统”除外）。',
      en: 'Finds terms of the curated Xinhua list of banned and cautioned terms (2016 revision, with the 2015 first batch and the 2026 batch on territory and Hong Kong, Macao, Taiwan) that a government page can carry, with the correct form: 残废人→残疾人, 台湾政府→台湾当局, 北朝鲜→朝鲜 … Sovereignty and territory terms are veto items, other naming errors deductions, context-dependent ones notices; quoted mentions and mentions after 所谓 are not reported (except 中华民国总统).',
    },
    messages: {
      term: {
        'zh-CN': '“{{wrong}}”为禁用或慎用词（{{part}}），应为“{{right}}”',
        en: '"{{wrong}}" is a banned or cautioned term ({{part}}); use "{{right}}"',
      },
    },
  },

  run(ctx: CheckContext) {
    const text = ctx.model.text;
    const seg = ctx.segmenter;
    const pageDate = ctx.model.publishDate?.date ?? ctx.today;
    for (const m of leftmostLongest(automaton.findAll(text))) {
      ctx.checkBudget();
      const e = list.entries[m.pattern];
      if (e.since && pageDate < e.since) continue;
      if (insideException(text, m.start, e.wrong, e.exceptions)) continue;
      if (e.notPrecededBy?.some((s) => text.endsWith(s, m.start))) continue;
      if (e.notFollowedBy?.some((s) => text.startsWith(s, m.end))) continue;
      if (e.mentionAllowed !== false && isMention(text, m.start, m.end)) continue;
      if (e.whole && (!seg || spanInContext(seg, text, m.start, m.end) === 'crossing')) continue;
      ctx.report({
        messageId: 'term',
        data: { wrong: e.wrong, right: e.right, part: e.part },
        start: m.start,
        end: m.end,
        suggestion: e.right,
        severity: e.severity,
      });
    }
  },
});
