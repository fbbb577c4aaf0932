// The signature doctor: when an HMAC signature does not match, reproduce the classic mistakes one by one
// (and in pairs) and name the one that yields the received signature. Only runs on failures, so it may
// spend a few dozen HMACs; bodies past DOCTOR_MAX_BODY are checked with the cheap variants only, and
// the HMACs of one diagnosis cover at most DOCTOR_HASH_BUDGET bytes: it runs on the receiver's event
// loop, and a 25 MB body with a wrong secret once held every other capture back for half a second.
// Every hint is one sentence that names the mistake and then the fix, so the UI needs no separate field.
import type { SignatureSpec } from '../providers/spec.js';
import { hmac, type HmacAlgorithm } from './crypto.js';
import { formatSeconds } from './seconds.js';
import { decodeSecret, parseSignatureHeader, signedPayload } from './signature-format.js';

export { formatSeconds };

type HmacSpec = Extract<SignatureSpec, { kind: 'hmac' }>;

const DOCTOR_MAX_BODY = 1024 * 1024;
/** About 50 ms of HMAC-SHA256 on the 2-core test machine; always at least one combination is tried. */
export const DOCTOR_HASH_BUDGET = 32 * 1024 * 1024;
const KNOWN_PREFIXES = ['sha256=', 'sha1=', 'sha512=', 'v1=', 'v1,', 'v0='];

export interface DoctorInput {
  spec: HmacSpec;
  body: Buffer;
  /** The raw value of the signature header as received. */
  headerValue: string;
  secrets: readonly string[];
  id: string;
  timestamp: string;
}

interface Variant<T> {
  mistake: string | null;
  value: T;
}

export interface Diagnosis {
  hints: string[];
  /** True when a combination of mistakes reproduced the received signature exactly. */
  explained: boolean;
}

export function diagnose(input: DoctorInput): Diagnosis {
  const received = receivedCandidates(input.headerValue, input.spec);
  if (received.length === 0) return { hints: [], explained: false };
  const combos = enumerate(input);
  // Fewest mistakes first: the simplest explanation wins.
  combos.sort((a, b) => a.mistakes.length - b.mistakes.length);
  let hashed = 0;
  let tried = 0;
  for (const combo of combos) {
    if (tried > 0 && hashed + combo.payload.length > DOCTOR_HASH_BUDGET) break;
    hashed += combo.payload.length;
    tried++;
    const digest = hmac(combo.algorithm, combo.key, combo.payload);
    for (const cand of received) {
      const encodingMistake = matchEncoding(digest, cand.text, input.spec.encoding);
      if (encodingMistake === undefined) continue;
      const mistakes = [...combo.mistakes];
      if (cand.prefixMistake) mistakes.push(cand.prefixMistake);
      if (encodingMistake) mistakes.push(encodingMistake);
      if (mistakes.length === 0) continue; // an exact match is not a mistake (the caller handled it)
      return { hints: mistakes, explained: true };
    }
  }
  // Not a secret problem when the signature cannot be one of this scheme's at all.
  const length = wrongLengthHint(input.spec, input.headerValue);
  if (length) return { hints: [length], explained: false };
  if (tried < combos.length) {
    const size = `${(input.body.length / (1024 * 1024)).toFixed(1)} MB`;
    return {
      hints: [
        `No mistake among the ${tried} most likely reproduces the received signature; the body (${size}) is too large to try all ${combos.length}. The secret is most likely different (regenerated, test vs. live, or another webhook's secret).`,
      ],
      explained: false,
    };
  }
  return {
    hints: [
      'No common mistake reproduces the received signature: the secret is most likely different (regenerated, test vs. live, or another webhook\'s secret).',
    ],
    explained: false,
  };
}

const DIGEST_BYTES: Record<HmacAlgorithm, number> = { sha1: 20, sha256: 32, sha512: 64 };

