// The headless bridge's limits (electron/server/http-bridge.ts, call-limits.ts): every call the API
// schemas accept fits through it, a call larger than its method's limit gets a 413 with a JSON error
// (not a connection reset), and an event-stream reader that stops reading is dropped instead of
// buffered without end.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRunSchema } from '../../../shared/api/check.js';
import { replaySendSchema } from '../../../shared/api/replay.js';
import { sendStartSchema } from '../../../shared/api/sender.js';
import { callBodyLimit, DEFAULT_CALL_BODY, LARGE_CALL_BODY } from '../../../electron/server/call-limits.js';
import { DEFAULT_MAX_BODY } from '../../../electron/core/receiver/receiver.js';
import { MAX_STREAM_BACKLOG, startHttpBridge, type Bridge } from '../../../electron/server/http-bridge.js';
import { startTestCore, type TestCore } from '../../support/core.js';
import { removeTempDirs } from '../../support/temp.js';
import { post, startHandler, type TestHandler } from '../replay/handler.js';

let t: TestCore;
let bridge: Bridge;
let handler: TestHandler;

beforeAll(async () => {
  t = await startTestCore();
  bridge = await startHttpBridge(t.core);
  handler = await startHandler();
});
afterAll(async () => {
  await bridge.close();
  await handler.close();
  await t.close();
  removeTempDirs();
});

async function call(method: string, body: string | ReadableStream<Uint8Array>) {
  const res = await fetch(`${bridge.url}/api/call/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' },
    body,
    duplex: 'half',
  } as RequestInit);
  return { status: res.status, connection: res.headers.get('connection'), body: (await res.json()) as { result?: unknown; error?: { code: string; message: string } } };
}

/** A request body sent in 1 MiB chunks without a Content-Length, as a streaming client would. */
function chunkedBody(totalBytes: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(1024 * 1024).fill(0x20);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      controller.enqueue(chunk);
      sent += chunk.length;
    },
  });
}

const maxLength = (schema: { maxLength: number | null }) => schema.maxLength!;

describe('call bodies', () => {
  it('replays a capture with an edited body as large as the receiver accepts', async () => {
    await t.core.dispatch('endpoints.create', { path: '/hooks/big' });
    const captured = await post(t.receiver.url, '/hooks/big', Buffer.from('{}'), [{ name: 'Content-Type', value: 'application/json' }]);
    const edited = Buffer.alloc(DEFAULT_MAX_BODY, 0x61);
    const reply = await call('replay.send', JSON.stringify({ ids: [captured.id], target: handler.url, bodyBase64: edited.toString('base64'), resign: false }));
    expect(reply.body.error).toBeUndefined();
    expect(reply.status).toBe(200);
    const [got] = await handler.waitFor(1);
    expect(got!.body.equals(edited)).toBe(true);
  }, 60_000);

  it.each([
    ['replay.send', { ids: [987_654], target: 'http://127.0.0.1:9/' }, maxLength(replaySendSchema.shape.bodyBase64.unwrap()), 'not-found'],
    ['send.start', { provider: 'aptly', events: ['x'], to: 'http://10.255.255.1/x' }, maxLength(sendStartSchema.shape.bodyBase64.unwrap()), 'refused-target'],
    ['check.run', { provider: 'aptly', to: 'http://10.255.255.1/x' }, maxLength(checkRunSchema.shape.bodyBase64.unwrap()), 'refused-target'],
  ] as const)('hands %s a bodyBase64 of the largest length its schema accepts', async (method, input, length, expectedCode) => {
    expect(callBodyLimit(method)).toBeGreaterThan(length);
    const reply = await call(method, JSON.stringify({ ...input, bodyBase64: 'A'.repeat(length) }));
    expect(reply.body.error?.code).toBe(expectedCode);
  }, 60_000);

  it('hands verify.request a pasted body as large as the receiver accepts', async () => {
    const body = Buffer.alloc(DEFAULT_MAX_BODY, 0x61).toString('base64');
    const reply = await call('verify.request', JSON.stringify({ provider: 'agiletune', secrets: ['s'], headers: [], bodyBase64: body }));
    expect(reply.status).toBe(200);
    expect(reply.body.result).toMatchObject({ status: 'unsigned' });
  }, 60_000);

  it('answers 413 with a JSON error and Connection: close when the declared length is over the limit', async () => {
    const reply = await call('deliveries.list', ' '.repeat(DEFAULT_CALL_BODY + 1));
    expect(reply.status).toBe(413);
    expect(reply.connection).toBe('close');
    expect(reply.body.error).toEqual({ code: 'bad-input', message: `request body over ${DEFAULT_CALL_BODY} bytes, more than this API method accepts` });
  }, 60_000);

  it('gives a method that carries no body a small limit, and one that carries a body a large one', async () => {
    const padded = (bytes: number) => `{${' '.repeat(bytes)}}`;
    expect((await call('stats.get', padded(DEFAULT_CALL_BODY - 2))).status).toBe(200);
    expect((await call('stats.get', padded(DEFAULT_CALL_BODY))).status).toBe(413);
    const replay = await call('replay.send', padded(DEFAULT_CALL_BODY * 4));
    expect(replay.status).toBe(400);
    expect(replay.body.error?.message).toMatch(/ids/);
    expect((await call('replay.send', padded(LARGE_CALL_BODY))).status).toBe(413);
  }, 60_000);

  it('refuses a streamed body for a small method as soon as it passes that method\'s limit', async () => {
    const reply = await call('stats.get', chunkedBody(LARGE_CALL_BODY));
    expect(reply.status).toBe(413);
    expect(reply.body.error?.message).toBe(`request body over ${DEFAULT_CALL_BODY} bytes, more than this API method accepts`);
  }, 60_000);

  it('refuses a large body of more JSON values than any call holds, and invalid JSON, with a clear error', async () => {
    const many = JSON.stringify({ ids: Array.from({ length: 300_000 }, () => 1) });
    const reply = await call('deliveries.delete', many);
    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual({ code: 'bad-input', message: 'request body holds more than 200000 JSON values, more than any API call accepts' });
    const broken = await call('replay.send', `{"ids":[1],"bodyBase64":"${'A'.repeat(1024 * 1024)}`);
    expect(broken.status).toBe(400);
    expect(broken.body.error).toEqual({ code: 'bad-input', message: 'request body is not valid JSON' });
  }, 60_000);

  it('answers 413 instead of resetting when a streamed body grows far past the limit', async () => {
    const reply = await call('replay.send', chunkedBody(LARGE_CALL_BODY + 48 * 1024 * 1024));
    expect(reply.status).toBe(413);
    expect(reply.connection).toBe('close');
    expect(reply.body.error?.message).toMatch(/request body over \d+ bytes/);
  }, 60_000);

  it('keeps serving calls after refusing an oversized one', async () => {
    expect((await call('deliveries.list', chunkedBody(DEFAULT_CALL_BODY + 1))).status).toBe(413);
    const reply = await call('deliveries.list', '{}');
    expect(reply.status).toBe(200);
    expect(reply.body.result).toHaveProperty('items');
  }, 60_000);
});

