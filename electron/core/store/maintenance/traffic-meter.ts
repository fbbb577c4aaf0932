// How busy the receiver is, for the work it does only in quiet moments (filing, search indexing):
// captures counted in one-second windows, and the time of the last one. Fed by the capture path at
// each commit; what waits for quiet moments also hears each commit (onNote) to wake up.
export class TrafficMeter {
  private readonly listeners = new Set<() => void>();
  private windowStart = 0;
  private inWindow = 0;
  private lastWindow = 0;
  private lastAt = 0;

  note(count: number, now = Date.now()): void {
    if (now - this.windowStart >= 1_000) {
      this.lastWindow = now - this.windowStart < 2_000 ? this.inWindow : 0;
      this.inWindow = 0;
      this.windowStart = now;
    }
    this.inWindow += count;
    this.lastAt = now;
    for (const listener of this.listeners) listener();
  }

  /** Called after each note (captures were just committed); returns the unsubscribe. */
  onNote(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** More than `perSec` captures in the current second or the one before. */
  above(perSec: number, now = Date.now()): boolean {
    return (now - this.windowStart > 2_000 ? 0 : Math.max(this.lastWindow, this.inWindow)) > perSec;
  }

  msSinceLast(now = Date.now()): number {
    return now - this.lastAt;
  }
}
