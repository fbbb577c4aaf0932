// Whose turn it is to write: the receiver's thread (its group commits) or the filing worker
// (filing-worker.ts). SQLite has one writer per file, and a connection that finds the write lock taken
// sleeps in SQLite's busy handler (1 ms, then 2, 5, 10…): the receiver's event loop would sleep with
// it. So both threads take this turn, in shared memory, before a write transaction: the receiver waits
// for at most the worker's current slice (a few ms, woken the moment it ends, never a fixed sleep), and
// the worker lets a waiting receiver go first. Other processes (the CLI) still meet SQLite's own lock.
// The turn only orders the two threads; correctness stays SQLite's, so a receiver that waited too long
// (a worker stuck or gone) writes anyway and SQLite's lock decides.

const LOCK = 0;
const RECEIVER_WAITING = 1;
/** Counts the receiver's commits: the worker keeps long slices (search indexing) for when it stops moving. */
const RECEIVER_COMMITS = 2;
/** Set while the receiver's group commit waits (without blocking) for the worker's slice to end. */
const RECEIVER_ASKS = 3;
/** The worker lets an asking receiver go first, unless it does not come back for this long. */
const ASK_PATIENCE_MS = 200;
const FREE = 0;
const HELD = 1;

export class WriteTurn {
  private readonly cells: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(16)) {
    this.cells = new Int32Array(buffer);
  }

  /** The receiver's commit: waits for the worker's slice in progress (at most `maxWaitMs`), then goes first. */
  receiverHolds<T>(fn: () => T, maxWaitMs = 1_000): T {
    const held = this.take(maxWaitMs, true);
    Atomics.add(this.cells, RECEIVER_COMMITS, 1);
    try {
      return fn();
    } finally {
      if (held) this.give();
    }
  }

  /**
   * The receiver's group commit without blocking its event loop: true when the turn is taken (commit,
   * then receiverDone()); false while a worker slice runs, and then the worker starts no new slice
   * before the receiver has had its turn: try again on the next turn of the event loop.
   */
  receiverTryTake(): boolean {
    if (Atomics.compareExchange(this.cells, LOCK, FREE, HELD) !== FREE) {
      Atomics.store(this.cells, RECEIVER_ASKS, 1);
      return false;
    }
    Atomics.add(this.cells, RECEIVER_COMMITS, 1);
    return true;
  }

  receiverDone(): void {
    Atomics.store(this.cells, RECEIVER_ASKS, 0);
    this.give();
    Atomics.notify(this.cells, RECEIVER_ASKS);
  }

  /** The worker's slice: waits while the receiver commits or waits to. */
  workerHolds<T>(fn: () => T): T {
    while (Atomics.load(this.cells, RECEIVER_WAITING) > 0) Atomics.wait(this.cells, RECEIVER_WAITING, Atomics.load(this.cells, RECEIVER_WAITING), 50);
    const asked = performance.now();
    while (Atomics.load(this.cells, RECEIVER_ASKS) === 1 && performance.now() - asked < ASK_PATIENCE_MS) Atomics.wait(this.cells, RECEIVER_ASKS, 1, 10);
    this.take(Number.POSITIVE_INFINITY, false);
    try {
      return fn();
    } finally {
      this.give();
    }
  }

  /** How many times the receiver took its turn (it moves: captures are arriving). */
  receiverTurns(): number {
    return Atomics.load(this.cells, RECEIVER_COMMITS);
  }

  /** The worker is gone: whatever turn it held is released. */
  reset(): void {
    Atomics.store(this.cells, RECEIVER_WAITING, 0);
    Atomics.store(this.cells, RECEIVER_ASKS, 0);
    this.give();
  }

  private take(maxWaitMs: number, receiver: boolean): boolean {
    if (Atomics.compareExchange(this.cells, LOCK, FREE, HELD) === FREE) return true;
    if (receiver) Atomics.add(this.cells, RECEIVER_WAITING, 1);
    const deadline = performance.now() + maxWaitMs;
    try {
      for (;;) {
        const left = deadline - performance.now();
        if (left <= 0) return false;
        Atomics.wait(this.cells, LOCK, HELD, Math.min(left, 50));
        if (Atomics.compareExchange(this.cells, LOCK, FREE, HELD) === FREE) return true;
      }
    } finally {
      if (receiver) {
        Atomics.sub(this.cells, RECEIVER_WAITING, 1);
        Atomics.notify(this.cells, RECEIVER_WAITING);
      }
    }
  }

  private give(): void {
    Atomics.store(this.cells, LOCK, FREE);
    Atomics.notify(this.cells, LOCK);
  }
}
