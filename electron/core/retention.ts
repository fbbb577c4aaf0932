// Retention in time: running a removal (store/retention.ts) slice by slice with the event loop free
// between slices, and serve's background retention, which applies the stored settings
// (retention.keep / maxAge / maxBytes) every RUN_EVERY_MS. Each slice holds the write lock for about
// SLICE_MS; between slices the receiver commits whatever arrived (in this process or another), so
// pruning costs a capture a few milliseconds at most and never a 503.
//
// What a slice costs was measured at 200k and 1M deliveries (bench/RESULTS.md, "Pruning"): not the
// DELETE, but what follows it. (1) The commit writes every page the slice dirtied to the WAL after
// the time budget was checked: so a slice is also capped in rows (pages, when giving space back), and
// the cap adapts to what whole slices, commit included, took. (2) The pause after a slice is at least
// twice the slice, so retention takes at most a third of the event loop however slow the machine is.
// Both only where a receiver shares the process (SliceOptions.paced): a CLI prune beside serve keeps
// plain time-bounded slices.
// Pruning writes the WAL faster than the checkpointer's PASSIVE checkpoints drain it; the
// checkpointer restarts a WAL that keeps growing (store/maintenance/checkpointer.ts), so it no longer
// reaches the size whose truncation held writers back for 100–470 ms. Pausing retention until
// checkpoints caught up was tried instead: background retention then fell behind a flat-out receiver.
// While a run is in progress (Retention.running) the search indexer waits, so their slices do not
// stack; a prune by count counts in chunks first (store/retention.ts, SlicedCount), as one count(*)
// held the event loop for hundreds of ms at these sizes. HOOKSCOPE_TRACE_MAINTENANCE traces each slice.
import { performance } from 'node:perf_hooks';
import { RETENTION_KEYS, retentionRules, type RetentionRules } from '../../shared/settings.js';
import type { PruneResult } from '../../shared/api/storage.js';
import type { CoreContext } from './context.js';
import { DiskRoom } from './store/disk-room.js';
import { asStoreError, StoreError } from './store/errors.js';
import type { RemovalRules, Removal, Retention } from './store/retention.js';
import { mainThreadSched, trace, tracing } from './store/maintenance/trace.js';

export const SLICE_MS = 4;
/** Pause between slices: long enough for a receiver in another process to take the write lock. */
const GAP_MS = 10;
/** What a whole slice may hold the write lock, its commit included (the cap on units adapts to it). */
const HELD_MS = SLICE_MS;
/** The pause after a slice is at least this many times the slice. */
const GAP_PER_SLICE = 2;
/**
 * Rows (or pages) per slice: where the cap starts, and how far it may adapt. The time budget is
 * checked between statements, but the commit that ends a slice writes every page the slice dirtied
 * to the WAL after the budget ran out: the cap bounds that too, adapted to what a whole slice,
 * commit included, took.
 */
const START_UNITS = 64;
const MIN_UNITS = 32;
const MAX_UNITS = 1024;
const RUN_EVERY_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (ms: number) => Math.round(ms * 100) / 100;

export interface SliceOptions {
  /** Checked between slices: stop early (the core is closing). */
  stopped?: () => boolean;
  /** Hears each pause between slices (for benchmarks). */
  onPause?: (ms: number) => void;
  /**
   * False where no receiver shares this process (a CLI `prune`): slices are bounded by time alone,
   * 10 ms apart, as the lock is all another process's receiver waits for; the row cap, longer pauses
   * and WAL pauses protect a receiver's event loop and would only slow such a prune several times
   * over (the receiver in the other process keeps the WAL growing and the lock contended).
   */
  paced?: boolean;
}

/**
 * Runs `slice(units)` (one short transaction doing at most `units` of work; true while more is left)
 * until it is done, paced as the header says.
 */
