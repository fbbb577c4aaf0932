// What an endpoint may be told to answer, and what reaches it: settings the receiver could not honour
// are refused when saved (1xx statuses, headers Node cannot send, framing headers, forward targets
// off this machine), request lines in absolute form or with doubled slashes still meet their
// endpoint, and a configured delay does not keep the body in memory.
import { createHmac } from 'node:crypto';
import net from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors.js';
import { startTestCore, type TestCore } from '../../support/core.js';
import { removeTempDirs } from '../../support/temp.js';
import { rawExchange } from '../faults/support.js';

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore();
});
afterEach(() => t.close());
afterAll(removeTempDirs);

const create = (input: Record<string, unknown>) => t.core.dispatch('endpoints.create', input);

describe('endpoint settings the receiver could not honour are refused when saved', () => {
  it.each([
    ['a 1xx status', { response: { status: 100 } }, /status/],
    ['a header name with a space', { response: { headers: [{ name: 'X Note', value: '1' }] } }, /header name/],
    ['a header value beyond Latin-1', { response: { headers: [{ name: 'X-Note', value: 'café ☕' }] } }, /Latin-1/],
    ['a header value with a line break', { response: { headers: [{ name: 'X-Note', value: 'a\r\nSet-Cookie: x' }] } }, /line breaks/],
    ['Content-Length', { response: { headers: [{ name: 'Content-Length', value: '2' }] } }, /Content-Length/],
    ['Transfer-Encoding', { response: { headers: [{ name: 'transfer-encoding', value: 'chunked' }] } }, /connection headers/],
    ['a forward target off this machine', { forwardTo: 'http://example.com/x' }, /forward target refused/],
  ])('%s', async (_name, settings, message) => {
    const err = await create({ path: '/hooks/x', ...settings }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('bad-input');
    expect((err as ApiError).message).toMatch(message);
    expect(t.core.ctx.store.endpoints.list()).toEqual([]);
  });

  it('answers with the configured headers and one Content-Length of its own', async () => {
    await create({ path: '/hooks/x', response: { status: 202, headers: [{ name: 'X-Note', value: 'kept' }], body: 'accepted' } });
    const raw = await rawExchange(t.receiver.port, 'POST /hooks/x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}');
    expect(raw).toMatch(/^HTTP\/1\.1 202 /);
    expect(raw).toMatch(/\r\nX-Note: kept\r\n/);
    expect(raw.match(/content-length/gi)).toHaveLength(1);
    expect(raw).not.toMatch(/transfer-encoding/i);
    expect(raw.endsWith('\r\n\r\naccepted')).toBe(true);
  });
});

describe('request lines that must still meet their endpoint', () => {
  const SECRET = 'agile-secret';
  const BODY = '{"event":"task.created"}';
  const signature = createHmac('sha256', SECRET).update(BODY).digest('hex');

  it.each([
    ['absolute form', 'http://hooks.example.test/hooks/agile/x'],
    ['doubled slashes', '//hooks//agile/x'],
  ])('%s', async (_name, target) => {
    await create({ path: '/hooks/agile', provider: 'agiletune', secret: SECRET });
    const raw = await rawExchange(
      t.receiver.port,
      `POST ${target} HTTP/1.1\r\nHost: hooks.example.test\r\nX-AgileTune-Signature: ${signature}\r\nContent-Length: ${BODY.length}\r\nConnection: close\r\n\r\n${BODY}`,
    );
    expect(raw).toMatch(/^HTTP\/1\.1 200 /);
    const [row] = t.core.ctx.store.deliveries.list();
    expect(row!.path).toBe(target); // stored as it arrived
    expect(row!.endpoint).toBe('/hooks/agile');
    expect(row!.verification.status).toBe('valid');
  });
});

describe('a delayed answer', () => {
  it('does not keep the body in memory while it waits', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    await create({ path: '/hooks/slow', response: { delayMs: 30_000 } });
    gc();
    const before = process.memoryUsage().arrayBuffers;
    const sockets: net.Socket[] = [];
    const body = Buffer.alloc(8 * 1024 * 1024, 0x61);
    for (let i = 0; i < 6; i++) {
      const socket = net.connect(t.receiver.port, '127.0.0.1');
      socket.on('error', () => {});
      socket.write(`POST /hooks/slow HTTP/1.1\r\nHost: a\r\nContent-Length: ${body.length}\r\n\r\n`);
      socket.write(body);
      sockets.push(socket);
    }
    // All six stored (their answers are still 30 s away)…
    for (let i = 0; i < 100 && t.core.ctx.store.deliveries.count() < 6; i++) await new Promise((r) => setTimeout(r, 50));
    expect(t.core.ctx.store.deliveries.count()).toBe(6);
    // …and their bodies no longer held while the answers wait: holding them kept 2 × 48 MiB (the
    // chunks and the joined body); what remains is the test's own 8 MiB and buffers in transit.
    // V8 frees ArrayBuffer memory after a collection, on another thread: the least of a few looks.
    let held = Infinity;
    for (let i = 0; i < 5; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 50));
      held = Math.min(held, process.memoryUsage().arrayBuffers - before);
    }
    expect(held).toBeLessThan(40 * 1024 * 1024); // holding them measured 56 MiB here
    for (const socket of sockets) socket.destroy();
  }, 30_000);
});
