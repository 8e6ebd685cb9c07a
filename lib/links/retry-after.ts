/**
 * Retry-After (RFC 9110 §10.2.3): either a number of seconds or an HTTP date. Returns the wait in ms
 * measured from `now`, never negative, or undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // Only the date forms HTTP allows (IMF-fixdate and the two obsolete ones) contain a letter; a bare
  // "1.5" or "-3" is not a valid value and is ignored rather than read as a date.
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
