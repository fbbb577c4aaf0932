// A hostile API call never stalls captures (issue #17). The headless bridge shares its process with the
// receiver; a 50 MB body to `stats.get` once held the receiver for 14.9 s. Here webhooks are sent to
// the receiver one after another while another thread makes hostile and large calls to the bridge:
// every webhook is answered, none waits much longer than the slowest of a baseline sent just before
// (same test, same machine load), and every call gets its clear refusal.
//
// The API calls come from a worker thread so that building and sending tens of MB of JSON does not
// take this thread's event loop, which the receiver and the bridge run on.
import http from 'node:http';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpBridge, type Bridge } from '../../../electron/server/http-bridge.js';
import { startTestCore, type TestCore } from '../../support/core.js';
import { removeTempDirs } from '../../support/temp.js';

let t: TestCore;
let bridge: Bridge;
beforeAll(async () => {
  t = await startTestCore();
  bridge = await startHttpBridge(t.core);
  await t.core.dispatch('endpoints.create', { path: '/hooks/a' });
});
afterAll(async () => {
  await bridge.close();
  await t.close();
  removeTempDirs();
});

interface CallResult {
  name: string;
  status: number;
  error: { code: string; message: string } | null;
}

// The hostile client, run in a worker thread: plain JavaScript, no file to resolve.
const CLIENT_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const MB = 1024 * 1024;
async function call(name, method, body, headers = {}) {
  const res = await fetch(workerData.url + '/api/call/' + method, {
    method: 'POST',
    headers: { Authorization: 'Bearer ' + workerData.token, 'Content-Type': 'application/json', ...headers },
    body,
    duplex: 'half',
  }).catch((err) => ({ status: 0, json: async () => ({ error: { code: 'fetch', message: String(err.cause ?? err) } }) }));
  const json = await res.json().catch(() => ({}));
  return { name, status: res.status, error: json.error ?? null };
}
function streamed(totalBytes) {
  const chunk = new Uint8Array(MB).fill(0x20);
  let sent = 0;
  return new ReadableStream({ pull(c) { if (sent >= totalBytes) return c.close(); c.enqueue(chunk); sent += chunk.length; } });
}
(async () => {
  const results = [];
  // The probe's call: 50 MB of JSON to a method that takes no input.
  results.push(await call('declared', 'stats.get', '{"k":"' + 'x'.repeat(50 * MB) + '"}'));
  results.push(await call('streamed', 'stats.get', streamed(50 * MB)));
  // Millions of tiny values to a method that does take a large body.
  results.push(await call('many-values', 'replay.send', '{"ids":[' + '1,'.repeat(8 * MB) + '1]}'));
  // A large valid call: an edited body of 20 MB base64 (the delivery does not exist).
  results.push(await call('large-valid', 'replay.send', JSON.stringify({ ids: [987654], target: 'http://127.0.0.1:9/', bodyBase64: 'A'.repeat(20_000_000) })));
  parentPort.postMessage(results);
})().catch((err) => parentPort.postMessage({ failed: String(err && err.stack) }));
`;

function runHostileClient(): Promise<CallResult[]> {
  const worker = new Worker(CLIENT_SOURCE, { eval: true, workerData: { url: bridge.url, token: bridge.token } });
  return new Promise((resolve, reject) => {
    worker.once('message', (m: CallResult[] | { failed: string }) => {
      void worker.terminate();
      if ('failed' in m) reject(new Error(m.failed));
      else resolve(m);
    });
    worker.once('error', reject);
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function postWebhook(n: number): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const body = JSON.stringify({ event: 'ping', n });
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: t.receiver.port, path: '/hooks/a', method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends webhooks one after another until `done` settles (or `count` were sent). */
async function sendWebhooks(opts: { done?: Promise<unknown>; count?: number }) {
  let finished = false;
  void opts.done?.finally(() => (finished = true));
  const replies: Array<{ status: number; ms: number }> = [];
  for (let n = 0; opts.count === undefined ? !finished : replies.length < opts.count; n++) replies.push(await postWebhook(n));
  return replies;
}

describe('a hostile API call while webhooks arrive', () => {
  it('never stalls the receiver, and each call gets a clear refusal', async () => {
    const baseline = await sendWebhooks({ count: 300 });
    const slowestBaseline = Math.max(...baseline.map((r) => r.ms));

    const calls = runHostileClient();
    const during = await sendWebhooks({ done: calls });
    const results = await calls;

    console.log('SLOWEST', Math.max(...during.map((r) => r.ms)), slowestBaseline, JSON.stringify(results));
    expect(results).toEqual([
      { name: 'declared', status: 413, error: { code: 'bad-input', message: 'request body over 65536 bytes, more than this API method accepts' } },
      { name: 'streamed', status: 413, error: { code: 'bad-input', message: 'request body over 65536 bytes, more than this API method accepts' } },
      { name: 'many-values', status: 400, error: { code: 'bad-input', message: expect.stringMatching(/^request body (holds more than 200000 JSON values|takes more memory to parse)/) } },
      { name: 'large-valid', status: 404, error: { code: 'not-found', message: expect.stringMatching(/987654/) } },
    ]);
    expect(during.length).toBeGreaterThan(10);
    expect(during.every((r) => r.status === 200)).toBe(true);
    // Read and parsed on this thread, these calls held the receiver for many seconds (a webhook's
    // connection was reset). What is left on this thread is copying the bytes once and the handler's
    // own work (replay.send decodes the base64 body in 1 MiB slices, replay/base64-slices.ts: one
    // decode of 20 MB was ~40 ms on an idle machine, several times that on a loaded one), so the bound
    // is relative to the baseline, and generous.
    const slowestDuring = Math.max(...during.map((r) => r.ms));
    expect(slowestDuring, `slowest webhook ${slowestDuring.toFixed(0)} ms; baseline slowest ${slowestBaseline.toFixed(0)} ms`).toBeLessThan(Math.max(2000, 10 * slowestBaseline));
  }, 120_000);
});
