// A provider's retry schedule as the Sender's timeline draws it: the attempts planned (from the
// policy, as shared/retry/policy.ts defines it) next to the attempts made.
import { plannedOffsetsMs, type RetryPolicy } from '../../shared/retry/policy.js';

/** Same cap the core uses for indefinite retries under the virtual clock. */
const INDEFINITE_SHOWN = 10;

export function plannedSchedule(policy: RetryPolicy): number[] {
  const offsets = plannedOffsetsMs(policy);
  if (policy.repeatEveryMs === null) return offsets;
  while (offsets.length < INDEFINITE_SHOWN) offsets.push(offsets[offsets.length - 1]! + policy.repeatEveryMs);
  return offsets;
}

/** Position on the timeline, 0..1: a log scale, so +1 min and +12 h both fit on one line. */
export function timelinePosition(offsetMs: number, maxMs: number): number {
  if (maxMs <= 0) return 0;
  return Math.log1p(offsetMs / 1000) / Math.log1p(maxMs / 1000);
}

export const SUCCESS_RULE_TEXT = {
  'any-2xx': 'any 2xx status',
  'exactly-200': 'exactly 200',
  'below-400': 'any status below 400',
} as const;
