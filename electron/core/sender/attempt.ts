// One delivery attempt, as a provider makes it: the body signed afresh (a new timestamp and delivery id
// where the scheme has them), sent once with the provider's timeout, and judged by its success rule.
// A failed attempt names its kind: `timeout`, `refused`, `reset`, `tls`, … or the status it got
// (`status 500`), so a run reads like the provider's own delivery log.
import { randomUUID } from 'node:crypto';
import type { HeaderField } from '../../../shared/domain.js';
import type { ProviderSpec } from '../../../shared/providers/spec.js';
import { describeRule, isSuccess, type SuccessRule } from '../../../shared/retry/policy.js';
import { providerHeaders, signRequest } from '../../../shared/verify/sign.js';
import { sendOutbound, type OutboundResult } from '../http/outbound.js';
import type { NewAttempt } from '../store/sends.js';

/** Responses are kept for the delivery log, not processed: 64 KiB is plenty to read an error page. */
export const MAX_RECORDED_RESPONSE_BYTES = 64 * 1024;

export interface AttemptInput {
  /** Snapshotted with the send, so a resume in another process signs the same way. */
  spec: ProviderSpec;
  event: string;
  url: string;
  body: Buffer;
  /** Null sends the request unsigned (no signature headers). */
  secret: string | null;
  timeoutMs: number;
  success: SuccessRule;
  allowHosts: readonly string[];
  /** Wall time the signature's timestamp is taken from: the receiving handler lives in real time. */
  wallNowMs: number;
  /** The body's encoding (default json): its Content-Type. */
  contentType?: 'json' | 'form';
}

export const CONTENT_TYPE_HEADER = { json: 'application/json', form: 'application/x-www-form-urlencoded' } as const;

export interface AttemptResult {
  ok: boolean;
  status: number | null;
  /** Null on success; else the failure's kind or `status <code>`. */
  error: string | null;
  errorMessage: string | null;
  durationMs: number;
  requestHeaders: HeaderField[];
  response: { headers: HeaderField[]; body: Buffer; truncated: boolean } | null;
}

export function userAgentOf(spec: Pick<ProviderSpec, 'name'>): string {
  return `${spec.name.replace(/[^A-Za-z0-9]+/g, '')}-Webhooks/1.0 (Hookscope mock sender)`;
}

/** The headers of one attempt, in the order a provider would plausibly send them. */
export function attemptHeaders(input: Pick<AttemptInput, 'spec' | 'event' | 'body' | 'secret' | 'wallNowMs' | 'contentType'>): HeaderField[] {
  const { spec } = input;
  const headers: HeaderField[] = [
    { name: 'Content-Type', value: CONTENT_TYPE_HEADER[input.contentType ?? 'json'] },
    { name: 'User-Agent', value: userAgentOf(spec) },
  ];
  headers.push(...providerHeaders(spec, input.event, input.body));
  const id = `msg_${randomUUID().replace(/-/g, '')}`;
  if (input.secret !== null) {
    headers.push(...signRequest(spec, input.body, input.secret, { nowMs: input.wallNowMs, id }));
  } else {
    // Delivery id and timestamp headers are not signatures: the provider sends them on every request
    // (Workspace's X-Webhook-Timestamp), so an unsigned rehearsal keeps them; only the signature goes.
    if (spec.idHeader) headers.push({ name: spec.idHeader, value: id });
    if (spec.timestamp) headers.push({ name: spec.timestamp.header, value: String(Math.floor(input.wallNowMs / 1000)) });
  }
  return headers;
}

export async function performAttempt(input: AttemptInput): Promise<AttemptResult> {
  const requestHeaders = attemptHeaders(input);
  const result = await sendOutbound({
    url: input.url,
    method: 'POST',
    headers: requestHeaders,
    body: input.body,
    timeoutMs: input.timeoutMs,
    maxResponseBytes: MAX_RECORDED_RESPONSE_BYTES,
    allowHosts: input.allowHosts,
  });
  return judge(input.success, result, requestHeaders);
}

/** What the sends store keeps of one attempt: the result, placed in its run (n) and in time. */
export function attemptRecord(result: AttemptResult, n: number, offsetMs: number, sentAtMs: number): NewAttempt {
  const { status, durationMs, error, errorMessage, requestHeaders, response } = result;
  return { n, offsetMs, sentAtMs, status, durationMs, error, errorMessage, requestHeaders, response };
}

export function judge(rule: SuccessRule, result: OutboundResult, requestHeaders: HeaderField[]): AttemptResult {
  const response = result.status === null ? null : { headers: result.headers, body: result.body, truncated: result.bodyTruncated };
  const base = { status: result.status, durationMs: result.durationMs, requestHeaders, response };
  if (result.error) return { ...base, ok: false, error: result.error.kind, errorMessage: result.error.message };
  const status = result.status!;
  if (isSuccess(rule, status)) return { ...base, ok: true, error: null, errorMessage: null };
  return { ...base, ok: false, error: `status ${status}`, errorMessage: `HTTP ${status} does not count as delivered (${describeRule(rule)})` };
}
