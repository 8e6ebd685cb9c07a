import * as jieba from 'jieba-wasm';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { checks } from '../../lib/checks';
import { recheckPage } from '../../lib/extension/recheck';
import { jiebaSegmenter } from '../../lib/engine/segmenter';

const URL_ = 'https://www.yl.gov.cn/zwgk/dibao.html';
const doc = (body: string) => parseHTML(`<!doctype html><html><head><title>公示</title></head><body>${body}</body></html>`).document as unknown as Document;
const opts = { today: '2026-11-22', checks, segmenter: jiebaSegmenter(jieba) };

describe('复查 of a page', () => {
  it('keeps what the page still has, and finds rectified what it no longer has', async () => {
    const recorded = [
      { id: 1, check: 'personal-id-number', text: '530902198703150411' },
      { id: 2, check: 'personal-mobile-number', text: '13987016642' },
      { id: 3, check: 'typo-word-pair', text: '开诚不公' },
      { id: 4, check: 'manual', text: '本栏目内容已过期' },
      { id: 5, check: 'link-broken', text: 'https://www.yl.gov.cn/gone.html', kind: 'dead' },
    ];
    // After rectification: the ID is masked, the slip corrected; the phone and the manual text remain.
    const now = doc('<p>杨建华 53**************11 联系电话 13987016642</p><p>会上大家开诚布公地交流。本栏目内容已过期。</p><a href="/gone.html">旧文件</a>');
    const r = await recheckPage(now, URL_, recorded, opts);
    expect(r).toEqual({ present: [2, 4, 5], gone: [1, 3] });
  });

  it('matches page-level findings by their item', async () => {
    const recorded = [
      { id: 7, check: 'site-identification', text: '', kind: 'icp' },
      { id: 8, check: 'site-identification', text: '', kind: 'psb' },
    ];
    const now = doc('<div class="footer">主办：云岭县人民政府办公室 网站标识码：5309000099 联系电话：0883-1234567 滇ICP备05000999号</div>');
    const r = await recheckPage(now, URL_, recorded, opts);
    expect(r.gone).toContain(7); // the ICP number is there now
    expect(r.present).toContain(8); // the 公安备案号 is still missing
  });
});