/** A raw event-stream client, so the test decides exactly when it reads. */
async function openStream(): Promise<{ socket: net.Socket; received: () => string; closed: Promise<void> }> {
  const socket = net.connect(bridge.port, '127.0.0.1');
  let text = '';
  socket.setEncoding('latin1');
  socket.on('data', (d: string) => (text += d));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.write(`GET /api/events?token=${bridge.token} HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\n\r\n`);
  await until(() => text.includes('event: hello'));
  return { socket, received: () => text, closed };
}

async function until(condition: () => boolean, timeoutMs = 10_000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A deliveries.deleted event whose frame is about `bytes` long. */
function emitLarge(bytes: number) {
  const ids = Array.from({ length: Math.ceil(bytes / 8) }, (_, i) => 1_000_000 + i);
  t.core.ctx.events.emit('deliveries.deleted', { ids });
}

const countFrames = (text: string) => text.split('event: deliveries.deleted\n').length - 1;

describe('event streams', () => {
  it('drops a reader that stopped reading once its backlog passes the limit', async () => {
    const stalled = await openStream();
    stalled.socket.pause();
    const frames = 96;
    for (let i = 0; i < frames; i++) {
      emitLarge(1024 * 1024);
      await new Promise((r) => setImmediate(r));
    }
    stalled.socket.resume();
    await Promise.race([stalled.closed, new Promise((_, reject) => setTimeout(() => reject(new Error('the stalled stream was never closed')), 15_000))]);
    // It got what was in flight before the drop (kernel buffers and the backlog), far from everything.
    expect(countFrames(stalled.received())).toBeGreaterThan(0);
    expect(countFrames(stalled.received())).toBeLessThan(frames);
  }, 30_000);

  it('keeps a reader that keeps up, however much it is sent in all', async () => {
    const reader = await openStream();
    const frames = Math.ceil((2 * MAX_STREAM_BACKLOG) / (256 * 1024));
    for (let i = 1; i <= frames; i++) {
      emitLarge(256 * 1024);
      await until(() => countFrames(reader.received()) >= i);
    }
    expect(reader.socket.destroyed).toBe(false);
    reader.socket.destroy();
  }, 30_000);
});
