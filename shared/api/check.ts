// The handler check in the API contract: run the suite against the user's handler, and follow it live.
// `check.run` answers at once with the run's id (the scorecard fills in from `check.result` events) or,
// with `wait`, once every check ran, with the whole report (the CLI). The report's field names are the
// `hookscope check --json` contract: {provider, target, passed, failed, skipped, checks:[{id, title,
// passed, skipped, expected, got, advice}]}; the other fields are extras.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { CHECK_IDS } from '../check/ids.js';
import { headerFieldSchema } from '../domain.js';
import { method } from './define.js';

export const checkIdSchema = lazySchema(() => z.enum(CHECK_IDS));

/** One request a check sent, as recorded in the sends store (`sends.get` opens it). */
export const checkRequestSchema = lazySchema(() => z.object({
  /** The recorded run's id (`hookscope sends --batch <batchId>`, `sends.get`). */
  sendId: z.number().int(),
  /** What this request is in the check: "signed with another secret", "second delivery", … */
  label: z.string(),
  headers: z.array(headerFieldSchema),
  bodyBytes: z.number().int(),
  /** The body's first bytes as text (the large event's whole body is in the store). */
  bodyPreview: z.string(),
  status: z.number().int().nullable(),
  durationMs: z.number(),
  /** Null when a status arrived; else the sender's failure kind (`timeout`, `refused`, `reset`, …). */
  error: z.string().nullable(),
}));
export type CheckRequest = z.infer<typeof checkRequestSchema>;

export const checkResultSchema = lazySchema(() => z.object({
  id: checkIdSchema,
  title: z.string(),
  passed: z.boolean(),
  skipped: z.boolean(),
  expected: z.string(),
  /** What the handler did; for a skipped check, why it did not run. */
  got: z.string(),
  /** One line naming the mistake and its fix (null when there is nothing to fix). */
  advice: z.string().nullable(),
  /** A passed check that came close to failing (an answer taking over half the timeout). */
  warning: z.string().nullable(),
  /** The slowest answer among its requests, ms (null when nothing was sent). */
  latencyMs: z.number().nullable(),
  requests: z.array(checkRequestSchema),
}));
export type CheckResult = z.infer<typeof checkResultSchema>;

export const checkReportSchema = lazySchema(() => z.object({
  provider: z.string(),
  target: z.string(),
  passed: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  checks: z.array(checkResultSchema),
  runId: z.string(),
  /** The sends batch holding every request of this run, or null when nothing was sent. */
  batchId: z.number().int().nullable(),
  timeoutMs: z.number().int(),
  /** Why the handler could not be reached, when it could not (the remaining checks are skipped). */
  unreachable: z.string().nullable(),
}));
export type CheckReport = z.infer<typeof checkReportSchema>;

export const checkRunSchema = lazySchema(() => z
  .object({
    /** Chosen by the caller to recognise its run's events; generated when absent. */
    runId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
    provider: z.string().min(1).max(64),
    to: z.string().min(1).max(4096),
    /** Null or absent: only the unsigned-request check can run. */
    secret: z.string().max(4096).nullable().optional(),
    /** Catalogue event to send (default: the provider's first); any name with `bodyBase64`. */
    event: z.string().min(1).max(200).optional(),
    /** The event's payload instead of the catalogue sample (a JSON object gets fresh ids and times per request). */
    bodyBase64: z.string().max(50_000_000).optional(),
    /** Run only these checks (the others are listed as skipped). */
    only: z.array(checkIdSchema).max(CHECK_IDS.length).optional(),
    allowHosts: z.array(z.string().min(1).max(255)).max(100).default([]),
    /** Per-request timeout instead of the provider's (grading against another timeout; tests). */
    timeoutMs: z.number().int().min(1).max(3_600_000).optional(),
    /** Answer only once every check ran, with the report. */
    wait: z.boolean().default(false),
  })
  .strict());
export type CheckRunInput = z.input<typeof checkRunSchema>;

export const checkMethods = {
  'check.run': method(() => checkRunSchema, () => z.object({ runId: z.string(), report: checkReportSchema.nullable() }), { readsDeliveries: false }),
};

export const checkEvents = {
  /** The plan: every check in suite order, each to run or skipped with the reason. */
  'check.started': lazySchema(() => z.object({
    runId: z.string(),
    provider: z.string(),
    target: z.string(),
    timeoutMs: z.number().int(),
    checks: z.array(z.object({ id: checkIdSchema, title: z.string(), skipped: z.boolean(), reason: z.string().nullable() })),
  })),
  'check.result': lazySchema(() => z.object({ runId: z.string(), check: checkResultSchema })),
  'check.finished': lazySchema(() => z.object({ runId: z.string(), report: checkReportSchema })),
};
