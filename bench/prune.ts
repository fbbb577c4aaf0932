// Pruning at scale (issue #15): a database of `total` deliveries pruned down to `keep` by the same
// sliced removal serve's background retention uses, in the process that runs the receiver, while
// autocannon (in its own process) keeps sending at a steady rate. Reports the prune's time, the
// receiver's p99 before and while it runs (5-second windows, after one warm-up window), and the file
// size before and after. Also the receiver's event-loop delay (p99 and max, sampled every 5 ms in
// its process): on a shared machine the load generator's own scheduling inflates HTTP latencies, and
// the loop delay is what retention slices add to them.
// Runs at the end of bench:store, or alone: BENCH_STORE_ONLY=prune npm run bench:store.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { openCore, startServing, type Store } from '../electron/core/index.js';
import { formatBytes } from '../shared/units.js';
import { deliveryAt, verdicts } from './support/deliveries.js';
import { runLoad, toJobRequests, type LoadResult } from './support/load.js';
import { signedAgileTuneRequests } from './support/payloads.js';
import { fixed, loadAverage, median, table } from './support/report.js';

const WINDOW_SEC = 5;
const RATE = 300; // captures a second: a busy provider, well under the receiver's capacity

/** Fills a fresh store with `total` deliveries in batches (for the prune-only run). */
export function fillForPrune(store: Store, total: number): void {
  const v = verdicts();
  const nowMs = Date.now();
  for (let from = 0; from < total; from += 1000) {
    store.deliveries.insertMany(Array.from({ length: Math.min(1000, total - from) }, (_, i) => deliveryAt(from + i, total, v, nowMs)));
    if ((from + 1000) % 100_000 === 0) process.stdout.write(`  inserted ${from + 1000}\r`);
  }
}

export async function benchPrune(dbFile: string, keep: number): Promise<void> {
  const core = openCore({ dbFile });
  const { retention } = core.ctx.store;
  core.ctx.store.db.pragma('wal_checkpoint(TRUNCATE)');
  const before = { bytes: retention.dbBytes(), count: retention.count() };
  const receiver = await startServing(core, { port: 0 });
  const requests = toJobRequests(signedAgileTuneRequests(200));
  const job = { url: receiver.url, connections: 10, durationSec: WINDOW_SEC, overallRate: RATE, requests };
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const loopDelay = () => {
    const figures = { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 };
    loop.reset();
    return figures;
  };
  try {
    await runLoad(job); // warm-up: JIT, the first connections, the checkpointer's first ticks
    loop.enable();
    const baseline = await runLoad(job);
    const loopBefore = loopDelay();
    const t = performance.now();
    let pruneMs = 0;
    const pruned = core.dispatch('deliveries.prune', { keep }).then((r) => {
      pruneMs = performance.now() - t;
      return r as { removed: number; kept: number };
    });
    let done = false;
    void pruned.finally(() => (done = true));
    const during: LoadResult[] = [];
    while (!done) during.push(await runLoad(job));
    const result = await pruned;
    const loopDuring = loopDelay();
    loop.disable();
    core.ctx.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const afterBytes = retention.dbBytes();
    const refused = during.reduce((n, w) => n + w.non2xx + w.errors + w.timeouts, 0);
    console.log(`\nprune ${before.count.toLocaleString('en')} → ${keep.toLocaleString('en')} deliveries while receiving ${RATE}/s (load average ${loadAverage()})`);
    console.log(
      table([
        ['', 'value'],
        ['removed', result.removed],
        ['prune time (s), incl. giving the space back', fixed(pruneMs / 1000, 1)],
        ['file before (db + WAL)', formatBytes(before.bytes)],
        ['file after (checkpointed)', formatBytes(afterBytes)],
        ['receiver p99 before (ms)', fixed(baseline.p99Ms, 1)],
        [`receiver p99 while pruning, median of ${during.length} ${WINDOW_SEC}-s windows (ms)`, fixed(median(during.map((w) => w.p99Ms)), 1)],
        ['receiver p99 while pruning, worst window (ms)', fixed(Math.max(...during.map((w) => w.p99Ms)), 1)],
        ['receiver max latency while pruning (ms)', fixed(Math.max(...during.map((w) => w.maxMs)), 1)],
        ['receiver event-loop delay before: p99 / max (ms)', `${fixed(loopBefore.p99, 1)} / ${fixed(loopBefore.max, 1)}`],
        ['receiver event-loop delay while pruning: p99 / max (ms)', `${fixed(loopDuring.p99, 1)} / ${fixed(loopDuring.max, 1)}`],
        ['captures answered while pruning', during.reduce((n, w) => n + w.ok2xx, 0)],
        ['answered other than 2xx, errors, timeouts', refused],
      ]),
    );
  } finally {
    await core.close();
  }
}
