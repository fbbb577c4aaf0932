import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { headerFieldSchema, verificationSchema } from '../domain.js';
import { payloadFidelitySpecSchema, readingSchema } from '../providers/spec.js';
import { retryPolicySchema } from '../retry/policy.js';
import { method } from './define.js';

export const providerSummarySchema = lazySchema(() => z.object({
  id: z.string(),
  name: z.string(),
  signatureHeader: z.string(),
  scheme: z.string(),
  notes: z.array(z.string()),
  retry: retryPolicySchema,
  events: z.array(
    z.object({
      name: z.string(),
      description: z.string(),
      sample: z.unknown(),
      /**
       * How much of the sample the provider's document shows (issue #20): kind `documented`, `extended`
       * or `invented`, the paths it shows, the paths it does not (`invented`), and why. Null when no
       * provider document was compared (custom providers, and the schemes beyond the four seeds).
       */
      fidelity: payloadFidelitySpecSchema.extend({ invented: z.array(z.string()) }).nullable(),
    }),
  ),
  /** Where the document is vague or contradicts itself: its words, our reading, the other one, the option playing it. */
  readings: z.array(readingSchema),
  /** `immediate`: a previous secret is invalid (the document says a new key invalidates the old). */
  rotation: z.enum(['overlap', 'immediate']),
  /** Body encodings the sender offers for this provider, the default first. */
  contentTypes: z.array(z.enum(['json', 'form'])),
  /** Networks a real delivery comes from (the document's IP allowlist), or empty. */
  sourceRanges: z.array(z.string()),
}));
export type ProviderSummary = z.infer<typeof providerSummarySchema>;

export const verifyRequestSchema = lazySchema(() => z
  .object({
    provider: z.string().max(64).nullable(),
    secrets: z.array(z.string().max(4096)).max(10),
    headers: z.array(headerFieldSchema).max(1000),
    bodyBase64: z.string(),
    /** Unix ms to judge timestamps against; defaults to now. */
    atMs: z.number().int().optional(),
  })
  .strict());

export const settingsSchema = lazySchema(() => z.object({
  version: z.string(),
  receiverUrl: z.string().nullable(),
  db: z.string(),
  maxBodyBytes: z.number().int(),
  /** The tunnel's public URL (serve --tunnel), or null when none runs: providers post to it plus the endpoint path. */
  publicUrl: z.string().nullable().default(null),
  /** The engine behind publicUrl (ngrok, cloudflared), or null. */
  tunnel: z.string().nullable().default(null),
}));

export const providerMethods = {
  'providers.list': method(() => z.object({}).strict(), () => z.object({ items: z.array(providerSummarySchema) }), { readsDeliveries: false }),
  /** Offline check of a request the user pasted or saved. */
  'verify.request': method(() => verifyRequestSchema, () => verificationSchema, { readsDeliveries: false }),
  'settings.get': method(() => z.object({}).strict(), () => settingsSchema, { readsDeliveries: false }),
};
