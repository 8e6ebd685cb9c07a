/**
 * How a footer names the site: 网站标识码 and 网站主办单位, in one place. The site-identification check reads
 * them to score the footer; the content script reads them to propose the site a recorded finding files under;
 * the CLI's merge reads the code from findings. One set of patterns, so all three agree.
 */

/** Blanks within a line (not a line break): labels and values are spaced in many footers (主　办). */
export const SP = '[^\\S\\n]*';
/** 网站标识码：5309000044 / bm01000001 (colon half or full width, optional; the value may be empty). */
export const SITECODE_RE = new RegExp(`(?<label>(?:网站)?标识码|网站标识(?=${SP}[:：]${SP}(?:\\d|bm)))(?<sep>${SP}[:：]?${SP})(?<val>(?:bm)?\\d*)`, 'giu');
/** The shape of a site code: ten digits, or bm and eight digits (部门 sites). */
export const SITECODE_SHAPE = /^(?:\d{10}|bm\d{8})$/i;
/** 主办：临沧市人民政府办公室 (label, then a colon or a space, then a name, which may sit in the next cell). */
export const SPONSOR_RE = new RegExp(`(?:网站主办(?:单位)?|主办单位|主办方|主${SP}办)(?:${SP}[:：]|\\s)\\s{0,3}(?<name>[\\p{Script=Han}（）()·]{2,})`, 'gu');
/** Another label in the name's place: 主办：承办：… has no sponsor. */
export const NOT_A_NAME = /^(?:承办|协办|主管|单位|方|技术|运维|维护|版权|联系|地址|电话)/u;

/** The first well-formed site code and the first sponsor a text names (undefined when it names none). */
export function footerIdentity(text: string): { siteCode?: string; sponsor?: string } {
  let siteCode: string | undefined;
  for (const m of text.matchAll(SITECODE_RE)) {
    const val = m.groups?.val ?? '';
    if (SITECODE_SHAPE.test(val)) {
      siteCode = val.toLowerCase();
      break;
    }
  }
  let sponsor: string | undefined;
  for (const m of text.matchAll(SPONSOR_RE)) {
    const name = m.groups?.name ?? '';
    if (!NOT_A_NAME.test(name)) {
      sponsor = name;
      break;
    }
  }
  return { siteCode, sponsor };
}
