// The send scheduler: one per core. It plays the batches this process started, and (in `serve`)
// takes over every batch nobody plays: scheduled before a restart, left by a `send` stopped with
// Ctrl+C, or owned by a process that died. Which process plays a batch is decided in SQLite with
// leases (see store/sends.ts), so `serve` and a `send` in another terminal never both send an attempt:
// a process that stalled past its lease finds the batch taken over and its player stops.
import { randomUUID } from 'node:crypto';
import type { CoreContext, CoreLifetime } from '../context.js';
import { BatchPlayer, type PlayOutcome } from '../sender/player.js';
import { SendRepo, type LeaseHolder, type NewBatch } from '../store/sends.js';
import { clockFor } from './clock.js';

/** A lease outlives a few missed renewals; a crashed owner's batches are taken over sooner (see ownerGone). */
export const LEASE_MS = 15_000;
const TICK_MS = 2_000;

/** Owners of the schedulers alive in this process (several cores may share one process in tests). */
const liveOwners = new Set<string>();

/** How a batch's playing ended for this scheduler: its player's outcome, or `stopped` with the scheduler. */
export type BatchOutcome = PlayOutcome | 'stopped';

interface Playing {
  player: BatchPlayer;
  done: Promise<PlayOutcome>;
}

export class SendScheduler {
  readonly owner = `${process.pid}:${randomUUID()}`;
  readonly repo: SendRepo;
  private readonly players = new Map<number, Playing>();
  private timer: NodeJS.Timeout | null = null;
  private resumeOrphans = false;
  private stopped = false;
  private readonly stoppedSignal: Promise<'stopped'>;
  private signalStopped!: () => void;

  constructor(private readonly ctx: CoreContext) {
    this.repo = new SendRepo(ctx.store.db, ctx.store.secretBox);
    this.stoppedSignal = new Promise((resolve) => (this.signalStopped = () => resolve('stopped')));
    liveOwners.add(this.owner);
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Starts the background duties: lease renewal and, with `resume`, taking over unplayed batches. */
  start(opts: { resume: boolean }): void {
    this.resumeOrphans = this.resumeOrphans || opts.resume;
    this.ensureTicking();
    if (opts.resume) this.resume();
  }

  /** Stores a new batch, owned by this scheduler. */
  create(batch: NewBatch): { batchId: number; ids: number[] } {
    return this.repo.createBatch(batch, this.holder());
  }

  /**
   * Plays a batch this scheduler owns; resolves when it has ended, another process took it over
   * (`lost`) or the scheduler stopped.
   */
  play(batchId: number): Promise<BatchOutcome> {
    if (this.stopped) return Promise.resolve('stopped');
    const playing = this.players.get(batchId) ?? this.startPlayer(batchId);
    if (!playing) return Promise.resolve('ended');
    return Promise.race([playing.done, this.stoppedSignal]);
  }

  private startPlayer(batchId: number): Playing | undefined {
    const batch = this.repo.playable(batchId);
    if (!batch) return undefined;
    const reached = Math.max(0, ...batch.runs.map((r) => r.lastOffsetMs ?? 0));
    const player = new BatchPlayer(
      { repo: this.repo, events: this.ctx.events, wallNow: () => Date.now(), holder: () => this.holder() },
      batch,
      clockFor(batch.clock, batch.originWallMs, reached),
    );
    const done = player
      .play()
      .catch((err: unknown): PlayOutcome => {
        if (!this.stopped) console.error(`hookscope: send batch #${batchId} stopped on an error:`, err);
        return 'closed';
      })
      .finally(() => {
        this.players.delete(batchId);
        // An unfinished batch (an error) is left for another player to take over; a lost one is
        // not ours to release (the release only touches runs this owner still holds).
        if (!this.stopped) this.releaseQuietly(batchId);
      });
    const playing = { player, done };
    this.players.set(batchId, playing);
    this.ensureTicking();
    return playing;
  }

  /** Wakes the players of these batches so they notice runs stopped through the store. */
  poke(batchIds: Iterable<number>): void {
    for (const id of batchIds) this.players.get(id)?.player.poke();
  }

  /** Takes over every batch with scheduled runs that no live player holds. */
  resume(): number[] {
    if (this.stopped) return [];
    const now = Date.now();
    const taken: number[] = [];
    for (const { batchId, holders } of this.repo.scheduledBatches()) {
      if (this.players.has(batchId)) continue;
      const free = holders.every((h) => h.owner === null || h.owner === this.owner || (h.leaseUntil ?? 0) < now || ownerGone(h.owner));
      if (!free || !this.repo.claimBatch(batchId, this.holder(), holders.map((h) => h.owner))) continue;
      taken.push(batchId);
      void this.play(batchId);
    }
    return taken;
  }

  /** Stops every player and hands their batches back (released leases) for the next process. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const { player } of this.players.values()) player.close();
    this.players.clear();
    liveOwners.delete(this.owner);
    this.releaseQuietly();
    this.signalStopped();
  }

  private releaseQuietly(batchId?: number): void {
    try {
      this.repo.releaseLeases(this.owner, batchId);
    } catch (err) {
      // A closed or broken store: the leases expire on their own and the batch is taken over then.
      console.error('hookscope: could not release send leases:', (err as Error).message);
    }
  }

  private holder(): LeaseHolder {
    return { owner: this.owner, leaseUntil: Date.now() + LEASE_MS };
  }

  private ensureTicking(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => this.tick(), TICK_MS);
    // The scheduler alone must not keep a CLI process alive; a player waiting on a clock does.
    this.timer.unref();
  }

  private tick(): void {
    try {
      for (const [batchId, { player }] of this.players) {
        // A player that lost its batch (this process stalled past its lease) stops now, not at its next attempt.
        if (this.repo.renewLease(batchId, this.holder()) === 'taken') player.lose();
        // Cheap: a sleeping player re-reads its statuses, so a stop from another process takes effect.
        else player.poke();
      }
      if (this.resumeOrphans) this.resume();
    } catch (err) {
      console.error('hookscope: send scheduler tick failed:', err);
    }
  }
}

/** True when the process that held a lease is gone (it crashed or was killed) on this machine. */
function ownerGone(owner: string): boolean {
  const pid = Number(owner.split(':')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  if (pid === process.pid) return !liveOwners.has(owner);
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

const schedulers = new WeakMap<CoreContext, SendScheduler>();

/** The core's scheduler, made on first use (sends started through the API play at once). */
export function schedulerFor(ctx: CoreContext): SendScheduler {
  let scheduler = schedulers.get(ctx);
  if (!scheduler) schedulers.set(ctx, (scheduler = new SendScheduler(ctx)));
  return scheduler;
}

/**
 * Starts the core's scheduler and stops it when the core closes. `serve` resumes every unplayed
 * batch (`resume: true`); `send` plays only its own.
 */
export function startSendScheduler(core: CoreLifetime, opts: { resume?: boolean } = {}): SendScheduler {
  const scheduler = schedulerFor(core.ctx);
  scheduler.start({ resume: opts.resume ?? true });
  core.onClose(() => scheduler.stop());
  return scheduler;
}
