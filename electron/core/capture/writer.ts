// Group commit: every capture finished in one turn of the event loop is written in one transaction,
// and each request is answered only after the transaction holding it has committed. One transaction
// per request would cap the receiver at a third of a bare server's throughput; grouping keeps the
// durability rule (acknowledged ⇒ stored) at a fraction of the cost.
import type { CaptureLog, RawCapture } from '../store/capture-log.js';
import { asStoreError } from '../store/errors.js';

/** Called once the capture is committed (with its id), or could not be (with the reason). */
export type Committed = (err: Error | null, id: number) => void;

interface Pending {
  capture: RawCapture;
  done: Committed;
}

export class CaptureWriter {
  private queue: Pending[] = [];
  private scheduled = false;

  /** `afterCommit` runs after each group commits (with its ids and body bytes) and before any of its requests is answered. */
  constructor(
    private readonly log: CaptureLog,
    private readonly afterCommit: (ids: readonly number[], bytes: number) => void = () => {},
  ) {}

  /** Queues the capture for the next group commit; `done` hears how it went (a callback, not a promise: one per request adds up). */
  write(capture: RawCapture, done: Committed): void {
    this.queue.push({ capture, done });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Commits everything queued now (also used on shutdown). */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let ids: number[];
    try {
      ids = this.log.append(batch.map((p) => p.capture));
    } catch (err) {
      const error = asStoreError(err);
      for (const p of batch) settle(p, error, 0);
      return;
    }
    try {
      this.afterCommit(ids, batch.reduce((n, p) => n + p.capture.body.length, 0));
    } catch (err) {
      // The captures are committed: what follows a commit can fail without costing an answer.
      console.error('hookscope: after a capture commit:', err);
    }
    batch.forEach((p, i) => settle(p, null, ids[i]!));
  }
}

/** One request's answer failing must not cost the others theirs. */
function settle(p: Pending, err: Error | null, id: number): void {
  try {
    p.done(err, id);
  } catch (failure) {
    console.error('hookscope: answering a capture failed:', failure);
  }
}
