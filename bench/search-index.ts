// Search indexing rate (issue #17): N stored deliveries (1 KB AgileTune JSON with realistic headers)
// indexed the way the receiver does it in idle time (SearchIndex.indexNext in slices of
// IDLE_SLICE_ROWS), side by side with the index before: FTS5's trigram tokenizer, one row per
// delivery (bench/support/trigram-index.ts), with FTS5's default merge settings and 32-delivery
// slices (before migration 16) and with migration 16's. Rounds alternate between the variants, each
// on a fresh database, so other work on the machine hits all alike. Prints deliveries/s by wall clock
// and per CPU second (the second is steadier on a shared machine), the time one slice holds its
// thread, the index's size, then search times (the same needles through each index: rare, common,
// absent, random hex) and checks that every variant finds the same deliveries.
//
//   npm run bench:search-index                                       2 rounds of 20,000 deliveries
//   BENCH_ROUNDS=1 BENCH_INDEX_N=100000 npm run bench:search-index   search times on 100k deliveries
//   BENCH_ROUNDS=1 BENCH_INDEX_N=5000 npm run bench:search-index     quick smoke run
import { performance } from 'node:perf_hooks';
import { IDLE_SLICE_ROWS, openStore, type Store } from '../electron/core/index.js';
import { deliveryAt, verdicts } from './support/deliveries.js';
import { agileTuneBody } from './support/payloads.js';
import { envInt, fixed, loadAverage, machine, median, percentile, table } from './support/report.js';
import { benchDbFile } from './support/temp-db.js';
import { oldTrigramIndex } from './support/trigram-index.js';

const N = envInt('BENCH_INDEX_N', 20_000);
const ROUNDS = envInt('BENCH_ROUNDS', 2);
const QUERY_RUNS = 5;
const PAGE = 100;

interface Indexer {
  indexNext(): number;
  search(q: string): number[];
}

interface Variant {
  name: string;
  sliceRows: number;
  /** Sets the index up on a freshly migrated, filled database. */
  setup: (store: Store, sliceRows: number) => Indexer;
}

const today = (store: Store, sliceRows: number): Indexer => ({
  indexNext: () => store.deliveries.search.indexNext({ maxRows: sliceRows }),
  search: (q) => store.deliveries.list({ q, limit: PAGE }).map((d) => d.id),
});
const trigram = (automerge: number, crisismerge: number) => (store: Store, sliceRows: number): Indexer => {
  const old = oldTrigramIndex(store.db, { automerge, crisismerge });
  return { indexNext: () => old.indexNext(sliceRows), search: (q) => old.search(q, PAGE) };
};

const VARIANTS: Variant[] = [
  { name: 'trigram tokenizer, merge 4/16 (before #17)', sliceRows: 32, setup: trigram(4, 16) },
  { name: 'trigram tokenizer, merge 16/64 (migration 16)', sliceRows: 64, setup: trigram(16, 64) },
  { name: 'blocks of trigram words, 64-row slices', sliceRows: 64, setup: today },
  { name: 'blocks of trigram words (migration 17)', sliceRows: IDLE_SLICE_ROWS, setup: today },
];

/** Needles a user might type: a delivery's own id (one match), common text, absent text, a phrase of common words, random hex. */
function needles(): Array<[string, string]> {
  const rare = Math.floor(N * 0.37);
  return [
    ['one delivery id', `dlv_${rare.toString(36).padStart(10, '0')}`],
    ['common (task.updated)', 'task.updated'],
    ['absent, common trigrams', '"status":"done"'],
    ['phrase of common words', 'billing coupon applied'],
    ['absent, rare trigrams', 'quetzalcoatl'],
    ['8 hex digits (of a commit)', (JSON.parse(agileTuneBody(rare).toString()) as { data: { commit: string } }).data.commit.slice(8, 16)],
  ];
}

