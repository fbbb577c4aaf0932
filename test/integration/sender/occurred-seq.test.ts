// Where each run's event stood before the shuffle (`occurredSeq`), next to where it was delivered
// (`seq`): what a user rehearsing out-of-order delivery reads to see "the 4th event arrived first".
import { describe, expect, it } from 'vitest';
import type { SendRun } from '../../../shared/api/sender.js';
import { useSenderFixture } from './support/fixture.js';
import { VIRTUAL } from './support/sender.js';

const fx = useSenderFixture();

const EVENTS = ['work_item.created', 'work_item.updated', 'work_item.moved', 'work_item.archived', 'sprint.created', 'sprint.closed'];

const bodyOf = (b: Buffer) => JSON.parse(b.toString('utf8')) as { type: string; created_at: string };

describe('occurredSeq', () => {
  it('gives each run of a shuffled batch its event\'s place in the order the events occurred, shared by its duplicates', async () => {
    const handler = await fx.startHandler(() => 200);
    const runs = await fx.sender.send({ provider: 'almirant', events: EVENTS, duplicates: 1, shuffle: true, seed: 7, secret: 's', clock: VIRTUAL, to: handler.url });
    expect(runs).toHaveLength(12);
    expect(runs.map((r) => r.seq)).toEqual([...runs.keys()]);

    // The place each event was named in, before the shuffle.
    for (const run of runs) expect(run.occurredSeq).toBe(EVENTS.indexOf(run.event));
    const byId = new Map(runs.map((r) => [r.id, r]));
    const copies = runs.filter((r) => r.duplicateOf !== null);
    expect(copies).toHaveLength(6);
    for (const copy of copies) expect(copy.occurredSeq).toBe(byId.get(copy.duplicateOf!)!.occurredSeq);
    // Delivered out of that order, as the handler saw it.
    expect(runs.map((r) => r.occurredSeq)).not.toEqual([...runs.map((r) => r.occurredSeq!)].sort((a, b) => a - b));

    // The handler got the batch in seq order; the events' own timestamps rise with occurredSeq.
    const received = handler.received.map((r) => bodyOf(r.body));
    expect(received.map((b) => b.type)).toEqual(runs.map((r) => r.event));
    const timeOf = (occurred: number) => Date.parse(received[runs.findIndex((r) => r.occurredSeq === occurred)]!.created_at);
    for (let i = 1; i < EVENTS.length; i++) expect(timeOf(i)).toBeGreaterThan(timeOf(i - 1));
  });

  it('equals seq in a batch neither shuffled nor duplicated', async () => {
    const handler = await fx.startHandler(() => 200);
    const runs = await fx.sender.send({ provider: 'almirant', events: EVENTS, secret: 's', clock: VIRTUAL, to: handler.url });
    expect(runs.map((r) => r.occurredSeq)).toEqual(runs.map((r) => r.seq));
    expect(runs.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('follows the order of delivery in an unshuffled batch with duplicates, each copy right after its original', async () => {
    const handler = await fx.startHandler(() => 200);
    const runs = await fx.sender.send({ provider: 'almirant', events: EVENTS.slice(0, 3), duplicates: 2, secret: 's', clock: VIRTUAL, to: handler.url });
    expect(runs.map((r) => r.occurredSeq)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2]);
  });

  it('is returned by sends.list and sends.get as stored', async () => {
    const handler = await fx.startHandler(() => 200);
    const { batchId, items } = await fx.sender.start({ provider: 'almirant', events: EVENTS, shuffle: true, seed: 3, secret: 's', clock: VIRTUAL, to: handler.url });
    const listed = (await fx.sender.core.dispatch('sends.list', { batchId, limit: 100 })) as { items: SendRun[] };
    expect(listed.items.map((r) => [r.id, r.occurredSeq])).toEqual(items.map((r) => [r.id, r.occurredSeq]));
    const newestFirst = (await fx.sender.core.dispatch('sends.list', { limit: 100 })) as { items: SendRun[] };
    expect(newestFirst.items.map((r) => [r.id, r.occurredSeq])).toEqual([...items].reverse().map((r) => [r.id, r.occurredSeq]));
    for (const run of items) expect((await fx.sender.get(run.id)).occurredSeq).toBe(EVENTS.indexOf(run.event));
  });
});
