import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import check, { footZoneStart, IDENTIFICATION_KINDS } from '../../../lib/checks/site-identification';
import provinceData from '../../../lib/data/province-abbreviations.json';
import { buildTextModel } from '../../../lib/text-model/build';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import { type ExpectedFinding, ruleTester } from './rule-tester';
import type { CheckContext, Finding, Report, TextModel } from '../../../lib/engine/types';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'footers');
const PAGE_URL = 'https://www.lincang.gov.cn/zwgk/tzgg/202611/t20261120_1.html';
const tester = ruleTester(check, { today: '2026-11-22' });

function modelOf(html: string, opts: { isTopFrame?: boolean } = {}): TextModel {
  return buildTextModel(parseHTML(html).document, { url: PAGE_URL, ...opts }).model;
}
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
/** A case on a saved footer page. */
const fixtureCase = (name: string) => ({ text: name, model: () => modelOf(fixture(name)) });

/** Runs the check directly (no engine), to prove its own guards. */
function runDirect(model: TextModel): Report[] {
  const reports: Report[] = [];
  const ctx: CheckContext = { model, options: {}, today: '2026-11-22', report: (r) => reports.push(r), checkBudget: () => {} };
  check.run(ctx);
  return reports;
}

/** Asserts a ranged finding covers exactly `text`, found once in model.text. */
function expectRange(model: TextModel, f: Finding, text: string): void {
  const at = model.text.indexOf(text);
  expect(at).toBeGreaterThanOrEqual(0);
  expect(model.text.lastIndexOf(text)).toBe(at);
  expect(f.text).toBe(text);
  expect([f.start, f.end]).toEqual([at, at + text.length]);
  expect(model.text.slice(f.start, f.end)).toBe(text);
}

/** A missing item: a page-level deduction with nothing to point at. */
const missing = (kind: string, messageId: string): ExpectedFinding => ({
  severity: 'deduct',
  kind,
  messageId,
  text: '',
  start: undefined,
  end: undefined,
  anchor: undefined,
  messageMatches: /^页面底部缺少/,
});

describe('site-identification meta', () => {
  it('is an identity deduction on the top frame only, with a message per missing item', () => {
    expect(check.meta).toMatchObject({ id: 'site-identification', category: 'identity', defaultSeverity: 'deduct', topFrameOnly: true });
    expect(check.meta.indicator['zh-CN']).toBe('网站标识（页面底部功能区）');
    expect(IDENTIFICATION_KINDS).toEqual(['conac', 'sitecode', 'icp', 'psb', 'sponsor', 'contact']);
    for (const kind of IDENTIFICATION_KINDS) {
      const id = `missing${kind[0].toUpperCase()}${kind.slice(1)}`;
      expect(check.meta.messages[id]['zh-CN']).toMatch(/^页面底部缺少/);
    }
    expect(check.meta.messages.sitecodeMalformed['zh-CN']).toBe('网站标识码格式错误：{{value}}');
  });

  it('ships its province abbreviations as data with a source and a checked date', () => {
    expect(provinceData.checked).toBe('2026-11-22');
    expect(provinceData.source).toMatch(/GB\/T 2260/);
    const abbreviations = provinceData.entries
      .flatMap((e) => e.abbreviations)
      .sort()
      .join('');
    expect(abbreviations).toBe([...'京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川蜀黔贵滇云藏陕秦甘陇青宁新'].sort().join(''));
    for (const e of provinceData.entries) {
      expect(e.code).toMatch(/^[1-6]\d$/);
      expect(e.abbreviations).toContain(e.icp);
      expect(e.abbreviations).toContain(e.psb);
    }
  });
});

