/**
 * Link checking for 可用性 (dead links: -0.2 on the home page, -0.1 elsewhere), shared by the CLI
 * and the extension's service worker. See link-checker.ts for how a link is checked.
 */
export { LinkChecker, DEFAULT_USER_AGENT, MAX_PER_HOST, RETRY_DELAY_MS } from './link-checker';
export type { CheckAllOptions, LinkCheckerOptions, LinkCheckResult, LinkVerdict } from './link-checker';
export { missingFragments } from './fragments';
export { cacheKey, classifyUrl } from './link-url';
export type { UrlClass } from './link-url';
export { detectSoft404 } from './soft-404';
export type { Soft404, Soft404Input, Soft404Rule } from './soft-404';
export { LINK_REASONS } from './reasons';
export type { LinkReasonCode } from './reasons';
export type { LimiterStats } from './host-limiter';
