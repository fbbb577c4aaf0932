// Cross-provider vectors for the four seeds: detection from headers, endpoints set to the wrong
// provider, random bodies and secrets (fast-check), and signRequest checked against node:crypto.
import { createHmac, timingSafeEqual } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcParams } from '../../../support/fast-check.js';
import type { HeaderField } from '../../../../shared/domain.js';
import { requireProvider, verifyWithProfile } from '../../../../shared/providers/registry.js';
import { signRequest } from '../../../../shared/verify/sign.js';
import {
  AGILETUNE,
  ALMIRANT,
  APTLY_HEADER,
  HMAC_SEEDS,
  RECEIVED_AT_MS,
  TRICKY_BODIES,
  WORKSPACE,
  aptlyRequest,
  flipByte,
  named,
  hmacSha256,
  signedRequest,
  unsignedRequest,
} from '../../../fixtures/seed-signers.js';

const SECRET = 'whk_2c4e6a8b0d1f3e5a7c9b';
const body = Buffer.from('{"event":"task.created","data":{"id":"tsk_abc123"}}', 'utf8');
const header = (headers: readonly HeaderField[], name: string) => headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;

/** A signed request for any of the four seeds, built independently of the project. */
const SEED_REQUESTS = [
  { id: 'aptly', name: 'Aptly', sign: (b: Buffer, secret: string) => aptlyRequest(b, secret) },
  ...HMAC_SEEDS.map((seed) => ({ id: seed.id, name: seed.name, sign: (b: Buffer, secret: string) => signedRequest(seed, b, secret) })),
] as const;

describe('detection from headers when the endpoint names no provider', () => {
  it.each(named(SEED_REQUESTS))('detects %s and verifies its signature', (_name, { id, sign }) => {
    expect(verifyWithProfile(null, sign(body, SECRET), [SECRET])).toMatchObject({ status: 'valid', provider: id, detected: true });
  });

  it.each(named(SEED_REQUESTS))('detects %s from lowercased header names, as Node reports them', (_name, { id, sign }) => {
    const req = sign(body, SECRET);
    const lowered = { ...req, headers: req.headers.map((h) => ({ name: h.name.toLowerCase(), value: h.value })) };
    expect(verifyWithProfile(null, lowered, [SECRET])).toMatchObject({ provider: id, detected: true });
  });

  it.each(named(SEED_REQUESTS))('detects %s and reports a wrong secret as invalid', (_name, { id, sign }) => {
    expect(verifyWithProfile(null, sign(body, 'another-secret'), [SECRET])).toMatchObject({ status: 'invalid', provider: id, detected: true });
  });

  it.each(named(SEED_REQUESTS))('detects %s and reports no-secret when none is configured', (_name, { id, sign }) => {
    expect(verifyWithProfile(null, sign(body, SECRET), [])).toMatchObject({ status: 'no-secret', provider: id, detected: true });
  });

  it('reports a request with no known signature header as unsigned, with no provider', () => {
    expect(verifyWithProfile(null, unsignedRequest(body), [SECRET])).toMatchObject({ status: 'unsigned', provider: null });
  });

  it('detects Workspace from a bare digest and says the sha256= prefix is missing', () => {
    const req = { headers: [{ name: 'x-webhook-signature', value: hmacSha256(SECRET, body) }], body, receivedAtMs: RECEIVED_AT_MS };
    const v = verifyWithProfile(null, req, [SECRET]);
    expect(v).toMatchObject({ status: 'invalid', provider: 'workspace', detected: true });
    expect(v.reason).toContain('sha256=');
  });
});

