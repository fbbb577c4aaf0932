import { describe, expect, it } from 'vitest';
import type { Replay } from '../../../shared/api/replay.js';
import type { HeaderField } from '../../../shared/domain.js';
import { HOP_BY_HOP } from '../../../electron/core/http/outbound.js';
import { pointsAtReceiver } from '../../../electron/core/replay/forwarder.js';
import { AGILETUNE, signedRequest } from '../../fixtures/seed-signers.js';
import type { TestCore } from '../../support/core.js';
import { messageHeaders, post, withCoreAndHandler, type TestHandler } from './handler.js';

let t: TestCore;
let handler: TestHandler;
withCoreAndHandler((core, h) => {
  t = core;
  handler = h;
});

const BODY = Buffer.from('{"event":"task.created","data":{"id":"tsk_9"}}');
const HEADERS: HeaderField[] = [...signedRequest(AGILETUNE, BODY, 's3cret').headers, { name: 'X-Odd-Case', value: 'kept' }];

/** Resolves once `count` more forwards have finished (sent or not). */
function forwards(count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const off = t.core.ctx.events.on('replay.finished', (e) => {
      if (e.mode !== 'forward' || ++seen < count) return;
      off();
      resolve();
    });
  });
}

async function endpoint(forwardTo: string) {
  await t.core.dispatch('endpoints.create', { path: '/hooks/fwd', provider: 'agiletune', secret: 's3cret', forwardTo });
}

describe('auto-forward', () => {
  it('forwards a capture as captured to the endpoint forwardTo URL and records it against the delivery', async () => {
    await endpoint(`${handler.url}/local/webhook`);
    const done = forwards(1);
    const { id } = await post(t.receiver.url, '/hooks/fwd?x=1', BODY, HEADERS);
    await done;
    const [got] = await handler.waitFor(1);
    const detail = t.core.ctx.store.deliveries.get(id)!;
    expect(got!.url).toBe('/local/webhook?x=1');
    expect(got!.body.equals(BODY)).toBe(true);
    expect(messageHeaders(got!.headers)).toEqual(detail.headers.filter((h) => !HOP_BY_HOP.has(h.name.toLowerCase())));
    const { items } = (await t.core.dispatch('replays.list', { deliveryId: id })) as { items: Replay[] };
    expect(items).toEqual([expect.objectContaining({ mode: 'forward', target: `${handler.url}/local/webhook`, error: null, response: expect.objectContaining({ status: 200 }) })]);
  });

  it("does not delay the provider's acknowledgement while the local handler is slow", async () => {
    handler.answer = { delayMs: 1500 };
    await endpoint(handler.url);
    const done = forwards(1);
    const reply = await post(t.receiver.url, '/hooks/fwd', BODY, HEADERS);
    expect(reply.status).toBe(200);
    expect(reply.ms).toBeLessThan(1000);
    await done;
    expect(handler.received).toHaveLength(1);
  });

  it('forwards the captures of one endpoint one at a time, in capture order', async () => {
    handler.answer = { delayMs: 40 };
    await endpoint(handler.url);
    const done = forwards(5);
    for (let n = 1; n <= 5; n++) await post(t.receiver.url, '/hooks/fwd', Buffer.from(`{"n":${n}}`), HEADERS);
    await done;
    expect(handler.received.map((r) => r.body.toString())).toEqual([1, 2, 3, 4, 5].map((n) => `{"n":${n}}`));
    expect(handler.maxConcurrent).toBe(1);
  });

  it('never forwards to the receiver itself, and records why', async () => {
    const port = new URL(t.receiver.url).port;
    await endpoint(`http://localhost:${port}/hooks/fwd`);
    const done = forwards(1);
    const { id } = await post(t.receiver.url, '/hooks/fwd', BODY, HEADERS);
    await done;
    const { items } = (await t.core.dispatch('replays.list', { deliveryId: id })) as { items: Replay[] };
    expect(items[0]!.error).toMatchObject({ kind: 'not-sent', message: expect.stringMatching(/this receiver/) });
    await new Promise((r) => setTimeout(r, 200));
    expect(t.core.ctx.store.deliveries.count()).toBe(1);
  });

  it('leaves captures of endpoints without forwardTo alone', async () => {
    await t.core.dispatch('endpoints.create', { path: '/hooks/plain', provider: 'agiletune', secret: 's3cret' });
    const { id } = await post(t.receiver.url, '/hooks/plain', BODY, HEADERS);
    await new Promise((r) => setTimeout(r, 200));
    expect(((await t.core.dispatch('replays.list', { deliveryId: id })) as { items: Replay[] }).items).toEqual([]);
  });
});

describe('pointsAtReceiver', () => {
  it('recognises the receiver by port under any loopback name', () => {
    expect(pointsAtReceiver('http://localhost:4747/x', 'http://127.0.0.1:4747')).toBe(true);
    expect(pointsAtReceiver('http://[::1]:4747/x', 'http://127.0.0.1:4747')).toBe(true);
    expect(pointsAtReceiver('http://127.0.0.1:4747/x', 'http://0.0.0.0:4747')).toBe(true);
  });

  it('tells another port or another bound address apart', () => {
    expect(pointsAtReceiver('http://localhost:3000/x', 'http://127.0.0.1:4747')).toBe(false);
    expect(pointsAtReceiver('http://localhost:4747/x', 'http://192.168.1.5:4747')).toBe(false);
    expect(pointsAtReceiver('http://localhost:4747/x', null)).toBe(false);
  });
});
