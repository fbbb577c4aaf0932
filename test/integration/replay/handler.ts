// A real HTTP handler on 127.0.0.1:0 that records every request exactly as it arrived (raw header
// order and case, body bytes), answers as told, and notes how many requests it handled at once.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HeaderField } from '../../../shared/domain.js';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { fromRawHeaders } from '../../../shared/headers.js';
import { startTestCore, type TestCore } from '../../support/core.js';
import { removeTempDirs } from '../../support/temp.js';

export interface Received {
  method: string;
  url: string;
  headers: HeaderField[];
  body: Buffer;
  at: number;
}

export interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
}

export interface TestHandler {
  url: string;
  port: number;
  received: Received[];
  maxConcurrent: number;
  answer: Answer;
  /** Resolves once `count` requests have arrived (fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startHandler(answer: Answer = {}): Promise<TestHandler> {
  let current = 0;
  const waiters: Array<() => void> = [];
  const handler: TestHandler = {
    url: '',
    port: 0,
    received: [],
    maxConcurrent: 0,
    answer,
    waitFor: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => handler.received.length >= count && (resolve(handler.received), true);
        if (check()) return;
        const timer = setTimeout(() => reject(new Error(`handler got ${handler.received.length} of ${count} requests`)), timeoutMs);
        waiters.push(() => check() && clearTimeout(timer));
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    current++;
    handler.maxConcurrent = Math.max(handler.maxConcurrent, current);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handler.received.push({ method: req.method!, url: req.url!, headers: fromRawHeaders(req.rawHeaders), body: Buffer.concat(chunks), at: Date.now() });
      for (const w of waiters) w();
      const { status = 200, headers = { 'Content-Type': 'application/json' }, body = '{"handled":true}', delayMs = 0 } = handler.answer;
      setTimeout(() => {
        current--;
        res.writeHead(status, headers);
        res.end(body);
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  handler.port = (server.address() as AddressInfo).port;
  handler.url = `http://127.0.0.1:${handler.port}`;
  return handler;
}

/** POSTs to the receiver with headers given in order and case (a flat [name, value, …] list). */
export function post(base: string, path: string, body: Buffer, headers: readonly HeaderField[]): Promise<{ status: number; id: number; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, base), { method: 'POST', headers: headers.flatMap((h) => [h.name, h.value]) }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, id: Number(res.headers['x-hookscope-delivery']), ms: Date.now() - started }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The headers a handler saw, without the three the outbound client sets per connection. */
export function messageHeaders(headers: readonly HeaderField[]): HeaderField[] {
  const perConnection = new Set(['host', 'content-length', 'connection']);
  return headers.filter((h) => !perConnection.has(h.name.toLowerCase()));
}

/**
 * For each test: a fresh core (receiver, temp database) and a handler, closed after it; temp files go
 * when the file is done. `use` receives them, so a test file keeps them in its own variables.
 */
export function withCoreAndHandler(use: (core: TestCore, handler: TestHandler) => void): void {
  let core: TestCore;
  let handler: TestHandler;
  beforeEach(async () => {
    core = await startTestCore();
    handler = await startHandler();
    use(core, handler);
  });
  afterEach(async () => {
    await handler.close();
    await core.close();
  });
  afterAll(removeTempDirs);
}
