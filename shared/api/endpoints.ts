import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { relaySettingSchema } from '../relay/smee.js';
import { endpointSchema } from '../domain.js';
import { HEADER_NAME, HEADER_VALUE } from '../headers.js';
import { method } from './define.js';
import { forwardRuleProblem } from '../forward-rules.js';

const pathSchema = lazySchema(() => z
  .string()
  .min(1)
  .max(512)
  .regex(/^\/?[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/, 'must be a URL path such as /hooks/stripe'));

/** Set by Hookscope from the body and the connection; a configured one could break HTTP framing. */
export const FRAMING_HEADERS = ['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'trailer'];

/**
 * A header the receiver can really send: a token for the name (RFC 9110), Latin-1 without CR, LF or
 * NUL for the value (what Node accepts), and not one of the framing headers. Checked when saved, so a
 * bad one is refused with a reason instead of being dropped when a provider's request arrives.
 */
const responseHeaderSchema = lazySchema(() => z.object({
  name: z
    .string()
    .max(256)
    .regex(HEADER_NAME, 'a header name is letters, digits and !#$%&\'*+-.^_`|~ only')
    .refine((name) => !FRAMING_HEADERS.includes(name.toLowerCase()), 'Hookscope sets Content-Length and the connection headers itself'),
  value: z
    .string()
    .max(8192)
    .regex(HEADER_VALUE, 'a header value cannot hold line breaks, control characters or characters beyond Latin-1'),
}));

export const endpointInputSchema = lazySchema(() => z
  .object({
    path: pathSchema,
    provider: z.string().max(64).nullable().optional(),
    secret: z.string().max(4096).nullable().optional(),
    previousSecrets: z.array(z.string().max(4096)).max(10).optional(),
    response: z
      .object({
        // 1xx are interim answers: a provider would wait for a final one that never comes.
        status: z.number().int().min(200).max(599).optional(),
        headers: z.array(responseHeaderSchema).max(100).optional(),
        body: z.string().max(1_000_000).optional(),
        delayMs: z.number().int().min(0).max(600_000).optional(),
      })
      .strict()
      .optional(),
    forwardTo: z.string().url().max(2048).nullable().optional(),
    relay: relaySettingSchema.nullable().optional(),
    forwardRules: z
      .array(
        z
          .object({ event: z.string().max(200), url: z.string().max(2048) })
          .strict()
          .superRefine((rule, ctx) => {
            const problem = forwardRuleProblem(rule); // the CLI's and the form's check (shared/forward-rules.ts)
            if (problem) ctx.addIssue({ code: 'custom', path: [problem.part], message: problem.message });
          }),
      )
      .max(50)
      .optional(),
  })
  .strict());

export const endpointMethods = {
  /** Secrets come masked (`whsec_…a1b2`) unless showSecrets: the UI asks only where it needs them (sender, endpoint form). */
  'endpoints.list': method(() => z.object({ showSecrets: z.boolean().optional() }).strict(), () => z.object({ items: z.array(endpointSchema) }), { readsDeliveries: false }),
  'endpoints.create': method(() => endpointInputSchema, () => endpointSchema, { readsDeliveries: false }),
  'endpoints.update': method(() => z.object({ id: z.number().int().positive(), patch: endpointInputSchema.partial() }).strict(), () => endpointSchema, { readsDeliveries: true }),
  'endpoints.delete': method(() => z.object({ id: z.number().int().positive() }).strict(), () => z.object({ deleted: z.boolean() }), { readsDeliveries: true }),
};

export const endpointEvents = {
  'endpoints.changed': lazySchema(() => z.object({})),
};
