// The parent side of a load run: forks load-worker.ts (through tsx) and waits for its figures.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SignedRequest } from './payloads.js';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load-worker.ts');

export interface LoadJob {
  url: string;
  connections: number;
  durationSec: number;
  /** Requests per second over all connections; as fast as possible when absent. */
  overallRate?: number;
  /** Cycled through by every connection; headers flattened to a plain object. */
  requests: Array<{ path: string; headers: Record<string, string>; body: string }>;
}

export interface LoadResult {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Requests answered 2xx: the ones the server acknowledged. */
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSec: number;
  /** CPU the load generator itself used, in cores: near 1 means it, not the server, set the pace. */
  loadGenCpu: number;
}

export function toJobRequests(requests: readonly SignedRequest[]): LoadJob['requests'] {
  return requests.map((r) => ({
    path: r.path,
    headers: Object.fromEntries(r.headers.map((h) => [h.name, h.value])),
    body: r.body.toString('utf8'),
  }));
}

export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: LoadResult | undefined;
    child.once('message', (message) => (result = message as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`load worker exited with ${code} and no result`))));
    child.send(job);
  });
}