async function runPaced(kind: string, retention: Retention, slice: (units: number) => number | false, opts: SliceOptions): Promise<void> {
  retention.running++;
  try {
    await runSlices(kind, retention, slice, opts);
  } finally {
    retention.running--;
  }
}

async function runSlices(kind: string, retention: Retention, slice: (units: number) => number | false, opts: SliceOptions): Promise<void> {
  let units = START_UNITS;
  const paced = opts.paced ?? true;
  while (!opts.stopped?.()) {
    const began = performance.now();
    const sched = tracing() ? mainThreadSched() : null;
    const did = slice(paced ? units : Number.MAX_SAFE_INTEGER);
    const tookMs = retention.lastHeldMs;
    if (tracing()) traceStep(kind, paced ? units : undefined, did, retention, performance.now() - began, sched);
    if (paced) {
      // Gently both ways: on a shared machine one slice in many is slow for reasons of its own.
      if (tookMs > HELD_MS) units = Math.max(MIN_UNITS, Math.floor(units * 0.7));
      else if (tookMs < HELD_MS * 0.75) units = Math.min(MAX_UNITS, Math.ceil(units * 1.25));
    }
    if (did === false) return;
    const pauseMs = paced ? Math.max(GAP_MS, GAP_PER_SLICE * tookMs) : GAP_MS;
    if (paced) opts.onPause?.(pauseMs);
    await sleep(pauseMs);
  }
}

/** One traced slice: its cap on units (paced runs), what it did, how long it held the write lock (of which the commit), its wall time, and (Linux) the CPU it used and waited for. */
function traceStep(kind: string, units: number | undefined, did: number | false, retention: Retention, wallMs: number, before: ReturnType<typeof mainThreadSched>): void {
  const after = mainThreadSched();
  const cpu = before && after ? { cpuMs: round(after.cpuMs - before.cpuMs), waitCpuMs: round(after.waitMs - before.waitMs) } : {};
  trace(kind, { units, n: did === false ? 'last' : did, heldMs: round(retention.lastHeldMs), commitMs: round(retention.lastCommitMs), wallMs: round(wallMs), ...cpu });
}

/** Runs a removal to its end, one short transaction at a time; returns how many deliveries went. */
export async function runRemoval(retention: Retention, removal: Removal, opts: SliceOptions = {}): Promise<number> {
  await runPaced(
    'retention.remove',
    retention,
    (rows) => {
      const removed = removal.step(SLICE_MS, rows);
      return removal.done ? false : removed;
    },
    opts,
  );
  return removal.removed;
}

/** Gives the pages removals freed back to the OS, in slices (nothing to do on a database without incremental vacuum). */
export async function giveBackSpace(retention: Retention, opts: SliceOptions = {}): Promise<void> {
  await runPaced('retention.giveBack', retention, (pages) => retention.giveBackSpace(SLICE_MS, pages) || false, opts);
}

/** Counts the deliveries a chunk at a time, the event loop free between chunks (count() holds it 100s of ms at 1M). */
export async function countInSlices(retention: Retention): Promise<number> {
  const counting = retention.slicedCount();
  while (!counting.step()) await new Promise((resolve) => setImmediate(resolve));
  return counting.total;
}

/** Removal rules for retention settings read now. */
export function removalRules(rules: RetentionRules, now = Date.now()): RemovalRules {
  return {
    keep: rules.keep,
    receivedBeforeMs: rules.maxAgeMs === undefined ? undefined : now - rules.maxAgeMs,
    maxBytes: rules.maxBytes,
  };
}

/**
 * A prune asked for now (CLI `prune`, the API): removes, gives the space back, and where no receiver
 * runs in this process (the CLI) checkpoints so the file's new size shows at once; serve's
 * checkpointer does that itself. A failure (a full disk) stops it between slices: what was removed
 * before stays removed, the rest is intact, and the error says both.
 */
