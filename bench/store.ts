// Store benchmark at scale: N stored deliveries (1 KB AgileTune JSON bodies with realistic headers,
// several endpoints, mixed verdicts), then the costs that matter at that size: the insert rate, the
// search index's build rate, database size per delivery, list pages with and without filters, and
// text search through the index, side by side with the LIKE scan it replaced.
//
//   npm run bench:store                        1,000,000 deliveries (several minutes; the RESULTS.md run)
//   BENCH_STORE_N=20000 npm run bench:store    quick smoke run
//   BENCH_PAGE_SIZE=16384 npm run bench:store  database created with 16 KiB pages
//   BENCH_TMPDIR=/some/disk                    where the temporary database goes (default: the OS temp dir)
//   BENCH_STORE_ONLY=prune npm run bench:store only the prune (N deliveries, no search index built first)
//   BENCH_PRUNE_KEEP=100000                    how many the prune keeps (default N / 10)
//   BENCH_PRUNE_SEARCH_BACKLOG=1               the prune's store left unindexed, the indexer working meanwhile (default: marked caught up)
//   HOOKSCOPE_TRACE_MAINTENANCE=1              the prune also traces each slice, checkpoint and event-loop stall on stderr
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openStore, type DeliveryQuery, type Store } from '../electron/core/index.js';
import { deliveryAt, ENDPOINTS, verdicts } from './support/deliveries.js';
import { envInt, fixed, loadAverage, machine, median, percentile, table } from './support/report.js';
import { benchDbFile, pageSizeFromEnv } from './support/temp-db.js';
import { benchPrune, fillForPrune } from './prune.js';

const N = envInt('BENCH_STORE_N', 1_000_000);
const PAGE_SIZE = pageSizeFromEnv();
const BATCH = 1000;
const RUNS = 7;
/** The receiver commits what one event-loop turn captured: a few dozen deliveries at full load. */
const GROUP = 32;
const GROUPED_ROWS = 20_000;

/**
 * Inserts N deliveries: all but the last GROUPED_ROWS in batches of BATCH, the rest in groups of
 * GROUP as the receiver commits them. Only insertMany is timed, not building the rows.
 */
function fill(store: Store): { bulk: number; grouped: number } {
  const v = verdicts();
  const nowMs = Date.now();
  const grouped = Math.min(GROUPED_ROWS, Math.floor(N / 10));
  let bulkMs = 0;
  let groupedMs = 0;
  for (let from = 0; from < N; ) {
    const size = from < N - grouped ? Math.min(BATCH, N - grouped - from) : GROUP;
    const batch = Array.from({ length: Math.min(size, N - from) }, (_, i) => deliveryAt(from + i, N, v, nowMs));
    const t = performance.now();
    store.deliveries.insertMany(batch);
    if (size === GROUP) groupedMs += performance.now() - t;
    else bulkMs += performance.now() - t;
    from += batch.length;
    if (from % 100_000 === 0) process.stdout.write(`  inserted ${from}\r`);
  }
  return { bulk: (N - grouped) / (bulkMs / 1000), grouped: grouped / (groupedMs / 1000) };
}

function buildIndex(store: Store): { ms: number; slices: number[] } {
  const slices: number[] = [];
  const started = performance.now();
  for (;;) {
    const t = performance.now();
    const covered = store.deliveries.search.indexNext({ maxRows: 32 });
    if (covered === 0) break;
    slices.push(performance.now() - t);
    if (slices.length % 3000 === 0) process.stdout.write(`  indexed ${store.deliveries.search.indexedThrough()}\r`);
  }
  return { ms: performance.now() - started, slices };
}

function sizeBytes(store: Store): number {
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  return fs.statSync(store.file).size;
}

/** Median and worst of RUNS timed runs, after one untimed run to warm the page cache. */
function time(fn: () => unknown): { median: number; max: number; rows: number } {
  let rows = 0;
  const result = fn();
  if (Array.isArray(result)) rows = result.length;
  const times = Array.from({ length: RUNS }, () => {
    const t = performance.now();
    fn();
    return performance.now() - t;
  });
  return { median: median(times), max: Math.max(...times), rows };
}

/** The search as it was before the index: one LIKE scan, newest first, stopping at the page size. */
function likeScan(store: Store, q: string, limit = 100): number[] {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return store.db
    .prepare(`SELECT id FROM deliveries WHERE (path LIKE ? ESCAPE '\\' OR query LIKE ? ESCAPE '\\' OR headers LIKE ? ESCAPE '\\'
      OR CAST(body AS TEXT) LIKE ? ESCAPE '\\') ORDER BY id DESC LIMIT ${limit}`)
    .pluck()
    .all(like, like, like, like) as number[];
}

const PRUNE_KEEP = envInt('BENCH_PRUNE_KEEP', Math.floor(N / 10));

async function pruneOnly() {
  console.log(`Prune benchmark: ${machine()}; ${N.toLocaleString('en')} deliveries of ~1 KB JSON (search index not built)`);
  const file = benchDbFile('prune');
  const store = openStore(file);
  fillForPrune(store, N);
  store.close();
  await benchPrune(file, PRUNE_KEEP);
}

