import { ApiError } from '../../../shared/api/errors.js';
import type { ApiHandlers } from '../../../shared/api/contract.js';
import type { DeliveryAnswer, VerifyManyResult } from '../../../shared/api/deliveries.js';
import type { DeliveryDetail, Verification } from '../../../shared/domain.js';
import { verifyCapture } from '../capture/verify.js';
import type { CoreContext } from '../context.js';
import { endpointOf, requireDelivery } from '../delivery-lookup.js';
import { sentAnswer } from '../receiver/answer.js';
import type { StoredAnswer } from '../store/deliveries.js';
import { DEFAULT_RESPONSE, DEFAULT_RESPONSE_ID, normalizePath } from '../store/endpoints.js';
import { clearNow } from '../retention.js';

type DeliveryHandlers = Pick<ApiHandlers, 'deliveries.list' | 'deliveries.get' | 'deliveries.verify' | 'deliveries.verifyMany' | 'deliveries.answer' | 'deliveries.delete' | 'stats.get'>;

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
    'deliveries.verifyMany': async ({ ids, endpoint }) => verifyMany(ctx, ids ?? store.deliveries.idsOfEndpoint(normalizePath(endpoint!))),
    'deliveries.answer': async ({ id }) => {
      const stored = store.deliveries.answer(id);
      if (!stored) throw new ApiError('not-found', `no delivery with id ${id}`);
      return answerOf(id, stored);
    },
    'deliveries.delete': async ({ ids }) => {
      // Without ids: every delivery, in the clear's slices (one DELETE of 1M rows would hold the core for seconds).
      const deleted = ids ? store.deliveries.delete(ids) : await clearNow(ctx);
      events.emit('deliveries.deleted', { ids: ids ?? null });
      return { deleted };
    },
    'stats.get': async () => ({
      deliveries: store.deliveries.count(),
      byVerdict: store.deliveries.countsByVerdict(),
      endpoints: store.endpoints.list().length,
      secrets: secretsStatus(ctx),
      dbBytes: store.retention.dbBytes(),
      storage: store.writeHealth.current,
    }),
  };
}

/** Deliveries checked per transaction; the event loop is given back between slices. */
const VERIFY_SLICE = 100;

async function verifyMany(ctx: CoreContext, ids: readonly number[]): Promise<VerifyManyResult> {
  const result: VerifyManyResult = { checked: 0, changed: 0, byVerdict: {} };
  const slice = ctx.store.db.transaction((part: readonly number[]) => {
    for (const id of part) {
      const detail = ctx.store.deliveries.get(id);
      if (!detail) continue;
      const body = Buffer.from(detail.bodyBase64, 'base64');
      const verification = reverify(ctx, detail, body);
      ctx.store.deliveries.updateVerification(id, verification, body);
      result.checked++;
      if (verification.status !== detail.verification.status) result.changed++;
      result.byVerdict[verification.status] = (result.byVerdict[verification.status] ?? 0) + 1;
    }
  });
  for (let i = 0; i < ids.length; i += VERIFY_SLICE) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve)); // captures keep being answered meanwhile
    slice(ids.slice(i, i + VERIFY_SLICE));
  }
  return result;
}

/** The answer as it went out, from the response settings recorded with the capture. */
function answerOf(id: number, stored: StoredAnswer): DeliveryAnswer {
  const recorded = stored.responseId === DEFAULT_RESPONSE_ID ? DEFAULT_RESPONSE : stored.spec;
  const source = stored.incomplete === 'aborted' ? 'aborted' : stored.incomplete === 'too-large' ? 'too-large' : stored.responseId === DEFAULT_RESPONSE_ID ? 'default' : recorded ? 'endpoint' : 'not-recorded';
  const sent = sentAnswer(recorded ?? DEFAULT_RESPONSE, id, stored.incomplete, stored.storedBytes);
  if (!sent) return { source, status: null, headers: [], body: '', delayMs: 0 };
  if (source === 'not-recorded') return { source, status: stored.status, headers: [], body: '', delayMs: 0 };
  return { source, ...sent };
}

/** Verifies a stored delivery again with its endpoint's current provider and secrets (see endpointOf), at its receive time. */
export function reverify(ctx: CoreContext, detail: DeliveryDetail, body: Buffer): Verification {
  const endpoint = endpointOf(ctx, detail);
  return verifyCapture(endpoint, { headers: detail.headers, body, receivedAtMs: Date.parse(detail.receivedAt), truncated: detail.truncated });
}

/** How endpoint secrets are protected at rest, and how many endpoints need theirs entered again. */
function secretsStatus(ctx: CoreContext) {
  const unreadable = ctx.store.endpoints.list().filter((e) => e.secretsUnreadable).map((e) => e.path);
  return { protection: ctx.store.secretBox.protection, unreadable };
}
