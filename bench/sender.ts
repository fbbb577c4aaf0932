// Mock sender benchmark: how fast Hookscope plays a batch as a provider would (sign, send over a new
// connection, judge, record the attempt), against a bare client doing the same sends (same signed
// bodies, a new connection each, one at a time, nothing recorded); then how close to schedule the
// retries go out under a scaled clock. The handler runs in its own process (support/handler.ts).
//
//   npm run bench:sender                        1000 events per round, 3 rounds
//   BENCH_SENDER_N=200 BENCH_ROUNDS=2 npm run bench:sender   quick smoke run
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { SendDetail, SendRun } from '../shared/api/sender.js';
import { requireProvider } from '../shared/providers/registry.js';
import { signRequest } from '../shared/verify/sign.js';
import { openCore, type Core } from '../electron/core/index.js';
import { startHandler, type Handler } from './support/handler.js';
import { agileTuneBody, BENCH_SECRET } from './support/payloads.js';
import { envInt, fixed, loadAverage, machine, median, percentile, table } from './support/report.js';
import { benchDbFile } from './support/temp-db.js';

const N = envInt('BENCH_SENDER_N', 1000);
const ROUNDS = envInt('BENCH_ROUNDS', 3);
/** AgileTune's retries are +1 min, +5 min, +30 min, +2 h, +12 h: at this scale, 14.6 h take 1.46 s. */
const SCALE = 36_000;

const bodies = Array.from({ length: N }, (_, i) => agileTuneBody(i));

async function sendAll(core: Core, handler: Handler, count: number, clock: { kind: 'virtual' } | { kind: 'scaled'; scale: number }) {
  const { items } = (await core.dispatch('send.start', {
    provider: 'agiletune',
    count,
    bodyBase64: bodies[0]!.toString('base64'),
    events: ['task.updated'],
    to: handler.url,
    secret: BENCH_SECRET,
    clock,
    wait: true,
  })) as { items: SendRun[] };
  return items;
}

/** The same sends without Hookscope: sign, POST over a fresh connection, read the answer, one at a time. */
async function bareClient(handler: Handler, count: number): Promise<number> {
  const spec = requireProvider('agiletune');
  const url = new URL(handler.url);
  let answered = 0;
  for (let i = 0; i < count; i++) {
    const body = bodies[0]!;
    const headers = signRequest(spec, body, BENCH_SECRET, { nowMs: Date.now() });
    await new Promise<void>((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent: false, headers: [...headers.flatMap((h) => [h.name, h.value]), 'Content-Type', 'application/json', 'Connection', 'close'] },
        (res) => {
          res.resume();
          res.on('end', () => {
            answered++;
            resolve();
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
  return answered;
}

async function throughput(core: Core, status: number, attemptsPerEvent: number) {
  const handler = await startHandler(status);
  const events = Math.max(1, Math.floor(N / attemptsPerEvent));
  const rows: Array<{ round: number; sender: number; bare: number }> = [];
  try {
    await sendAll(core, handler, Math.min(events, 50), { kind: 'virtual' }); // warm-up
    await bareClient(handler, 50);
    for (let round = 1; round <= ROUNDS; round++) {
      let t = performance.now();
      const runs = await sendAll(core, handler, events, { kind: 'virtual' });
      const senderSec = (performance.now() - t) / 1000;
      const attempts = runs.reduce((n, r) => n + r.attempts.length, 0);
      if (attempts !== events * attemptsPerEvent) throw new Error(`expected ${events * attemptsPerEvent} attempts, the sender made ${attempts}`);
      t = performance.now();
      const answered = await bareClient(handler, attempts);
      const bareSec = (performance.now() - t) / 1000;
      rows.push({ round, sender: attempts / senderSec, bare: answered / bareSec });
    }
  } finally {
    await handler.stop();
  }
  return { events, attemptsPerEvent, rows };
}

async function schedule(core: Core) {
  const handler = await startHandler(500);
  try {
    const runs = await sendAll(core, handler, 20, { kind: 'scaled', scale: SCALE });
    const delays = requireProvider('agiletune').retry.retryDelaysMs;
    // Each retry is due its delay after the attempt before it: compare the wall time that really
    // passed between the two sends with the delay at this scale.
    const lateness: number[] = [];
    for (const run of runs) {
      const { attempts } = (await core.dispatch('sends.get', { id: run.id })) as SendDetail;
      for (let k = 1; k < attempts.length; k++) {
        lateness.push(Date.parse(attempts[k]!.sentAt) - Date.parse(attempts[k - 1]!.sentAt) - delays[k - 1]! / SCALE);
      }
    }
    return lateness;
  } finally {
    await handler.stop();
  }
}

async function main() {
  console.log(`Sender benchmark: ${machine()}`);
  console.log(`load average before: ${loadAverage()}`);
  const core = openCore({ dbFile: benchDbFile('sender') });
  try {
    for (const [title, status, attempts] of [
      ['delivered at the first attempt (handler answers 200)', 200, 1],
      ['retry storm under the virtual clock (handler answers 500: AgileTune makes 6 attempts per event)', 500, 6],
    ] as const) {
      const result = await throughput(core, status, attempts);
      console.log(`\n${title}: ${result.events} events × ${result.attemptsPerEvent} attempts per round`);
      const out: Array<Array<string | number>> = [['round', 'sender attempts/s', 'bare client req/s', 'sender/bare']];
      for (const r of result.rows) out.push([r.round, fixed(r.sender), fixed(r.bare), fixed(r.sender / r.bare, 2)]);
      out.push(['median', fixed(median(result.rows.map((r) => r.sender))), fixed(median(result.rows.map((r) => r.bare))), fixed(median(result.rows.map((r) => r.sender / r.bare)), 2)]);
      console.log(table(out));
    }
    const lateness = await schedule(core);
    console.log(
      `\nretries under a scaled clock (×${SCALE}: AgileTune's +1 min … +12 h in 1.46 s), 20 events × 5 retries: lateness against the plan ` +
        `p50 ${fixed(percentile(lateness, 50), 1)} ms, p99 ${fixed(percentile(lateness, 99), 1)} ms, max ${fixed(Math.max(...lateness), 1)} ms, ` +
        `earliest ${fixed(Math.min(...lateness), 1)} ms`,
    );
    console.log(`load average after: ${loadAverage()}`);
  } finally {
    await core.close();
  }
}

await main();
