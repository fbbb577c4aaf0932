// The one signature check of a captured request against its endpoint: filing (filing.ts) and
// verifying a stored delivery again (handlers/deliveries.ts: `reverify`, the detail view) both go
// through verifyCapture, so the endpoint's secrets (current, then those still accepted during a
// rotation), the note on secrets sealed with another machine's key, and the guard against a verifier
// that throws are written once. Re-signing (replay/request.ts) and redaction (replay/redaction.ts)
// take the same secrets from endpoint-secrets.ts, and the endpoint from delivery-lookup.ts.
import type { Endpoint, Verification } from '../../../shared/domain.js';
import type { VerifiableRequest } from '../../../shared/verify/verify.js';
import { verifyWithProfile } from '../../../shared/providers/registry.js';
import { explainUnreadable, secretsOf } from '../endpoint-secrets.js';

/**
 * The verdict on `request` as `endpoint` is now (no endpoint: detected by its headers, checked without
 * a secret). A verifier that throws on some hostile body costs a verdict, never the capture or the process.
 */
export function verifyCapture(endpoint: Endpoint | undefined, request: VerifiableRequest): Verification {
  const provider = endpoint?.provider ?? null;
  let verification: Verification;
  try {
    verification = verifyWithProfile(provider, request, secretsOf(endpoint));
  } catch (err) {
    verification = {
      status: 'invalid',
      provider,
      reason: `The signature could not be checked: verification failed on this request (${(err as Error).message}).`,
      hints: [],
    };
  }
  return explainUnreadable(verification, endpoint);
}
