// When the receiver files logged captures into deliveries (core/capture-pipeline.ts):
// - moderate traffic (up to HEAVY_CAPTURES_PER_SEC): each group right after its commit, before the
//   answers go out, so a delivery is in the inbox, verified, by the time its provider hears back;
// - a burst: not at all while captures keep coming, so verifying and indexing never take throughput
//   from capturing; the backlog is filed in slices as soon as the receiver is quiet for QUIET_MS;
// - a burst that does not end: once the oldest waiting capture is MAX_LAG_MS old, slices are filed
//   between captures anyway, so the inbox is never further behind than that and the log stays bounded.
// Nothing waiting is at risk meanwhile: it was committed before it was answered.
import type { CapturePipeline } from '../capture-pipeline.js';
import type { Store } from '../store/index.js';
import type { TrafficMeter } from './traffic-meter.js';

export interface CapturePromoterOptions {
  /** The receiver's traffic (fed by it before each afterAppend). */
  traffic: TrafficMeter;
  /** Captures per second above which promotion waits for a quiet moment. */
  heavyPerSec?: number;
  /** How long without a capture counts as quiet, in a burst. */
  quietMs?: number;
  maxLagMs?: number;
  /** Reports a promotion failure (full disk, read-only file) once per failure streak. */
  onError?: (err: unknown) => void;
  /**
   * Reports captures waiting to be filed (about how many, and since when) once a second while the
   * oldest has waited WAITING_REPORT_MS or more, then once with 0 when they are all filed.
   */
  onWaiting?: (count: number, oldestReceivedAtMs: number | null) => void;
}

export interface CapturePromoter {
  /** `count` captures (`bytes` of bodies) were just committed to the log (and counted in the traffic meter); files them now unless in a burst. */
  afterAppend(count: number, bytes: number): void;
  stop(): void;
}

const HEAVY_CAPTURES_PER_SEC = 1_000;
const QUIET_MS = 25;
const BUSY_GAP_MS = 25;
const MAX_LAG_MS = 30_000;
const SLICE_ROWS = 64;
const SLICE_BYTES = 1024 * 1024;
const RETRY_AFTER_ERROR_MS = 5_000;
const WAITING_REPORT_MS = 500;

export function startCapturePromoter(store: Store, pipeline: CapturePipeline, opts: CapturePromoterOptions): CapturePromoter {
  const heavyPerSec = opts.heavyPerSec ?? HEAVY_CAPTURES_PER_SEC;
  const maxLagMs = opts.maxLagMs ?? MAX_LAG_MS;
  const quietMs = opts.quietMs ?? QUIET_MS;
  const { traffic } = opts;
  let lastAppendCount = 0;
  let lastAppendBytes = 0;
  let timer: NodeJS.Timeout | null = null;
  let immediate: NodeJS.Immediate | null = null;
  let stopped = false;
  let failing = false;
  let lastWaitingReport = 0;
  let reportedWaiting = false;

  /** Ids are consecutive for one receiver, so the span is the count (an upper bound with two). */
  const reportWaiting = (oldest: { id: number; receivedAtMs: number } | undefined, now: number) => {
    if (!opts.onWaiting) return;
    if (!oldest) {
      if (reportedWaiting) opts.onWaiting(0, null);
      reportedWaiting = false;
      return;
    }
    if (now - oldest.receivedAtMs < WAITING_REPORT_MS || now - lastWaitingReport < 1_000) return;
    lastWaitingReport = now;
    reportedWaiting = true;
    opts.onWaiting(store.captures.newestId() - oldest.id + 1, oldest.receivedAtMs);
  };


  const schedule = (delayMs: number) => {
    if (stopped || timer || immediate) return;
    if (delayMs <= 0) immediate = setImmediate(tick);
    else timer = setTimeout(tick, delayMs).unref(); // the server keeps the process alive while it runs
  };

  /** One slice; false when it failed (and a retry is scheduled). */
  const promote = (slice: { maxRows: number; maxBytes: number; lockWaitMs?: number }): number | false => {
    try {
      const n = pipeline.promoteNext(slice);
      failing = false;
      return n;
    } catch (err) {
      // Another connection holding the write lock (the checkpointer, a CLI command) is routine.
      if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
        schedule(BUSY_GAP_MS);
        return false;
      }
      if (!failing) opts.onError?.(err);
      failing = true;
      schedule(RETRY_AFTER_ERROR_MS);
      return false;
    }
  };

  function tick() {
    timer = null;
    immediate = null;
    if (stopped) return;
    try {
      fileOrWait();
    } catch (err) {
      // Reading the log failed (the file went away, say): report it and come back later.
      if (!failing) opts.onError?.(err);
      failing = true;
      schedule(RETRY_AFTER_ERROR_MS);
    }
  }

  function fileOrWait() {
    const oldest = store.captures.oldest();
    const moreToAnnounce = pipeline.announce(oldest?.id ?? Infinity); // what another process filed meanwhile
    const now = Date.now();
    reportWaiting(oldest, now);
    if (!oldest) {
      if (moreToAnnounce) schedule(0);
      return;
    }
    const lagging = now - oldest.receivedAtMs >= maxLagMs;
    if (traffic.msSinceLast(now) < quietMs && traffic.above(heavyPerSec, now) && !lagging) return schedule(BUSY_GAP_MS);
    // Lagging in a burst, a slice must outpace what arrives between two of them, or the lag grows.
    const filed = promote({ maxRows: Math.max(SLICE_ROWS, 2 * lastAppendCount), maxBytes: Math.max(SLICE_BYTES, 2 * lastAppendBytes) });
    if (filed !== false && filed > 0) schedule(0);
  }

  schedule(0); // a backlog left by a stopped or killed run is filed first
  return {
    afterAppend(count, bytes) {
      const now = Date.now();
      lastAppendCount = count;
      lastAppendBytes = bytes;
      // As many as were just committed, oldest first: these, unless a backlog is still being filed
      // (then the backlog shrinks at the pace captures arrive, and the idle slices do the rest). The
      // answers wait for this, so it never waits for another connection's write lock: the tick retries.
      if (!traffic.above(heavyPerSec, now) && !failing) promote({ maxRows: count, maxBytes: Number.MAX_SAFE_INTEGER, lockWaitMs: 0 });
      schedule(Math.min(quietMs, BUSY_GAP_MS)); // the tick checks for captures left, quiet and lag
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
    },
  };
}
