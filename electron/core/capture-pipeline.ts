// From the capture log to deliveries. The receiver commits each capture to the log (store/capture-log.ts)
// and answers; promotion then verifies it against its endpoint and files it as a delivery under the
// same id. The receiver promotes each group right after committing it while traffic is moderate
// (receiver/capture-promoter.ts), so a delivery is in the inbox before its provider has the answer; in
// a burst it promotes in idle time instead. Reads of deliveries first file what was logged before
// them (catchUp), so no read misses an acknowledged capture, in this process or another one.
//
// Announcing is separate from filing: the process whose receiver took a capture announces it (the
// inbox's live rows, auto-forward), once it is filed, whichever process filed it. A CLI command that
// files a burst's backlog therefore takes nothing from the running app's inbox or forwards.
import { performance } from 'node:perf_hooks';
import type { DeliverySummary, Endpoint, Verification } from '../../shared/domain.js';
import { eventOf } from '../../shared/providers/event.js';
import { getProvider, verifyWithProfile } from '../../shared/providers/registry.js';
import { explainUnreadable, secretsOf } from './endpoint-secrets.js';
import type { LoggedCapture, PromoteSlice } from './store/capture-log.js';
import { asStoreError } from './store/errors.js';
import type { NewCapture } from './store/deliveries.js';
import type { Store } from './store/index.js';

type FiledListener = (filed: readonly DeliverySummary[]) => void;

/** Most captures announced at once: a backlog filed by another process is announced in steps. */
const ANNOUNCE_MAX = 1_000;
/** A read's catch-up files in slices of about this long, and lets the event loop run between them. */
const CATCH_UP_SLICE_MS = 10;
/** How long a read's catch-up waits for another connection's write lock (the event loop waits with it). */
const CATCH_UP_LOCK_WAIT_MS = 250;

export class CapturePipeline {
  private readonly listeners = new Set<FiledListener>();
  /** Ids this process's receiver logged and has not announced yet, as ascending [first, last] runs. */
  private readonly unannounced: Array<[number, number]> = [];
  private catchUpFailing = false;

  constructor(private readonly store: Store) {}

