// The desktop app attaching to a running `hookscope serve` (issue #21 item 7): the built CLI's serve on
// a temp database publishes `<db>.serve.json`; the main process's connection logic (core-connection.ts,
// run here under Node) finds it and relays calls and events over the control API instead of starting a
// second receiver. A stale file (its serve killed) is ignored, and the app hosts its own core.
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../shared/api/contract.js';
import type { HostStatus } from '../../../shared/api/host.js';
import { attachToRunningServe, connectCore, type CoreConnection } from '../../../electron/main/core-connection.js';
import { claimServeFile, readServeFile, serveFileFor } from '../../../electron/core/serve-file.js';
import { ServeClient } from '../../../electron/host/serve-client.js';
import { startServe, type ServeInfo } from '../../support/cli.js';
import { spawnTestHost } from '../../support/host.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});
afterAll(removeTempDirs);

function connect(dbFile: string, hosts: { started: number }, serveGoneAfterMs?: number): Promise<CoreConnection> {
  return connectCore({
    dbFile,
    serveGoneAfterMs,
    spawnHost: () => {
      hosts.started++;
      return spawnTestHost();
    },
    hostStart: () => ({ dbFile, receiverPort: 0 }),
  });
}

async function serveOn(dbFile: string): Promise<ServeInfo> {
  const serve = await startServe(dbFile);
  cleanups.push(() => serve.stop());
  return serve;
}

