// A provider's retry policy (shared/retry/policy.ts, data from the seeds) resolved with the user's
// overrides into the plan one send plays. Pure: the player asks it what follows each attempt.
// Decisions:
// - `--retry-reading document-count` swaps the listed waits for the document's stated count, and
//   `--success` another success rule, where the document can be read either way (issue #20);
// - each wait is measured from the start of the previous attempt, so AgileTune's attempts fall at
//   0, 1 m, 6 m, 36 m, 2 h 36 m and 14 h 36 m whatever each attempt took;
// - a policy that retries indefinitely (Aptly) repeats `repeatEveryMs` after its listed delays; under
//   the virtual clock it is capped (default 10 attempts) so a run ends, and a run ended by a cap while
//   the provider would go on is reported `retrying`.
import { retryDelaysFor, type FinalState, type RetryPolicy, type RetryReading, type SuccessRule } from '../../../shared/retry/policy.js';
import type { ContentType, SendPlan } from '../../../shared/retry/send-plan.js';

export const DEFAULT_VIRTUAL_MAX_ATTEMPTS = 10;

export interface PlanOverrides {
  timeoutMs?: number;
  /** Interval of indefinite retries (only for policies that retry indefinitely). */
  retryEveryMs?: number;
  /** Cap on attempts per send; null = the policy's own count. */
  maxAttempts?: number | null;
  inOrder?: boolean;
  /** `document-count`: the attempt count the document states instead of its listed schedule. */
  retryReading?: RetryReading;
  /** Another success rule than the provider's (the other reading of a vague document). */
  success?: SuccessRule;
  /** Body encoding: `form` sends `payload=<url-encoded JSON>` (where the provider offers it). */
  contentType?: ContentType;
}

export class PlanError extends Error {}

export function resolvePlan(policy: RetryPolicy, overrides: PlanOverrides, clockKind: 'real' | 'scaled' | 'virtual'): SendPlan {
  if (overrides.retryEveryMs !== undefined && policy.repeatEveryMs === null) {
    throw new PlanError('--retry-every-ms applies only to providers that retry indefinitely (such as aptly); this provider documents its own schedule');
  }
  const repeatEveryMs = policy.repeatEveryMs === null ? null : (overrides.retryEveryMs ?? policy.repeatEveryMs);
  const defaultCap = repeatEveryMs !== null && clockKind === 'virtual' ? DEFAULT_VIRTUAL_MAX_ATTEMPTS : null;
  const retryReading = overrides.retryReading ?? 'hookscope';
  const retryDelaysMs = retryDelaysFor(policy, retryReading);
  if (!retryDelaysMs) {
    throw new PlanError('--retry-reading document-count applies only where the document\'s attempt count disagrees with its schedule (agiletune, almirant, workspace)');
  }
  return {
    timeoutMs: overrides.timeoutMs ?? policy.timeoutMs,
    success: overrides.success ?? policy.success,
    retryDelaysMs: [...retryDelaysMs],
    repeatEveryMs,
    maxAttempts: overrides.maxAttempts === undefined ? defaultCap : overrides.maxAttempts,
    finalState: policy.finalState,
    inOrder: overrides.inOrder ?? policy.inOrder,
    httpsOnlyExceptLoopback: policy.httpsOnlyExceptLoopback,
    retryReading,
    contentType: overrides.contentType ?? 'json',
  };
}

/** Wait before attempt `n + 1` after attempt `n` failed, or null when the policy has none. */
export function policyDelayAfter(plan: SendPlan, n: number): number | null {
  const listed = plan.retryDelaysMs[n - 1];
  if (listed !== undefined) return listed;
  return plan.repeatEveryMs;
}

export type AfterFailure = { kind: 'retry'; delayMs: number } | { kind: 'end'; status: FinalState };

/** What follows failed attempt `n`: another attempt after a delay, or the state the send ends in. */
export function afterFailure(plan: SendPlan, n: number): AfterFailure {
  const delayMs = policyDelayAfter(plan, n);
  if (delayMs === null) return { kind: 'end', status: plan.finalState };
  // The provider would go on; only the user's cap stops it, so the delivery is still pending there.
  if (plan.maxAttempts !== null && n >= plan.maxAttempts) return { kind: 'end', status: 'retrying' };
  return { kind: 'retry', delayMs };
}

/** Planned offsets of every attempt when each one fails, up to `limit` for indefinite policies. */
export function playedOffsetsMs(plan: SendPlan, limit = 100): number[] {
  const offsets = [0];
  for (let n = 1; offsets.length < limit; n++) {
    const next = afterFailure(plan, n);
    if (next.kind === 'end') break;
    offsets.push(offsets[offsets.length - 1]! + next.delayMs);
  }
  return offsets;
}

