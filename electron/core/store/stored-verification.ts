// A verdict as stored in its delivery's row. Every capture stores one, and on the receiver's hot path
// its size counts (the benchmark measured ~10% more captures a second with the form below): so what
// the row already holds is not stored twice.
// - The signed payload's preview is, for every provider that signs the raw body alone, the body's
//   first bytes: stored as a mark, put back from the body when the full delivery is read. A list
//   row (no body) goes without it; the preview is for the detail view.
// - A valid HMAC verdict's expected signature is the one received, or one of the signatures read from
//   it: stored as a mark. A lone signature read from the header is the header's tail (after `sha256=`,
//   say): stored as where it starts.
// Rows written before this form (the full verdict) read back unchanged.
import type { Verification, VerificationEvidence } from '../../../shared/domain.js';
import { signedPayloadPreview } from '../../../shared/verify/verify.js';

interface StoredEvidence extends VerificationEvidence {
  /** The preview is signedPayloadPreview(body). */
  previewIsBody?: true;
  /** The expected signature is the received one. */
  expectedIsReceived?: true;
  /** The expected signature is signatures[n]. */
  expectedIsSignature?: number;
  /** The signatures read from the header are [received.slice(n)]. */
  signatureFrom?: number;
}

export function verificationToStore(v: Verification, body: Buffer): string {
  const evidence = v.evidence;
  if (!evidence) return JSON.stringify(v);
  const { signedPayloadPreview: preview, expected, signatures, ...rest } = evidence;
  const stored: StoredEvidence = rest;
  if (preview !== undefined) {
    if (preview === signedPayloadPreview(body)) stored.previewIsBody = true;
    else stored.signedPayloadPreview = preview;
  }
  if (signatures !== undefined) {
    const received = evidence.received ?? '';
    if (signatures.length === 1 && received.endsWith(signatures[0]!)) stored.signatureFrom = received.length - signatures[0]!.length;
    else stored.signatures = signatures;
  }
  if (expected !== undefined) {
    const index = signatures?.indexOf(expected) ?? -1;
    if (expected === evidence.received) stored.expectedIsReceived = true;
    else if (index >= 0) stored.expectedIsSignature = index;
    else stored.expected = expected;
  }
  return JSON.stringify({ ...v, evidence: stored });
}

/** The verdict of a stored row; with the body, complete; without it (a list row), without the preview. */
export function verificationFromStore(json: string, body?: Buffer): Verification {
  const v = JSON.parse(json) as Verification & { evidence?: StoredEvidence };
  const evidence = v.evidence;
  if (!evidence) return v;
  if (evidence.signatureFrom !== undefined) {
    evidence.signatures = [(evidence.received ?? '').slice(evidence.signatureFrom)];
    delete evidence.signatureFrom;
  }
  if (evidence.expectedIsReceived) {
    delete evidence.expectedIsReceived;
    evidence.expected = evidence.received;
  }
  if (evidence.expectedIsSignature !== undefined) {
    evidence.expected = evidence.signatures?.[evidence.expectedIsSignature];
    delete evidence.expectedIsSignature;
  }
  if (evidence.previewIsBody) {
    delete evidence.previewIsBody;
    if (body) evidence.signedPayloadPreview = signedPayloadPreview(body);
  } else if (!body) {
    delete evidence.signedPayloadPreview;
  }
  return v;
}
