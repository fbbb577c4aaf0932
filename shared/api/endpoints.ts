import { z } from 'zod';
import { endpointSchema, headerFieldSchema } from '../domain.js';
import { method } from './define.js';

const pathSchema = z
  .string()
  .min(1)
  .max(512)
  .regex(/^\/?[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/, 'must be a URL path such as /hooks/stripe');

export const endpointInputSchema = z
  .object({
    path: pathSchema,
    provider: z.string().max(64).nullable().optional(),
    secret: z.string().max(4096).nullable().optional(),
    previousSecrets: z.array(z.string().max(4096)).max(10).optional(),
    response: z
      .object({
        status: z.number().int().min(100).max(599).optional(),
        headers: z.array(headerFieldSchema).max(100).optional(),
        body: z.string().max(1_000_000).optional(),
        delayMs: z.number().int().min(0).max(600_000).optional(),
      })
      .strict()
      .optional(),
    forwardTo: z.string().url().max(2048).nullable().optional(),
  })
  .strict();

export const endpointMethods = {
  'endpoints.list': method(z.object({}).strict(), z.object({ items: z.array(endpointSchema) })),
  'endpoints.create': method(endpointInputSchema, endpointSchema),
  'endpoints.update': method(z.object({ id: z.number().int().positive(), patch: endpointInputSchema.partial() }).strict(), endpointSchema),
  'endpoints.delete': method(z.object({ id: z.number().int().positive() }).strict(), z.object({ deleted: z.boolean() })),
};

export const endpointEvents = {
  'endpoints.changed': z.object({}),
};
