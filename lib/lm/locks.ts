/**
 * The lock levels of the protections (lib/lm/protect.ts), one byte per UTF-16 unit of a text, that the
 * detector (lib/lm/detect.ts) and typo-fragment obey (typo-missing-char, typo-extra-char and typo-de: WHOLE); 0 is free.
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
/**
 * A word of the 公文 vocabulary as the text has it (the two-character words of
 * lib/data/lexicon/near-miss-lexicon.json that no other list holds: 市场, 国际, 印发): it stands unless a
 * proposal that changes one of its characters wins by far (`nameMargin`), as a word of jieba's dictionary
 * does (typo-context's WORD_MARGIN); another word of the vocabulary one character away is the slip an
 * input method makes (市长经济 for 市场经济, 国籍金融危机 for 国际金融危机).
 */
export const WORD = 4;
