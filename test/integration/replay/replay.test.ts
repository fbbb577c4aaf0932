import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors.js';
import type { Replay } from '../../../shared/api/replay.js';
import type { HeaderField } from '../../../shared/domain.js';
import { headerValue } from '../../../shared/headers.js';
import { HOP_BY_HOP } from '../../../electron/core/http/outbound.js';
import { AGILETUNE, ALMIRANT, APTLY_HEADER, signedRequest, WORKSPACE } from '../../fixtures/seed-signers.js';
import type { TestCore } from '../../support/core.js';
import { messageHeaders, post, startHandler, withCoreAndHandler, type TestHandler } from './handler.js';

let t: TestCore;
let handler: TestHandler;
withCoreAndHandler((core, h) => {
  t = core;
  handler = h;
});

const SECRET = 'whsec-test-secret';
const BODY = Buffer.from('{"event": "task.updated",  "data": {"id": "tsk_1", "title": "Café ☕"}}\n', 'utf8');
/** Extra headers in odd case, with a duplicate, to prove order and case survive. */
const ODD: HeaderField[] = [
  { name: 'X-Trace-ID', value: 'a' },
  { name: 'x-trace-id', value: 'b' },
  { name: 'uSeR-aGeNt', value: 'Provider-Hookshot/1.0' },
];

const seeds: Array<{ provider: string; headers: (body: Buffer) => readonly HeaderField[] }> = [
  { provider: 'aptly', headers: () => [{ name: 'Content-Type', value: 'application/json' }, { name: APTLY_HEADER, value: SECRET }] },
  ...[AGILETUNE, ALMIRANT, WORKSPACE].map((seed) => ({ provider: seed.id, headers: (body: Buffer) => signedRequest(seed, body, SECRET).headers })),
];

async function capture(provider: string, headers: readonly HeaderField[], body = BODY, path = `/hooks/${provider}/in?attempt=1`): Promise<number> {
  if (!t.core.ctx.store.endpoints.byPath(`/hooks/${provider}`)) {
    await t.core.dispatch('endpoints.create', { path: `/hooks/${provider}`, provider, secret: SECRET });
  }
  const reply = await post(t.receiver.url, path, body, [...headers, ...ODD]);
  expect(reply.status).toBe(200);
  return reply.id;
}

const send = async (input: Record<string, unknown>) => ((await t.core.dispatch('replay.send', input)) as { replays: Replay[] }).replays;
const hmacHex = (secret: string, body: Buffer) => createHmac('sha256', secret).update(body).digest('hex');
const withoutHopByHop = (headers: readonly HeaderField[]) => headers.filter((h) => !HOP_BY_HOP.has(h.name.toLowerCase()));

