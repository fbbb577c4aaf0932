// A verdict as stored in its delivery's row. Every capture stores one, and on the receiver's hot path
// its size counts (the benchmark measured ~10% more captures a second with the form below): so what
// the row already holds is not stored twice.
// - The signed payload's preview is, for every provider that signs the raw body alone, the body's
//   first bytes: stored as a mark, put back from the body when the full delivery is read. A list
//   row (no body) goes without it; the preview is for the detail view.
// - A valid HMAC verdict's expected signature is the one received: stored as a mark.
// Rows written before this form (the full verdict) read back unchanged.
import type { Verification, VerificationEvidence } from '../../../shared/domain.js';
import { signedPayloadPreview } from '../../../shared/verify/verify.js';

interface StoredEvidence extends VerificationEvidence {
  /** The preview is signedPayloadPreview(body). */
  previewIsBody?: true;
  /** The expected signature is the received one. */
  expectedIsReceived?: true;
}

export function verificationToStore(v: Verification, body: Buffer): string {
  const evidence = v.evidence;
  if (!evidence) return JSON.stringify(v);
  const { signedPayloadPreview: preview, expected, ...rest } = evidence;
  const stored: StoredEvidence = rest;
  if (preview !== undefined) {
    if (preview === signedPayloadPreview(body)) stored.previewIsBody = true;
    else stored.signedPayloadPreview = preview;
  }
  if (expected !== undefined) {
    if (expected === evidence.received) stored.expectedIsReceived = true;
    else stored.expected = expected;
  }
  return JSON.stringify({ ...v, evidence: stored });
}

/** The verdict of a stored row; with the body, complete; without it (a list row), without the preview. */
export function verificationFromStore(json: string, body?: Buffer): Verification {
  const v = JSON.parse(json) as Verification & { evidence?: StoredEvidence };
  const evidence = v.evidence;
  if (!evidence) return v;
  if (evidence.expectedIsReceived) {
    delete evidence.expectedIsReceived;
    evidence.expected = evidence.received;
  }
  if (evidence.previewIsBody) {
    delete evidence.previewIsBody;
    if (body) evidence.signedPayloadPreview = signedPayloadPreview(body);
  } else if (!body) {
    delete evidence.signedPayloadPreview;
  }
  return v;
}
