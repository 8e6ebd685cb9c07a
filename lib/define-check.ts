import type { Check } from './types';

/** Identity helper that type-checks a check definition (one per file, lib/checks/<id>.ts). */
export function defineCheck(check: Check): Check {
  return check;
}
