// When logged captures are filed into deliveries (filing.ts), on the idle-slice scheduler
// (store/maintenance/idle-slices.ts):
// - moderate traffic (up to HEAVY_CAPTURES_PER_SEC): each group right after its commit, before the
//   answers go out, so a delivery is in the inbox, verified, by the time its provider hears back;
// - a burst nobody reads during: not at all while captures keep coming, so verifying and indexing
//   never take throughput from capturing; the backlog is filed in slices as soon as the receiver is
//   quiet for QUIET_MS;
// - a burst that does not end: once the oldest waiting capture is MAX_LAG_MS old, slices are filed
//   between captures anyway, so the inbox is never further behind than that and the log stays bounded;
// - a burst while someone reads the inbox (a UI watching it live, or reads that keep finding
//   captures waiting): the loop files as captures arrive (Filing.someoneReading), so the inbox stays
//   live and each read stays short (bench:responsiveness); reads would file it all first anyway.
// Nothing waiting is at risk meanwhile: it was committed before it was answered.
import { startIdleSlices, type IdlePolicy } from '../store/maintenance/idle-slices.js';
import type { TrafficMeter } from '../store/maintenance/traffic-meter.js';
import type { Store } from '../store/index.js';
import type { Filing } from './filing.js';

export interface FilingLoopOptions {
  /** The receiver's traffic (noted by the loop at each commit). */
  traffic: TrafficMeter;
  /** Captures per second above which filing waits for a quiet moment. */
  heavyPerSec?: number;
  /** How long without a capture counts as quiet, in a burst. */
  quietMs?: number;
  maxLagMs?: number;
  /** Reports a filing failure (full disk, read-only file) once per failure streak. */
  onError?: (err: unknown) => void;
  /**
   * Reports captures waiting to be filed (about how many, and since when) once a second while the
   * oldest has waited WAITING_REPORT_MS or more, then once with 0 when they are all filed.
   */
  onWaiting?: (count: number, oldestReceivedAtMs: number | null) => void;
}

export interface FilingLoop {
  /** The receiver committed these ids (`bytes` of bodies): counted, to be announced, and filed now unless in a burst. */
  committed(ids: readonly number[], bytes: number): void;
  stop(): void;
}

const HEAVY_CAPTURES_PER_SEC = 1_000;
const QUIET_MS = 25;
const BUSY_GAP_MS = 25;
const MAX_LAG_MS = 30_000;
const SLICE_ROWS = 64;
const SLICE_BYTES = 1024 * 1024;
const WAITING_REPORT_MS = 500;

export function startFilingLoop(store: Store, filing: Filing, opts: FilingLoopOptions): FilingLoop {
  const policy: IdlePolicy = { heavyPerSec: opts.heavyPerSec ?? HEAVY_CAPTURES_PER_SEC, quietMs: opts.quietMs ?? QUIET_MS, busyGapMs: 0, waitMs: BUSY_GAP_MS };
  const maxLagMs = opts.maxLagMs ?? MAX_LAG_MS;
  const { traffic } = opts;
  let lastCommitCount = 0;
  let lastCommitBytes = 0;
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

  const loop = startIdleSlices({
    policy,
    traffic,
    look(now) {
      const oldest = store.captures.oldest();
      const moreToAnnounce = filing.announce(oldest?.id ?? Infinity); // what another process filed meanwhile
      reportWaiting(oldest, now);
      if (!oldest) return { again: moreToAnnounce };
      return { overdue: now - oldest.receivedAtMs >= maxLagMs || filing.someoneReading(now) };
    },
    // Overdue in a burst, a slice must outpace what arrives between two of them, or the lag grows.
    // Between captures (busy), a slice never waits for another process's write lock with the event loop
    // (up to the connection's 5 s busy timeout): it is tried again shortly, as the commit path does.
    slice: (busy) =>
      filing.fileNext({ maxRows: Math.max(SLICE_ROWS, 2 * lastCommitCount), maxBytes: Math.max(SLICE_BYTES, 2 * lastCommitBytes), lockWaitMs: busy ? 0 : undefined }),
    onError: opts.onError,
  });

  loop.wake(0); // a backlog left by a stopped or killed run is filed first
  return {
    committed(ids, bytes) {
      filing.committed(ids);
      traffic.note(ids.length);
      const now = Date.now();
      lastCommitCount = ids.length;
      lastCommitBytes = bytes;
      // As many as were just committed, oldest first: these, unless a backlog is still being filed
      // (then the backlog shrinks at the pace captures arrive, and the idle slices do the rest). The
      // answers wait for this, so it never waits for another connection's write lock: the loop retries.
      if (!traffic.above(policy.heavyPerSec, now) && !loop.failing) loop.runNow(() => filing.fileNext({ maxRows: ids.length, maxBytes: Number.MAX_SAFE_INTEGER, lockWaitMs: 0 }));
      // The loop checks for captures left, quiet and lag; at once while something reads, so that the
      // next read finds (almost) nothing waiting.
      loop.wake(filing.someoneReading(now) ? 0 : Math.min(policy.quietMs, BUSY_GAP_MS));
    },
    stop: () => loop.stop(),
  };
}
