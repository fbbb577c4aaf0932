// Plays one batch of sends on its clock, as the provider would: a discrete-event loop that always
// sends the earliest due attempt next (ties in batch order), so a failing event's retries interleave
// with the others' deliveries exactly as they would in provider time, and the virtual clock only
// moves while no attempt is in flight.
// Batch rules taken from the documents:
// - in-order providers (Aptly) deliver an event only once the one before it was delivered: a failing
//   event holds back the rest; if it ends still pending (`retrying`, capped), so do they;
// - a webhook that gets `disabled` (Workspace) sends nothing more: the batch's other runs end
//   `disabled` too.
// One player per batch: before each attempt the player checks that it still holds the batch's lease
// (another process takes a batch over once its lease expired, even if its owner only stalled), and
// stops quietly once it lost it, leaving the batch to its new owner.
import type { SendStatus } from '../../../shared/api/sender.js';
import type { CoreEvents } from '../events.js';
import type { Clock } from '../scheduler/clock.js';
import type { LeaseHolder, PlayableBatch, PlayableRun, SendRepo } from '../store/sends.js';
import { attemptRecord, performAttempt } from './attempt.js';
import { afterFailure } from './plan.js';

export interface PlayerDeps {
  repo: SendRepo;
  events: CoreEvents;
  /** Wall time for signatures and the log (the handler receiving them lives in real time). */
  wallNow: () => number;
  /** This player's lease, as it would be renewed now. */
  holder: () => LeaseHolder;
}

/** How playing ended: every run ended, the player was closed, or another process took the batch over. */
export type PlayOutcome = 'ended' | 'closed' | 'lost';

export class BatchPlayer {
  private wake = new AbortController();
  private closed = false;
  private lost = false;

  constructor(
    private readonly deps: PlayerDeps,
    private readonly batch: PlayableBatch,
    private readonly clock: Clock,
  ) {}

  get batchId(): number {
    return this.batch.batchId;
  }

  /** Plays until every run has ended, the player is closed or it lost the batch. */
  async play(): Promise<PlayOutcome> {
    while (!this.closed) {
      const next = this.nextDue();
      if (!next) return 'ended';
      await this.clock.sleepUntil(next.at, this.wake.signal);
      if (this.closed) break;
      if (this.wake.signal.aborted) {
        // Poked: a run may have been stopped elsewhere; look again before sending anything.
        this.wake = new AbortController();
        this.refresh();
        continue;
      }
      const due = this.nextDue();
      if (!due || due.at > this.clock.now()) continue;
      // A stop or a takeover by another process lands in the store: check the one run about to be sent.
      const held = this.deps.repo.holdRun(due.run.id, this.deps.holder(), this.deps.wallNow());
      if (held === null) {
        this.lose();
        break;
      }
      due.run.status = held;
      if (due.run.status !== 'scheduled') continue;
      await this.attempt(due.run);
    }
    return this.lost ? 'lost' : 'closed';
  }

  /** Makes a sleeping player re-read its runs' statuses (after a stop). */
  poke(): void {
    this.wake.abort();
  }

  /** Stops playing at once; an attempt in flight is neither awaited nor recorded. */
  close(): void {
    this.closed = true;
    this.wake.abort();
  }

  /** Stops playing a batch another process took over (its new owner plays on). */
  lose(): void {
    this.lost = true;
    this.close();
  }

  private scheduled(): PlayableRun[] {
    return this.batch.runs.filter((r) => r.status === 'scheduled');
  }

  /** The run whose attempt comes next and the provider time it is due at. */
  private nextDue(): { run: PlayableRun; at: number } | undefined {
    const waiting = this.scheduled();
    if (waiting.length === 0) return undefined;
    // In order: only the first undelivered event may go; it is due when planned, or now if it was held.
    const candidates = this.batch.plan.inOrder ? waiting.slice(0, 1) : waiting;
    let best: PlayableRun | undefined;
    for (const run of candidates) {
      if (!best || (run.nextOffsetMs ?? 0) < (best.nextOffsetMs ?? 0)) best = run;
    }
    return { run: best!, at: best!.nextOffsetMs ?? 0 };
  }

  private refresh(): void {
    const statuses = this.deps.repo.statuses(this.batch.batchId);
    for (const run of this.batch.runs) run.status = statuses.get(run.id) ?? run.status;
  }

  private async attempt(run: PlayableRun): Promise<void> {
    const { plan, spec, allowHosts } = this.batch;
    const offsetMs = Math.round(this.clock.now());
    const sentAtMs = this.deps.wallNow();
    const n = run.attemptsMade + 1;
    const result = await performAttempt({
      spec,
      event: run.event,
      url: run.target,
      body: run.body,
      secret: run.secret,
      timeoutMs: plan.timeoutMs,
      success: plan.success,
      allowHosts,
      wallNowMs: sentAtMs,
      contentType: plan.contentType,
    });
    if (this.closed) return; // the store may be closing: the attempt is sent again on resume

    const next = result.ok ? ({ kind: 'end', status: 'delivered' } as const) : afterFailure(plan, n);
    const intended: SendStatus = next.kind === 'end' ? next.status : 'scheduled';
    const nextOffsetMs = next.kind === 'retry' ? offsetMs + next.delayMs : null;
    const status = this.deps.repo.recordAttempt(
      run.id,
      this.deps.holder().owner,
      attemptRecord(result, n, offsetMs, sentAtMs),
      { status: intended, nextOffsetMs, atMs: this.deps.wallNow() },
    );
    // Taken over while the attempt was in flight: the new owner sends it again (at-least-once).
    if (status === null) return this.lose();
    run.attemptsMade = n;
    run.lastOffsetMs = offsetMs;
    run.nextOffsetMs = status === 'scheduled' ? nextOffsetMs : null;
    const attempt = { n, offsetMs, status: result.status, durationMs: result.durationMs, error: result.error };
    this.deps.events.emit('send.attempt', { id: run.id, batchId: this.batch.batchId, attempt });
    if (status !== run.status) {
      run.status = status;
      // A status another process set (a stop) was announced there; announce only our own changes.
      if (status === intended) this.announce(run.id, status);
    }
    if (status === intended && status !== 'scheduled') this.consequences(run, status);
  }

  private consequences(ended: PlayableRun, status: SendStatus): void {
    if (status === 'disabled') return this.endWaiting(this.scheduled(), 'disabled');
    if (!this.batch.plan.inOrder) return;
    // Held-back events can go once the one before them is settled; they stay pending behind a capped one.
    if (status === 'retrying') return this.endWaiting(this.scheduled().filter((r) => r.seq > ended.seq), 'retrying');
  }

  private endWaiting(runs: PlayableRun[], status: Exclude<SendStatus, 'scheduled'>): void {
    const changed = new Set(this.deps.repo.endRuns(runs.map((r) => r.id), status, this.deps.wallNow()));
    for (const run of runs) {
      if (!changed.has(run.id)) continue;
      run.status = status;
      run.nextOffsetMs = null;
      this.announce(run.id, status);
    }
  }

  private announce(id: number, status: SendStatus): void {
    this.deps.events.emit('send.state', { id, batchId: this.batch.batchId, status });
  }
}
