// A stand-in for the user's webhook handler: a real HTTP server on 127.0.0.1:0 that records what it
// gets and answers with the status the test chooses.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Handler {
  url: string;
  received: Received[];
  /** Status to answer with from now on. */
  answer(status: number, body?: string): void;
  close(): Promise<void>;
}

export async function startHandler(status = 200, body = 'ok'): Promise<Handler> {
  const received: Received[] = [];
  let reply = { status, body };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(reply.status, { 'Content-Type': 'text/plain', 'X-Handler': 'test' });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answer: (s, b = reply.body) => void (reply = { status: s, body: b }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