// On saved footers: a malformed item is reported on its exact text, found once on the page (`at: 'only'`).
tester.run({
  valid: [
    { ...fixtureCase('lincang-complete.html'), name: 'lincang-complete.html (all six items; conac as its loader script only, as the CLI sees it)' },
    { ...fixtureCase('lincang-rendered.html'), name: 'lincang-rendered.html (rendered conac badge, table cells, 公安 badge image, 联系我们 link)' },
    { ...fixtureCase('no-footer-markup.html'), name: 'no-footer-markup.html (no footer class: the tail of the page; 事业单位 badge alt; e-mail)' },
    { ...fixtureCase('ministry-bm-sitecode.html'), name: 'ministry-bm-sitecode.html (bm site code, <footer>, conac alt 党政机关, 服务热线)' },
    { ...fixtureCase('psb-image-only.html'), name: 'psb-image-only.html (公安 badge as an image with the number in its alt)' },
    { ...fixtureCase('header-contact-only.html'), name: 'header-contact-only.html (联系我们 in the header navigation counts)' },
  ],
  invalid: [
    { ...fixtureCase('missing-conac.html'), errors: [missing('conac', 'missingConac')] },
    { ...fixtureCase('missing-sitecode.html'), errors: [missing('sitecode', 'missingSitecode')] },
    { ...fixtureCase('missing-icp.html'), errors: [missing('icp', 'missingIcp')] },
    { ...fixtureCase('missing-psb.html'), errors: [missing('psb', 'missingPsb')] },
    { ...fixtureCase('missing-sponsor.html'), errors: [missing('sponsor', 'missingSponsor')] },
    { ...fixtureCase('missing-contact.html'), errors: [missing('contact', 'missingContact')] },
    {
      ...fixtureCase('malformed-sitecode-9-digits.html'),
      errors: [
        {
          kind: 'sitecode',
          messageId: 'sitecodeMalformed',
          text: '网站标识码：530900004',
          severity: 'deduct',
          suggestion: '网站标识码为10位数字（前6位为行政区划代码），国务院部门网站为 bm 加8位数字',
          at: 'only',
          anchor: { quote: '网站标识码：530900004' },
        },
      ],
    },
    {
      ...fixtureCase('malformed-sitecode-area.html'),
      errors: [
        {
          kind: 'sitecode',
          messageId: 'sitecodeArea',
          text: '网站标识码：9909000044',
          severity: 'deduct',
          suggestion: '网站标识码前6位应为网站主办单位所在地的行政区划代码',
          at: 'only',
          anchor: { quote: '网站标识码：9909000044' },
        },
      ],
    },
    {
      ...fixtureCase('malformed-sitecode-empty.html'),
      errors: [
        {
          kind: 'sitecode',
          messageId: 'sitecodeEmpty',
          text: '网站标识码：',
          severity: 'deduct',
          suggestion: '填写全国政府网站信息报送系统分配的网站标识码',
          at: 'only',
          anchor: { quote: '网站标识码：' },
        },
      ],
    },
    {
      ...fixtureCase('sitecode-mismatch.html'),
      errors: [
        {
          kind: 'sitecode',
          messageId: 'sitecodeMismatch',
          text: '网站标识码：5309000044',
          severity: 'deduct',
          suggestion: '以全国政府网站信息报送系统登记的标识码为准，统一页面底部与找错组件的标识码',
          at: 'only',
          anchor: { quote: '网站标识码：5309000044' },
        },
      ],
    },
    {
      ...fixtureCase('malformed-icp-no-province.html'),
      errors: [
        {
          kind: 'icp',
          messageId: 'icpMalformed',
          text: 'ICP备05000394号',
          severity: 'deduct',
          suggestion: '滇ICP备05000394号',
          at: 'only',
          anchor: { quote: 'ICP备05000394号' },
        },
      ],
    },
    {
      ...fixtureCase('malformed-psb-13-digits.html'),
      errors: [
        {
          kind: 'psb',
          messageId: 'psbMalformed',
          text: '滇公网安备 5309020200010号',
          severity: 'deduct',
          suggestion: '公安机关备案号为14位数字，前两位为省级行政区划代码，如“滇公网安备 53090202000105号”',
          at: 'only',
          anchor: { quote: '滇公网安备 5309020200010号' },
        },
      ],
    },
    {
      ...fixtureCase('psb-province-mismatch.html'),
      errors: [
        {
          kind: 'psb',
          messageId: 'psbProvinceMismatch',
          text: '川公网安备 53090202000105号',
          severity: 'deduct',
          suggestion: '编号前两位53对应云南省（滇），请核对省份简称与编号',
          at: 'only',
          anchor: { quote: '川公网安备 53090202000105号' },
        },
      ],
    },
  ],
});

