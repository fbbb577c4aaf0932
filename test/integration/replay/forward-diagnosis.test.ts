// Forward and replay failures explained, against real listeners on loopback: an IPv4-only and an
// IPv6-only server, a plain-HTTP port hit with https, a TLS port hit with http, a dead port beside a
// live one, and a handler that answers 404 on a new path after answering on another.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Replay } from '../../../shared/api/replay.js';
import { accepts } from '../../../electron/core/replay/forward-probes.js';
import { describeReplay } from '../../../electron/server/commands/replay.js';
import type { TestCore } from '../../support/core.js';
import { tempDir } from '../../support/temp.js';
import { post, withCoreAndHandler, type TestHandler } from './handler.js';

let t: TestCore;
let handler: TestHandler;
withCoreAndHandler((core, h) => {
  t = core;
  handler = h;
});

const BODY = Buffer.from('{"event":"task.created"}');

async function capture(): Promise<number> {
  return (await post(t.receiver.url, '/hooks/x', BODY, [{ name: 'Content-Type', value: 'application/json' }])).id;
}

async function replayTo(target: string): Promise<Replay> {
  const id = await capture();
  const { replays } = (await t.core.dispatch('replay.send', { ids: [id], target })) as { replays: Replay[] };
  return replays[0]!;
}

async function listen(server: http.Server | https.Server, host: string): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  return (server.address() as AddressInfo).port;
}

/** A loopback port next to `port` on which nothing listens. */
async function deadNeighbour(port: number): Promise<number> {
  for (const p of [port + 1, port - 1, port + 2, port - 2]) {
    if (!(await accepts('127.0.0.1', p)) && !(await accepts('::1', p))) return p;
  }
  throw new Error('no free neighbour port');
}

describe('forward diagnosis against real loopback listeners', () => {
  it('says nothing listens on a dead port and names the live port beside it', async () => {
    const dead = await deadNeighbour(handler.port);
    const replay = await replayTo(`http://127.0.0.1:${dead}`);
    expect(replay.error?.kind).toBe('refused');
    expect(replay.diagnosis).toContain(`nothing listens on port ${dead} (checked 127.0.0.1 and ::1)`);
    expect(replay.diagnosis).toMatch(new RegExp(`On loopback, ports? [0-9, ]*\\b${handler.port}\\b`));
  });

  it('says the handler listens on ::1 only when the target is 127.0.0.1', async () => {
    const server = http.createServer((_req, res) => res.end('v6'));
    const port = await listen(server, '::1');
    try {
      if (await accepts('127.0.0.1', port)) return; // another process took the same port on IPv4: nothing to show
      const replay = await replayTo(`http://127.0.0.1:${port}`);
      expect(replay.diagnosis).toContain(`127.0.0.1 is IPv4 loopback, while the handler listens on ::1 (IPv6) only: forward to http://[::1]:${port}`);
    } finally {
      server.close();
    }
  });

  it('says the handler listens on 127.0.0.1 only when the target is [::1]', async () => {
    // A free port on IPv4 (binding a chosen one races the other test files for it), then its IPv6 twin.
    const v4only = http.createServer((_req, res) => res.end('v4'));
    const dead = await listen(v4only, '127.0.0.1');
    try {
      if (await accepts('::1', dead)) return; // another process took the same port on IPv6: nothing to show
      const replay = await replayTo(`http://[::1]:${dead}`);
      expect(replay.error?.kind).toBe('refused');
      expect(replay.diagnosis).toContain(`::1 is IPv6 loopback, while the handler listens on 127.0.0.1 (IPv4) only: forward to http://127.0.0.1:${dead}`);
    } finally {
      v4only.close();
    }
  });

  it('says TLS went to a plain-HTTP port', async () => {
    const replay = await replayTo(`https://127.0.0.1:${handler.port}`);
    expect(replay.error?.kind).toBe('tls');
    expect(replay.diagnosis).toBe(`port ${handler.port} speaks plain HTTP, not TLS: forward to http://127.0.0.1:${handler.port} (http://, not https://).`);
  });

  it('says plain HTTP went to a TLS port', async () => {
    const dir = tempDir();
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (_req, res) => res.end('tls'));
    const port = await listen(server, '127.0.0.1');
    try {
      const replay = await replayTo(`http://127.0.0.1:${port}`);
      expect(replay.response).toBeNull();
      expect(replay.diagnosis).toBe(`port ${port} speaks HTTPS (TLS), not plain HTTP: forward to https://127.0.0.1:${port}.`);
    } finally {
      server.close();
    }
  });

  it('names the path that answered before when a new path answers 404, and keeps the handler body', async () => {
    await replayTo(`${handler.url}/webhooks`);
    handler.answer = { status: 404, body: 'Cannot POST /hooks' };
    const replay = await replayTo(`${handler.url}/hooks`);
    expect(replay.response?.status).toBe(404);
    expect(replay.response?.bodyText).toBe('Cannot POST /hooks');
    expect(replay.diagnosis).toContain('no route for /hooks (404), while /webhooks answered 200 before');
  });

  it('records the diagnosis on an auto-forward too', async () => {
    const dead = await deadNeighbour(handler.port);
    await t.core.dispatch('endpoints.create', { path: '/hooks/x', forwardTo: `http://127.0.0.1:${dead}` });
    const finished = new Promise<{ diagnosis?: string | null }>((resolve) => {
      const off = t.core.ctx.events.on('replay.finished', (e) => {
        if (e.mode !== 'forward') return;
        off();
        resolve(e);
      });
    });
    await capture();
    expect((await finished).diagnosis).toContain(`nothing listens on port ${dead}`);
  });

  it('prints the reason and the handler body under the CLI line of a replay', async () => {
    const dead = await deadNeighbour(handler.port);
    const failed = describeReplay(await replayTo(`http://127.0.0.1:${dead}`));
    expect(failed.split('\n')[1]).toMatch(new RegExp(`^  why: nothing listens on port ${dead}`));
    handler.answer = { status: 422, body: '{"error":"missing field data.id"}' };
    const answered = describeReplay(await replayTo(handler.url));
    expect(answered).toContain(': 422 in ');
    expect(answered).toContain('  handler answered: "{\\"error\\":\\"missing field data.id\\"}"\n');
  });

  it('leaves a successful replay without a diagnosis', async () => {
    const replay = await replayTo(handler.url);
    expect(replay.response?.status).toBe(200);
    expect(replay.diagnosis).toBeNull();
  });
});
