// Group commit: every capture finished in one turn of the event loop is written in one transaction,
// and each request is answered only after the transaction holding it has committed. One transaction
// per request would cap the receiver at a third of a bare server's throughput; grouping keeps the
// durability rule (acknowledged ⇒ stored) at a fraction of the cost.
import type { DeliveryRepo, NewCapture } from '../store/deliveries.js';
import { asStoreError } from '../store/errors.js';

interface Pending {
  capture: NewCapture;
  resolve: (id: number) => void;
  reject: (err: Error) => void;
}

export class CaptureWriter {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly deliveries: DeliveryRepo,
    private readonly onCommitted: (captures: Array<{ id: number; capture: NewCapture }>) => void = () => {},
  ) {}

  /** Resolves with the stored id once the capture is committed; rejects when it could not be. */
  write(capture: NewCapture): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ capture, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything queued now (also used on shutdown). */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let ids: number[];
    try {
      ids = this.deliveries.insertMany(batch.map((p) => p.capture));
    } catch (err) {
      const error = asStoreError(err);
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => p.resolve(ids[i]!));
    this.onCommitted(batch.map((p, i) => ({ id: ids[i]!, capture: p.capture })));
  }
}
