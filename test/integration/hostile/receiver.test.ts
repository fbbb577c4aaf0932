// Hostile requests to a live receiver: random header sets and random bytes, sent raw over a socket.
// Whatever arrives, the server answers, and every request it acknowledges is stored exactly as sent
// (body bytes, header names, values and order); nothing it is sent pollutes Object.prototype.
import { createHmac } from 'node:crypto';
import net from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fcParams } from '../../support/fast-check.js';
import { startTestCore, type TestCore } from '../../support/core.js';
import { removeTempDirs } from '../../support/temp.js';

let t: TestCore;
beforeAll(async () => {
  t = await startTestCore({ maxBodyBytes: 4 * 1024 * 1024 });
  t.core.ctx.store.endpoints.create({ path: '/hooks/agile', provider: 'agiletune', secret: 'hostile-secret' });
  t.core.ctx.store.endpoints.create({ path: '/hooks/std', provider: 'standard-webhooks', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' });
});
afterAll(async () => {
  await t.close();
  removeTempDirs();
});

interface RawReply {
  status: number;
  id: number | null;
}

/** Sends one request as raw bytes (so nothing is normalised on the way) and reads the status line. */
function sendRaw(head: string, body: Buffer): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(t.receiver.port, '127.0.0.1');
    let out = '';
    socket.on('data', (c: Buffer) => (out += c.toString('latin1')));
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(out);
      const id = /\r\nX-Hookscope-Delivery: (\d+)\r\n/i.exec(out);
      if (!status) return reject(new Error(`no status line in ${JSON.stringify(out.slice(0, 200))}`));
      resolve({ status: Number(status[1]), id: id ? Number(id[1]) : null });
    });
    socket.on('error', reject);
    socket.end(Buffer.concat([Buffer.from(head, 'latin1'), body]));
  });
}

// Header fields as HTTP allows them on the wire: token names, visible-ASCII/latin1 values with inner
// spaces and tabs (leading and trailing whitespace is not part of a value, so none is generated).
const TOKEN_CHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".split('');
const VALUE_CHARS = [...Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)), ' ', '\t', 'é', 'ÿ'];
const token = fc.array(fc.constantFrom(...TOKEN_CHARS), { minLength: 1, maxLength: 24 }).map((cs) => cs.join(''));
const RESERVED = new Set(['content-length', 'transfer-encoding', 'connection', 'host', 'expect', 'upgrade']);
const name = fc.oneof(
  token,
  fc.constantFrom('X-AgileTune-Signature', 'x-agiletune-signature', 'WEBHOOK-SIGNATURE', 'webhook-id', 'Webhook-Timestamp', 'X-Signingkey'),
).filter((n) => !RESERVED.has(n.toLowerCase()));
const value = fc
  .oneof(
    fc.array(fc.constantFrom(...VALUE_CHARS), { maxLength: 60 }).map((cs) => cs.join('')),
    fc.nat({ max: 30_000 }).map((n) => 'v'.repeat(n)),
  )
  .map((v) => v.trim());
const fields = fc.array(fc.tuple(name, value), { maxLength: 30 });
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 8192 }).map((b) => Buffer.from(b)),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  fc.string({ unit: 'binary' }).map((s) => Buffer.from(s, 'utf8')),
);
const path = fc.constantFrom('/hooks/agile', '/hooks/std', '/hooks/agile/deep/er', '/elsewhere', '/');

describe('the receiver under hostile requests', () => {
  it('stores every acknowledged request byte-exact, with its headers in order', async () => {
    await fc.assert(
      fc.asyncProperty(path, fields, bytes, async (p, hs, body) => {
        const head = [`POST ${p} HTTP/1.1`, 'Host: hostile', ...hs.map(([n, v]) => `${n}: ${v}`), `Content-Length: ${body.length}`, 'Connection: close'];
        const headText = `${head.join('\r\n')}\r\n\r\n`;
        const reply = await sendRaw(headText, body);
        if (headText.length > 60 * 1024 && reply.status === 431) return; // past the 64 KiB header limit: refused, not acknowledged
        expect(reply.status).toBe(200);
        const stored = t.core.ctx.store.deliveries.get(reply.id!)!;
        expect(Buffer.from(stored.bodyBase64, 'base64').equals(body)).toBe(true);
        const expected = [['Host', 'hostile'], ...hs, ['Content-Length', String(body.length)], ['Connection', 'close']];
        expect(stored.headers.map((h) => [h.name, h.value])).toEqual(expected);
      }),
      fcParams({ numRuns: 60, interruptAfterTimeLimit: 15_000 }),
    );
  }, 30_000);

  it('captures a deeply nested JSON body with a wrong signature, and keeps running', async () => {
    const body = Buffer.from('['.repeat(100_000) + ']'.repeat(100_000));
    const reply = await sendRaw(`POST /hooks/agile HTTP/1.1\r\nHost: x\r\nX-AgileTune-Signature: 00ff\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`, body);
    expect(reply.status).toBe(200);
    const stored = t.core.ctx.store.deliveries.get(reply.id!)!;
    expect(stored.verification.status).toBe('invalid');
    expect(Buffer.from(stored.bodyBase64, 'base64').equals(body)).toBe(true);
  });

  it('verifies a JSON body of 100,000 keys and stores it whole', async () => {
    const body = Buffer.from(JSON.stringify(Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]))));
    const sig = createHmac('sha256', 'hostile-secret').update(body).digest('hex');
    const reply = await sendRaw(`POST /hooks/agile HTTP/1.1\r\nHost: x\r\nX-AgileTune-Signature: ${sig}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`, body);
    expect(reply.status).toBe(200);
    const stored = t.core.ctx.store.deliveries.get(reply.id!)!;
    expect(stored).toMatchObject({ size: body.length, truncated: false });
    expect(stored.verification.status).toBe('valid');
  });

  it('stores prototype-pollution payloads as bytes and leaves Object.prototype alone', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const payloads = [
      '{"__proto__":{"polluted":"yes"}}',
      '{"constructor":{"prototype":{"polluted":"yes"}}}',
      '{"a":[{"__proto__":{"polluted":"yes"}}],"__proto__":null}',
    ];
    for (const payload of payloads) {
      const body = Buffer.from(payload);
      const reply = await sendRaw(
        `POST /hooks/agile HTTP/1.1\r\nHost: x\r\n__proto__: polluted\r\nconstructor: x\r\nX-AgileTune-Signature: 00\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
        body,
      );
      expect(reply.status).toBe(200);
      expect(t.core.ctx.store.deliveries.get(reply.id!)!.bodyText).toBe(payload);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
  });
});
