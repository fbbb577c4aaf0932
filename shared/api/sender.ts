// The mock sender's part of the API: start a batch of sends (Hookscope acting as the provider: signing
// like it, retrying on its schedule), list and read past runs, stop one. Events report each finished
// attempt and each change of a run's status.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { headerFieldSchema } from '../domain.js';
import { retryReadingSchema, successRuleSchema } from '../retry/policy.js';
import { method } from './define.js';

/**
 * A run's status: `scheduled` while attempts remain; `delivered` once one succeeded; the provider's
 * state after its last failure (`failing`, `failed`, `disabled`); `retrying` when the run ended by a
 * cap while the provider would go on; `stopped` when a user stopped it.
 */
export const SEND_STATUSES = ['scheduled', 'delivered', 'failing', 'failed', 'disabled', 'retrying', 'stopped'] as const;
export const sendStatusSchema = lazySchema(() => z.enum(SEND_STATUSES));
export type SendStatus = z.infer<typeof sendStatusSchema>;

export const clockSpecSchema = lazySchema(() => z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('real') }),
  /** Provider time runs `scale` times as fast as wall time. */
  z.object({ kind: z.literal('scaled'), scale: z.number().positive().max(1e9) }),
  /** Waits are skipped; attempts are still sent for real. */
  z.object({ kind: z.literal('virtual') }),
]));
export type ClockSpecInput = z.infer<typeof clockSpecSchema>;

/** One attempt as `send --json` prints it. */
export const sendAttemptSchema = lazySchema(() => z.object({
  n: z.number().int(),
  /** Provider time since the batch started, ms. */
  offsetMs: z.number().int(),
  /** HTTP status, or null when no response came. */
  status: z.number().int().nullable(),
  durationMs: z.number(),
  /** Null on success; else `timeout`, `refused`, `reset`, `tls`, `dns`, `other` or `status <code>`. */
  error: z.string().nullable(),
}));
export type SendAttempt = z.infer<typeof sendAttemptSchema>;

export const sendAttemptDetailSchema = lazySchema(() => sendAttemptSchema.extend({
  sentAt: z.string(),
  errorMessage: z.string().nullable(),
  /** The request as sent: the headers Hookscope set (the HTTP client adds Host, Content-Length, Connection). */
  request: z.object({ headers: z.array(headerFieldSchema), bodyBase64: z.string() }),
  response: z.object({ headers: z.array(headerFieldSchema), bodyBase64: z.string(), bodyTruncated: z.boolean() }).nullable(),
}));
export type SendAttemptDetail = z.infer<typeof sendAttemptDetailSchema>;

