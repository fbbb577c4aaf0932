// Receiver throughput against the machine's ceiling. Runs autocannon (in a child process, see
// support/load-worker.ts) against the real receiver (in-process core, temp SQLite file, an AgileTune
// endpoint with a secret, so every request is verified and committed before it is answered) and a
// bare node:http server that reads the body and answers 200, storing nothing. Rounds alternate
// between the targets (A B A B…), so drift and other work on the machine hit them alike.
//
//   npm run bench:receiver                                    3 rounds of 10 s per target, 32 connections
//   BENCH_ROUNDS=2 BENCH_SECONDS=3 npm run bench:receiver     quick smoke run
//   BENCH_TARGETS=receiver,receiver-4k,receiver-16k,bare npm run bench:receiver
//                                 adds receivers whose database was created with 4 or 16 KiB pages
//   BENCH_TARGETS=receiver,receiver-nosecret,bare npm run bench:receiver
//                                 adds a receiver whose endpoint has no secret (nothing to verify)
//   BENCH_TARGETS=bare-sqlite,receiver,bare npm run bench:receiver
//                                 adds the floor of a durable capture: bare plus the body committed
//                                 in groups before answering (one column, no index, no verification)
//   BENCH_SEARCH_INDEX=off npm run bench:receiver             background search indexing disabled
//   BENCH_TARGETS=receiver node --cpu-prof --import tsx bench/receiver.ts   profile the receiver alone
//   BENCH_BASELINE_TREE=/tmp/base BENCH_TARGETS=baseline,receiver,bare npm run bench:receiver
//                                 adds the receiver of another checkout (e.g. `git archive <commit>`
//                                 extracted there, with node_modules linked), for before/after figures
//
// Exits 1 when any acknowledged request is missing from the database (that is a bug, not a figure).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore, startCoreReceiver, type Core } from '../electron/core/index.js';
import { runLoad, toJobRequests, type LoadJob, type LoadResult } from './support/load.js';
import { BENCH_SECRET, signedAgileTuneRequests } from './support/payloads.js';
import { envInt, fixed, loadAverage, machine, median, table } from './support/report.js';
import { benchDbFile, disableSearchIndexing } from './support/temp-db.js';

const ROUNDS = envInt('BENCH_ROUNDS', 3);
const SECONDS = envInt('BENCH_SECONDS', 10);
const CONNECTIONS = envInt('BENCH_CONNECTIONS', 32);
const WARMUP_SECONDS = envInt('BENCH_WARMUP_SECONDS', 2);
const SEARCH_INDEX = process.env.BENCH_SEARCH_INDEX !== 'off';
const TARGETS = (process.env.BENCH_TARGETS ?? 'receiver,bare').split(',');
const KNOWN_TARGETS = ['baseline', 'receiver', 'receiver-4k', 'receiver-16k', 'receiver-nosecret', 'bare-sqlite', 'bare'];
const BASELINE_TREE = process.env.BENCH_BASELINE_TREE;
/** Targets whose database is created with another page size than Hookscope's own (8 KiB). */
const PAGE_SIZES: Record<string, number> = { 'receiver-4k': 4096, 'receiver-16k': 16384 };

interface Target {
  name: string;
  url: string;
  /** Captures stored so far, filed or still in the capture log (null for the bare server, which stores nothing). */
  stored(): number | null;
  /** Waits for the captures the round left in the capture log to be filed as deliveries. */
  file(): Promise<{ ms: number; rows: number }>;
  /** Waits for background work the round left behind (search indexing); returns its duration. */
  drain(): Promise<{ ms: number; rows: number }>;
  verdicts(): Record<string, number>;
  close(): Promise<void>;
}

type CoreModule = { openCore: typeof openCore; startCoreReceiver: typeof startCoreReceiver };

