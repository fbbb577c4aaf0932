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
import { decodeBase64, encodeBase64, latin1, replaceBytes, utf8OrNull } from './bytes.js';
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
  // Fields named like credentials first, while the body is still as it arrived (replacing a secret
  // first could break the JSON around it); then the secrets, wherever they are left.
  let body = decodeBase64(detail.bodyBase64);
  if (isFormBody(detail.headers)) body = redactFormBody(body);
  body = redactJsonBody(body);
  const replacement = new TextEncoder().encode(REDACTED);
  for (const form of secrets.flatMap(asWritten)) body = replaceBytes(body, new TextEncoder().encode(form), replacement);
  const { evidence: _evidence, ...verification } = detail.verification;
  return {
    ...detail,
    path: inText(detail.path),
    query: inText(redactJsonInParams(redactCredentialParams(detail.query, REDACTED))),
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

/**
 * A form body's credential fields replaced, and credential fields inside fields that hold JSON (Slack's
 * interactive `payload=`). A body that is not UTF-8 is not a form to read.
 */
function redactFormBody(body: Uint8Array): Uint8Array {
  const text = utf8OrNull(body);
  if (text === null) return body;
  const redacted = redactJsonInParams(redactCredentialParams(text, REDACTED));
  return redacted === text ? body : new TextEncoder().encode(redacted);
}

/** Parameters whose value is JSON, with that JSON's credential fields replaced (re-encoded only when changed). */
function redactJsonInParams(encoded: string): string {
  if (!encoded.includes('%7B') && !encoded.includes('%7b') && !encoded.includes('%5B') && !encoded.includes('%5b') && !/=[{[]/.test(encoded)) return encoded;
  return encoded
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      let value: string;
      try {
        value = decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
      } catch {
        return pair;
      }
      if (!/^\s*[[{]/.test(value)) return pair;
      const redacted = redactJsonCredentials(value, REDACTED);
      return redacted === value ? pair : `${pair.slice(0, eq)}=${encodeURIComponent(redacted)}`;
    })
    .join('&');
}

/**
 * A body that looks like JSON (an object or array first, after a byte-order mark and whitespace),
 * whatever its Content-Type and whether or not it is whole or valid UTF-8, with its credential fields
 * replaced. Scanned as Latin-1, one character per byte, so every other byte is kept exactly.
 */
function redactJsonBody(body: Uint8Array): Uint8Array {
  let start = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf ? 3 : 0;
  while (start < body.length && (body[start] === 0x20 || body[start] === 0x09 || body[start] === 0x0a || body[start] === 0x0d)) start++;
  if (body[start] !== 0x7b && body[start] !== 0x5b) return body;
  const text = latin1(body);
  const redacted = redactJsonCredentials(text, REDACTED);
  return redacted === text ? body : Uint8Array.from(redacted, (c) => c.charCodeAt(0));
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
