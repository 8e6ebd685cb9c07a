import { footZoneStart } from '../site-identification';
import type { TextModel } from '../../engine/types';

/** Words that make the end of a page a site footer (a subset of site-identification's cues). */
const FOOT_CUE = /标识码|ICP|公网安备|公安(?:机关)?备案|主办|承办|版权所有|Copyright|©|技术支持|联系我们/i;
/** A page with less visible text than this is an error page or a stub, not a page of the site. */
const MIN_TEXT = 80;

/**
 * Whether the page is a page of a site, with a foot where site-wide items belong (the 找错 entry, the search):
 * a footer range, or footer words at its end. An error page, a stub or a bare frame document has none.
 */
export function hasSiteFoot(model: TextModel): boolean {
  if (model.text.replace(/\s+/g, '').length < MIN_TEXT) return false;
  if (model.footer) return true;
  return FOOT_CUE.test(model.text.slice(footZoneStart(model)));
}
