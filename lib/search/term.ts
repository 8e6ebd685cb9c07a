import { footerIdentity } from '../text-model/footer-identity';
import { resolveDate } from '../text-model/dates';
import type { TextModel } from '../engine/types';

/**
 * The words the site-search test searches for: something the home page itself shows, so that "no result" can
 * only mean a broken search. First the site's name from its <title> (云岭县人民政府门户网站 → 云岭县人民政府: every
 * site's articles name it), else the 主办单位 its footer names, else the start of its newest dated headline.
 * Always a string found in model.text; undefined when the page offers none.
 */

/** Separators between a title's parts (site name - column - page). */
const TITLE_PARTS = /\s*[-_|｜—–·•:：]+\s*|\s{2,}/;
/** A part that names a body or its site. */
const BODY_NAME = /(?:人民政府|政府|委员会|局|厅|办公室|办|委|院|中心|部|署|会|网|门户|网站|官网)$/;
/** What a site's name carries after the body's name. */
const SITE_SUFFIX = /(?:门户网站|政府网站|官方网站|政务网|门户网|网站|官网|门户|首页|主页|网)$/;
/** A headline's start: Han characters and digits, up to the first punctuation or space. */
const HEADLINE_START = /^[\p{Script=Han}0-9]{2,}/u;
const MAX_TERM = 16;
const HEADLINE_TERM = 8;

const onPage = (term: string, model: TextModel) => term.length >= 2 && term.length <= MAX_TERM && model.text.includes(term);

/** The site's name from the title: the part naming a body, without 门户网站/官网/首页. */
export function siteNameOf(title: string): string | undefined {
  const parts = title
    .split(TITLE_PARTS)
    .map((p) => p.trim())
    .filter(Boolean);
  for (const part of parts) {
    if (!BODY_NAME.test(part)) continue;
    const name = part.replace(SITE_SUFFIX, '').trim();
    if (/^[\p{Script=Han}（）()]{2,}$/u.test(name)) return name;
  }
  return undefined;
}

/** The search words for the home page `model`, or undefined. `today` resolves year-less list dates. */
export function searchTermOf(model: TextModel, today: string): string | undefined {
  const name = siteNameOf(model.title);
  if (name && onPage(name, model)) return name;
  const sponsor = footerIdentity(model.text.slice(model.footer?.start ?? Math.max(0, model.text.length - 2000))).sponsor;
  if (sponsor && onPage(sponsor, model)) return sponsor;
  let newest: { date: string; text: string } | undefined;
  for (const list of model.lists ?? []) {
    if (list.inFooter) continue;
    for (const item of list.items) {
      const date = item.date ? resolveDate(item.date.date, today) : undefined;
      const start = HEADLINE_START.exec(item.text.trim())?.[0];
      if (!date || !start) continue;
      if (!newest || date > newest.date) newest = { date, text: start.slice(0, HEADLINE_TERM) };
    }
  }
  return newest && onPage(newest.text, model) ? newest.text : undefined;
}
