import browser from 'webextension-polyfill';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createClient, dispatch, type Handlers, type Res } from '@/lib/extension/protocol';
import { buildTextModel } from '@/lib/text-model/build';
import { tr } from '@/lib/i18n/ui-strings';
import type { Finding, TextModel } from '@/lib/engine/types';
import { CARD_KEYS } from '@/lib/extension/commands';
import { Highlighter } from './highlighter';
import { Navigation, sameFinding } from './navigation';
import { Recording, type PageState } from './recording';
import { RescanScheduler } from './rescan-scheduler';
import { CaptureSession } from './page-capture';
import { HOST_TAG, PageUi, recordedKey } from './ui';

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

/** The local date and time (YYYY-MM-DD, HH:MM) of `d`. */
function localMoment(d: Date): { date: string; time: string } {
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, time: `${pad(d.getHours())}:${pad(d.getMinutes())}` };
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
  let current: PageState | null = null;
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
      // 政务新媒体 pages print times relative to now (3小时前, 昨天): they resolve against this moment, as the page is read.
      const { model, map } = buildTextModel(doc, { url: location.href, isTopFrame: isTop, isVisible, newMediaReference: localMoment(new Date()) });
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
      if (result.focus) nav.openRecorded(result.focus);
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

  const recording = new Recording(doc, highlighter, () => current, send, isTop);
  const nav = new Navigation(doc, highlighter, ui, () => current, ignore, recording.one);

  ctx.addEventListener(doc, 'click', (e: MouseEvent) => {
    if (paused || ui.owns(e.target as Node)) return;
    // Clicks inside our shadow root are retargeted to the host: leave the card to its own buttons.
    if ((e.target as Element | null)?.tagName?.toLowerCase() === HOST_TAG) return;
    if (!nav.openAt(e.clientX, e.clientY) && ui.cardOpen) {
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
    nav.run(command);
  });

  const handlers: Handlers<unknown> = {
    'background→content:settingsChanged': ({ paused: p, rescan }) => {
      const wasPaused = paused;
      setPaused(p);
      if (rescan && !p && !wasPaused) void scan(true);
      return { ok: true as const };
    },
    'background→content:ping': () => ({ ok: true as const }),
    'background→content:command': ({ command }) => (paused ? { ok: false } : nav.run(command)),
    'background→content:rescan': () => {
      if (!paused) void scan(true);
      return { ok: true as const };
    },
    'background→content:linkProgress': (progress) => {
      if (isTop && !paused) ui.setLinkProgress(progress, () => void send('content→background:stopLinks', {}).catch(() => undefined));
      return { ok: true as const };
    },
    'background→content:recordSelection': async ({ category }) => {
      const res = await recording.selection(category);
      if (!res) return { recorded: false, created: false };
      ui.toast(tr(recordedKey(res), ui.locale));
      return { recorded: true, created: res.created };
    },
    'popup→content:record': ({ frameUrl, keys }) => (frameUrl === location.href ? recording.fromPopup(keys) : { recorded: 0, before: 0 }),
    'background→content:captureBegin': ({ stitch }) => capture.begin(stitch),
    'background→content:captureScroll': ({ x, y, hideFixed }) => capture.scroll(x, y, hideFixed),
    'background→content:captureEnd': () => capture.end(),
    'popup→content:focusFinding': ({ key, frameUrl }) => ({ ok: frameUrl === location.href && nav.openKey(key) }),
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

/** Whether a key goes to a field of the page (input, textarea, select, an editable element). */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (/^(input|textarea|select)$/i.test(el.tagName ?? '') || el.isContentEditable === true);
}
