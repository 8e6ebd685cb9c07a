import type { CaptureMetrics } from '@/lib/extension/protocol';
import { HOST_TAG } from './ui';

/**
 * Our marks during a capture: attributes, not inline styles, so that nothing of the page's own markup or
 * styles is rewritten (a strict CSP does not apply to them either), the scanner's observer (class, style,
 * hidden) does not see them, and removing them puts the page back exactly.
 */
const MARK = 'data-govreview-capture';
/**
 * hide: fixed elements from the second frame on (a fixed header shows once, at the top), and our own host.
 * Opacity rather than visibility: a child cannot show itself again, and the layout does not move.
 * unstick: sticky elements lie where the flow puts them (relative with no offset keeps their box, their
 * stacking and the containing block of what they position), so a sticky header is drawn once, at its place.
 * unfix: an element a script made fixed on scroll (a 吸顶 navigation bar) that left no placeholder: the page
 * got shorter and its content moved up; back in the flow it is laid out as at the top, so frames join.
 */
const CSS_TEXT = `[${MARK}="hide"] { opacity: 0 !important; transition: none !important; animation: none !important; }
[${MARK}="unstick"] { position: relative !important; inset: auto !important; transition: none !important; }
[${MARK}="unfix"] { position: relative !important; inset: auto !important; transition: none !important; }`;

/** Document heights that differ by no more than this are the same layout (rounding). */
const SAME_HEIGHT = 2;

/** The page restores itself when the background has said nothing for this long (it died half-way). */
const WATCHDOG_MS = 10_000;

/** One animation frame, or 100 ms when frames do not come (a hidden tab): never waits for ever. */
function nextFrame(win: Window): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve();
    };
    win.requestAnimationFrame(finish);
    win.setTimeout(finish, 100);
  });
}

/**
 * The page's side of a capture the background drives (background→content:capture*): the content script
 * owns the DOM, so it scrolls, reports where it really is, and lays aside fixed and sticky elements; the
 * background owns the screenshots. Everything it changes is put back by end(), which also runs on its own
 * when the background goes quiet, and when the content script is invalidated.
 */
export class CaptureSession {
  private marked: Element[] = [];
  private sheet: CSSStyleSheet | null = null;
  private saved: { x: number; y: number } | null = null;
  private stitch = false;
  private watchdog: number | undefined;
  /** For a stitch: the elements fixed at the top of the page, and its height there. */
  private fixedAtTop = new Set<Element>();
  private topHeight = 0;

  constructor(private win: Window) {}

  get active(): boolean {
    return this.saved !== null;
  }

