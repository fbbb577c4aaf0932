// A ceiling on request-body bytes held in memory across every request in flight. Each body is
// buffered until its capture commits (up to --max-body, 25 MiB by default) and a slow upload may
// take minutes, so without a ceiling a few hundred parallel uploads (a receiver exposed through a
// tunnel, say) would take gigabytes. A request that would cross it is refused with a 503 and
// Retry-After: nothing was acknowledged, so the provider retries, and nothing stored is at risk.
export const DEFAULT_MAX_BUFFERED_BYTES = 256 * 1024 * 1024;

export class BodyBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  /** Reserves `bytes`; false (and nothing reserved) when that would cross the ceiling. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }

  get inUse(): number {
    return this.used;
  }
}
