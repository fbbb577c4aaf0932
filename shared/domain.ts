// Domain types shared by the core, the CLI and the renderer. Pure types only: no Node or DOM imports,
// so the renderer can import this file as it is.

/** One header as received: original name case, received order, duplicates kept. */
export interface HeaderField {
  name: string;
  value: string;
}

export const VERIFICATION_STATUSES = ['valid', 'invalid', 'unsigned', 'no-secret'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/** The verdict on one delivery's signature, computed over the exact bytes received. */
export interface Verification {
  status: VerificationStatus;
  /** Provider id whose scheme was applied, or null when none applies. */
  provider: string | null;
  /** What was checked and what failed, in one sentence. */
  reason: string;
  /** The likely mistakes that explain an invalid signature (empty when none does). */
  hints: string[];
  /** True when the provider was recognised from the headers rather than set on the endpoint. */
  detected?: boolean;
  /** Side-by-side evidence for the doctor: what was expected and what arrived. */
  evidence?: VerificationEvidence;
}

export interface VerificationEvidence {
  header?: string;
  received?: string;
  expected?: string;
  signedPayloadPreview?: string;
  scheme?: string;
}

export interface ResponseSpec {
  status: number;
  headers: HeaderField[];
  body: string;
  delayMs: number;
}

export interface Endpoint {
  id: number;
  /** Path prefix, matched on segment boundaries: `/hooks/a` matches `/hooks/a` and `/hooks/a/b`. */
  path: string;
  provider: string | null;
  secret: string | null;
  response: ResponseSpec;
  /** Loopback URL every capture is forwarded to, or null. */
  forwardTo: string | null;
  createdAt: string;
}

/** Why a capture is incomplete: the body passed the limit, or the client went away mid-body. */
export type Incomplete = 'too-large' | 'aborted' | null;

export interface DeliverySummary {
  id: number;
  receivedAt: string;
  method: string;
  path: string;
  query: string;
  /** Path of the endpoint that matched, or null for an unmatched path. */
  endpoint: string | null;
  provider: string | null;
  /** Bytes of body stored (the whole body unless truncated). */
  size: number;
  truncated: boolean;
  incomplete: Incomplete;
  contentType: string | null;
  responseStatus: number | null;
  verification: Verification;
}

export interface DeliveryDetail extends DeliverySummary {
  headers: HeaderField[];
  /** Exact body bytes, base64. */
  bodyBase64: string;
  /** The body as text when it is valid UTF-8, else null (show hex). */
  bodyText: string | null;
  remoteAddress: string | null;
  remotePort: number | null;
  durationMs: number;
  httpVersion: string;
}
