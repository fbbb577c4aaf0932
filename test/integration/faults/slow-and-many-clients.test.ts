// Clients that dribble their headers, and a crowd of connections arriving at once: the server keeps
// serving everyone else, answers or cleanly refuses each one, and stays up.
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, startServe, type ServeInfo } from '../../support/cli.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { deliveryIdOf, isAlive, post, serverPid, sleep } from './support.js';

let serve: ServeInfo;
let port: number;
beforeAll(async () => {
  serve = await startServe(tempDbFile(), ['--quiet']);
  port = Number(new URL(serve.receiverUrl).port);
}, 30_000);
afterAll(async () => {
  await serve.stop();
  removeTempDirs();
});

/** A client that sends its request one byte every `everyMs`, for as long as it is left open. */
function dribbler(everyMs: number): net.Socket {
  const request = Buffer.from(`POST /slow HTTP/1.1\r\nHost: x\r\nX-Filler: ${'y'.repeat(4000)}\r\nContent-Length: 2\r\n\r\nok`);
  const socket = net.connect(port, '127.0.0.1');
  let i = 0;
  const timer = setInterval(() => {
    if (i >= request.length || socket.destroyed) return clearInterval(timer);
    socket.write(request.subarray(i, ++i));
  }, everyMs);
  socket.on('error', () => {});
  socket.on('close', () => clearInterval(timer));
  return socket;
}

describe('slow clients', () => {
  it('dribbling headers byte by byte do not delay other requests', async () => {
    const slow = Array.from({ length: 200 }, () => dribbler(20));
    await sleep(300); // every slow client is now connected and part-way through its headers
    try {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
      const started = Date.now();
      const latencies: number[] = [];
      await Promise.all(
        Array.from({ length: 200 }, async (_, i) => {
          const t = Date.now();
          const reply = await post(`${serve.receiverUrl}/fast/${i}`, `{"i":${i}}`, { agent });
          latencies.push(Date.now() - t);
          expect(reply.status).toBe(200);
        }),
      );
      agent.destroy();
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(Math.max(...latencies)).toBeLessThan(2_000);
    } finally {
      for (const socket of slow) socket.destroy();
    }
  });
});

describe('2,000 connections opened at once', () => {
  it('are each answered or cleanly refused, and every answered one is stored', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 2000 }, (_, i) =>
        post(`${serve.receiverUrl}/crowd/${i}`, `{"i":${i}}`, { agent: false, timeoutMs: 30_000 }).then(
          (reply) => ({ ok: reply.status === 200, id: deliveryIdOf(reply), error: null as string | null }),
          (err: NodeJS.ErrnoException) => ({ ok: false, id: 0, error: err.code ?? err.message }),
        ),
      ),
    );
    const errors = new Set(outcomes.flatMap((o) => (o.error ? [o.error] : [])));
    // Clean refusals only: a reset or refused connection, never a hang or a garbled answer.
    expect([...errors].filter((e) => !['ECONNRESET', 'ECONNREFUSED', 'EPIPE'].includes(e))).toEqual([]);
    const answered = outcomes.filter((o) => o.ok);
    expect(answered.length).toBeGreaterThan(1000);
    const { items } = await callApi<{ items: Array<{ id: number }> }>(serve, 'deliveries.list', { limit: 1000 });
    const more = await callApi<{ items: Array<{ id: number }> }>(serve, 'deliveries.list', { limit: 1000, beforeId: items.at(-1)!.id });
    const stored = new Set([...items, ...more.items].map((d) => d.id));
    expect(answered.filter((o) => !stored.has(o.id))).toEqual([]);
  }, 60_000);

  it('leave the server running and answering', async () => {
    expect(isAlive(serverPid(serve))).toBe(true);
    const reply = await post(`${serve.receiverUrl}/after-crowd`, 'x');
    expect(reply.status).toBe(200);
  });
});
