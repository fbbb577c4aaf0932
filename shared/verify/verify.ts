// Verification of one captured request against a provider spec, over the exact bytes received.
// `now` is injected (the capture's receive time for stored deliveries), so a verdict never changes
// just because it is recomputed later.
import type { HeaderField, Verification, VerificationEvidence } from '../domain.js';
import { headerValue, headerValues } from '../headers.js';
import type { ProviderSpec, SignatureSpec } from '../providers/spec.js';
import { hmac, safeEqualText } from './crypto.js';
import { diagnose, secretShapeHints, timestampSkew } from './doctor.js';
import { decodeSecret, legacyFallback, parseSignatureHeader, signedPayload, timestampToleranceSec } from './signature-format.js';

export { formatSeconds } from './doctor.js';

export interface VerifiableRequest {
  headers: readonly HeaderField[];
  body: Buffer;
  /** Milliseconds since the epoch at which the request arrived. */
  receivedAtMs: number;
  /** The stored body was cut at the size limit. */
  truncated?: boolean;
}

export interface VerifyOptions {
  /** Current secret first; later entries are previous secrets still accepted during a rotation. */
  secrets: readonly string[];
  /** The provider was recognised from headers rather than set on the endpoint. */
  detected?: boolean;
}

type HmacSpec = Extract<SignatureSpec, { kind: 'hmac' }>;

export function verifyRequest(spec: ProviderSpec, req: VerifiableRequest, opts: VerifyOptions): Verification {
  const legacy = legacyFallback(spec, req.headers);
  if (legacy) {
    // Only the old header arrived (GitHub's SHA-1 X-Hub-Signature): check it, and say the verdict rests on it.
    const verdict = verifyRequest(legacy.spec, req, opts);
    return { ...verdict, reason: `${legacy.label}: ${verdict.reason}`, hints: [legacy.hint, ...verdict.hints] };
  }
  const sig = spec.signature;
  const base = { provider: spec.id, hints: [] as string[], ...(opts.detected ? { detected: true } : {}) };
  const values = headerValues(req.headers, sig.header);
  if (values.length === 0) {
    return { ...base, status: 'unsigned', reason: `No ${sig.header} header: the request is not signed the ${spec.name} way.` };
  }
  const secrets = opts.secrets.filter((s) => s.length > 0);
  if (secrets.length === 0) {
    return {
      ...base,
      status: 'no-secret',
      reason: `${sig.header} is present, but no secret is set for this endpoint: set the ${spec.name} secret to check it.`,
    };
  }
  const received = values[0]!;
  if (received.trim() === '') {
    // Not a mismatch to diagnose: the doctor would otherwise blame the secret.
    return { ...base, status: 'invalid', reason: `${sig.header} is present but empty: no ${sig.kind === 'static-key' ? 'key' : 'signature'} was sent.` };
  }
  const duplicateHint =
    values.length > 1 && new Set(values).size > 1
      ? [`${values.length} different ${sig.header} headers arrived; the first was checked.`]
      : [];
  const result =
    sig.kind === 'static-key'
      ? verifyStaticKey(spec, sig.header, received, secrets)
      : verifyHmac(spec, sig, received, req, secrets);
  return { ...base, ...result, hints: [...result.hints, ...duplicateHint] };
}

type Outcome = Pick<Verification, 'status' | 'reason' | 'hints' | 'evidence'>;

function verifyStaticKey(spec: ProviderSpec, header: string, received: string, secrets: readonly string[]): Outcome {
  const scheme = 'static shared key';
  const index = secrets.findIndex((s) => safeEqualText(received, s));
  if (index > 0 && spec.rotation === 'immediate') {
    return { ...regeneratedKey(spec, header, 'key'), evidence: { header, scheme, received: mask(received), expected: mask(secrets[0]!) } };
  }
  if (index >= 0) {
    return {
      status: 'valid',
      reason: `${header} matches the ${spec.name} signing key. This is a static shared secret: it shows the sender knows the key, but the body is not integrity-protected (anyone who sees one request can resend or alter bodies).`,
      hints: index > 0 ? ['The key matches a previous key: the sender still uses the old one.'] : [],
      evidence: { header, scheme },
    };
  }
  const hints: string[] = [];
  if (secrets.some((s) => safeEqualText(received.trim(), s.trim()))) {
    hints.push('The keys differ only by surrounding whitespace: trim the key where it is stored or sent.');
  } else if (secrets.some((s) => received.toLowerCase() === s.toLowerCase())) {
    hints.push('The keys differ only in letter case: keys are compared exactly.');
  } else {
    hints.push(`The key sent is not the one set here: it may have been regenerated in ${spec.name} (which invalidates the old key).`);
  }
  return {
    status: 'invalid',
    reason: `${header} does not match the ${spec.name} signing key set for this endpoint.`,
    hints,
    evidence: { header, scheme, received: mask(received), expected: mask(secrets[0]!) },
  };
}

