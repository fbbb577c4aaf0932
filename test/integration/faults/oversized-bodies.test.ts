// Bodies past --max-body: a 413, the first bytes kept and flagged, and no way for a client that never
// stops sending to make the server hold more than the limit in memory.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, startServe, type ServeInfo } from '../../support/cli.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { deliveryIdOf, post, rssBytes, serverPid } from './support.js';

const LIMIT = 256 * 1024;

let serve: ServeInfo;
beforeAll(async () => {
  serve = await startServe(tempDbFile(), ['--quiet', '--max-body', '256k']);
}, 30_000);
afterAll(async () => {
  await serve.stop();
  removeTempDirs();
});

interface Detail {
  truncated: boolean;
  incomplete: string | null;
  size: number;
  responseStatus: number | null;
  bodyBase64: string;
}

/** Streams chunks until the server answers (or stops reading), then reports what happened. */
function endlessChunkedUpload(port: number, opts: { chunkBytes: number; maxBytes: number }): Promise<{ sent: number; response: string }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunk = Buffer.alloc(opts.chunkBytes, 0x61);
    const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    let sent = 0;
    let response = '';
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      socket.destroy();
      resolve({ sent, response });
    };
    const pump = () => {
      while (!finished && sent < opts.maxBytes) {
        sent += chunk.length;
        if (!socket.write(frame)) return void socket.once('drain', pump);
      }
      // The server stopped reading and the kernel buffers are full: that is the bound we want.
      if (sent >= opts.maxBytes) done();
    };
    socket.on('connect', () => {
      socket.write('POST /hooks/endless HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n');
      pump();
    });
    socket.on('data', (c: Buffer) => {
      response += c.toString('latin1');
      if (response.includes('\r\n\r\n')) setTimeout(done, 50);
    });
    socket.on('error', done);
    socket.on('close', done);
    setTimeout(done, 10_000);
  });
}

describe('a body past --max-body', () => {
  it('gets 413 and is kept with its first bytes, flagged truncated', async () => {
    const body = Buffer.from(Array.from({ length: LIMIT * 3 }, (_, i) => (i * 31) % 251));
    const reply = await post(`${serve.receiverUrl}/hooks/big`, body);
    const { items } = await callApi<{ items: Array<{ id: number; path: string }> }>(serve, 'deliveries.list', { limit: 1 });
    const detail = await callApi<Detail>(serve, 'deliveries.get', { id: items[0]!.id });
    expect(items[0]!.path).toBe('/hooks/big');
    expect(detail).toMatchObject({ truncated: true, incomplete: 'too-large', size: LIMIT, responseStatus: 413 });
    expect(Buffer.from(detail.bodyBase64, 'base64').equals(body.subarray(0, LIMIT))).toBe(true);
    // The rest of the body is read and dropped before the answer, so the client gets to read it.
    expect(reply.status).toBe(413);
    expect(deliveryIdOf(reply)).toBe(items[0]!.id);
  });

  it('stops an endless chunked body at the limit without growing the server\'s memory', async () => {
    const pid = serverPid(serve);
    const before = rssBytes(pid);
    const { sent, response } = await endlessChunkedUpload(Number(new URL(serve.receiverUrl).port), {
      chunkBytes: 64 * 1024,
      maxBytes: 512 * 1024 * 1024,
    });
    const after = rssBytes(pid);
    const seen = `sent ${sent} bytes, server RSS ${before} → ${after}, response ${JSON.stringify(response.slice(0, 80))}`;
    // After reading and dropping a bounded amount, the server answers and closes: the client sees
    // the 413, or a reset when the close overtakes it (it never stops sending).
    if (response) expect(response, seen).toMatch(/^HTTP\/1\.1 413/);
    expect(sent, seen).toBeLessThan(512 * 1024 * 1024); // the server cut it off long before half a gigabyte
    expect(after - before, seen).toBeLessThan(64 * 1024 * 1024);
    const { items } = await callApi<{ items: Array<{ path: string; truncated: boolean; size: number }> }>(serve, 'deliveries.list', { limit: 1 });
    expect(items[0]).toMatchObject({ path: '/hooks/endless', truncated: true, size: LIMIT, responseStatus: 413 });
  }, 20_000);

  it('leaves the server answering other requests', async () => {
    const reply = await post(`${serve.receiverUrl}/hooks/after`, '{"ok":1}');
    expect(reply.status).toBe(200);
  });
});
