import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findAnchor, makeAnchor } from '../../lib/engine/anchor';

describe('anchors', () => {
  const text = '第一段：联系电话13812345678。第二段：联系电话13812345678，请核实。';

  it('keeps 32 characters of context on each side', () => {
    const long = `${'a'.repeat(50)}QUOTE${'b'.repeat(50)}`;
    const a = makeAnchor(long, 50, 55);
    expect(a.prefix).toBe('a'.repeat(32));
    expect(a.suffix).toBe('b'.repeat(32));
  });

  it('re-finds the same occurrence at its position', () => {
    const start = text.lastIndexOf('13812345678');
    const a = makeAnchor(text, start, start + 11);
    expect(findAnchor(text, a)).toEqual({ start, end: start + 11 });
  });

  it('re-finds the right occurrence after text was inserted before it, by its context', () => {
    const start = text.lastIndexOf('13812345678');
    const a = makeAnchor(text, start, start + 11);
    const changed = `新增的一句话。${text.replace('第一段', '第1段（已修改）')}`;
    const found = findAnchor(changed, a)!;
    expect(changed.slice(found.start, found.end)).toBe('13812345678');
    expect(changed.slice(found.end, found.end + 5)).toBe('，请核实。');
  });

  it('returns null when the quote is gone', () => {
    const a = makeAnchor(text, 8, 19);
    expect(findAnchor(text.replaceAll('13812345678', '138****5678'), a)).toBeNull();
  });

  it('property: an anchor made in any text finds its own range again', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200 }), fc.nat(), fc.nat(), (s, a, b) => {
        const start = a % s.length;
        const end = start + 1 + (b % (s.length - start));
        const found = findAnchor(s, makeAnchor(s, start, end));
        expect(found).toEqual({ start, end });
      }),
    );
  });
});
