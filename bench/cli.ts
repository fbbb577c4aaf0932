// CLI start-up benchmark: the built `hookscope` (dist/cli/cli.js, as installed users run it) against
// `node -e 0` in the same run, alternating one run of each per round so both see the same machine
// load. Each run is a fresh process (cold in Node's sense; the OS file cache is warm after round one).
// On a loaded machine wall time is mostly waiting for a core, so the CPU time each process used (user +
// system, from /usr/bin/time where it exists) is printed beside it: the fairer ratio under load.
// Measured: `stats --json` and `deliveries --json --limit 50` on a 10,000-delivery database, and
// `serve` from spawn until its receiver answered a first request. Target: at most 2× `node -e 0`.
//
//   npm run bench:cli                  10 rounds (the RESULTS.md run)
//   BENCH_CLI_ROUNDS=3 npm run bench:cli
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { openStore } from '../electron/core/index.js';
// @ts-expect-error: a plain .mjs build script without types
import { ensureCliBuilt } from '../scripts/build-cli.mjs';
import { deliveryAt, verdicts } from './support/deliveries.js';
import { envInt, fixed, loadAverage, machine, median, table } from './support/report.js';
import { benchDbFile } from './support/temp-db.js';

const ROUNDS = envInt('BENCH_CLI_ROUNDS', 10);
const DELIVERIES = 10_000;
const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'dist/cli/cli.js');

function fillDatabase(): string {
  const file = benchDbFile('cli');
  const store = openStore(file);
  const v = verdicts();
  const now = Date.now();
  for (let from = 0; from < DELIVERIES; from += 1000) {
    store.deliveries.insertMany(Array.from({ length: 1000 }, (_, i) => deliveryAt(from + i, DELIVERIES, v, now)));
  }
  store.close();
  return file;
}

const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Wall time of one process from spawn to exit, and its CPU time (NaN without /usr/bin/time), in ms. */
function timeRun(args: string[]): { wall: number; cpu: number } {
  const [command, commandArgs] = TIME ? [TIME, ['-f', 'hookscope-bench-cpu %U %S', process.execPath, ...args]] : [process.execPath, args];
  const t = performance.now();
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const wall = performance.now() - t;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
  const cpu = /hookscope-bench-cpu ([\d.]+) ([\d.]+)/.exec(result.stderr);
  return { wall, cpu: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : NaN };
}

/** From spawning `serve` until its receiver answered one request. */
async function timeServe(db: string): Promise<number> {
  const t = performance.now();
  const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--receiver-port', '0', '--ui-port', '0', '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  const { receiverUrl } = JSON.parse(line) as { receiverUrl: string };
  const res = await fetch(`${receiverUrl}/bench/first`, { method: 'POST', body: '{"hello":"bench"}' });
  await res.arrayBuffer();
  const ms = performance.now() - t;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return ms;
}

await ensureCliBuilt();
const db = fillDatabase();
const loadBefore = loadAverage();
type Run = { wall: number; cpu: number };
const samples = { node: [] as Run[], stats: [] as Run[], deliveries: [] as Run[], serve: [] as number[] };
const serveDb = benchDbFile('cli-serve');
for (let round = 0; round < ROUNDS; round++) {
  samples.node.push(timeRun(['-e', '0']));
  samples.stats.push(timeRun([CLI, 'stats', '--json', '--db', db]));
  samples.deliveries.push(timeRun([CLI, 'deliveries', '--json', '--limit', '50', '--db', db]));
  samples.serve.push(await timeServe(serveDb));
}
const walls = (runs: Run[]) => runs.map((r) => r.wall);
const cpus = (runs: Run[]) => runs.map((r) => r.cpu);
const base = median(walls(samples.node));
const baseCpu = median(cpus(samples.node));
const ratio = (value: number, of: number) => (Number.isNaN(value) ? '-' : `${(value / of).toFixed(2)}×`);
const row = (name: string, values: number[], cpu: number[] = []) => {
  const cpuMedian = cpu.length ? median(cpu) : NaN;
  return [name, fixed(median(values)), fixed(Math.min(...values)), fixed(Math.max(...values)), ratio(median(values), base), Number.isNaN(cpuMedian) ? '-' : fixed(cpuMedian), ratio(cpuMedian, baseCpu)];
};
console.log(`hookscope CLI start-up: median of ${ROUNDS} runs each, alternating; ${DELIVERIES.toLocaleString('en')} deliveries`);
console.log(`${machine()}; load average ${loadBefore} before, ${loadAverage()} after`);
console.log(
  table([
    ['command', 'wall median ms', 'min', 'max', 'vs node -e 0', 'CPU median ms', 'vs node -e 0'],
    row('node -e 0', walls(samples.node), cpus(samples.node)),
    row('hookscope stats --json', walls(samples.stats), cpus(samples.stats)),
    row('hookscope deliveries --json --limit 50', walls(samples.deliveries), cpus(samples.deliveries)),
    row('hookscope serve → first request answered', samples.serve),
  ]),
);
