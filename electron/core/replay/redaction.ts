// What `--redact` hides for a delivery: every known provider's signature header (the signature is a
// credential for that body, and Aptly's is the secret itself) and the secrets of the delivery's endpoint.
import type { DeliveryDetail } from '../../../shared/domain.js';
import type { RedactionRules } from '../../../shared/export/redact.js';
import { listProviders } from '../../../shared/providers/registry.js';
import type { CoreContext } from '../context.js';
import { endpointOf } from '../delivery-lookup.js';
import { secretsOf } from '../endpoint-secrets.js';

export function signatureHeaderNames(): string[] {
  return listProviders().flatMap((p) => {
    const sig = p.signature;
    return sig.kind === 'hmac' && sig.legacy ? [sig.header, sig.legacy.header] : [sig.header];
  });
}

export function redactionRulesFor(ctx: CoreContext): (detail: DeliveryDetail) => RedactionRules {
  const headerNames = signatureHeaderNames();
  return (detail) => {
    const endpoint = endpointOf(ctx, detail);
    return { headerNames, secrets: secretsOf(endpoint) };
  };
}
