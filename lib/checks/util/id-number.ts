import { isKnownAreaCode } from '../../data/area-codes';
import { isValidDate } from '../../text-model/publish-date';

/**
 * 公民身份号码 (GB 11643-1999): 6-digit area code (GB/T 2260) + 8-digit birth date + 3-digit sequence + check
 * character (ISO 7064 MOD 11-2); the old 15-digit form has a 6-digit date (19YY) and no check character.
 * Pure functions; the reference date is passed in (never the clock).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The MOD 11-2 check character ('0'–'9' or 'X') of the first 17 digits of an 18-digit number. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`idCheckChar: 17 digits expected, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** What a valid 身份证号 says: its form, area code, birth date and check character (GB 11643-1999). */
export interface IdNumberInfo {
  /** 18 (current form) or 15 (old form). */
  length: 18 | 15;
  area: string;
  /** Birth date, YYYY-MM-DD. */
  birth: string;
}

/** Earliest birth date taken as real. */
const MIN_BIRTH = '1900-01-01';

/** Birth date YYYY-MM-DD when y-m-d is a real date in [1900-01-01, today], else undefined. */
export function birthDate(y: number, m: number, d: number, today: string): string | undefined {
  if (!isValidDate(y, m, d)) return undefined;
  const date = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return date >= MIN_BIRTH && date <= today ? date : undefined;
}

/**
 * Parses a candidate 身份证号 (18 characters, last may be x/X, or 15 digits). Returns its parts when the area code
 * is known (any GB/T 2260 revision), the birth date real and not after `today` (YYYY-MM-DD), and, for the
 * 18-character form, the check character right; otherwise undefined.
 */
export function parseIdNumber(s: string, today: string): IdNumberInfo | undefined {
  if (s.length === 18) {
    if (!/^\d{17}[\dXx]$/.test(s)) return undefined;
    if (idCheckChar(s.slice(0, 17)) !== s[17].toUpperCase()) return undefined;
    const birth = birthDate(Number(s.slice(6, 10)), Number(s.slice(10, 12)), Number(s.slice(12, 14)), today);
    if (!birth || !isKnownAreaCode(s.slice(0, 6))) return undefined;
    return { length: 18, area: s.slice(0, 6), birth };
  }
  if (s.length === 15) {
    if (!/^\d{15}$/.test(s)) return undefined;
    const birth = birthDate(1900 + Number(s.slice(6, 8)), Number(s.slice(8, 10)), Number(s.slice(10, 12)), today);
    if (!birth || !isKnownAreaCode(s.slice(0, 6))) return undefined;
    return { length: 15, area: s.slice(0, 6), birth };
  }
  return undefined;
}

/** Whether `s` is a real 身份证号 (area, birth date not after `today`, check character); see parseIdNumber. */
export function isValidIdNumber(s: string, today: string): boolean {
  return parseIdNumber(s, today) !== undefined;
}
