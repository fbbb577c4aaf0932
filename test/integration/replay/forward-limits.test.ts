// Auto-forward behind a handler that never answers: the queue is bounded by depth and by age (a forward
// that goes out minutes late is past the providers' timestamp tolerance), and what is dropped is
// recorded as not sent, with the reason. Captures cut short by the sender are not forwarded.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Replay } from '../../../shared/api/replay.js';
import { openCore, type Core } from '../../../electron/core/core.js';
import { startReceiver, type Receiver } from '../../../electron/core/receiver/receiver.js';
import { startForwarder, type Forwarder } from '../../../electron/core/replay/forwarder.js';
import { AGILETUNE, signedRequest } from '../../fixtures/seed-signers.js';
import { startTestCore, type TestCore } from '../../support/core.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { post, startHandler } from './handler.js';

const BODY = Buffer.from('{"event":"task.created","data":{"id":"tsk_9"}}');
const HEADERS = signedRequest(AGILETUNE, BODY, 's3cret').headers;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});
afterAll(removeTempDirs);

/** A handler that takes requests and never answers them. */
async function startSilentHandler(): Promise<{ url: string; received: number }> {
  const state = { url: '', received: 0 };
  const server = http.createServer(() => void state.received++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return state;
}

/** A core wired like `startCoreReceiver`, with a forwarder whose limits the test chooses. */
async function coreWithForwarder(limits: Parameters<typeof startForwarder>[1]): Promise<{ core: Core; receiver: Receiver }> {
  const core = openCore({ dbFile: tempDbFile() });
  const receiver = await startReceiver({ store: core.ctx.store, port: 0, filing: core.ctx.filing });
  core.ctx.settings.receiverUrl = receiver.url;
  const forwarder: Forwarder = startForwarder(core.ctx, limits);
  cleanups.push(() => core.close(), () => receiver.close(), () => forwarder.stop());
  return { core, receiver };
}

function forwards(core: Core, count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const off = core.ctx.events.on('replay.finished', (e) => {
      if (e.mode !== 'forward' || ++seen < count) return;
      off();
      resolve();
    });
  });
}

const replaysOf = async (core: Core, id: number) => ((await core.dispatch('replays.list', { deliveryId: id })) as { items: Replay[] }).items;

describe('auto-forward behind a handler that does not answer', () => {
  it('drops what overflows the queue at once and what waited too long at its turn, recording both as not sent', async () => {
    const silent = await startSilentHandler();
    const { core, receiver } = await coreWithForwarder({ timeoutMs: 1500, maxWaiting: 2, maxWaitMs: 1000 });
    await core.dispatch('endpoints.create', { path: '/hooks/fwd', provider: 'agiletune', secret: 's3cret', forwardTo: silent.url });
    const done = forwards(core, 5);
    const ids: number[] = [];
    for (let n = 0; n < 5; n++) ids.push((await post(receiver.url, '/hooks/fwd', BODY, HEADERS)).id);
    await done;

    const outcomes = await Promise.all(ids.map(async (id) => (await replaysOf(core, id)).map((r) => r.error)));
    // The first went out and timed out; the next two waited 1.5 s behind it (over the 1 s limit).
    expect(outcomes[0]).toEqual([expect.objectContaining({ kind: 'timeout' })]);
    for (const i of [1, 2]) expect(outcomes[i]).toEqual([{ kind: 'not-sent', message: expect.stringMatching(/waited \d+(\.\d)? s.*limit/) }]);
    // Two were already waiting when the last two arrived.
    for (const i of [3, 4]) expect(outcomes[i]).toEqual([{ kind: 'not-sent', message: expect.stringMatching(/2 forwards .* already waiting/) }]);
    expect(silent.received).toBe(1);
  });

  it('forwards what waits within the limits', async () => {
    const handler = await startHandler({ delayMs: 100 });
    cleanups.push(() => handler.close());
    const { core, receiver } = await coreWithForwarder({ maxWaiting: 3, maxWaitMs: 60_000 });
    await core.dispatch('endpoints.create', { path: '/hooks/fwd', provider: 'agiletune', secret: 's3cret', forwardTo: handler.url });
    const done = forwards(core, 4);
    for (let n = 0; n < 4; n++) await post(receiver.url, '/hooks/fwd', Buffer.from(`{"n":${n}}`), HEADERS);
    await done;
    expect(handler.received.map((r) => r.body.toString())).toEqual([0, 1, 2, 3].map((n) => `{"n":${n}}`));
  });
});

describe('incomplete captures', () => {
  let t: TestCore;
  it('does not forward a capture whose sender went away mid-body, and records why', async () => {
    t = await startTestCore();
    const handler = await startHandler();
    cleanups.push(() => t.close(), () => handler.close());
    await t.core.dispatch('endpoints.create', { path: '/hooks/fwd', provider: 'agiletune', secret: 's3cret', forwardTo: handler.url });
    const done = forwards(t.core, 1);
    const { port } = new URL(t.receiver.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(`POST /hooks/fwd HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"event":"task.cr`);
    await new Promise((r) => setTimeout(r, 100));
    socket.destroy();
    await done;

    const [delivery] = t.core.ctx.store.deliveries.list({ limit: 1 });
    expect(delivery).toMatchObject({ incomplete: 'aborted' });
    expect(await replaysOf(t.core, delivery!.id)).toEqual([expect.objectContaining({ error: { kind: 'not-sent', message: expect.stringMatching(/closed before the whole body arrived/) } })]);
    expect(handler.received).toHaveLength(0);

    // Replayed by hand, it needs a body too, as a truncated capture does.
    await expect(t.core.dispatch('replay.send', { ids: [delivery!.id], target: handler.url })).rejects.toMatchObject({ code: 'bad-input', message: expect.stringMatching(/closed before the whole body arrived/) });
    await t.core.dispatch('replay.send', { ids: [delivery!.id], target: handler.url, bodyBase64: Buffer.from('{}').toString('base64') });
    expect((await handler.waitFor(1))[0]!.body.toString()).toBe('{}');
  });
});
