// A real webhook handler on a loopback port that answers by script: a status, a hang (never answers),
// a reset (drops the connection), or a redirect. It records every request's exact bytes and headers,
// in arrival order, so tests check what a user's handler would really see.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HeaderField } from '../../../../shared/domain.js';

export type Reply = number | { status: number; headers?: Record<string, string>; body?: string } | 'hang' | 'reset';

export interface Received {
  n: number;
  method: string;
  url: string;
  headers: HeaderField[];
  body: Buffer;
  atMs: number;
}

export interface ScriptedHandler {
  url: string;
  received: Received[];
  /** Resolves once `count` requests have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** `script(n)` decides the reply to the n-th request (1-based). */
export async function startHandler(script: (n: number) => Reply, host = '127.0.0.1'): Promise<ScriptedHandler> {
  const received: Received[] = [];
  const waiters: Array<() => void> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = received.length + 1;
      const headers: HeaderField[] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push({ name: req.rawHeaders[i]!, value: req.rawHeaders[i + 1]! });
      received.push({ n, method: req.method ?? '', url: req.url ?? '', headers, body: Buffer.concat(chunks), atMs: Date.now() });
      for (const wake of waiters.splice(0)) wake();
      const reply = script(n);
      if (reply === 'hang') return;
      if (reply === 'reset') return void req.socket.destroy();
      const r = typeof reply === 'number' ? { status: reply } : reply;
      res.writeHead(r.status, r.headers);
      res.end(r.body ?? `reply ${r.status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}/webhooks`,
    received,
    waitFor: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`expected ${count} requests, got ${received.length}`)), timeoutMs);
        const check = () => {
          if (received.length >= count) {
            clearTimeout(timer);
            resolve();
          } else waiters.push(check);
        };
        check();
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback URL where nothing listens: connecting to it is refused. */
export async function refusingUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/webhooks`;
}

export function header(r: Received, name: string): string | undefined {
  return r.headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}
