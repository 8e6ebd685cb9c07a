import type { Check } from './types';

/**
 * Identity helper that type-checks a check definition (one per file, lib/checks/<id>.ts). Generic in the
 * message ids: `ctx.report({ messageId })` with an id that `meta.messages` lacks is a type error.
 */
export function defineCheck<M extends string>(check: Check<M>): Check<M> {
  return check;
}
