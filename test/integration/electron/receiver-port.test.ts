// The desktop app's receiver port rule (electron/host/receiver-port.ts), on real sockets.
import net from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core/core.js';
import { DEFAULT_RECEIVER_PORT, describeFallback, preferredReceiverPort, startReceiverPreferring } from '../../../electron/host/receiver-port.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';

const cores: Core[] = [];
const servers: net.Server[] = [];

function core(): Core {
  const c = openCore({ dbFile: tempDbFile() });
  cores.push(c);
  return c;
}

/** A port that is free right now (bound to 0, then released). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function occupiedPort(): Promise<number> {
  const server = net.createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  for (const s of servers.splice(0)) await new Promise<void>((resolve) => s.close(() => resolve()));
});
afterAll(removeTempDirs);

describe('receiver port', () => {
  it('listens on the preferred port when it is free', async () => {
    const port = await freePort();
    const start = await startReceiverPreferring(core(), port);
    expect(start.receiver.port).toBe(port);
    expect(describeFallback(start)).toBeNull();
  });

  it('falls back to a free port when the preferred one is taken, and says which', async () => {
    const taken = await occupiedPort();
    const start = await startReceiverPreferring(core(), taken);
    expect(start.receiver.port).not.toBe(taken);
    expect(start.preferredPortTaken).toBe(taken);
    expect(describeFallback(start)).toContain(`Port ${taken} is already in use`);
    expect(describeFallback(start)).toContain(start.receiver.url);
    const res = await fetch(`${start.receiver.url}/hooks/x`, { method: 'POST', body: 'captured' });
    expect(res.status).toBeLessThan(500);
  });

  it('prefers 4747 unless HOOKSCOPE_RECEIVER_PORT names another valid port', () => {
    expect(preferredReceiverPort({})).toBe(DEFAULT_RECEIVER_PORT);
    expect(DEFAULT_RECEIVER_PORT).toBe(4747);
    expect(preferredReceiverPort({ HOOKSCOPE_RECEIVER_PORT: '9000' })).toBe(9000);
    expect(preferredReceiverPort({ HOOKSCOPE_RECEIVER_PORT: '0' })).toBe(0);
    expect(preferredReceiverPort({ HOOKSCOPE_RECEIVER_PORT: '70000' })).toBe(DEFAULT_RECEIVER_PORT);
    expect(preferredReceiverPort({ HOOKSCOPE_RECEIVER_PORT: 'eighty' })).toBe(DEFAULT_RECEIVER_PORT);
  });
});
