// An endpoint's secrets as the core's users see them: masked unless asked for (the CLI's
// --show-secrets, the UI's sender prefill and endpoint form), and a verdict that explains itself when
// the secrets are sealed with a key this machine does not have (secrets/secret-box.ts).
import type { Endpoint, Verification } from '../../shared/domain.js';
import { maskSecret } from './secrets/secret-box.js';

/** Current secret first, then the previous ones still accepted during a rotation. */
export function secretsOf(endpoint: Endpoint | undefined): string[] {
  return endpoint ? [endpoint.secret ?? '', ...endpoint.previousSecrets] : [];
}

export function maskedEndpoint(endpoint: Endpoint): Endpoint {
  return { ...endpoint, secret: endpoint.secret === null ? null : maskSecret(endpoint.secret), previousSecrets: endpoint.previousSecrets.map(maskSecret) };
}

export function unreadableSecretsNote(endpoint: Pick<Endpoint, 'path'>): string {
  return `the secret of ${endpoint.path} is sealed with a key this machine does not have (the database came from another machine or account): enter it again (hookscope endpoints update ${endpoint.path} --secret …)`;
}

/** A no-secret verdict on an endpoint whose secrets cannot be opened says so, instead of "no secret is set". */
export function explainUnreadable(verification: Verification, endpoint: Endpoint | undefined): Verification {
  if (verification.status !== 'no-secret' || !endpoint?.secretsUnreadable) return verification;
  return { ...verification, reason: `A signature is present, but ${unreadableSecretsNote(endpoint)}.` };
}
