// One scheduler for the work done in the receiver's idle moments: filing logged captures
// (capture/filing-loop.ts) and filling the search index (search-indexer.ts). Both do their work in
// short slices between captures and share one skeleton: schedule, tick, stop, back off on errors.
// What differs is the policy (how heavy traffic must be before they wait, how far apart their slices
// are while captures arrive), and the decision itself is a pure function of the policy, the traffic
// and the clock (nextSlice below), tested on a fake clock.
import type { TrafficMeter } from './traffic-meter.js';

export interface IdlePolicy {
  /** Captures per second above which a slice waits for a quiet moment. */
  heavyPerSec: number;
  /** How long without a capture counts as quiet. */
  quietMs: number;
  /** While captures arrive (not quiet), at least this long between two slices (0: back to back). */
  busyGapMs: number;
  /** How long to wait before looking again when a slice may not run now. */
  waitMs: number;
}

export interface SliceState {
  now: number;
  traffic: Pick<TrafficMeter, 'above' | 'msSinceLast'>;
  /** When the previous slice ended (0: none yet). */
  lastSliceAt: number;
  /** The work is too far behind to wait for quiet (filing past its lag limit). */
  overdue?: boolean;
  /** Something with priority is pending (search indexing waits for filing): wait. */
  held?: boolean;
}

export type SliceDecision = { run: false; waitMs: number } | { run: true; busy: boolean };

/** Whether a slice runs now (and whether captures are arriving meanwhile), or how long to wait. */
export function nextSlice(policy: IdlePolicy, s: SliceState): SliceDecision {
  const busy = s.traffic.msSinceLast(s.now) < policy.quietMs;
  const crowded = busy && !s.overdue && (s.traffic.above(policy.heavyPerSec, s.now) || s.now - s.lastSliceAt < policy.busyGapMs);
  if (crowded || s.held) return { run: false, waitMs: policy.waitMs };
  return { run: true, busy };
}

/** How long after a failure the loop tries again (a full disk, a read-only file). */
export const RETRY_AFTER_ERROR_MS = 5_000;

export interface IdleSliceOptions {
  policy: IdlePolicy;
  traffic: TrafficMeter;
  /**
   * Looks at the work before the decision: null when there is none (the loop sleeps until woken),
   * else whether it is overdue or held back. `again` asks for another look right away.
   */
  look(now: number): { overdue?: boolean; held?: boolean } | { again: boolean } | null;
  /** One slice; returns how much it did (more may be left when > 0). */
  slice(busy: boolean): number;
  /** Reports a failure once per failure streak (another connection's write lock is not one). */
  onError?: (err: unknown) => void;
}

export interface IdleSlices {
  /** Looks again after `delayMs` (0: in the next turn of the event loop), unless a look is already due. */
  wake(delayMs: number): void;
  /** Runs `fn` now under the loop's error handling; false when it failed (a retry is scheduled). */
  runNow(fn: () => void): boolean;
  /** True while the last attempt failed. */
  readonly failing: boolean;
  stop(): void;
}

export function startIdleSlices(opts: IdleSliceOptions): IdleSlices {
  const { policy, traffic } = opts;
  let timer: NodeJS.Timeout | null = null;
  let immediate: NodeJS.Immediate | null = null;
  let stopped = false;
  let failing = false;
  let lastSliceAt = 0;

  const wake = (delayMs: number) => {
    if (stopped || timer || immediate) return;
    // Not unref'd: an unref'd immediate only runs when something else wakes the loop. The timer is:
    // the server keeps the process alive while it runs.
    if (delayMs <= 0) immediate = setImmediate(tick);
    else timer = setTimeout(tick, delayMs).unref();
  };

  const runNow = (fn: () => void): boolean => {
    try {
      fn();
      failing = false;
      return true;
    } catch (err) {
      // Another connection holding the write lock (the checkpointer, a CLI command) is routine.
      if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
        wake(policy.waitMs);
        return false;
      }
      if (!failing) opts.onError?.(err);
      failing = true;
      wake(RETRY_AFTER_ERROR_MS);
      return false;
    }
  };

  function tick() {
    timer = null;
    immediate = null;
    if (stopped) return;
    let done = 0;
    runNow(() => {
      const now = Date.now();
      const work = opts.look(now);
      if (work === null) return;
      if ('again' in work) {
        if (work.again) wake(0);
        return;
      }
      const decision = nextSlice(policy, { now, traffic, lastSliceAt, ...work });
      if (!decision.run) return wake(decision.waitMs);
      done = opts.slice(decision.busy);
      lastSliceAt = Date.now();
      if (done > 0) wake(decision.busy ? policy.busyGapMs : 0);
    });
  }

  return {
    wake,
    runNow,
    get failing() {
      return failing;
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
    },
  };
}
