// Runs autocannon in its own process, so the load generator does not share an event loop (or, on a
// 2-core machine, a core) with the server under test. Started by load.ts with fork(); receives one
// LoadJob, answers with one LoadResult, exits.
import autocannon from 'autocannon';
import type { LoadJob, LoadResult } from './load.js';

process.once('message', async (job: LoadJob) => {
  const cpuBefore = process.cpuUsage();
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.durationSec,
    overallRate: job.overallRate,
    timeout: 10,
    requests: job.requests.map((r) => ({ method: 'POST', path: r.path, headers: r.headers, body: r.body })),
  });
  const summary: LoadResult = {
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSec: result.duration,
    loadGenCpu: cpuShare(process.cpuUsage(cpuBefore), result.duration),
  };
  process.send!(summary, () => process.exit(0));
});

/** The load generator's CPU time over the run, in cores (1 = one core busy the whole time). */
function cpuShare(used: NodeJS.CpuUsage, durationSec: number): number {
  return (used.user + used.system) / 1e6 / durationSec;
}
