// Redaction for exports that leave the machine (bug reports, chat, docs). Three rules: headers that
// authenticate (every known provider's signature header, and any header whose name says it carries a
// credential: Authorization, Cookie, X-Api-Key, X-Auth-Token, Aptly's x-signingKey, which is the secret
// itself; see credentials.ts) have their values replaced; so do query parameters, form-urlencoded
// body fields and JSON body fields named like credentials (token, key, api_key, secret, sig, signature,
// access_token, code, password…); and the endpoint's secrets are replaced wherever they appear, in header values, the
// path, the query and the body bytes. The doctor's evidence (an expected signature computed with the
// secret) is dropped too. Over-redacting is the safe failure.
import type { DeliveryDetail, HeaderField } from '../domain.js';
import { headerValue } from '../headers.js';
import { decodeBase64, encodeBase64, replaceBytes, utf8OrNull } from './bytes.js';
import { isCredentialHeader, redactCredentialParams } from './credentials.js';
import { redactJsonCredentials } from './json-credentials.js';

export { ALWAYS_REDACTED_HEADERS } from './credentials.js';

export const REDACTED = '[REDACTED]';

export interface RedactionRules {
  /** Header names whose values are replaced (any case), beside those named like credentials. */
  headerNames: readonly string[];
  /** Secret strings replaced wherever they appear (empty strings are ignored). */
  secrets: readonly string[];
}

export function redactDelivery(detail: DeliveryDetail, rules: RedactionRules): DeliveryDetail {
  const names = new Set(rules.headerNames.map((n) => n.toLowerCase()));
  const secrets = [...new Set(rules.secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  const inText = (text: string) => redactText(text, secrets);
  const hidden = (name: string) => names.has(name.toLowerCase()) || isCredentialHeader(name);
  const headers: HeaderField[] = detail.headers.map((h) => ({ name: h.name, value: hidden(h.name) ? REDACTED : inText(h.value) }));
  let body = decodeBase64(detail.bodyBase64);
  const replacement = new TextEncoder().encode(REDACTED);
  for (const form of secrets.flatMap(asWritten)) body = replaceBytes(body, new TextEncoder().encode(form), replacement);
  if (isFormBody(detail.headers)) body = redactFormBody(body);
  else body = redactJsonBody(body);
  const { evidence: _evidence, ...verification } = detail.verification;
  return {
    ...detail,
    path: inText(detail.path),
    query: redactCredentialParams(inText(detail.query), REDACTED),
    headers,
    bodyBase64: encodeBase64(body),
    bodyText: utf8OrNull(body),
    size: body.length,
    verification: { ...verification, reason: inText(verification.reason), hints: verification.hints.map(inText) },
  };
}

function isFormBody(headers: readonly HeaderField[]): boolean {
  return (headerValue(headers, 'content-type') ?? '').toLowerCase().includes('application/x-www-form-urlencoded');
}

/** A form body's credential fields replaced (a body that is not UTF-8 is not a form to read). */
function redactFormBody(body: Uint8Array): Uint8Array {
  const text = utf8OrNull(body);
  if (text === null) return body;
  const redacted = redactCredentialParams(text, REDACTED);
  return redacted === text ? body : new TextEncoder().encode(redacted);
}

/** A JSON body's credential fields replaced (a body that is not valid JSON is left to the other rules). */
function redactJsonBody(body: Uint8Array): Uint8Array {
  const text = utf8OrNull(body);
  if (text === null || !/^\s*[[{]/.test(text)) return body;
  try {
    JSON.parse(text);
  } catch {
    return body;
  }
  const redacted = redactJsonCredentials(text, REDACTED);
  return redacted === text ? body : new TextEncoder().encode(redacted);
}

/** The secret replaced as written and as it would appear percent-encoded in a URL or a form body. */
function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const form of secrets.flatMap(asWritten)) out = out.split(form).join(REDACTED);
  return out;
}

/** A secret as written, then percent-encoded when that differs. */
function asWritten(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  return encoded === secret ? [secret] : [secret, encoded];
}
