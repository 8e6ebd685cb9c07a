/**
 * Luhn (ISO/IEC 7812-1 mod 10) check used by bank card numbers. Pure; digits only (callers strip separators).
 */

/** Whether a string of ASCII digits passes the Luhn check (its last digit is the check digit). */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return luhnSum(digits, false) % 10 === 0;
}

/** The check digit to append to `payload` (ASCII digits) so that the whole passes Luhn. */
export function luhnCheckDigit(payload: string): string {
  if (!/^\d+$/.test(payload)) throw new Error(`luhnCheckDigit: digits expected, got "${payload}"`);
  return String((10 - (luhnSum(payload, true) % 10)) % 10);
}

/** Sum of the Luhn digits; `doubleLast` doubles the rightmost digit (true for a payload without its check digit). */
function luhnSum(digits: string, doubleLast: boolean): number {
  let sum = 0;
  let double = doubleLast;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum;
}
