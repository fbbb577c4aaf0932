// A batch's totals over all its runs: `sends.list` returns at most 1000 runs of a batch, which holds up
// to 10,000, so the UI's counts come from the summary the core adds, not from the page it got.
import { describe, expect, it } from 'vitest';
import type { SendBatchSummary, SendRun, SendStatus } from '../../../shared/api/sender.js';
import { SEND_STATUSES } from '../../../shared/api/sender.js';
import { useSenderFixture } from './support/fixture.js';
import { VIRTUAL } from './support/sender.js';

const fx = useSenderFixture();

type Listed = { items: SendRun[]; batch?: SendBatchSummary };

function countByStatus(runs: SendRun[]): Record<SendStatus, number> {
  const counts = Object.fromEntries(SEND_STATUSES.map((s) => [s, 0])) as Record<SendStatus, number>;
  for (const r of runs) counts[r.status]++;
  return counts;
}

describe('batch totals', () => {
  it('counts every run of a batch larger than one page, including the statuses only its last runs have', async () => {
    // 600 events and a copy of each; the handler fails the last 100 deliveries it gets, which under
    // the virtual clock (all due at once, sent in batch order) are the batch's last 100 runs.
    const handler = await fx.startHandler((n) => (n > 1100 ? 500 : 200));
    const { batchId, items: all, batch: started } = (await fx.sender.core.dispatch('send.start', {
      provider: 'almirant',
      events: ['lead.created'],
      count: 600,
      duplicates: 1,
      maxAttempts: 1,
      secret: 's',
      clock: VIRTUAL,
      to: handler.url,
      wait: true,
    })) as Listed & { batchId: number; batch: SendBatchSummary };
    expect(all).toHaveLength(1200);
    expect(handler.received).toHaveLength(1200);

    const page = (await fx.sender.core.dispatch('sends.list', { batchId, limit: 1000 })) as Listed;
    expect(page.items).toHaveLength(1000);
    expect(countByStatus(page.items).retrying).toBe(0);
    const whole = countByStatus(all);
    // Almirant would retry; the cap of one attempt ends those runs `retrying`.
    expect(whole).toMatchObject({ delivered: 1100, retrying: 100 });
    expect(page.batch).toEqual({ batchId, total: 1200, duplicates: all.filter((r) => r.duplicateOf !== null).length, counts: whole });
    expect(page.batch!.duplicates).toBe(600);
    expect(started).toEqual(page.batch);
  });

  it('gives the same totals whatever page is read, and none for an unknown batch or a list across batches', async () => {
    const handler = await fx.startHandler((n) => (n % 2 ? 200 : 500));
    const { batchId, items } = await fx.sender.start({ provider: 'almirant', events: ['lead.created'], count: 5, maxAttempts: 1, secret: 's', clock: VIRTUAL, to: handler.url });
    await handler.waitFor(5);
    await expect.poll(async () => ((await fx.sender.core.dispatch('sends.list', { batchId, limit: 1 })) as Listed).batch!.counts.scheduled).toBe(0);

    const first = (await fx.sender.core.dispatch('sends.list', { batchId, limit: 2 })) as Listed;
    const later = (await fx.sender.core.dispatch('sends.list', { batchId, limit: 2, beforeId: items[4]!.id })) as Listed;
    expect(first.items).toHaveLength(2);
    expect(first.batch).toEqual(later.batch);
    expect(first.batch).toMatchObject({ batchId, total: 5, duplicates: 0, counts: { delivered: 3, retrying: 2, scheduled: 0, stopped: 0 } });

    expect(((await fx.sender.core.dispatch('sends.list', { batchId: batchId + 1000 })) as Listed).batch).toBeUndefined();
    expect(((await fx.sender.core.dispatch('sends.list', {})) as Listed).batch).toBeUndefined();
  });
});
