// The three clocks behind one seam: virtual (waits skipped), scaled (provider time N× faster) and real.
import { describe, expect, it } from 'vitest';
import { clockFor, realClock, scaledClock, virtualClock } from '../../../electron/core/scheduler/clock.js';

describe('clocks', () => {
  it('the virtual clock jumps to whatever is awaited, at once, and never goes back', async () => {
    const clock = virtualClock();
    const started = performance.now();
    await clock.sleepUntil(14 * 3_600_000);
    expect(clock.now()).toBe(14 * 3_600_000);
    await clock.sleepUntil(60_000);
    expect(clock.now()).toBe(14 * 3_600_000);
    expect(performance.now() - started).toBeLessThan(1_000); // not 14 hours, however loaded the machine
  });

  it('the scaled clock runs provider time N times faster than wall time', async () => {
    // Measured from the clock's own origin: a pause between building it and waiting must not count.
    const origin = Date.now();
    const clock = scaledClock(600, origin);
    await clock.sleepUntil(60_000); // one provider minute = 100 wall ms
    const waited = Date.now() - origin;
    expect(waited).toBeGreaterThanOrEqual(99); // Date.now() has whole milliseconds
    expect(waited).toBeLessThan(1_000);
    expect(clock.now()).toBeGreaterThanOrEqual(60_000);
  });

  it('a scaled clock rebuilt from its stored origin counts the time it was down', () => {
    let wall = 1_000_000;
    const clock = clockFor({ kind: 'scaled', scale: 60 }, 1_000_000, 0, { now: () => wall });
    wall += 2_000;
    expect(clock.now()).toBe(120_000);
  });

  it('the real clock reads wall time since its origin', () => {
    let wall = 5_000;
    const clock = realClock(1_000, { now: () => wall });
    expect(clock.now()).toBe(4_000);
    wall = 65_000;
    expect(clock.now()).toBe(64_000);
  });

  it('a wait ends early, without error, when it is aborted', async () => {
    const clock = realClock(Date.now());
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 20);
    const started = performance.now();
    await clock.sleepUntil(3_600_000, abort.signal);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('a resumed virtual clock continues from the provider time it had reached', () => {
    expect(clockFor({ kind: 'virtual' }, 0, 360_000).now()).toBe(360_000);
  });
});
