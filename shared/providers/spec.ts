// A provider described as data: how it signs, how to recognise it, what it sends, how it retries.
// Built-in providers and user files share this one schema, so a user adds a provider in a few lines
// and a mistake in their file is reported with the field's path.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { HEADER_NAME, HEADER_VALUE } from '../headers.js';
import { retryPolicySchema } from '../retry/policy.js';

const headerName = lazySchema(() => z
  .string()
  .min(1)
  .regex(HEADER_NAME, 'must be a valid HTTP header name'));

/** Placeholders a static header may hold (filled in by verify/sign.ts providerHeaders). */
export const STATIC_HEADER_PLACEHOLDER = /\{event\}|\{body\.([A-Za-z0-9_-]+)(?:\|([^{}]*))?\}/g;

const staticHeaderValue = lazySchema(() => z
  .string()
  .max(8192)
  .refine((value) => !value.replace(STATIC_HEADER_PLACEHOLDER, '').includes('{body.'), 'a {body.NAME|DEFAULT} placeholder is malformed (NAME: letters, digits, _ or -)')
  .refine((value) => HEADER_VALUE.test(value.replace(STATIC_HEADER_PLACEHOLDER, '')), 'a header value cannot hold line breaks, control characters or characters beyond Latin-1'));

export const signatureSpecSchema = lazySchema(() => z.discriminatedUnion('kind', [
  z.object({
    /** The secret itself travels in a header: authenticates the sender, protects no bytes. */
    kind: z.literal('static-key'),
    header: headerName,
  }),
  z.object({
    kind: z.literal('hmac'),
    header: headerName,
    algorithm: z.enum(['sha1', 'sha256', 'sha512']),
    encoding: z.enum(['hex', 'base64']),
    /**
     * How the header value carries signatures:
     * - `plain`: one signature, after `prefix` when there is one (`sha256=<hex>`)
     * - `stripe`: `t=<ts>,v1=<sig>,v1=<sig>` (timestamp inside the header)
     * - `standard-webhooks`: space-separated `v1,<sig>` entries
     */
    format: z.enum(['plain', 'stripe', 'standard-webhooks']).default('plain'),
    prefix: z.string().default(''),
    /** Template of the signed string over `{id}`, `{timestamp}` and `{body}` (the raw bytes). */
    signedPayload: z.string().default('{body}'),
    /** `utf8`: the secret's bytes; `base64`: decoded; `whsec`: `whsec_` stripped, then base64-decoded. */
    secretEncoding: z.enum(['utf8', 'base64', 'whsec']).default('utf8'),
    /**
     * Tolerance for formats that carry the timestamp inside the signature header (Stripe's `t=`), where
     * there is no separate `timestamp.header` to hang it on. Checked both ways, like `timestamp`.
     */
    toleranceSec: z.number().int().positive().nullable().optional(),
    /**
     * An older header some senders still send alone (GitHub's SHA-1 `X-Hub-Signature`). Checked only
     * when `header` is absent, and the verdict then says it rests on the legacy scheme.
     */
    legacy: z
      .object({
        header: headerName,
        algorithm: z.enum(['sha1', 'sha256', 'sha512']),
        prefix: z.string().default(''),
      })
      .optional(),
  }),
]));
export type SignatureSpec = z.infer<typeof signatureSpecSchema>;

/**
 * How much of a sample payload the provider's document shows (issue #20), so a developer knows which
 * fields they may never receive:
 * - `documented`: the document shows this payload, and the sample is it;
 * - `extended`: the document shows this payload's fields (or says they apply to every event), and the
 *   sample adds fields it does not show;
 * - `invented`: the document shows no payload for this event; only the `documented` paths (the
 *   envelope every delivery has, when the document gives one) come from it.
 * The paths the document does not show are derived from the sample (see fidelity.ts), never hand-kept.
 */
