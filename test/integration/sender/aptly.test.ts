// Aptly as its document describes it: the signing key itself in x-signingKey; only exactly 200
// succeeds, within 60 s; retries indefinitely (interval undocumented: 60 s by default, configurable;
// capped under the virtual clock so a run ends, reported `retrying`); events delivered in the order
// they occur, a failing event holding back the ones after it.
import { describe, expect, it } from 'vitest';
import type { SendStartInput } from '../../../shared/api/sender.js';
import { header, refusingUrl } from './support/handler.js';
import { useSenderFixture } from './support/fixture.js';
import { MIN, VIRTUAL } from './support/sender.js';

const fx = useSenderFixture();

const base: Omit<SendStartInput, 'to'> = { provider: 'aptly', secret: 'aptly-key-123', clock: VIRTUAL };

describe('sending as Aptly', () => {
  it('retries every 60 s and, capped at 10 attempts under the virtual clock, reports the delivery still retrying', async () => {
    const handler = await fx.startHandler(() => 500);
    const [run] = await fx.sender.send({ ...base, events: ['card.created'], to: handler.url });
    expect(run!.status).toBe('retrying');
    expect(run!.attempts.map((a) => a.offsetMs)).toEqual(Array.from({ length: 10 }, (_, i) => i * MIN));
  });

  it('retries at the interval and cap the user chose', async () => {
    const handler = await fx.startHandler(() => 500);
    const [run] = await fx.sender.send({ ...base, events: ['card.created'], to: handler.url, retryEveryMs: 5_000, maxAttempts: 3 });
    expect(run!.attempts.map((a) => a.offsetMs)).toEqual([0, 5_000, 10_000]);
    expect(run!.status).toBe('retrying');
  });

  it('counts only exactly 200 as delivered: a 201 is retried', async () => {
    const handler = await fx.startHandler((n) => (n === 1 ? 201 : 200));
    const [run] = await fx.sender.send({ ...base, events: ['card.updated'], to: handler.url });
    expect(run!.attempts.map((a) => [a.status, a.error])).toEqual([
      [201, 'status 201'],
      [200, null],
    ]);
    expect(run!.status).toBe('delivered');
  });

  it('sends the signing key itself in x-signingKey and the card fields flat, with no event name', async () => {
    const handler = await fx.startHandler(() => 200);
    await fx.sender.send({ ...base, events: ['comment.posted'], to: handler.url });
    const req = handler.received[0]!;
    expect(header(req, 'x-signingKey')).toBe('aptly-key-123');
    const body = JSON.parse(req.body.toString('utf8'));
    expect(body).toMatchObject({ Name: 'John Smith', Status: 'New', Email: 'john@example.com', Comment: expect.any(String) });
    expect(Object.values(body)).not.toContain('comment.posted');
    expect(body).not.toHaveProperty('event');
  });

  it('records timeouts, refusals and resets as failed attempts', async () => {
    const handler = await fx.startHandler((n) => (n === 1 ? 'hang' : n === 2 ? 'reset' : 200));
    const [run] = await fx.sender.send({ ...base, events: ['card.created'], to: handler.url, timeoutMs: 150 });
    expect(run!.attempts.map((a) => a.error)).toEqual(['timeout', 'reset', null]);
    const [refused] = await fx.sender.send({ ...base, events: ['card.created'], to: await refusingUrl(), maxAttempts: 2 });
    expect(refused!.attempts.map((a) => a.error)).toEqual(['refused', 'refused']);
  });

  it('delivers a batch in order: a failing event holds back the ones after it until it succeeds', async () => {
    const handler = await fx.startHandler((n) => (n <= 2 ? 500 : 200));
    const runs = await fx.sender.send({ ...base, events: ['card.created', 'card.updated', 'card.deleted'], to: handler.url });
    expect(runs.map((r) => r.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(runs[0]!.attempts.map((a) => a.offsetMs)).toEqual([0, 1 * MIN, 2 * MIN]);
    expect(runs[1]!.attempts.map((a) => a.offsetMs)).toEqual([2 * MIN]);
    expect(runs[2]!.attempts.map((a) => a.offsetMs)).toEqual([2 * MIN]);
    const statuses = handler.received.map((r) => JSON.parse(r.body.toString('utf8')).Status);
    expect(statuses).toEqual(['New', 'New', 'New', 'Contacted', 'Deleted']);
  });

  it('leaves the held-back events pending, never sent, when the first one is still retrying at the cap', async () => {
    const handler = await fx.startHandler(() => 500);
    const runs = await fx.sender.send({ ...base, events: ['card.created', 'card.updated'], to: handler.url, maxAttempts: 3 });
    expect(runs.map((r) => [r.status, r.attempts.length])).toEqual([
      ['retrying', 3],
      ['retrying', 0],
    ]);
    expect(handler.received).toHaveLength(3);
  });
});
