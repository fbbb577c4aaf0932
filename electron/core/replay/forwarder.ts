// Auto-forward (as smee or `stripe listen --forward-to` do): every capture on an endpoint with a
// forwardTo URL is replayed as captured to it and recorded as a `forward` replay. Three rules:
// - the provider's acknowledgement never waits: the receiver answers after commit, and forwarding
//   starts only on a later turn of the event loop;
// - order is kept per endpoint: one forward at a time per endpoint, in capture order;
// - never a loop: a forwardTo that points at this receiver itself is refused (and recorded as such),
//   since each forward would be captured and forwarded again.
import { isLoopbackHostname } from '../../../shared/net/loopback.js';
import type { DeliverySummary } from '../../../shared/domain.js';
import { HOP_BY_HOP } from '../http/outbound.js';
import type { CoreContext } from '../context.js';
import { planReplay } from './request.js';
import { DEFAULT_REPLAY_TIMEOUT_MS, record, sendPlan } from './replayer.js';

export interface Forwarder {
  /** Stops taking new captures and waits (briefly) for the forwards under way. */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 2_000;

export function startForwarder(ctx: CoreContext, opts: { timeoutMs?: number } = {}): Forwarder {
  const queues = new Map<string, Promise<void>>();
  let stopped = false;

  const enqueue = (summary: DeliverySummary) => {
    if (stopped || !summary.endpoint) return;
    const endpoint = ctx.store.endpoints.byPath(summary.endpoint);
    const forwardTo = endpoint?.forwardTo;
    if (!endpoint || !forwardTo) return;
    const next = (queues.get(endpoint.path) ?? Promise.resolve())
      .then(() => forwardOne(summary.id, forwardTo))
      .catch((err: unknown) => {
        if (!stopped) console.error(`hookscope: forwarding delivery #${summary.id} failed:`, err);
      });
    queues.set(endpoint.path, next);
    void next.finally(() => {
      if (queues.get(endpoint.path) === next) queues.delete(endpoint.path);
    });
  };

  const forwardOne = async (id: number, forwardTo: string) => {
    if (stopped) return;
    const detail = ctx.store.deliveries.get(id);
    if (!detail) return; // deleted before its turn
    const endpoint = detail.endpoint ? ctx.store.endpoints.byPath(detail.endpoint) : undefined;
    const notSent = (message: string) =>
      record(ctx, {
        deliveryId: id,
        createdAtMs: Date.now(),
        mode: 'forward',
        edited: false,
        target: forwardTo,
        request: { method: detail.method, url: forwardTo, headers: detail.headers.filter((h) => !HOP_BY_HOP.has(h.name.toLowerCase())), body: null },
        response: null,
        durationMs: 0,
        error: { kind: 'not-sent', message },
      });
    if (pointsAtReceiver(forwardTo, ctx.settings.receiverUrl)) {
      return void notSent(`not forwarded: ${forwardTo} is this receiver, so every forward would be captured and forwarded again`);
    }
    if (detail.truncated) return void notSent('not forwarded: the body was truncated at the size limit');
    const plan = planReplay({ detail, endpoint, target: forwardTo, mode: 'as-captured' });
    await sendPlan(ctx, plan, 'forward', { target: forwardTo, timeoutMs: opts.timeoutMs ?? DEFAULT_REPLAY_TIMEOUT_MS });
  };

  // The event fires inside the receiver's commit, before the answers go out: defer every bit of work.
  const unsubscribe = ctx.events.on('delivery.received', (summary) => void setImmediate(() => enqueue(summary)));

  return {
    stop: async () => {
      stopped = true;
      unsubscribe();
      const pending = Promise.allSettled([...queues.values()]);
      await Promise.race([pending, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref())]);
    },
  };
}

/** True when `target` reaches the receiver at `receiverUrl` (same port, same or loopback host). */
export function pointsAtReceiver(target: string, receiverUrl: string | null): boolean {
  if (!receiverUrl) return false;
  let t: URL;
  let r: URL;
  try {
    t = new URL(target);
    r = new URL(receiverUrl);
  } catch {
    return false;
  }
  const port = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');
  if (port(t) !== port(r)) return false;
  const host = (u: URL) => u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host(t) === host(r)) return true;
  const receiverHearsLoopback = isLoopbackHostname(host(r)) || host(r) === '0.0.0.0' || host(r) === '::';
  return receiverHearsLoopback && isLoopbackHostname(host(t));
}
