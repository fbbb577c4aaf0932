// Sending replays and recording them. Several deliveries go strictly one after another, each once the
// previous one's exchange has finished, so a handler sees them in the order asked for. Every plan is
// checked before the first byte leaves, so a missing secret on the fifth delivery does not leave four
// replays sent and one refused; the target is checked once, before any connection is attempted.
import { ApiError } from '../../../shared/api/errors.js';
import type { Replay, ReplayMode } from '../../../shared/api/replay.js';
import { checkTarget } from '../../../shared/net/loopback.js';
import type { CoreContext } from '../context.js';
import { endpointOf, requireDelivery } from '../delivery-lookup.js';
import { HOP_BY_HOP, sendOutbound } from '../http/outbound.js';
import { replaysOf, type NewReplay } from '../store/replays.js';
import { explainForward } from './forward-probes.js';
import { DEFAULT_REPLAY_TIMEOUT_MS } from './limits.js';
import { buildRequest, planReplay, type ReplayEdits, type ReplayPlan } from './request.js';

/** Responses are kept up to this size; the rest is cut and the replay marked truncated. */
export const MAX_STORED_RESPONSE_BYTES = 1024 * 1024;

export interface ReplayOptions extends ReplayEdits {
  target: string;
  mode: 'as-captured' | 're-signed';
  secret?: string;
  resign?: boolean;
  allowHosts?: readonly string[];
  timeoutMs?: number;
}

export async function replayDeliveries(ctx: CoreContext, ids: readonly number[], opts: ReplayOptions): Promise<Replay[]> {
  const target = checkTarget(opts.target, opts.allowHosts);
  if (!target.ok) throw new ApiError('refused-target', target.reason);
  const plans = ids.map((id) => {
    const detail = requireDelivery(ctx, id);
    return planReplay({ ...opts, detail, endpoint: endpointOf(ctx, detail) });
  });
  const replays: Replay[] = [];
  for (const plan of plans) replays.push(await sendPlan(ctx, plan, plan.mode, opts));
  return replays;
}

/** Sends one planned replay (re-signing at this moment) and records it, as `recordAs`. */
export async function sendPlan(
  ctx: CoreContext,
  plan: ReplayPlan,
  recordAs: ReplayMode,
  opts: { target: string; allowHosts?: readonly string[]; timeoutMs?: number },
): Promise<Replay> {
  const startedAt = Date.now();
  const request = buildRequest(plan, startedAt);
  const result = await sendOutbound({
    ...request,
    timeoutMs: opts.timeoutMs ?? DEFAULT_REPLAY_TIMEOUT_MS,
    maxResponseBytes: MAX_STORED_RESPONSE_BYTES,
    allowHosts: opts.allowHosts,
  });
  const diagnosis = await explainForward(ctx.store.db, { url: request.url, status: result.status, errorKind: result.error?.kind ?? null }, { ownPorts: ownPorts(ctx) });
  return record(ctx, {
    deliveryId: plan.deliveryId,
    createdAtMs: startedAt,
    mode: recordAs,
    edited: plan.edited,
    target: opts.target,
    request: {
      method: request.method,
      url: request.url,
      headers: request.headers.filter((h) => !HOP_BY_HOP.has(h.name.toLowerCase())),
      body: plan.edited ? request.body : null,
    },
    response: result.status === null ? null : { status: result.status, headers: result.headers, body: result.body, truncated: result.bodyTruncated },
    durationMs: result.durationMs,
    error: result.error,
    diagnosis,
  });
}

/** The receiver's own port: never suggested as where the handler might be. */
function ownPorts(ctx: CoreContext): number[] {
  if (!ctx.settings.receiverUrl) return [];
  const url = new URL(ctx.settings.receiverUrl);
  return [Number(url.port || 80)];
}

/** Stores a replay and announces it. */
export function record(ctx: CoreContext, replay: NewReplay): Replay {
  const saved = replaysOf(ctx.store.db).insert(replay);
  ctx.events.emit('replay.finished', {
    id: saved.id,
    deliveryId: saved.deliveryId,
    mode: saved.mode,
    target: saved.target,
    status: saved.response?.status ?? null,
    durationMs: saved.durationMs,
    error: saved.error,
    diagnosis: saved.diagnosis,
  });
  return saved;
}
