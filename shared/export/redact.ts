// Redaction for exports that leave the machine (bug reports, chat, docs). Two rules: headers that
// authenticate (every known provider's signature header, Authorization, Cookie, Aptly's x-signingKey,
// which is the secret itself) have their values replaced; and the endpoint's secrets are replaced
// wherever they appear, in header values, the path, the query and the body bytes. The doctor's evidence
// (an expected signature computed with the secret) is dropped too. Over-redacting is the safe failure.
import type { DeliveryDetail, HeaderField } from '../domain.js';
import { decodeBase64, encodeBase64, replaceBytes, utf8OrNull } from './bytes.js';

export const REDACTED = '[REDACTED]';

/** Header names always redacted, whatever the provider (lower case). */
export const ALWAYS_REDACTED_HEADERS: readonly string[] = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-signingkey'];

export interface RedactionRules {
  /** Header names whose values are replaced (any case); ALWAYS_REDACTED_HEADERS are added. */
  headerNames: readonly string[];
  /** Secret strings replaced wherever they appear (empty strings are ignored). */
  secrets: readonly string[];
}

export function redactDelivery(detail: DeliveryDetail, rules: RedactionRules): DeliveryDetail {
  const names = new Set([...ALWAYS_REDACTED_HEADERS, ...rules.headerNames.map((n) => n.toLowerCase())]);
  const secrets = [...new Set(rules.secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  const inText = (text: string) => redactText(text, secrets);
  const headers: HeaderField[] = detail.headers.map((h) => ({ name: h.name, value: names.has(h.name.toLowerCase()) ? REDACTED : inText(h.value) }));
  let body = decodeBase64(detail.bodyBase64);
  const replacement = new TextEncoder().encode(REDACTED);
  for (const secret of secrets) body = replaceBytes(body, new TextEncoder().encode(secret), replacement);
  const { evidence: _evidence, ...verification } = detail.verification;
  return {
    ...detail,
    path: inText(detail.path),
    query: inText(detail.query),
    headers,
    bodyBase64: encodeBase64(body),
    bodyText: utf8OrNull(body),
    size: body.length,
    verification: { ...verification, reason: inText(verification.reason), hints: verification.hints.map(inText) },
  };
}

/** The secret replaced as written and as it would appear percent-encoded in a URL. */
function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    out = out.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(REDACTED);
  }
  return out;
}
