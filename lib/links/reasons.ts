/**
 * The short reason every link result carries, per code, in both locales. A result keeps its code and
 * data too, so a UI can render it again in any locale (as findings keep messageId + data).
 */
import { formatMessage } from '../i18n/messages';
import type { MessageTemplates } from '../engine/types';

/** The short reason of every link verdict, per code, in both locales. */
export const LINK_REASONS = {
  ok: { 'zh-CN': '可以正常访问', en: 'opens normally' },
  'skipped-scheme': { 'zh-CN': '非网页链接（{{scheme}}），不检查', en: 'not a web link ({{scheme}}), not checked' },
  'not-granted': { 'zh-CN': '未获授权访问该网站（{{host}}），不检查', en: 'no permission for this site ({{host}}), not checked' },
  // dead: the link does not open, for anyone, now or later
  'invalid-url': { 'zh-CN': '链接地址无效', en: 'invalid URL' },
  dns: { 'zh-CN': '域名无法解析', en: 'host name does not resolve' },
  refused: { 'zh-CN': '服务器拒绝连接', en: 'connection refused' },
  'blocked-port': { 'zh-CN': '端口被浏览器禁止访问', en: 'port blocked by browsers' },
  'http-404': { 'zh-CN': '页面不存在（HTTP 404）', en: 'not found (HTTP 404)' },
  'http-410': { 'zh-CN': '页面已删除（HTTP 410）', en: 'gone (HTTP 410)' },
  'redirect-loop': { 'zh-CN': '重定向循环', en: 'redirect loop' },
  'too-many-redirects': { 'zh-CN': '重定向超过 {{max}} 次', en: 'more than {{max}} redirects' },
  // error: the server fails
  'http-5xx': { 'zh-CN': '服务器错误（HTTP {{status}}），重试后仍失败', en: 'server error (HTTP {{status}}) after a retry' },
  'http-4xx': { 'zh-CN': '请求被拒绝（HTTP {{status}}）', en: 'request refused (HTTP {{status}})' },
  'http-other': { 'zh-CN': '异常响应（HTTP {{status}}）', en: 'unexpected response (HTTP {{status}})' },
  'bad-redirect': { 'zh-CN': '重定向目标缺失或无效（HTTP {{status}}）', en: 'redirect without a valid target (HTTP {{status}})' },
  network: { 'zh-CN': '网络错误，重试后仍失败（{{detail}}）', en: 'network error after a retry ({{detail}})' },
  // soft404: answers 200 but is an error page
  'soft404-title': { 'zh-CN': '页面标题显示为错误页：“{{evidence}}”', en: 'the title says it is an error page: "{{evidence}}"' },
  'soft404-body': { 'zh-CN': '页面内容显示不存在或已删除：“{{evidence}}”', en: 'the page says it is missing or deleted: "{{evidence}}"' },
  'soft404-home': { 'zh-CN': '深层链接被重定向到首页 {{evidence}}', en: 'a deep link redirects to the home page {{evidence}}' },
  'soft404-error-page': { 'zh-CN': '被重定向到错误页 {{evidence}}', en: 'redirects to an error page {{evidence}}' },
  // suspect: may open in a browser; shown separately, not counted as dead
  'http-401': { 'zh-CN': '需要登录（HTTP 401）', en: 'login required (HTTP 401)' },
  'http-403': { 'zh-CN': '拒绝访问（HTTP 403），可能屏蔽了自动检查', en: 'forbidden (HTTP 403); the site may block automated checks' },
  'http-429': { 'zh-CN': '请求过多（HTTP 429），等待重试后仍被限制', en: 'too many requests (HTTP 429), still limited after waiting' },
  blocked: { 'zh-CN': '服务器拒绝自动检查（HTTP {{status}}）', en: 'the server refuses automated checks (HTTP {{status}})' },
  timeout: { 'zh-CN': '{{seconds}} 秒内无响应（已重试）', en: 'no answer within {{seconds}} s (retried)' },
  'redirect-scheme': { 'zh-CN': '重定向到非网页地址（{{scheme}}）', en: 'redirects to a non-web address ({{scheme}})' },
} satisfies Record<string, MessageTemplates>;

/** A link verdict's reason code. */
export type LinkReasonCode = keyof typeof LINK_REASONS;

/** Reasons that are about the redirects themselves (or fine with them): no "after n redirects" prefix. */
const SAYS_ITS_CHAIN = new Set<LinkReasonCode>(['ok', 'redirect-loop', 'too-many-redirects', 'redirect-scheme', 'soft404-home', 'soft404-error-page']);

/** Renders a reason in both locales; a result that went through redirects says so first. */
export function renderReason(code: LinkReasonCode, data: Record<string, string | number>, hops = 0): MessageTemplates {
  const zh = formatMessage(LINK_REASONS[code], data, 'zh-CN');
  const en = formatMessage(LINK_REASONS[code], data, 'en');
  if (hops === 0 || SAYS_ITS_CHAIN.has(code)) return { 'zh-CN': zh, en };
  return { 'zh-CN': `经 ${hops} 次重定向后：${zh}`, en: `after ${hops} redirect${hops > 1 ? 's' : ''}: ${en}` };
}
