import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import typoPoliticalPhrase from '../../../lib/checks/typo-political-phrase';
import { runChecks } from '../../../lib/engine/engine';
import { adapters, platformPage, readNewMedia } from '../../../lib/newmedia';
import { detectWall } from '../../../lib/newmedia/fallback';
import weibo from '../../../lib/newmedia/weibo';
import { buildTextModel } from '../../../lib/text-model/build';
import { sharedSegmenter } from '../checks/rule-tester';
import { FIXTURE_DIR, fixture, fixtureDoc, fixtureHtml, fixtureModel, fixtures, REVIEW_DATE } from './fixtures';
import type { NewMediaInfo, TextModel } from '../../../lib/engine/types';

const info = (file: string, opts = {}): NewMediaInfo => {
  const m = fixtureModel(file, opts).newMedia;
  if (!m) throw new Error(`${file}: no newMedia`);
  return m;
};
/** The posts as [dateText, date, pinned] rows. */
const rows = (i: NewMediaInfo) => i.posts.map((p) => [p.dateText, p.date ?? null, p.pinned]);

describe('which adapter reads a URL', () => {
  it.each([
    ['https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOpQrStUv', 'wechat', 'wechat-article', 'article'],
    ['https://mp.weixin.qq.com/s?__biz=MzA5NzYxMjM0NQ==&mid=2650012345&idx=1&sn=0a1b2c3d#rd', 'wechat', 'wechat-article', 'article'],
    ['https://mp.weixin.qq.com/mp/appmsgalbum?__biz=MzA5NzYxMjM0NQ==&action=getalbum&album_id=3123456789012345678', 'wechat', 'wechat-album', 'account'],
    ['https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=MzA5NzYxMjM0NQ==&scene=124#wechat_redirect', 'wechat', 'wechat-album', 'account'],
    ['https://weibo.com/u/5555012345', 'weibo', 'weibo', 'account'],
    ['https://www.weibo.com/u/5555012345?tabtype=feed', 'weibo', 'weibo', 'account'],
    ['https://weibo.com/yunlingsf', 'weibo', 'weibo', 'account'],
    ['https://weibo.com/n/平安云岭', 'weibo', 'weibo', 'account'],
    ['https://weibo.com/5555012345/PeFgH5678', 'weibo', 'weibo', 'article'],
    ['https://m.weibo.cn/u/5555012345', 'weibo', 'weibo', 'account'],
    ['https://m.weibo.cn/profile/5555012345', 'weibo', 'weibo', 'account'],
    ['https://m.weibo.cn/detail/4950000000000000', 'weibo', 'weibo', 'article'],
    ['https://m.weibo.cn/status/PeFgH5678', 'weibo', 'weibo', 'article'],
    ['https://www.douyin.com/user/MS4wLjABAAAAyunlingfabu0123456789abcdefghijklmnopqrstu', 'douyin', 'douyin', 'account'],
    ['https://www.douyin.com/user/MS4wLjABAAAAyunlingfabu0123?from_tab_name=main&vid=7500000000000000101', 'douyin', 'douyin', 'account'],
    ['https://www.douyin.com/video/7500000000000000101', 'douyin', 'douyin', 'article'],
    ['https://www.douyin.com/note/7500000000000000099', 'douyin', 'douyin', 'article'],
    ['https://www.kuaishou.com/profile/3xyunling0123abcd', 'kuaishou', 'kuaishou', 'account'],
    ['https://live.kuaishou.com/profile/3xyunling0123abcd', 'kuaishou', 'kuaishou', 'account'],
    ['https://www.kuaishou.com/short-video/3xabcdefgh123456', 'kuaishou', 'kuaishou', 'article'],
    ['https://www.toutiao.com/c/user/token/MS4wLjABAAAAyunlingtoutiao0123456789abcdef/', 'toutiao', 'toutiao', 'account'],
    ['https://www.toutiao.com/c/user/token/MS4wLjABAAAAyunlingtoutiao0123456789abcdef/?source=profile&tab=article', 'toutiao', 'toutiao', 'account'],
    ['https://www.toutiao.com/c/user/98765432101/', 'toutiao', 'toutiao', 'account'],
    ['https://m.toutiao.com/profile/98765432101/', 'toutiao', 'toutiao', 'account'],
    ['https://www.toutiao.com/article/7400000000000000123/', 'toutiao', 'toutiao', 'article'],
    ['https://www.toutiao.com/w/7400000000000000124/', 'toutiao', 'toutiao', 'article'],
  ])('%s → %s (%s, %s)', (url, platform, adapter, kind) => {
    expect(platformPage(url)).toMatchObject({ platform, adapter: { id: adapter }, kind });
  });

  it.each([
    ['https://weibo.com/hot/search', 'weibo'],
    ['https://weibo.com/login.php', 'weibo'],
    ['https://weibo.com/', 'weibo'],
    ['https://passport.weibo.com/visitor/visitor?entry=miniblog', 'weibo'],
    ['https://www.douyin.com/user/self', 'douyin'],
    ['https://www.douyin.com/', 'douyin'],
    ['https://www.toutiao.com/', 'toutiao'],
    ['https://mp.weixin.qq.com/', 'wechat'],
  ])('%s is a %s page no adapter names: unknown', (url, platform) => {
    const page = platformPage(url);
    expect(page).toMatchObject({ platform, kind: 'unknown' });
    expect(page?.adapter).toBeUndefined();
  });

  it.each([
    'https://www.lincang.gov.cn/zwgk/tzgg/202611/t20261120_1.html',
    'http://127.0.0.1:8080/article.html',
    'https://weixin.qq.com/',
    'https://notweibo.com/u/123',
    'file:///tmp/page.html',
    'not a url',
  ])('%s is no platform page', (url) => {
    expect(platformPage(url)).toBeUndefined();
  });

  it('has one adapter per module, each named by its file', () => {
    const ids = adapters.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(readFileSync(join(__dirname, '../../../lib/newmedia', `${id}.ts`), 'utf8')).toContain(`id: '${id}'`);
  });
});

