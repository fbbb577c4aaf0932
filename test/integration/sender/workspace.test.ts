// The Workspace provider as its document describes it: X-Webhook-Signature: sha256=<hex HMAC-SHA256>
// with X-Webhook-ID (the webhook's id, the body's webhook_id) and X-Webhook-Timestamp (unix seconds,
// refreshed on every attempt); only 200
// succeeds; retries after 1 m, 5 m and 30 m (4 attempts: the seed's reading of an ambiguous
// document), then the webhook is disabled, which stops everything else it would have sent.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SendStartInput } from '../../../shared/api/sender.js';
import { header } from './support/handler.js';
import { useSenderFixture } from './support/fixture.js';
import { MIN, VIRTUAL } from './support/sender.js';

const fx = useSenderFixture();

const base: Omit<SendStartInput, 'to'> = { provider: 'workspace', secret: 'ws-secret', clock: VIRTUAL };

describe('sending as Workspace', () => {
  it('makes four attempts, at 0, 1 m, 6 m and 36 m, then disables the webhook', async () => {
    const handler = await fx.startHandler(() => 500);
    const [run] = await fx.sender.send({ ...base, events: ['task.created'], to: handler.url });
    expect(run!.status).toBe('disabled');
    expect(run!.attempts.map((a) => a.offsetMs)).toEqual([0, 1 * MIN, 6 * MIN, 36 * MIN]);
  });

  it('counts only 200 as delivered: a 201 is a failure', async () => {
    const handler = await fx.startHandler((n) => (n === 1 ? 201 : 200));
    const [run] = await fx.sender.send({ ...base, events: ['task.created'], to: handler.url });
    expect(run!.attempts.map((a) => a.error)).toEqual(['status 201', null]);
  });

  it("signs each attempt afresh: sha256=<hex HMAC of the received bytes> and a current X-Webhook-Timestamp, beside the webhook's X-Webhook-ID", async () => {
    const handler = await fx.startHandler((n) => (n < 3 ? 500 : 200));
    const before = Math.floor(Date.now() / 1000);
    await fx.sender.send({ ...base, events: ['comment.created'], to: handler.url });
    expect(handler.received).toHaveLength(3);
    for (const req of handler.received) {
      expect(header(req, 'X-Webhook-Signature')).toBe(`sha256=${createHmac('sha256', 'ws-secret').update(req.body).digest('hex')}`);
      const ts = Number(header(req, 'X-Webhook-Timestamp'));
      expect(ts).toBeGreaterThanOrEqual(before);
      expect(ts).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    }
    // X-Webhook-ID names the webhook (the body's webhook_id): the same on every attempt.
    expect(handler.received.map((r) => header(r, 'X-Webhook-ID'))).toEqual(['webhook_123', 'webhook_123', 'webhook_123']);
    const body = JSON.parse(handler.received[0]!.body.toString('utf8'));
    expect(Object.keys(body)).toEqual(['event', 'timestamp', 'webhook_id', 'data']);
    expect(body.event).toBe('comment.created');
  });

  it('times out a hanging handler and fails a reset connection', async () => {
    const handler = await fx.startHandler((n) => (n === 1 ? 'hang' : 'reset'));
    const [run] = await fx.sender.send({ ...base, events: ['task.created'], to: handler.url, timeoutMs: 150 });
    expect(run!.attempts.map((a) => a.error)).toEqual(['timeout', 'reset', 'reset', 'reset']);
    expect(run!.status).toBe('disabled');
  });

  it('sends nothing more once the webhook is disabled: the rest of the batch ends disabled too', async () => {
    const handler = await fx.startHandler(() => 500);
    const runs = await fx.sender.send({ ...base, events: ['task.created', 'task.updated'], to: handler.url });
    // Both fail in step; the first event's fourth failure disables the webhook before the second's fourth attempt.
    expect(runs.map((r) => [r.status, r.attempts.length])).toEqual([
      ['disabled', 4],
      ['disabled', 3],
    ]);
    expect(handler.received).toHaveLength(7);
  });
});
