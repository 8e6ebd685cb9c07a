import type { TextNodeMap } from './build';

/** Index of the last node whose start is <= offset (binary search over map.starts). */
function nodeAt(map: TextNodeMap, offset: number): number {
  let lo = 0;
  let hi = map.starts.length - 1;
  if (hi < 0 || offset < map.starts[0]) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (map.starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A position in the DOM: a text node and an offset into it. */
export interface DomPoint {
  node: Text;
  offset: number;
}

/**
 * Turns a [start, end) range of model.text into DOM boundary points. Offsets that fall on a
 * synthetic line break (between blocks) move to the nearest real character inside the range.
 * Returns null when the range covers no mapped text or the nodes no longer hold the text
 * they held when the model was built (the page changed meanwhile).
 */
export function offsetsToPoints(map: TextNodeMap, start: number, end: number): { start: DomPoint; end: DomPoint } | null {
  if (end <= start) return null;
  let i = nodeAt(map, start);
  if (i === -1 || start >= map.starts[i] + map.nodes[i].length) i += 1; // start sits on a synthetic char
  if (i >= map.nodes.length || map.starts[i] >= end) return null;
  const startOffset = Math.max(0, start - map.starts[i]);
  const j = nodeAt(map, end - 1);
  if (j < i) return null;
  const endOffset = Math.min(map.nodes[j].length, end - map.starts[j]);
  if (endOffset <= 0) return null;
  return { start: { node: map.nodes[i], offset: startOffset }, end: { node: map.nodes[j], offset: endOffset } };
}

/** Maps a DOM point (e.g. from caretPositionFromPoint) back to an offset in model.text. */
export function pointToOffset(map: TextNodeMap, node: Node, offset: number): number | null {
  const i = map.nodes.indexOf(node as Text);
  return i === -1 ? null : map.starts[i] + offset;
}