async function startReceiverTarget(name: string, pageSize?: number): Promise<Target> {
  // The baseline is the same code path from another checkout; it may predate the search index.
  const mod: CoreModule = name === 'baseline' ? ((await import(path.resolve(BASELINE_TREE!, 'electron/core/core.ts'))) as CoreModule) : { openCore, startCoreReceiver };
  const core: Core = mod.openCore({ dbFile: benchDbFile(name, pageSize) });
  const search = core.ctx.store.deliveries.search as typeof core.ctx.store.deliveries.search | undefined;
  if (!SEARCH_INDEX && search) disableSearchIndexing(core.ctx.store.db);
  // receiver-nosecret: the endpoint names no provider and has no secret, so each capture is only
  // recognised (no-secret) and no HMAC is computed: what verification costs, by difference.
  const verified = name !== 'receiver-nosecret';
  core.ctx.store.endpoints.create({ path: '/hooks/agiletune', provider: verified ? 'agiletune' : null, secret: verified ? BENCH_SECRET : null });
  const receiver = await mod.startCoreReceiver(core, { host: '127.0.0.1', port: 0 });
  // A baseline from before the capture log stores straight into deliveries.
  const hasLog = core.ctx.store.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'capture_log'").get() !== undefined;
  const countStmt = core.ctx.store.db.prepare(`SELECT (SELECT count(*) FROM deliveries)${hasLog ? ' + (SELECT count(*) FROM capture_log)' : ''}`).pluck();
  const logCount = hasLog ? core.ctx.store.db.prepare('SELECT count(*) FROM capture_log').pluck() : null;
  // count(*) walks the whole log (it has no index but the rowid): polled, it would be the cost measured.
  const logEmpty = () => core.ctx.store.captures.newestId() === 0;
  // A burst leaves captures in the capture log, filed once the receiver is quiet, and deliveries to
  // index for search; the next round (of any target) must not share the CPU with either catch-up,
  // so both are waited for, and timed.
  const file = async () => {
    const started = performance.now();
    const rows = (logCount?.get() as number | undefined) ?? 0;
    while (hasLog && !logEmpty()) await new Promise((resolve) => setTimeout(resolve, 20));
    return { ms: performance.now() - started, rows };
  };
  const drain = async () => {
    const started = performance.now();
    const rows = search?.backlog() ?? 0;
    while (search && search.backlog() > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    return { ms: performance.now() - started, rows };
  };
  return {
    name,
    url: receiver.url,
    stored: () => countStmt.get() as number,
    file,
    drain,
    verdicts: () => core.ctx.store.deliveries.countsByVerdict(),
    close: () => core.close(),
  };
}

async function startBareTarget(): Promise<Target> {
  const server = http.createServer((req, res) => {
    req.on('data', () => {});
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '11' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    name: 'bare',
    url: `http://127.0.0.1:${port}`,
    stored: () => null,
    file: async () => ({ ms: 0, rows: 0 }),
    drain: async () => ({ ms: 0, rows: 0 }),
    verdicts: () => ({}),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The floor for a durable capture: bare, plus the body stored in a one-column table (no index, no
 * verification, no headers) with the receiver's group commit, answered after the commit. What
 * "acknowledged ⇒ stored" costs by itself on this machine.
 */
async function startBareSqliteTarget(): Promise<Target> {
  const db = new Database(benchDbFile('bare-sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE captures (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
  const insert = db.prepare('INSERT INTO captures (body) VALUES (?)');
  const commit = db.transaction((bodies: Buffer[]) => bodies.map((b) => insert.run(b)));
  let queue: Array<{ body: Buffer; res: http.ServerResponse }> = [];
  const flush = () => {
    const batch = queue;
    queue = [];
    commit(batch.map((q) => q.body));
    for (const { res } of batch) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '11' });
      res.end('{"ok":true}');
    }
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (queue.push({ body: Buffer.concat(chunks), res }) === 1) setImmediate(flush);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const count = db.prepare('SELECT count(*) FROM captures').pluck();
  return {
    name: 'bare-sqlite',
    url: `http://127.0.0.1:${port}`,
    stored: () => count.get() as number,
    file: async () => ({ ms: 0, rows: 0 }),
    drain: async () => ({ ms: 0, rows: 0 }),
    verdicts: () => ({}),
    close: () =>
      new Promise((resolve) =>
        server.close(() => {
          db.close();
          resolve();
        }),
      ),
  };
}

interface Round extends LoadResult {
  round: number;
  target: string;
  stored: number | null;
  /** CPU the server (this process, all its threads) used during the round, in cores. */
  serverCpu: number;
  /** Captures left in the capture log by the round, filed before the next one. */
  fileMs: number;
  fileRows: number;
  /** Search indexing left behind by the round, caught up before the next one. */
  drainMs: number;
  drainRows: number;
}

/** Lets queued group commits finish, so the stored count covers every answered request. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

async function measure(target: Target, requests: LoadJob['requests'], durationSec: number, round: number): Promise<Round> {
  const before = target.stored();
  // Every target runs in this process (its threads included), so this is what the server used.
  const cpuBefore = process.cpuUsage();
  const result = await runLoad({ url: target.url, connections: CONNECTIONS, durationSec, requests });
  const cpu = process.cpuUsage(cpuBefore);
  await settle();
  const after = target.stored();
  const filed = await target.file();
  const drained = await target.drain();
  return {
    ...result,
    round,
    target: target.name,
    serverCpu: (cpu.user + cpu.system) / 1e6 / result.durationSec,
    stored: before === null || after === null ? null : after - before,
    fileMs: filed.ms,
    fileRows: filed.rows,
    drainMs: drained.ms,
    drainRows: drained.rows,
  };
}

async function main() {
  const unknown = TARGETS.filter((t) => !KNOWN_TARGETS.includes(t));
  if (unknown.length) throw new Error(`unknown BENCH_TARGETS ${unknown.join(', ')} (known: ${KNOWN_TARGETS.join(', ')})`);
  if (TARGETS.includes('baseline') && !BASELINE_TREE) throw new Error('the baseline target needs BENCH_BASELINE_TREE (a checkout to load the receiver from)');
  console.log(`Receiver benchmark: ${machine()}`);
  console.log(
    `${ROUNDS} rounds × ${SECONDS} s per target (${TARGETS.join(', ')}), ${CONNECTIONS} connections, 1 KB signed AgileTune bodies, ` +
      `search indexing ${SEARCH_INDEX ? 'on' : 'off'}`,
  );
  console.log(`load average before: ${loadAverage()}`);
  const requests = toJobRequests(signedAgileTuneRequests(256));
  const targets: Target[] = [];
  for (const name of TARGETS) {
    targets.push(
      name === 'bare'
        ? await startBareTarget()
        : name === 'bare-sqlite'
          ? await startBareSqliteTarget()
          : await startReceiverTarget(name, PAGE_SIZES[name]),
    );
  }
  try {
    for (const target of targets) await measure(target, requests, WARMUP_SECONDS, 0);
    const rounds: Round[] = [];
    for (let i = 1; i <= ROUNDS; i++) {
      for (const target of targets) {
        const round = await measure(target, requests, SECONDS, i);
        rounds.push(round);
        console.log(`  round ${i} ${target.name.padEnd(12)} ${fixed(round.reqPerSec)} req/s  p50 ${round.p50Ms} ms  p99 ${round.p99Ms} ms  server ${fixed(round.serverCpu, 2)} cores, load generator ${fixed(round.loadGenCpu, 2)}`);
      }
    }
    console.log(`load average after: ${loadAverage()}`);
    report(rounds, targets);
  } finally {
    for (const target of targets) await target.close();
  }
}

function report(rounds: Round[], targets: Target[]) {
  const rows: Array<Array<string | number>> = [
    ['round', 'target', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'acked (2xx)', 'non-2xx', 'errors', 'stored', 'server cores', 'load gen cores', 'server µs/req'],
  ];
  for (const r of rounds) {
    rows.push([
      r.round, r.target, fixed(r.reqPerSec), r.p50Ms, r.p99Ms, r.maxMs, r.ok2xx, r.non2xx, r.errors + r.timeouts, r.stored ?? '-',
      fixed(r.serverCpu, 2), fixed(r.loadGenCpu, 2), fixed((r.serverCpu / r.reqPerSec) * 1e6),
    ]);
  }
  console.log(`\n${table(rows)}\n`);
  const bare = rounds.filter((r) => r.target === 'bare');
  const bareMedian = median(bare.map((r) => r.reqPerSec));
  let lostAny = false;
  for (const target of targets.filter((t) => t.name !== 'bare')) {
    const a = rounds.filter((r) => r.target === target.name);
    const rps = median(a.map((r) => r.reqPerSec));
    const acked = a.reduce((n, r) => n + r.ok2xx, 0);
    const stored = a.reduce((n, r) => n + (r.stored ?? 0), 0);
    const lost = a.reduce((n, r) => n + Math.max(0, r.ok2xx - (r.stored ?? 0)), 0);
    const p99 = Math.max(...a.map((r) => r.p99Ms));
    lostAny ||= lost > 0;
    console.log(`${target.name}: median ${fixed(rps)} req/s, p50 ${median(a.map((r) => r.p50Ms))} ms, worst-round p99 ${p99} ms`);
    if (bare.length) {
      const perRound = a.map((r) => fixed(r.reqPerSec / (bare.find((b) => b.round === r.round)?.reqPerSec ?? NaN), 2));
      const ratio = rps / bareMedian;
      console.log(`  ratio to bare (median ${fixed(bareMedian)} req/s): ${fixed(ratio, 2)} (per round: ${perRound.join(', ')})  target ≥ 0.60, goal 0.80`);
      console.log(`  ${ratio >= 0.6 ? 'ratio ok' : 'RATIO BELOW TARGET'}, ${p99 < 10 ? 'p99 ok' : 'P99 OVER TARGET'}, ${lost === 0 ? 'no loss' : 'LOSS'}`);
    }
    console.log(`  acknowledged ${acked}, stored ${stored}, lost ${lost}; verdicts of all stored rows: ${JSON.stringify(target.verdicts())}`);
    const fileRows = a.reduce((n, r) => n + r.fileRows, 0);
    const fileMs = a.reduce((n, r) => n + r.fileMs, 0);
    if (fileRows > 0) {
      // The honest long-run figure: what was answered, over the load time plus the idle time it took
      // to verify and file what the bursts left in the capture log.
      const loadSec = a.reduce((n, r) => n + r.durationSec, 0);
      const sustained = acked / (loadSec + fileMs / 1000);
      console.log(`  left in the capture log after the rounds: ${fileRows} captures, filed in ${fixed(fileMs / 1000, 1)} s idle (${fixed(fileRows / (fileMs / 1000))}/s)`);
      console.log(`  counting that filing time: ${fixed(sustained)} req/s${bare.length ? `, ratio ${fixed(sustained / bareMedian, 2)}` : ''} (what a burst without end would get)`);
    }
    const drainRows = a.reduce((n, r) => n + r.drainRows, 0);
    const drainMs = a.reduce((n, r) => n + r.drainMs, 0);
    if (drainRows > 0) {
      console.log(`  search indexing left after the rounds: ${drainRows} deliveries, caught up in ${fixed(drainMs / 1000, 1)} s idle (${fixed(drainRows / (drainMs / 1000))}/s)`);
    }
  }
  if (lostAny) process.exitCode = 1;
}

await main();
