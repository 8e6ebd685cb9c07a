import type { Match } from '../../text/aho-corasick';

/** Of overlapping matches keep the leftmost, then the longest (中港澳台 over 中港澳, 生态文明建设 over its 文明). */
export function leftmostLongest(matches: Match[]): Match[] {
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Match[] = [];
  let until = 0;
  for (const m of matches) {
    if (m.start < until) continue;
    kept.push(m);
    until = m.end;
  }
  return kept;
}

/** Whether one of `longer` (each containing `wrong`) covers the match of `wrong` at `start` (农业部 in 农业部门). */
export function insideException(text: string, start: number, wrong: string, longer: readonly string[] = []): boolean {
  return longer.some((ex) => {
    for (let i = ex.indexOf(wrong); i !== -1; i = ex.indexOf(wrong, i + 1)) if (start - i >= 0 && text.startsWith(ex, start - i)) return true;
    return false;
  });
}