  /** Called with this process's captures once they are filed, oldest first (delivery.received). */
  onFiled(listener: FiledListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The receiver logged these ids (ascending): they are announced once filed, whoever files them. */
  track(ids: readonly number[]): void {
    for (const id of ids) this.trackRun(id, id);
  }

  /** Everything waiting in the log now (left by a run that stopped before filing it) is this receiver's to announce. */
  trackWaiting(): void {
    const oldest = this.store.captures.oldest();
    if (oldest) this.trackRun(oldest.id, this.store.captures.newestId());
  }

  private trackRun(first: number, last: number): void {
    const run = this.unannounced.at(-1);
    if (run && run[1] + 1 === first) run[1] = last;
    else this.unannounced.push([first, last]);
  }

  /** A capture filed under another id than it was logged with (see CaptureLog.file): announce that one. */
  private retrack(loggedId: number, filedId: number): void {
    const at = this.unannounced.findIndex(([first, last]) => first <= loggedId && loggedId <= last);
    if (at < 0) return; // another receiver's capture
    const [first, last] = this.unannounced[at]!;
    const pieces: Array<[number, number]> = [];
    if (first < loggedId) pieces.push([first, loggedId - 1]);
    if (loggedId < last) pieces.push([loggedId + 1, last]);
    this.unannounced.splice(at, 1, ...pieces);
    this.trackRun(filedId, filedId); // above every id logged so far, so the runs stay in order
  }

  /**
   * A capture still in the log, verified as filing would verify it but not filed: what a read serves
   * when filing failed (a full disk), rather than saying an acknowledged capture does not exist.
   */
  waiting(id: number): NewCapture | undefined {
    const logged = this.store.captures.get(id);
    if (!logged) return undefined;
    return toDelivery(logged, logged.endpointId === null ? undefined : this.store.endpoints.get(logged.endpointId));
  }

  /** Files the oldest logged captures (one transaction); returns how many. */
  promoteNext(slice?: PromoteSlice): number {
    const endpoints = new Map<number, Endpoint | undefined>(); // one look-up per endpoint per slice
    const endpointOf = (id: number) => {
      if (!endpoints.has(id)) endpoints.set(id, this.store.endpoints.get(id));
      return endpoints.get(id);
    };
    const promoted = this.store.captures.promote((c) => toDelivery(c, c.endpointId === null ? undefined : endpointOf(c.endpointId)), slice);
    for (const p of promoted) if (p.loggedId !== p.id) this.retrack(p.loggedId, p.id);
    // Also when this slice found nothing: another process may have filed it first.
    this.announce();
    return promoted.length;
  }

  /**
   * Announces this receiver's captures that are filed by now, by this process or another (those below
   * the oldest capture still in the log, given when the caller has just read it). True when more are
   * filed than one step announces: call again.
   */
  announce(oldestWaiting?: number): boolean {
    if (this.unannounced.length === 0) return false;
    oldestWaiting ??= this.store.captures.oldest()?.id ?? Infinity;
    const filed: DeliverySummary[] = [];
    let budget = ANNOUNCE_MAX;
    while (budget > 0 && this.unannounced.length > 0 && this.unannounced[0]![0] < oldestWaiting) {
      const run = this.unannounced[0]!;
      const last = Math.min(run[1], oldestWaiting - 1, run[0] + budget - 1);
      filed.push(...this.store.deliveries.summariesBetween(run[0], last));
      budget -= last - run[0] + 1;
      if (last === run[1]) this.unannounced.shift();
      else run[0] = last + 1;
    }
    const more = this.unannounced.length > 0 && this.unannounced[0]![0] < oldestWaiting;
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

  /**
   * Resolves once every capture logged before the call is a delivery, as far as it can: when filing
   * fails (full disk, the write lock held elsewhere), the failure is logged and the read goes on
   * with what is filed, rather than every call failing with it. Slices of about 10 ms let the event
   * loop run between them, so a backlog left by a burst does not stop the receiver answering.
   */
  async catchUp(): Promise<void> {
    const through = this.store.captures.newestId();
    if (through === 0) return;
    try {
      for (;;) {
        const until = performance.now() + CATCH_UP_SLICE_MS;
        let filed = 0;
        do filed = this.promoteNext({ throughId: through, lockWaitMs: CATCH_UP_LOCK_WAIT_MS });
        while (filed > 0 && performance.now() < until);
        if (filed === 0) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      this.catchUpFailing = false;
    } catch (err) {
      if (!this.catchUpFailing) console.error(`hookscope: captures could not be filed before a read (they are stored and will be): ${asStoreError(err).message}`);
      this.catchUpFailing = true;
    }
  }
}

/**
 * A logged capture as a delivery: verified against its endpoint as the endpoint is now (normally
 * milliseconds after the request arrived), at the time it arrived (timestamp tolerances count from
 * receipt, not from promotion). An endpoint deleted meanwhile leaves the capture unattached.
 */
function toDelivery(c: LoggedCapture, endpoint: Endpoint | undefined): NewCapture {
  const checked = verifySafely(endpoint?.provider ?? null, { headers: c.headers, body: c.body, receivedAtMs: c.receivedAtMs, truncated: c.truncated }, secretsOf(endpoint));
  const verification = explainUnreadable(checked, endpoint);
  const provider = endpoint?.provider ?? verification.provider;
  return { ...c, endpointId: endpoint?.id ?? null, provider, verification, event: eventSafely(provider, c) };
}

/** The provider's event type; like a verdict, reading it must never cost the capture. */
function eventSafely(providerId: string | null, c: LoggedCapture): string | null {
  const spec = providerId ? getProvider(providerId) : undefined;
  if (!spec) return null;
  try {
    return eventOf(spec, c.headers, c.body);
  } catch {
    return null;
  }
}

/** A verifier that throws on some hostile body must cost a verdict, never the capture or the process. */
function verifySafely(...args: Parameters<typeof verifyWithProfile>): Verification {
  try {
    return verifyWithProfile(...args);
  } catch (err) {
    return {
      status: 'invalid',
      provider: args[0],
      reason: `The signature could not be checked: verification failed on this request (${(err as Error).message}).`,
      hints: [],
    };
  }
}