describe('an endpoint set to one provider receiving another provider\'s headers', () => {
  const pairs = SEED_REQUESTS.flatMap((endpoint) =>
    SEED_REQUESTS.filter((sender) => sender.id !== endpoint.id).map((sender) => [sender.name, endpoint.name, sender, endpoint.id] as const),
  );

  it.each(pairs)('reports %s headers on an endpoint set to %s as unsigned', (_senderName, _endpointName, sender, endpoint) => {
    expect(verifyWithProfile(endpoint, sender.sign(body, SECRET), [SECRET])).toMatchObject({ status: 'unsigned', provider: endpoint });
  });

  it.each(pairs)('names %s in a hint when its headers reach an endpoint set to %s', (_senderName, _endpointName, sender, endpoint) => {
    const v = verifyWithProfile(endpoint, sender.sign(body, SECRET), [SECRET]);
    expect(v.hints).toContainEqual(expect.stringContaining(sender.name));
  });

  it('gives no provider hint when the request carries no known header at all', () => {
    expect(verifyWithProfile('agiletune', unsignedRequest(body), [SECRET]).hints).toEqual([]);
  });

  it('reports an unknown provider id as unsigned, naming it', () => {
    const v = verifyWithProfile('no-such-provider', signedRequest(AGILETUNE, body, SECRET), [SECRET]);
    expect(v).toMatchObject({ status: 'unsigned', provider: 'no-such-provider' });
    expect(v.reason).toContain('no-such-provider');
  });
});

describe('random bodies and secrets (property tests)', () => {
  const bodies = fc.uint8Array({ minLength: 0, maxLength: 2048 }).map((a) => Buffer.from(a));
  const nonEmptyBodies = fc.uint8Array({ minLength: 1, maxLength: 2048 }).map((a) => Buffer.from(a));
  // Any code point, so the key is the secret's UTF-8 bytes on both sides; never empty (empty = no secret).
  const secrets = fc.string({ minLength: 1, maxLength: 64, unit: 'binary' });
  // Aptly keys travel in a header: visible ASCII.
  const keys = fc.stringMatching(/^[\x21-\x7e]{1,64}$/);

  it.each(named(HMAC_SEEDS))('%s: an independently computed signature over random bytes is always valid', (_name, seed) => {
    fc.assert(
      fc.property(bodies, secrets, (b, secret) => {
        expect(verifyWithProfile(seed.id, signedRequest(seed, b, secret), [secret]).status).toBe('valid');
      }),
      fcParams({ numRuns: 200 }),
    );
  });

  it.each(named(HMAC_SEEDS))('%s: one flipped byte in a random body always makes the signature invalid', (_name, seed) => {
    fc.assert(
      fc.property(nonEmptyBodies, secrets, fc.nat(), fc.integer({ min: 1, max: 255 }), (b, secret, index, mask) => {
        const signed = signedRequest(seed, b, secret);
        expect(verifyWithProfile(seed.id, { ...signed, body: flipByte(b, index, mask) }, [secret]).status).toBe('invalid');
      }),
      fcParams({ numRuns: 200 }),
    );
  });

  it('Aptly: the right key is valid with any random body', () => {
    fc.assert(
      fc.property(bodies, keys, (b, key) => {
        expect(verifyWithProfile('aptly', aptlyRequest(b, key), [key]).status).toBe('valid');
      }),
      fcParams({ numRuns: 200 }),
    );
  });

  it('Aptly: a key with one character changed is always invalid', () => {
    fc.assert(
      fc.property(keys, fc.nat(), fc.integer({ min: 1, max: 93 }), (key, index, shift) => {
        const i = index % key.length;
        const changed = String.fromCharCode(((key.charCodeAt(i) - 0x21 + shift) % 94) + 0x21);
        const sent = key.slice(0, i) + changed + key.slice(i + 1);
        expect(verifyWithProfile('aptly', aptlyRequest(body, sent), [key]).status).toBe('invalid');
      }),
      fcParams({ numRuns: 200 }),
    );
  });
});

