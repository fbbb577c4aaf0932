// The ceiling on request bodies held in memory across requests (receiver/body-budget.ts): a request
// that would cross it gets a 503 with Retry-After and is not stored; the ones within it are
// unaffected, and the budget comes back once their captures are committed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../../../electron/core/receiver/receiver.js';
import { openStore } from '../../../electron/core/store/index.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { post, type Reply } from './support.js';

afterAll(removeTempDirs);

const KIB = 1024;

/** Starts an upload, sends `first` bytes of a `total`-byte body, and returns a way to finish it. */
function openUpload(url: string, total: number, first: number) {
  let finishUpload!: () => Promise<Reply>;
  const sent = new Promise<void>((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'Content-Length': String(total) }, agent: false });
    const reply = new Promise<Reply>((done) =>
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      }),
    );
    req.on('error', reject);
    req.write(Buffer.alloc(first, 0x61), () => resolve());
    finishUpload = () => {
      req.end(Buffer.alloc(total - first, 0x62));
      return reply;
    };
  });
  return { sent, finish: () => finishUpload() };
}

describe('the receiver\'s memory ceiling for request bodies', () => {
  it('refuses with 503 and Retry-After what would cross it, stores the rest, and recovers', async () => {
    const store = openStore(tempDbFile());
    const receiver = await startReceiver({ store, maxBufferedBytes: 1024 * KIB });
    try {
      const url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hooks/big`;
      // A slow upload holds 700 KiB of the 1 MiB budget…
      const slow = openUpload(url, 800 * KIB, 700 * KIB);
      await slow.sent;
      await new Promise((resolve) => setTimeout(resolve, 100)); // let the receiver read it
      // …so another 700 KiB body does not fit.
      const refused = await post(url, Buffer.alloc(700 * KIB, 0x63));
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(JSON.parse(refused.body.toString()).error).toMatch(/MiB of request bodies in memory \(limit 1 MiB\)/);
      // A small one still fits.
      expect((await post(url, '{"small":true}')).status).toBe(200);

      const done = await slow.finish();
      expect(done.status).toBe(200);
      // Committed, so its bytes are given back: the same 700 KiB body is taken now.
      expect((await post(url, Buffer.alloc(700 * KIB, 0x64))).status).toBe(200);

      const sizes = store.deliveries.list().map((d) => d.size).sort((a, b) => a - b);
      expect(sizes).toEqual([14, 700 * KIB, 800 * KIB]);
    } finally {
      await receiver.close();
      store.close();
    }
  });
});
