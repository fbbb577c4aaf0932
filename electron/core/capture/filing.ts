// Filing: from the capture log to deliveries. Each logged capture is verified against its endpoint
// (verify.ts) and filed as a delivery under the id its provider was already given, in slices of one
// transaction each. When filing runs is the filing loop's decision (filing-loop.ts); a read of
// deliveries first files what was logged before it (fileBeforeRead), so no read misses an
// acknowledged capture, in this process or another one. Once filed, this process's captures are
// announced (announcer.ts).
import { performance } from 'node:perf_hooks';
import type { Endpoint } from '../../../shared/domain.js';
import { eventOf } from '../../../shared/providers/event.js';
import { getProvider } from '../../../shared/providers/registry.js';
import type { FilingSlice, LoggedCapture } from '../store/capture-log.js';
import { asStoreError } from '../store/errors.js';
import type { NewCapture } from '../store/deliveries.js';
import type { Store } from '../store/index.js';
import { Announcer, type AnnouncedListener } from './announcer.js';
import { verifyCapture } from './verify.js';

/** A read's catch-up files in slices of about this long, and lets the event loop run between them. */
const READ_SLICE_MS = 10;
/** How long a read's catch-up waits for another connection's write lock (the event loop waits with it). */
const READ_LOCK_WAIT_MS = 250;
/** How long after a read that found captures waiting the filing loop keeps filing as they arrive. */
const READING_MS = 2_000;

export class Filing {
  private readonly announcer: Announcer;
  private readFailing = false;
  /** When a read last found captures waiting to be filed (0: never). */
  private lastWaitingReadAt = 0;
  /** Inboxes watched live now (open event streams, the desktop app's core host). */
  private watchers = 0;

  constructor(private readonly store: Store) {
    this.announcer = new Announcer(store);
  }

  /** Called with this process's captures once they are filed, oldest first (delivery.received). */
  onAnnounced(listener: AnnouncedListener): () => void {
    return this.announcer.onAnnounced(listener);
  }

  /** The receiver committed these ids (ascending): they are announced once filed, whoever files them. */
  committed(ids: readonly number[]): void {
    this.announcer.committed(ids);
  }

  /** Everything waiting in the log now (left by a run that stopped before filing it) is this receiver's to announce. */
  committedBeforeStart(): void {
    this.announcer.committedBeforeStart();
  }

  /** Announces what is filed by now (see Announcer.announce); true when there is more to announce. */
  announce(oldestWaiting?: number): boolean {
    return this.announcer.announce(oldestWaiting);
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

  /** Files the oldest logged captures (one transaction), then announces; returns how many were filed. */
  fileNext(slice?: FilingSlice): number {
    const endpoints = new Map<number, Endpoint | undefined>(); // one look-up per endpoint per slice
    const endpointOf = (id: number) => {
      if (!endpoints.has(id)) endpoints.set(id, this.store.endpoints.get(id));
      return endpoints.get(id);
    };
    const filed = this.store.captures.file((c) => toDelivery(c, c.endpointId === null ? undefined : endpointOf(c.endpointId)), slice);
    // Also when this slice found nothing: another process may have filed it first.
    this.announcer.announce();
    return filed.length;
  }

  /**
   * Someone watches the inbox live (an open event stream, the desktop app's core host) until the
   * returned function is called: see `someoneReading`.
   */
  watch(): () => void {
    this.watchers++;
    let watching = true;
    return () => {
      if (watching) this.watchers--;
      watching = false;
    };
  }

  /**
   * Whether someone is reading the inbox during a burst: it is watched live, or a read found
   * captures waiting in the last READING_MS. Reads file everything waiting before they answer, so
   * the filing loop then files the burst as it arrives (filing-loop.ts): the inbox stays live, and a
   * reload or a filter change never waits for a burst's backlog. Nobody reading (serve with no UI
   * open, a load test): answering comes first, and the burst is filed when it pauses.
   */
  someoneReading(now: number): boolean {
    return this.watchers > 0 || now - this.lastWaitingReadAt < READING_MS;
  }

  /**
   * Resolves once every capture logged before the call (up to `throughId` when given: a read of the
   * deliveries it names) is a delivery, as far as it can: when filing
   * fails (full disk, the write lock held elsewhere), the failure is logged and the read goes on
   * with what is filed, rather than every call failing with it. Slices of about 10 ms let the event
   * loop run between them, so a backlog left by a burst does not stop the receiver answering.
   */
  async fileBeforeRead(throughId?: number): Promise<void> {
    const through = Math.min(this.store.captures.newestId(), throughId ?? Infinity);
    if (through === 0) return;
    const oldest = this.store.captures.oldest();
    if (!oldest || oldest.id > through) return; // what it reads is filed already
    this.lastWaitingReadAt = Date.now();
    try {
      for (;;) {
        const until = performance.now() + READ_SLICE_MS;
        let filed = 0;
        do filed = this.fileNext({ throughId: through, lockWaitMs: READ_LOCK_WAIT_MS });
        while (filed > 0 && performance.now() < until);
        if (filed === 0) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
      this.readFailing = false;
    } catch (err) {
      if (!this.readFailing) console.error(`hookscope: captures could not be filed before a read (they are stored and will be): ${asStoreError(err).message}`);
      this.readFailing = true;
    }
  }
}

/**
 * A logged capture as a delivery: verified against its endpoint as the endpoint is now (normally
 * milliseconds after the request arrived), at the time it arrived (timestamp tolerances count from
 * receipt, not from filing). An endpoint deleted meanwhile leaves the capture unattached.
 */
function toDelivery(c: LoggedCapture, endpoint: Endpoint | undefined): NewCapture {
  const verification = verifyCapture(endpoint, { headers: c.headers, body: c.body, receivedAtMs: c.receivedAtMs, truncated: c.truncated });
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
