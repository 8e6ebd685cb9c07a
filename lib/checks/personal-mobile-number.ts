import { defineCheck } from '../engine/define-check';
import type { CheckContext } from '../engine/types';
import { maskNumber } from './util/mask';

/**
 * 未脱敏的手机号码: a published page that shows a person's full mobile number leaks personal data, a
 * 单项否决 item (严重问题); notices expect it masked as 138****1234.
 *
 * Flags mainland mobile numbers 1[3-9]XXXXXXXXX written as 13812345678, 138-1234-5678 or 138 1234 5678 (one
 * separator used throughout), optionally after +86 / 0086 / 86. The number must not be part of a longer run of
 * digits or letters, so landlines (0871-12345678, (0871)1234567), 统一社会信用代码 (18 characters),
 * 公安备案号 (14 digits), ICP numbers, 身份证号 and order numbers of other lengths are not flagged.
 * Masked numbers (138****1234) are never flagged. See docs/checks/personal-mobile-number.md.
 */

/** Separators allowed inside a grouped number: dash, space, no-break space (one kind per number). */
const SEP = '[- \\u00a0]';
/** Optional country prefix, kept in the flagged range: +86, 0086, 86, with an optional separator. */
const PREFIX = `(?<prefix>(?:\\+|00)?86${SEP}?)?`;
/**
 * Linear time: every alternative is bounded in length and the lookarounds are a character or two, so a long
 * run of digits fails at once at every position but the first.
 */
const MOBILE_RE = new RegExp(
  `(?<![0-9A-Za-z]|\\d\\.)${PREFIX}(?:(?<plain>1[3-9]\\d{9})|(?<grouped>1[3-9]\\d(?<sep>${SEP})\\d{4}\\k<sep>\\d{4}))(?![0-9A-Za-z]|\\.\\d)`,
  'g',
);

export default defineCheck({
  meta: {
    id: 'personal-mobile-number',
    category: 'privacy',
    defaultSeverity: 'veto',
    indicator: {
      'zh-CN': '严重问题：泄露个人信息（手机号码未脱敏）',
      en: 'Serious problem: personal data leaked (unmasked mobile number)',
    },
    description: {
      'zh-CN':
        '查找页面中未脱敏的大陆手机号码（1开头、第二位3–9的11位号码，可带 +86 前缀，可写作 138-1234-5678 或 138 1234 5678）。号码不能是更长数字串的一部分，因此固定电话、统一社会信用代码、公安备案号、ICP备案号和其他长度的编号不报告；已脱敏的号码（如 138****1234）不报告。',
      en: 'Finds unmasked mainland mobile numbers (11 digits, 1 then 3–9; optional +86 prefix; also written 138-1234-5678 or 138 1234 5678). The number must not be part of a longer run of digits, so landlines, unified social credit codes, public security and ICP filing numbers and numbers of other lengths are not reported; masked numbers (138****1234) are not reported.',
    },
    messages: {
      mobileNumber: {
        'zh-CN': '未脱敏的手机号码（应隐去中间四位，如 {{masked}}）',
        en: 'Unmasked mobile number (hide the middle four digits, e.g. {{masked}})',
      },
    },
  },

  run(ctx: CheckContext) {
    const text = ctx.model.text;
    const re = new RegExp(MOBILE_RE.source, MOBILE_RE.flags);
    for (let m = re.exec(text); m; m = re.exec(text)) {
      ctx.checkBudget();
      const groups = m.groups ?? {};
      const prefix = groups.prefix ?? '';
      const core = groups.plain ?? groups.grouped;
      const masked = prefix + maskNumber(core, 3, 4);
      ctx.report({
        messageId: 'mobileNumber',
        data: { masked: maskNumber(core, 3, 4) },
        start: m.index,
        end: m.index + m[0].length,
        suggestion: masked,
      });
    }
  },
});
