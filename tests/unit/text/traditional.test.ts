import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import check from '../../../lib/checks/site-identification';
import { runChecks } from '../../../lib/engine/engine';
import { buildTextModel } from '../../../lib/text-model/build';
import { textModelFromPlainText } from '../../../lib/text-model/from-text';
import { foldTraditional, isTraditionalText } from '../../../lib/text/traditional';

describe('foldTraditional (lib/text/traditional.ts)', () => {
  it('folds character by character, one for one, leaving the rest', () => {
    const text = '國務院總理　李克強：2025年GDP增長5%。';
    expect(foldTraditional(text)).toBe('国务院总理　李克强：2025年GDP增长5%。');
    expect(foldTraditional(text)).toHaveLength(text.length);
  });

  it("folds OpenCC's phrases first (答覆 → 答复: 覆 is simplified too; 乾坤 stays, 乾淨 folds)", () => {
    expect(foldTraditional('答覆單位')).toBe('答复单位');
    expect(foldTraditional('乾坤')).toBe('乾坤');
    expect(foldTraditional('乾淨')).toBe('干净');
    expect(foldTraditional('關於')).toBe('关于');
  });

  it('returns simplified text as it is', () => {
    const text = '网站标识码：5309000099';
    expect(foldTraditional(text)).toBe(text);
  });
});

describe('isTraditionalText', () => {
  it('a text written in traditional characters as a whole', () => {
    expect(isTraditionalText('雲嶺縣召開鄉村振興工作推進會')).toBe(true);
  });
  it('one or two traditional characters in simplified text are 繁简混用, not a traditional text', () => {
    expect(isTraditionalText('我們要加强环境保护，推进生态文明建设，提高人民群众的获得感。')).toBe(false);
  });
});

const PAGE = (body: string) =>
  parseHTML(`<!doctype html><html lang="zh-Hant"><head><title>雲嶺縣人民政府門戶網站</title></head><body>${body}</body></html>`).document;
const FOOTER =
  '<div class="footer"><p>主辦：雲嶺縣人民政府辦公室　承辦：雲嶺縣信息中心</p>' +
  '<p>網站標識碼：5309000099　<a href="https://beian.miit.gov.cn/">滇ICP備05000999號</a>　' +
  '<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=53090202000999">滇公網安備 53090202000999號</a></p>' +
  '<p>聯繫電話：0883-1234567</p>' +
  '<script type="text/javascript" src="https://dcs.conac.cn/js/27/000/0000/60000000/CA270000000600000000000.js"></script></div>';

describe('a page written in traditional characters (a 繁體 version of a site)', () => {
  it('is read folded, every offset its own, the text as written kept beside it', () => {
    const { model, map } = buildTextModel(PAGE(`<h1>雲嶺縣召開鄉村振興工作推進會</h1><p><a href="/a.html">關於印發通知</a></p>${FOOTER}`), {
      url: 'https://www.example.gov.cn/',
    });
    expect(model.traditional).toBe(true);
    expect(model.title).toBe('云岭县人民政府门户网站');
    expect(model.writtenTitle).toBe('雲嶺縣人民政府門戶網站');
    expect(model.text).toContain('网站标识码：5309000099');
    expect(model.links[0].text).toBe('关于印发通知');
    expect(model.written).toHaveLength(model.text.length);
    for (let i = 0; i < map.nodes.length; i++) {
      expect(model.written!.slice(map.starts[i], map.starts[i] + map.nodes[i].data.length)).toBe(map.nodes[i].data);
    }
  });

  it('has its identification read as the simplified site’s (網站標識碼, 滇ICP備, 主辦 are no missing items)', () => {
    const { model } = buildTextModel(PAGE(`<h1>雲嶺縣召開鄉村振興工作推進會</h1>${FOOTER}`), { url: 'https://www.example.gov.cn/' });
    const result = runChecks(model, { today: '2026-12-06', checks: [check] });
    expect(result.findings.filter((f) => f.kind !== 'jiucuo').map((f) => f.kind)).toEqual([]);
  });

  it('a simplified page is read as it is (no folding, nothing written beside it)', () => {
    const { model } = buildTextModel(
      parseHTML('<!doctype html><html><head><title>云岭县</title></head><body><p>我們要加强环境保护，推进生态文明建设。</p></body></html>').document,
    );
    expect(model.traditional).toBeUndefined();
    expect(model.written).toBeUndefined();
    expect(model.text).toContain('我們');
  });

  it('a plain text in traditional characters: findings quote it as written', () => {
    const model = textModelFromPlainText('我們要全心意為人民服務，這是黨的宗旨。', 'x.txt');
    expect(model.traditional).toBe(true);
    expect(model.text).toBe('我们要全心意为人民服务，这是党的宗旨。');
    expect(model.written).toBe('我們要全心意為人民服務，這是黨的宗旨。');
  });
});
