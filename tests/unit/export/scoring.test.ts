/**
 * Hand-worked examples of the indicators (shared/domain/indicators.md): veto → 不合格; links −0.2 home /
 * −0.1 other pages, cap 1; identification −0.5 per distinct missing item, cap 3; blank columns −2 and columns
 * not updated −1 under 其他栏目, cap 4; 动态要闻 / 政策文件 / 政策解读 −5 each; 已排除 never counts.
 */
import { describe, expect, it } from 'vitest';
import { scoreSite, scoreSites } from '../../../lib/export/scoring';
import { finding, site } from './factory';

const link = (page: string, href: string, isHomePage: boolean) =>
  finding({ category: 'link', check: 'link-broken', kind: 'dead', pageUrl: page, text: href, isHomePage, message: `链接无法打开：${href}` });
const missing = (kind: string, page: string) =>
  finding({ category: 'identity', check: 'site-identification', kind, pageUrl: page, text: '', message: `页面底部缺少${kind}` });
const blank = (column: string) => finding({ category: 'blank', check: 'blank-column', kind: 'empty-column', text: '', message: `空白栏目：${column}` });
const stale = (kind: string, column: string, severity: 'deduct' | 'veto' = 'deduct') =>
  finding({ category: 'stale', check: 'stale-column', kind, severity, text: '2026-01-01', message: `栏目「${column}」未更新` });

