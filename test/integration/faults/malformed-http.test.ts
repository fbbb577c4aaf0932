// Malformed HTTP gets a 400 (or a 431 for oversized headers) from the parser, and the server process
// keeps serving: nothing a client can put on the wire takes it down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeInfo } from '../../support/cli.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';
import { isAlive, post, rawExchange, serverPid } from './support.js';

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

const request = (head: string, body = '') => `${head}\r\n\r\n${body}`;

const CASES: Array<[string, string | Buffer, RegExp]> = [
  ['a request line that is not HTTP', 'GARBAGE\r\n\r\n', /^HTTP\/1\.1 400/],
  ['binary noise', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 73 + 11) % 256)), /^HTTP\/1\.1 400/],
  ['a space in a header name', request('POST / HTTP/1.1\r\nHost: x\r\nBad Header: y'), /^HTTP\/1\.1 400/],
  ['a control character in a header value', request('POST / HTTP/1.1\r\nHost: x\r\nX-A: a\x01b'), /^HTTP\/1\.1 400/],
  ['a bare CR inside a header value', request('POST / HTTP/1.1\r\nHost: x\r\nX-A: a\rb'), /^HTTP\/1\.1 400/],
  ['headers past 64 KiB', request(`POST / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(80 * 1024)}`), /^HTTP\/1\.1 431/],
  ['both Content-Length and Transfer-Encoding', request('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked', '0\r\n\r\n'), /^HTTP\/1\.1 400/],
  ['two different Content-Length values', request('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2', 'ab'), /^HTTP\/1\.1 400/],
  ['a chunk size that is not hexadecimal', request('POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked', 'ZZ\r\nhello\r\n0\r\n\r\n'), /HTTP\/1\.1 400/],
  ['an unsupported HTTP version', request('POST / HTTP/9.9\r\nHost: x'), /^HTTP\/1\.1 (400|505)/],
];

describe('malformed HTTP', () => {
  it.each(CASES)('%s gets a clear refusal', async (_name, bytes, expected) => {
    const out = await rawExchange(port, bytes);
    expect(out).toMatch(expected);
  });

  it('leaves the server process alive and answering', async () => {
    expect(isAlive(serverPid(serve))).toBe(true);
    const reply = await post(`${serve.receiverUrl}/after`, '{"fine":true}');
    expect(reply.status).toBe(200);
  });
});