/** How many characters a digest of `algorithm` takes in `encoding`; base64 also without its padding. */
function encodedLengths(algorithm: HmacAlgorithm, encoding: 'hex' | 'base64'): number[] {
  const bytes = DIGEST_BYTES[algorithm];
  if (encoding === 'hex') return [bytes * 2];
  return [Math.ceil(bytes / 3) * 4, Math.ceil((bytes * 4) / 3)];
}

/**
 * When no signature read from the header has the length of this scheme's digest (`deadbeef` for a
 * 64-character SHA-256 hex digest), that is the finding: no secret could have produced it.
 */
export function wrongLengthHint(spec: HmacSpec, headerValue: string): string | null {
  const { signatures } = parseSignatureHeader(spec, headerValue);
  const lengths = encodedLengths(spec.algorithm, spec.encoding);
  if (signatures.length === 0 || signatures.some((s) => lengths.includes(s.length))) return null;
  const got = signatures[0]!.length;
  const name = (a: HmacAlgorithm) => `HMAC-${a.toUpperCase().replace('SHA', 'SHA-')}`;
  const other = (['sha1', 'sha256', 'sha512'] as const).find((a) => a !== spec.algorithm && encodedLengths(a, spec.encoding).includes(got));
  const why = other
    ? `${got} is the length of an ${name(other)} signature: the sender uses another algorithm (and another secret or payload, as neither reproduces it).`
    : 'It was cut short or padded, or it is not a signature made this way at all (a placeholder, a test value).';
  return `The signature has the wrong length: expected ${lengths[0]} ${spec.encoding} characters (${name(spec.algorithm)}), got ${got}. ${why}`;
}

/** Hints about the secret's shape that hold whatever the signature says. */
export function secretShapeHints(spec: HmacSpec, secret: string): string[] {
  const hints: string[] = [];
  if (/^(sk|rk|pk)_(test|live)_/.test(secret)) {
    hints.push('The secret looks like an API key (sk_/rk_/pk_…), not a webhook signing secret (whsec_…): copy the endpoint\'s signing secret instead.');
  }
  if (spec.secretEncoding === 'whsec' && !secret.startsWith('whsec_')) {
    hints.push('Standard Webhooks secrets start with whsec_ and are base64 after it: check that the whole secret was copied.');
  }
  return hints;
}

export interface TimestampSkew {
  /** For the verdict: which way, by how much, and the window. */
  reason: string;
  /** When the signature itself is right: what the skew means and what to do. */
  hint: string;
  /** When the signature also failed: worth knowing, though not the cause. */
  alsoHint: string;
}

/** Checks a signed timestamp against now, in both directions (replays and fast clocks alike). */
export function timestampSkew(timestamp: string, toleranceSec: number | null, nowMs: number): TimestampSkew | null {
  if (!toleranceSec || !timestamp) return null;
  const seconds = Number(timestamp);
  if (!Number.isFinite(seconds)) {
    const reason = `The timestamp "${timestamp}" is not a number of seconds.`;
    return { reason, hint: 'Send the timestamp as whole unix seconds (not an ISO date).', alsoHint: reason };
  }
  const skew = Math.round(nowMs / 1000 - seconds);
  if (Math.abs(skew) <= toleranceSec) return null;
  const window = `±${formatSeconds(toleranceSec)}`;
  if (skew > 0) {
    const age = formatSeconds(skew);
    return {
      reason: `The timestamp is ${age} old, outside the ${window} tolerance.`,
      hint: `The signature itself is right, but it was made ${age} before the request arrived (the window is ${window}): a replayed or long-delayed request, or a sender clock running behind. Re-sign it with the current time, or sync the sender's clock.`,
      alsoHint: `The timestamp is also ${age} old, outside the ${window} tolerance: even with a matching signature this request would be rejected.`,
    };
  }
  const ahead = formatSeconds(-skew);
  const hint =
    seconds > 1e11
      ? `The timestamp ${timestamp} is in milliseconds: this scheme signs unix seconds (Math.floor(Date.now() / 1000)).`
      : `The signature itself is right, but the timestamp is ${ahead} ahead of this machine's clock (the window is ${window}): the sender's clock runs fast or this one runs slow. Sync both clocks (NTP).`;
  return {
    reason: `The timestamp is ${ahead} in the future, outside the ${window} tolerance.`,
    hint,
    alsoHint: `The timestamp is also ${ahead} in the future, outside the ${window} tolerance: even with a matching signature this request would be rejected.`,
  };
}