describe('scoreSite', () => {
  it('a site with no findings is 合格 with full marks', () => {
    expect(scoreSite(site(), [])).toEqual({ siteId: 'lc', result: '合格', score: 100, deductions: [], vetoes: [], unscored: [], reasons: [] });
  });

  it('one home-page and one inner dead link cost 0.2 + 0.1 = 0.3 exactly', () => {
    const s = scoreSite(site(), [link('https://www.lincang.gov.cn/', '/a', true), link('https://www.lincang.gov.cn/x.html', '/b', false)]);
    expect(s.score).toBe(99.7);
    expect(s.deductions).toEqual([{ item: '可用性（断链错链）', points: 0.3, cap: 1, findings: [expect.any(String), expect.any(String)] }]);
    expect(s.reasons).toEqual(['扣分 0.3 分（可用性（断链错链） −0.3）']);
  });

  it('3 home links (0.6) + 5 inner links (0.5) = 1.1, capped at 1; one link twice on one page counts once', () => {
    const fs = [
      ...['/a', '/b', '/c'].map((h) => link('https://www.lincang.gov.cn/', h, true)),
      link('https://www.lincang.gov.cn/', '/a', true),
      ...['/d', '/e', '/f', '/g', '/h'].map((h) => link('https://www.lincang.gov.cn/p.html', h, false)),
    ];
    const s = scoreSite(site(), fs);
    expect(s.deductions[0]).toMatchObject({ points: 1, cap: 1 });
    expect(s.deductions[0].findings).toHaveLength(9);
    expect(s.score).toBe(99);
  });

  it('identification: ICP missing on 10 pages and 公安备案 on 3 are 2 missing items, −1', () => {
    const fs = [...Array.from({ length: 10 }, (_, i) => missing('icp', `p${i}`)), ...Array.from({ length: 3 }, (_, i) => missing('psb', `p${i}`))];
    const s = scoreSite(site(), fs);
    expect(s.deductions).toEqual([{ item: '网站标识', points: 1, cap: 3, findings: fs.map((f) => f.id) }]);
    expect(s.score).toBe(99);
    expect(s.reasons[0]).toContain('缺少ICP备案编号、公安机关备案标识');
  });

  it('all six identification items missing: 6 × 0.5 = 3, the cap; a malformed item (提示) does not count', () => {
    const kinds = ['conac', 'sitecode', 'icp', 'psb', 'sponsor', 'contact'];
    const s = scoreSite(site(), [...kinds.map((k) => missing(k, 'p')), finding({ category: 'identity', kind: 'icp', severity: 'notice' })]);
    expect(s.deductions[0].points).toBe(3);
    expect(s.score).toBe(97);
  });

  it('找错 entry: home page −1, other pages −0.2 each (one page once), apart from 网站标识; capped at 2', () => {
    const jiucuo = (page: string, home: boolean) =>
      finding({
        category: 'identity',
        check: 'site-jiucuo',
        kind: home ? 'home' : 'page',
        pageUrl: page,
        text: '',
        isHomePage: home,
        message: '未提供“我为政府网站找错”入口',
      });
    const few = [
      jiucuo('https://www.lincang.gov.cn/', true),
      jiucuo('https://www.lincang.gov.cn/a.html', false),
      jiucuo('https://www.lincang.gov.cn/a.html', false),
      missing('icp', 'p'),
    ];
    const s = scoreSite(site(), few);
    expect(s.deductions).toEqual([
      { item: '网站标识', points: 0.5, cap: 3, findings: [few[3].id] },
      { item: '“我为政府网站找错”入口', points: 1.2, cap: 2, findings: [few[0].id, few[1].id, few[2].id] },
    ]);
    expect(s.score).toBe(98.3);
    expect(s.reasons[0]).toBe('扣分 1.7 分（网站标识 −0.5，“我为政府网站找错”入口 −1.2）；缺少ICP备案编号');
    const many = [jiucuo('https://www.lincang.gov.cn/', true), ...Array.from({ length: 8 }, (_, i) => jiucuo(`https://www.lincang.gov.cn/p${i}.html`, false))];
    expect(scoreSite(site(), many).deductions[0]).toMatchObject({ points: 2, cap: 2 });
  });

  describe('办事指南 (service-guide)', () => {
    const ELEMENTS = ['name', 'basis', 'conditions', 'materials', 'place', 'agency', 'fee', 'hours', 'phone', 'process'];
    const guide = (page: string, kind: string, status?: '已排除') =>
      finding({
        category: 'service',
        check: 'service-guide',
        kind,
        pageUrl: `https://www.lincang.gov.cn/bszn/${page}.html`,
        text: kind === 'phone-format' ? '0883-212' : '',
        message: kind === 'phone-format' ? '联系电话格式错误' : `办事指南缺少要素：${kind}`,
        ...(status ? { status } : {}),
      });
    /** A guide missing the first `n` elements. */
    const poor = (page: string, n: number) => ELEMENTS.slice(0, n).map((k) => guide(page, k));

    it('each missing element −0.5 per guide, each wrong phone −1, one finding recorded twice once; its own item', () => {
      const fs = [guide('a', 'basis'), guide('a', 'fee'), guide('a', 'fee'), guide('a', 'phone-format'), guide('b', 'basis')];
      const s = scoreSite(site(), fs);
      expect(s.deductions).toEqual([{ item: '办事指南', points: 2.5, cap: 5, findings: fs.map((f) => f.id) }]);
      expect(s.score).toBe(97.5);
      expect(s.vetoes).toEqual([]);
    });

    it('is capped at 5', () => {
      const s = scoreSite(site(), [...poor('a', 3), ...poor('b', 3), ...poor('c', 3), ...poor('d', 3)]);
      expect(s.deductions[0]).toMatchObject({ item: '办事指南', points: 5, cap: 5 });
      expect(s.result).toBe('合格');
    });

    it('5 guides each missing 4 elements veto the site (服务不实用); 4 such guides, or guides missing 3, do not', () => {
      const five = ['a', 'b', 'c', 'd', 'e'].flatMap((p) => poor(p, 4));
      const s = scoreSite(site(), five);
      // 20 missing elements × 0.5 = 10, capped at 5: listed for reference, not scored.
      expect(s).toMatchObject({ result: '不合格', score: null, deductions: [{ item: '办事指南', points: 5, cap: 5 }] });
      expect(s.vetoes).toHaveLength(20);
      expect(s.reasons).toEqual(['单项否决：服务不实用（5 个办事指南各缺少 4 个及以上要素，5 个及以上）']);
      expect(
        scoreSite(
          site(),
          ['a', 'b', 'c', 'd'].flatMap((p) => poor(p, 10)),
        ).result,
      ).toBe('合格');
      expect(
        scoreSite(
          site(),
          ['a', 'b', 'c', 'd', 'e', 'f'].flatMap((p) => poor(p, 3)),
        ).vetoes,
      ).toEqual([]);
    });

    it('a wrong phone is not a missing element, and 已排除 findings never count toward the veto', () => {
      const phones = ['a', 'b', 'c', 'd', 'e'].flatMap((p) => [...poor(p, 3), guide(p, 'phone-format')]);
      expect(scoreSite(site(), phones).vetoes).toEqual([]);
      const excluded = ['a', 'b', 'c', 'd', 'e'].flatMap((p) => [...poor(p, 3), guide(p, 'process', p === 'e' ? '已排除' : undefined)]);
      expect(scoreSite(site(), excluded).vetoes).toEqual([]);
    });
  });

  describe('留言公开 (public-messages)', () => {
    const msg = (page: string, kind: string, text: string, severity: 'deduct' | 'veto' | 'notice' = 'deduct') =>
      finding({
        category: 'interaction',
        check: 'public-messages',
        kind,
        severity,
        pageUrl: `https://www.lincang.gov.cn/hdjl/${page}.html`,
        text,
        message: kind === 'stale' ? '留言公开栏目 2 个月未更新（最新留言 2026-08-01）' : `留言缺少要素：答复单位（${text}）`,
      });

    it('each incomplete message −1 (one message recorded twice once), the stale column −3 once per page; its own item', () => {
      const fs = [
        msg('a', 'missing', '关于路灯'),
        msg('a', 'missing', '关于路灯'),
        msg('a', 'missing', '关于垃圾'),
        msg('a', 'stale', ''),
        msg('a', 'stale', ''),
      ];
      const s = scoreSite(site(), fs);
      expect(s.deductions).toEqual([{ item: '留言公开', points: 5, cap: 5, findings: fs.map((f) => f.id) }]);
      expect(s.score).toBe(95);
      expect(scoreSite(site(), [msg('a', 'missing', '关于路灯')]).score).toBe(99);
      expect(scoreSite(site(), [msg('a', 'stale', '')]).score).toBe(97);
    });

    it('is capped at 5', () => {
      const s = scoreSite(site(), [msg('a', 'stale', ''), ...['一', '二', '三', '四'].map((t) => msg('a', 'missing', t))]);
      expect(s.deductions[0]).toMatchObject({ item: '留言公开', points: 5, cap: 5 });
    });

    it('a message unanswered for 3 months vetoes the site (互动回应差); the undated notice is never scored', () => {
      const s = scoreSite(site(), [msg('a', 'unanswered', '关于道路', 'veto'), msg('a', 'missing', '关于路灯')]);
      expect(s).toMatchObject({ result: '不合格', score: null, deductions: [{ item: '留言公开', points: 1, cap: 5 }] });
      expect(s.reasons).toEqual(['单项否决：互动回应差 1 处']);
      expect(scoreSite(site(), [msg('a', 'undated', '', 'notice')])).toMatchObject({ score: 100, deductions: [], unscored: [] });
    });
  });

  describe('站内搜索 (site-search)', () => {
    const search = (kind: 'missing' | 'broken' | 'untested', page = 'https://www.lincang.gov.cn/') =>
      finding({
        category: 'search',
        check: 'site-search',
        kind,
        severity: kind === 'untested' ? 'notice' : 'deduct',
        pageUrl: page,
        isHomePage: true,
        text: kind === 'missing' ? '' : '搜索',
        message:
          kind === 'missing'
            ? '网站首页未提供站内搜索'
            : kind === 'broken'
              ? '站内搜索无法使用：检索请求返回 HTTP 404'
              : '站内搜索未能检测：检索请求 15 秒内无响应，未能检测',
      });

    it('no search, or a broken one, costs 4 once for the site, however often it is recorded (cap 4)', () => {
      const one = scoreSite(site(), [search('missing')]);
      expect(one.deductions).toEqual([{ item: '站内搜索', points: 4, cap: 4, findings: [expect.any(String)] }]);
      expect(one.score).toBe(96);
      const fs = [search('broken'), search('broken'), search('broken', 'https://www.lincang.gov.cn/index.html')];
      const many = scoreSite(site(), fs);
      expect(many.deductions).toEqual([{ item: '站内搜索', points: 4, cap: 4, findings: fs.map((f) => f.id) }]);
      expect(many.reasons).toEqual(['扣分 4 分（站内搜索 −4）']);
    });

    it('a search that could not be tested (未能检测, a 提示) costs nothing and is not listed as unscored', () => {
      expect(scoreSite(site(), [search('untested')])).toMatchObject({ score: 100, deductions: [], unscored: [] });
    });
  });

  it('3 blank columns (6) and one 人事类 column not updated (1) share the 其他栏目 cap of 4', () => {
    const s = scoreSite(site(), [blank('通知公告'), blank('人事任免'), blank('专题专栏'), blank('通知公告'), stale('personnel', '人事信息')]);
    expect(s.deductions).toEqual([{ item: '其他栏目（空白栏目、应更新未更新栏目）', points: 4, cap: 4, findings: expect.any(Array) }]);
    expect(s.deductions[0].findings).toHaveLength(5);
    expect(s.score).toBe(96);
  });

  it('one 人事类 column not updated costs 1; a 政策解读 column costs 5 (its own item)', () => {
    const s = scoreSite(site(), [stale('personnel', '人事信息'), stale('interpretation', '政策解读'), stale('interpretation', '政策解读')]);
    expect(s.deductions.map((d) => [d.item, d.points])).toEqual([
      ['政策解读栏目不更新', 5],
      ['其他栏目（空白栏目、应更新未更新栏目）', 1],
    ]);
    expect(s.score).toBe(94);
  });

  it('the worst page-visible case (every item at its cap) loses 23 points and still passes: 扣分大于40 needs more items', () => {
    const fs = [
      stale('news', '工作动态'),
      stale('policy', '政策文件'),
      stale('interpretation', '政策解读'),
      ...['a', 'b'].map(blank),
      ...Array.from({ length: 6 }, (_, i) => link('https://www.lincang.gov.cn/', `/${i}`, true)),
      ...['conac', 'sitecode', 'icp', 'psb', 'sponsor', 'contact'].map((k) => missing(k, 'p')),
    ];
    const s = scoreSite(site(), fs);
    expect(s.score).toBe(77);
    expect(s.result).toBe('合格');
  });

  it('one veto finding fails the site and nothing else is scored; the deduction items stay listed for reference', () => {
    const v = finding({ category: 'expression', check: 'expression-formulation', severity: 'veto', message: '表述错误', text: '以习近平总书记为核心的党中央' });
    const l = link('https://www.lincang.gov.cn/', '/a', true);
    const s = scoreSite(site(), [v, l]);
    expect(s).toMatchObject({ result: '不合格', score: null, vetoes: [v.id], reasons: ['单项否决：严重表述错误 1 处'] });
    expect(s.deductions).toEqual([{ item: '可用性（断链错链）', points: 0.2, cap: 1, findings: [l.id] }]);
  });

  it('5 distinct blank columns veto the site (veto item 4)', () => {
    const fs = ['a', 'b', 'c', 'd', 'e'].map(blank);
    const s = scoreSite(site(), fs);
    expect(s.result).toBe('不合格');
    expect(s.vetoes).toEqual(fs.map((f) => f.id));
    expect(s.reasons).toEqual(['单项否决：空白栏目 5 个（5 个及以上）']);
  });

  it('10 columns not updated veto the site', () => {
    const s = scoreSite(
      site(),
      Array.from({ length: 10 }, (_, i) => stale('personnel', `栏目${i}`)),
    );
    expect(s.result).toBe('不合格');
    expect(s.reasons).toEqual(['单项否决：栏目不更新 10 个（10 个及以上）']);
  });

  it('已排除 findings never count, vetoes included', () => {
    const s = scoreSite(site(), [
      finding({ severity: 'veto', category: 'privacy', status: '已排除' }),
      link('https://www.lincang.gov.cn/', '/a', true),
      { ...missing('icp', 'p'), status: '已排除' },
    ]);
    expect(s).toMatchObject({ result: '合格', score: 99.8, vetoes: [] });
  });

  it('a deduct finding with no point value in the indicators is listed as unscored, not given points', () => {
    const t = finding();
    expect(scoreSite(site(), [t])).toMatchObject({ result: '合格', score: 100, deductions: [], unscored: [t.id] });
    // …and the reasons tell the reviewer they are left to their judgement, by category.
    const two = [t, { ...t, id: 't2' }, { ...link('https://www.lincang.gov.cn/', '/a', true) }];
    expect(scoreSite(site(), two).reasons).toEqual(['扣分 0.2 分（可用性（断链错链） −0.2）', '另有错别字 2 处未计分（指标未设分值，请审读人员判定）']);
    expect(scoreSite(site(), [{ ...t, status: '已排除' }]).reasons).toEqual([]);
  });

  it('scoreSites scores each site from its own findings only', () => {
    const a = site({ id: 'a' });
    const b = site({ id: 'b' });
    const scores = scoreSites([a, b], [finding({ siteId: 'a', severity: 'veto', category: 'privacy' }), { ...link('h', '/x', true), siteId: 'b' }]);
    expect(scores.get('a')?.result).toBe('不合格');
    expect(scores.get('b')).toMatchObject({ result: '合格', score: 99.8 });
  });
});