export async function pruneNow(ctx: CoreContext, rules: RemovalRules): Promise<PruneResult> {
  const { retention } = ctx.store;
  const dbBytesBefore = retention.dbBytes();
  const removal = retention.prune(rules);
  const paced = ctx.settings.receiverUrl !== null;
  try {
    await runRemoval(retention, removal, { paced });
    await giveBackSpace(retention, { paced });
  } catch (err) {
    const cause = asStoreError(err, ctx.store.file);
    const code = cause instanceof StoreError ? cause.code : 'db-io';
    throw new StoreError(`prune stopped after removing ${removal.removed} deliveries (the database is intact): ${cause.message}`, code);
  } finally {
    announce(ctx, removal);
  }
  if (!paced) checkpointQuietly(ctx);
  return { removed: removal.removed, kept: await countInSlices(retention), dbBytesBefore, dbBytesAfter: retention.dbBytes() };
}

/** Clears all deliveries, or one endpoint's, in slices. */
export async function clearNow(ctx: CoreContext, endpoint?: string): Promise<number> {
  const removal = ctx.store.retention.clear(endpoint);
  const paced = ctx.settings.receiverUrl !== null;
  try {
    await runRemoval(ctx.store.retention, removal, { paced });
    await giveBackSpace(ctx.store.retention, { paced });
  } finally {
    announce(ctx, removal, endpoint);
  }
  if (!paced) checkpointQuietly(ctx);
  return removal.removed;
}

/** Tells the UI which deliveries went (all up to an id: a prune removes the oldest, a clear all there were). */
function announce(ctx: CoreContext, removal: Removal, endpoint?: string): void {
  if (removal.removed > 0) ctx.events.emit('deliveries.removed', { throughId: removal.throughId, endpoint: endpoint ?? null });
}

/** Copies the WAL into the file and empties it, unless another connection is in the way (then later). */
function checkpointQuietly(ctx: CoreContext): void {
  const { db } = ctx.store;
  const waited = db.pragma('busy_timeout', { simple: true }) as number;
  try {
    db.pragma('busy_timeout = 100');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Busy or full: the next checkpoint (serve's, or the next command's) does it.
  } finally {
    db.pragma(`busy_timeout = ${waited}`);
  }
}

export interface BackgroundRetention {
  /** Runs now rather than at the next interval (a setting just changed). */
  poke(): void;
  stop(): void;
}

/** Serve's and the app's retention: applies the stored settings every RUN_EVERY_MS, in slices. */
export function startRetention(ctx: CoreContext, opts: { intervalMs?: number; room?: DiskRoom } = {}): BackgroundRetention {
  const intervalMs = opts.intervalMs ?? RUN_EVERY_MS;
  const room = opts.room ?? new DiskRoom(ctx.store.file);
  let stopped = false;
  let running = false;
  let again = false;
  let failing = false;
  let timer: NodeJS.Timeout | null = null;

  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), ms).unref();
  };

  async function run() {
    timer = null;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const rules = retentionRules(ctx.store.settings.values(RETENTION_KEYS));
      const asked = rules.keep !== undefined || rules.maxAgeMs !== undefined || rules.maxBytes !== undefined;
      // Maintenance waits while the disk is nearly full: the space freed first is for captures.
      if (asked && room.forMaintenance()) {
        const removal = ctx.store.retention.prune(removalRules(rules));
        await runRemoval(ctx.store.retention, removal, { stopped: () => stopped });
        if (!stopped) announce(ctx, removal);
        await giveBackSpace(ctx.store.retention, { stopped: () => stopped });
      }
      failing = false;
    } catch (err) {
      // The write lock held elsewhere is routine; anything else is said once per failure streak.
      if (!(err as { code?: string }).code?.startsWith('SQLITE_BUSY') && !failing && !stopped) {
        console.error(`hookscope: retention paused (nothing was lost): ${asStoreError(err, ctx.store.file).message}`);
        failing = true;
      }
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      schedule(0);
    } else {
      schedule(intervalMs);
    }
  }

  schedule(0);
  return {
    poke: () => schedule(0),
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
