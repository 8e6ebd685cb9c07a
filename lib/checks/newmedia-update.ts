import { defineCheck } from '../engine/define-check';
import type { CheckContext, NewMediaInfo, NewMediaPost } from '../engine/types';
import { PLATFORM_LABELS } from '../newmedia';
import { resolvePostDate } from '../newmedia/dates';
import { daysBetween } from '../text-model/dates';

/**
 * 政务新媒体 内容不更新 (国办秘函〔2019〕19号, 政务新媒体 单项否决: 监测时间点前2周内无更新). On an account's page read
 * by lib/newmedia/ (model.newMedia, pageKind 'account'), the newest post that is not pinned (置顶 posts are shown
 * first whatever their date) is compared with the review date: older than the window (14 days) → 内容不更新,
 * a veto, on that post's date text when the page shows it (`kind` 'account-stale'). Relative times (3天前,
 * 1个月前) resolve against the review date; weeks, months and years are the platforms' round-downs, so their date
 * is the newest the words allow and the message says it is an estimate.
 *
 * A page that cannot tell is never 内容不更新: a login wall, a captcha, no posts, or posts without a readable
 * time give one notice 未能检测（页面未加载完或需要登录） with the reason (login and captcha on an article page
 * too). A WeChat 合集 (album) is one topic of the account's, not all its posts: a stale album is a notice to look
 * at the account (`kind` 'album-stale'). See docs/checks/newmedia-update.md.
 */

/** The indicators' window: no new content in the 2 weeks before the check. */
const WINDOW_DAYS = 14;

/** Why a page could not be judged, in the reviewer's words. */
const REASONS: Record<NonNullable<NewMediaInfo['problem']>, string> = {
  login: '页面要求登录（或只能在客户端打开），未显示账号发布的内容',
  captcha: '页面要求完成安全验证（验证码、滑块），未显示账号发布的内容',
  'no-posts': '页面未显示账号发布的内容（置顶内容除外）',
  undated: '页面显示的内容未标明发布时间',
};

interface Newest {
  post: NewMediaPost;
  date: string;
  approximate: boolean;
}

/** The newest unpinned post with a readable time (the first in page order among equals; an exact date beats an estimate). */
function newestPost(posts: readonly NewMediaPost[], today: string): Newest | undefined {
  let newest: Newest | undefined;
  for (const post of posts) {
    if (post.pinned) continue;
    const resolved = post.date ? { date: post.date, approximate: !!post.approximate } : resolvePostDate(post.dateText, { date: today });
    if (!resolved) continue;
    const approximate = resolved.approximate || !!post.approximate;
    if (!newest || resolved.date > newest.date || (resolved.date === newest.date && newest.approximate && !approximate)) {
      newest = { post, date: resolved.date, approximate };
    }
  }
  return newest;
}

