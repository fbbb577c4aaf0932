// Search indexing rate (issue #17): N stored deliveries (1 KB AgileTune JSON with realistic headers)
// indexed the way the receiver does it in idle time (SearchIndex.indexNext in slices of
// IDLE_SLICE_ROWS), side by side with the settings before issue #17 (32-delivery slices, FTS5's
// default automerge 4 / crisismerge 16). Rounds alternate between the two, each on a fresh database,
// so other work on the machine hits both alike. Prints deliveries/s by wall clock and per CPU second
// (the second is steadier on a shared machine) and the time one slice holds the event loop.
//
//   npm run bench:search-index                                 2 rounds of 20,000 deliveries
//   BENCH_ROUNDS=1 BENCH_INDEX_N=5000 npm run bench:search-index   quick smoke run
import { performance } from 'node:perf_hooks';
import { IDLE_SLICE_ROWS, openStore, type Store } from '../electron/core/index.js';
import { deliveryAt, verdicts } from './support/deliveries.js';
import { envInt, fixed, loadAverage, machine, median, percentile, table } from './support/report.js';
import { benchDbFile } from './support/temp-db.js';

const N = envInt('BENCH_INDEX_N', 20_000);
const ROUNDS = envInt('BENCH_ROUNDS', 2);

interface Variant {
  name: string;
  sliceRows: number;
  /** Puts the index's settings back as they were, on a freshly migrated database. */
  setup?: (store: Store) => void;
}

const VARIANTS: Variant[] = [
  {
    name: 'before (#17)',
    sliceRows: 32,
    setup: (store) =>
      store.db.exec(`INSERT INTO deliveries_search (deliveries_search, rank) VALUES ('automerge', 4);
        INSERT INTO deliveries_search (deliveries_search, rank) VALUES ('crisismerge', 16);`),
  },
  { name: 'now', sliceRows: IDLE_SLICE_ROWS },
];

interface Run {
  wallPerSec: number;
  cpuPerSec: number;
  slices: number[];
}

function runOnce(variant: Variant): Run {
  const store = openStore(benchDbFile('search-index'));
  variant.setup?.(store);
  const v = verdicts();
  const nowMs = Date.now();
  for (let from = 0; from < N; from += 1000) {
    store.deliveries.insertMany(Array.from({ length: Math.min(1000, N - from) }, (_, i) => deliveryAt(from + i, N, v, nowMs)));
  }
  const slices: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (;;) {
    const t = performance.now();
    if (store.deliveries.search.indexNext({ maxRows: variant.sliceRows }) === 0) break;
    slices.push(performance.now() - t);
  }
  const wallSec = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  store.close();
  return { wallPerSec: N / wallSec, cpuPerSec: N / ((used.user + used.system) / 1e6), slices };
}

function main() {
  console.log(`Search index benchmark: ${machine()}; load average ${loadAverage()}; ${N.toLocaleString('en')} deliveries of ~1 KB JSON, ${ROUNDS} rounds`);
  const runs = new Map<string, Run[]>(VARIANTS.map((variant) => [variant.name, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const variant of VARIANTS) {
      const run = runOnce(variant);
      runs.get(variant.name)!.push(run);
      console.log(`round ${round} ${variant.name}: ${fixed(run.wallPerSec)}/s wall, ${fixed(run.cpuPerSec)}/s per CPU second`);
    }
  }
  const rows: Array<Array<string | number>> = [['settings', 'slice rows', 'deliveries/s (wall)', 'per CPU s', 'slice p50 ms', 'slice p99 ms']];
  for (const variant of VARIANTS) {
    const all = runs.get(variant.name)!;
    const slices = all.flatMap((r) => r.slices);
    rows.push([variant.name, variant.sliceRows, fixed(median(all.map((r) => r.wallPerSec))), fixed(median(all.map((r) => r.cpuPerSec))), fixed(median(slices), 1), fixed(percentile(slices, 99), 1)]);
  }
  console.log(`\n${table(rows)}\nload average after: ${loadAverage()}`);
}

main();
