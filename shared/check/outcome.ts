// How one request of a check came out, in the terms a check is judged by: accepted by the provider's
// success rule, refused with a 4xx, a 5xx, some other status, no answer in time, a dropped connection,
// or no handler at all. Pure: the core classifies what it sent, the report and the advice read this.
import { isSuccess, type SuccessRule } from '../retry/policy.js';

export type OutcomeKind = 'accepted' | 'rejected' | 'server-error' | 'other-status' | 'timeout' | 'dropped' | 'unreachable';

export interface Outcome {
  kind: OutcomeKind;
  status: number | null;
  durationMs: number;
  /** The sender's message when no status arrived. */
  message: string | null;
}

/** Failure kinds of outbound.ts that mean nothing answers at the target (the suite stops there). */
const UNREACHABLE = new Set(['refused', 'dns', 'refused-target', 'tls']);

export function classify(rule: SuccessRule, r: { status: number | null; error: string | null; errorMessage: string | null; durationMs: number }): Outcome {
  const base = { status: r.status, durationMs: r.durationMs, message: r.errorMessage };
  if (r.status === null || (r.error !== null && !r.error.startsWith('status '))) {
    if (r.error === 'timeout') return { ...base, kind: 'timeout' };
    if (r.error !== null && UNREACHABLE.has(r.error)) return { ...base, kind: 'unreachable' };
    return { ...base, kind: 'dropped' };
  }
  if (isSuccess(rule, r.status)) return { ...base, kind: 'accepted' };
  if (r.status >= 400 && r.status < 500) return { ...base, kind: 'rejected' };
  if (r.status >= 500) return { ...base, kind: 'server-error' };
  return { ...base, kind: 'other-status' };
}

/** "HTTP 401 in 12 ms", "no answer within 30 s", "connection refused (…)". */
export function describeOutcome(o: Outcome, timeoutMs: number): string {
  const took = `${Math.round(o.durationMs)} ms`;
  switch (o.kind) {
    case 'accepted':
    case 'rejected':
    case 'server-error':
    case 'other-status':
      return `HTTP ${o.status} in ${took}`;
    case 'timeout':
      return `no answer within ${formatMs(timeoutMs)}`;
    case 'dropped':
      return `the connection closed without an answer${o.message ? ` (${o.message})` : ''}`;
    case 'unreachable':
      return `not reachable${o.message ? ` (${o.message})` : ''}`;
  }
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 120) return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
  return `${Math.round(s / 60)} min`;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
