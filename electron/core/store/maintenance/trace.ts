// Tracing store maintenance (HOOKSCOPE_TRACE_MAINTENANCE=1): one JSON line on stderr per retention
// slice, checkpoint and indexing slice, with its duration and an absolute time in ms (performance's
// time origin plus now, comparable across the checkpointer's worker thread and the main thread), so
// a stall seen by the receiver (bench/prune.ts logs event-loop stalls the same way) can be matched
// to the step that held it. Off by default: nothing is measured or written.
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

const TRACE_ENV = 'HOOKSCOPE_TRACE_MAINTENANCE';

export const tracing = (): boolean => Boolean(process.env[TRACE_ENV]);

/** Absolute time in ms with sub-ms precision, comparable across threads. */
export const traceClock = (): number => performance.timeOrigin + performance.now();

export function trace(kind: string, fields: Record<string, number | string | boolean | undefined>): void {
  if (!tracing()) return;
  process.stderr.write(`${JSON.stringify({ trace: kind, t: Math.round(traceClock() * 10) / 10, ...fields })}\n`);
}

/**
 * The main thread's CPU time and time spent runnable but waiting for a CPU, in ms (Linux's
 * schedstat; null elsewhere): a step that took long in wall time but little CPU and waited for a CPU
 * was the machine's load, not the step's work.
 */
export function mainThreadSched(): { cpuMs: number; waitMs: number } | null {
  try {
    const [cpu, wait] = fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ').map(Number);
    return { cpuMs: cpu! / 1e6, waitMs: wait! / 1e6 };
  } catch {
    return null;
  }
}
