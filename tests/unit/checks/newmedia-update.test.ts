import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/newmedia-update';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import { fixtureModel, fixtures } from '../newmedia/fixtures';
import { type ExpectedFinding, type InvalidCase, ruleTester, type ValidCase } from './rule-tester';
import type { NewMediaInfo, NewMediaPost, TextModel } from '../../../lib/engine/types';

const TODAY = '2026-11-22';
const tester = ruleTester(check, { today: TODAY });

/** A fixture page read under its URL. */
const onFixture = (file: string, today?: string): ValidCase => ({ text: file, model: () => fixtureModel(file), today });

/** A page whose text is `text` and whose newMedia is `info` (an account page of 云岭发布 on 微博 by default). */
function pageWith(name: string, posts: NewMediaPost[], info: Partial<NewMediaInfo> = {}, text = 'x'): ValidCase {
  return {
    text: name,
    model: (): TextModel => ({
      ...textModelFromPlainText(text, 'https://weibo.com/u/5555012345'),
      source: 'html',
      newMedia: { platform: 'weibo', pageKind: 'account', account: { name: '云岭发布', url: 'https://weibo.com/u/5555012345' }, posts, ...info },
    }),
  };
}
const post = (dateText: string, more: Partial<NewMediaPost> = {}): NewMediaPost => ({ dateText, pinned: false, imageOnly: false, ...more });

const stale = (text: string, more: ExpectedFinding = {}): ExpectedFinding => ({
  messageId: 'accountStale',
  kind: 'account-stale',
  severity: 'veto',
  text,
  suggestion: '核实该账号近2周是否发布新内容（置顶内容不算）；长期不更新的政务新媒体应整改，或按规定关停整合',
  ...more,
});
const unreadable = (kind: string): ExpectedFinding => ({
  messageId: 'unreadable',
  kind,
  severity: 'notice',
  text: '',
  start: undefined,
  end: undefined,
  messageContains: '未能检测（页面未加载完或需要登录）',
});

describe('newmedia-update meta', () => {
  it('is the 政务新媒体 veto of the stale category, on the top frame', () => {
    expect(check.meta).toMatchObject({ id: 'newmedia-update', category: 'stale', defaultSeverity: 'veto', topFrameOnly: true });
    expect(Object.keys(check.meta.messages)).toEqual(['articleStale', 'accountStale', 'accountStaleApprox', 'albumStale', 'unreadable']);
  });
});

describe('the fixtures on the review date (fixtures.json)', () => {
  tester.run({
    valid: fixtures.filter((f) => !f.finding).map((f) => onFixture(f.file)),
    invalid: fixtures
      .filter((f) => f.finding)
      .map((f): InvalidCase => {
        const { at, ...want } = f.finding!;
        const expected: ExpectedFinding = want.text === undefined ? { ...want, text: '', start: undefined } : { ...want, at };
        return { ...onFixture(f.file), errors: [expected] };
      }),
  });
});

