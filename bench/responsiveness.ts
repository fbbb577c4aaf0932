// The UI's responsiveness while a burst runs (issue #17): the inbox's first page (`deliveries.list`,
// 500 rows, as renderer/state/inbox.ts asks for it) called through the HTTP bridge with the token,
// again and again, with and without autocannon sending signed AgileTune webhooks to the receiver at
// full speed. The core, its receiver and the bridge share one process, as under `hookscope serve`.
// The API caller runs in a worker thread (a browser is another process: its own work must not sit
// on the server's event loop) and autocannon in a child process (support/load-worker.ts). Rounds
// alternate (quiet, burst, quiet, burst…) so other work on the machine hits both alike.
//
//   npm run bench:responsiveness                                  2 rounds of 10 s each way
//   BENCH_ROUNDS=1 BENCH_SECONDS=3 npm run bench:responsiveness   quick smoke run
//   BENCH_SEED=20000                                              deliveries stored before the first round
//   BENCH_CONNECTIONS=32                                          autocannon's connections
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { openCore, startCoreReceiver } from '../electron/core/index.js';
import { startHttpBridge } from '../electron/server/http-bridge.js';
import { deliveryAt, verdicts } from './support/deliveries.js';
import { runLoad, toJobRequests, type LoadResult } from './support/load.js';
import { BENCH_SECRET, signedAgileTuneRequests } from './support/payloads.js';
import { envInt, fixed, loadAverage, machine, median, percentile, table } from './support/report.js';
import { benchDbFile } from './support/temp-db.js';

const ROUNDS = envInt('BENCH_ROUNDS', 2);
const SECONDS = envInt('BENCH_SECONDS', 10);
const SEED = envInt('BENCH_SEED', 20_000);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 32);
/** The inbox's page size (renderer/state/inbox.ts). */
const PAGE_SIZE = 500;
/** Pause between two calls: a UI refreshing as events arrive, not a second load generator. */
const CALL_GAP_MS = 20;