describe('site-identification on saved footers', () => {
  it('invalid: a missing site code is suggested from the 找错 widget', () => {
    const [f] = tester.scan(fixtureCase('missing-sitecode.html'));
    expect(f.suggestion).toBe('网站标识码：5309000044');
    expect(f.message).toBe('页面底部缺少网站标识码');
  });

  it('invalid: codes quoted in an article far above the footer do not stand in for it', () => {
    const model = modelOf(fixture('article-quotes-codes.html'));
    expect(model.text).toContain('网站标识码：5309000044，备案号：滇ICP备05000394号，滇公网安备 53090202000105号');
    const findings = tester.scan({ text: 'the page', model: () => model });
    expect(findings.map((f) => [f.kind, f.messageId])).toEqual([
      ['sitecode', 'missingSitecode'],
      ['icp', 'missingIcp'],
      ['psb', 'missingPsb'],
    ]);
  });

  it('invalid: messages carry the malformed value and the widget code', () => {
    expect(tester.scan(fixtureCase('malformed-sitecode-9-digits.html'))[0].message).toBe('网站标识码格式错误：530900004');
    expect(tester.scan(fixtureCase('sitecode-mismatch.html'))[0]).toMatchObject({
      data: { value: '5309000044', widget: '5309000045' },
      message: '网站标识码5309000044与“我为政府网站找错”组件的标识码5309000045不一致',
    });
  });

  it('invalid: cosmetic deviations are notices with the canonical form as suggestion', () => {
    const model = modelOf(fixture('cosmetic-icp-psb.html'));
    const findings = tester.scan({ text: 'the page', model: () => model });
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ kind: 'icp', messageId: 'icpMalformed', severity: 'notice', suggestion: '滇ICP备05000394号-1' });
    expectRange(model, findings[0], '滇ICP备05000394号－1');
    expect(findings[1]).toMatchObject({ kind: 'psb', messageId: 'psbMalformed', severity: 'notice', suggestion: '滇公网安备 53090202000105号' });
    expectRange(model, findings[1], '滇公网安备53090202000105');
  });

  it('invalid: the conac error image is an invalid badge, reported page-level with its URL', () => {
    const findings = tester.scan(fixtureCase('conac-error.html'));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'conac', messageId: 'conacInvalid', severity: 'deduct', text: 'https://dcs.conac.cn/image/red_error.png' });
    expect(findings[0].start).toBeUndefined();
  });

  it('valid: a badge loader written by an inline document.write counts as hung (the CLI runs no scripts)', () => {
    const findings = tester.scan(fixtureCase('conac-inline-document-write.html'));
    expect(findings.map((f) => f.messageId)).not.toContain('missingConac');
  });
});

