// Which endpoint a stored delivery belongs to now.
import type { DeliveryDetail, Endpoint } from '../../shared/domain.js';
import type { CoreContext } from './context.js';

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
