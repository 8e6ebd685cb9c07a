import browser from 'webextension-polyfill';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createClient, dispatch, type CheckCatalog, type Handlers, type RecordItem, type Res } from '@/lib/extension/protocol';
import type { Rect } from '@/lib/extension/capture-plan';
import { buildTextModel, type TextNodeMap } from '@/lib/text-model/build';
import { footerIdentity } from '@/lib/text-model/footer-identity';
import { findAnchor } from '@/lib/engine/anchor';
import { categoryLabel } from '@/lib/i18n/labels';
import { tr } from '@/lib/i18n/ui-strings';
import type { Anchor, Finding, TextModel } from '@/lib/engine/types';
import { CARD_KEYS, type Command } from '@/lib/extension/commands';
import { caretAt, Highlighter, type Placed } from './highlighter';
import { RescanScheduler } from './rescan-scheduler';
import { CaptureSession } from './page-capture';
import { HOST_TAG, PageUi } from './ui';

const send = createClient((msg) => browser.runtime.sendMessage(msg));
/** How often an open page checks that its extension is still there (see orphanWatch). */
const ORPHAN_CHECK_MS = 2000;

/** Cheap fingerprint of what the checks see: a re-scan is skipped when it has not changed. */
function signature(model: TextModel): string {
  let h = 0;
  const s = `${model.text}\u0000${model.links.map((l) => l.href).join('\u0001')}\u0000${model.images.map((i) => i.src + i.alt).join('\u0001')}`;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return `${s.length}:${h}`;
}

/** Visibility on a live page; our own host never counts as page text. */
function isVisible(el: Element): boolean {
  if (el.tagName.toLowerCase() === HOST_TAG) return false;
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  return check ? check.call(el, { visibilityProperty: true }) : true;
}

/**
 * The content script's work in one frame: build the text model, have the background run the
 * checks, paint the findings, open a card on click, and re-scan when the page changes.
 */
