import { z } from 'zod';
import { deliveryDetailSchema, deliverySummarySchema, verificationSchema, verificationStatusSchema } from '../domain.js';
import { method } from './define.js';

export const deliveryQuerySchema = z
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
  .strict();

const idInput = z.object({ id: z.number().int().positive() }).strict();

export const statsSchema = z.object({
  deliveries: z.number().int(),
  byVerdict: z.record(z.string(), z.number().int()),
  endpoints: z.number().int(),
});

export const deliveryMethods = {
  'deliveries.list': method(deliveryQuerySchema, z.object({ items: z.array(deliverySummarySchema) })),
  'deliveries.get': method(idInput, deliveryDetailSchema),
  /** Verifies again with the endpoint's current provider and secrets, and stores the new verdict. */
  'deliveries.verify': method(idInput, verificationSchema),
  'deliveries.delete': method(z.object({ ids: z.array(z.number().int().positive()).max(100_000).optional() }).strict(), z.object({ deleted: z.number().int() })),
  'stats.get': method(z.object({}).strict(), statsSchema),
};

export const deliveryEvents = {
  'delivery.received': deliverySummarySchema,
  /**
   * Captures stored but not in the inbox yet (a burst: answering comes first, filing follows), from
   * the receiving process at most once a second while that lasts, then once with count 0.
   */
  'captures.waiting': z.object({ count: z.number().int().nonnegative(), oldestReceivedAt: z.string().nullable() }),
  'deliveries.deleted': z.object({ ids: z.array(z.number().int()).nullable() }),
};
