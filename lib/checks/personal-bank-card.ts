import { defineCheck } from '../engine/define-check';
import type { CheckContext } from '../engine/types';
import { isValidIdNumber } from './util/id-number';
import { luhnValid } from './util/luhn';
import { maskNumber } from './util/mask';

/**
 * 未脱敏的银行卡号: a published list (补贴发放、低保、救助) that shows a person's full bank card or passbook
 * number leaks personal data, a 单项否决 item (严重问题).
 *
 * A candidate is 16–19 digits, contiguous or grouped in fours by spaces or dashes (6222 0212 3456 7890 123), not
 * part of a longer run, that passes the Luhn check. Long numbers pass Luhn one time in ten by chance, so a
 * candidate is flagged only in an account context:
 * - an account word (账号, 卡号, 银行卡, 开户行, 账户, 收款账号 …) or a bank (农业银行云岭支行, 信用社) in the preceding
 *   `window` characters (default 40; the same line or cell, or a table's header row just above its first rows);
 * - or a header cell that holds only an account label (银行卡号, 收款账号) in the preceding 300 characters
 *   (a table's first rows, when the header is wider than the window);
 * - or a card number already flagged at most 300 characters before (the next rows of the same column).
 * Not flagged: a valid 身份证号 (an 18-digit ID passes Luhn one time in ten; personal-id-number owns it), and
 * accounts of organisations (户名 or 收款人 naming a 局/委员会/政府/中心/公司…, 收款单位, 对公, 财政专户, 零余额, 非税收入):
 * a government body publishes its own 收款账户 on purpose. See docs/checks/personal-bank-card.md.
 */

/** Separators inside a grouped number: dash, space, no-break space (one kind per number). */
const SEP = '[- \\u00a0]';
/**
 * Plain: 16–19 digits. Grouped: four groups of four and an optional last group of 1–3 (16–19 digits), not
 * preceded or followed by another group of the same shape. Bounded alternatives and short lookarounds: linear.
 */
const CARD_RE = new RegExp(
  `(?<![0-9A-Za-z]|\\d\\.)(?:(?<plain>\\d{16,19})(?![0-9A-Za-z]|\\.\\d)` +
    `|(?<!(?:^|[^0-9A-Za-z])\\d{4}${SEP})(?<grouped>\\d{4}(?<sep>${SEP})\\d{4}(?:\\k<sep>\\d{4}){2}(?:\\k<sep>\\d{1,3})?)` +
    `(?![0-9A-Za-z]|${SEP}\\d{1,4}(?![0-9A-Za-z])))`,
  'g',
);

/** Words that say the number is an account. */
const ACCOUNT_WORD = /账号|帐号|卡号|银行卡|开户行|开户银行|银行账户|银行帐户|账户|帐户|收款账号|存折|折号|一卡通|社保卡/;
/**
 * A bank branch named just before the number (农业银行云岭支行 6228…): a 发放名单 prints the branch and the card in
 * one cell, rows below a header that is out of reach.
 */
const BANK_CUE = /银行|信用社|信用联社|农商行|农信社|邮储|(?:支|分)行|分社|储蓄所/;
/** A header cell (a line of its own) that holds only an account label. */
const ACCOUNT_HEADER =
  /(?:^|\n)[^\S\n]*(?:(?:银行|存折|收款|个人|补贴|发放|社保卡|一卡通|惠农)?(?:卡号|账号|帐号|银行卡号?|账户|帐户)(?:号码?)?|开户行及账号|开户银行及账号)[^\S\n]*[:：]?[^\S\n]*(?=\n)/;
const HEADER_WINDOW = 300;
const CHAIN_WINDOW = 300;
/** How far back an organisation's account cues count. */
const ORG_WINDOW = 80;
/** Cue words of an organisation's account. */
const ORG_CUE = /对公|单位(?:名称|账户|帐户|账号|帐号)|收款单位|缴款单位|财政专户|零余额|非税收入|专用账户|专户/;
/** Label of an account holder; its value is tested against ORG_END. */
const HOLDER_RE = /(?:户\s*名|收款人|账户名称|帐户名称|开户名称?)\s*[:：]?\s*([^\s,，;；、:：]{2,40})/g;
/** How the name of an organisation ends. */
const ORG_END =
  /(?:局|委员会|村委会|居委会|政府|中心|公司|办公室|厅|学校|大学|学院|医院|卫生院|研究院|幼儿园|专户|财政|总会|协会|学会|商会|联合会|红十字会|基金会|集团|合作社|银行|分行|支行|事务所|管理所|管理处|服务站|工作站|社区)$/;

function organisationAccount(before: string): boolean {
  if (ORG_CUE.test(before)) return true;
  let last: string | undefined;
  const re = new RegExp(HOLDER_RE.source, HOLDER_RE.flags);
  for (let m = re.exec(before); m; m = re.exec(before)) last = m[1];
  return last !== undefined && ORG_END.test(last);
}

export default defineCheck({
  meta: {
    id: 'personal-bank-card',
    category: 'privacy',
    defaultSeverity: 'veto',
    indicator: {
      'zh-CN': '严重问题：泄露个人信息（银行卡号未脱敏）',
      en: 'Serious problem: personal data leaked (unmasked bank card number)',
    },
    description: {
      'zh-CN':
        '查找页面中未脱敏的个人银行卡号、存折账号：16–19位数字（可每4位用空格或短横分隔），通过 Luhn 校验，且前面不远处有“账号”“卡号”“银行卡”“开户行”等字样（或位于同一列已报告的卡号之后）。有效的身份证号、单位对公账户不报告。',
      en: 'Finds unmasked personal bank card and passbook numbers: 16–19 digits (optionally grouped in fours by spaces or dashes) that pass the Luhn check, with an account word (账号, 卡号, 银行卡, 开户行 …) shortly before (or below a card number already reported in the same column). Valid ID card numbers and accounts of organisations are not reported.',
    },
    messages: {
      bankCard: {
        'zh-CN': '未脱敏的银行卡号（尾号 {{last4}}）',
        en: 'Unmasked bank card number (ending {{last4}})',
      },
    },
    options: {
      window: {
        type: 'number',
        default: 40,
        description: {
          'zh-CN': '账号字样须出现在号码之前多少个字符以内',
          en: 'How many characters before the number an account word may appear',
        },
      },
    },
  },

  run(ctx: CheckContext) {
    const text = ctx.model.text;
    const window = typeof ctx.options.window === 'number' && ctx.options.window >= 0 ? ctx.options.window : 40;
    const re = new RegExp(CARD_RE.source, CARD_RE.flags);
    let lastFlaggedEnd = -Infinity;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      ctx.checkBudget();
      const written = m[0];
      const digits = m.groups?.plain ?? written.replace(/\D/g, '');
      if (!luhnValid(digits)) continue;
      if (digits.length === 18 && isValidIdNumber(digits, ctx.today)) continue;
      const start = m.index;
      const end = start + written.length;
      const near = text.slice(Math.max(0, start - window), start);
      const context =
        ACCOUNT_WORD.test(near) ||
        BANK_CUE.test(near) ||
        start - lastFlaggedEnd <= CHAIN_WINDOW ||
        ACCOUNT_HEADER.test(text.slice(Math.max(0, start - HEADER_WINDOW), start));
      if (!context) continue;
      if (organisationAccount(text.slice(Math.max(0, start - ORG_WINDOW), start))) continue;
      lastFlaggedEnd = end;
      ctx.report({
        messageId: 'bankCard',
        data: { last4: digits.slice(-4) },
        start,
        end,
        suggestion: maskNumber(written, 4, 4),
      });
    }
  },
});