tester.run({
  valid: [
    // Pinned old posts are not the newest post.
    onFixture('weibo-fresh.html'),
    onFixture('douyin-fresh.html'),
    onFixture('kuaishou-fresh.html'),
    onFixture('toutiao-fresh.html'),
    onFixture('wechat-history-fresh.html'),
    // Relative times resolve against the review date.
    onFixture('weibo-relative.html'),
    onFixture('douyin-relative.html'),
    onFixture('toutiao-relative.html'),
    // An article is not an account: its date says nothing about the account's updates.
    onFixture('wechat-article.html'),
    onFixture('wechat-article-unrendered.html'),
    pageWith('the newest post exactly 14 days old is within the window', [post('2026-11-08')]),
    pageWith('2周前 is at least 14 days: within the window by what the page says', [post('2周前')]),
    pageWith('the newest of unordered posts counts, not the first', [post('2026-10-01'), post('2026-11-20'), post('2026-09-01')]),
    pageWith('a page no adapter names is not judged', [], { pageKind: 'unknown', problem: 'no-posts' }),
    pageWith('an article without a wall is not judged', [], { pageKind: 'article', problem: 'no-posts' }),
    { text: 'a page off the platforms has no newMedia', model: () => textModelFromPlainText('云岭县人民政府', 'https://www.yl.gov.cn/') },
    { ...pageWith('a longer window (option)', [post('2026-10-20')]), options: { windowDays: 60 } },
    {
      ...pageWith('a frame is not judged', [post('2026-10-20')]),
      model: () => ({ ...pageWith('', [post('2026-10-20')]).model!(), isTopFrame: false }),
    },
  ],
  invalid: [
    {
      ...onFixture('weibo-stale.html'),
      errors: [
        stale('10-20 09:15', {
          at: 'only',
          message: '微博“云岭司法”最新一条内容（置顶除外）发布于 2026-10-20，距审读日期已 33 天，超过 14 天未更新',
          data: { platform: '微博', account: '云岭司法', newest: '2026-10-20', days: 33, window: 14, url: 'https://weibo.com/6666012345/OqRsT3456' },
        }),
      ],
    },
    {
      ...onFixture('kuaishou-relative.html'),
      errors: [
        stale('3周前', {
          messageId: 'accountStaleApprox',
          at: 'only',
          message: '快手“云岭交警”最新一条内容（置顶除外）页面显示为“3周前”，约发布于 2026-11-01（估算），距审读日期至少 21 天，超过 14 天未更新',
        }),
      ],
    },
    // The same fresh accounts, read weeks later.
    { ...onFixture('weibo-fresh.html', '2026-12-10'), errors: [stale('11-20 16:05', { at: 'only', data: { newest: '2026-11-20', days: 20 } })] },
    { ...onFixture('wechat-history-fresh.html', '2026-12-10'), errors: [stale('2026年11月18日', { data: { newest: '2026-11-18', days: 22 } })] },
    { ...pageWith('15 days is past the window', [post('2026-11-07')]), errors: [stale('2026-11-07', { start: undefined, data: { days: 15 } })] },
    {
      ...pageWith('a pinned post never counts as the newest', [post('2026-11-20', { pinned: true }), post('2026-10-01')]),
      errors: [stale('2026-10-01', { start: undefined, data: { newest: '2026-10-01', days: 52 } })],
    },
    {
      ...pageWith('a post with no range is reported on the page, its printed time as text', [post('10-20', { url: 'https://weibo.com/6666012345/A1' })]),
      errors: [stale('10-20', { start: undefined, end: undefined, data: { newest: '2026-10-20', url: 'https://weibo.com/6666012345/A1' } })],
    },
    {
      ...pageWith('a date set when the model was built is taken as it is', [post('3天前', { date: '2026-10-01' })]),
      errors: [stale('3天前', { start: undefined, data: { newest: '2026-10-01' } })],
    },
    {
      ...pageWith('an account with no name is 本账号', [post('2026-10-01')], { account: { url: 'https://weibo.com/u/1' } }),
      errors: [stale('2026-10-01', { start: undefined, messageContains: '微博“本账号”' })],
    },
    {
      ...pageWith('the range is on the newest post’s date text', [post('2026-10-01', { start: 5, end: 15 })], {}, '最新微博：2026-10-01 关于冬季用电'),
      errors: [stale('2026-10-01', { start: 5, end: 15 })],
    },
    {
      ...pageWith('a shorter window (option)', [post('2026-11-15')]),
      options: { windowDays: 3 },
      errors: [stale('2026-11-15', { start: undefined, data: { window: 3, days: 7 } })],
    },
    // Never 内容不更新 when the page cannot tell.
    { ...pageWith('only pinned posts', [post('2025-01-01', { pinned: true })], { problem: 'no-posts' }), errors: [unreadable('no-posts')] },
    { ...pageWith('posts whose times do not parse', [post('发布于很久以前'), post('')]), errors: [unreadable('undated')] },
    { ...pageWith('a login wall on an article', [], { pageKind: 'article', problem: 'login' }), errors: [unreadable('login')] },
    { ...onFixture('wechat-captcha.html'), errors: [unreadable('captcha')] },
    { ...onFixture('weibo-login.html'), errors: [unreadable('login')] },
    {
      ...onFixture('douyin-undated.html'),
      errors: [{ ...unreadable('undated'), message: '未能检测（页面未加载完或需要登录）：页面显示的内容未标明发布时间' }],
    },
    { ...onFixture('kuaishou-no-posts.html'), errors: [unreadable('no-posts')] },
    {
      ...onFixture('wechat-album.html'),
      errors: [
        {
          messageId: 'albumStale',
          kind: 'album-stale',
          severity: 'notice',
          text: '10月30日',
          at: 'only',
          message: '微信公众号“云岭发布”的合集“政务公开”最新一篇发布于 2026-10-30，已 23 天；合集只是账号的部分内容，请到账号主页核实 14 天内是否有更新',
        },
      ],
    },
  ],
});

describe("an article the reviewer marked as its account's newest", () => {
  const article = (markedNewest: boolean, date: string) =>
    pageWith('article', [post(date)], {
      pageKind: 'article',
      platform: 'wechat',
      account: { name: '云岭发布', url: 'https://mp.weixin.qq.com/s/x' },
      markedNewest,
    });

  it('is judged by its date when marked: older than 2 weeks → 内容不更新; within, nothing', () => {
    const found = tester.scan({ ...article(true, '2026-10-30') });
    expect(found.map((f) => [f.messageId, f.kind, f.severity])).toEqual([['articleStale', 'account-stale', 'veto']]);
    expect(found[0].message).toBe('微信公众号“云岭发布”最新发布（审读人员标记）于 2026-10-30，距审读日期已 23 天，超过 14 天未更新');
    expect(tester.scan({ ...article(true, '2026-11-20') })).toEqual([]);
  });

  it('says nothing about the account when not marked, however old', () => {
    expect(tester.scan({ ...article(false, '2025-01-01') })).toEqual([]);
  });
});
