// Turning a `send.start` request into a stored batch, refusing what a provider (or Hookscope) would
// refuse before anything is sent. Two target rules, each named when it refuses:
// - Hookscope's own: only loopback targets (localhost, 127.0.0.0/8, ::1) unless --allow-host;
// - a provider's: Almirant sends only to HTTPS URLs, localhost excepted, as its document says.
import type { z } from 'zod';
import { ApiError } from '../../../shared/api/errors.js';
import type { sendStartSchema } from '../../../shared/api/sender.js';
import { checkTarget, isLoopbackHostname } from '../../../shared/net/loopback.js';
import { getProvider, listProviders } from '../../../shared/providers/registry.js';
import type { ProviderSpec } from '../../../shared/providers/spec.js';
import type { NewBatch } from '../store/sends.js';
import { PayloadError, planBatch } from './payload.js';
import type { ClockSpec, SendPlan } from '../../../shared/retry/send-plan.js';
import { PlanError, resolvePlan } from './plan.js';

export type SendStartRequest = z.output<typeof sendStartSchema>;

export function prepareBatch(req: SendStartRequest, nowMs: number): NewBatch {
  const spec = getProvider(req.provider);
  if (!spec) throw new ApiError('bad-input', `unknown provider "${req.provider}" (known: ${listProviders().map((p) => p.id).join(', ')})`);
  const clock: ClockSpec = req.clock.kind === 'scaled' ? { kind: 'scaled', scale: req.clock.scale } : { kind: req.clock.kind };
  checkBodyOptions(spec, req);
  const overrides = {
    timeoutMs: req.timeoutMs,
    retryEveryMs: req.retryEveryMs,
    maxAttempts: req.maxAttempts,
    inOrder: req.inOrder,
    retryReading: req.retryReading,
    success: req.success,
    contentType: req.contentType,
  };
  const plan = asBadInput(() => resolvePlan(spec.retry, overrides, clock.kind));
  const target = checkTargetRules(spec, plan, req.to, req.allowHosts);
  const deliveries = asBadInput(() =>
    planBatch(
      spec,
      {
        events: req.events,
        count: req.count,
        body: req.bodyBase64 === undefined ? undefined : Buffer.from(req.bodyBase64, 'base64'),
        duplicates: req.duplicates,
        duplicateProbability: req.duplicateProbability,
        shuffle: req.shuffle,
        seed: req.seed,
        pretty: req.prettyBody,
        contentType: req.contentType,
      },
      nowMs,
    ),
  );
  return {
    createdAtMs: nowMs,
    originWallMs: nowMs,
    clock,
    plan,
    spec,
    allowHosts: req.allowHosts,
    runs: deliveries.map((d, seq) => ({
      seq,
      provider: spec.id,
      event: d.event,
      target,
      secret: req.secret ?? null,
      body: d.body,
      duplicateOfIndex: d.duplicateOf,
      occurredSeq: d.occurredSeq,
    })),
  };
}

/** Body options a provider's document does not offer, or that would change bytes the user gave, are refused. */
function checkBodyOptions(spec: ProviderSpec, req: SendStartRequest): void {
  if (req.contentType && !spec.contentTypes.includes(req.contentType)) {
    throw new ApiError('bad-input', `--content-type ${req.contentType}: ${spec.name}'s document offers only ${spec.contentTypes.join(', ')} bodies`);
  }
  if (req.prettyBody && req.bodyBase64 !== undefined) {
    throw new ApiError('bad-input', '--pretty-body formats catalogue samples; a --data body is sent byte for byte as given');
  }
}

/** The target as it will be used, or an error: bad-input for a malformed URL, refused-target for a rule. */
export function checkTargetRules(spec: ProviderSpec, plan: SendPlan, to: string, allowHosts: readonly string[]): string {
  let url: URL;
  try {
    url = new URL(to);
  } catch {
    throw new ApiError('bad-input', `--to "${to}" is not a valid URL (expected e.g. http://localhost:3000/webhooks)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ApiError('bad-input', `--to must be an http:// or https:// URL, not ${url.protocol}`);
  }
  const loopback = checkTarget(to, allowHosts);
  if (!loopback.ok) throw new ApiError('refused-target', `Hookscope's loopback rule: ${loopback.reason}`);
  if (plan.httpsOnlyExceptLoopback && url.protocol === 'http:' && !isLoopbackHostname(url.hostname)) {
    throw new ApiError(
      'refused-target',
      `${spec.name}'s HTTPS rule: ${spec.name} does not send webhooks to unencrypted HTTP URLs except localhost; use https://${url.host}${url.pathname}`,
    );
  }
  return to;
}

function asBadInput<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof PayloadError || err instanceof PlanError) throw new ApiError('bad-input', err.message);
    throw err;
  }
}
