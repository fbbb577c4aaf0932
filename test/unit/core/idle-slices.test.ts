// The idle-slice scheduler's decision (store/maintenance/idle-slices.ts), on a fake clock: the
// traffic meter is fed with chosen times and nextSlice is asked at chosen times, so no test waits.
import { describe, expect, it } from 'vitest';
import { nextSlice, type IdlePolicy } from '../../../electron/core/store/maintenance/idle-slices.js';
import { TrafficMeter } from '../../../electron/core/store/maintenance/traffic-meter.js';

/** Filing's policy: no gap between slices, waits only when traffic is heavy. */
const FILING: IdlePolicy = { heavyPerSec: 1_000, quietMs: 25, busyGapMs: 0, waitMs: 25 };
/** Indexing's: waits earlier, and keeps its slices apart while captures arrive. */
const INDEXING: IdlePolicy = { heavyPerSec: 200, quietMs: 25, busyGapMs: 25, waitMs: 25 };

const T0 = 1_000_000;

/** A meter that saw `perSec` captures in the second before `at`, the last one at `at`. */
function trafficAt(perSec: number, at: number): TrafficMeter {
  const meter = new TrafficMeter();
  meter.note(0, at - 900);
  for (let i = 0; i < perSec; i++) meter.note(1, at - 900 + Math.floor((900 * (i + 1)) / perSec));
  return meter;
}

describe('the idle-slice decision', () => {
  it('runs an idle slice at once when no capture came for the quiet time', () => {
    const traffic = trafficAt(5_000, T0);
    expect(nextSlice(FILING, { now: T0 + 25, traffic, lastSliceAt: 0 })).toEqual({ run: true, busy: false });
  });

  it('waits while heavy traffic keeps coming', () => {
    const traffic = trafficAt(5_000, T0);
    expect(nextSlice(FILING, { now: T0 + 5, traffic, lastSliceAt: 0 })).toEqual({ run: false, waitMs: 25 });
    expect(nextSlice(INDEXING, { now: T0 + 5, traffic, lastSliceAt: 0 })).toEqual({ run: false, waitMs: 25 });
  });

  it('runs a busy slice under moderate traffic, below the policy’s heavy mark', () => {
    const traffic = trafficAt(100, T0);
    expect(nextSlice(FILING, { now: T0 + 5, traffic, lastSliceAt: T0 })).toEqual({ run: true, busy: true });
  });

  it('keeps busy slices the policy’s gap apart', () => {
    const traffic = trafficAt(100, T0);
    expect(nextSlice(INDEXING, { now: T0 + 5, traffic, lastSliceAt: T0 - 10 })).toEqual({ run: false, waitMs: 25 });
    expect(nextSlice(INDEXING, { now: T0 + 5, traffic, lastSliceAt: T0 - 20 })).toEqual({ run: true, busy: true });
  });

  it('tells one policy’s heavy traffic from another’s', () => {
    const traffic = trafficAt(500, T0); // heavy for indexing, moderate for filing
    expect(nextSlice(FILING, { now: T0 + 5, traffic, lastSliceAt: 0 }).run).toBe(true);
    expect(nextSlice(INDEXING, { now: T0 + 5, traffic, lastSliceAt: 0 }).run).toBe(false);
  });

  it('runs overdue work between captures even in a burst', () => {
    const traffic = trafficAt(5_000, T0);
    expect(nextSlice(FILING, { now: T0 + 5, traffic, lastSliceAt: 0, overdue: true })).toEqual({ run: true, busy: true });
  });

  it('waits while held back, even when quiet', () => {
    const traffic = new TrafficMeter();
    expect(nextSlice(INDEXING, { now: T0, traffic, lastSliceAt: 0, held: true })).toEqual({ run: false, waitMs: 25 });
    expect(nextSlice(INDEXING, { now: T0, traffic, lastSliceAt: 0 })).toEqual({ run: true, busy: false });
  });

  it('forgets a burst two seconds after it ended', () => {
    const traffic = trafficAt(5_000, T0);
    expect(traffic.above(1_000, T0 + 500)).toBe(true);
    expect(traffic.above(1_000, T0 + 2_100)).toBe(false);
  });
});
