import { tr } from '@/lib/i18n/ui-strings';
import { categoryLabel, paletteCss, severityLabel } from '@/lib/i18n/labels';
import { messageOf } from '@/lib/extension/finding-text';
import type { CheckCatalog, LinkProgress } from '@/lib/extension/protocol';
import type { Finding, Locale } from '@/lib/engine/types';

export const HOST_TAG = 'govreview-host';

/** What a 记录 came to, as the card's toast tells it. */
export interface RecordOutcome {
  created: boolean;
  /** 'permission': stored without its screenshot because the tab has no activeTab grant yet. */
  noScreenshot?: 'permission' | 'failed';
}

/** The toast after a 记录: recorded (with a hint when the screenshot needs the toolbar click first) or recorded before. */
export function recordedKey(r: RecordOutcome): 'recorded' | 'recordedBefore' | 'recordedNoShot' {
  if (!r.created) return 'recordedBefore';
  return r.noScreenshot === 'permission' ? 'recordedNoShot' : 'recorded';
}

/**
 * The card's and the panel's stylesheet (in our shadow root): the same type, buttons and colours as the popup
 * and the ledger; the category and severity colours come from lib/i18n/labels.ts (paletteCss).
 */
const CSS_TEXT = `
:host { all: initial; --gr-brand: #b71c1c; --gr-border: #d0d0d0; --gr-muted: #6b6b6b; --gr-radius: 6px; }
${paletteCss(':host')}
.card, .panel, .links-status, .toast { position: fixed; z-index: 2147483647; box-sizing: border-box;
  font: 13px/1.55 "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif;
  color: #212121; background: #fff; border: 1px solid var(--gr-border); border-radius: var(--gr-radius); box-shadow: 0 6px 20px rgba(0,0,0,.18); }
.card { width: 336px; padding: 0 0 10px; overflow: hidden; border-top: 3px solid var(--gr-brand); }
.card > .row:first-child { padding: 8px 12px 6px; margin: 0 0 8px; background: #fafafa; border-bottom: 1px solid #eee; }
.row { display: flex; gap: 8px; align-items: baseline; margin: 0 12px 6px; }
.message { margin: 0 12px 8px; font-weight: bold; }
.chip { padding: 1px 8px; border-radius: 10px; font-size: 12px; line-height: 18px; white-space: nowrap; }
.close { margin-left: auto; border: none; background: none; font-size: 18px; line-height: 1; cursor: pointer; color: var(--gr-muted); padding: 0 2px; }
.close:hover { color: #212121; }
.label { flex: none; width: 3em; color: var(--gr-muted); }
.quote { background: #fff8e1; border-left: 3px solid #ffb300; padding: 1px 6px; word-break: break-all; }
.suggestion { color: #1b5e20; font-weight: bold; }
.indicator { color: #424242; }
.check { font: 12px ui-monospace, Consolas, monospace; color: var(--gr-muted); }
.toast { left: 50%; bottom: 24px; transform: translateX(-50%); padding: 6px 14px; background: #323232; color: #fff; border-color: #323232; }
.links-status { left: 12px; bottom: 12px; padding: 6px 10px; display: flex; gap: 8px; align-items: center; }
.actions { gap: 6px; justify-content: flex-end; margin-top: 10px; }
button.record, button.ignore, .links-stop { font: inherit; font-size: 12px; border: 1px solid var(--gr-border); background: #fff; color: #212121;
  border-radius: 4px; padding: 2px 10px; cursor: pointer; }
button.record { background: var(--gr-brand); border-color: var(--gr-brand); color: #fff; }
button.record:hover { background: #8e1515; }
button.ignore:hover, .links-stop:hover { background: #f5f5f5; }
button:focus-visible { outline: 2px solid #1565c0; outline-offset: 1px; }
.panel { right: 12px; bottom: 12px; max-width: 360px; max-height: 50vh; overflow: auto; padding: 8px 12px; border-top: 3px solid var(--gr-brand); }
.panel summary { cursor: pointer; font-weight: bold; }
.panel ul { margin: 6px 0 0; padding: 0; list-style: none; }
.panel li { margin: 6px 0; display: flex; gap: 6px; align-items: baseline; }
`;

