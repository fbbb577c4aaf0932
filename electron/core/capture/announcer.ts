// Announcing: the process whose receiver committed a capture announces it (the inbox's live rows,
// auto-forward) once it is filed, whichever process filed it. A CLI command that files a burst's
// backlog therefore takes nothing from the running app's inbox or forwards.
import type { DeliverySummary } from '../../../shared/domain.js';
import type { Store } from '../store/index.js';

export type AnnouncedListener = (filed: readonly DeliverySummary[]) => void;

/** Most captures announced at once: a backlog filed by another process is announced in steps. */
const ANNOUNCE_MAX = 1_000;

export class Announcer {
  private readonly listeners = new Set<AnnouncedListener>();
  /** Ids this process's receiver committed and has not announced yet, as ascending [first, last] runs. */
  private readonly pending: Array<[number, number]> = [];

  constructor(private readonly store: Store) {}

  /** Called with this process's captures once they are filed, oldest first (delivery.received). */
  onAnnounced(listener: AnnouncedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The receiver committed these ids (ascending): they are announced once filed, whoever files them. */
  committed(ids: readonly number[]): void {
    for (const id of ids) this.addRun(id, id);
  }

  /** Everything waiting in the log now (left by a run that stopped before filing it) is this receiver's to announce. */
  committedBeforeStart(): void {
    const oldest = this.store.captures.oldest();
    if (oldest) this.addRun(oldest.id, this.store.captures.newestId());
  }

  private addRun(first: number, last: number): void {
    const run = this.pending.at(-1);
    if (run && run[1] + 1 === first) run[1] = last;
    else this.pending.push([first, last]);
  }

  /**
   * Announces this receiver's captures that are filed by now, by this process or another (those below
   * the oldest capture still in the log, given when the caller has just read it). True when more are
   * filed than one step announces: call again.
   */
  announce(oldestWaiting?: number): boolean {
    if (this.pending.length === 0) return false;
    oldestWaiting ??= this.store.captures.oldest()?.id ?? Infinity;
    const filed: DeliverySummary[] = [];
    let budget = ANNOUNCE_MAX;
    while (budget > 0 && this.pending.length > 0 && this.pending[0]![0] < oldestWaiting) {
      const run = this.pending[0]!;
      const last = Math.min(run[1], oldestWaiting - 1, run[0] + budget - 1);
      filed.push(...this.store.deliveries.summariesBetween(run[0], last));
      budget -= last - run[0] + 1;
      if (last === run[1]) this.pending.shift();
      else run[0] = last + 1;
    }
    const more = this.pending.length > 0 && this.pending[0]![0] < oldestWaiting;
    if (filed.length === 0) return more;
    for (const listener of this.listeners) {
      try {
        listener(filed);
      } catch (err) {
        console.error('hookscope: a listener for new deliveries failed:', err);
      }
    }
    return more;
  }
}