export default defineCheck({
  meta: {
    id: 'newmedia-update',
    category: 'stale',
    defaultSeverity: 'veto',
    topFrameOnly: true,
    indicator: {
      'zh-CN': '政务新媒体内容不更新（监测时间点前2周内无更新）',
      en: 'Government new-media account not updated (nothing new in the 2 weeks before the check)',
    },
    description: {
      'zh-CN':
        '在微信公众号、微博、抖音、快手、今日头条的账号页面上，取最新一条非置顶内容的发布时间（“3天前”“1个月前”等相对时间按审读日期换算），距审读日期超过2周即报告内容不更新（单项否决），标出该条的发布时间。页面需要登录、出现验证码、未显示内容或内容未标明时间时，只提示未能检测，不判为不更新。微信合集只是账号的部分内容，合集过期只作提示。',
      en: 'On a WeChat, Weibo, Douyin, Kuaishou or Toutiao account page, takes the newest post that is not pinned (relative times such as 3天前 resolved against the review date) and reports 内容不更新 (a veto) when it is more than 2 weeks older than the review date, on that post’s date. A login wall, a captcha, a page without posts or with undated posts gives a notice that the page could not be checked, never 内容不更新. A WeChat album is a part of the account: a stale album is a notice.',
    },
    messages: {
      articleStale: {
        'zh-CN': '{{platform}}“{{account}}”最新发布（审读人员标记）于 {{newest}}，距审读日期已 {{days}} 天，超过 {{window}} 天未更新',
        en: '{{platform}} account "{{account}}": its newest post (marked by the reviewer) is dated {{newest}}, {{days}} days before the review date: not updated for more than {{window}} days',
      },
      accountStale: {
        'zh-CN': '{{platform}}“{{account}}”最新一条内容（置顶除外）发布于 {{newest}}，距审读日期已 {{days}} 天，超过 {{window}} 天未更新',
        en: '{{platform}} account "{{account}}": the newest post (pinned ones aside) is dated {{newest}}, {{days}} days before the review date: not updated for more than {{window}} days',
      },
      accountStaleApprox: {
        'zh-CN':
          '{{platform}}“{{account}}”最新一条内容（置顶除外）页面显示为“{{printed}}”，约发布于 {{newest}}（估算），距审读日期至少 {{days}} 天，超过 {{window}} 天未更新',
        en: '{{platform}} account "{{account}}": the newest post (pinned ones aside) shows "{{printed}}", about {{newest}} (an estimate), at least {{days}} days before the review date: not updated for more than {{window}} days',
      },
      albumStale: {
        'zh-CN':
          '{{platform}}“{{account}}”的合集“{{album}}”最新一篇发布于 {{newest}}，已 {{days}} 天；合集只是账号的部分内容，请到账号主页核实 {{window}} 天内是否有更新',
        en: '{{platform}} account "{{account}}": its album "{{album}}" was last added to on {{newest}}, {{days}} days ago; an album is only part of the account: check the account for posts in the last {{window}} days',
      },
      unreadable: {
        'zh-CN': '未能检测（页面未加载完或需要登录）：{{reason}}',
        en: 'Could not check the account for updates (the page has not loaded, or needs a login): {{reason}}',
      },
    },
    options: {
      windowDays: {
        type: 'number',
        default: WINDOW_DAYS,
        description: { 'zh-CN': '更新时限（天）：最新内容早于审读日期这么多天即不更新', en: 'Window in days: a newest post older than this is stale' },
      },
    },
  },

  run(ctx: CheckContext) {
    const info = ctx.model.newMedia;
    if (!info || info.pageKind === 'unknown') return;
    const window = Number(ctx.options.windowDays) > 0 ? Number(ctx.options.windowDays) : WINDOW_DAYS;
    const unreadable = (problem: NonNullable<NewMediaInfo['problem']>) =>
      ctx.report({ messageId: 'unreadable', data: { reason: REASONS[problem], problem }, text: '', severity: 'notice', kind: problem });

    // A wall hides an article as much as an account; the other problems are an account page's.
    if (info.problem === 'login' || info.problem === 'captcha') return unreadable(info.problem);
    const marked = info.pageKind === 'article' && info.markedNewest === true;
    if (info.pageKind !== 'account' && !marked) return;
    if (info.problem) return unreadable(info.problem);
    const newest = newestPost(info.posts, ctx.today);
    if (!newest) return unreadable('undated');

    const days = daysBetween(newest.date, ctx.today);
    if (days <= window) return;
    const { post } = newest;
    const data = {
      platform: PLATFORM_LABELS[info.platform]['zh-CN'],
      account: info.account.name ?? info.account.id ?? '本账号',
      newest: newest.date,
      days,
      window,
      printed: post.dateText,
      url: post.url ?? '',
      title: post.title ?? '',
    };
    const where = post.start !== undefined && post.end !== undefined ? { start: post.start, end: post.end } : { text: post.dateText };
    if (info.album) {
      ctx.report({ messageId: 'albumStale', data: { ...data, album: info.album.name ?? '未命名' }, ...where, severity: 'notice', kind: 'album-stale' });
      return;
    }
    ctx.report({
      messageId: marked ? 'articleStale' : newest.approximate ? 'accountStaleApprox' : 'accountStale',
      data,
      ...where,
      kind: 'account-stale',
      suggestion: '核实该账号近2周是否发布新内容（置顶内容不算）；长期不更新的政务新媒体应整改，或按规定关停整合',
    });
  },
});
