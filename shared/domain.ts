// Domain shapes shared by the core, the CLI, both transports and the renderer, declared once as zod
// schemas (the API validates with them) with the TypeScript types inferred from them. No Node or DOM
// imports, so the renderer imports this file as it is.
import * as z from 'zod';
import { lazySchema } from './lazy-schema.js';

/** One header as received: original name case, received order, duplicates kept. */
export const headerFieldSchema = lazySchema(() => z.object({ name: z.string(), value: z.string() }));
export type HeaderField = z.infer<typeof headerFieldSchema>;

export const VERIFICATION_STATUSES = ['valid', 'invalid', 'unsigned', 'no-secret'] as const;
export const verificationStatusSchema = lazySchema(() => z.enum(VERIFICATION_STATUSES));
export type VerificationStatus = z.infer<typeof verificationStatusSchema>;

export const verificationEvidenceSchema = lazySchema(() => z.object({
  header: z.string().optional(),
  received: z.string().optional(),
  expected: z.string().optional(),
  signedPayloadPreview: z.string().optional(),
  scheme: z.string().optional(),
  /**
   * The signatures read from `received`, prefix and version tags removed (`sha256=`, `t=…,v1=`,
   * `v1,`): what `expected` is compared with. For a valid verdict, `expected` is the one that matched.
   */
  signatures: z.array(z.string()).optional(),
  /** The signed timestamp of a timestamped scheme, its age when the request arrived and the window. */
  timestamp: z
    .object({
      header: z.string(),
      value: z.string(),
      /** Seconds between the timestamp and the arrival (negative: in the future); null when not a number. */
      ageSec: z.number().nullable(),
      /** Allowed distance either way; null when the scheme does not check it. */
      toleranceSec: z.number().nullable(),
    })
    .optional(),
}));
export type VerificationEvidence = z.infer<typeof verificationEvidenceSchema>;

/** The verdict on one delivery's signature, computed over the exact bytes received. */
export const verificationSchema = lazySchema(() => z.object({
  status: verificationStatusSchema,
  /** Provider id whose scheme was applied, or null when none applies. */
  provider: z.string().nullable(),
  /** What was checked and what failed, in one sentence. */
  reason: z.string(),
  /** The likely mistakes that explain an invalid signature (empty when none does). */
  hints: z.array(z.string()),
  /** True when the provider was recognised from the headers rather than set on the endpoint. */
  detected: z.boolean().optional(),
  /** Side-by-side evidence for the doctor: what was expected and what arrived. */
  evidence: verificationEvidenceSchema.optional(),
}));
export type Verification = z.infer<typeof verificationSchema>;

export const responseSpecSchema = lazySchema(() => z.object({
  status: z.number().int().min(100).max(599),
  headers: z.array(headerFieldSchema),
  body: z.string(),
  delayMs: z.number().int().min(0).max(600_000),
}));
export type ResponseSpec = z.infer<typeof responseSpecSchema>;

export const endpointSchema = lazySchema(() => z.object({
  id: z.number().int(),
  /** Path prefix, matched on segment boundaries: `/hooks/a` matches `/hooks/a` and `/hooks/a/b`. */
  path: z.string(),
  provider: z.string().nullable(),
  secret: z.string().nullable(),
  /** Secrets still accepted during a rotation, newest first. */
  previousSecrets: z.array(z.string()),
  /**
   * Set when a secret is stored sealed with a key this machine does not have (a database moved from
   * another machine or account): it must be entered again; until then signatures read as no-secret.
   */
  secretsUnreadable: z.boolean().optional(),
  response: responseSpecSchema,
  /** Loopback URL every capture is forwarded to, or null. */
  forwardTo: z.string().nullable(),
  /** `smee:<channel URL>`: while Hookscope runs, the endpoint also receives what that relay channel carries; or null. */
  relay: z.string().nullable(),
  /** Auto-forward by the provider's event type: the first rule whose event matches (`push`, `task.*`, `*`) wins over forwardTo. */
  forwardRules: z.array(z.object({ event: z.string(), url: z.string() })),
  createdAt: z.string(),
}));
export type Endpoint = z.infer<typeof endpointSchema>;

/** Why a capture is incomplete: the body passed the limit, the client went away mid-body, or the body's framing was malformed (a bad chunk: answered 400). */
export const incompleteSchema = lazySchema(() => z.enum(['too-large', 'aborted', 'malformed']).nullable());
export type Incomplete = z.infer<typeof incompleteSchema>;

export const deliverySummarySchema = lazySchema(() => z.object({
  id: z.number().int(),
  receivedAt: z.string(),
  method: z.string(),
  path: z.string(),
  query: z.string(),
  /** Path of the endpoint that matched, or null for an unmatched path. */
  endpoint: z.string().nullable(),
  provider: z.string().nullable(),
  /** Bytes of body stored (the whole body unless truncated). */
  size: z.number().int(),
  truncated: z.boolean(),
  incomplete: incompleteSchema,
  contentType: z.string().nullable(),
  /** Status Hookscope answered with (null when the client left before an answer). */
  responseStatus: z.number().int().nullable(),
  /**
   * The provider's event type (X-GitHub-Event, the body's `event` or `type`…), read when the delivery
   * was filed; null when none was (and for deliveries stored before it was recorded).
   */
  event: z.string().nullable().optional(),
  verification: verificationSchema,
}));
export type DeliverySummary = z.infer<typeof deliverySummarySchema>;

export const deliveryDetailSchema = lazySchema(() => deliverySummarySchema.extend({
  headers: z.array(headerFieldSchema),
  /** Exact body bytes, base64. */
  bodyBase64: z.string(),
  /** The body as text when it is valid UTF-8, else null (show hex). */
  bodyText: z.string().nullable(),
  remoteAddress: z.string().nullable(),
  remotePort: z.number().int().nullable(),
  durationMs: z.number(),
  httpVersion: z.string(),
}));
export type DeliveryDetail = z.infer<typeof deliveryDetailSchema>;