export const PAYLOAD_FIDELITY_KINDS = ['documented', 'extended', 'invented'] as const;
export const payloadFidelitySpecSchema = lazySchema(() => z.object({
  kind: z.enum(PAYLOAD_FIDELITY_KINDS),
  /** Dot paths the document shows for this event (a path covers the field itself, not its children). */
  documented: z.array(z.string()).default([]),
  /** Where the documented part comes from, in a sentence. */
  basis: z.string().default(''),
}));
export type PayloadFidelitySpec = z.infer<typeof payloadFidelitySpecSchema>;

export const eventSpecSchema = lazySchema(() => z.object({
  name: z.string().min(1),
  description: z.string().default(''),
  /** A realistic sample body in the provider's shape; `fidelity` says how much of it the document shows. */
  sample: z.unknown(),
  /** How much of `sample` the provider's document shows; absent when no document was compared. */
  fidelity: payloadFidelitySpecSchema.optional(),
}));
export type EventSpec = z.infer<typeof eventSpecSchema>;

/** One place where the document is vague or contradicts itself: its words, our reading, the other one. */
export const readingSchema = lazySchema(() => z.object({
  /** Short stable name (`attempt-count`, `success-rule`, …). */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  topic: z.string().min(1),
  /** The document's own words: each passage between “ ” exactly as written (several joined by " … "). */
  quote: z.string().min(1),
  /** What Hookscope does. */
  reading: z.string().min(1),
  /** The other reasonable reading, named. */
  alternative: z.string().min(1),
  /** The send option that plays the alternative, when there is one (e.g. `--retry-reading document-count`). */
  option: z.string().nullable().default(null),
}));
export type Reading = z.infer<typeof readingSchema>;

export const providerSpecSchema = lazySchema(() => z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes'),
  name: z.string().min(1),
  docsUrl: z.string().optional(),
  signature: signatureSpecSchema,
  /** Header carrying the delivery id, refreshed per attempt where the provider does so. */
  idHeader: headerName.optional(),
  /** Timestamp header (unix seconds) and how far from now it may be; null tolerance = not checked. */
  timestamp: z
    .object({
      header: headerName,
      toleranceSec: z.number().int().positive().nullable().default(null),
    })
    .optional(),
  /** Headers whose presence identifies this provider when an endpoint names none. */
  detectHeaders: z.array(headerName).min(1),
  /**
   * Extra headers the provider always sends (e.g. an event-name header): `{event}` is substituted, and
   * `{body.NAME|DEFAULT}` by the body's top-level field NAME, or DEFAULT (see verify/sign.ts).
   */
  staticHeaders: z.record(headerName, staticHeaderValue).default({}),
  /** Where the event name sits in a body (a dot path, e.g. Slack's `event.type`), for display and samples. */
  eventField: z.string().nullable().default(null),
  events: z.array(eventSpecSchema).default([]),
  retry: retryPolicySchema,
  /** Facts a user must know about this provider's scheme, shown beside every verdict. */
  notes: z.array(z.string()).default([]),
  /** Every place the document is vague or contradicts itself, and how Hookscope reads it (issue #20). */
  readings: z.array(readingSchema).default([]),
  /**
   * What becomes of a previous secret once the user set a new one: `overlap` keeps accepting it (with a
   * hint) as providers with a documented rotation window do; `immediate`: the provider says a new key
   * invalidates the old one (Aptly), so a request carrying it is `invalid`.
   */
  rotation: z.enum(['overlap', 'immediate']).default('overlap'),
  /** Body encodings the provider offers (`form`: `payload=<url-encoded JSON>`); the first is the default. */
  contentTypes: z.array(z.enum(['json', 'form'])).min(1).default(['json']),
  /** Networks a real delivery comes from, when the provider documents them (an IP allowlist). */
  sourceRanges: z.array(z.string()).default([]),
}));
export type ProviderSpec = z.infer<typeof providerSpecSchema>;
export type ProviderSpecInput = z.input<typeof providerSpecSchema>;
