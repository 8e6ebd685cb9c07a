/**
 * The lock levels of the protections (lib/lm/protect.ts), one byte per UTF-16 unit of a text, that the
 * detector (lib/lm/detect.ts) and typo-fragment obey; 0 is free.
 */
/** The character itself must not change (a proposal may still cover it: 互联往 → 互联网). */
export const SELF = 1;
/** The stronger lock: no proposal may cover the character, even unchanged (names, 《titles》, lexicon words, the footer). */
export const WHOLE = 2;
/**
 * A name guessed from what stands beside it (single characters before 区, 市场, 医疗 …; a short item of a
 * list): a proposal may cover it only when it wins by far (`nameMargin` of lib/lm/detect.ts), since a
 * slip there looks the same (棚互区 for 棚户区, 政策兴银行 for 政策性银行).
 */
export const GUESSED = 3;