describe('signRequest checked against an independent HMAC', () => {
  const NOW_MS = Date.UTC(2026, 2, 20, 12, 0, 0) + 789;

  it.each(named(HMAC_SEEDS))('%s: the signature header equals the documented HMAC of the body', (_name, seed) => {
    const headers = signRequest(requireProvider(seed.id), body, SECRET, { nowMs: NOW_MS });
    expect(header(headers, seed.header)).toBe(seed.format(hmacSha256(SECRET, body)));
  });

  it.each(HMAC_SEEDS.flatMap((seed) => TRICKY_BODIES.map(([description, b]) => [seed.name, description, seed, b] as const)))(
    '%s: signs a body with %s over its exact bytes',
    (_name, _description, seed, b) => {
      const headers = signRequest(requireProvider(seed.id), b, SECRET, { nowMs: NOW_MS });
      expect(header(headers, seed.header)).toBe(seed.format(hmacSha256(SECRET, b)));
    },
  );

  it.each(named([AGILETUNE, ALMIRANT]))("%s: the document's own verify function accepts what signRequest sends", (_name, seed) => {
    const headers = signRequest(requireProvider(seed.id), body, SECRET, { nowMs: NOW_MS });
    const signature = header(headers, seed.header)!;
    // As in both documents: createHmac(...).update(payload).digest('hex'), then timingSafeEqual.
    const expected = createHmac('sha256', SECRET).update(body.toString('utf8'), 'utf8').digest('hex');
    expect(timingSafeEqual(Buffer.from(signature), Buffer.from(expected))).toBe(true);
  });

  it('Workspace: the signature header carries the sha256= prefix', () => {
    const headers = signRequest(requireProvider('workspace'), body, SECRET, { nowMs: NOW_MS });
    expect(header(headers, WORKSPACE.header)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('Workspace: a receiver that strips sha256= and hashes the raw body accepts what signRequest sends', () => {
    const headers = signRequest(requireProvider('workspace'), body, SECRET, { nowMs: NOW_MS });
    const digest = header(headers, WORKSPACE.header)!.slice('sha256='.length);
    expect(timingSafeEqual(Buffer.from(digest), Buffer.from(hmacSha256(SECRET, body)))).toBe(true);
  });

  it('Workspace: re-signing leaves X-Webhook-ID alone (it names the webhook and is not signed)', () => {
    const headers = signRequest(requireProvider('workspace'), body, SECRET, { nowMs: NOW_MS, id: 'msg_1' });
    expect(header(headers, 'X-Webhook-ID')).toBeUndefined();
  });

  it("Workspace: an event's headers carry the webhook's fixed X-Webhook-ID, the body's webhook_id", () => {
    const headers = signRequest(requireProvider('workspace'), body, SECRET, { nowMs: NOW_MS, event: 'task.created' });
    expect(header(headers, 'X-Webhook-ID')).toBe('webhook_123');
  });

  it('Workspace: X-Webhook-Timestamp is the clock in whole unix seconds', () => {
    const headers = signRequest(requireProvider('workspace'), body, SECRET, { nowMs: NOW_MS });
    expect(header(headers, 'X-Webhook-Timestamp')).toBe(String(Math.floor(NOW_MS / 1000)));
  });

  it('Aptly: x-signingKey carries the signing key itself', () => {
    const headers = signRequest(requireProvider('aptly'), body, SECRET, { nowMs: NOW_MS });
    expect(headers).toEqual([{ name: APTLY_HEADER, value: SECRET }]);
  });

  it.each(named(SEED_REQUESTS))('%s: what signRequest sends verifies as valid', (_name, { id }) => {
    const headers = signRequest(requireProvider(id), body, SECRET, { nowMs: NOW_MS });
    expect(verifyWithProfile(id, { headers, body, receivedAtMs: NOW_MS }, [SECRET]).status).toBe('valid');
  });

  it.each(named(HMAC_SEEDS))('%s: signRequest over random bytes always matches the independent HMAC', (_name, seed) => {
    const spec = requireProvider(seed.id);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1024 }), fc.string({ minLength: 1, maxLength: 64 }), (bytes, secret) => {
        const b = Buffer.from(bytes);
        expect(header(signRequest(spec, b, secret, { nowMs: NOW_MS }), seed.header)).toBe(seed.format(hmacSha256(secret, b)));
      }),
      fcParams({ numRuns: 200 }),
    );
  });

  it('flipByte changes exactly one byte (sanity check of the test helper)', () => {
    const changed = flipByte(body, 5, 0x20);
    expect(changed.length).toBe(body.length);
    expect([...changed].filter((byte, i) => byte !== body[i])).toHaveLength(1);
  });
});
