// Finding a delivery (filed, or still waiting in the capture log) and the endpoint it belongs to now.
import { ApiError } from '../../shared/api/errors.js';
import type { DeliveryDetail, Endpoint } from '../../shared/domain.js';
import type { CoreContext } from './context.js';

export function requireDelivery(ctx: CoreContext, id: number): DeliveryDetail {
  const detail = ctx.store.deliveries.get(id);
  if (detail) return detail;
  // Acknowledged but not filed (filing failed: a full disk, say): served from the capture log (#15).
  const waiting = ctx.filing.waiting(id);
  if (waiting) return ctx.store.deliveries.detailOf(id, waiting);
  throw new ApiError('not-found', `no delivery with id ${id}`);
}

/**
 * The endpoint a delivery belongs to now: the one it is attached to, even if that endpoint's path
 * changed since; else (deleted) one at the path it matched then, else one matching its path. One
 * answer for verifying again, re-signing, redacting and forwarding.
 */
export function endpointOf(ctx: CoreContext, detail: DeliveryDetail): Endpoint | undefined {
  const attached = ctx.store.deliveries.endpointIdOf(detail.id);
  const byId = attached === null ? undefined : ctx.store.endpoints.get(attached);
  return byId ?? (detail.endpoint ? ctx.store.endpoints.byPath(detail.endpoint) : ctx.store.endpoints.match(detail.path));
}