interface Combo {
  mistakes: string[];
  algorithm: HmacAlgorithm;
  key: Buffer;
  payload: Buffer;
}

function enumerate(input: DoctorInput): Combo[] {
  const { spec, body } = input;
  const payloadOf = (b: Buffer) => signedPayload(spec.signedPayload, b, input.id, input.timestamp);
  const bodies = bodyVariants(body);
  const keys = secretVariants(spec, input.secrets);
  const algorithms: Variant<HmacAlgorithm>[] = (['sha256', 'sha1', 'sha512'] as const).map((a) => ({
    mistake: a === spec.algorithm ? null : `The signature is HMAC-${a.toUpperCase()}, not HMAC-${spec.algorithm.toUpperCase()}: use ${spec.algorithm}.`,
    value: a,
  }));
  const combos: Combo[] = [];
  for (const b of bodies) {
    const payload = payloadOf(b.value);
    for (const k of keys) {
      for (const a of algorithms) {
        const mistakes = [b.mistake, k.mistake, a.mistake].filter((m): m is string => m !== null);
        if (mistakes.length <= 2) combos.push({ mistakes, algorithm: a.value, key: k.value, payload });
      }
    }
  }
  return combos;
}

function bodyVariants(body: Buffer): Variant<Buffer>[] {
  const variants: Variant<Buffer>[] = [{ mistake: null, value: body }];
  // Byte-level, so a body that is not valid UTF-8 is handled too.
  const withoutNewline = stripFinalNewline(body);
  if (withoutNewline) {
    variants.push({
      mistake: 'The signature covers the body without its final newline: the body was trimmed before signing or verifying. Use the raw bytes as received.',
      value: withoutNewline,
    });
  }
  variants.push({
    mistake: 'The signature covers the body plus a trailing newline that was not sent (echo without -n, a file saved with a final newline): sign exactly the bytes you send.',
    value: Buffer.concat([body, Buffer.from('\n')]),
  });
  if (body.length > DOCTOR_MAX_BODY) return variants;
  const text = body.toString('utf8');
  const latin1 = Buffer.from(body.toString('latin1'), 'utf8');
  if (!latin1.equals(body)) {
    variants.push({
      mistake: 'The body was decoded as latin1 ("binary") and re-encoded as UTF-8 before signing, which changes every non-ASCII byte: read the raw body as bytes.',
      value: latin1,
    });
  }
  const parsed = tryParseJson(text);
  if (parsed === undefined) return variants;
  let reserialised: Array<[string, string]>;
  try {
    reserialised = [
      [JSON.stringify(parsed), 'The signature was computed over re-serialised JSON (JSON.stringify(JSON.parse(body))), not the raw bytes received: verify over the raw request body (e.g. express.raw()), before any JSON parsing.'],
      [JSON.stringify(sortKeys(parsed)), 'The signature was computed over JSON re-serialised with its keys reordered, not the raw bytes received: verify over the raw request body.'],
      [JSON.stringify(parsed, null, 2), 'The signature was computed over pretty-printed JSON (JSON.stringify(body, null, 2)), not the raw bytes received: verify over the raw request body.'],
    ];
  } catch {
    // Nested too deeply to re-serialise (JSON.parse is iterative, stringify is not): a hostile body
    // must not turn a diagnosis into a stack overflow that takes the receiver down.
    return variants;
  }
  const seen = new Set([text]);
  for (const [candidate, mistake] of reserialised) {
    if (seen.has(candidate)) continue;
    seen.add(candidate);
    variants.push({ mistake, value: Buffer.from(candidate, 'utf8') });
  }
  return mergeIdentical(variants);
}

