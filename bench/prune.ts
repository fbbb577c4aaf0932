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
import { mainThreadSched, trace, traceClock, tracing } from '../electron/core/index.js';
import { formatBytes } from '../shared/units.js';
import { deliveryAt, verdicts } from './support/deliveries.js';
import { runLoad, toJobRequests, type LoadResult } from './support/load.js';
import { signedAgileTuneRequests } from './support/payloads.js';
import { fixed, loadAverage, median, table } from './support/report.js';

const WINDOW_SEC = 5;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const RATE = 300; // captures a second: a busy provider, well under the receiver's capacity
/**
 * The filled store has no search index. By default the bench marks it as indexed (as a store is whose
 * captures were indexed as they came), so the search indexer stays idle as it would there; with
 * BENCH_PRUNE_SEARCH_BACKLOG=1 the indexer works through the whole store meanwhile, in idle slices
 * that hold the event loop for tens to hundreds of ms each (measured in bench/RESULTS.md, #15), which
 * hides what pruning itself costs (runs before 2026-12-07 had this backlog).
 */
const SEARCH_BACKLOG = process.env.BENCH_PRUNE_SEARCH_BACKLOG === '1';

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
  if (!SEARCH_BACKLOG) core.ctx.store.db.prepare('UPDATE search_state SET indexed_through = (SELECT coalesce(max(id), 0) FROM deliveries)').run();
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
  const stalls = tracing() ? watchStalls() : null;
  const window = async () => {
    const start = traceClock();
    const result = await runLoad(job);
    trace('bench.window', { start: Math.round(start), p99Ms: result.p99Ms, maxMs: result.maxMs });
    return result;
  };
  try {
    await window(); // warm-up: JIT, the first connections, the checkpointer's first ticks
    loop.enable();
    const baseline = await window();
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
    while (!done) during.push(await window());
    const result = await pruned;
    const loopDuring = loopDelay();
    loop.disable();
    // The checkpointer's worker may hold the checkpoint lock at this moment: try until it is through.
    for (let i = 0; i < 50 && (core.ctx.store.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>)[0]!.busy !== 0; i++) await sleep(100);
    const afterBytes = retention.dbBytes();
    const refused = during.reduce((n, w) => n + w.non2xx + w.errors + w.timeouts, 0);
    console.log(`\nprune ${before.count.toLocaleString('en')} → ${keep.toLocaleString('en')} deliveries while receiving ${RATE}/s (load average ${loadAverage()}; search ${SEARCH_BACKLOG ? 'backlog being indexed' : 'index marked caught up'})`);
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
    stalls?.stop();
    await core.close();
  }
}

/** With HOOKSCOPE_TRACE_MAINTENANCE: every event-loop stall past STALL_MS, traced like maintenance steps (when it began, how long). */
function watchStalls() {
  const STALL_MS = 20;
  let last = traceClock();
  let lastSched = mainThreadSched();
  const timer = setInterval(() => {
    const now = traceClock();
    const sched = mainThreadSched();
    if (now - last > STALL_MS + 2) {
      // How much of the stall the main thread spent on a CPU, and waiting for one (Linux).
      const cpu = sched && lastSched ? { cpuMs: Math.round(sched.cpuMs - lastSched.cpuMs), waitCpuMs: Math.round(sched.waitMs - lastSched.waitMs) } : {};
      trace('bench.stall', { start: Math.round(last * 10) / 10, ms: Math.round(now - last - 2), ...cpu });
    }
    last = now;
    lastSched = sched;
  }, 2);
  return { stop: () => clearInterval(timer) };
}