function verifyHmac(spec: ProviderSpec, sig: HmacSpec, received: string, req: VerifiableRequest, secrets: readonly string[]): Outcome {
  const scheme = `HMAC-${sig.algorithm.toUpperCase()} (${sig.encoding}) of ${describeTemplate(sig.signedPayload)}`;
  const parsed = parseSignatureHeader(sig, received);
  const id = spec.idHeader ? headerValue(req.headers, spec.idHeader) ?? '' : '';
  const timestamp = parsed.timestamp ?? (spec.timestamp ? headerValue(req.headers, spec.timestamp.header) : undefined) ?? '';
  if (parsed.malformed) {
    // A right signature in the wrong shape (no `v1,` tag, `v1=` for `v1,`…): let the doctor name it.
    const doctor = diagnose({ spec: sig, body: req.body, headerValue: received, secrets, id, timestamp });
    const hints = doctor.explained ? doctor.hints : [];
    return { status: 'invalid', reason: `Malformed ${sig.header}: ${parsed.malformed}.`, hints, evidence: { header: sig.header, received, scheme } };
  }
  const missing = missingParts(spec, sig, id, timestamp);
  if (missing) return { status: 'invalid', reason: missing, hints: [], evidence: { header: sig.header, received, scheme } };

  const payload = signedPayload(sig.signedPayload, req.body, id, timestamp);
  const expected = secrets.map((s) => hmac(sig.algorithm, decodeSecret(sig.secretEncoding, s), payload).toString(sig.encoding));
  const matchIndex = expected.findIndex((e) => parsed.signatures.some((r) => safeEqualText(r, e)));
  const tolerance = timestampToleranceSec(spec);
  const evidence: VerificationEvidence = {
    header: sig.header,
    received,
    // The one that matched (a previous secret's during a rotation), so the evidence agrees with the verdict.
    expected: expected[Math.max(matchIndex, 0)]!,
    signatures: parsed.signatures,
    scheme,
    signedPayloadPreview: signedPayloadPreview(payload),
    ...(timestamp ? { timestamp: timestampEvidence(spec, sig, parsed.timestamp !== undefined, timestamp, tolerance, req.receivedAtMs) } : {}),
  };

  const skew = timestampSkew(timestamp, tolerance, req.receivedAtMs);
  if (matchIndex < 0) {
    const doctor = diagnose({ spec: sig, body: req.body, headerValue: received, secrets, id, timestamp });
    const hints = [...doctor.hints, ...secretShapeHints(sig, secrets[0]!), ...(skew ? [skew.alsoHint] : [])];
    if (req.truncated) hints.unshift('The body was cut at the size limit, so the signature cannot be checked over the bytes stored: raise --max-body.');
    return { status: 'invalid', reason: `Signature mismatch: ${sig.header} is not the ${scheme} with the secret set here.`, hints, evidence };
  }
  if (parsed.missingPrefix) {
    return {
      status: 'invalid',
      reason: `${sig.header} lacks the ${sig.prefix} prefix that ${spec.name} sends.`,
      hints: [`The digest itself is right: send ${sig.header}: ${sig.prefix}<signature>.`],
      evidence,
    };
  }
  if (skew) return { status: 'invalid', reason: skew.reason, hints: [skew.hint], evidence };
  if (matchIndex > 0 && spec.rotation === 'immediate') return { ...regeneratedKey(spec, sig.header, 'secret'), evidence };
  const rotation = matchIndex > 0 ? ['The signature matches a previous secret (rotation): the sender still signs with the old secret.'] : [];
  return { status: 'valid', reason: `${sig.header} matches the ${scheme} with the secret set here.`, hints: rotation, evidence };
}

/**
 * A previous secret matched, but the provider says a new one invalidates the old (Aptly: "This
 * invalidates the old key"): the provider itself would never send it, so the request is not trusted.
 */
function regeneratedKey(spec: ProviderSpec, header: string, what: 'key' | 'secret'): Pick<Verification, 'status' | 'reason' | 'hints'> {
  return {
    status: 'invalid',
    reason: `${header} carries a previous ${spec.name} ${what}, not the current one.`,
    hints: [
      `It matches a ${what} that was regenerated: ${spec.name} invalidates the old ${what} when a new one is made, so a request carrying it is not from ${spec.name} (or was captured before the change). Update the sender, or remove the previous ${what} from the endpoint.`,
    ],
  };
}

function missingParts(spec: ProviderSpec, sig: HmacSpec, id: string, timestamp: string): string | null {
  if (sig.signedPayload.includes('{id}') && !id) return `No ${spec.idHeader ?? 'id'} header: it is part of the signed payload.`;
  if (sig.signedPayload.includes('{timestamp}') && !timestamp) {
    return `No ${spec.timestamp?.header ?? 'timestamp'}: it is part of the signed payload.`;
  }
  return null;
}

/** The signed timestamp as evidence: where it came from, its age on arrival and the window it must fall in. */
function timestampEvidence(spec: ProviderSpec, sig: HmacSpec, inSignatureHeader: boolean, value: string, toleranceSec: number | null, receivedAtMs: number) {
  const seconds = Number(value);
  return {
    header: inSignatureHeader ? sig.header : spec.timestamp?.header ?? sig.header,
    value,
    ageSec: value.trim() !== '' && Number.isFinite(seconds) ? Math.round(receivedAtMs / 1000 - seconds) : null,
    toleranceSec,
  };
}

function describeTemplate(template: string): string {
  return template === '{body}' ? 'the raw body' : `"${template}"`;
}

/** The start of a signed payload, as verdicts show it. */
export function signedPayloadPreview(payload: Buffer): string {
  const text = payload.subarray(0, 240).toString('utf8');
  return payload.length > 240 ? `${text}…` : text;
}

function mask(secret: string): string {
  if (secret.length <= 6) return '•'.repeat(secret.length);
  return `${secret.slice(0, 3)}…${secret.slice(-2)} (${secret.length} chars)`;
}