/**
 * Two mistakes can produce the same bytes (a compact JSON body with a final newline, stripped or
 * re-serialised, gives the same payload): name both rather than guess one.
 */
function mergeIdentical(variants: Variant<Buffer>[]): Variant<Buffer>[] {
  const merged: Variant<Buffer>[] = [];
  for (const v of variants) {
    const twin = merged.find((m) => m.value.equals(v.value));
    if (!twin) merged.push({ ...v });
    else if (twin.mistake && v.mistake) twin.mistake = `${twin.mistake} Equally possible: ${v.mistake}`;
  }
  return merged;
}

function stripFinalNewline(body: Buffer): Buffer | null {
  if (body.length === 0 || body[body.length - 1] !== 0x0a) return null;
  const cut = body.length >= 2 && body[body.length - 2] === 0x0d ? 2 : 1;
  return body.subarray(0, body.length - cut);
}

function secretVariants(spec: HmacSpec, secrets: readonly string[]): Variant<Buffer>[] {
  const variants: Variant<Buffer>[] = [];
  secrets.forEach((secret, i) => {
    const previous = i > 0 ? 'The signature matches a previous secret (rotation): the sender still signs with the old secret.' : null;
    variants.push({ mistake: previous, value: decodeSecret(spec.secretEncoding, secret) });
    if (i > 0) return;
    const trimmed = secret.trim();
    if (trimmed !== secret) {
      variants.push({
        mistake: 'The secret set here has surrounding whitespace or a newline, and the signature was made with the trimmed secret: remove the whitespace (a copy-paste or .env artefact).',
        value: decodeSecret(spec.secretEncoding, trimmed),
      });
    } else {
      variants.push({
        mistake: 'The signature was made with the secret plus a trailing newline (a secret read from a file with its final newline): trim the secret where it is loaded.',
        value: decodeSecret(spec.secretEncoding, `${secret}\n`),
      });
      // Whitespace inside a base64 secret decodes to the same key: only a text secret can differ this way.
      if (spec.secretEncoding === 'utf8') {
        for (const [padded, what] of SENDER_WHITESPACE) {
          variants.push({
            mistake: `The signature was made with the secret plus ${what}: the sender's copy of the secret has surrounding whitespace (a copy-paste or .env artefact). Trim the secret where the sender loads it.`,
            value: Buffer.from(padded(secret), 'utf8'),
          });
        }
      }
    }
    if (spec.secretEncoding === 'whsec' || spec.secretEncoding === 'base64') {
      variants.push({
        mistake: `The key was the secret's text itself: this scheme ${spec.secretEncoding === 'whsec' ? 'strips whsec_ and ' : ''}base64-decodes the secret before using it as the HMAC key.`,
        value: Buffer.from(secret, 'utf8'),
      });
      if (spec.secretEncoding === 'whsec' && secret.startsWith('whsec_')) {
        variants.push({
          mistake: 'The key was the base64 part of the secret as text: after stripping whsec_, base64-decode it to get the HMAC key.',
          value: Buffer.from(secret.slice('whsec_'.length), 'utf8'),
        });
      }
    } else {
      if (/^[A-Za-z0-9+/=_-]{16,}$/.test(secret)) {
        variants.push({
          mistake: `The key was the base64-decoded secret${secret.startsWith('whsec_') ? ' (whsec_ stripped and decoded, the Standard Webhooks way)' : ''}: this scheme uses the secret's text as the HMAC key, as it is.`,
          value: Buffer.from(secret.replace(/^whsec_/, ''), 'base64'),
        });
      }
      if (secret.startsWith('whsec_')) {
        variants.push({
          mistake: 'The key was the secret without its whsec_ prefix: this scheme uses the whole secret, whsec_ included, as the HMAC key.',
          value: Buffer.from(secret.slice('whsec_'.length), 'utf8'),
        });
      }
    }
  });
  return variants;
}

