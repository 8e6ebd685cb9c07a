import type { SweepRecord } from '../db/records';
import type { SweepStatus } from './protocol';

/** A stored 全站巡检 as the popup and the side panel show it. */
export function sweepStatusOf(r: SweepRecord): SweepStatus {
  return {
    id: r.id,
    site: r.site,
    state: r.state,
    progress: r.progress,
    ...(r.rollup && { rollup: r.rollup }),
    ...(r.recorded !== undefined && { recorded: r.recorded }),
    ...(r.error && { error: r.error }),
  };
}
