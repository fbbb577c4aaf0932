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

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;
/** Round times the axis may be labelled at. */
const AXIS_CANDIDATES = [0, S, 10 * S, MIN, 10 * MIN, H, 6 * H, D, 7 * D, 30 * D, 365 * D];
/** Labels closer than this (a fraction of the line) would overlap: the later one is left out. */
const AXIS_MIN_GAP = 0.08;

export interface AxisTick {
  offsetMs: number;
  position: number;
  label: string;
}

function axisLabel(ms: number): string {
  if (ms === 0) return '0';
  if (ms < MIN) return `${ms / S} s`;
  if (ms < H) return `${ms / MIN} min`;
  if (ms < D) return `${ms / H} h`;
  return `${ms / D} d`;
}

/** Time labels for the log-scaled line: round values up to `maxMs`, none crowding the one before. */
export function axisTicks(maxMs: number): AxisTick[] {
  const ticks: AxisTick[] = [];
  for (const offsetMs of AXIS_CANDIDATES) {
    if (offsetMs > maxMs) break;
    const position = timelinePosition(offsetMs, maxMs);
    const previous = ticks[ticks.length - 1];
    if (previous && position - previous.position < AXIS_MIN_GAP) continue;
    ticks.push({ offsetMs, position, label: axisLabel(offsetMs) });
  }
  return ticks;
}