describe('site-identification item variants', () => {
  const PARTS = {
    sponsor: '主办：临沧市人民政府办公室 承办：临沧市信息中心',
    sitecode: '网站标识码：5309000044',
    icp: '<a href="https://beian.miit.gov.cn/">滇ICP备05000394号</a>',
    psb: '<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=53090202000105">滇公网安备 53090202000105号</a>',
    contact: '联系电话：0883-2122021',
    conac: '<script src="https://dcs.conac.cn/js/25/000/0000/60429971/CA250000000604299710001.js"></script>',
  };
  type Part = keyof typeof PARTS;
  const page = (over: Partial<Record<Part, string>>) => {
    const p = { ...PARTS, ...over };
    return (
      '<!DOCTYPE html><html lang="zh-CN"><head><title>临沧市人民政府</title></head><body>' +
      '<div class="nav"><a href="/">首页</a></div><div class="article"><h1>通知</h1><p>正文内容。</p></div>' +
      `<div class="footer"><p>${p.sponsor}</p><p>${p.sitecode} ${p.icp} ${p.psb}</p><p>${p.contact}</p>${p.conac}</div></body></html>`
    );
  };

  /** A case on the page with these parts. */
  const variant = (over: Partial<Record<Part, string>>) => {
    const html = page(over);
    return { text: html, model: () => modelOf(html) };
  };

  tester.run({
    valid: [
      { name: 'ICP with its label', ...variant({ icp: 'ICP备案号：滇ICP备05000394号' }) },
      { name: 'ICP with -n', ...variant({ icp: '滇ICP备05000394号-3' }) },
      {
        name: 'Sichuan ICP 蜀 and 公安 川',
        ...variant({ icp: '蜀ICP备05005451号', psb: '川公网安备 51010402000123号', sitecode: '网站标识码：5100000001', sponsor: '主办：四川省人民政府办公厅' }),
      },
      {
        name: 'ICP only in the MIIT link title',
        ...variant({ icp: '<a href="https://beian.miit.gov.cn/" title="滇ICP备05000394号"><img src="/i/icp.png"></a>' }),
      },
      { name: 'site code, half-width colon', ...variant({ sitecode: '网站标识码:5309000044' }) },
      { name: 'site code, spaces around the colon', ...variant({ sitecode: '网站标识码 ： 5309000044' }) },
      { name: 'site code without 网站', ...variant({ sitecode: '标识码：5309000044' }) },
      { name: 'site code bm', ...variant({ sitecode: '网站标识码：bm01000001' }) },
      { name: 'site code in the next cell', ...variant({ sitecode: '网站标识码：<br>5309000044' }) },
      { name: 'sponsor 网站主办', ...variant({ sponsor: '网站主办：临沧市人民政府办公室' }) },
      { name: 'sponsor label and space', ...variant({ sponsor: '主办单位 临沧市人民政府办公室' }) },
      { name: 'sponsor after the name', ...variant({ sponsor: '临沧市人民政府办公室主办 临沧市信息中心承办' }) },
      { name: 'sponsor after the name, inline spans glued', ...variant({ sponsor: '<span>临沧市人民政府办公室主办</span><span>临沧市信息中心承办</span>' }) },
      { name: 'sponsor label spaced out', ...variant({ sponsor: '主　　办：临沧市人民政府办公室' }) },
      { name: 'contact label spaced out', ...variant({ contact: '电　话：0883-2122021' }) },
      { name: '公网安备 with a colon, spaces and 号', ...variant({ psb: '滇公网安备： 53090202000105 号' }) },
      { name: 'contact e-mail', ...variant({ contact: 'lcszfb@lincang.gov.cn' }) },
      { name: 'contact landline only', ...variant({ contact: '0883-2122021' }) },
      { name: 'contact 联系我们 link', ...variant({ contact: '<a href="/lxwm/">联系我们</a>' }) },
      { name: 'contact mailto link', ...variant({ contact: '<a href="mailto:lcszfb@lincang.gov.cn">给我们写信</a>' }) },
      { name: 'contact image link titled 联系我们', ...variant({ contact: '<a href="/lxwm/" title="联系我们"><img src="/i/lx.png"></a>' }) },
      {
        name: 'conac rendered link',
        ...variant({
          conac:
            '<a href="https://bszs.conac.cn/sitename?method=show&amp;id=0B3C2F5D2E6A4B8F9C1D7E2A4B6C8D0E"><img src="https://dcs.conac.cn/image/red.png"></a>',
        }),
      },
      { name: 'conac blue image', ...variant({ conac: '<img src="https://dcs.conac.cn/image/blue.png">' }) },
      { name: 'conac alt 党政机关', ...variant({ conac: '<img src="/images/dzjg.png" alt="党政机关网站标识">' }) },
      { name: 'conac title 事业单位', ...variant({ conac: '<img src="/images/sydw.png" title="事业单位">' }) },
      {
        name: 'psb via the new MPS link',
        ...variant({ psb: '<a href="https://beian.mps.gov.cn/#/query/webSearch?code=53090202000105"><img src="/i/ga.png"></a>' }),
      },
      { name: 'psb via an image alt', ...variant({ psb: '<img src="/i/ga.png" alt="滇公网安备 53090202000105号">' }) },
    ],
    invalid: [
      {
        name: 'lower-case icp',
        ...variant({ icp: '滇icp备05000394号' }),
        errors: [{ kind: 'icp', messageId: 'icpMalformed', text: '滇icp备05000394号', suggestion: '滇ICP备05000394号', severity: 'notice', at: 'only' }],
      },
      {
        name: 'ICP without 号',
        ...variant({ icp: '滇ICP备05000394' }),
        errors: [{ kind: 'icp', messageId: 'icpMalformed', text: '滇ICP备05000394', suggestion: '滇ICP备05000394号', severity: 'notice', at: 'only' }],
      },
      {
        name: 'space inside the ICP number',
        ...variant({ icp: '滇 ICP备05000394号' }),
        errors: [{ kind: 'icp', messageId: 'icpMalformed', text: '滇 ICP备05000394号', suggestion: '滇ICP备05000394号', severity: 'notice', at: 'only' }],
      },
      {
        name: 'ICP glued to the sponsor name',
        ...variant({ icp: '临沧市人民政府办公室ICP备05000394号' }),
        errors: [{ kind: 'icp', messageId: 'icpMalformed', text: 'ICP备05000394号', suggestion: '滇ICP备05000394号', severity: 'deduct', at: 'only' }],
      },
      {
        name: '公安 number after a label',
        ...variant({ psb: '公安备案号：53090202000105' }),
        errors: [
          {
            kind: 'psb',
            messageId: 'psbMalformed',
            text: '公安备案号：53090202000105',
            suggestion: '滇公网安备 53090202000105号',
            severity: 'notice',
            at: 'only',
          },
        ],
      },
      {
        name: '公网安备 without 省简称',
        ...variant({ psb: '公网安备 53090202000105号' }),
        errors: [
          {
            kind: 'psb',
            messageId: 'psbMalformed',
            text: '公网安备 53090202000105号',
            suggestion: '滇公网安备 53090202000105号',
            severity: 'notice',
            at: 'only',
          },
        ],
      },
      {
        name: '公安 number with no province code',
        ...variant({ psb: '滇公网安备 99090202000105号' }),
        errors: [
          {
            kind: 'psb',
            messageId: 'psbMalformed',
            text: '滇公网安备 99090202000105号',
            suggestion: '公安机关备案号为14位数字，前两位为省级行政区划代码，如“滇公网安备 53090202000105号”',
            severity: 'deduct',
            at: 'only',
          },
        ],
      },
      {
        name: 'site code with 11 digits',
        ...variant({ sitecode: '网站标识码：53090000441' }),
        errors: [
          {
            kind: 'sitecode',
            messageId: 'sitecodeMalformed',
            text: '网站标识码：53090000441',
            suggestion: '网站标识码为10位数字（前6位为行政区划代码），国务院部门网站为 bm 加8位数字',
            severity: 'deduct',
            at: 'only',
          },
        ],
      },
      {
        name: 'bm code with 7 digits',
        ...variant({ sitecode: '网站标识码：bm0100001' }),
        errors: [
          {
            kind: 'sitecode',
            messageId: 'sitecodeMalformed',
            text: '网站标识码：bm0100001',
            suggestion: '网站标识码为10位数字（前6位为行政区划代码），国务院部门网站为 bm 加8位数字',
            severity: 'deduct',
            at: 'only',
          },
        ],
      },
      {
        name: 'only a copyright owner, no 主办',
        ...variant({ sponsor: '版权所有：临沧市人民政府办公室' }),
        errors: [
          {
            kind: 'sponsor',
            messageId: 'sponsorCopyrightOnly',
            text: '版权所有：临沧市人民政府办公室',
            suggestion: '主办：临沧市人民政府办公室',
            severity: 'notice',
            at: 'only',
          },
        ],
      },
      {
        name: 'copyright owner first',
        ...variant({ sponsor: 'Copyright © 2026 临沧市人民政府 版权所有' }),
        errors: [
          {
            kind: 'sponsor',
            messageId: 'sponsorCopyrightOnly',
            text: '临沧市人民政府 版权所有',
            suggestion: '主办：临沧市人民政府',
            severity: 'notice',
            at: 'only',
          },
        ],
      },
      {
        name: '公网安备 with a colon and no 号',
        ...variant({ psb: '冀公网安备： 13030202002230' }),
        errors: [
          {
            kind: 'psb',
            messageId: 'psbMalformed',
            text: '冀公网安备： 13030202002230',
            suggestion: '冀公网安备 13030202002230号',
            severity: 'notice',
            at: 'only',
          },
        ],
      },
      {
        name: 'an empty 主办 label and 承办 alone → missing sponsor',
        ...variant({ sponsor: '主办： 承办：临沧市信息中心' }),
        errors: [{ kind: 'sponsor', text: '', start: undefined }],
      },
      {
        name: '主管 alone → missing sponsor',
        ...variant({ sponsor: '主管单位：临沧市人民政府' }),
        errors: [{ kind: 'sponsor', text: '', start: undefined }],
      },
      {
        name: '版权所有 without an organisation → missing sponsor',
        ...variant({ sponsor: '版权所有 未经许可不得转载' }),
        errors: [{ kind: 'sponsor', text: '', start: undefined }],
      },
      { name: 'no contact at all → missing contact', ...variant({ contact: '' }), errors: [{ kind: 'contact', text: '', start: undefined }] },
      {
        name: 'an ICP licence (证) is not the filing number → missing icp',
        ...variant({ icp: '滇ICP证050001号' }),
        errors: [{ kind: 'icp', text: '', start: undefined }],
      },
      {
        name: 'a 公安 badge image without the number → missing psb',
        ...variant({ psb: '<img src="/i/ga.png" alt="公安备案">' }),
        errors: [{ kind: 'psb', text: '', start: undefined }],
      },
      {
        name: 'a site code only in the 找错 widget → missing sitecode',
        ...variant({ sitecode: '<script id="_jiucuo_" sitecode="5309000044" src="/js/jiucuo.js"></script>' }),
        errors: [{ kind: 'sitecode', text: '', start: undefined }],
      },
    ],
  });

  it('invalid: a page with no footer items at all gets exactly the six missing kinds', () => {
    const html = page({ sponsor: '', sitecode: '', icp: '', psb: '', contact: '', conac: '' });
    const findings = tester.scan({ text: html, model: () => modelOf(html) });
    expect(findings.map((f) => f.kind)).toEqual([...IDENTIFICATION_KINDS]);
    expect(findings.every((f) => f.severity === 'deduct' && f.messageId.startsWith('missing'))).toBe(true);
  });
});

