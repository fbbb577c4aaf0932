// A provider's retry policy as plain data: the sender plays it, the UI draws it, tests check it.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';

export const successRuleSchema = lazySchema(() => z.enum(['any-2xx', 'exactly-200', 'below-400']));
export type SuccessRule = z.infer<typeof successRuleSchema>;

export const finalStateSchema = lazySchema(() => z.enum(['failing', 'failed', 'disabled', 'retrying']));
export type FinalState = z.infer<typeof finalStateSchema>;

export const retryPolicySchema = lazySchema(() => z.object({
  /** Per-attempt timeout; the provider gives up on the attempt past it. */
  timeoutMs: z.number().int().positive(),
  /** True when the provider does not document the timeout and the value is our choice. */
  timeoutAssumed: z.boolean().default(false),
  success: successRuleSchema,
  /** Wait before each retry, measured from the start of the previous attempt. */
  retryDelaysMs: z.array(z.number().int().nonnegative()),
  /**
   * The retry waits under the other reading of the document's attempt count (`--retry-reading
   * document-count`), where the document's count and its listed schedule disagree; null when they agree.
   */
  documentCountDelaysMs: z.array(z.number().int().nonnegative()).nullable().default(null),
  /** When set, keep retrying at this interval after the listed delays run out, until stopped. */
  repeatEveryMs: z.number().int().positive().nullable().default(null),
  /** State the webhook or delivery is left in after the last failed attempt. */
  finalState: finalStateSchema,
  /** Only HTTPS targets, loopback excepted (as some providers enforce). */
  httpsOnlyExceptLoopback: z.boolean().default(false),
  /** Deliver a batch strictly in order, a failing event holding back the ones after it. */
  inOrder: z.boolean().default(false),
  /** Where the provider's document is vague, what we chose and why. */
  notes: z.array(z.string()).default([]),
}));
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

export function isSuccess(rule: SuccessRule, status: number): boolean {
  switch (rule) {
    case 'any-2xx':
      return status >= 200 && status < 300;
    case 'exactly-200':
      return status === 200;
    case 'below-400':
      return status < 400;
  }
}

/** The rule in words, as delivery logs and the handler check say it. */
export function describeRule(rule: SuccessRule): string {
  switch (rule) {
    case 'any-2xx':
      return 'success is any 2xx';
    case 'exactly-200':
      return 'success is exactly 200';
    case 'below-400':
      return 'success is any status below 400';
  }
}

/** Attempt count when the schedule is finite (first attempt plus each listed retry). */
export function attemptCount(policy: RetryPolicy): number | null {
  return policy.repeatEveryMs === null ? policy.retryDelaysMs.length + 1 : null;
}

/** Offsets of each planned attempt from the first, in provider time (finite part only). */
export function plannedOffsetsMs(policy: RetryPolicy): number[] {
  const offsets = [0];
  for (const delay of policy.retryDelaysMs) offsets.push(offsets[offsets.length - 1]! + delay);
  return offsets;
}

/**
 * Which reading of a document's attempt count the sender plays (issue #20): `hookscope`, the listed
 * schedule; `document-count`, the count the document states where it disagrees with that schedule.
 */
export const RETRY_READINGS = ['hookscope', 'document-count'] as const;
export const retryReadingSchema = lazySchema(() => z.enum(RETRY_READINGS));
export type RetryReading = z.infer<typeof retryReadingSchema>;

/** The retry waits under a reading, or null when the policy has no other reading. */
export function retryDelaysFor(policy: RetryPolicy, reading: RetryReading): number[] | null {
  if (reading === 'hookscope') return policy.retryDelaysMs;
  return policy.documentCountDelaysMs;
}