describe('every fixture', () => {
  it.each(fixtures.map((f) => [f.file, f] as const))('%s: its platform and page kind, each post date placed on its text', (file, f) => {
    const model = fixtureModel(file);
    expect(model.newMedia).toMatchObject({ platform: f.platform, pageKind: f.pageKind });
    for (const p of model.newMedia!.posts) {
      if (p.start === undefined) continue;
      expect(model.text.slice(p.start, p.end)).toBe(p.dateText);
    }
    // The comment at the top of the page names the URL it is read under.
    expect(fixtureHtml(file)).toContain(`URL: ${f.url}`);
  });

  it('is listed in fixtures.json', () => {
    const listed = fixtures.map((f) => f.file).sort();
    const onDisk = readdirSync(FIXTURE_DIR)
      .filter((n) => n.endsWith('.html'))
      .sort();
    expect(listed).toEqual(onDisk);
  });
});

describe('WeChat (微信公众号)', () => {
  it('reads an article: title, 公众号, __biz, the printed time on its text, the script timestamp', () => {
    const model = fixtureModel('wechat-article.html');
    expect(model.newMedia).toEqual({
      platform: 'wechat',
      pageKind: 'article',
      account: {
        name: '云岭发布',
        id: 'MzA5NzYxMjM0NQ==',
        url: 'https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=MzA5NzYxMjM0NQ%3D%3D#wechat_redirect',
      },
      posts: [
        {
          dateText: '2026年11月18日 10:30',
          date: '2026-11-18',
          pinned: false,
          imageOnly: false,
          title: '云岭县召开2026年冬春农田水利基本建设工作推进会',
          url: 'http://mp.weixin.qq.com/s?__biz=MzA5NzYxMjM0NQ==&mid=2650012345&idx=1&sn=0a1b2c3d4e5f60718293a4b5c6d7e8f9#rd',
          start: expect.any(Number),
          end: expect.any(Number),
        },
      ],
    });
  });

  it('finds the article’s typo with the existing checks (营商环镜)', () => {
    const model = fixtureModel('wechat-article.html');
    const result = runChecks(model, { today: REVIEW_DATE, checks: [typoPoliticalPhrase], segmenter: sharedSegmenter() });
    expect(result.findings.map((f) => [f.check, f.text, f.suggestion])).toEqual([['typo-political-phrase', '营商环镜', '营商环境']]);
  });

  it('dates an article the server sent unrendered by its inline var ct (empty #publish_time)', () => {
    const i = info('wechat-article-unrendered.html');
    expect(i.account).toMatchObject({ name: '云岭发布', id: 'MzA5NzYxMjM0NQ==' });
    expect(i.posts).toEqual([
      {
        dateText: '2026-11-20 16:05',
        date: '2026-11-20',
        pinned: false,
        imageOnly: false,
        title: '云岭县启动冬季森林防火专项行动',
        url: 'http://mp.weixin.qq.com/s?__biz=MzA5NzYxMjM0NQ==&mid=2650012399&idx=1&sn=9f8e7d6c5b4a39281706f5e4d3c2b1a0#rd',
      },
    ]);
    expect(i.problem).toBeUndefined();
  });

  it('an image-only article (pictures, no text) is a post that is not text', () => {
    const html = fixtureHtml('wechat-article.html')
      .replace(/<p style="text-indent[\s\S]*?<\/p>/g, '')
      .replace(/<p style="text-align[\s\S]*?<\/p>/, '');
    const doc = parseHTML(html).document as unknown as Document;
    expect(readNewMedia(doc, { url: fixture('wechat-article.html').url })?.posts[0].imageOnly).toBe(true);
  });

  it('reads the 历史消息 list: the pinned old article apart, several articles a day', () => {
    const i = info('wechat-history-fresh.html');
    expect(i.account.name).toBe('云岭发布');
    expect(rows(i)).toEqual([
      ['2025年6月1日', '2025-06-01', true],
      ['2026年11月18日', '2026-11-18', false],
      ['2026年11月18日', '2026-11-18', false],
      ['2026年11月10日', '2026-11-10', false],
    ]);
    expect(i.posts[0].title).toBe('云岭县政务服务“一窗通办”指南');
    expect(i.posts[1].url).toBe('https://mp.weixin.qq.com/s?__biz=MzA5NzYxMjM0NQ==&mid=2650012345&idx=1&sn=0a1b2c3d4e5f60718293a4b5c6d7e8f9#rd');
  });

  it('reads a 合集: its name, its account, the year-less dates of this year resolved only with a reference', () => {
    const i = info('wechat-album.html');
    expect(i.album).toEqual({ name: '政务公开', id: '3123456789012345678' });
    expect(i.account).toMatchObject({ name: '云岭发布', id: 'MzA5NzYxMjM0NQ==' });
    expect(rows(i)).toEqual([
      ['10月30日', null, false],
      ['3月15日', null, false],
      ['2025年12月30日', '2025-12-30', false],
    ]);
    expect(rows(info('wechat-album.html', { newMediaReference: { date: REVIEW_DATE } }))).toEqual([
      ['10月30日', '2026-10-30', false],
      ['3月15日', '2026-03-15', false],
      ['2025年12月30日', '2025-12-30', false],
    ]);
  });

  it('a 历史消息 page in a desktop browser is a login wall; a verification page is a captcha', () => {
    expect(info('wechat-history-login.html')).toMatchObject({ pageKind: 'account', posts: [], problem: 'login' });
    expect(info('wechat-captcha.html')).toMatchObject({ pageKind: 'article', posts: [], problem: 'captcha' });
  });
});

describe('微博', () => {
  it('reads weibo.com: the full time from the time link’s title, the pinned post, an image-only post', () => {
    const i = info('weibo-fresh.html');
    expect(i.account).toEqual({ name: '平安云岭', id: '5555012345', url: 'https://weibo.com/u/5555012345' });
    expect(rows(i)).toEqual([
      ['25-6-1 08:00', '2025-06-01', true],
      ['11-20 16:05', '2026-11-20', false],
      ['11-15 09:40', '2026-11-15', false],
    ]);
    expect(i.posts.map((p) => [p.url, p.imageOnly])).toEqual([
      ['https://weibo.com/5555012345/PaBcD1234', false],
      ['https://weibo.com/5555012345/PeFgH5678', false],
      ['https://weibo.com/5555012345/PiJkL9012', true],
    ]);
    expect(i.problem).toBeUndefined();
  });

  it('reads a 个性域名 page by its name', () => {
    expect(info('weibo-stale.html').account).toEqual({ name: '云岭司法', id: 'yunlingsf', url: 'https://weibo.com/yunlingsf' });
  });

  it('reads m.weibo.cn with relative times: resolved against the reference when given', () => {
    const i = info('weibo-relative.html');
    expect(rows(i)).toEqual([
      ['2025-06-01', '2025-06-01', true],
      ['刚刚', null, false],
      ['3小时前', null, false],
      ['昨天 12:30', null, false],
    ]);
    expect(i.posts[2].imageOnly).toBe(true);
    const withRef = info('weibo-relative.html', { newMediaReference: { date: REVIEW_DATE, time: '02:00' } });
    expect(rows(withRef)).toEqual([
      ['2025-06-01', '2025-06-01', true],
      ['刚刚', '2026-11-22', false],
      ['3小时前', '2026-11-21', false],
      ['昨天 12:30', '2026-11-21', false],
    ]);
  });

  it('a login prompt instead of the feed is a login wall', () => {
    expect(info('weibo-login.html')).toMatchObject({ posts: [], problem: 'login', account: { id: '5555012345' } });
  });

  it('reads one post’s page as an article of its author', () => {
    const html = fixtureHtml('weibo-fresh.html');
    const doc = parseHTML(html.replace(/<div class="woo-panel-main ProfileHeader[\s\S]*?<\/div>\s*<\/div>/, '')).document as unknown as Document;
    const i = readNewMedia(doc, { url: 'https://weibo.com/5555012345/PaBcD1234' });
    expect(i).toMatchObject({ pageKind: 'article', account: { name: '平安云岭', id: '5555012345', url: 'https://weibo.com/u/5555012345' } });
    expect(i?.posts).toHaveLength(1);
  });
});

describe('抖音', () => {
  it('reads the works grid: 抖音号, the pinned work, times by their labels, a work without a caption', () => {
    const i = info('douyin-fresh.html');
    expect(i.account).toEqual({
      name: '云岭发布',
      id: 'yunlingfabu',
      url: 'https://www.douyin.com/user/MS4wLjABAAAAyunlingfabu0123456789abcdefghijklmnopqrstu',
    });
    expect(rows(i)).toEqual([
      ['2025年06月01日', '2025-06-01', true],
      ['4天前', null, false],
      ['11月10日', null, false],
    ]);
    expect(i.posts.map((p) => [p.url, p.title ?? null, p.imageOnly])).toEqual([
      ['https://www.douyin.com/video/7500000000000000001', '云岭县政务服务中心办事指南', false],
      ['https://www.douyin.com/video/7500000000000000101', '冬季森林防火 人人有责 #森林防火', false],
      ['https://www.douyin.com/note/7500000000000000099', null, true],
    ]);
  });

  it('marks weeks and years as estimates', () => {
    expect(info('douyin-relative.html').posts.map((p) => [p.dateText, p.approximate ?? false])).toEqual([
      ['1年前', true],
      ['5分钟前', false],
      ['2天前', false],
      ['3周前', true],
    ]);
  });

  it('a grid without times is undated; the header’s 登录 button is no wall', () => {
    expect(info('douyin-undated.html')).toMatchObject({ problem: 'undated' });
    expect(info('douyin-undated.html').posts).toHaveLength(3);
  });

  it('the slider verification page is a captcha', () => {
    expect(info('douyin-captcha.html')).toMatchObject({ posts: [], problem: 'captcha' });
  });

  it('reads a video page: its caption and 发布时间', () => {
    const doc = parseHTML(
      `<html><head><title>冬季森林防火 人人有责 - 抖音</title></head><body><div data-e2e="detail-video-info"><h1>冬季森林防火 人人有责</h1><span data-e2e="detail-video-publish-time">发布时间：2026-11-18 10:30</span></div><div data-e2e="video-author-title">云岭发布</div></body></html>`,
    ).document as unknown as Document;
    expect(readNewMedia(doc, { url: 'https://www.douyin.com/video/7500000000000000101' })).toEqual({
      platform: 'douyin',
      pageKind: 'article',
      account: { name: '云岭发布', url: 'https://www.douyin.com/video/7500000000000000101' },
      posts: [
        {
          dateText: '2026-11-18 10:30',
          date: '2026-11-18',
          pinned: false,
          imageOnly: false,
          title: '冬季森林防火 人人有责',
          url: 'https://www.douyin.com/video/7500000000000000101',
        },
      ],
    });
  });
});

describe('快手', () => {
  it('reads the works: 快手号, the pinned work, year-less times', () => {
    const i = info('kuaishou-fresh.html');
    expect(i.account).toEqual({ name: '云岭融媒', id: 'yunlingrm', url: 'https://www.kuaishou.com/profile/3xyunling0123abcd' });
    expect(rows(i)).toEqual([
      ['2025-07-20', '2025-07-20', true],
      ['11-19', null, false],
      ['11-02', null, false],
    ]);
    expect(i.posts.map((p) => p.title)).toEqual(['云岭县2025年“村超”精彩集锦', '冬季森林防火宣传进村入户', '云岭县举办农民丰收节']);
  });

  it('names the account by the <title> when the header has no 快手号, the profile id from the URL', () => {
    expect(info('kuaishou-relative.html').account).toEqual({
      name: '云岭交警',
      id: '3xyunlingjt4567efgh',
      url: 'https://www.kuaishou.com/profile/3xyunlingjt4567efgh',
    });
    const doc = parseHTML(`<html><head><title>云岭交警(@yunlingjj)的个人主页 - 快手</title></head><body></body></html>`).document as unknown as Document;
    expect(readNewMedia(doc, { url: 'https://www.kuaishou.com/profile/3xyunlingjt4567efgh' })?.account.name).toBe('云岭交警');
  });

  it('an account with no works has no posts', () => {
    expect(info('kuaishou-no-posts.html')).toMatchObject({ posts: [], problem: 'no-posts', account: { name: '云岭县乡村振兴' } });
  });
});

describe('今日头条', () => {
  it('reads the feed: title links, a 微头条 by its text, the pinned post, footer times', () => {
    const i = info('toutiao-fresh.html');
    expect(i.account).toEqual({
      name: '云岭发布',
      id: 'MS4wLjABAAAAyunlingtoutiao0123456789abcdef',
      url: 'https://www.toutiao.com/c/user/token/MS4wLjABAAAAyunlingtoutiao0123456789abcdef/',
    });
    expect(rows(i)).toEqual([
      ['2025-06-01', '2025-06-01', true],
      ['11-18 10:30', null, false],
      ['11-12 08:00', null, false],
    ]);
    expect(i.posts.map((p) => [p.title, p.url ?? null])).toEqual([
      ['云岭县政务服务“一窗通办”指南', 'https://www.toutiao.com/article/7300000000000000001/'],
      ['云岭县召开2026年冬春农田水利基本建设工作推进会', 'https://www.toutiao.com/article/7400000000000000123/'],
      ['初冬的云岭，层林尽染。', null],
    ]);
  });

  it('reads the older /c/user/<id>/ form', () => {
    expect(info('toutiao-stale.html').account).toMatchObject({ name: '云岭县教育体育局', id: '98765432101' });
  });
});

describe('the shared fallback', () => {
  /** 微博 after a redesign: no class the adapter knows, the posts found by their time labels. */
  const redesigned = `<html><head><title>平安云岭的个人主页 - 微博</title></head><body>
    <nav><a href="/">首页</a><span>2026-11-22</span></nav>
    <div class="x1"><div class="x2"><span class="x3">置顶</span><a class="x4" href="/5555012345/A1">平安云岭</a><span class="x5">2025-06-01 08:00</span><div class="x6">防范电信网络诈骗</div></div>
    <div class="x2"><a class="x4" href="/5555012345/A2">平安云岭</a><span class="x5">发布于 3天前</span><div class="x6">冬季交通安全提示：雨雪天气减速慢行，这一段文字很长，提到了2026年11月1日的会议，但不是时间标签。</div></div>
    <div class="x2"><a class="x4" href="/5555012345/A3">平安云岭</a><span class="x5">2026-11-10 09:00</span><div class="x6"></div><img src="/p.jpg"></div></div>
  </body></html>`;

  it('finds posts by their time labels when the adapter’s markup is gone, pinned ones by their tag', () => {
    const doc = parseHTML(redesigned).document as unknown as Document;
    const i = readNewMedia(doc, { url: 'https://weibo.com/u/5555012345' })!;
    expect(i.account).toEqual({ name: '平安云岭', id: '5555012345', url: 'https://weibo.com/u/5555012345' });
    expect(rows(i)).toEqual([
      ['2025-06-01 08:00', '2025-06-01', true],
      ['3天前', null, false],
      ['2026-11-10 09:00', '2026-11-10', false],
    ]);
    expect(i.posts.map((p) => p.url)).toEqual(['https://weibo.com/5555012345/A1', 'https://weibo.com/5555012345/A2', 'https://weibo.com/5555012345/A3']);
  });

  it('reads the page when an adapter throws', () => {
    const spy = vi.spyOn(weibo, 'read').mockImplementation(() => {
      throw new Error('markup changed');
    });
    try {
      const doc = parseHTML(redesigned).document as unknown as Document;
      expect(readNewMedia(doc, { url: 'https://weibo.com/u/5555012345' })?.posts).toHaveLength(3);
    } finally {
      spy.mockRestore();
    }
  });

  it.each([
    ['扫码登录', 'login'],
    ['登录后查看更多精彩内容', 'login'],
    ['请先登录', 'login'],
    ['Sina Visitor System', 'login'],
    ['请在微信客户端打开链接', 'login'],
    ['手机号登录 获取验证码 验证码登录 扫码登录', 'login'],
    ['请完成下列验证后继续', 'captcha'],
    ['按住左边按钮拖动完成上方拼图', 'captcha'],
    ['安全验证', 'captcha'],
    ['当前环境异常，完成验证后即可继续访问', 'captcha'],
    ['请输入图片中的验证码', 'captcha'],
    ['登录 注册', undefined],
    ['首页 推荐 关注 登录', undefined],
    ['冬季用电安全提示', undefined],
  ])('“%s” is %s', (text, wall) => {
    expect(detectWall(text)).toBe(wall);
  });
});

describe('in the text model', () => {
  it('is absent off the platforms', () => {
    const model = buildTextModel(parseHTML(fixtureHtml('weibo-fresh.html')).document as unknown as Document, {
      url: 'https://www.lincang.gov.cn/a.html',
    }).model;
    expect(model.newMedia).toBeUndefined();
  });

  it('reads the same without the text model, only without ranges', () => {
    for (const f of fixtures) {
      const alone = readNewMedia(fixtureDoc(f.file), { url: f.url })!;
      const inModel = fixtureModel(f.file).newMedia!;
      const strip = (i: NewMediaInfo) => ({ ...i, posts: i.posts.map(({ start, end, ...p }) => p) });
      expect(strip(alone), f.file).toEqual(strip(inModel));
    }
  });

  it('places no range on hidden text', () => {
    const html = fixtureHtml('toutiao-fresh.html').replace(
      '<div class="feed-card-footer-time-cmp">11-18 10:30</div>',
      '<div class="feed-card-footer-time-cmp" style="display:none">11-18 10:30</div>',
    );
    const model: TextModel = buildTextModel(parseHTML(html).document as unknown as Document, { url: fixture('toutiao-fresh.html').url }).model;
    const post = model.newMedia!.posts[1];
    expect(model.text).not.toContain('11-18 10:30');
    expect([post.start, post.end]).toEqual([undefined, undefined]);
  });

  it('survives a structured clone (the model crosses contexts)', () => {
    const i = info('weibo-fresh.html');
    expect(structuredClone(i)).toEqual(i);
  });
});