export const sendRunSchema = lazySchema(() => z.object({
  id: z.number().int(),
  batchId: z.number().int(),
  /** Position in the batch: the order the runs are delivered in (after any shuffle), from 0. */
  seq: z.number().int(),
  /**
   * Position of the run's event in the order the events occurred, before any shuffle, from 0: a
   * shuffled batch shows "the event that occurred 4th arrived first". A duplicate shares its
   * original's. Equals `seq` in a batch neither shuffled nor duplicated. Null for runs stored by a
   * Hookscope that did not record it (only a single-run batch's is known then: 0).
   */
  occurredSeq: z.number().int().nullable().optional(),
  provider: z.string(),
  event: z.string(),
  target: z.string(),
  status: sendStatusSchema,
  clock: clockSpecSchema,
  /** Id of the run this one duplicates, or null. */
  duplicateOf: z.number().int().nullable(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  /** Provider-time offset the next attempt is due at, or null once the run ended. */
  nextOffsetMs: z.number().int().nullable(),
  /** Wall-clock time the next attempt is due (null once ended, and under the virtual clock: at once). */
  nextDueAt: z.string().nullable(),
  attempts: z.array(sendAttemptSchema),
}));
export type SendRun = z.infer<typeof sendRunSchema>;

/**
 * A whole batch's totals, whatever page of its runs was read: `sends.list` returns at most 1000 runs,
 * a batch holds up to 10,000.
 */
export const sendBatchSummarySchema = lazySchema(() => z.object({
  batchId: z.number().int(),
  /** Runs in the batch, duplicates included. */
  total: z.number().int(),
  /** Runs that duplicate another run of the batch. */
  duplicates: z.number().int(),
  /** Runs per status, every status present (0 when none). */
  counts: z.record(sendStatusSchema, z.number().int()),
}));
export type SendBatchSummary = z.infer<typeof sendBatchSummarySchema>;

export const sendDetailSchema = lazySchema(() => sendRunSchema.extend({
  timeoutMs: z.number().int(),
  success: z.string(),
  maxAttempts: z.number().int().nullable(),
  inOrder: z.boolean(),
  bodyBase64: z.string(),
  attempts: z.array(sendAttemptDetailSchema),
}));
export type SendDetail = z.infer<typeof sendDetailSchema>;

export const sendStartSchema = lazySchema(() => z
  .object({
    provider: z.string().min(1).max(64),
    /** Catalogue events in the order they occur (any names when `bodyBase64` is given). */
    events: z.array(z.string().min(1).max(200)).max(10_000).default([]),
    /** That many deliveries, cycling through `events` (or the whole catalogue when none is named). */
    count: z.number().int().min(1).max(10_000).optional(),
    /** Exact body bytes for every event instead of the catalogue samples. */
    bodyBase64: z.string().max(50_000_000).optional(),
    to: z.string().min(1).max(4096),
    /** Null or absent: the requests go out unsigned. */
    secret: z.string().max(4096).nullable().optional(),
    clock: clockSpecSchema.default({ kind: 'real' }),
    timeoutMs: z.number().int().min(1).max(3_600_000).optional(),
    /** Interval of indefinite retries (Aptly); default the provider's. */
    retryEveryMs: z.number().int().min(1).max(30 * 86_400_000).optional(),
    /** Cap on attempts per event; default 10 for indefinite retries under the virtual clock. */
    maxAttempts: z.number().int().min(1).max(100_000).nullable().optional(),
    /** Extra copies of each event; with `duplicateProbability`, each copy is kept with that chance. A batch holds at most 10,000 deliveries, duplicates included. */
    duplicates: z.number().int().min(0).max(100).optional(),
    duplicateProbability: z.number().min(0).max(1).optional(),
    shuffle: z.boolean().optional(),
    seed: z.number().int().optional(),
    /** Deliver strictly in order (default: the provider's policy, e.g. Aptly's). */
    inOrder: z.boolean().optional(),
    /**
     * The other reading of a vague document (issue #20): `document-count` plays the attempt count the
     * document states instead of its listed schedule (AgileTune 5 attempts, Workspace 3, Almirant's
     * table as retries after an immediate first attempt). Default `hookscope`.
     */
    retryReading: retryReadingSchema.optional(),
    /** Another success rule than the provider's (e.g. `any-2xx` for Almirant's "respond with 2xx"). */
    success: successRuleSchema.optional(),
    /** Body encoding, where the provider offers several (AgileTune: `form`, `payload=<url-encoded JSON>`). */
    contentType: z.enum(['json', 'form']).optional(),
    /** Catalogue samples pretty-printed instead of compact (not with `bodyBase64`, sent as given). */
    prettyBody: z.boolean().optional(),
    /** Non-loopback hosts the user allows as targets. */
    allowHosts: z.array(z.string().min(1).max(255)).max(100).default([]),
    /** Resolve only once every run of the batch ended (in-process callers such as the CLI). */
    wait: z.boolean().default(false),
  })
  .strict());
export type SendStartInput = z.input<typeof sendStartSchema>;

export const senderMethods = {
  /** Creates and starts a batch; returns all its runs and its totals (their end state when `wait` is set). */
  'send.start': method(() => sendStartSchema, () => z.object({ batchId: z.number().int(), items: z.array(sendRunSchema), batch: sendBatchSummarySchema }), { readsDeliveries: false }),
  /**
   * Runs, newest first; with `batchId`, one batch's runs in batch order (`seq`), at most `limit` (default
   * 50, at most 1000) of them, plus `batch`: that batch's totals over all its runs, not just those
   * returned (absent when the batch does not exist).
   */
  'sends.list': method(
    () => z.object({ limit: z.number().int().min(1).max(1000).optional(), beforeId: z.number().int().optional(), batchId: z.number().int().optional() }).strict(),
    () => z.object({ items: z.array(sendRunSchema), batch: sendBatchSummarySchema.optional() }),
    { readsDeliveries: false },
  ),
  'sends.get': method(() => z.object({ id: z.number().int().positive() }).strict(), () => sendDetailSchema, { readsDeliveries: false }),
  /** Stops one run, or every run of a batch; runs already ended are left as they are. */
  'send.stop': method(
    () => z
      .object({ id: z.number().int().positive().optional(), batchId: z.number().int().positive().optional() })
      .strict()
      .refine((v) => (v.id === undefined) !== (v.batchId === undefined), 'give exactly one of id and batchId'),
    () => z.object({ stopped: z.array(z.number().int()) }),
    { readsDeliveries: false },
  ),
};

export const senderEvents = {
  /** An attempt finished (in the process playing the run). */
  'send.attempt': lazySchema(() => z.object({ id: z.number().int(), batchId: z.number().int(), attempt: sendAttemptSchema })),
  'send.state': lazySchema(() => z.object({ id: z.number().int(), batchId: z.number().int(), status: sendStatusSchema })),
};
