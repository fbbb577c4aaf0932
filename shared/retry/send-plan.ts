// What a stored send plays: its resolved plan (electron/core/sender/plan.ts resolves it) and the clock
// it plays on (electron/core/scheduler/clock.ts builds it). Data only, here so that the store, which
// keeps both with each batch, needs nothing from the layers that use them.
import type { FinalState, RetryReading, SuccessRule } from './policy.js';

export type ContentType = 'json' | 'form';

export interface SendPlan {
  timeoutMs: number;
  success: SuccessRule;
  retryDelaysMs: number[];
  repeatEveryMs: number | null;
  /** Attempts allowed by the user's cap, or null when only the policy limits them. */
  maxAttempts: number | null;
  finalState: FinalState;
  inOrder: boolean;
  httpsOnlyExceptLoopback: boolean;
  /** Absent in plans stored before issue #20: `hookscope` and `json`. */
  retryReading?: RetryReading;
  contentType?: ContentType;
}

export type ClockKind = 'real' | 'scaled' | 'virtual';

export interface ClockSpec {
  kind: ClockKind;
  /** Provider ms per wall ms for `scaled`; ignored otherwise. */
  scale?: number;
}