/** Whitespace a sender's copy of a secret picks up, besides the final newline checked above. */
const SENDER_WHITESPACE: Array<[(secret: string) => string, string]> = [
  [(s) => `${s}\r\n`, 'a trailing CRLF (a file saved on Windows)'],
  [(s) => `${s} `, 'a trailing space'],
  [(s) => ` ${s}`, 'a leading space'],
  [(s) => `${s}\t`, 'a trailing tab'],
];

interface ReceivedCandidate {
  text: string;
  prefixMistake: string | null;
}

/** The tag a well-formed signature carries: the plain prefix (`sha256=`), Stripe's `v1=`, Standard Webhooks' `v1,`. */
function expectedTag(spec: HmacSpec): string {
  switch (spec.format) {
    case 'plain':
      return spec.prefix;
    case 'stripe':
      return 'v1=';
    case 'standard-webhooks':
      return 'v1,';
  }
}

function expectedShape(spec: HmacSpec): string {
  const sig = `<${spec.encoding} signature>`;
  switch (spec.format) {
    case 'plain':
      return `${spec.prefix}${sig}`;
    case 'stripe':
      return `t=<unix seconds>,v1=${sig}`;
    case 'standard-webhooks':
      return `v1,${sig} (space-separated when there are several)`;
  }
}

function receivedCandidates(headerValue: string, spec: HmacSpec): ReceivedCandidate[] {
  const tag = expectedTag(spec);
  // The expected tag first (a custom prefix may be unknown to us), longest first so `sha256=` beats nothing.
  const prefixes = [...new Set([tag, ...KNOWN_PREFIXES])].filter(Boolean).sort((a, b) => b.length - a.length);
  // Standard Webhooks puts a comma inside each entry (`v1,<sig>`) and separates entries by spaces.
  const separator = spec.format === 'standard-webhooks' ? /\s+/ : /[\s,]+/;
  const whole = headerValue.trim();
  const out: ReceivedCandidate[] = [];
  for (const raw of new Set([whole, ...whole.split(separator).filter(Boolean)])) {
    if (spec.format === 'stripe' && raw.startsWith('t=')) continue; // the timestamp, or the whole header
    // Case-insensitive, so `SHA256=<hex>` is recognised (and named) rather than blamed on the secret.
    const found = prefixes.find((p) => raw.toLowerCase().startsWith(p.toLowerCase())) ?? '';
    const written = raw.slice(0, found.length);
    const mistake = found && written !== found ? `The prefix is written ${written}: it must be exactly ${found}, in lowercase.` : prefixMistake(spec, tag, found);
    out.push({ text: raw.slice(found.length), prefixMistake: mistake });
  }
  return out;
}

function prefixMistake(spec: HmacSpec, tag: string, found: string): string | null {
  if (found === tag) return null;
  const send = `send ${spec.header}: ${expectedShape(spec)}`;
  if (!tag) return `The header carries a ${found} prefix this scheme does not use: send the bare signature (or strip the prefix before comparing).`;
  if (!found) return `The signature lacks the ${tag} prefix: ${send}.`;
  return `The header carries ${found} where this scheme expects ${tag}: ${send}.`;
}

/** undefined: no match; null: match in the expected encoding; string: match in another encoding. */
function matchEncoding(digest: Buffer, received: string, expected: 'hex' | 'base64'): string | null | undefined {
  const hex = digest.toString('hex');
  const b64 = digest.toString('base64');
  const b64url = digest.toString('base64url');
  if (received === hex) return expected === 'hex' ? null : 'The signature is hex-encoded where this scheme expects base64: use digest(\'base64\').';
  if (received.toLowerCase() === hex) return 'The signature is uppercase hex: providers send lowercase, and a byte-wise comparison fails. Lowercase it (or compare the decoded bytes).';
  if (received === b64) return expected === 'base64' ? null : 'The signature is base64-encoded where this scheme expects hex: use digest(\'hex\').';
  if (received === b64url || received === b64.replace(/=+$/, '')) return 'The signature is base64url or unpadded base64: this scheme expects standard padded base64.';
  return undefined;
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    // A null-prototype object, so a `__proto__` key in the payload stays a plain key.
    const out: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}