  /**
   * Saves the scroll position, hides our host and, for a stitch, goes to the top of the page (where the
   * frames start; a header a script fixes on scroll is in the flow there) and lays sticky elements in the flow.
   */
  async begin(stitch: boolean): Promise<CaptureMetrics> {
    if (this.active) this.end();
    const { win } = this;
    const doc = win.document;
    this.saved = { x: win.scrollX, y: win.scrollY };
    this.stitch = stitch;
    this.sheet = new CSSStyleSheet();
    this.sheet.replaceSync(CSS_TEXT);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, this.sheet];
    for (const host of doc.querySelectorAll(HOST_TAG)) this.mark(host, 'hide');
    this.arm();
    const shift = stitch ? await this.toTop() : 0;
    if (stitch) this.markPositioned('sticky', 'unstick');
    const docHeight = this.docHeight();
    // The rows of the page in view: the viewport less a horizontal scrollbar (the scrolling element's
    // clientHeight is the viewport's, in quirks mode too); the image is innerWidth wide.
    const shown = (doc.scrollingElement ?? doc.documentElement).clientHeight;
    return {
      docHeight,
      viewWidth: win.innerWidth,
      viewHeight: shown > 0 ? Math.min(shown, win.innerHeight) : win.innerHeight,
      scrollX: win.scrollX,
      scrollY: win.scrollY,
      dpr: win.devicePixelRatio || 1,
      ownScroller: docHeight <= win.innerHeight + 1 && this.hasOwnScroller(),
      shift,
    };
  }

  /**
   * Scrolls to the top of the page and lets its scroll handlers run; returns how far the content at the
   * middle of the viewport moved in the document meanwhile (0 unless the layout changed with the scroll).
   */
  private async toTop(): Promise<number> {
    const { win } = this;
    const doc = win.document;
    const hit = doc.elementFromPoint(win.innerWidth / 2, win.innerHeight / 2);
    const probe = hit?.localName === HOST_TAG ? null : hit;
    const docY = (el: Element | null) => (el?.isConnected ? el.getBoundingClientRect().top + win.scrollY : NaN);
    const before = docY(probe);
    if (win.scrollY > 0) {
      win.scrollTo({ left: win.scrollX, top: 0, behavior: 'instant' });
      await nextFrame(win);
      await nextFrame(win);
    }
    const moved = docY(probe) - before;
    this.fixedAtTop = new Set([...doc.querySelectorAll('body *')].filter((el) => win.getComputedStyle(el).position === 'fixed'));
    this.topHeight = this.docHeight();
    return Number.isFinite(moved) ? Math.round(moved) : 0;
  }

  /** Scrolls to (x, y) at once, lets the page settle and paint, and reports where it is. */
  async scroll(x: number, y: number, hideFixed: boolean): Promise<{ scrollX: number; scrollY: number; docHeight: number }> {
    if (!this.active) throw new Error('capture: no session');
    this.arm();
    const { win } = this;
    win.scrollTo({ left: x, top: y, behavior: 'instant' });
    // The page's scroll handlers run (a header may turn fixed or sticky now), then the layout settles.
    await nextFrame(win);
    await nextFrame(win);
    if (this.stitch) await this.unfixIfShorter();
    if (hideFixed) this.markPositioned('fixed', 'hide');
    if (this.stitch) this.markPositioned('sticky', 'unstick');
    // Painted without them before the background captures.
    await nextFrame(win);
    await nextFrame(win);
    this.arm();
    return { scrollX: win.scrollX, scrollY: win.scrollY, docHeight: this.docHeight() };
  }

  /** Puts back every mark, our style sheet and the scroll position. Safe to call at any time. */
  end(): { scrollX: number; scrollY: number } {
    const { win } = this;
    if (this.watchdog !== undefined) win.clearTimeout(this.watchdog);
    this.watchdog = undefined;
    for (const el of this.marked) el.removeAttribute(MARK);
    this.marked = [];
    const doc = win.document;
    if (this.sheet) doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== this.sheet);
    this.sheet = null;
    if (this.saved) win.scrollTo({ left: this.saved.x, top: this.saved.y, behavior: 'instant' });
    this.saved = null;
    return { scrollX: win.scrollX, scrollY: win.scrollY };
  }

  private arm(): void {
    if (this.watchdog !== undefined) this.win.clearTimeout(this.watchdog);
    this.watchdog = this.win.setTimeout(() => this.end(), WATCHDOG_MS);
  }

  /**
   * When the page is no longer as tall as at its top, puts the elements that became fixed since back in the
   * flow; keeps that only if it gives the page its height back (a bar that left a placeholder stays as it is).
   */
  private async unfixIfShorter(): Promise<void> {
    if (Math.abs(this.docHeight() - this.topHeight) <= SAME_HEIGHT) return;
    const { win } = this;
    const became = [...win.document.querySelectorAll('body *')].filter(
      (el) => !el.hasAttribute(MARK) && el.localName !== HOST_TAG && !this.fixedAtTop.has(el) && win.getComputedStyle(el).position === 'fixed',
    );
    if (!became.length) return;
    for (const el of became) this.mark(el, 'unfix');
    await nextFrame(win);
    if (Math.abs(this.docHeight() - this.topHeight) <= SAME_HEIGHT) return;
    for (const el of became) el.removeAttribute(MARK);
    this.marked = this.marked.filter((el) => !became.includes(el));
  }

  private docHeight(): number {
    const doc = this.win.document;
    return (doc.scrollingElement ?? doc.documentElement).scrollHeight;
  }

  private mark(el: Element, how: 'hide' | 'unstick' | 'unfix'): void {
    if (el.hasAttribute(MARK)) return;
    el.setAttribute(MARK, how);
    this.marked.push(el);
  }

  /** Marks the page's elements positioned so (our host apart: it is hidden whole). */
  private markPositioned(position: 'fixed' | 'sticky', how: 'hide' | 'unstick'): void {
    const doc = this.win.document;
    for (const el of doc.querySelectorAll('body *')) {
      if (el.hasAttribute(MARK) || el.localName === HOST_TAG) continue;
      if (this.win.getComputedStyle(el).position === position) this.mark(el, how);
    }
  }

  /** An element at least half the viewport tall that scrolls: the page lives in it, not in the document. */
  private hasOwnScroller(): boolean {
    const { win } = this;
    for (const el of win.document.querySelectorAll('body *')) {
      if (el.clientHeight < win.innerHeight / 2 || el.scrollHeight <= el.clientHeight + 1) continue;
      const overflow = win.getComputedStyle(el).overflowY;
      if (overflow === 'auto' || overflow === 'scroll' || overflow === 'overlay') return true;
    }
    return false;
  }
}
