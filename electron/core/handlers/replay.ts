// Replay, replay records, diffs and exports. The logic lives in replay/ (sending), shared/diff and
// shared/export (pure); these handlers only fetch what they need and map failures to ApiErrors.
// The sending, diffing and exporting code loads on first use: commands that only read (stats,
// deliveries…) start without it and without node:http.
import { ApiError } from '../../../shared/api/errors.js';
import type { ApiHandlers } from '../../../shared/api/contract.js';
import { VERSION } from '../../../shared/version.js';
import type { CoreContext } from '../context.js';
import { decodeBase64InSlices } from '../replay/base64-slices.js';
import { redactionRulesFor } from '../replay/redaction.js';
import { replaysOf } from '../store/replays.js';
import { requireDelivery } from '../delivery-lookup.js';

const diffing = () => import('../../../shared/diff/message.js');
const hopByHop = async () => (await import('../http/outbound.js')).HOP_BY_HOP;

type ReplayHandlers = Pick<ApiHandlers, 'replay.send' | 'replays.list' | 'diff.deliveries' | 'diff.replay' | 'export.deliveries'>;

export function replayHandlers(ctx: CoreContext): ReplayHandlers {
  return {
    'replay.send': async ({ ids, bodyBase64, ...opts }) => {
      // An edited body of up to 40 MB of base64: decoded in slices, so captures are answered meanwhile.
      const body = bodyBase64 === undefined ? undefined : await decodeBase64InSlices(bodyBase64);
      return { replays: await (await import('../replay/replayer.js')).replayDeliveries(ctx, ids, { ...opts, ...(body ? { body } : {}) }) };
    },
    'replays.list': async ({ deliveryId }) => {
      requireDelivery(ctx, deliveryId);
      return { items: replaysOf(ctx.store.db).listFor(deliveryId) };
    },
    'diff.deliveries': async ({ a, b }) => {
      const { diffMessages } = await diffing();
      const left = requireDelivery(ctx, a);
      const right = requireDelivery(ctx, b);
      const request = (['method', 'path', 'query'] as const)
        .filter((field) => left[field] !== right[field])
        .map((field) => ({ field, old: left[field], new: right[field] }));
      return { a, b, request, ...diffMessages(left, right) };
    },
    'diff.replay': async ({ deliveryId, replayId, against }) => {
      const [{ diffMessages }, HOP_BY_HOP] = await Promise.all([diffing(), hopByHop()]);
      const delivery = requireDelivery(ctx, deliveryId);
      const replay = replaysOf(ctx.store.db).get(replayId);
      if (!replay || replay.deliveryId !== deliveryId) throw new ApiError('not-found', `delivery #${deliveryId} has no replay with id ${replayId}`);
      if (against === 'request') {
        // The record leaves out hop-by-hop headers (set per connection), so the capture is compared without them too.
        const captured = { ...delivery, headers: delivery.headers.filter((h) => !HOP_BY_HOP.has(h.name.toLowerCase())) };
        return { deliveryId, replayId, against, ...diffMessages(captured, replay.request) };
      }
      if (!replay.response) throw new ApiError('not-found', `replay #${replayId} got no response (${replay.error?.message ?? 'none arrived'})`);
      return { deliveryId, replayId, against, ...diffMessages(delivery, replay.response) };
    },
    'export.deliveries': async ({ ids, format, redact, target }) => {
      const [{ exportDeliveries }, HOP_BY_HOP] = await Promise.all([import('../../../shared/export/index.js'), hopByHop()]);
      return exportDeliveries(
        ids.map((id) => requireDelivery(ctx, id)),
        format,
        { version: VERSION, target, redaction: redact ? redactionRulesFor(ctx) : null, transportHeaders: HOP_BY_HOP },
      );
    },
  };
}
