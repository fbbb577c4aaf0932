import { performance } from 'node:perf_hooks';
import { openStore } from '../electron/core/index.js';
import { deliveryAt, verdicts } from '../bench/support/deliveries.js';
import { agileTuneBody } from '../bench/support/payloads.js';
import { benchDbFile } from '../bench/support/temp-db.js';
import { loadAverage, median } from '../bench/support/report.js';
const N = Number(process.env.N ?? 1_000_000);
console.log('load', loadAverage());
const store = openStore(benchDbFile('m'));
const v = verdicts(); const nowMs = Date.now();
for (let from = 0; from < N; from += 1000) store.deliveries.insertMany(Array.from({ length: Math.min(1000, N - from) }, (_, i) => deliveryAt(from + i, N, v, nowMs)));
console.log('filled', loadAverage());
const cpu = process.cpuUsage(); const t0 = performance.now(); const slices: number[] = [];
for (;;) { const t = performance.now(); if (store.deliveries.search.indexNext({ maxRows: 128 }) === 0) break; slices.push(performance.now() - t); }
const u = process.cpuUsage(cpu);
slices.sort((a, b) => a - b);
console.log(`indexed ${N} in ${((performance.now() - t0) / 1000).toFixed(1)} s wall: ${Math.round(N / ((performance.now() - t0) / 1000))}/s wall, ${Math.round(N / ((u.user + u.system) / 1e6))}/s cpu; slice p50 ${slices[slices.length >> 1]!.toFixed(1)} p99 ${slices[Math.floor(slices.length * 0.99)]!.toFixed(1)} max ${slices.at(-1)!.toFixed(1)} ms; load ${loadAverage()}`);
const rare = Math.floor(N * 0.37);
const qs: Array<[string, object]> = [
  ['one delivery id (rare)', { q: `dlv_${rare.toString(36).padStart(10, '0')}` }],
  ['common word "coupon"', { q: 'coupon' }],
  ['phrase of common words', { q: 'billing coupon applied' }],
  ['no match', { q: 'zzqqxxyy' }],
  ['2 characters (scan)', { q: 'zq' }],
  ['"coupon" + verdict invalid', { q: 'coupon', verdict: 'invalid' }],
  ['mixed case "TASK.UPDATED"', { q: 'TASK.UPDATED' }],
  ['8 hex digits of a commit', { q: (JSON.parse(agileTuneBody(rare).toString()) as { data: { commit: string } }).data.commit.slice(8, 16) }],
  ['absent, common trigrams', { q: '"status":"done"' }],
];
for (const [name, q] of qs) {
  const times: number[] = []; let rows = 0;
  for (let i = 0; i < 6; i++) { const t = performance.now(); rows = store.deliveries.list(q as never).length; if (i) times.push(performance.now() - t); }
  console.log(`${name}: ${rows} rows, median ${median(times).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms`);
}
console.log('load after', loadAverage());
store.close();
