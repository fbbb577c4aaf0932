// Fills the search index (store/search.ts) while the receiver has nothing better to do, on the idle-slice
// scheduler (idle-slices.ts). Indexing a 1 KB delivery costs several times what capturing it does, so it never runs in the commit that
// stores a capture; it runs in slices of a few deliveries (a few milliseconds each):
// - idle (no capture for QUIET_MS): slices back to back until the backlog is gone;
// - moderate traffic: one small slice per BUSY_GAP_MS, which keeps up with a few hundred captures
//   a second while a provider's request waits at most one small slice;
// - heavy traffic (more than HEAVY_CAPTURES_PER_SEC): no indexing at all, so indexing never takes
//   throughput or latency from captures; it catches up when the burst ends, after the captures the
//   burst left in the capture log are filed (the inbox and its verdicts come before search).
// Whatever is not indexed yet is searched by a scan meanwhile: search stays exact, only slower.
import { performance } from 'node:perf_hooks';
import { SEARCH_BLOCK, type SearchIndex } from '../search.js';
import { trace } from './trace.js';
import { startIdleSlices, type IdlePolicy } from './idle-slices.js';
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
  stop(): void;
}

const QUIET_MS = 25;
/**
 * Deliveries per slice when the receiver is idle. Bigger slices index faster (FTS5 merges fewer,
 * larger segments: 128 rather than 64 took ~1.4x less CPU per delivery, bench:search-index) but a
 * capture arriving meanwhile waits for the slice: ~5 ms of CPU for 128 deliveries of 1 KB since
 * issue #17's index in blocks (64 took ~9 ms with the trigram tokenizer before). A multiple of
 * SEARCH_BLOCK, so a slice ends on a block's end and the next does not rewrite that block.
 */
export const IDLE_SLICE_ROWS = 128;
/** Under traffic, one whole block of deliveries per slice (SearchIndex's wholeBlocks): ~2 ms. */
const BUSY_SLICE_ROWS = SEARCH_BLOCK;
const BUSY_GAP_MS = 25;
const HEAVY_CAPTURES_PER_SEC = 200;

export function startSearchIndexer(index: SearchIndex, opts: SearchIndexerOptions): SearchIndexer {
  if (!index.available) return { stop: () => {} };
  const policy: IdlePolicy = { heavyPerSec: HEAVY_CAPTURES_PER_SEC, quietMs: opts.quietMs ?? QUIET_MS, busyGapMs: BUSY_GAP_MS, waitMs: BUSY_GAP_MS };
  const loop = startIdleSlices({
    policy,
    traffic: opts.traffic,
    look: () => ({ held: opts.yieldWhile?.() ?? false }),
    slice: (busy) => {
      const began = performance.now();
      let rows: number;
      if (!busy) rows = index.indexNext({ maxRows: IDLE_SLICE_ROWS });
      else {
        rows = index.indexNext({ maxRows: BUSY_SLICE_ROWS, wholeBlocks: true });
        // Only a partial block is left: it is indexed once a quiet moment comes (look again then).
        if (rows === 0 && index.backlog() > 0) loop.wake(policy.quietMs);
      }
      trace('search.index', { busy, rows, wallMs: Math.round((performance.now() - began) * 100) / 100 });
      return rows;
    },
    onError: opts.onError,
  });
  // Captures were just committed: there is work, and the receiver is busy.
  const unsubscribe = opts.traffic.onNote(() => loop.wake(policy.quietMs));
  loop.wake(policy.quietMs); // a backlog from before this run is caught up too
  return {
    stop: () => {
      unsubscribe();
      loop.stop();
    },
  };
}
