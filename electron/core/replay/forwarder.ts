// Auto-forward (as smee or `stripe listen --forward-to` do): every capture on an endpoint with a
// forwardTo URL is replayed as captured to it and recorded as a `forward` replay. The rules:
// - the provider's acknowledgement never waits: the receiver answers after commit, and forwarding
//   starts only on a later turn of the event loop;
// - order is kept per endpoint: one forward at a time per endpoint, in capture order;
// - the wait is bounded: behind a handler that hangs (30 s timeout each), forwards would go out
//   minutes late, past the 5-minute timestamp tolerance of Stripe, Slack or Standard Webhooks, so a
//   capture is dropped when too many wait already, or when it has waited too long by its turn;
// - never a loop: a forwardTo that points at this receiver itself is refused, since each forward
//   would be captured and forwarded again;
// - only whole requests: a capture cut at the size limit or by the sender going away is not sent.
// Whatever is not sent is recorded as a `not-sent` forward saying why, so the user can replay it.
import { ApiError } from '../../../shared/api/errors.js';
import { isLoopbackHostname } from '../../../shared/net/loopback.js';
import type { DeliveryDetail, DeliverySummary, Endpoint } from '../../../shared/domain.js';
import { eventTypeOf, ruleFor } from '../../../shared/providers/event-type.js';
import { getProvider } from '../../../shared/providers/registry.js';
import { HOP_BY_HOP } from '../http/outbound.js';
import type { CoreContext } from '../context.js';
import { endpointOf } from '../delivery-lookup.js';
import { incompleteReason, planReplay } from './request.js';
import { DEFAULT_MAX_WAIT_MS, DEFAULT_MAX_WAITING, DEFAULT_REPLAY_TIMEOUT_MS } from './limits.js';
import { record, sendPlan } from './replayer.js';

export interface Forwarder {
  /** Stops taking new captures and waits (briefly) for the forwards under way. */
  stop(): Promise<void>;
}

export interface ForwarderOptions {
  timeoutMs?: number;
  /** Captures of one endpoint waiting behind the forward under way, at most. */
  maxWaiting?: number;
  /** A capture older than this when its turn comes is not sent (its signature's timestamp would be stale). */
  maxWaitMs?: number;
}

const STOP_GRACE_MS = 2_000;

export function startForwarder(ctx: CoreContext, opts: ForwarderOptions = {}): Forwarder {
  const maxWaiting = opts.maxWaiting ?? DEFAULT_MAX_WAITING;
  const maxWaitMs = opts.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const queues = new Map<string, Promise<void>>();
  const waiting = new Map<string, number>();
  let stopped = false;

  const enqueue = (summary: DeliverySummary) => {
    if (stopped || !summary.endpoint) return;
    const endpoint = ctx.store.endpoints.byPath(summary.endpoint);
    if (!endpoint) return;
    const forwardTo = targetFor(ctx, endpoint, summary.id);
    if (!forwardTo) return;
    const key = endpoint.path;
    const ahead = waiting.get(key) ?? 0;
    if (ahead >= maxWaiting) {
      // Turned away in a flood: what the record needs, not the body (this runs for every capture over the limit).
      const request = ctx.store.deliveries.request(summary.id);
      const message = `not forwarded: ${ahead} forwards to ${forwardTo} were already waiting (the handler is slow or not answering); replay it once the handler is back`;
      if (request) notSent(request, forwardTo, message);
      return;
    }
    waiting.set(key, ahead + 1);
    const next = (queues.get(key) ?? Promise.resolve())
      .then(() => {
        waiting.set(key, (waiting.get(key) ?? 1) - 1);
        return forwardOne(summary.id, forwardTo);
      })
      .catch((err: unknown) => {
        if (!stopped) console.error(`hookscope: forwarding delivery #${summary.id} failed:`, err);
      });
    queues.set(key, next);
    void next.finally(() => {
      if (queues.get(key) !== next) return;
      queues.delete(key);
      waiting.delete(key);
    });
  };

  const notSent = (detail: Pick<DeliveryDetail, 'id' | 'method' | 'headers'>, forwardTo: string, message: string) =>
    record(ctx, {
      deliveryId: detail.id,
      createdAtMs: Date.now(),
      mode: 'forward',
      edited: false,
      target: forwardTo,
      request: { method: detail.method, url: forwardTo, headers: detail.headers.filter((h) => !HOP_BY_HOP.has(h.name.toLowerCase())), body: null },
      response: null,
      durationMs: 0,
      error: { kind: 'not-sent', message },
    });

  const forwardOne = async (id: number, forwardTo: string) => {
    if (stopped) return;
    const detail = ctx.store.deliveries.get(id);
    if (!detail) return; // deleted before its turn
    const endpoint = detail.endpoint ? endpointOf(ctx, detail) : undefined;
    if (pointsAtReceiver(forwardTo, ctx.settings.receiverUrl)) {
      return void notSent(detail, forwardTo, `not forwarded: ${forwardTo} is this receiver, so every forward would be captured and forwarded again`);
    }
    const incomplete = incompleteReason(detail);
    if (incomplete) return void notSent(detail, forwardTo, `not forwarded: the delivery ${incomplete}`);
    const waitedMs = Date.now() - Date.parse(detail.receivedAt);
    if (waitedMs > maxWaitMs) {
      const seconds = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 1 : 0);
      const message = `not forwarded: it waited ${seconds(waitedMs)} s behind earlier forwards to ${forwardTo}, past the ${seconds(maxWaitMs)} s limit (providers reject signatures whose timestamp is a few minutes old); replay it re-signed instead`;
      return void notSent(detail, forwardTo, message);
    }
    let plan;
    try {
      plan = planReplay({ detail, endpoint, target: forwardTo, mode: 'as-captured' });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return void notSent(detail, forwardTo, `not forwarded: ${err.message}`);
    }
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

/**
 * Where a capture goes: the first of the endpoint's rules matching its event type (routing by event,
 * issue #21), else forwardTo. Only an endpoint with rules reads the capture's body for its event.
 */
function targetFor(ctx: CoreContext, endpoint: Endpoint, id: number): string | null {
  if (endpoint.forwardRules.length === 0) return endpoint.forwardTo;
  const detail = ctx.store.deliveries.get(id);
  if (!detail) return null;
  const providerId = endpoint.provider ?? detail.provider;
  const spec = providerId ? getProvider(providerId) : undefined;
  const event = eventTypeOf(spec, detail.headers, Buffer.from(detail.bodyBase64, 'base64').toString('utf8'));
  return ruleFor(endpoint.forwardRules, event)?.url ?? endpoint.forwardTo;
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
