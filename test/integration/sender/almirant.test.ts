// Almirant as its document describes it: any status below 400 succeeds (a 3xx included, the redirect
// not followed); 10 s timeout; a connection that cannot be made fails; attempts at once, then +1 m,
// +5 m, +30 m, +2 h (five in all), then the delivery is failed. HTTPS only, localhost excepted.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SendStartInput } from '../../../shared/api/sender.js';
import { header, refusingUrl } from './support/handler.js';
import { useSenderFixture } from './support/fixture.js';
import { MIN, VIRTUAL } from './support/sender.js';

const fx = useSenderFixture();

const base: Omit<SendStartInput, 'to'> = { provider: 'almirant', events: ['work_item.moved'], secret: 'alm-secret', clock: VIRTUAL };

describe('sending as Almirant', () => {
  it('makes five attempts, at once then +1 m, +5 m, +30 m and +2 h, then marks the delivery failed', async () => {
    const handler = await fx.startHandler(() => 500);
    const [run] = await fx.sender.send({ ...base, to: handler.url });
    expect(run!.status).toBe('failed');
    expect(run!.attempts.map((a) => a.offsetMs)).toEqual([0, 1 * MIN, 6 * MIN, 36 * MIN, 156 * MIN]);
    expect(handler.received).toHaveLength(5);
  });

  it('counts a 302 redirect as delivered without following it', async () => {
    const handler = await fx.startHandler(() => ({ status: 302, headers: { Location: '/elsewhere' } }));
    const [run] = await fx.sender.send({ ...base, to: handler.url });
    expect(run!.status).toBe('delivered');
    expect(run!.attempts).toEqual([expect.objectContaining({ status: 302, error: null })]);
    expect(handler.received.map((r) => r.url)).toEqual(['/webhooks']);
  });

  it('fails on any status of 400 or more', async () => {
    const handler = await fx.startHandler((n) => (n === 1 ? 400 : 204));
    const [run] = await fx.sender.send({ ...base, to: handler.url });
    expect(run!.attempts.map((a) => a.error)).toEqual(['status 400', null]);
  });

  it('fails attempts whose connection cannot be established', async () => {
    const [run] = await fx.sender.send({ ...base, to: await refusingUrl() });
    expect(run!.status).toBe('failed');
    expect(run!.attempts.map((a) => a.error)).toEqual(Array(5).fill('refused'));
  });

  it('times out a handler slower than the timeout', async () => {
    const handler = await fx.startHandler(() => 'hang');
    const [run] = await fx.sender.send({ ...base, to: handler.url, timeoutMs: 150, maxAttempts: 2 });
    expect(run!.attempts.map((a) => [a.status, a.error])).toEqual([
      [null, 'timeout'],
      [null, 'timeout'],
    ]);
  });

  it('fails a connection reset mid-request', async () => {
    const handler = await fx.startHandler(() => 'reset');
    const [run] = await fx.sender.send({ ...base, to: handler.url, maxAttempts: 1 });
    expect(run!.attempts[0]!.error).toBe('reset');
  });

  it('signs with X-Almirant-Signature, the hex HMAC-SHA256 of the raw body, and sends an event with a type', async () => {
    const handler = await fx.startHandler(() => 200);
    await fx.sender.send({ ...base, to: handler.url });
    const req = handler.received[0]!;
    expect(header(req, 'X-Almirant-Signature')).toBe(createHmac('sha256', 'alm-secret').update(req.body).digest('hex'));
    const event = JSON.parse(req.body.toString('utf8'));
    expect(event).toMatchObject({ type: 'work_item.moved', data: { from_column: 'Backlog', to_column: 'In progress' } });
    expect(event.id).toMatch(/^evt_/);
  });

  it.each(['127.0.0.1', '127.0.0.2', '::1'])('sends over plain HTTP to the loopback address %s', async (host) => {
    const handler = await fx.startHandler(() => 200, host);
    const [run] = await fx.sender.send({ ...base, to: handler.url });
    expect(run!.status).toBe('delivered');
  });

  it('sends over plain HTTP to localhost', async () => {
    const handler = await fx.startHandler(() => 200);
    const [run] = await fx.sender.send({ ...base, to: handler.url.replace('127.0.0.1', 'localhost') });
    expect(run!.status).toBe('delivered');
  });

  it('refuses a plain-HTTP target outside loopback, naming its HTTPS rule, even when the host is allowed', async () => {
    await expect(fx.sender.send({ ...base, to: 'http://hooks.example.invalid/almirant', allowHosts: ['hooks.example.invalid'] })).rejects.toMatchObject({
      code: 'refused-target',
      message: expect.stringMatching(/Almirant's HTTPS rule/),
    });
    expect((await fx.sender.core.dispatch('sends.list', {})) as { items: unknown[] }).toEqual({ items: [] });
  });
});
