// Verification cost per delivery, beside its floor (one HMAC-SHA256 of the same body). Verification
// runs on the receiver's event loop, so what it costs on one request is what every other capture in
// flight waits: the signature doctor (which retries the classic mistakes when a signature is
// wrong) must stay bounded on large bodies.
//
//   npm run bench:verify
//   BENCH_BASELINE_TREE=/tmp/base npm run bench:verify   adds the invalid case as verified by another
//                                 checkout (e.g. `git archive <commit>` extracted there, node_modules linked)
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { requireProvider, verifyWithProfile } from '../shared/providers/registry.js';
import { signRequest } from '../shared/verify/sign.js';
import { fixed, loadAverage, machine, median, table } from './support/report.js';

const SECRET = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';
const OTHER_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const PROVIDERS = ['agiletune', 'stripe', 'standard-webhooks'];

function jsonBody(bytes: number): Buffer {
  const items = Array.from({ length: Math.ceil(bytes / 40) }, (_, i) => ({ id: i, name: `item ${i}` }));
  return Buffer.from(JSON.stringify({ items })).subarray(0, Math.max(bytes, 2));
}

/** Median of `runs` timings of fn, in ms, after one warm-up call. */
function time(fn: () => void, runs: number): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

type Verify = typeof verifyWithProfile;
const BASELINE_TREE = process.env.BENCH_BASELINE_TREE;

async function main() {
  const baseline: Verify | null = BASELINE_TREE
    ? ((await import(path.resolve(BASELINE_TREE, 'shared/providers/registry.ts'))) as { verifyWithProfile: Verify }).verifyWithProfile
    : null;
  console.log(`Verification benchmark: ${machine()}`);
  console.log(`load average before: ${loadAverage()}`);
  const rows: Array<Array<string | number>> = [
    ['body', 'provider', 'valid ms', 'invalid (doctor) ms', ...(baseline ? ['invalid, baseline ms'] : []), 'one HMAC ms (floor)', 'invalid / floor'],
  ];
  for (const [label, bytes, runs] of [
    ['1 KB JSON', 1024, 2000],
    ['100 KB JSON', 100 * 1024, 200],
    ['1.5 MB JSON', 1.5 * 1024 * 1024, 10],
    ['10 MB bytes', 10 * 1024 * 1024, 5],
    ['25 MB bytes', 25 * 1024 * 1024, 3],
  ] as const) {
    const body = label.endsWith('JSON') ? jsonBody(bytes) : Buffer.alloc(bytes, 0x61);
    for (const id of PROVIDERS) {
      const headers = signRequest(requireProvider(id), body, SECRET, { nowMs: Date.now() });
      const verify = (fn: Verify, secret: string) => () => fn(id, { headers, body, receivedAtMs: Date.now() }, [secret]);
      const valid = time(verify(verifyWithProfile, SECRET), runs);
      const invalid = time(verify(verifyWithProfile, OTHER_SECRET), runs);
      const before = baseline ? [fixed(time(verify(baseline, OTHER_SECRET), runs), 3)] : [];
      const floor = time(() => createHmac('sha256', SECRET).update(body).digest(), runs);
      rows.push([label, id, fixed(valid, 3), fixed(invalid, 3), ...before, fixed(floor, 3), fixed(invalid / floor, 1)]);
    }
  }
  console.log(`\n${table(rows)}\n`);
  console.log('the doctor also tries re-serialised JSON, for bodies up to 1 MiB');
  console.log(`load average after: ${loadAverage()}`);
}

await main();
