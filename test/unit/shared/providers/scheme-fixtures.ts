// Shared helpers for the scheme tests: requests as the verifier receives them, and signing through
// Hookscope's own signer (tests that need an independent signer use the official SDKs instead).
import type { HeaderField } from '../../../../shared/domain.js';
import { requireProvider } from '../../../../shared/providers/registry.js';
import { signRequest } from '../../../../shared/verify/sign.js';
import type { VerifiableRequest } from '../../../../shared/verify/verify.js';

/** The secret from Svix's documentation: whsec_ + base64 of 24 random bytes. */
export const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const OLD_WHSEC = 'whsec_QGY0QWNYMDhUa1BqM3hnWGtGN2tqMjdr';
export const STRIPE_SECRET = 'whsec_test_5e8f0c1b2a3d4e5f6a7b8c9d0e1f2a3b';
export const OLD_STRIPE_SECRET = 'whsec_test_0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d';

/** JSON with non-ASCII text, so any decode/re-encode of the body would show. */
export const BODY = Buffer.from('{"type":"user.created","timestamp":"2026-03-20T12:00:00Z","data":{"id":"usr_1","name":"Zoë Ångström","note":"🚀 ready"}}', 'utf8');

export const MIN_MS = 60_000;

export function request(headers: HeaderField[], body: Buffer = BODY, receivedAtMs: number = Date.now()): VerifiableRequest {
  return { headers, body, receivedAtMs };
}

export function signedBy(providerId: string, secret: string, opts: { body?: Buffer; nowMs?: number; id?: string } = {}): HeaderField[] {
  return signRequest(requireProvider(providerId), opts.body ?? BODY, secret, { nowMs: opts.nowMs ?? Date.now(), id: opts.id ?? 'msg_2LJqj8YHkQ5WbBwZ1m0' });
}

/** Headers as a plain object, the shape the SDKs take. */
export function headerRecord(headers: readonly HeaderField[]): Record<string, string> {
  return Object.fromEntries(headers.map((h) => [h.name.toLowerCase(), h.value]));
}

export function headerOf(headers: readonly HeaderField[], name: string): string {
  const found = headers.find((h) => h.name.toLowerCase() === name.toLowerCase());
  if (!found) throw new Error(`no ${name} header`);
  return found.value;
}

export function replaceHeader(headers: readonly HeaderField[], name: string, value: string): HeaderField[] {
  return headers.map((h) => (h.name.toLowerCase() === name.toLowerCase() ? { name: h.name, value } : h));
}
