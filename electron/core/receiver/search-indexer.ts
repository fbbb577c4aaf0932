// Fills the search index (store/search.ts) while the receiver has nothing better to do. Indexing a
// 1 KB delivery costs several times what capturing it does, so it never runs in the commit that
// stores a capture; it runs in slices of a few deliveries (a few milliseconds each):
// - idle (no capture for QUIET_MS): slices back to back until the backlog is gone;
// - moderate traffic: one small slice per BUSY_GAP_MS, which keeps up with a few hundred captures
//   a second while a provider's request waits at most one small slice;
// - heavy traffic (more than HEAVY_CAPTURES_PER_SEC): no indexing at all, so indexing never takes
//   throughput or latency from captures; it catches up when the burst ends, after the captures the
//   burst left in the capture log are filed (the inbox and its verdicts come before search).
// Whatever is not indexed yet is searched by a scan meanwhile: search stays exact, only slower.
import type { SearchIndex } from '../store/search.js';
import type { TrafficMeter } from './traffic-meter.js';

export interface SearchIndexerOptions {
  /** The receiver's traffic (fed by it): indexing waits while it is heavy. */
  traffic: TrafficMeter;
  quietMs?: number;
  /** While this holds, indexing waits (captures still to be filed into deliveries come first). */
  yieldWhile?: () => boolean;
  /** Reports an indexing failure (full disk, read-only file) once per failure streak. */
  onError?: (err: unknown) => void;
}

export interface SearchIndexer {
  /** Captures were just committed (and counted in the traffic meter): there is work, and the receiver is busy. */
  noteCommit(): void;
  stop(): void;
}

const QUIET_MS = 25;
const IDLE_SLICE_ROWS = 32;
const BUSY_SLICE_ROWS = 8;
const BUSY_GAP_MS = 25;
const HEAVY_CAPTURES_PER_SEC = 200;
const RETRY_AFTER_ERROR_MS = 5_000;

export function startSearchIndexer(index: SearchIndex, opts: SearchIndexerOptions): SearchIndexer {
  if (!index.available) return { noteCommit: () => {}, stop: () => {} };
  const quietMs = opts.quietMs ?? QUIET_MS;
  const { traffic } = opts;
  let lastSliceAt = 0;
  let timer: NodeJS.Timeout | null = null;
  let immediate: NodeJS.Immediate | null = null;
  let stopped = false;
  let failing = false;

  const schedule = (delayMs: number) => {
    if (stopped || timer || immediate) return;
    // Not unref'd: an unref'd immediate only runs when something else wakes the loop.
    if (delayMs <= 0) immediate = setImmediate(tick);
    else timer = setTimeout(tick, delayMs).unref();
  };


  function tick() {
    timer = null;
    immediate = null;
    if (stopped) return;
    const now = Date.now();
    const busy = traffic.msSinceLast(now) < quietMs;
    if (busy && (traffic.above(HEAVY_CAPTURES_PER_SEC, now) || now - lastSliceAt < BUSY_GAP_MS)) return schedule(BUSY_GAP_MS);
    if (opts.yieldWhile?.()) return schedule(BUSY_GAP_MS);
    let covered: number;
    try {
      covered = index.indexNext({ maxRows: busy ? BUSY_SLICE_ROWS : IDLE_SLICE_ROWS });
      failing = false;
    } catch (err) {
      // Another connection (the checkpointer, a CLI command) holding the lock is routine: try again soon.
      if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) return schedule(BUSY_GAP_MS);
      if (!failing) opts.onError?.(err);
      failing = true;
      return schedule(RETRY_AFTER_ERROR_MS);
    }
    lastSliceAt = Date.now();
    if (covered > 0) schedule(busy ? BUSY_GAP_MS : 0);
  }

  schedule(quietMs); // a backlog from before this run (or from an older Hookscope) is caught up too
  return {
    noteCommit: () => schedule(quietMs),
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
    },
  };
}