describe('attaching to a running serve', () => {
  it('serve publishes where it runs in a file only its owner can read, and removes it when it stops', async () => {
    const db = tempDbFile();
    const serve = await serveOn(db);
    const file = serveFileFor(db);
    expect(readServeFile(db)).toEqual({ kind: 'serve', pid: serve.child.pid, apiUrl: serve.apiUrl, token: serve.token, receiverUrl: serve.receiverUrl, db });
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    await serve.stop();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('relays calls and events through the running serve instead of starting a receiver', async () => {
    const db = tempDbFile();
    const serve = await serveOn(db);
    const hosts = { started: 0 };
    const connection = await connect(db, hosts);
    cleanups.push(() => connection.close());
    expect(connection).toMatchObject({ kind: 'attached', receiverUrl: serve.receiverUrl });
    expect(hosts.started).toBe(0);

    const events: Array<{ name: EventName; payload: unknown }> = [];
    connection.link.onEvent((name, payload) => events.push({ name, payload }));
    await connection.link.dispatch('endpoints.create', { path: '/hooks/attached', provider: 'github', secret: 's3cret' });
    const res = await fetch(`${serve.receiverUrl}/hooks/attached`, { method: 'POST', body: '{"zen":"attached"}' });
    expect(res.ok).toBe(true);
    await expect.poll(() => events.find((e) => e.name === 'delivery.received')?.payload).toMatchObject({ path: '/hooks/attached', provider: 'github' });
    const { items } = (await connection.link.dispatch('deliveries.list', {})) as { items: Array<{ path: string }> };
    expect(items.map((d) => d.path)).toEqual(['/hooks/attached']);
  });

  it('keeps the contract\'s error shape across the control API', async () => {
    const db = tempDbFile();
    await serveOn(db);
    const connection = await connect(db, { started: 0 });
    cleanups.push(() => connection.close());
    await expect(connection.link.dispatch('deliveries.list', { limit: 0 })).rejects.toMatchObject({ code: 'bad-input', issues: [expect.stringMatching(/^limit:/)] });
    await expect(connection.link.dispatch('deliveries.get', { id: 999 })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('tells the window when the service stops', async () => {
    const db = tempDbFile();
    const serve = await serveOn(db);
    const connection = await connect(db, { started: 0 });
    cleanups.push(() => connection.close());
    const statuses: HostStatus[] = [];
    connection.link.onEvent((name, payload) => name === 'host.status' && statuses.push(payload as HostStatus));
    await serve.stop();
    await expect.poll(() => statuses[0]?.state).toBe('restarting');
    expect(statuses[0]?.message).toMatch(/service .* stopped answering/);
    await expect(connection.link.dispatch('stats.get', {})).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('follows a service that restarts, without starting a core of its own', async () => {
    const db = tempDbFile();
    const first = await serveOn(db);
    const hosts = { started: 0 };
    const connection = await connect(db, hosts, 60_000);
    cleanups.push(() => connection.close());
    const statuses: HostStatus[] = [];
    connection.link.onEvent((name, payload) => name === 'host.status' && statuses.push(payload as HostStatus));

    await first.stop();
    const second = await serveOn(db);
    await expect.poll(() => statuses.at(-1)?.state, { timeout: 20_000 }).toBe('running');
    await expect(connection.link.dispatch('settings.get', {})).resolves.toMatchObject({ receiverUrl: second.receiverUrl });
    expect(hosts.started).toBe(0);
    expect(connection.kind).toBe('attached');
  }, 30_000);

  // One serving core per database: the app's host refuses to start beside a live serve (it records
  // itself in the same file), so an app that looked just before a serve recorded itself attaches to it.
  it('attaches to a serve that recorded itself after the app looked, rather than hosting a second core', async () => {
    const db = tempDbFile();
    const serve = await serveOn(db);
    const file = serveFileFor(db);
    fs.renameSync(file, `${file}.hidden`); // not there yet when the app looks…
    const hosts = { started: 0 };
    const connection = await connectCore({
      dbFile: db,
      spawnHost: () => {
        hosts.started++;
        return spawnTestHost();
      },
      hostStart: () => {
        fs.renameSync(`${file}.hidden`, file); // …and there by the time its host starts
        return { dbFile: db, receiverPort: 0 };
      },
    });
    cleanups.push(() => connection.close());
    expect(hosts.started).toBe(1);
    expect(connection).toMatchObject({ kind: 'attached', receiverUrl: serve.receiverUrl });
    expect(readServeFile(db)).toMatchObject({ pid: serve.child.pid });
    await expect(connection.link.dispatch('settings.get', {})).resolves.toMatchObject({ db, receiverUrl: serve.receiverUrl });
  }, 30_000);

  // The service stopped for good (its serve file removed): the window carries on with a core of the
  // app's own on the same data, and says so, rather than showing "reconnecting" for ever.
  it('hosts its own core on the same data once the service it attached to has stopped for good', async () => {
    const db = tempDbFile();
    const serve = await serveOn(db);
    const hosts = { started: 0 };
    const connection = await connect(db, hosts, 0);
    cleanups.push(() => connection.close());
    const statuses: HostStatus[] = [];
    connection.link.onEvent((name, payload) => name === 'host.status' && statuses.push(payload as HostStatus));
    await connection.link.dispatch('endpoints.create', { path: '/hooks/kept', provider: 'github', secret: 's3cret' });
    expect((await fetch(`${serve.receiverUrl}/hooks/kept`, { method: 'POST', body: '{"before":"the switch"}' })).ok).toBe(true);

    await serve.stop();
    expect(fs.existsSync(serveFileFor(db))).toBe(false);
    await expect.poll(() => statuses.at(-1)?.state, { timeout: 20_000 }).toBe('running');
    expect(statuses.map((s) => s.state)).toEqual(['restarting', 'running', 'running']); // the host's own 'running', then the notice
    expect(statuses.at(-1)?.message).toMatch(/service stopped \(its receiver was http:\/\/127\.0\.0\.1:\d+\), so the app now receives webhooks itself at http:\/\/127\.0\.0\.1:\d+/);
    expect(hosts.started).toBe(1);
    expect(connection.kind).toBe('host');
    expect(connection.receiverUrl).not.toBe(serve.receiverUrl);

    // The same link (the one the IPC bridge holds) now answers from the app's own host, on the same database.
    await expect(connection.link.dispatch('settings.get', {})).resolves.toMatchObject({ db, receiverUrl: connection.receiverUrl });
    const before = (await connection.link.dispatch('deliveries.list', {})) as { items: Array<{ id: number; path: string }> };
    expect(before.items.map((d) => d.path)).toEqual(['/hooks/kept']);
    await expect(connection.link.dispatch('deliveries.get', { id: before.items[0]!.id })).resolves.toMatchObject({ path: '/hooks/kept' });
    const received: string[] = [];
    connection.link.onEvent((name, payload) => name === 'delivery.received' && received.push((payload as { path: string }).path));
    expect((await fetch(`${connection.receiverUrl}/hooks/kept`, { method: 'POST', body: '{"after":"the switch"}' })).ok).toBe(true);
    await expect.poll(() => received).toEqual(['/hooks/kept']); // events come from the new host through the same link
  }, 60_000);

  it('uses a serve that started while the app was taking over, instead of giving up', async () => {
    const db = tempDbFile();
    const first = await serveOn(db);
    let second: Promise<ServeInfo> | null = null;
    const hosts = { started: 0 };
    // The app's host is told to start only once a second serve has recorded itself on the same data:
    // what the service restarting just after the grace looks like. The host then refuses to be a second core.
    const connection = await connectCore({
      dbFile: db,
      serveGoneAfterMs: 0,
      spawnHost: () => {
        hosts.started++;
        const host = spawnTestHost();
        const post = (message: unknown) => host.channel.post(message);
        return {
          channel: {
            post: (message) => ((message as { type?: string }).type === 'start' ? void (second ??= serveOn(db)).then(() => post(message)) : post(message)),
            onMessage: (listener) => host.channel.onMessage(listener),
            onClose: (listener) => host.channel.onClose(listener),
          },
          get pid() {
            return host.pid;
          },
          kill: () => host.kill(),
          onExit: (listener) => host.onExit(listener),
        };
      },
      hostStart: () => ({ dbFile: db, receiverPort: 0 }),
    });
    cleanups.push(() => connection.close());
    const statuses: HostStatus[] = [];
    connection.link.onEvent((name, payload) => name === 'host.status' && statuses.push(payload as HostStatus));

    await first.stop();
    await expect.poll(() => statuses.at(-1)?.message ?? '', { timeout: 30_000 }).toMatch(/another one now serves this data/);
    const serve = await second!;
    expect(statuses.at(-1)?.state).toBe('running');
    expect(connection).toMatchObject({ kind: 'attached', receiverUrl: serve.receiverUrl });
    await expect(connection.link.dispatch('settings.get', {})).resolves.toMatchObject({ db, receiverUrl: serve.receiverUrl });
    expect(hosts.started).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('hosts its own core once the service it attached to was killed (its file left, its process dead)', async () => {
    const db = tempDbFile();
    const serve = await serveOn(db);
    const hosts = { started: 0 };
    const connection = await connect(db, hosts, 0);
    cleanups.push(() => connection.close());
    await serve.stop('SIGKILL');
    expect(fs.existsSync(serveFileFor(db))).toBe(true);
    await expect.poll(() => connection.kind, { timeout: 20_000 }).toBe('host');
    expect(hosts.started).toBe(1);
    await expect(connection.link.dispatch('settings.get', {})).resolves.toMatchObject({ db, receiverUrl: connection.receiverUrl });
  }, 60_000);

  it('ignores the file of a serve that was killed, and hosts its own core', async () => {
    const db = tempDbFile();
    const serve = await serveOn(db);
    await serve.stop('SIGKILL');
    expect(fs.existsSync(serveFileFor(db))).toBe(true); // a killed serve cannot clean up
    expect(readServeFile(db)).toBeNull();
    const hosts = { started: 0 };
    const connection = await connect(db, hosts);
    cleanups.push(() => connection.close());
    expect(connection.kind).toBe('host');
    expect(hosts.started).toBe(1);
    await expect(connection.link.dispatch('stats.get', {})).resolves.toMatchObject({ deliveries: 0 });
  });
});

describe('the client of a running serve', () => {
  // A serve too busy to answer (or stopped with SIGSTOP) makes the app start its own host instead; the
  // stream it asked for must not open later and keep a client nobody holds reconnecting for ever.
  it('gives up on an event stream that does not answer in time, and leaves no connection behind', async () => {
    const sockets = new Set<net.Socket>();
    const server = http.createServer(() => {}); // accepts, never answers
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const err = await ServeClient.connect({ apiUrl: `http://127.0.0.1:${port}`, token: 'not-answered' }, () => null, { connectTimeoutMs: 200 }).then(
        () => null,
        (e: unknown) => e as Error,
      );
      expect(err?.message).toMatch(/did not open its event stream in time/);
      await expect.poll(() => sockets.size).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  // The identity check after the stream opened: a serve that is stuck (or SIGSTOPped) from then on
  // must not keep the window from opening, nor keep a request open to it.
  it('gives up on a serve whose stream opens but whose calls never answer, and leaves no connection behind', async () => {
    const sockets = new Set<net.Socket>();
    const urls = new Map<net.Socket, string>(); // the connections that carried a request
    const server = http.createServer((req, res) => {
      urls.set(req.socket, req.url ?? '');
      if (req.url === '/api/events') res.writeHead(200, { 'Content-Type': 'text/event-stream' }).write(': open\n\n');
      // /api/call/settings.get: never answered
    });
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const db = tempDbFile();
    const claim = claimServeFile({ kind: 'serve', apiUrl: `http://127.0.0.1:${port}`, token: 'stuck', receiverUrl: 'http://127.0.0.1:1', db });
    const unpublish = 'remove' in claim ? claim.remove : () => {};
    try {
      expect(readServeFile(db)).not.toBeNull();
      await expect(attachToRunningServe(db, 300)).resolves.toBeNull();
      // Every request it made is closed (fetch's pool may keep an idle connection a few seconds: no request on it).
      await expect.poll(() => [...sockets].filter((socket) => urls.has(socket)).length).toBe(0);
    } finally {
      unpublish();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
