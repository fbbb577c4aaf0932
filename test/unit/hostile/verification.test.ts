// Hostile input to the verification code: whatever headers and bytes arrive, verification returns a
// well-formed verdict with a reason (it never throws, which at capture time would cost the capture),
// signature parsers never throw, and a correct signature stays valid whatever noise surrounds it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcParams } from '../../support/fast-check.js';
import { verificationSchema, type HeaderField } from '../../../shared/domain.js';
import { listProviders, verifyWithProfile } from '../../../shared/providers/registry.js';
import type { SignatureSpec } from '../../../shared/providers/spec.js';
import { signingHeaderNames, signRequest } from '../../../shared/verify/sign.js';
import { parseSignatureHeader } from '../../../shared/verify/signature-format.js';

const PROVIDERS = listProviders();
const HMAC_SPECS = PROVIDERS.flatMap((p) => (p.signature.kind === 'hmac' ? [[p.id, p.signature] as const] : []));
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const NOW_MS = Date.UTC(2026, 2, 20, 12, 0, 0);
const RUNS = fcParams({ numRuns: 300, interruptAfterTimeLimit: 8_000 });

/** Every header name some provider reads, so random sets hit the parsers rather than miss them. */
const KNOWN_NAMES = [
  ...new Set(PROVIDERS.flatMap((p) => [...signingHeaderNames(p), ...p.detectHeaders, ...(p.signature.kind === 'hmac' && p.signature.legacy ? [p.signature.legacy.header] : [])])),
];

const oddCase = (name: string) =>
  fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }).map((flips) =>
    [...name].map((c, i) => (flips[i] ? c.toUpperCase() : c.toLowerCase())).join(''),
  );

const headerName = fc.oneof(
  fc.constantFrom(...KNOWN_NAMES).chain(oddCase),
  fc.string({ minLength: 1, maxLength: 20 }),
);

const headerValue = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }), // lone surrogates, control characters
  fc.constantFrom('', ' ', 'sha256=', 'v1,', 't=,v1=', 't=1,v1=zz,v1=', 'v1,a v1,b v2,c', '=', ',,,', 'sha256=sha256='),
  fc.nat({ max: 120_000 }).map((n) => 'a'.repeat(n)), // huge values
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('hex')),
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('base64')),
);

const headers = fc.array(fc.record({ name: headerName, value: headerValue }), { maxLength: 24 });

const HOSTILE_BODIES = [
  Buffer.from('['.repeat(100_000) + ']'.repeat(100_000)), // deeper than any recursive walk can go
  Buffer.from(`{"a":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_001)}`),
  Buffer.from(JSON.stringify(Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i])))),
  Buffer.from('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}'),
  Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc, 0xff, 0xfe, 0x00]), // invalid UTF-8
];

const body = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b)),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  fc.string({ unit: 'binary' }).map((s) => Buffer.from(s, 'utf8')),
);

const providerId = fc.constantFrom<string | null>(null, 'no-such-provider', ...PROVIDERS.map((p) => p.id));
const secrets = fc.array(fc.oneof(fc.string({ maxLength: 80 }), fc.constant(WHSEC), fc.constant('whsec_!!notbase64')), { maxLength: 3 });

function expectWellFormed(verdict: unknown) {
  const parsed = verificationSchema.parse(verdict);
  expect(parsed.reason.length).toBeGreaterThan(0);
  expect(parsed.hints.every((h) => h.length > 0)).toBe(true);
}

describe('verification under hostile input', () => {
  it('returns a well-formed verdict for any headers, body and secrets', () => {
    fc.assert(
      fc.property(providerId, headers, body, secrets, fc.boolean(), (id, hs, bytes, keys, truncated) => {
        expectWellFormed(verifyWithProfile(id, { headers: hs, body: bytes, receivedAtMs: NOW_MS, truncated }, keys));
      }),
      RUNS,
    );
  });

  it.each(HOSTILE_BODIES.map((b, i) => [i, b] as const))('returns a verdict for hostile body #%i with every provider\'s headers', (_i, bytes) => {
    const wrong = KNOWN_NAMES.map((name) => ({ name, value: name.toLowerCase().includes('timestamp') ? '1774008000' : 'v1,abc t=1,v1=ab sha256=ab' }));
    for (const p of PROVIDERS) {
      expectWellFormed(verifyWithProfile(p.id, { headers: wrong, body: bytes, receivedAtMs: NOW_MS }, ['secret', WHSEC]));
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 60_000);

  it.each(HMAC_SPECS)('parses any %s signature header value without throwing', (_id, spec: Extract<SignatureSpec, { kind: 'hmac' }>) => {
    fc.assert(
      fc.property(headerValue, (value) => {
        const parsed = parseSignatureHeader(spec, value);
        expect(parsed.signatures.every((s) => typeof s === 'string')).toBe(true);
        if (parsed.malformed !== undefined) expect(parsed.malformed.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('keeps a correct signature valid among random extra headers in odd case', () => {
    const signers = PROVIDERS.filter((p) => p.signature.kind === 'hmac');
    fc.assert(
      fc.property(fc.constantFrom(...signers), body, headers, (spec, bytes, noise) => {
        const secret = spec.signature.kind === 'hmac' && spec.signature.secretEncoding !== 'utf8' ? WHSEC : 'a-secret-0123456789';
        const signed = signRequest(spec, bytes, secret, { nowMs: NOW_MS, id: 'msg_hostile' });
        const taken = new Set([...signingHeaderNames(spec), ...(spec.signature.kind === 'hmac' && spec.signature.legacy ? [spec.signature.legacy.header] : [])].map((n) => n.toLowerCase()));
        const extra: HeaderField[] = noise.filter((h) => !taken.has(h.name.toLowerCase()));
        const verdict = verifyWithProfile(spec.id, { headers: [...extra, ...signed], body: bytes, receivedAtMs: NOW_MS }, [secret]);
        expect(verdict.status).toBe('valid');
      }),
      RUNS,
    );
  });
});
