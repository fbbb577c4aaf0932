// coalescedRead (renderer/lib/coalesced-read.ts): overlapping calls never run the read twice at once,
// and a call made during a read gets exactly one more pass after it.
import { describe, expect, it } from 'vitest';
import { coalescedRead } from '../../../renderer/lib/coalesced-read.js';

function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('coalescedRead', () => {
  it('runs one more pass for any number of calls made during a read, never two at once', async () => {
    const gates = [gate(), gate()];
    let running = 0;
    let maxRunning = 0;
    let passes = 0;
    const read = coalescedRead(async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await gates[passes++]!.promise;
      running--;
    }, () => {});
    const first = read();
    await Promise.all([read(), read(), read()]); // coalesced: they return at once
    gates[0]!.open();
    await Promise.resolve();
    gates[1]!.open();
    await first;
    expect(passes).toBe(2);
    expect(maxRunning).toBe(1);
  });

  it('hands an error to onError and reads again on the next call', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const read = coalescedRead(async () => {
      calls++;
      if (calls === 1) throw new Error('offline');
    }, (err) => errors.push(err));
    await read();
    await read();
    expect(errors).toEqual([new Error('offline')]);
    expect(calls).toBe(2);
  });
});