/** Creates an element whose text comes only through textContent (page text never reaches innerHTML). */
function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * Our one host element in the page: a shadow root that holds the finding card and the page-level
 * panel. Created on first use, so a page without findings carries no trace of us.
 */
export class PageUi {
  private host: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private card: HTMLElement | null = null;
  /** The finding the open card stands for; a rescan that still has it rebinds it (keepCard). */
  private cardFinding: Finding | null = null;
  private panel: HTMLElement | null = null;
  private links: HTMLElement | null = null;
  locale: Locale = 'zh-CN';

  constructor(private doc: Document) {}

  /** True for our host and anything inside it (so our own changes never trigger a re-scan). */
  owns(node: Node | null): boolean {
    return !!node && !!this.host && (node === this.host || this.host.contains(node));
  }

  private ensure(): ShadowRoot {
    if (this.root && this.host?.isConnected) return this.root;
    this.host = this.doc.createElement(HOST_TAG);
    this.host.setAttribute('data-govreview', '');
    this.root = this.host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS_TEXT);
    this.root.adoptedStyleSheets = [sheet];
    (this.doc.documentElement ?? this.doc.body).appendChild(this.host);
    return this.root;
  }

  showCard(
    f: Finding,
    meta: CheckCatalog[string] | undefined,
    at: { x: number; y: number },
    onClose: () => void,
    onIgnore?: (f: Finding, scope: 'site' | 'global') => void,
    onRecord?: (f: Finding) => Promise<RecordOutcome>,
  ): void {
    const root = this.ensure();
    this.hideCard();
    const d = this.doc;
    const card = el(d, 'div', 'card');
    card.setAttribute('role', 'dialog');
    card.setAttribute('data-check', f.check);
    const head = el(d, 'div', 'row');
    head.append(el(d, 'span', `chip c-${f.category}`, categoryLabel(f.category, this.locale)));
    head.append(el(d, 'span', `sev-${f.severity}`, severityLabel(f.severity, this.locale)));
    const close = el(d, 'button', 'close', '×');
    close.title = tr('close', this.locale);
    close.addEventListener('click', () => {
      this.hideCard();
      onClose();
    });
    head.append(close);
    card.append(head);
    card.append(el(d, 'div', 'message', messageOf(f, meta, this.locale)));
    const quote = el(d, 'div', 'row');
    quote.append(el(d, 'span', 'label', tr('cardText', this.locale)), el(d, 'span', 'quote', f.text));
    card.append(quote);
    if (f.suggestion) {
      const s = el(d, 'div', 'row');
      s.append(el(d, 'span', 'label', tr('suggestion', this.locale)), el(d, 'span', 'suggestion', f.suggestion));
      card.append(s);
    }
    const indicator = meta?.indicator;
    if (indicator) {
      const i = el(d, 'div', 'row');
      i.append(el(d, 'span', 'label', tr('cardIndicator', this.locale)), el(d, 'span', 'indicator', indicator[this.locale]));
      card.append(i);
    }
    const c = el(d, 'div', 'row');
    c.append(el(d, 'span', 'label', tr('cardCheck', this.locale)), el(d, 'code', 'check', f.check));
    card.append(c);
    const actions = el(d, 'div', 'row actions');
    if (onRecord) {
      // 记录: into the round's findings, with a screenshot marking it (taken by the background).
      const b = el(d, 'button', 'record', tr('cardRecord', this.locale));
      b.addEventListener('click', () => {
        // The evidence shows the page, not our card: close it first (the background captures the tab).
        const current = this.cardFinding ?? f;
        this.hideCard();
        onRecord(current).then(
          (r) => this.toast(tr(recordedKey(r), this.locale)),
          () => this.toast(tr('recordFailed', this.locale)),
        );
      });
      actions.append(b);
    }
    if (onIgnore && f.text && (f.category === 'typo' || f.category === 'expression')) {
      // 忽略: a reviewer's verdict that this exact text is right (a name, a quotation, a local term).
      for (const scope of ['site', 'global'] as const) {
        const b = el(d, 'button', `ignore ignore-${scope}`, tr(scope === 'site' ? 'ignoreSite' : 'ignoreAll', this.locale));
        b.addEventListener('click', () => {
          const current = this.cardFinding ?? f;
          this.hideCard();
          onIgnore(current, scope);
        });
        actions.append(b);
      }
    }
    if (actions.childElementCount) card.append(actions);
    const vw = this.doc.defaultView?.innerWidth ?? 1024;
    const vh = this.doc.defaultView?.innerHeight ?? 768;
    card.style.left = `${Math.max(4, Math.min(at.x, vw - 340))}px`;
    card.style.top = `${at.y + 16 > vh - 200 ? Math.max(4, at.y - 210) : at.y + 16}px`;
    root.append(card);
    this.card = card;
    this.cardFinding = f;
  }

  hideCard(): void {
    this.card?.remove();
    this.card = null;
    this.cardFinding = null;
  }

  /**
   * After a rescan: the open card stays open (the same element: a click on its buttons is never lost to a
   * re-render) when `find` returns the new scan's finding for the one it shows, and its buttons act on
   * that finding; otherwise it closes. Returns the finding kept.
   */
  keepCard(find: (shown: Finding) => Finding | undefined): Finding | undefined {
    if (!this.card || !this.cardFinding) return undefined;
    const now = find(this.cardFinding);
    if (!now) {
      this.hideCard();
      return undefined;
    }
    this.cardFinding = now;
    return now;
  }

  /** The finding of the open card, if one is open. */
  get shownFinding(): Finding | null {
    return this.card ? this.cardFinding : null;
  }

  /** Presses one of the open card's buttons (a shortcut runs the button's own code); false when there is none. */
  pressCardButton(name: 'record' | 'ignore-site'): boolean {
    const button = this.card?.querySelector<HTMLButtonElement>(`button.${name}`);
    if (!button) return false;
    button.click();
    return true;
  }

  get cardOpen(): boolean {
    return !!this.card;
  }

  /** The list of page-level findings (missing footer items …) in a collapsible corner panel. */
  setPageFindings(findings: Finding[]): void {
    this.panel?.remove();
    this.panel = null;
    if (!findings.length) return;
    const root = this.ensure();
    const d = this.doc;
    const panel = el(d, 'details', 'panel');
    panel.append(el(d, 'summary', undefined, tr('pageFindings', this.locale, findings.length)));
    const list = el(d, 'ul');
    for (const f of findings) {
      const li = el(d, 'li');
      li.append(el(d, 'span', `chip c-${f.category}`, categoryLabel(f.category, this.locale)), d.createTextNode(` ${f.message}`));
      list.append(li);
    }
    panel.append(list);
    root.append(panel);
    this.panel = panel;
  }

  /** A short message at the bottom of the page (2 s). */
  toast(message: string): void {
    const root = this.ensure();
    const box = el(this.doc, 'div', 'toast', message);
    box.setAttribute('role', 'status');
    root.append(box);
    setTimeout(() => box.remove(), 2000);
  }

  /** The link-check status line (lower left): progress and a stop button while it runs. */
  setLinkProgress(p: LinkProgress, onStop: () => void): void {
    const root = this.ensure();
    const d = this.doc;
    this.links?.remove();
    const box = el(d, 'div', 'links-status');
    box.setAttribute('role', 'status');
    const counts =
      `${p.done}/${p.total}` +
      (p.bad || p.suspect ? (this.locale === 'zh-CN' ? `，断链错链 ${p.bad}，可疑 ${p.suspect}` : `, broken ${p.bad}, suspect ${p.suspect}`) : '') +
      // Links on sites the reviewer has not granted: left unchecked, and said so here as in the popup.
      (p.withheld ? `${this.locale === 'zh-CN' ? '；' : '; '}${tr('linksWithheld', this.locale, p.withheld)}` : '');
    box.append(el(d, 'span', 'links-text', tr(p.running ? 'linksRunning' : p.done < p.total ? 'linksStopped' : 'linksDone', this.locale, counts)));
    if (p.running) {
      const stop = el(d, 'button', 'links-stop', tr('stop', this.locale));
      stop.addEventListener('click', onStop);
      box.append(stop);
    }
    root.append(box);
    this.links = box;
  }

  destroy(): void {
    this.host?.remove();
    this.host = null;
    this.root = null;
    this.card = null;
    this.panel = null;
    this.links = null;
  }
}
