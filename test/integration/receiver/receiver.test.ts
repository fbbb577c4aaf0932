import { createHmac } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../../support/core.js';
import { removeTempDirs } from '../../support/temp.js';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function post(base: string, path: string, body: Buffer | string, headers: Record<string, string> | string[] = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base);
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends raw bytes over a socket and returns everything the server wrote back. */
function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let out = '';
    socket.on('data', (c) => (out += c.toString('latin1')));
    socket.on('end', () => resolve(out));
    socket.on('close', () => resolve(out));
    socket.on('error', reject);
    socket.write(bytes, 'latin1');
  });
}

let t: TestCore;
beforeEach(async () => {
  t = await startTestCore({ maxBodyBytes: 64 * 1024 });
});
afterEach(async () => {
  await t.close();
});
afterAll(removeTempDirs);

const idOf = (reply: Reply) => Number(reply.headers['x-hookscope-delivery']);

describe('the receiver', () => {
  it('stores a binary body byte for byte', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const reply = await post(t.receiver.url, '/bin', bytes, { 'Content-Type': 'application/octet-stream' });
    expect(reply.status).toBe(200);
    expect(t.core.ctx.store.deliveries.body(idOf(reply))!.equals(bytes)).toBe(true);
    expect(t.core.ctx.store.deliveries.get(idOf(reply))!.bodyText).toBeNull();
  });

  it('keeps invalid UTF-8 exactly and reports no text for it', async () => {
    const bytes = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0xc3, 0x28, 0xff, 0xfe, 0x7d]);
    const reply = await post(t.receiver.url, '/utf8', bytes, { 'Content-Type': 'application/json' });
    const detail = t.core.ctx.store.deliveries.get(idOf(reply))!;
    expect(Buffer.from(detail.bodyBase64, 'base64').equals(bytes)).toBe(true);
    expect(detail.bodyText).toBeNull();
  });

  it('captures invalid JSON as sent', async () => {
    const reply = await post(t.receiver.url, '/json', '{"a": 1,,}', { 'Content-Type': 'application/json' });
    expect(reply.status).toBe(200);
    expect(t.core.ctx.store.deliveries.get(idOf(reply))!.bodyText).toBe('{"a": 1,,}');
  });

  it('answers 413 past the body limit and keeps the first bytes, flagged truncated', async () => {
    const big = Buffer.alloc(200 * 1024, 0x61);
    const reply = await post(t.receiver.url, '/big', big).catch(() => null);
    const [row] = t.core.ctx.store.deliveries.list({ limit: 1 });
    expect(row).toMatchObject({ path: '/big', truncated: true, incomplete: 'too-large', size: 64 * 1024, responseStatus: 413 });
    if (reply) expect(reply.status).toBe(413); // the client may also see the socket close first
    expect(t.core.ctx.store.deliveries.body(row!.id)!.equals(big.subarray(0, 64 * 1024))).toBe(true);
  });

  it('stores every one of 100 concurrent requests before answering them', async () => {
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) => post(t.receiver.url, `/c/${i}`, JSON.stringify({ i }), { 'Content-Type': 'application/json' })),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    // Read through a second connection: what was acknowledged must be committed, not just queued.
    const reader = new Database(t.dbFile, { readonly: true });
    const ids = new Set((reader.prepare('SELECT id FROM deliveries').pluck().all() as number[]));
    reader.close();
    expect(replies.every((r) => ids.has(idOf(r)))).toBe(true);
    expect(ids.size).toBe(100);
  });

  it('keeps headers in received order with their original case and duplicates', async () => {
    const out = await rawExchange(
      t.receiver.port,
      'POST /h HTTP/1.1\r\nHost: x\r\nX-Zeta: 1\r\nx-alpha: 2\r\nX-MiXeD-CaSe: 3\r\nx-alpha: 4\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx',
    );
    const id = Number(/X-Hookscope-Delivery: (\d+)/i.exec(out)![1]);
    const names = t.core.ctx.store.deliveries.get(id)!.headers.map((h) => `${h.name}=${h.value}`);
    expect(names).toEqual([
      'Host=x',
      'X-Zeta=1',
      'x-alpha=2',
      'X-MiXeD-CaSe=3',
      'x-alpha=4',
      'Content-Length=1',
      'Connection=close',
    ]);
  });

  it('captures any method on any path with its query string', async () => {
    const reply = await new Promise<Reply>((resolve, reject) => {
      http.request(new URL('/some/where?x=1&y=%20', t.receiver.url), { method: 'PATCH' }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: '' }));
      }).on('error', reject).end();
    });
    expect(t.core.ctx.store.deliveries.get(idOf(reply))).toMatchObject({ method: 'PATCH', path: '/some/where', query: 'x=1&y=%20', endpoint: null });
  });

  it('answers with the endpoint\'s configured status, headers, body and delay', async () => {
    t.core.ctx.store.endpoints.create({
      path: '/hooks/flaky',
      response: { status: 503, body: 'try later', headers: [{ name: 'Retry-After', value: '5' }], delayMs: 150 },
    });
    const started = Date.now();
    const reply = await post(t.receiver.url, '/hooks/flaky/deep', 'x');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(reply).toMatchObject({ status: 503, body: 'try later' });
    expect(reply.headers['retry-after']).toBe('5');
    expect(t.core.ctx.store.deliveries.get(idOf(reply))).toMatchObject({ endpoint: '/hooks/flaky', responseStatus: 503 });
  });

  it('verifies with the endpoint\'s provider and secret at capture time', async () => {
    t.core.ctx.store.endpoints.create({ path: '/hooks/agile', provider: 'agiletune', secret: 's3cret' });
    const body = '{"event":"task.created","data":{"id":"t1"}}';
    const sig = createHmac('sha256', 's3cret').update(body).digest('hex');
    const good = await post(t.receiver.url, '/hooks/agile', body, { 'X-AgileTune-Signature': sig });
    const bad = await post(t.receiver.url, '/hooks/agile', `${body} `, { 'X-AgileTune-Signature': sig });
    expect(t.core.ctx.store.deliveries.get(idOf(good))!.verification.status).toBe('valid');
    expect(t.core.ctx.store.deliveries.get(idOf(bad))!.verification.status).toBe('invalid');
    expect(t.core.ctx.store.deliveries.list({ verdict: 'invalid' }).map((d) => d.id)).toEqual([idOf(bad)]);
  });

  it('detects the provider of an unmatched path from its headers', async () => {
    const reply = await post(t.receiver.url, '/anything', '{}', { 'X-Almirant-Signature': 'abc' });
    expect(t.core.ctx.store.deliveries.get(idOf(reply))!.verification).toMatchObject({ provider: 'almirant', status: 'no-secret', detected: true });
  });

  it('picks up an endpoint added by another process without a restart', async () => {
    const other = new Database(t.dbFile);
    other.prepare("INSERT INTO endpoints (path, provider, secret, response_status, created_at) VALUES ('/late', 'aptly', 'k', 202, 0)").run();
    other.close();
    const reply = await post(t.receiver.url, '/late', '{}', { 'x-signingKey': 'k' });
    expect(reply.status).toBe(202);
    expect(t.core.ctx.store.deliveries.get(idOf(reply))!.verification.status).toBe('valid');
  });

  it('answers malformed requests with 400 and keeps serving', async () => {
    const out = await rawExchange(t.receiver.port, 'GARBAGE\r\n\r\n');
    expect(out).toMatch(/^HTTP\/1\.1 400/);
    const badHeader = await rawExchange(t.receiver.port, 'POST / HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n');
    expect(badHeader).toMatch(/^HTTP\/1\.1 400/);
    const reply = await post(t.receiver.url, '/after', 'ok');
    expect(reply.status).toBe(200);
  });

  it('records a client that leaves mid-body as an aborted capture', async () => {
    await new Promise<void>((resolve) => {
      const socket = net.connect(t.receiver.port, '127.0.0.1', () => {
        socket.write('POST /gone HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789');
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
    });
    await new Promise((r) => setTimeout(r, 100));
    const [row] = t.core.ctx.store.deliveries.list({ limit: 1 });
    expect(row).toMatchObject({ path: '/gone', incomplete: 'aborted', size: 10, responseStatus: null });
  });
});
