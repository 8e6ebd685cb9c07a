import type { CaptureMetrics } from '@/lib/protocol';
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
 */
const CSS_TEXT = `[${MARK}="hide"] { opacity: 0 !important; transition: none !important; animation: none !important; }
[${MARK}="unstick"] { position: relative !important; inset: auto !important; transition: none !important; }`;

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

  constructor(private win: Window) {}

  get active(): boolean {
    return this.saved !== null;
  }

  /** Saves the scroll position, hides our host and (for a stitch) lays sticky elements in the flow. */
  begin(stitch: boolean): CaptureMetrics {
    if (this.active) this.end();
    const { win } = this;
    const doc = win.document;
    this.saved = { x: win.scrollX, y: win.scrollY };
    this.stitch = stitch;
    this.sheet = new CSSStyleSheet();
    this.sheet.replaceSync(CSS_TEXT);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, this.sheet];
    for (const host of doc.querySelectorAll(HOST_TAG)) this.mark(host, 'hide');
    if (stitch) this.markPositioned('sticky', 'unstick');
    this.arm();
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
    };
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

  private docHeight(): number {
    const doc = this.win.document;
    return (doc.scrollingElement ?? doc.documentElement).scrollHeight;
  }

  private mark(el: Element, how: 'hide' | 'unstick'): void {
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
