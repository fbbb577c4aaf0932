// Provider time, injected into everything that waits (STYLE: "Time is injected"). A batch of mock
// sends is played on one clock whose zero is the moment the batch started; attempts are due at offsets
// in that provider time. Three clocks share the seam:
// - real: provider time is wall time (a 12 h retry waits 12 h);
// - scaled: provider time runs `scale` times faster than wall time (`--time-scale 60`: an hour in a
//   minute), so a schedule plays visibly;
// - virtual: waits are skipped; time jumps to the next due attempt at once, and only moves while no
//   attempt is in flight (attempts are sent for real, they just take no provider time).
// The real and scaled clocks are anchored at a wall time stored with the batch, so after a restart
// the same clock is rebuilt and whatever fell due while the process was down is due at once.

import type { ClockKind, ClockSpec } from '../../../shared/retry/send-plan.js';

export interface Clock {
  readonly kind: ClockKind;
  /** Provider ms per wall ms: 1 (real), N (scaled), Infinity (virtual). */
  readonly scale: number;
  /** Provider time elapsed since the clock's origin, ms. */
  now(): number;
  /** Resolves once provider time reaches `offsetMs`, or early (without error) when `signal` aborts. */
  sleepUntil(offsetMs: number, signal?: AbortSignal): Promise<void>;
}

export interface WallTime {
  now(): number;
}

const systemWall: WallTime = { now: () => Date.now() };

// setTimeout overflows past 2^31-1 ms (~24.8 days) and fires at once; long waits are chained.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A clock whose provider time runs `scale` times as fast as wall time, from `originWallMs`. */
export function scaledClock(scale: number, originWallMs: number, wall: WallTime = systemWall): Clock {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`time scale must be a positive number, got ${scale}`);
  const now = () => Math.max(0, (wall.now() - originWallMs) * scale);
  return {
    kind: scale === 1 ? 'real' : 'scaled',
    scale,
    now,
    sleepUntil: async (offsetMs, signal) => {
      for (;;) {
        const wallWait = (offsetMs - now()) / scale;
        if (wallWait <= 0 || signal?.aborted) return;
        await wallSleep(Math.min(Math.ceil(wallWait), MAX_TIMER_MS), signal);
      }
    },
  };
}

export function realClock(originWallMs: number, wall: WallTime = systemWall): Clock {
  return scaledClock(1, originWallMs, wall);
}

/** A clock that skips every wait: provider time jumps to whatever is awaited next. */
export function virtualClock(startOffsetMs = 0): Clock {
  let current = startOffsetMs;
  return {
    kind: 'virtual',
    scale: Number.POSITIVE_INFINITY,
    now: () => current,
    sleepUntil: async (offsetMs) => {
      current = Math.max(current, offsetMs);
    },
  };
}

/**
 * The clock a batch plays on, rebuilt the same way at start and on resume. A resumed virtual batch
 * continues from the provider time it had reached (`reachedOffsetMs`).
 */
export function clockFor(spec: ClockSpec, originWallMs: number, reachedOffsetMs = 0, wall: WallTime = systemWall): Clock {
  switch (spec.kind) {
    case 'virtual':
      return virtualClock(reachedOffsetMs);
    case 'scaled':
      return scaledClock(spec.scale ?? 1, originWallMs, wall);
    case 'real':
      return realClock(originWallMs, wall);
  }
}

function wallSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
