import { defineCheck } from '../engine/define-check';
import type { CheckContext } from '../engine/types';
import { parseIdNumber } from './util/id-number';
import { maskNumber } from './util/mask';

/**
 * 未脱敏的身份证号: a published page that shows a full 公民身份号码 (GB 11643-1999) leaks personal data, a
 * 单项否决 item (严重问题) in the inspections; lists such as 低保、救助、危房改造 must show it masked
 * (35*************123, first 2 and last 3 characters).
 *
 * A candidate is a run of 18 characters (17 digits and a digit or X/x) or 15 digits that is not part of a longer
 * run of digits or letters. It is flagged only when it is a real number: the area code is a GB/T 2260 code of
 * any revision (lib/data/area-codes.ts), the birth date is a real date from 1900-01-01 to the injected
 * `ctx.today`, and, for the 18-character form, the MOD 11-2 check character is right. Masked numbers
 * (35*************123, 3501**********1234) have no such run and are never flagged. See docs/checks/personal-id-number.md.
 */

/**
 * One candidate per match; linear time (the lookbehind and lookahead are one character each, so a long run
 * of digits fails at once at every position but the first).
 */
const CANDIDATE_RE = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;

export default defineCheck({
  meta: {
    id: 'personal-id-number',
    category: 'privacy',
    defaultSeverity: 'veto',
    indicator: {
      'zh-CN': '严重问题：泄露个人信息（身份证号未脱敏）',
      en: 'Serious problem: personal data leaked (unmasked ID card number)',
    },
    description: {
      'zh-CN':
        '查找页面中未脱敏的居民身份证号码（18位，含校验码 X；以及15位旧号码）：地址码须为 GB/T 2260 历次发布的行政区划代码，出生日期须真实且不晚于检查日期，18位号码须通过 ISO 7064 MOD 11-2 校验。已脱敏的号码（如 35*************123）不报告。',
      en: 'Finds unmasked Chinese resident ID card numbers (18 characters with the check character, and the old 15-digit form): the area code must be a GB/T 2260 code of some revision, the birth date real and not after the review date, and an 18-character number must pass ISO 7064 MOD 11-2. Masked numbers (35*************123) are not reported.',
    },
    messages: {
      idNumber: {
        'zh-CN': '未脱敏的身份证号（出生日期 {{birth}}）',
        en: 'Unmasked ID card number (date of birth {{birth}})',
      },
      idNumberOld: {
        'zh-CN': '未脱敏的15位旧身份证号（出生日期 {{birth}}）',
        en: 'Unmasked old 15-digit ID card number (date of birth {{birth}})',
      },
    },
    options: {
      oldForm: {
        type: 'boolean',
        default: true,
        description: {
          'zh-CN': '同时查找15位旧身份证号（无校验码，只核对地址码和出生日期）',
          en: 'Also report old 15-digit ID numbers (no check digit: only the area code and the birth date are checked)',
        },
      },
    },
  },

  run(ctx: CheckContext) {
    const text = ctx.model.text;
    const oldForm = ctx.options.oldForm !== false;
    const re = new RegExp(CANDIDATE_RE.source, CANDIDATE_RE.flags);
    for (let m = re.exec(text); m; m = re.exec(text)) {
      ctx.checkBudget();
      const written = m[0];
      if (written.length === 15 && !oldForm) continue;
      const info = parseIdNumber(written, ctx.today);
      if (!info) continue;
      ctx.report({
        messageId: info.length === 18 ? 'idNumber' : 'idNumberOld',
        data: { birth: info.birth },
        start: m.index,
        end: m.index + written.length,
        suggestion: maskNumber(written, 2, 3),
      });
    }
  },
});
