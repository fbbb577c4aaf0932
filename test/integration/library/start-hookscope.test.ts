// The package's library, `startHookscope()`, as a user's test suite uses it: a receiver on a free
// port with a temporary database, the typed API, and waiting for a delivery that arrived before or
// after the wait began.
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startHookscope, type Hookscope } from '../../../electron/server/library.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';

const SECRET = 's3cret';
const started: Hookscope[] = [];

async function start(opts: Parameters<typeof startHookscope>[0] = {}): Promise<Hookscope> {
  const hs = await startHookscope(opts);
  started.push(hs);
  return hs;
}

/** An AgileTune delivery, signed with `secret` (hex HMAC-SHA256 of the raw body). */
function sendSigned(hs: Hookscope, path: string, secret = SECRET): Promise<Response> {
  const body = JSON.stringify({ event: 'task.created', data: { id: 'tsk_1' } });
  const signature = createHmac('sha256', secret).update(body).digest('hex');
  return fetch(`${hs.receiverUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-AgileTune-Signature': signature }, body });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((hs) => hs.close()));
});
afterAll(removeTempDirs);

describe('startHookscope', () => {
  it('receives on a free 127.0.0.1 port and calls the typed API', async () => {
    const hs = await start();
    expect(hs.receiverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const endpoint = await hs.call('endpoints.create', { path: '/hooks/agiletune', provider: 'agiletune', secret: SECRET });
    expect(endpoint).toMatchObject({ path: '/hooks/agiletune', provider: 'agiletune' });
    await expect(hs.call('stats.get', {})).resolves.toMatchObject({ deliveries: 0, endpoints: 1 });
  });

  it('rejects bad API input with a message naming the field', async () => {
    const hs = await start();
    await expect(hs.call('endpoints.create', { path: 'no spaces allowed', provider: 'agiletune' })).rejects.toThrow(/path/);
  });

  it('waitForDelivery finds a delivery that arrived before the call', async () => {
    const hs = await start();
    await hs.call('endpoints.create', { path: '/hooks/agiletune', provider: 'agiletune', secret: SECRET });
    expect((await sendSigned(hs, '/hooks/agiletune')).status).toBe(200);
    const delivery = await hs.waitForDelivery({ path: '/hooks/agiletune', verdict: 'valid' }, { timeoutMs: 5000 });
    expect(delivery).toMatchObject({ path: '/hooks/agiletune', provider: 'agiletune', verification: { status: 'valid' } });
  });

  it('waitForDelivery waits for a delivery that arrives after the call, skipping ones that do not match', async () => {
    const hs = await start();
    await hs.call('endpoints.create', { path: '/hooks/agiletune', provider: 'agiletune', secret: SECRET });
    const waiting = hs.waitForDelivery({ provider: 'agiletune', verdict: 'invalid' }, { timeoutMs: 10_000 });
    await sendSigned(hs, '/hooks/agiletune'); // valid: not what is awaited
    await sendSigned(hs, '/hooks/agiletune', 'wrong-secret');
    const delivery = await waiting;
    expect(delivery.verification.status).toBe('invalid');
    expect(delivery.verification.hints.length).toBeGreaterThan(0);
  });

  it('waitForDelivery returns the earliest of several earlier matches', async () => {
    const hs = await start();
    await sendSigned(hs, '/a');
    await sendSigned(hs, '/a');
    const { items } = await hs.call('deliveries.list', {});
    const first = Math.min(...items.map((d) => d.id));
    expect((await hs.waitForDelivery({ path: '/a' })).id).toBe(first);
  });

  it('waitForDelivery rejects on timeout with an error naming the filter and what did arrive', async () => {
    const hs = await start();
    const waiting = hs.waitForDelivery({ path: '/hooks/never', verdict: 'valid' }, { timeoutMs: 1500 });
    await sendSigned(hs, '/hooks/other');
    await expect(waiting).rejects.toThrow(
      /^waitForDelivery: no delivery matching \{"path":"\/hooks\/never","verdict":"valid"\} within 1500 ms; 1 other deliveries arrived meanwhile \(latest: POST \/hooks\/other /,
    );
  });

  it('close() deletes the temporary database and frees the port', async () => {
    const hs = await startHookscope();
    await sendSigned(hs, '/x');
    const port = Number(new URL(hs.receiverUrl).port);
    expect(fs.existsSync(hs.db)).toBe(true);
    expect(await portIsFree(port)).toBe(false);
    await hs.close();
    expect(fs.existsSync(hs.db)).toBe(false);
    expect(fs.existsSync(`${hs.db}-wal`)).toBe(false);
    expect(await portIsFree(port)).toBe(true);
    await expect(fetch(`${hs.receiverUrl}/x`, { method: 'POST' })).rejects.toThrow();
  });

  it('keeps a database it was given, on the port it was given', async () => {
    const db = tempDbFile();
    const probe = await startHookscope({ db });
    const port = Number(new URL(probe.receiverUrl).port);
    await sendSigned(probe, '/kept');
    await probe.close();
    expect(fs.existsSync(db)).toBe(true);

    const again = await start({ db, receiverPort: port });
    expect(again.receiverUrl).toBe(`http://127.0.0.1:${port}`);
    await expect(again.waitForDelivery({ path: '/kept' }, { timeoutMs: 2000 })).resolves.toMatchObject({ path: '/kept' });
  });
});
