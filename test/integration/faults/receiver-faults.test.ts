// Faults found by probing the receiver (issue 15): a request with more header lines than Node keeps by
// default is stored with every one of them (the signature after them verifies), and a malformed
// chunked body is recorded as malformed, not as a client that left.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryDetail } from '../../../shared/domain.js';
import { startTestCore, type TestCore } from '../../support/core.js';
import { removeTempDirs } from '../../support/temp.js';
import { rawExchange } from './support.js';

const SECRET = 'at_secret_header_flood';
let t: TestCore;
let port: number;

beforeAll(async () => {
  process.env.HOOKSCOPE_KEYRING = 'off';
  t = await startTestCore();
  port = t.receiver.port;
  await t.core.dispatch('endpoints.create', { path: '/hooks/at', provider: 'agiletune', secret: SECRET });
});
afterAll(async () => {
  await t.close();
  removeTempDirs();
});

const newest = async () => {
  const { items } = (await t.core.dispatch('deliveries.list', {})) as { items: Array<{ id: number }> };
  return (await t.core.dispatch('deliveries.get', { id: items[0]!.id })) as DeliveryDetail;
};

describe('receiver faults', () => {
  it('keeps all 1,100 header lines before the signature, so a correctly signed delivery verifies', async () => {
    const body = '{"event":"task.created"}';
    const padding = Array.from({ length: 1100 }, (_, i) => `X-Pad-${i}: ${i}\r\n`).join('');
    const signature = crypto.createHmac('sha256', SECRET).update(body).digest('hex');
    const head = `POST /hooks/at HTTP/1.1\r\nHost: 127.0.0.1\r\n${padding}X-AgileTune-Signature: ${signature}\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
    expect(Buffer.byteLength(head)).toBeLessThan(64 * 1024);
    const out = await rawExchange(port, head + body);
    expect(out).toMatch(/^HTTP\/1\.1 200/);
    const detail = await newest();
    expect(detail.headers).toHaveLength(1104);
    expect(detail.headers.at(-3)).toEqual({ name: 'X-AgileTune-Signature', value: signature });
    expect(detail.verification.status).toBe('valid');
  });

  it('records a malformed chunked body as malformed, with the bytes that arrived, and answers 400', async () => {
    const out = await rawExchange(port, 'POST /hooks/chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nZZ\r\nworld\r\n0\r\n\r\n');
    expect(out).toMatch(/^HTTP\/1\.1 400/);
    await expect.poll(async () => (await newest()).path).toBe('/hooks/chunked');
    const detail = await newest();
    expect(detail.incomplete).toBe('malformed');
    expect(Buffer.from(detail.bodyBase64, 'base64').toString()).toBe('hello');
  });
});
