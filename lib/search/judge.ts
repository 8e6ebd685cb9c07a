/**
 * Reads the answer to one site-search submission (lib/search/search-test.ts) and says whether the search
 * works. Only clear evidence makes it broken (站内搜索无法使用): the request fails, the server answers with an
 * error status, the result is an error page (soft 404), or the page says it found nothing for words that are
 * on the site's own home page. A time-out, or a result page that shows neither results nor "nothing found"
 * (results a script loads later), is untested (未能检测): a reviewer checks it by hand, nothing is deducted.
 */
import { formatMessage } from '../i18n/messages';
import type { MessageTemplates, SearchTestSummary } from '../engine/types';
import type { RuleEntry, RuleList } from '../engine/rule-data';
import type { Exchange } from '../links/request';
import { detectSoft404 } from '../links/soft-404';
import { pageText } from '../links/page-text';
import { isHomePath } from '../links/link-url';
import { decodeBytes } from '../text-model/decode';
import phraseList from './no-result-phrases.json';

/** The short reason of every search verdict, per code, in both locales. */
export const SEARCH_REASONS = {
  works: { 'zh-CN': '检索“{{term}}”返回了结果', en: 'searching for "{{term}}" returned results' },
  found: { 'zh-CN': '检索“{{term}}”返回 {{count}} 条结果', en: 'searching for "{{term}}" returned {{count}} results' },
  'no-result': {
    'zh-CN': '检索首页上的“{{term}}”，结果页显示“{{evidence}}”',
    en: 'searching for "{{term}}", which is on the home page, the result page says "{{evidence}}"',
  },
  status: { 'zh-CN': '检索请求返回 HTTP {{status}}', en: 'the search request answered HTTP {{status}}' },
  soft404: { 'zh-CN': '检索结果为错误页：“{{evidence}}”', en: 'the search result is an error page: "{{evidence}}"' },
  network: { 'zh-CN': '检索请求无法连接（{{detail}}）', en: 'the search request could not connect ({{detail}})' },
  timeout: { 'zh-CN': '检索请求 {{seconds}} 秒内无响应，未能检测', en: 'no answer to the search within {{seconds}} s; not tested' },
  unclear: {
    'zh-CN': '结果页未显示结果条数（可能由脚本加载），未能检测，请人工检索“{{term}}”',
    en: 'the result page shows no result count (a script may load it); not tested, search for "{{term}}" by hand',
  },
  'not-text': { 'zh-CN': '检索结果不是网页（{{type}}），未能检测', en: 'the search result is not a web page ({{type}}); not tested' },
  script: {
    'zh-CN': '搜索框由页面脚本提交，未能自动检测，请人工检索',
    en: 'the search box is submitted by the page’s scripts; not tested automatically, search by hand',
  },
  'no-term': {
    'zh-CN': '首页上找不到可用作检索词的网站名称或标题，未能检测',
    en: 'no site name or headline on the home page to search for; not tested',
  },
  'link-ok': { 'zh-CN': '搜索页可以打开（未提交检索词）', en: 'the search page opens (no words submitted)' },
} satisfies Record<string, MessageTemplates>;

/** A search verdict's reason code. */
export type SearchReasonCode = keyof typeof SEARCH_REASONS;

/** Both locales of a reason. */
export function searchReason(code: SearchReasonCode, data: Record<string, string | number> = {}): MessageTemplates {
  return { 'zh-CN': formatMessage(SEARCH_REASONS[code], data, 'zh-CN'), en: formatMessage(SEARCH_REASONS[code], data, 'en') };
}

interface PhraseEntry extends RuleEntry {
  pattern: string;
}

