// From the capture log to deliveries. The receiver commits each capture to the log (store/capture-log.ts)
// and answers; promotion then verifies it against its endpoint and files it as a delivery under the
// same id, and only then is it announced. The receiver promotes each group right after committing it
// while traffic is moderate (receiver/capture-promoter.ts), so a delivery is in the inbox before its
// provider has the answer; in a burst it promotes in idle time instead. Either way a read never misses
// a capture: every API call first files what was logged before it (catchUp).
import type { Endpoint, Verification } from '../../shared/domain.js';
import { verifyWithProfile } from '../../shared/providers/registry.js';
import type { LoggedCapture, PromoteSlice, Promoted } from './store/capture-log.js';
import type { NewCapture } from './store/deliveries.js';
import type { Store } from './store/index.js';

export type { Promoted };

type PromotedListener = (promoted: readonly Promoted[]) => void;

export class CapturePipeline {
  private readonly listeners = new Set<PromotedListener>();

  constructor(private readonly store: Store) {}

  /** Called with every group of captures filed, in id order (events, search indexing). */
  onPromoted(listener: PromotedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Files the oldest logged captures (one transaction); returns how many. */
  promoteNext(slice?: PromoteSlice): number {
    const endpoints = new Map<number, Endpoint | undefined>(); // one look-up per endpoint per slice
    const endpointOf = (id: number) => {
      if (!endpoints.has(id)) endpoints.set(id, this.store.endpoints.get(id));
      return endpoints.get(id);
    };
    const promoted = this.store.captures.promote((c) => toDelivery(c, c.endpointId === null ? undefined : endpointOf(c.endpointId)), slice);
    if (promoted.length > 0) {
      for (const listener of this.listeners) {
        try {
          listener(promoted);
        } catch (err) {
          console.error('hookscope: a listener for new deliveries failed:', err);
        }
      }
    }
    return promoted.length;
  }

  /**
   * Resolves once every capture logged before the call is a delivery. Slices yield to the event loop
   * between them, so a backlog left by a burst does not stop the receiver answering meanwhile.
   */
  async catchUp(): Promise<void> {
    const through = this.store.captures.newestId();
    if (through === 0) return;
    while (this.promoteNext({ throughId: through }) > 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * A logged capture as a delivery: verified against its endpoint as the endpoint is now (normally
 * milliseconds after the request arrived), at the time it arrived (timestamp tolerances count from
 * receipt, not from promotion). An endpoint deleted meanwhile leaves the capture unattached.
 */
function toDelivery(c: LoggedCapture, endpoint: Endpoint | undefined): NewCapture {
  const secrets = endpoint ? [endpoint.secret ?? '', ...endpoint.previousSecrets] : [];
  const verification = verifySafely(endpoint?.provider ?? null, { headers: c.headers, body: c.body, receivedAtMs: c.receivedAtMs, truncated: c.truncated }, secrets);
  return {
    receivedAtMs: c.receivedAtMs,
    method: c.method,
    path: c.path,
    query: c.query,
    httpVersion: c.httpVersion,
    headers: c.headers,
    body: c.body,
    truncated: c.truncated,
    incomplete: c.incomplete,
    remoteAddress: c.remoteAddress,
    remotePort: c.remotePort,
    durationMs: c.durationMs,
    endpointId: endpoint?.id ?? null,
    endpointPath: c.endpointPath,
    provider: endpoint?.provider ?? verification.provider,
    verification,
    responseStatus: c.responseStatus,
  };
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
