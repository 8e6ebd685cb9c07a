/**
 * 标识内容 (issue 13 item 5), part of site-identification: the footer's 主办单位 names a renamed body, or the
 * 网站标识码's area is not the one the 主办单位 names. Three footer layouts (TRS/海云, 大汉, 开普云), and pages
 * that must not fire. Valid and invalid tables, as for every check.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/site-identification';
import { areaOfCode, areasNamedAtStart } from '../../../lib/data/area-names';
import { buildTextModel } from '../../../lib/text-model/build';
import { ruleTester } from './rule-tester';
import type { TextModel } from '../../../lib/engine/types';

const URL_ = 'https://www.lincang.gov.cn/zwgk/tzgg/202611/t20261120_1.html';
const tester = ruleTester(check, { today: '2026-11-22' });
const CONAC = '<script src="https://dcs.conac.cn/js/27/000/0000/60000000/CA270000000600000000000.js"></script>';
const BODY = '<div class="article"><h1>关于做好冬季安全生产工作的通知</h1><p>各县（区）人民政府，市直各部门：现将有关事项通知如下。</p></div>';
const page = (footer: string, date = '2026-11-20') =>
  `<!doctype html><html><head><meta charset="utf-8"><title>通知公告</title></head><body>${BODY}<p>发布时间：${date}</p>${footer}</body></html>`;

/** TRS/海云: div.footer with <p> rows. */
const TRS = (sponsor: string, code: string) =>
  page(`<div class="footer"><p>主办：${sponsor}　联系电话：0883-2122222</p>
<p>网站标识码：${code}　<a href="https://beian.miit.gov.cn/">滇ICP备05000394号</a>　滇公网安备 53090202000105号</p><p>${CONAC}</p></div>`);
/** 大汉: a table footer, label and value in one cell with <br>. */
const HANWEB = (sponsor: string, code: string, date?: string) =>
  page(
    `<table class="bottom"><tr><td>${CONAC}</td><td>网站主办：${sponsor}<br>网站标识码：${code}<br>滇ICP备05000394号　滇公网安备 53090202000105号<br>电话：0883-2122222</td></tr></table>`,
    date,
  );
/** 开普云: <footer> with a list, the value in its own span. */
const UCAP = (sponsor: string, code: string) =>
  page(`<footer class="g-footer"><ul><li>主办单位：<span>${sponsor}</span></li><li>网站标识码：<span>${code}</span></li>
<li>滇ICP备05000394号</li><li>滇公网安备 53090202000105号</li><li><a href="/lxwm/">联系我们</a></li></ul>${CONAC}</footer>`);

const modelOf = (html: string): TextModel => buildTextModel(parseHTML(html).document, { url: URL_ }).model;
const on = (name: string, html: string) => ({ text: name, model: () => modelOf(html) });

describe('area names', () => {
  it('reads the areas a name starts with, most specific last, and names a code', () => {
    expect(areasNamedAtStart('云南省临沧市人民政府').map((s) => s.map((a) => a.code))).toEqual([['53'], ['5309']]);
    expect(areasNamedAtStart('临沧市凤庆县人民政府').at(-1)).toEqual([{ code: '530921', name: '凤庆县' }]);
    expect(areasNamedAtStart('云岭县人民政府')).toEqual([]);
    expect(areasNamedAtStart('朝阳区人民政府')[0].length).toBeGreaterThan(1);
    expect(areaOfCode('532900')).toEqual({ code: '5329', name: '大理白族自治州' });
    expect(areaOfCode('530921')).toEqual({ code: '530921', name: '凤庆县' });
    expect(areaOfCode('371200')).toBeUndefined(); // 莱芜市, merged into 济南市 in 2019: not current
  });
});

tester.run({
  valid: [
    on('TRS/海云: 临沧市人民政府办公室 with 5309…', TRS('临沧市人民政府办公室', '5309000044')),
    on('大汉: a county body (凤庆县) with a code inside its county', HANWEB('凤庆县人民政府办公室', '5309210001')),
    on('开普云: a city department with the city code', UCAP('临沧市生态环境局', '5309000012')),
    on('a county department of the city (临沧市生态环境局凤庆分局) with a county code: inside the city', TRS('临沧市生态环境局凤庆分局', '5309210003')),
    on('a province named first, then the city', HANWEB('云南省临沧市人民政府', '5309000044')),
    on('a sponsor naming no known place (云岭县, fictional) is not judged', TRS('云岭县人民政府办公室', '5329000099')),
    on('a short form (大理州) is not matched, so not judged', UCAP('大理州人民政府办公室', '5309000044')),
    on('a code kept from before a boundary reform (莱芜市 371200) is let be', TRS('济南市莱芜区人民政府', '3712000001')),
    on('中共临沧市委办公室 with 5309…', TRS('中共临沧市委办公室', '5309000001')),
    on('a renamed body on a page dated before the rename', HANWEB('临沧市环境保护局', '5309000012', '2018-06-01')),
    on('a current name that contains an old one only as part of a word (农业农村局)', UCAP('临沧市农业农村局', '5309000013')),
    on('a bm code of a State Council department is not judged by area', TRS('中华人民共和国自然资源部', 'bm17000001')),
  ],
  invalid: [
    {
      ...on('TRS/海云: 临沧市人民政府 with a 大理 code (5329…)', TRS('临沧市人民政府', '5329000044')),
      errors: [
        {
          messageId: 'sitecodeSponsorArea',
          kind: 'sitecode',
          severity: 'deduct',
          text: '网站标识码：5329000044',
          at: 'only',
          message: '网站标识码5329000044的行政区划代码属于大理白族自治州（532900），与网站主办单位“临沧市人民政府”所在的临沧市不符',
        },
      ],
    },
    {
      ...on('大汉: a county government with a code of another county', HANWEB('凤庆县人民政府', '5309220001')),
      errors: [{ messageId: 'sitecodeSponsorArea', kind: 'sitecode', messageContains: ['云县（530922）', '凤庆县'] }],
    },
    {
      ...on('开普云: a province body with a code of another province', UCAP('云南省人民政府办公厅', '5100000001')),
      errors: [{ messageId: 'sitecodeSponsorArea', kind: 'sitecode', messageContains: ['四川省（510000）', '云南省'] }],
    },
    {
      ...on('TRS/海云: the sponsor is a renamed body (环境保护局)', TRS('临沧市环境保护局', '5309000012')),
      errors: [
        {
          messageId: 'sponsorRenamed',
          kind: 'sponsor',
          severity: 'deduct',
          text: '临沧市环境保护局',
          at: 'only',
          suggestion: '临沧市生态环境局',
          data: { old: '环境保护局', current: '生态环境局', year: '2019' },
        },
      ],
    },
    {
      ...on('大汉: 国土资源局 with its 办公室', HANWEB('凤庆县国土资源局办公室', '5309210004')),
      errors: [{ messageId: 'sponsorRenamed', kind: 'sponsor', text: '凤庆县国土资源局办公室', suggestion: '凤庆县自然资源局办公室' }],
    },
    {
      ...on('开普云: a province-level 安全生产监督管理局 (newProvincial)', UCAP('云南省安全生产监督管理局', '5300000007')),
      errors: [{ messageId: 'sponsorRenamed', kind: 'sponsor', suggestion: '云南省应急管理厅' }],
    },
  ],
});
