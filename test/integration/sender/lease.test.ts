// One player per batch, even when the old owner is still alive: a process whose event loop stalled
// past its lease (laptop sleep, a long sync job) loses the batch to the process that took it over,
// and from then on sends nothing more for it. The stall is played by expiring the lease by hand and
// letting a second core on the same database take the batch over at once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../shared/api/errors.js';
import { schedulerFor } from '../../../electron/core/scheduler/scheduler.js';
import { sleep, useSenderFixture } from './support/fixture.js';
import type { SenderCore } from './support/sender.js';

const fx = useSenderFixture();

afterEach(() => {
  vi.restoreAllMocks();
});

// Workspace gives up after 4 attempts, at 0, 1 m, 6 m and 36 m: ×600 plays them within 3.6 s.
const workspace = (to: string, clock: { kind: 'real' } | { kind: 'scaled'; scale: number } = { kind: 'scaled', scale: 600 }) => ({
  provider: 'workspace',
  events: ['task.created'],
  secret: 's',
  clock,
  to,
});

/** Right after `owner` recorded its first attempt, lets `other` take the batch over as if the owner had stalled. */
function takeOverAfterFirstAttempt(owner: SenderCore, other: SenderCore): Promise<number[]> {
  return new Promise((resolve) => {
    const off = owner.core.ctx.events.on('send.attempt', () => {
      off();
      // Synchronous, between the attempt and the owner's next wait: the owner is not mid-attempt.
      owner.core.ctx.store.db.prepare('UPDATE sends SET lease_until = 0').run();
      resolve(schedulerFor(other.core.ctx).resume());
    });
  });
}

describe('a batch taken over from a stalled owner', () => {
  it('reaches the handler once per attempt: the owner that lost the lease stops sending', async () => {
    const errors = vi.spyOn(console, 'error');
    const handler = await fx.startHandler(() => 500);
    const owner = fx.open();
    const other = fx.open({ dbFile: owner.dbFile });
    const takenOver = takeOverAfterFirstAttempt(owner, other);
    const { items } = await owner.start(workspace(handler.url));
    expect(await takenOver).toEqual([items[0]!.batchId]);

    await expect.poll(async () => (await other.get(items[0]!.id)).status, { timeout: 10_000 }).toBe('disabled');
    await sleep(500); // a straggling attempt from the old owner would arrive by now
    expect(handler.received).toHaveLength(4);
    expect((await other.get(items[0]!.id)).attempts.map((a) => a.n)).toEqual([1, 2, 3, 4]);
    expect(errors).not.toHaveBeenCalled();
  });

  it('does not record an attempt that was in flight when the batch was taken over: the new owner sends it again', async () => {
    const errors = vi.spyOn(console, 'error');
    const handler = await fx.startHandler((n) => (n === 1 ? 'hang' : 200));
    const owner = fx.open();
    const other = fx.open({ dbFile: owner.dbFile });
    const { items } = await owner.start({ ...workspace(handler.url), timeoutMs: 500 });
    await handler.waitFor(1);
    owner.core.ctx.store.db.prepare('UPDATE sends SET lease_until = 0').run();
    expect(schedulerFor(other.core.ctx).resume()).toEqual([items[0]!.batchId]);

    await expect.poll(async () => (await other.get(items[0]!.id)).status).toBe('delivered');
    await sleep(800); // past the owner's timeout: its attempt has ended by now
    const run = await other.get(items[0]!.id);
    expect(run.attempts.map((a) => [a.n, a.status])).toEqual([[1, 200]]);
    expect(handler.received).toHaveLength(2);
    expect(errors).not.toHaveBeenCalled();
  });

  it('renews a lease that expired while its owner stalled before it sends the next attempt, so nobody takes it over mid-attempt', async () => {
    const owner = fx.open();
    const leaseLeft: number[] = [];
    const handler = await fx.startHandler(() => {
      const row = owner.core.ctx.store.db.prepare('SELECT MIN(lease_until) AS until FROM sends').get() as { until: number };
      leaseLeft.push(row.until - Date.now());
      return 500;
    });
    const expired = new Promise<void>((resolve) => {
      const off = owner.core.ctx.events.on('send.attempt', () => {
        off();
        owner.core.ctx.store.db.prepare('UPDATE sends SET lease_until = 0').run();
        resolve();
      });
    });
    await owner.start(workspace(handler.url));
    await expired;
    await handler.waitFor(2);
    expect(leaseLeft[1]).toBeGreaterThan(10_000);
    const other = fx.open({ dbFile: owner.dbFile });
    expect(schedulerFor(other.core.ctx).resume()).toEqual([]);
  });

  it('ends a waiting `send` whose batch was taken over within a lease renewal, saying who plays it now', async () => {
    const handler = await fx.startHandler(() => 500);
    const owner = fx.open();
    const other = fx.open({ dbFile: owner.dbFile });
    const takenOver = takeOverAfterFirstAttempt(owner, other);
    // Real clock: the owner's next attempt is a provider minute away, so only the renewal can notice.
    const sent = owner.send(workspace(handler.url, { kind: 'real' })).then(
      () => undefined,
      (err: unknown) => err,
    );
    await takenOver;
    const startedWaiting = Date.now();
    const err = await sent;
    expect(Date.now() - startedWaiting).toBeLessThan(5_000);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'conflict', message: expect.stringMatching(/taken over by another process/) });
    expect(handler.received).toHaveLength(1);
  });
});