describe('site-identification scope', () => {
  it('valid: a non-top frame gets no findings, from the engine and from the check itself', () => {
    const model = modelOf(fixture('missing-icp.html'), { isTopFrame: false });
    expect(model.isTopFrame).toBe(false);
    expect(tester.scan({ text: 'the page', model: () => model })).toEqual([]);
    expect(runDirect(model)).toEqual([]);
  });

  it('valid: a plain-text model has no footer, so nothing is reported (not even malformed numbers)', () => {
    const model = textModelFromPlainText('主办：某单位\n网站标识码：530900004\nICP备05000394号\n', 'file:///tmp/a.txt');
    expect(tester.scan({ text: 'the page', model: () => model })).toEqual([]);
    expect(runDirect(model)).toEqual([]);
  });

  it('the foot of the page starts at the footer, joined by short cue lines just above it, never by prose', () => {
    const model = modelOf(
      '<html><body><div class="article"><p>文章引用网站标识码：530900004和ICP备05000394号，说明要素要求，这是正文段落。</p></div>' +
        '<div class="info">网站标识码：5309000044</div><div class="footer">主办：临沧市人民政府办公室</div></body></html>',
    );
    const zone = footZoneStart(model);
    expect(model.text.slice(zone)).toBe('网站标识码：5309000044\n主办：临沧市人民政府办公室\n');
  });

  it('without footer markup, the foot of the page stops at the last article paragraph', () => {
    const model = modelOf(
      '<html><body><div class="article"><p>请各单位对照要求，于本月底前完成自查，联系电话：0883-2122021。如有问题，及时报告。</p></div>' +
        '<div class="wrap"><div>主办：临沧市人民政府办公室</div><div>滇ICP备05000394号</div></div></body></html>',
    );
    expect(model.footer).toBeUndefined();
    expect(model.text.slice(footZoneStart(model))).toBe('主办：临沧市人民政府办公室\n滇ICP备05000394号\n');
  });
});
