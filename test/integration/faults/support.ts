// Helpers for fault tests: raw sockets, keep-alive posting that records what was acknowledged, and
// the server process behind `startServe` (the built CLI: the spawned process is the server).
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { ServeInfo } from '../../support/cli.js';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export function post(
  url: string,
  body: Buffer | string,
  opts: { headers?: Record<string, string>; agent?: http.Agent | false; timeoutMs?: number } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: opts.headers, agent: opts.agent, timeout: opts.timeoutMs ?? 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

export const deliveryIdOf = (reply: Reply) => Number(reply.headers['x-hookscope-delivery']);

/** Writes raw bytes and resolves with everything the server wrote back before closing (or timing out). */
export function rawExchange(port: number, bytes: string | Buffer, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let out = '';
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('data', (c) => (out += c.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? undefined : reject(err)));
    socket.write(bytes);
  });
}

/** The pid of the process actually serving. */
export function serverPid(serve: ServeInfo): number {
  return serve.child.pid!;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resident memory of a process, in bytes. */
export function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!kb) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb[1]) * 1024;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Kills the server with SIGKILL and waits until it is gone. */
export async function killHard(serve: ServeInfo): Promise<void> {
  const pid = serverPid(serve);
  process.kill(pid, 'SIGKILL');
  await serve.stop('SIGKILL');
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(20);
}
