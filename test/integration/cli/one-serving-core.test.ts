// One serving core per database (issue #17): a `hookscope serve` refuses to start on a database that a
// live serve or the desktop app's core host (run here as a Node child, as in the app) already serves,
// in one line naming who serves it and what to do; a file left by a dead process never blocks a start,
// and the commands designed to share the database keep working beside a serving core.
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readServingRecord, serveFileFor } from '../../../electron/core/serve-file.js';
import { HostStartError } from '../../../electron/host/host-client.js';
import { attachToRunningServe } from '../../../electron/main/core-connection.js';
import { runCli, startServe, type ServeInfo } from '../../support/cli.js';
import { startTestHost, type TestHost } from '../../support/host.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});
afterAll(removeTempDirs);

async function serveOn(db: string): Promise<ServeInfo> {
  const serve = await startServe(db, ['--quiet']);
  cleanups.push(() => serve.stop());
  return serve;
}

async function hostOn(dbFile: string): Promise<TestHost> {
  const host = await startTestHost({ dbFile });
  cleanups.push(() => host.close());
  return host;
}

/** `serve` as a user runs it: free ports, so a refusal can only come from the database being served. */
function serveOnce(db: string) {
  return runCli(['serve', '--db', db, '--receiver-port', '0', '--ui-port', '0', '--json', '--quiet'], { timeoutMs: 20_000 });
}