describe('replay as captured', () => {
  it.each(seeds)('sends a captured $provider delivery with the same body bytes and the same headers in order and case', async ({ provider, headers }) => {
    const id = await capture(provider, headers(BODY));
    const detail = t.core.ctx.store.deliveries.get(id)!;
    const [replay] = await send({ ids: [id], target: handler.url });
    const [got] = await handler.waitFor(1);
    expect(got!.body.equals(BODY)).toBe(true);
    expect(messageHeaders(got!.headers)).toEqual(withoutHopByHop(detail.headers));
    expect(got!.method).toBe('POST');
    expect(replay).toMatchObject({ mode: 'as-captured', edited: false, error: null, response: { status: 200 } });
  });

  it('appends the captured path and query when the target has no path', async () => {
    const id = await capture('agiletune', signedRequest(AGILETUNE, BODY, SECRET).headers);
    await send({ ids: [id], target: `http://localhost:${handler.port}` });
    expect((await handler.waitFor(1))[0]!.url).toBe('/hooks/agiletune/in?attempt=1');
  });

  it("uses the target's own path when it has one", async () => {
    const id = await capture('agiletune', signedRequest(AGILETUNE, BODY, SECRET).headers);
    await send({ ids: [id], target: `${handler.url}/webhooks/agile` });
    expect((await handler.waitFor(1))[0]!.url).toBe('/webhooks/agile?attempt=1');
  });

  it('records the request as sent and the response against the delivery', async () => {
    handler.answer = { status: 500, headers: { 'X-Handler': 'yes' }, body: 'boom' };
    const id = await capture('almirant', signedRequest(ALMIRANT, BODY, SECRET).headers);
    await send({ ids: [id], target: handler.url });
    const { items } = (await t.core.dispatch('replays.list', { deliveryId: id })) as { items: Replay[] };
    expect(items).toHaveLength(1);
    expect(items[0]!.request).toMatchObject({ method: 'POST', url: `${handler.url}/hooks/almirant/in?attempt=1`, bodyBase64: BODY.toString('base64') });
    expect(items[0]!.response).toMatchObject({ status: 500, bodyText: 'boom' });
    expect(headerValue(items[0]!.response!.headers, 'x-handler')).toBe('yes');
    expect(items[0]!.durationMs).toBeGreaterThan(0);
  });

  it('replays several deliveries in the order given, each after the previous response', async () => {
    handler.answer = { delayMs: 80 };
    const ids: number[] = [];
    for (const n of [1, 2, 3]) ids.push(await capture('agiletune', [], Buffer.from(`{"n":${n}}`)));
    await send({ ids: [ids[2], ids[0], ids[1]], target: handler.url });
    expect(handler.received.map((r) => r.body.toString())).toEqual(['{"n":3}', '{"n":1}', '{"n":2}']);
    expect(handler.maxConcurrent).toBe(1);
  });

  it('does not follow a redirect', async () => {
    const elsewhere = await startHandler();
    try {
      handler.answer = { status: 307, headers: { Location: `${elsewhere.url}/moved` }, body: '' };
      const id = await capture('agiletune', signedRequest(AGILETUNE, BODY, SECRET).headers);
      const [replay] = await send({ ids: [id], target: handler.url });
      expect(replay!.response!.status).toBe(307);
      expect(elsewhere.received).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('records a refused connection as a failed replay', async () => {
    const id = await capture('agiletune', signedRequest(AGILETUNE, BODY, SECRET).headers);
    const port = handler.port;
    await handler.close();
    handler = await startHandler(); // afterEach closes this one
    const [replay] = await send({ ids: [id], target: `http://127.0.0.1:${port}/` });
    expect(replay!.error).toMatchObject({ kind: 'refused' });
    expect(replay!.response).toBeNull();
  });
});

describe('replay re-signed', () => {
  it('gives a Workspace delivery a fresh timestamp and a signature an independent HMAC accepts, keeping its webhook id', async () => {
    const id = await capture('workspace', signedRequest(WORKSPACE, BODY, SECRET).headers);
    const before = Math.floor(Date.now() / 1000);
    await send({ ids: [id], target: handler.url, mode: 're-signed' });
    const after = Math.ceil(Date.now() / 1000);
    const [got] = await handler.waitFor(1);
    expect(headerValue(got!.headers, 'X-Webhook-Signature')).toBe(`sha256=${hmacHex(SECRET, got!.body)}`);
    const timestamp = Number(headerValue(got!.headers, 'X-Webhook-Timestamp'));
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(after);
    // X-Webhook-ID names the webhook, not the delivery (see the Workspace seed): it is kept.
    expect(headerValue(got!.headers, 'X-Webhook-ID')).toBe('webhook_123');
    expect(got!.body.equals(BODY)).toBe(true);
  });

  it('keeps the re-signed headers where the old ones stood', async () => {
    const id = await capture('workspace', signedRequest(WORKSPACE, BODY, SECRET).headers);
    const detail = t.core.ctx.store.deliveries.get(id)!;
    await send({ ids: [id], target: handler.url, mode: 're-signed' });
    const [got] = await handler.waitFor(1);
    expect(messageHeaders(got!.headers).map((h) => h.name)).toEqual(withoutHopByHop(detail.headers).map((h) => h.name));
  });

  it('signs with a secret given instead of the endpoint one', async () => {
    const id = await capture('agiletune', signedRequest(AGILETUNE, BODY, SECRET).headers);
    await send({ ids: [id], target: handler.url, mode: 're-signed', secret: 'another-secret' });
    const [got] = await handler.waitFor(1);
    expect(headerValue(got!.headers, 'X-AgileTune-Signature')).toBe(hmacHex('another-secret', BODY));
  });

  it('re-signs an edited body by default', async () => {
    const id = await capture('almirant', signedRequest(ALMIRANT, BODY, SECRET).headers);
    const edited = Buffer.from('{"type":"lead.updated","edited":true}');
    const [replay] = await send({ ids: [id], target: handler.url, bodyBase64: edited.toString('base64'), headers: [{ name: 'X-Extra', value: '1' }] });
    const [got] = await handler.waitFor(1);
    expect(got!.body.equals(edited)).toBe(true);
    expect(headerValue(got!.headers, 'X-Almirant-Signature')).toBe(hmacHex(SECRET, edited));
    expect(headerValue(got!.headers, 'X-Extra')).toBe('1');
    expect(replay).toMatchObject({ mode: 're-signed', edited: true });
  });

  it('sends an edit with its old signature when told not to re-sign', async () => {
    const id = await capture('almirant', signedRequest(ALMIRANT, BODY, SECRET).headers);
    await send({ ids: [id], target: handler.url, bodyBase64: Buffer.from('{}').toString('base64'), resign: false });
    const [got] = await handler.waitFor(1);
    expect(headerValue(got!.headers, 'X-Almirant-Signature')).toBe(hmacHex(SECRET, BODY));
  });

  it('refuses to re-sign without a secret, before sending anything', async () => {
    await t.core.dispatch('endpoints.create', { path: '/hooks/nosecret', provider: 'agiletune' });
    const first = await capture('agiletune', signedRequest(AGILETUNE, BODY, SECRET).headers);
    const second = (await post(t.receiver.url, '/hooks/nosecret', BODY, signedRequest(AGILETUNE, BODY, SECRET).headers)).id;
    const failure = await send({ ids: [first, second], target: handler.url, mode: 're-signed' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe('bad-input');
    expect((failure as ApiError).message).toMatch(/"secret"/);
    expect(handler.received).toHaveLength(0);
  });
});

describe('replay safety', () => {
  it('refuses a non-loopback target at once, names --allow-host, and connects nowhere', async () => {
    const id = await capture('agiletune', signedRequest(AGILETUNE, BODY, SECRET).headers);
    const started = Date.now();
    // A blackhole address with a long timeout: an attempted connection would hang, not fail fast.
    const failure = await send({ ids: [id], target: 'http://10.255.255.1:9/', timeoutMs: 120_000 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe('refused-target');
    expect((failure as ApiError).message).toMatch(/--allow-host 10\.255\.255\.1/);
    expect(((await t.core.dispatch('replays.list', { deliveryId: id })) as { items: Replay[] }).items).toHaveLength(0);
  });

  it('refuses a non-http target', async () => {
    const id = await capture('agiletune', signedRequest(AGILETUNE, BODY, SECRET).headers);
    await expect(send({ ids: [id], target: 'file:///etc/passwd' })).rejects.toMatchObject({ code: 'refused-target' });
  });

  it('announces each finished replay as an event', async () => {
    const id = await capture('agiletune', signedRequest(AGILETUNE, BODY, SECRET).headers);
    const seen: unknown[] = [];
    t.core.ctx.events.on('replay.finished', (e) => seen.push(e));
    const [replay] = await send({ ids: [id], target: handler.url });
    expect(seen).toEqual([expect.objectContaining({ id: replay!.id, deliveryId: id, mode: 'as-captured', status: 200, error: null })]);
  });
});

describe('diff against a replay', () => {
  it("diffs a delivery against its replay's response", async () => {
    handler.answer = { body: '{"event": "task.updated", "data": {"id": "tsk_1", "title": "Café ☕", "handled": true}}' };
    const id = await capture('agiletune', signedRequest(AGILETUNE, BODY, SECRET).headers);
    const [replay] = await send({ ids: [id], target: handler.url });
    const diff = (await t.core.dispatch('diff.replay', { deliveryId: id, replayId: replay!.id })) as { against: string; changes: unknown[] };
    expect(diff.against).toBe('response');
    expect(diff.changes).toEqual([{ path: 'data.handled', kind: 'added', new: true }]);
  });

  it('diffs a delivery against the request its re-signed replay sent', async () => {
    const id = await capture('workspace', signedRequest(WORKSPACE, BODY, SECRET).headers);
    const [replay] = await send({ ids: [id], target: handler.url, mode: 're-signed' });
    const diff = (await t.core.dispatch('diff.replay', { deliveryId: id, replayId: replay!.id, against: 'request' })) as { bodyEqual: boolean; headers: Array<{ name: string }> };
    expect(diff.bodyEqual).toBe(true);
    expect(diff.headers.map((h) => h.name).sort()).toEqual(['X-Webhook-Timestamp']);
  });

  it('refuses a replay of another delivery', async () => {
    const id = await capture('agiletune', signedRequest(AGILETUNE, BODY, SECRET).headers);
    const other = await capture('agiletune', signedRequest(AGILETUNE, BODY, SECRET).headers);
    const [replay] = await send({ ids: [other], target: handler.url });
    await expect(t.core.dispatch('diff.replay', { deliveryId: id, replayId: replay!.id })).rejects.toMatchObject({ code: 'not-found' });
  });
});