interface Run {
  wallPerSec: number;
  cpuPerSec: number;
  slices: number[];
  indexMb: number;
  queryMs: number[];
  found: string[];
}

function runOnce(variant: Variant, queries: Array<[string, string]>): Run {
  const store = openStore(benchDbFile('search-index'));
  const v = verdicts();
  const nowMs = Date.now();
  for (let from = 0; from < N; from += 1000) {
    store.deliveries.insertMany(Array.from({ length: Math.min(1000, N - from) }, (_, i) => deliveryAt(from + i, N, v, nowMs)));
  }
  const indexer = variant.setup(store, variant.sliceRows);
  const slices: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (;;) {
    const t = performance.now();
    if (indexer.indexNext() === 0) break;
    slices.push(performance.now() - t);
  }
  const wallSec = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const indexBytes = store.db.prepare("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'deliveries_search%'").pluck().get() as number;
  const queryMs: number[] = [];
  const found: string[] = [];
  for (const [, q] of queries) {
    const times: number[] = [];
    for (let i = 0; i < QUERY_RUNS; i++) {
      const t = performance.now();
      const ids = indexer.search(q);
      times.push(performance.now() - t);
      if (i === 0) found.push(ids.join(','));
    }
    queryMs.push(median(times));
  }
  store.close();
  return { wallPerSec: N / wallSec, cpuPerSec: N / ((used.user + used.system) / 1e6), slices, indexMb: indexBytes / 1e6, queryMs, found };
}

function main() {
  console.log(`Search index benchmark: ${machine()}; load average ${loadAverage()}; ${N.toLocaleString('en')} deliveries of ~1 KB JSON, ${ROUNDS} rounds`);
  const queries = needles();
  const runs = new Map<string, Run[]>(VARIANTS.map((variant) => [variant.name, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const variant of VARIANTS) {
      const run = runOnce(variant, queries);
      runs.get(variant.name)!.push(run);
      console.log(`round ${round} ${variant.name}: ${fixed(run.wallPerSec)}/s wall, ${fixed(run.cpuPerSec)}/s per CPU second`);
    }
  }
  const rows: Array<Array<string | number>> = [['index', 'slice rows', 'deliveries/s (wall)', 'per CPU s', 'vs before (CPU)', 'slice p50 ms', 'slice p99 ms', 'index MB']];
  const baseline = median(runs.get(VARIANTS[0]!.name)!.map((r) => r.cpuPerSec));
  for (const variant of VARIANTS) {
    const all = runs.get(variant.name)!;
    const slices = all.flatMap((r) => r.slices);
    const cpu = median(all.map((r) => r.cpuPerSec));
    rows.push([variant.name, variant.sliceRows, fixed(median(all.map((r) => r.wallPerSec))), fixed(cpu), `${fixed(cpu / baseline, 2)}x`, fixed(median(slices), 1), fixed(percentile(slices, 99), 1), fixed(median(all.map((r) => r.indexMb)), 1)]);
  }
  console.log(`\n${table(rows)}`);

  const searchRows: Array<Array<string | number>> = [['search (first page of 100), ms', ...VARIANTS.map((variant) => variant.name.split(' (')[0]!), 'matches']];
  const first = runs.get(VARIANTS[0]!.name)![0]!;
  let same = true;
  queries.forEach(([label], i) => {
    for (const variant of VARIANTS) same &&= runs.get(variant.name)!.every((r) => r.found[i] === first.found[i]);
    const matches = first.found[i] ? first.found[i]!.split(',').length : 0;
    searchRows.push([label, ...VARIANTS.map((variant) => fixed(median(runs.get(variant.name)!.map((r) => r.queryMs[i]!)), 2)), matches]);
  });
  console.log(`\n${table(searchRows)}\n${same ? 'every variant found the same deliveries for every needle' : 'DIFFERENT RESULTS between variants: a bug'}`);
  console.log(`load average after: ${loadAverage()}`);
  if (!same) process.exitCode = 1;
}

main();
