import { defineCheck } from '../engine/define-check';
import type { CheckContext, MessageTemplates } from '../engine/types';
import { TYPO_INDICATOR } from './util/indicators';

/**
 * 发文字号 (the number of an official document, 国办发〔2024〕5号) written against GB/T 9704-2012 《党政机关公文格式》
 * 7.2.4: the year in full, in 六角括号 〔〕; the sequence number with no 第 and no leading zero (1, not 01), then 号.
 * Sites copy numbers from word processors that lack 〔〕 and type [2024], 【2024】 or （2024） instead, and 第5号 or
 * 05号: each is reported with the number as the standard writes it.
 *
 * A 文号 here is an issuing body's abbreviation (Chinese characters right before the bracket: 湘政发, 国办函), a year
 * 1900–2099 in brackets, then the sequence number and 号. Not a court's case number (（2024）京01民初123号: the
 * court's code follows the year, not the number), nor a standard's (GB/T 9704-2012). Small-form brackets ﹝﹞ are
 * left alone: they look like 〔〕 on the page. See docs/checks/typo-doc-number.md.
 */

const INDICATOR: MessageTemplates = { 'zh-CN': `${TYPO_INDICATOR['zh-CN']}（公文发文字号）`, en: `${TYPO_INDICATOR.en} (document numbers)` };
const RULE = 'GB/T 9704-2012 7.2.4';

/**
 * An abbreviation's last character, the bracketed year, an optional 第, the sequence number and 号. The opening
 * bracket comes first and the Chinese character before it is looked behind for after it: a pattern that opens
 * with its lookbehind tests every offset of the page (five times slower over the work reports).
 */
const DOC_NUMBER =
  /([[【（(［〔])(?<=\p{Script=Han}.)[ \u3000]*((?:19|20)[0-9]{2})[ \u3000]*([\]】）)］〕])[ \u3000]*(第?)[ \u3000]*([0-9]{1,5})[ \u3000]*号/gu;

export default defineCheck({
  meta: {
    id: 'typo-doc-number',
    category: 'typo',
    defaultSeverity: 'notice',
    indicator: INDICATOR,
    description: {
      'zh-CN':
        '按 GB/T 9704-2012《党政机关公文格式》7.2.4 查发文字号的写法：年份用六角括号“〔〕”括入（不用[ ]、【 】、（ ）），发文顺序号不加“第”字、不编虚位（不写05号）。如“湘政发【2012】33号”→“湘政发〔2012〕33号”，“国办发〔2024〕第05号”→“国办发〔2024〕5号”。法院案号（（2024）京01民初123号）不看。',
      en: 'Checks document numbers (发文字号) against GB/T 9704-2012 7.2.4: the year in 六角括号 〔〕 (not [ ], 【 】 or （ ）), the sequence number without 第 and without leading zeros. 湘政发【2012】33号 → 湘政发〔2012〕33号, 国办发〔2024〕第05号 → 国办发〔2024〕5号. Court case numbers ((2024)京01民初123号) are left alone.',
    },
    messages: {
      brackets: {
        'zh-CN': '发文字号“{{written}}”的年份应用六角括号“〔〕”括入，应为“{{right}}”（{{rule}}）',
        en: 'In the document number "{{written}}" the year goes in 六角括号 〔〕: "{{right}}" ({{rule}})',
      },
      sequence: {
        'zh-CN': '发文字号“{{written}}”的顺序号不加“第”字、不编虚位，应为“{{right}}”（{{rule}}）',
        en: 'In the document number "{{written}}" the sequence number takes no 第 and no leading zero: "{{right}}" ({{rule}})',
      },
    },
  },

  run(ctx: CheckContext) {
    const text = ctx.model.text;
    for (const m of text.matchAll(DOC_NUMBER)) {
      const [written, open, year, close, di, seq] = m;
      const brackets = open !== '〔' || close !== '〕';
      const number = String(Number(seq));
      if (!brackets && !di && number === seq) continue;
      const right = `〔${year}〕${number}号`;
      ctx.report({
        messageId: brackets ? 'brackets' : 'sequence',
        data: { written, right, rule: RULE },
        start: m.index!,
        end: m.index! + written.length,
        suggestion: right,
      });
    }
  },
});