export function startScanner(ctx: ContentScriptContext): void {
  const doc = document;
  const highlighter = new Highlighter(doc);
  const ui = new PageUi(doc);
  const isTop = window.top === window;
  const capture = new CaptureSession(window);
  let paused = true;
  let lastSignature = '';
  let current: { model: TextModel; map: TextNodeMap; findings: Finding[]; catalog: CheckCatalog } | null = null;
  let scanning = false;
  let again = false;

  const scan = async (force: boolean): Promise<void> => {
    if (paused || ctx.isInvalid) return;
    if (scanning) {
      again = true;
      return;
    }
    scanning = true;
    try {
      const { model, map } = buildTextModel(doc, { url: location.href, isTopFrame: isTop, isVisible });
      const sig = signature(model);
      if (!force && sig === lastSignature) return;
      lastSignature = sig;
      let result: Res<'content→background:scan'>;
      try {
        result = await send('content→background:scan', { model });
      } catch (err) {
        // The extension was reloaded or the worker is gone: stay quiet, never break the page.
        console.debug('[GovReview] scan failed', err);
        return;
      }
      if (ctx.isInvalid || paused) return;
      scanner.markRun();
      current = { model, map, findings: result.findings, catalog: result.catalog };
      highlighter.apply(result.findings, map);
      // A rescan (the page changed, or the language model arrived) keeps the card the reviewer has open
      // when its finding is still there, and its highlight active.
      const kept = ui.keepCard((shown) => result.findings.find((f) => sameFinding(f, shown)));
      const keptRange = kept && highlighter.placed.find((p) => p.finding === kept)?.range;
      if (keptRange) highlighter.setActive(keptRange);
      if (isTop) ui.setPageFindings(result.findings.filter((f) => f.start === undefined));
      if (result.focus) showRecorded(result.focus);
    } finally {
      scanning = false;
      if (again) {
        again = false;
        void scan(false);
      }
    }
  };

  const scanner = new RescanScheduler(() => void scan(false), {
    now: () => performance.now(),
    setTimeout: (fn, ms) => ctx.setTimeout(fn, ms),
    clearTimeout: (id) => clearTimeout(id as number),
  });

  const observer = new MutationObserver((records) => {
    if (paused) return;
    // Our own host (card, panel) changing is never a reason to scan again.
    if (
      records.every(
        (r) =>
          ui.owns(r.target) ||
          (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every((n) => ui.owns(n) || (n as Element).tagName?.toLowerCase() === HOST_TAG)),
      )
    )
      return;
    scanner.poke();
  });

  const stop = () => {
    scanner.cancel();
    observer.disconnect();
    highlighter.clear();
    ui.destroy();
    current = null;
    lastSignature = '';
  };

  const setPaused = (p: boolean) => {
    if (p === paused) return;
    paused = p;
    if (paused) {
      stop();
      void send('content→background:clearFrame', {}).catch(() => undefined);
    } else {
      observer.observe(doc.documentElement, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
        attributeFilter: ['class', 'style', 'hidden'],
      });
      void scan(true);
    }
  };

  /**
   * 忽略 from the card: the reviewer says this text is right, whichever check saw it (营商环镜 may be seen
   * by two). The background stores it and has every frame scan again.
   */
  const ignore = (f: Finding, scope: 'site' | 'global') => {
    highlighter.setActive(null);
    void send('content→background:ignore', { text: f.text, scope }).catch((err) => console.debug('[GovReview] ignore failed', err));
  };

  /**
   * A finding reopened from the ledger: the highlight of that check whose text the anchor finds again
   * (the page may have changed since it was recorded); scrolled into view with its card open.
   */
  const showRecorded = (focus: { anchor: Anchor; check: string }) => {
    if (!current) return;
    const at = findAnchor(current.model.text, focus.anchor);
    const placed =
      (at && highlighter.placed.find((p) => p.finding.check === focus.check && p.finding.start === at.start)) ??
      highlighter.placed.find((p) => p.finding.check === focus.check && p.finding.anchor?.quote === focus.anchor.quote);
    if (placed) openPlaced(placed);
  };

  /** Opens the card of a painted finding: scrolled into view, its highlight active (ledger, popup, shortcuts). */
  const openPlaced = (placed: Placed) => {
    if (!current) return;
    (placed.range.startContainer.parentElement ?? doc.body).scrollIntoView({ block: 'center' });
    const rect = placed.range.getBoundingClientRect();
    highlighter.setActive(placed.range);
    ui.showCard(
      placed.finding,
      current.catalog[placed.finding.check],
      { x: rect.left, y: rect.bottom },
      () => highlighter.setActive(null),
      ignore,
      recordFinding,
    );
  };

  /**
   * A shortcut: the next or previous painted finding in reading order (from the open card's, or from the
   * start), or 记录 / 本站忽略 on the open card (its own buttons, so the same code runs).
   */
  const runCommand = (command: Command): { ok: boolean; text?: string } => {
    if (!current) return { ok: false };
    if (command === 'record-finding' || command === 'ignore-finding') {
      const ok = ui.pressCardButton(command === 'record-finding' ? 'record' : 'ignore-site');
      if (!ok) ui.toast(tr(command === 'record-finding' ? 'openAFindingFirst' : 'nothingToIgnore', ui.locale));
      return { ok };
    }
    const order = [...highlighter.placed].sort((a, b) => (a.finding.start ?? 0) - (b.finding.start ?? 0) || a.index - b.index);
    if (!order.length) return { ok: false };
    const shown = ui.shownFinding;
    const at = shown ? order.findIndex((p) => sameFinding(p.finding, shown)) : -1;
    const step = command === 'next-finding' ? 1 : -1;
    const next = at === -1 ? (step > 0 ? order[0] : order[order.length - 1]) : order[(at + step + order.length) % order.length];
    openPlaced(next);
    return { ok: true, text: next.finding.text };
  };

  /** Where a painted finding is on screen now (CSS px of the viewport); null when it has no box. */
  const rectOf = (f: Finding): Rect | null => {
    const r = highlighter.placed.find((p) => p.finding === f)?.range.getBoundingClientRect();
    return r && r.width > 0 ? { x: r.left, y: r.top, width: r.width, height: r.height } : null;
  };

  /**
   * 记录: the background stores the findings and captures the tab (or, in 整页 mode, the whole page) with
   * each finding's area marked. `area` overrides where a finding is (a selection); undefined = its highlight.
   */
  const sendRecord = async (list: Array<{ finding: Finding; area?: Rect | null }>): Promise<Res<'content→background:record'>> => {
    // Two frames for the closed card to leave the screen before the capture.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const items: RecordItem[] = list.map(({ finding, area }) => ({ finding, rect: area === undefined ? rectOf(finding) : area }));
    const footer = current?.model.footer ? current.model.text.slice(current.model.footer.start, current.model.footer.end) : '';
    return send('content→background:record', {
      items,
      pageUrl: location.href,
      pageTitle: doc.title,
      ...footerIdentity(footer),
      dpr: window.devicePixelRatio || 1,
      // The rects were measured here: the background places them in the document from it.
      scroll: { x: window.scrollX, y: window.scrollY },
    });
  };

  const recordFinding = async (f: Finding, area?: Rect | null): Promise<{ created: boolean }> => {
    const { results } = await sendRecord([{ finding: f, area }]);
    if (!results[0]) throw new Error('record: no result');
    return results[0];
  };

  const openAt = (x: number, y: number): boolean => {
    const point = caretAt(doc, x, y);
    if (!point || !current) return false;
    const hit = highlighter.at(point.node, point.offset);
    if (!hit) return false;
    highlighter.setActive(hit.range);
    ui.showCard(hit.finding, current.catalog[hit.finding.check], { x, y }, () => highlighter.setActive(null), ignore, recordFinding);
    return true;
  };

  ctx.addEventListener(doc, 'click', (e: MouseEvent) => {
    if (paused || ui.owns(e.target as Node)) return;
    // Clicks inside our shadow root are retargeted to the host: leave the card to its own buttons.
    if ((e.target as Element | null)?.tagName?.toLowerCase() === HOST_TAG) return;
    if (!openAt(e.clientX, e.clientY) && ui.cardOpen) {
      ui.hideCard();
      highlighter.setActive(null);
    }
  });
  ctx.addEventListener(doc, 'keydown', (e: KeyboardEvent) => {
    if (!ui.cardOpen) return;
    if (e.key === 'Escape') {
      ui.hideCard();
      highlighter.setActive(null);
      return;
    }
    // With a card open, single keys move and act (j/n, k/p, l/r, i); never while the reviewer types in the page.
    const command = CARD_KEYS[e.key.toLowerCase()];
    if (!command || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
    e.preventDefault();
    runCommand(command);
  });

  const handlers: Handlers<unknown> = {
    'background→content:settingsChanged': ({ paused: p, rescan }) => {
      const wasPaused = paused;
      setPaused(p);
      if (rescan && !p && !wasPaused) void scan(true);
      return { ok: true as const };
    },
    'background→content:ping': () => ({ ok: true as const }),
    'background→content:command': ({ command }) => (paused ? { ok: false } : runCommand(command)),
    'background→content:rescan': () => {
      if (!paused) void scan(true);
      return { ok: true as const };
    },
    'background→content:linkProgress': (progress) => {
      if (isTop && !paused) ui.setLinkProgress(progress, () => void send('content→background:stopLinks', {}).catch(() => undefined));
      return { ok: true as const };
    },
    'background→content:recordSelection': async ({ category }) => {
      const sel = doc.getSelection();
      const text = sel?.toString().trim() ?? '';
      if (!sel?.rangeCount || !text) return { recorded: false, created: false };
      const r = sel.getRangeAt(0).getBoundingClientRect();
      const area = r.width > 0 ? { x: r.left, y: r.top, width: r.width, height: r.height } : null;
      const finding: Finding = {
        check: 'manual',
        category,
        severity: category === 'privacy' || category === 'expression' ? 'veto' : 'deduct',
        messageId: 'manual',
        data: {},
        message: `人工记录：${categoryLabel(category)}`,
        text,
        url: location.href,
      };
      sel.removeAllRanges(); // the evidence shows the page, not the selection colour
      const res = await recordFinding(finding, area);
      ui.toast(tr(res.created ? 'recorded' : 'recordedBefore', ui.locale));
      return { recorded: true, created: res.created };
    },
    'popup→content:record': async ({ frameUrl, indexes }) => {
      if (frameUrl !== location.href || !current) return { recorded: 0, before: 0 };
      const findings = indexes === 'all' ? current.findings : indexes.map((i) => current!.findings[i]).filter(Boolean);
      let recorded = 0;
      let before = 0;
      const { capture: mode } = await send('content→background:getSettings', { url: location.href });
      if (mode === 'fullPage' && isTop) {
        // 整页: one request, so that the background stitches the page once and marks each finding on its copy.
        const { results } = await sendRecord(findings.map((finding) => ({ finding })));
        for (const r of results) {
          if (r.created) recorded++;
          else before++;
        }
        return { recorded, before };
      }
      for (const f of findings) {
        // Each in view for its screenshot (page-level ones are shown with the page as it is).
        highlighter.placed.find((p) => p.finding === f)?.range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
        const r = await recordFinding(f);
        if (r.created) recorded++;
        else before++;
      }
      return { recorded, before };
    },
    'background→content:captureBegin': ({ stitch }) => capture.begin(stitch),
    'background→content:captureScroll': ({ x, y, hideFixed }) => capture.scroll(x, y, hideFixed),
    'background→content:captureEnd': () => capture.end(),
    'popup→content:focusFinding': ({ index, frameUrl }) => {
      if (frameUrl !== location.href || !current) return { ok: false };
      const placed = highlighter.placed.find((p) => p.index === index);
      if (!placed) return { ok: false };
      openPlaced(placed);
      return { ok: true };
    },
  };
  const onMessage = (msg: unknown, sender: unknown) => dispatch(handlers, msg, sender);
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => {
    window.clearInterval(orphanWatch);
    browser.runtime.onMessage.removeListener(onMessage);
    if (capture.active) capture.end();
    stop();
  });
  // After an update or reload of the extension, this script is orphaned in tabs already open: Chrome does not
  // tell it, and its cards could no longer record. Reading ctx.isInvalid notices (runtime.id is gone) and runs
  // the cleanup above, so the stale highlights go and the reviewer reloads the page for the new version.
  // A plain interval, not ctx.setInterval: those stop with the context they are meant to watch.
  const orphanWatch = window.setInterval(() => void ctx.isInvalid, ORPHAN_CHECK_MS);

  void send('content→background:getSettings', { url: location.href })
    .then((s) => {
      ui.locale = s.lang;
      setPaused(s.paused);
    })
    .catch((err) => console.debug('[GovReview] no settings', err));
}

/** The same finding in two scans: the same check on the same text at the same place. */
function sameFinding(a: Finding, b: Finding): boolean {
  return a.check === b.check && a.messageId === b.messageId && a.start === b.start && a.end === b.end && a.text === b.text;
}

/** Whether a key goes to a field of the page (input, textarea, select, an editable element). */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (/^(input|textarea|select)$/i.test(el.tagName ?? '') || el.isContentEditable === true);
}
