// Delivery semantics a handler must cope with: duplicate deliveries, out-of-order delivery (shuffled,
// or caused by retries interleaving with later events), played on the virtual clock.
import { describe, expect, it } from 'vitest';
import { sleep, useSenderFixture } from './support/fixture.js';
import { MIN, VIRTUAL } from './support/sender.js';

const fx = useSenderFixture();

const eventOf = (body: Buffer) => (JSON.parse(body.toString('utf8')) as { type: string }).type;

describe('a batch of sends', () => {
  it('delivers each duplicate as the same bytes again, marked as a duplicate of its original', async () => {
    const handler = await fx.startHandler(() => 200);
    const runs = await fx.sender.send({ provider: 'almirant', events: ['lead.created', 'sprint.closed'], duplicates: 1, secret: 's', clock: VIRTUAL, to: handler.url });
    expect(runs.map((r) => [r.event, r.duplicateOf])).toEqual([
      ['lead.created', null],
      ['lead.created', runs[0]!.id],
      ['sprint.closed', null],
      ['sprint.closed', runs[2]!.id],
    ]);
    const bodies = handler.received.map((r) => r.body.toString('utf8'));
    expect(bodies[1]).toBe(bodies[0]);
    expect(bodies[3]).toBe(bodies[2]);
    expect(bodies[2]).not.toBe(bodies[0]);
  });

  it('shuffles a batch out of the order the events occurred in, which their timestamps still tell', async () => {
    const handler = await fx.startHandler(() => 200);
    const events = ['work_item.created', 'work_item.updated', 'work_item.moved', 'work_item.archived', 'sprint.created', 'sprint.closed'];
    const runs = await fx.sender.send({ provider: 'almirant', events, shuffle: true, seed: 7, secret: 's', clock: VIRTUAL, to: handler.url });
    const arrived = handler.received.map((r) => eventOf(r.body));
    expect(arrived).toEqual(runs.map((r) => r.event));
    expect(arrived).not.toEqual(events);
    expect([...arrived].sort()).toEqual([...events].sort());
    const occurredAt = (event: string) =>
      Date.parse(JSON.parse(handler.received.find((r) => eventOf(r.body) === event)!.body.toString('utf8')).created_at);
    for (let i = 1; i < events.length; i++) expect(occurredAt(events[i]!)).toBeGreaterThan(occurredAt(events[i - 1]!));
  });

  it('lets a later event overtake a failing one when the provider does not deliver in order', async () => {
    const handler = await fx.startHandler((n) => (n === 1 ? 500 : 200));
    const runs = await fx.sender.send({ provider: 'almirant', events: ['lead.created', 'lead.updated'], secret: 's', clock: VIRTUAL, to: handler.url });
    expect(handler.received.map((r) => eventOf(r.body))).toEqual(['lead.created', 'lead.updated', 'lead.created']);
    expect(runs[0]!.attempts.map((a) => a.offsetMs)).toEqual([0, 1 * MIN]);
    expect(runs[1]!.attempts.map((a) => a.offsetMs)).toEqual([0]);
  });

  it('sends --count deliveries of one event, each with its own event id', async () => {
    const handler = await fx.startHandler(() => 200);
    const runs = await fx.sender.send({ provider: 'almirant', events: ['lead.updated'], count: 3, secret: 's', clock: VIRTUAL, to: handler.url });
    expect(runs).toHaveLength(3);
    const ids = handler.received.map((r) => JSON.parse(r.body.toString('utf8')).id);
    expect(new Set(ids).size).toBe(3);
  });

  it('sends the exact bytes of a user payload under any event name', async () => {
    const handler = await fx.startHandler(() => 200);
    const body = Buffer.from('{"custom": true,  "note":"spacing kept"}\n');
    const [run] = await fx.sender.send({ provider: 'agiletune', events: ['board.renamed'], bodyBase64: body.toString('base64'), secret: 's', clock: VIRTUAL, to: handler.url });
    expect(run!.status).toBe('delivered');
    expect(handler.received[0]!.body.equals(body)).toBe(true);
  });

  it('stops a scheduled run: no further attempt is sent', async () => {
    const handler = await fx.startHandler(() => 500);
    // ×60: the retry would come one wall second after the first attempt.
    const { items } = await fx.sender.start({ provider: 'agiletune', events: ['task.created'], secret: 's', clock: { kind: 'scaled', scale: 60 }, to: handler.url });
    await handler.waitFor(1);
    await expect.poll(async () => (await fx.sender.get(items[0]!.id)).attempts.length).toBe(1);
    const stopped = (await fx.sender.core.dispatch('send.stop', { id: items[0]!.id })) as { stopped: number[] };
    expect(stopped.stopped).toEqual([items[0]!.id]);
    expect((await fx.sender.get(items[0]!.id)).status).toBe('stopped');
    await sleep(1_500);
    expect(handler.received).toHaveLength(1);
  });
});
