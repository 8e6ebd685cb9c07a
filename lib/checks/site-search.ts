import { defineCheck } from '../engine/define-check';
import { isHomePage } from '../text-model/page-kind';
import { hasSiteFoot } from './util/site-foot';
import type { CheckContext, SearchEntry, SearchTestSummary } from '../engine/types';

/**
 * 站内搜索 (国办秘函〔2019〕19号, deduction item: no site search, or a search that does not work, −4, cap 4), judged
 * on a site's home page (lib/text-model/page-kind.ts `isHomePage`).
 *
 * - No search form, search box or link to the site's search service (lib/text-model/search-entries.ts) →
 *   未提供站内搜索 (page-level).
 * - The host ran the search test (lib/search: the background on the reviewer's action or once per site and
 *   round, the CLI when it checks links) and attached `model.searchTest`: broken → 站内搜索无法使用, with why
 *   (error status, error page, "nothing found" for the site's own name), placed on the search's text;
 *   untested (a time-out, a box only scripts submit, results a script loads) → 站内搜索未能检测, a 提示 that
 *   deducts nothing; works → nothing. Before the test runs the check says nothing about a present search.
 * Only the top frame of an HTML page that has a site foot is judged (an error page has no search to offer).
 * See docs/checks/site-search.md.
 */
/** The same address, query and fragment aside. */
function sameResource(a: string, b: string): boolean {
  try {
    const [x, y] = [new URL(a), new URL(b)];
    return x.origin === y.origin && x.pathname === y.pathname;
  } catch {
    return a === b;
  }
}

/** Whether the test ran on this entry (the summary names the URL requested; a box only scripts submit is tested as the page). */
function wasTested(entry: SearchEntry, test: SearchTestSummary, pageUrl: string): boolean {
  if (entry.kind === 'script') return test.term === '' && test.url === pageUrl;
  return sameResource(entry.action, test.url);
}

export default defineCheck({
  meta: {
    id: 'site-search',
    category: 'search',
    defaultSeverity: 'deduct',
    websiteOnly: true,
    topFrameOnly: true,
    indicator: { 'zh-CN': '站内搜索', en: 'Site search (站内搜索)' },
    description: {
      'zh-CN': '检查网站首页是否提供站内搜索，并在审读人员操作时（或每轮每站一次）提交一次检索，检测搜索能否使用：未提供或无法使用扣4分（上限4分）。',
      en: 'Checks that the home page offers a site search and, on the reviewer’s action (or once per site and round), submits one search to see that it works: none, or broken, −4 (cap 4).',
    },
    messages: {
      missing: { 'zh-CN': '网站首页未提供站内搜索', en: 'The home page offers no site search' },
      broken: { 'zh-CN': '站内搜索无法使用：{{reason}}', en: 'The site search does not work: {{reason}}' },
      untested: { 'zh-CN': '站内搜索未能检测：{{reason}}', en: 'The site search could not be tested: {{reason}}' },
    },
  },

  run(ctx: CheckContext) {
    const { model } = ctx;
    if (model.source !== 'html' || !model.isTopFrame || !isHomePage(model) || !hasSiteFoot(model)) return;
    const entries = model.searches ?? [];
    if (!entries.length) {
      ctx.report({
        messageId: 'missing',
        kind: 'missing',
        text: '',
        suggestion: '在网站首页显著位置提供站内搜索（搜索框或搜索入口），并确保检索结果准确可用',
      });
      return;
    }
    const test = model.searchTest;
    if (!test || test.verdict === 'works') return;
    const entry = entries.find((e) => e.start !== undefined && wasTested(e, test, model.url));
    const broken = test.verdict === 'broken';
    ctx.report({
      messageId: broken ? 'broken' : 'untested',
      kind: broken ? 'broken' : 'untested',
      ...(broken ? {} : { severity: 'notice' as const }),
      data: { reason: test.reason['zh-CN'], 'reason@en': test.reason.en, term: test.term, url: test.url },
      text: entry?.start !== undefined ? model.text.slice(entry.start, entry.end) : '',
      ...(entry?.start !== undefined && { start: entry.start, end: entry.end }),
      suggestion: broken ? '修复站内搜索，确保以网站名称、栏目或文章标题检索能返回正确结果' : '请人工在首页搜索框检索一次，确认能返回结果',
    });
  },
});
