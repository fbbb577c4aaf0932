import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { deliveryDetailSchema, deliverySummarySchema, headerFieldSchema, verificationSchema, verificationStatusSchema } from '../domain.js';
import { method } from './define.js';

export const deliveryQuerySchema = lazySchema(() => z
  .object({
    limit: z.number().int().min(1).max(1000).optional(),
    beforeId: z.number().int().optional(),
    afterId: z.number().int().optional(),
    endpoint: z.string().optional(),
    /** Exactly this path (without the query). */
    path: z.string().max(8192).optional(),
    provider: z.string().optional(),
    verdict: verificationStatusSchema.optional(),
    method: z.string().max(32).optional(),
    q: z.string().max(1000).optional(),
  })
  .strict());

export const storageStateSchema = lazySchema(() => z.object({ writable: z.boolean(), reason: z.string().nullable(), since: z.string().nullable() }));

const idInput = lazySchema(() => z.object({ id: z.number().int().positive() }).strict());

export const statsSchema = lazySchema(() => z.object({
  deliveries: z.number().int(),
  byVerdict: z.record(z.string(), z.number().int()),
  endpoints: z.number().int(),
  /** Issue 15: how endpoint secrets are sealed at rest, and the endpoints whose secrets must be entered again (sealed elsewhere). */
  secrets: z.object({ protection: z.enum(['keyring', 'key-file', 'safe-storage']), unreadable: z.array(z.string()) }).optional(),
  /** The database's files on disk (the file and its write-ahead log), in bytes. */
  dbBytes: z.number().int(),
  /** Issue 15: whether this process can write the database now (false: captures get 503 until it can), and why not. */
  storage: storageStateSchema.optional(),
}));

/** What Hookscope answered a delivery with, for the Response tab. */
export const deliveryAnswerSchema = lazySchema(() => z.object({
  /**
   * - `endpoint`: the endpoint's response settings as they were when the request arrived
   * - `default`: no endpoint matched, so the default answer
   * - `too-large`: the body passed the size limit, so 413
   * - `aborted`: the client left before an answer
   * - `not-recorded`: captured before Hookscope kept answers: the status alone is known
   */
  source: z.enum(['endpoint', 'default', 'too-large', 'aborted', 'not-recorded']),
  status: z.number().int().nullable(),
  /** The headers Hookscope set (the HTTP server adds Date and Connection). */
  headers: z.array(headerFieldSchema),
  body: z.string(),
  delayMs: z.number().int(),
}));
export type DeliveryAnswer = z.infer<typeof deliveryAnswerSchema>;

/** Which deliveries to check again: these ids, or every delivery of the endpoint at this path. */
export const verifyManySchema = lazySchema(() => z
  .object({
    ids: z.array(z.number().int().positive()).min(1).max(100_000).optional(),
    endpoint: z.string().min(1).max(2048).optional(),
  })
  .strict()
  .refine((input) => (input.ids === undefined) !== (input.endpoint === undefined), { message: 'give either ids or endpoint, not both' }));

export const verifyManyResultSchema = lazySchema(() => z.object({
  /** Deliveries checked (ids that no longer exist are skipped). */
  checked: z.number().int(),
  /** Of those, how many got a different verdict status than before. */
  changed: z.number().int(),
  /** The new verdicts, counted by status. */
  byVerdict: z.record(z.string(), z.number().int()),
}));
export type VerifyManyResult = z.infer<typeof verifyManyResultSchema>;

export const deliveryMethods = {
  'deliveries.list': method(() => deliveryQuerySchema, () => z.object({ items: z.array(deliverySummarySchema) }), { readsDeliveries: true }),
  'deliveries.get': method(() => idInput, () => deliveryDetailSchema, { readsDeliveries: { through: ({ id }) => id } }),
  /** Verifies again with the endpoint's current provider and secrets, and stores the new verdict. */
  'deliveries.verify': method(() => idInput, () => verificationSchema, { readsDeliveries: { through: ({ id }) => id } }),
  /**
   * Verifies many deliveries again (after an endpoint's secret changed) with their endpoints' current
   * providers and secrets, and stores the new verdicts.
   */
  'deliveries.verifyMany': method(() => verifyManySchema, () => verifyManyResultSchema, { readsDeliveries: true }),
  /** What Hookscope answered the delivery with (status, headers, body, delay). */
  'deliveries.answer': method(() => idInput, () => deliveryAnswerSchema, { readsDeliveries: { through: ({ id }) => id } }),
  'deliveries.delete': method(() => z.object({ ids: z.array(z.number().int().positive()).max(100_000).optional() }).strict(), () => z.object({ deleted: z.number().int() }), { readsDeliveries: true }),
  'stats.get': method(() => z.object({}).strict(), () => statsSchema, { readsDeliveries: true }),
};

export const deliveryEvents = {
  'delivery.received': deliverySummarySchema,
  /**
   * Captures stored but not in the inbox yet (a burst: answering comes first, filing follows), from
   * the receiving process at most once a second while that lasts, then once with count 0.
   */
  'captures.waiting': lazySchema(() => z.object({ count: z.number().int().nonnegative(), oldestReceivedAt: z.string().nullable() })),
  'deliveries.deleted': lazySchema(() => z.object({ ids: z.array(z.number().int()).nullable() })),
  /** Issue 15: the receiving process's database stopped taking writes (captures get 503), or takes them again. */
  'storage.changed': storageStateSchema,
};
