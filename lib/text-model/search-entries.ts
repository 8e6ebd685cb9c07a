import type { SearchEntry } from '../engine/types';

/**
 * The site searches (站内搜索) a document offers, as the 站内搜索 indicator item asks: a search form, a search box
 * that the page's scripts submit, or a link to the site's search service. Read from the DOM (the live page in
 * the content script, linkedom in Node); nothing is run or submitted here (lib/search does that).
 *
 * Templates differ (TRS/海云 `/was5/web/search` or `/guestweb4/s` with `searchword`, 大汉 `jsearch` with `q`,
 * 开普云 `/search/...` with `keyword`, forms posting to `so.*.gov.cn`), so a form counts as a search when any of
 * its action, names, placeholders or button says so, and it is not a login, message or 办件查询 form.
 */

/** A form, element id/class or URL that names a search engine or service. */
const SEARCH_NAME = /search|sousuo|jsearch|was5|fulltext|quansou|检索|搜索/i;
/** A URL path or host of a search service: /search/…, /jsearch/, /was5/web/search, so.x.gov.cn, search.x.gov.cn. */
const SEARCH_URL = /^(?:https?:\/\/(?:search|so|sousuo|ss)\.)|\/(?:search|jsearch|was5|sousuo|fulltext|quansou|s)(?:[/.?]|$)/i;
/** Names that search fields use. */
const FIELD_NAME = /^(?:q|qt|query|keys?|keywords?|keyword_?\w*|searchword|searchkey|search_?(?:text|value|key|word)|sword|wd|kw|word|textfield|swd)$/i;
/** Words in a field's placeholder, label or title, or a button, that say search. */
const SEARCH_WORDS = /搜索|检索|关键[字词]|search|keyword/i;
/** A link's whole text naming the site search. */
const SEARCH_LINK_TEXT = /^(?:站内搜索|全站搜索|全站检索|全文检索|站内检索|高级搜索|高级检索|信息检索|搜索|检索)$/;
/** A service lookup (办件查询 by 受理编号, 进度查询), not a search of the site. */
const SERVICE_LOOKUP = /办件|受理(?:编|单)?号|申报号|查询码|流水号|办理进度|进度查询|快递单号|证书编号|bjcx/i;
/** An onsubmit that stops the browser's own submission: scripts build the search URL. */
const SCRIPT_SUBMIT = /return\s+false\s*;?\s*$/i;

/** Text-like inputs (no type is text). */
const TEXT_TYPES = new Set(['', 'text', 'search']);

const attr = (el: Element, name: string) => el.getAttribute(name) ?? '';
const inputType = (el: Element) => attr(el, 'type').trim().toLowerCase();
const isTextInput = (el: Element) => el.tagName.toUpperCase() === 'INPUT' && TEXT_TYPES.has(inputType(el));

/** What an element says about itself: id, class, name, placeholder, aria-label, title, alt, value. */
function selfWords(el: Element): string {
  return ['id', 'class', 'name', 'placeholder', 'aria-label', 'title', 'alt'].map((a) => attr(el, a)).join(' ');
}

function absolute(raw: string, base: string): string {
  try {
    return new URL(raw, base).href;
  } catch {
    return '';
  }
}

/** A text input that says it takes search words. */
function isSearchField(el: Element): boolean {
  return (
    isTextInput(el) &&
    (FIELD_NAME.test(attr(el, 'name')) || FIELD_NAME.test(attr(el, 'id')) || SEARCH_WORDS.test(selfWords(el)) || SEARCH_NAME.test(selfWords(el)))
  );
}

/** A button (or image/submit input) that says search. */
function isSearchButton(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  if (tag === 'BUTTON') return SEARCH_WORDS.test(`${el.textContent ?? ''} ${selfWords(el)}`);
  if (tag === 'INPUT')
    return ['submit', 'image', 'button'].includes(inputType(el)) && SEARCH_WORDS.test(`${attr(el, 'value')} ${selfWords(el)} ${attr(el, 'src')}`);
  return false;
}