const NO_RESULT = new RegExp((phraseList as RuleList<PhraseEntry>).entries.map((e) => `(?:${e.pattern})`).join('|'), 'i');
/** A count of results above zero: 共找到 12 条, 检索到相关结果 3 篇, 约 1,024 条. */
const RESULT_COUNT = /(?:共|找到|检索到|搜索到|查询到|命中)(?:相关)?(?:结果|信息|记录|内容)?(?:约|共)?\s*([1-9][\d,]*)\s*(?:条|个|篇|项|份)/;
/** An opening tag hidden in the markup (a "nothing found" block a script shows only when needed). */
const HIDDEN_OPEN = /<(\w+)\b[^>]*(?:style\s*=\s*["'][^"']*(?:display\s*:\s*none|visibility\s*:\s*hidden)[^"']*["']|\shidden(?=[\s>=/]))[^>]*>/gi;
/** Elements that have no end tag. */
const VOID = /^(?:area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)$/i;

/** The markup without its hidden elements, nested blocks of the same name included (a walk over tags, no parser). */
export function withoutHidden(html: string): string {
  let out = '';
  let from = 0;
  HIDDEN_OPEN.lastIndex = 0;
  for (let m = HIDDEN_OPEN.exec(html); m; m = HIDDEN_OPEN.exec(html)) {
    out += html.slice(from, m.index);
    const name = m[1];
    let end = m.index + m[0].length;
    if (!VOID.test(name) && !m[0].endsWith('/>')) {
      const tags = new RegExp(`<(/?)${name}\\b[^>]*>`, 'gi');
      tags.lastIndex = end;
      let depth = 1;
      end = html.length; // never closed: hidden to the end
      for (let t = tags.exec(html); t; t = tags.exec(html)) {
        depth += t[1] ? -1 : 1;
        if (depth === 0) {
          end = t.index + t[0].length;
          break;
        }
      }
    }
    out += ' ';
    from = end;
    HIDDEN_OPEN.lastIndex = end;
  }
  return out + html.slice(from);
}

/** Home-page paths: a logo or 首页 link in a result page's template is no result. */
const isHomeLink = (path: string): boolean =>
  /^(?:\.\/)?$|^#|^javascript:/i.test(path) || (path.startsWith('/') && isHomePath(new URL(path, 'http://home.invalid')));

/** Links whose text holds the words and that lead somewhere other than the home page: results. */
function resultLinks(html: string, term: string): number {
  if (!term) return 0;
  let n = 0;
  for (const m of html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi)) {
    const href = (/\bhref\s*=\s*["']?([^"'\s>]*)/i.exec(m[1])?.[1] ?? '').trim();
    let path = href;
    try {
      if (/^https?:/i.test(href)) path = new URL(href).pathname;
    } catch {
      // a malformed href is judged as written
    }
    if (isHomeLink(path)) continue;
    if (pageText(m[2]).text.includes(term)) n++;
  }
  return n;
}

function snippet(text: string, index: number, length: number): string {
  return text.slice(Math.max(0, index - 10), index + length + 10).trim();
}

/** One submission to judge: the exchange, what was requested, the words, the time-out used. */
export interface JudgeInput {
  exchange: Exchange;
  /** The URL requested (the form's action, with the query for a GET). */
  url: string;
  term: string;
  timeoutMs: number;
}

/** The verdict on one submission; `term` '' for a link to the search page (it only has to open). */
export function judgeSearch({ exchange, url, term, timeoutMs }: JudgeInput): SearchTestSummary {
  const base = { term, url };
  if (exchange.kind === 'failure') {
    if (exchange.failure === 'timeout')
      return { ...base, verdict: 'untested', reason: searchReason('timeout', { seconds: Number((timeoutMs / 1000).toFixed(timeoutMs < 1000 ? 1 : 0)) }) };
    return { ...base, verdict: 'broken', reason: searchReason('network', { detail: exchange.detail }) };
  }
  const { status } = exchange;
  if (status >= 400) return { ...base, verdict: 'broken', status, reason: searchReason('status', { status }) };
  const type = exchange.headers.get('content-type');
  if (!exchange.body) {
    return { ...base, verdict: 'untested', status, reason: searchReason('not-text', { type: (type ?? '').split(';')[0] || '?' }) };
  }
  const html = decodeBytes(exchange.body, { contentType: type, html: true }).text;
  // An error page in disguise: redirected to /404.html or the home page, or titled 页面不存在.
  const soft = detectSoft404({ linkUrl: new URL(url), finalUrl: new URL(exchange.url || url), html, truncated: exchange.truncated });
  if (soft && soft.rule !== 'body') return { ...base, verdict: 'broken', status, reason: searchReason('soft404', { evidence: soft.evidence }) };
  // A link to the search page (nothing submitted): it opens.
  if (!term)
    return {
      ...base,
      verdict: soft ? 'broken' : 'works',
      status,
      reason: soft ? searchReason('soft404', { evidence: soft.evidence }) : searchReason('link-ok'),
    };
  const visible = withoutHidden(html);
  const text = pageText(visible).text;
  const count = RESULT_COUNT.exec(text);
  if (count) return { ...base, verdict: 'works', status, reason: searchReason('found', { term, count: count[1] }) };
  const none = NO_RESULT.exec(text);
  if (none) return { ...base, verdict: 'broken', status, reason: searchReason('no-result', { term, evidence: snippet(text, none.index, none[0].length) }) };
  if (soft) return { ...base, verdict: 'broken', status, reason: searchReason('soft404', { evidence: soft.evidence }) };
  // Results listed as links holding the words (the template's own name in its header and footer is no result).
  if (resultLinks(visible, term) > 0) return { ...base, verdict: 'works', status, reason: searchReason('works', { term }) };
  return { ...base, verdict: 'untested', status, reason: searchReason('unclear', { term }) };
}
