import { offsetsToPoints } from '@/lib/text-model/ranges';
import type { TextNodeMap } from '@/lib/text-model/build';
import type { Category, Finding } from '@/lib/engine/types';

export const HIGHLIGHT_PREFIX = 'govreview-';
const CATEGORIES: Category[] = ['typo', 'expression', 'privacy', 'identity', 'stale', 'blank', 'link', 'service', 'interaction', 'search'];

export interface Placed {
  finding: Finding;
  range: Range;
  index: number;
}

/**
 * Paints findings with the CSS Custom Highlight API: the page's DOM is not touched (no wrapper
 * spans), so the page's scripts and layout see nothing of us. One named highlight per category.
 */
export class Highlighter {
  placed: Placed[] = [];

  constructor(private doc: Document) {}

  get supported(): boolean {
    return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight !== 'undefined';
  }

  /** Replaces all highlights; returns the findings that could be placed (text still matching). */
  apply(findings: Finding[], map: TextNodeMap): Placed[] {
    this.clear();
    const byCategory = new Map<Category, Range[]>();
    findings.forEach((finding, index) => {
      if (finding.start === undefined || finding.end === undefined) return;
      const points = offsetsToPoints(map, finding.start, finding.end);
      if (!points) return;
      const range = this.doc.createRange();
      try {
        range.setStart(points.start.node, points.start.offset);
        range.setEnd(points.end.node, points.end.offset);
      } catch {
        return; // the node changed length since the model was built
      }
      // Stale map (the page changed between model and findings): never paint the wrong text.
      // (A link finding's text is its URL; what it marks is the link's own text, the anchor's quote.)
      if (range.toString() !== (finding.anchor?.quote ?? finding.text)) return;
      this.placed.push({ finding, range, index });
      const list = byCategory.get(finding.category) ?? [];
      list.push(range);
      byCategory.set(finding.category, list);
    });
    if (this.supported) {
      for (const [category, ranges] of byCategory) CSS.highlights.set(HIGHLIGHT_PREFIX + category, new Highlight(...ranges));
    }
    return this.placed;
  }

  setActive(range: Range | null): void {
    if (!this.supported) return;
    if (range) CSS.highlights.set(`${HIGHLIGHT_PREFIX}active`, new Highlight(range));
    else CSS.highlights.delete(`${HIGHLIGHT_PREFIX}active`);
  }

  /** The innermost placed finding containing a DOM point. */
  at(node: Node, offset: number): Placed | undefined {
    let best: Placed | undefined;
    for (const p of this.placed) {
      let inside = false;
      try {
        inside = p.range.isPointInRange(node, offset);
      } catch {
        inside = false;
      }
      if (inside && (!best || p.range.toString().length < best.range.toString().length)) best = p;
    }
    return best;
  }

  clear(): void {
    this.placed = [];
    if (!this.supported) return;
    for (const c of CATEGORIES) CSS.highlights.delete(HIGHLIGHT_PREFIX + c);
    CSS.highlights.delete(`${HIGHLIGHT_PREFIX}active`);
  }
}

/** DOM point under the pointer (caretPositionFromPoint where available, else the WebKit form). */
export function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (d.caretPositionFromPoint) {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  const r = d.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : null;
}
