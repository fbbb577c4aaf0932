// AgileTune as its document describes it, played on the virtual clock against a real handler:
// any 2xx succeeds within 30 s; retries after 1 m, 5 m, 30 m, 2 h and 12 h (six attempts), each wait
// measured from the previous attempt; then the webhook is marked failing.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SendStartInput } from '../../../shared/api/sender.js';
import { header, refusingUrl } from './support/handler.js';
import { useSenderFixture } from './support/fixture.js';
import { MIN, VIRTUAL } from './support/sender.js';

const H = 60 * MIN;
const fx = useSenderFixture();

const base: Omit<SendStartInput, 'to'> = { provider: 'agiletune', events: ['task.updated'], secret: 'agile-secret', clock: VIRTUAL };

describe('sending as AgileTune', () => {
  it('tries six times, at 0, 1 m, 6 m, 36 m, 2 h 36 m and 14 h 36 m, then marks the webhook failing', async () => {
    const handler = await fx.startHandler(() => 500);
    const [run] = await fx.sender.send({ ...base, to: handler.url });
    expect(run!.status).toBe('failing');
    expect(run!.attempts.map((a) => a.offsetMs)).toEqual([0, 1 * MIN, 6 * MIN, 36 * MIN, 2 * H + 36 * MIN, 14 * H + 36 * MIN]);
    expect(run!.attempts.map((a) => a.error)).toEqual(Array(6).fill('status 500'));
    expect(handler.received).toHaveLength(6);
  });

  it('stops retrying once the handler recovers', async () => {
    const handler = await fx.startHandler((n) => (n <= 2 ? 503 : 200));
    const [run] = await fx.sender.send({ ...base, to: handler.url });
    expect(run!.status).toBe('delivered');
    expect(run!.attempts.map((a) => [a.offsetMs, a.status, a.error])).toEqual([
      [0, 503, 'status 503'],
      [1 * MIN, 503, 'status 503'],
      [6 * MIN, 200, null],
    ]);
  });

  it('counts any 2xx as delivered, 201 included', async () => {
    const handler = await fx.startHandler(() => 201);
    const [run] = await fx.sender.send({ ...base, to: handler.url });
    expect(run!.status).toBe('delivered');
    expect(run!.attempts).toHaveLength(1);
  });

  it('signs every attempt with X-AgileTune-Signature, the hex HMAC-SHA256 of the exact bytes received', async () => {
    const handler = await fx.startHandler((n) => (n === 1 ? 500 : 200));
    await fx.sender.send({ ...base, to: handler.url });
    expect(handler.received).toHaveLength(2);
    for (const req of handler.received) {
      expect(header(req, 'X-AgileTune-Signature')).toBe(createHmac('sha256', 'agile-secret').update(req.body).digest('hex'));
      expect(header(req, 'Content-Type')).toBe('application/json');
      expect(header(req, 'User-Agent')).toMatch(/^AgileTune-Webhooks\//);
      expect(req.method).toBe('POST');
    }
    const body = JSON.parse(handler.received[0]!.body.toString('utf8'));
    expect(body).toMatchObject({ event: 'task.updated', data: { changes: { status: { from: 'todo', to: 'in_progress' } } } });
    expect(Date.parse(body.timestamp)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('records a handler slower than the timeout as a timed-out attempt', async () => {
    const handler = await fx.startHandler((n) => (n === 1 ? 'hang' : 200));
    const [run] = await fx.sender.send({ ...base, to: handler.url, timeoutMs: 200 });
    expect(run!.attempts[0]).toMatchObject({ status: null, error: 'timeout' });
    expect(run!.attempts[0]!.durationMs).toBeGreaterThanOrEqual(190);
    expect(run!.attempts[1]).toMatchObject({ offsetMs: 1 * MIN, status: 200, error: null });
  });

  it('fails an attempt whose connection is refused, and ends failing when it never connects', async () => {
    const [run] = await fx.sender.send({ ...base, to: await refusingUrl() });
    expect(run!.status).toBe('failing');
    expect(run!.attempts.map((a) => [a.status, a.error])).toEqual(Array(6).fill([null, 'refused']));
  });

  it('fails an attempt whose connection is reset', async () => {
    const handler = await fx.startHandler((n) => (n === 1 ? 'reset' : 200));
    const [run] = await fx.sender.send({ ...base, to: handler.url });
    expect(run!.attempts.map((a) => a.error)).toEqual(['reset', null]);
    expect(run!.status).toBe('delivered');
  });

  it('keeps each attempt with the request as sent and the response as received', async () => {
    const handler = await fx.startHandler(() => ({ status: 500, headers: { 'X-Trace': 'abc' }, body: 'boom' }));
    const [run] = await fx.sender.send({ ...base, to: handler.url, maxAttempts: 1 });
    expect(run!.status).toBe('retrying');
    const detail = await fx.sender.get(run!.id);
    const attempt = detail.attempts[0]!;
    expect(Buffer.from(attempt.request.bodyBase64, 'base64').equals(handler.received[0]!.body)).toBe(true);
    expect(attempt.request.headers.find((h) => h.name === 'X-AgileTune-Signature')?.value).toBe(header(handler.received[0]!, 'X-AgileTune-Signature'));
    expect(attempt.response?.headers).toContainEqual({ name: 'X-Trace', value: 'abc' });
    expect(Buffer.from(attempt.response!.bodyBase64, 'base64').toString()).toBe('boom');
    expect(attempt.errorMessage).toMatch(/any 2xx/);
  });
});
