import { ApiError } from '../../../shared/api/errors.js';
import type { ApiHandlers } from '../../../shared/api/contract.js';
import type { DeliveryDetail, Verification } from '../../../shared/domain.js';
import { verifyWithProfile } from '../../../shared/providers/registry.js';
import type { CoreContext } from '../context.js';
import { endpointOf } from '../delivery-endpoint.js';
import { explainUnreadable, secretsOf } from '../endpoint-secrets.js';

type DeliveryHandlers = Pick<ApiHandlers, 'deliveries.list' | 'deliveries.get' | 'deliveries.verify' | 'deliveries.delete' | 'stats.get'>;

export function deliveryHandlers(ctx: CoreContext): DeliveryHandlers {
  const { store, events } = ctx;
  return {
    'deliveries.list': async (query) => ({ items: store.deliveries.list(query) }),
    'deliveries.get': async ({ id }) => requireDelivery(ctx, id),
    'deliveries.verify': async ({ id }) => {
      const detail = requireDelivery(ctx, id);
      const body = Buffer.from(detail.bodyBase64, 'base64'); // decoded once, for the check and the stored verdict
      const verification = reverify(ctx, detail, body);
      store.deliveries.updateVerification(id, verification, body);
      return verification;
    },
    'deliveries.delete': async ({ ids }) => {
      const deleted = store.deliveries.delete(ids);
      events.emit('deliveries.deleted', { ids: ids ?? null });
      return { deleted };
    },
    'stats.get': async () => ({
      deliveries: store.deliveries.count(),
      byVerdict: store.deliveries.countsByVerdict(),
      endpoints: store.endpoints.list().length,
      secrets: secretsStatus(ctx),
      dbBytes: store.retention.dbBytes(),
    }),
  };
}

export function requireDelivery(ctx: CoreContext, id: number): DeliveryDetail {
  const detail = ctx.store.deliveries.get(id);
  if (detail) return detail;
  // Acknowledged but not filed (filing failed: a full disk, say): served from the capture log (#15).
  const waiting = ctx.captures.waiting(id);
  if (waiting) return ctx.store.deliveries.detailOf(id, waiting);
  throw new ApiError('not-found', `no delivery with id ${id}`);
}

/** Verifies a stored delivery again with its endpoint's current provider and secrets (see endpointOf), at its receive time. */
export function reverify(ctx: CoreContext, detail: DeliveryDetail, body: Buffer): Verification {
  const endpoint = endpointOf(ctx, detail);
  const verification = verifyWithProfile(
    endpoint?.provider ?? null,
    {
      headers: detail.headers,
      body,
      receivedAtMs: Date.parse(detail.receivedAt),
      truncated: detail.truncated,
    },
    secretsOf(endpoint),
  );
  return explainUnreadable(verification, endpoint);
}

/** How endpoint secrets are protected at rest, and how many endpoints need theirs entered again. */
function secretsStatus(ctx: CoreContext) {
  const unreadable = ctx.store.endpoints.list().filter((e) => e.secretsUnreadable).map((e) => e.path);
  return { protection: ctx.store.secretBox.protection, unreadable };
}