/** The name=value pairs a form sends besides the search field (as a browser builds its form data set). */
function formFields(form: Element, field: Element): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const el of Array.from(form.querySelectorAll('input, select, textarea'))) {
    const name = attr(el, 'name');
    if (!name || el === field || el.hasAttribute('disabled')) continue;
    const tag = el.tagName.toUpperCase();
    if (tag === 'SELECT') {
      const options = Array.from(el.querySelectorAll('option'));
      const chosen = options.find((o) => o.hasAttribute('selected')) ?? options[0];
      if (chosen) out.push([name, chosen.getAttribute('value') ?? (chosen.textContent ?? '').trim()]);
      continue;
    }
    if (tag === 'TEXTAREA') {
      out.push([name, el.textContent ?? '']);
      continue;
    }
    const type = inputType(el);
    if (['submit', 'image', 'button', 'reset', 'file', 'password'].includes(type)) continue;
    if ((type === 'checkbox' || type === 'radio') && !el.hasAttribute('checked')) continue;
    out.push([name, attr(el, 'value') || (type === 'checkbox' || type === 'radio' ? 'on' : '')]);
  }
  return out;
}

/** The entry of one form, or undefined when the form is no site search. */
function formEntry(form: Element, base: string, charset: string): SearchEntry | undefined {
  const inputs = Array.from(form.querySelectorAll('input, textarea'));
  // A login, a message form (留言: a textarea, several text fields) or a file upload is no search.
  if (inputs.some((el) => el.tagName.toUpperCase() === 'TEXTAREA' || ['password', 'file'].includes(inputType(el)))) return undefined;
  const texts = inputs.filter(isTextInput);
  if (texts.length === 0 || texts.length > 2) return undefined;
  const field = texts.find(isSearchField);
  const rawAction = attr(form, 'action').trim();
  const words = [form, ...inputs, ...Array.from(form.querySelectorAll('button'))].map((el) => `${selfWords(el)} ${attr(el, 'value')}`).join(' ');
  if (SERVICE_LOOKUP.test(`${words} ${rawAction} ${form.textContent ?? ''}`)) return undefined;
  const named = SEARCH_NAME.test(`${selfWords(form)} ${rawAction}`) || SEARCH_URL.test(rawAction);
  const button = Array.from(form.querySelectorAll('button, input')).some(isSearchButton);
  if (!field && !named && !button) return undefined;
  const scripted = /^javascript:/i.test(rawAction) || SCRIPT_SUBMIT.test(attr(form, 'onsubmit').trim());
  const chosen = field ?? texts[0];
  // A box without a name sends nothing: the page's scripts must read it.
  if (scripted || !attr(chosen, 'name')) return { kind: 'script', action: '', method: 'get' };
  const accept = attr(form, 'accept-charset')
    .trim()
    .split(/[\s,]+/)[0]
    ?.toLowerCase();
  return {
    kind: 'form',
    action: rawAction ? absolute(rawAction, base) : base,
    method: attr(form, 'method').trim().toLowerCase() === 'post' ? 'post' : 'get',
    field: attr(chosen, 'name'),
    fields: formFields(form, chosen),
    charset: accept || charset,
  };
}

/** A search box outside any form (scripts submit it): a search field, or a text input in a block named search. */
function scriptBox(input: Element): boolean {
  if (!isTextInput(input) || input.closest('form')) return false;
  if (isSearchField(input)) return true;
  for (let el = input.parentElement, depth = 0; el && depth < 3; el = el.parentElement, depth++)
    if (SEARCH_NAME.test(`${attr(el, 'id')} ${attr(el, 'class')}`)) return true;
  return false;
}

/**
 * The searches of a document, in document order of their kind (forms first, then boxes, then links), each with
 * the element whose visible text locates it (the form, the box's block, the link). `charset` is the document's.
 */
export function findSearchEntries(doc: Document, base: string, charset: string): Array<{ entry: SearchEntry; el: Element }> {
  const out: Array<{ entry: SearchEntry; el: Element }> = [];
  for (const form of Array.from(doc.querySelectorAll('form'))) {
    const entry = formEntry(form, base, charset);
    if (entry) out.push({ entry, el: form });
  }
  for (const input of Array.from(doc.querySelectorAll('input'))) {
    if (scriptBox(input)) out.push({ entry: { kind: 'script', action: '', method: 'get' }, el: input.parentElement ?? input });
  }
  for (const a of Array.from(doc.querySelectorAll('a[href]'))) {
    const raw = attr(a, 'href').trim();
    if (/^(?:javascript:|#|mailto:)/i.test(raw)) continue;
    const text = (a.textContent ?? '').replace(/\s+/g, '');
    const img = a.querySelector('img');
    const label = text || (img ? `${attr(img, 'alt')}${attr(img, 'title')}` : '');
    const href = absolute(raw, base);
    if (!href) continue;
    if (SEARCH_LINK_TEXT.test(label) || (SEARCH_URL.test(raw) && (SEARCH_WORDS.test(label) || !label)))
      out.push({ entry: { kind: 'link', action: href, method: 'get' }, el: a });
  }
  return out;
}
