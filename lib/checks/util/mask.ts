/**
 * Masks a number the way publication rules expect (138****1234, 35*************123): every character that is a
 * digit or letter, except the first `keepStart` and the last `keepEnd` of them, becomes '*'. Separators
 * (spaces, dashes) stay where they are.
 */
export function maskNumber(written: string, keepStart: number, keepEnd: number): string {
  let total = 0;
  for (const ch of written) if (/[0-9A-Za-z]/.test(ch)) total++;
  let seen = 0;
  let out = '';
  for (const ch of written) {
    if (!/[0-9A-Za-z]/.test(ch)) {
      out += ch;
      continue;
    }
    out += seen < keepStart || seen >= total - keepEnd ? ch : '*';
    seen++;
  }
  return out;
}
