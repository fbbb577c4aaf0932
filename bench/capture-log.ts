// What the capture log saves the receiver, per capture, without HTTP in the way: appending a capture
// to the log (what the receiver does before answering) against inserting its delivery row directly
// (what it did before the log); then filing logged captures into deliveries (verify, insert, remove
// from the log: what happens after a burst), and how long a read waits when a burst left captures
// waiting. Each figure is the median of several runs on a fresh temp database, alternating the two
// kinds of write so drift hits both alike.
//
//   npm run bench:capture-log
//   BENCH_N=20000 BENCH_ROUNDS=3 npm run bench:capture-log
import { performance } from 'node:perf_hooks';
import { openCore, type NewCapture, type RawCapture } from '../electron/core/index.js';
import { verifyWithProfile } from '../shared/providers/registry.js';
import { BENCH_PATH, BENCH_SECRET, signedAgileTuneRequests } from './support/payloads.js';
import { envInt, fixed, machine, median } from './support/report.js';
import { benchDbFile } from './support/temp-db.js';

const N = envInt('BENCH_N', 40_000);
const ROUNDS = envInt('BENCH_ROUNDS', 3);
/** Captures per group commit, as the receiver groups them under load (32 connections). */
const GROUP = 32;

const requests = signedAgileTuneRequests(256);
const nowMs = Date.now();

function raw(i: number, endpointId: number): RawCapture {
  const r = requests[i % requests.length]!;
  return {
    receivedAtMs: nowMs,
    method: 'POST',
    path: r.path,
    query: '',
    httpVersion: '1.1',
    rawHeaders: r.headers.flatMap((h) => [h.name, h.value]),
    body: r.body,
    truncated: false,
    incomplete: null,
    remoteAddress: '127.0.0.1',
    remotePort: 40_000 + (i % 20_000),
    durationMs: 0.4,
    endpointId,
    endpointPath: BENCH_PATH,
    responseStatus: 200,
  };
}

/** The delivery row the receiver used to build before answering: verified, headers parsed. */
function delivery(i: number, endpointId: number): NewCapture {
  const r = requests[i % requests.length]!;
  const verification = verifyWithProfile('agiletune', { headers: r.headers, body: r.body, receivedAtMs: nowMs, truncated: false }, [BENCH_SECRET]);
  const { rawHeaders: _raw, ...rest } = raw(i, endpointId);
  return { ...rest, headers: r.headers, provider: 'agiletune', verification };
}

function freshCore(name: string) {
  const core = openCore({ dbFile: benchDbFile(name) });
  const endpoint = core.ctx.store.endpoints.create({ path: BENCH_PATH, provider: 'agiletune', secret: BENCH_SECRET });
  return { core, endpointId: endpoint.id };
}

/** µs per capture for `write` over N captures in groups, building included (the receiver builds them too). */
function perCapture(write: (from: number, to: number) => void): number {
  const started = performance.now();
  for (let i = 0; i < N; i += GROUP) write(i, Math.min(N, i + GROUP));
  return ((performance.now() - started) * 1000) / N;
}

async function main() {
  console.log(`Capture log benchmark: ${machine()}`);
  console.log(`${N} captures (1 KB signed AgileTune bodies) in groups of ${GROUP}, ${ROUNDS} rounds`);
  const append: number[] = [];
  const direct: number[] = [];
  const filing: number[] = [];
  const readWait: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const log = freshCore('capture-log');
    append.push(perCapture((from, to) => log.core.ctx.store.captures.append(Array.from({ length: to - from }, (_, k) => raw(from + k, log.endpointId)))));
    // Filing what the burst left, as the receiver does once quiet (slices of 64).
    const started = performance.now();
    while (log.core.ctx.filing.fileNext({ maxRows: 64 }) > 0);
    filing.push(((performance.now() - started) * 1000) / N);
    if (log.core.ctx.store.deliveries.count() !== N) throw new Error('filing lost captures');
    // A read after a burst: it files every capture waiting before it answers.
    const waiting = Math.min(N, 30_000);
    for (let i = 0; i < waiting; i += GROUP) log.core.ctx.store.captures.append(Array.from({ length: Math.min(GROUP, waiting - i) }, (_, k) => raw(i + k, log.endpointId)));
    const readStarted = performance.now();
    await log.core.dispatch('stats.get', {});
    readWait.push(performance.now() - readStarted);
    await log.core.close();

    const rows = freshCore('capture-direct');
    direct.push(perCapture((from, to) => rows.core.ctx.store.deliveries.insertMany(Array.from({ length: to - from }, (_, k) => delivery(from + k, rows.endpointId)))));
    await rows.core.close();
    console.log(`  round ${round}: append ${fixed(append.at(-1)!, 1)} µs, verify + delivery row ${fixed(direct.at(-1)!, 1)} µs, filing ${fixed(filing.at(-1)!, 1)} µs per capture; a read after 30,000 waiting: ${fixed(readWait.at(-1)!)} ms`);
  }
  console.log(`\nper capture (median of ${ROUNDS}):`);
  console.log(`  appended to the capture log (before the answer now):   ${fixed(median(append), 1)} µs`);
  console.log(`  verified and inserted as a delivery (before, directly): ${fixed(median(direct), 1)} µs`);
  console.log(`  filed from the log into deliveries (after a burst):     ${fixed(median(filing), 1)} µs`);
  console.log(`a read waiting for 30,000 captures to be filed: ${fixed(median(readWait))} ms`);
}

await main();