async function main() {
  if (process.env.BENCH_STORE_ONLY === 'prune') return pruneOnly();
  console.log(`Store benchmark: ${machine()}`);
  console.log(`${N.toLocaleString('en')} deliveries of ~1 KB JSON, ${ENDPOINTS.length} endpoints, 2% invalid, 1% unsigned, 2.5% PUT, ${PAGE_SIZE ? `${PAGE_SIZE}-byte pages (BENCH_PAGE_SIZE)` : 'default page size'}`);
  console.log(`load average before: ${loadAverage()}`);
  const file = benchDbFile('store', PAGE_SIZE);
  const store = openStore(file);
  try {
    const inserted = fill(store);
    const dataBytes = sizeBytes(store);
    console.log(
      `insert (SQLite time only): ${fixed(inserted.bulk)} deliveries/s in batches of ${BATCH}, ` +
        `${fixed(inserted.grouped)} deliveries/s (${fixed(1e6 / inserted.grouped)} µs each) in groups of ${GROUP} as the receiver commits`,
    );

    const indexed = buildIndex(store);
    const totalBytes = sizeBytes(store);
    console.log(
      `search index build: ${fixed(N / (indexed.ms / 1000))} deliveries/s (${fixed(indexed.ms / 1000, 1)} s), 32-delivery slices: ` +
        `p50 ${fixed(median(indexed.slices), 1)} ms, p99 ${fixed(percentile(indexed.slices, 99), 1)} ms, max ${fixed(Math.max(...indexed.slices), 1)} ms`,
    );
    console.log(`size: ${fixed(dataBytes / N)} B/delivery without the index, ${fixed(totalBytes / N)} B/delivery with it (${fixed(totalBytes / 1e9, 2)} GB)`);

    const mid = Math.floor(N / 2);
    const pages: Array<[string, DeliveryQuery]> = [
      ['newest 100', {}],
      ['newest 100, endpoint', { endpoint: '/hooks/billing' }],
      ['newest 100, verdict invalid', { verdict: 'invalid' }],
      ['newest 100, method PUT', { method: 'PUT' }],
      ['newest 100, endpoint + verdict', { endpoint: '/hooks/crm', verdict: 'unsigned' }],
      ['100 before the middle id', { beforeId: mid }],
      ['1000 newest', { limit: 1000 }],
    ];
    const rows: Array<Array<string | number>> = [['list page', 'rows', 'median ms', 'max ms']];
    for (const [name, query] of pages) {
      const r = time(() => store.deliveries.list(query));
      rows.push([name, r.rows, fixed(r.median, 2), fixed(r.max, 2)]);
    }
    console.log(`\n${table(rows)}`);

    const rare = `dlv_${Math.floor(N * 0.37).toString(36).padStart(10, '0')}`;
    const searches: Array<[string, DeliveryQuery]> = [
      ['one delivery id (rare)', { q: rare }],
      ['common word "coupon"', { q: 'coupon' }],
      ['phrase of common words', { q: 'billing coupon applied' }],
      ['no match', { q: 'zzqqxxyy' }],
      ['2 characters (scan)', { q: 'zq' }],
      ['"coupon" + verdict invalid', { q: 'coupon', verdict: 'invalid' }],
      ['mixed case "TASK.UPDATED"', { q: 'TASK.UPDATED' }],
    ];
    const srows: Array<Array<string | number>> = [['search', 'rows', 'index median ms', 'index max ms', 'LIKE scan ms', 'scan/index']];
    for (const [name, query] of searches) {
      const r = time(() => store.deliveries.list(query));
      const scanNeeded = !query.verdict;
      const scan = scanNeeded ? time(() => likeScan(store, query.q!)) : null;
      if (scan && scan.rows !== r.rows) throw new Error(`search "${query.q}" found ${r.rows} rows, the LIKE scan ${scan.rows}`);
      srows.push([name, r.rows, fixed(r.median, 2), fixed(r.max, 2), scan ? fixed(scan.median, 1) : '-', scan ? `${fixed(scan.median / r.median, 0)}×` : '-']);
    }
    console.log(`\n${table(srows)}`);

    // While the index lags behind (a burst the receiver has not indexed yet), the tail is scanned.
    const lag = Math.min(10_000, Math.floor(N / 10));
    const v = verdicts();
    const nowMs = Date.now();
    store.deliveries.insertMany(Array.from({ length: lag }, (_, i) => deliveryAt(N + i, N, v, nowMs)));
    const lagging = time(() => store.deliveries.list({ q: rare }));
    console.log(`\nsearch for one delivery id with ${lag.toLocaleString('en')} deliveries not indexed yet: median ${fixed(lagging.median, 1)} ms`);
    console.log(`load average after: ${loadAverage()}`);
  } finally {
    store.close();
  }
  await benchPrune(file, PRUNE_KEEP); // the database as filled and indexed above
}

await main();