// Calls deliveries.list until told to stop, then reports every call's latency in ms.
const CALLER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let stop = false;
parentPort.once('message', () => (stop = true));
(async () => {
  const latencies = [];
  let failed = 0;
  while (!stop) {
    const started = performance.now();
    const res = await fetch(workerData.url + '/api/call/deliveries.list', {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + workerData.token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ limit: workerData.pageSize }),
    });
    const json = await res.json();
    if (res.status !== 200 || !Array.isArray(json.result && json.result.items)) failed++;
    latencies.push({ at: Date.now(), ms: performance.now() - started });
    await new Promise((r) => setTimeout(r, workerData.gapMs));
  }
  parentPort.postMessage({ latencies, failed });
})();
`;

interface Calls {
  /** When each call was answered (epoch ms), and how long it took. */
  latencies: Array<{ at: number; ms: number }>;
  failed: number;
}

function startCaller(url: string, token: string): { stop(): Promise<Calls> } {
  const worker = new Worker(CALLER_SOURCE, { eval: true, workerData: { url, token, pageSize: PAGE_SIZE, gapMs: CALL_GAP_MS } });
  const result = new Promise<Calls>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    stop: async () => {
      worker.postMessage('stop');
      const calls = await result;
      await worker.terminate();
      return calls;
    },
  };
}

async function main() {
  console.log(`UI responsiveness benchmark: ${machine()}; load average ${loadAverage()}`);
  const core = openCore({ dbFile: benchDbFile('responsiveness') });
  core.ctx.store.endpoints.create({ path: '/hooks/agiletune', provider: 'agiletune', secret: BENCH_SECRET });
  const v = verdicts();
  const nowMs = Date.now();
  for (let from = 0; from < SEED; from += 1000) {
    core.ctx.store.deliveries.insertMany(Array.from({ length: Math.min(1000, SEED - from) }, (_, i) => deliveryAt(from + i, SEED, v, nowMs)));
  }
  const receiver = await startCoreReceiver(core, { host: '127.0.0.1', port: 0 });
  const bridge = await startHttpBridge(core);
  const requests = toJobRequests(signedAgileTuneRequests(256));
  const newestDelivery = core.ctx.store.db.prepare('SELECT coalesce(max(id), 0) FROM deliveries').pluck();
  const newestCapture = () => Math.max(core.ctx.store.captures.newestId(), newestDelivery.get() as number);
  console.log(`${SEED.toLocaleString('en')} deliveries stored; deliveries.list (limit ${PAGE_SIZE}) every ${CALL_GAP_MS} ms after the previous answer; ${ROUNDS} rounds of ${SECONDS} s each way, ${CONNECTIONS} connections`);

  const quiet: Calls[] = [];
  const burst: Calls[] = [];
  const loads: LoadResult[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    let caller = startCaller(bridge.url, bridge.token);
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    quiet.push(await caller.stop());

    caller = startCaller(bridge.url, bridge.token);
    const started = performance.now();
    // autocannon takes a few seconds to start (tsx, a child process): only calls answered once the
    // captures arrive count as "during a burst".
    const storedBefore = newestCapture();
    let burstFrom = Infinity;
    const watch = setInterval(() => {
      if (burstFrom === Infinity && newestCapture() > storedBefore) burstFrom = Date.now();
    }, 10);
    loads.push(await runLoad({ url: receiver.url, connections: CONNECTIONS, durationSec: SECONDS, requests }));
    const burstTo = Date.now();
    clearInterval(watch);
    const calls = await caller.stop();
    burst.push({ ...calls, latencies: calls.latencies.filter((c) => c.at > burstFrom && c.at <= burstTo) });
    const load = loads.at(-1)!;
    console.log(`round ${round}: burst ${fixed(load.reqPerSec)} req/s for ${fixed((performance.now() - started) / 1000, 1)} s (p99 ${load.p99Ms} ms, ${load.non2xx + load.errors + load.timeouts} not 2xx)`);
    // The next quiet phase starts once the burst's captures are filed: filing is not "quiet".
    while (core.ctx.store.captures.newestId() !== 0) await new Promise((r) => setTimeout(r, 50));
  }

  // A burst nobody clicks during, with and without a UI watching the inbox live (an open event
  // stream): then, while it still runs, someone opens a delivery the inbox shows (filed before the
  // burst) and reloads the inbox's first page. Unwatched, filing waits for the burst to pause, so
  // the reload files everything waiting first; watched, the burst is filed as it arrives.
  const timedCall = async (method: string, input: unknown) => {
    const started = performance.now();
    const res = await fetch(`${bridge.url}/api/call/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    if (res.status !== 200) throw new Error(`${method} answered ${res.status}`);
    await res.json();
    return performance.now() - started;
  };
  for (const watched of [false, true]) {
    const stream = watched ? new AbortController() : null;
    if (stream) {
      const res = await fetch(`${bridge.url}/api/events`, { headers: { Authorization: `Bearer ${bridge.token}` }, signal: stream.signal });
      void res.body?.pipeTo(new WritableStream()).catch(() => {}); // read and dropped, as a browser would consume it
    }
    const filedBefore = newestDelivery.get() as number;
    const unread = runLoad({ url: receiver.url, connections: CONNECTIONS, durationSec: SECONDS, requests });
    await new Promise((r) => setTimeout(r, Math.max(1, SECONDS - 2) * 1000));
    const oldest = core.ctx.store.captures.oldest();
    const waiting = oldest ? core.ctx.store.captures.newestId() - oldest.id + 1 : 0;
    const openMs = await timedCall('deliveries.get', { id: filedBefore });
    const listMs = await timedCall('deliveries.list', { limit: PAGE_SIZE });
    const load = await unread;
    stream?.abort();
    console.log(
      `a burst nobody clicked during, ${watched ? 'the inbox watched live' : 'nobody watching'} (${fixed(load.reqPerSec)} req/s): ` +
        `${waiting.toLocaleString('en')} captures waiting; opening a delivery filed before it took ${fixed(openMs, 1)} ms, ` +
        `then the first page ${fixed(listMs, 1)} ms (it files what waits first)`,
    );
    while (core.ctx.store.captures.newestId() !== 0) await new Promise((r) => setTimeout(r, 50));
  }

  const row = (name: string, calls: Calls[]) => {
    const all = calls.flatMap((c) => c.latencies.map((l) => l.ms));
    const ms = (f: () => number) => (all.length > 0 ? fixed(f(), 1) : '–');
    return [name, all.length, calls.reduce((n, c) => n + c.failed, 0), ms(() => median(all)), ms(() => percentile(all, 99)), ms(() => Math.max(...all))];
  };
  console.log(`\n${table([['deliveries.list', 'calls', 'failed', 'p50 ms', 'p99 ms', 'max ms'], row('no burst', quiet), row('during a burst', burst)])}`);
  console.log(`burst: median ${fixed(median(loads.map((l) => l.reqPerSec)))} req/s; load average after: ${loadAverage()}`);
  await bridge.close();
  await core.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
