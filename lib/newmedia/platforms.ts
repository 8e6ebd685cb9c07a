import type { MessageTemplates, NewMediaPlatform } from '../engine/types';

/**
 * The 政务新媒体 platforms as the notices name them (平台), apart from the adapters so that the ledger and the
 * export (lib/db, components/ledger) name them without loading the page readers.
 */
export const PLATFORM_LABELS: Record<NewMediaPlatform, MessageTemplates> = {
  wechat: { 'zh-CN': '微信公众号', en: 'WeChat' },
  weibo: { 'zh-CN': '微博', en: 'Weibo' },
  douyin: { 'zh-CN': '抖音', en: 'Douyin' },
  kuaishou: { 'zh-CN': '快手', en: 'Kuaishou' },
  toutiao: { 'zh-CN': '今日头条', en: 'Toutiao' },
};

/** Every platform, in the order the ledger offers them (a backup's `platform` must be one of them). */
export const NEW_MEDIA_PLATFORMS = Object.keys(PLATFORM_LABELS) as NewMediaPlatform[];