describe('a second serve on a database already served', () => {
  it('refuses beside a live serve, naming its pid and receiver and what to do, and leaves it serving', async () => {
    const db = tempDbFile();
    const first = await serveOn(db);
    const before = fs.readFileSync(serveFileFor(db), 'utf8');

    const second = await serveOnce(db);
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toBe(
      `hookscope: ${db} is already served by \`hookscope serve\` (pid ${first.child.pid}, receiver ${first.receiverUrl}): stop it first, or pass --db to serve another database\n`,
    );
    expect(fs.readFileSync(serveFileFor(db), 'utf8')).toBe(before);
    expect((await fetch(`${first.receiverUrl}/hooks/still`, { method: 'POST', body: '{}' })).status).toBe(200);
  });

  // A serve that is only stuck (suspended, or busy past the 3 s its API gets) still serves: a second
  // core beside it would take its record, and both would run once it resumes.
  it.skipIf(process.platform === 'win32')('refuses beside a serve that is suspended, its receiver still accepting', async () => {
    const db = tempDbFile();
    const first = await serveOn(db);
    process.kill(first.child.pid!, 'SIGSTOP');
    cleanups.push(async () => void process.kill(first.child.pid!, 'SIGCONT')); // before its stop (cleanups run in reverse)
    const second = await serveOnce(db);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`is already served by \`hookscope serve\` (pid ${first.child.pid}, receiver ${first.receiverUrl})`);
    expect(readServingRecord(db)).toMatchObject({ kind: 'serve', pid: first.child.pid });
  }, 30_000);

  it('refuses beside the desktop app\'s core host, naming the app, its pid and receiver', async () => {
    const db = tempDbFile();
    const host = await hostOn(db);
    const second = await serveOnce(db);
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(
      `hookscope: ${db} is already served by the Hookscope desktop app (core process pid ${host.client.process.pid}, receiver ${host.ready.receiverUrl}): quit that app first, or pass --db to serve another database\n`,
    );
  });

  it('of two serves started at once, exactly one serves', async () => {
    const db = tempDbFile();
    expect((await runCli(['stats', '--db', db])).code).toBe(0); // the database exists: this is about serving it, not creating it
    const both = await Promise.allSettled([serveOn(db), serveOn(db)]);
    const served = both.filter((r): r is PromiseFulfilledResult<ServeInfo> => r.status === 'fulfilled');
    const refused = both.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(served).toHaveLength(1);
    expect(String(refused[0]?.reason)).toMatch(/exited with 1: hookscope: .* is already served by `hookscope serve` \(pid \d+, receiver http:\/\/127\.0\.0\.1:\d+\)/);
    expect(readServingRecord(db)).toMatchObject({ kind: 'serve', pid: served[0]!.value.child.pid });
  }, 60_000);

  it('starts where the serve recorded was killed, or the app\'s host was', async () => {
    const db = tempDbFile();
    const killed = await startServe(db, ['--quiet']);
    await killed.stop('SIGKILL');
    expect(fs.existsSync(serveFileFor(db))).toBe(true); // a killed serve cannot clean up
    const afterServe = await serveOn(db);
    await afterServe.stop();

    const host = await startTestHost({ dbFile: db });
    const exited = new Promise<void>((resolve) => host.client.onExit(() => resolve()));
    host.client.process.kill();
    await exited;
    expect(JSON.parse(fs.readFileSync(serveFileFor(db), 'utf8'))).toMatchObject({ kind: 'app', pid: host.client.process.pid });
    const afterHost = await serveOn(db);
    expect(readServingRecord(db)).toMatchObject({ kind: 'serve', pid: afterHost.child.pid });
  }, 60_000);

  // A pid can be reused: a serve recorded with a live pid counts only if its API says it serves this database.
  it('starts, saying why, where the serve recorded does not answer for this database', async () => {
    const sockets = new Set<net.Socket>();
    const server = http.createServer(() => {}); // accepts, never answers: a stuck serve, or another program
    server.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    });
    const apiUrl = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    const db = tempDbFile();
    fs.writeFileSync(serveFileFor(db), JSON.stringify({ pid: process.pid, apiUrl, token: 'old', receiverUrl: 'http://127.0.0.1:1', db }));

    const serve = await serveOn(db);
    expect(serve.stderr()).toContain(`hookscope: \`hookscope serve\` (pid ${process.pid}, receiver http://127.0.0.1:1) is recorded for ${db} but its control API at ${apiUrl} did not answer within 3 s: serving it here\n`);
    expect(readServingRecord(db)).toMatchObject({ kind: 'serve', pid: serve.child.pid });
  }, 30_000);

  // After a reboot, say, the pid of an app that was not closed cleanly may belong to another process.
  it('starts, saying why, where the app recorded has a live pid but nothing on its receiver', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const receiverUrl = `http://127.0.0.1:${(closed.address() as net.AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const db = tempDbFile();
    fs.writeFileSync(serveFileFor(db), JSON.stringify({ kind: 'app', pid: process.pid, receiverUrl, db }));

    const serve = await serveOn(db);
    expect(serve.stderr()).toContain(`hookscope: the Hookscope desktop app (core process pid ${process.pid}, receiver ${receiverUrl}) is recorded for ${db} but nothing listens on its receiver at ${receiverUrl}: serving it here\n`);
    expect(readServingRecord(db)).toMatchObject({ kind: 'serve', pid: serve.child.pid });
  }, 30_000);
});

describe('the desktop app\'s core host', () => {
  it('records itself (pid, receiver, kind app, no API) in a file only its owner reads, removed when it closes', async () => {
    const db = tempDbFile();
    const host = await startTestHost({ dbFile: db });
    const file = serveFileFor(db);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ kind: 'app', pid: host.client.process.pid, receiverUrl: host.ready.receiverUrl, db });
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    await expect(attachToRunningServe(db)).resolves.toBeNull(); // nothing to attach to: the app's host has no API
    await host.close();
    expect(fs.existsSync(file)).toBe(false);
    await serveOn(db); // and the database is free again
  }, 30_000);

  it('does not start beside a live serve: its start fails naming the serve', async () => {
    const db = tempDbFile();
    const serve = await serveOn(db);
    const error = await startTestHost({ dbFile: db }).then(
      (host) => host.close().then(() => null),
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(HostStartError);
    expect((error as Error).message).toBe(`this database is already served by \`hookscope serve\` (pid ${serve.child.pid}, receiver ${serve.receiverUrl}): stop it first, then open Hookscope again`);
    expect(readServingRecord(db)).toMatchObject({ kind: 'serve', pid: serve.child.pid });
  }, 30_000);

  it('leaves the commands that share the database working beside it', async () => {
    const db = tempDbFile();
    const host = await hostOn(db);
    expect((await fetch(`${host.ready.receiverUrl}/hooks/shared`, { method: 'POST', body: '{"n":1}' })).status).toBe(200);
    const list = await runCli(['deliveries', '--json', '--db', db]);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as Array<{ path: string }>).map((d) => d.path)).toEqual(['/hooks/shared']);
    const stats = await runCli(['stats', '--json', '--db', db]);
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ deliveries: 1 });
  }, 30_000);
});
