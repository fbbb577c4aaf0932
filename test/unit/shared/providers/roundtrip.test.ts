// Every built-in provider is plain data: written out as JSON and read back through the schema, it is
// the same spec and gives the same verdicts on the same vectors. This is what lets users copy a
// built-in profile into a file and edit it.
import { describe, expect, it } from 'vitest';
import { listProviders } from '../../../../shared/providers/registry.js';
import { providerSpecSchema, type ProviderSpec } from '../../../../shared/providers/spec.js';
import { signRequest } from '../../../../shared/verify/sign.js';
import { verifyRequest } from '../../../../shared/verify/verify.js';
import { BODY, MIN_MS, WHSEC } from './scheme-fixtures.js';

const NOW_MS = Date.UTC(2026, 2, 20, 12, 0, 0);
const secretFor = (spec: ProviderSpec) => (spec.signature.kind === 'hmac' && spec.signature.secretEncoding !== 'utf8' ? WHSEC : 'rt-secret-0123456789');
const viaJson = (spec: ProviderSpec) => providerSpecSchema.parse(JSON.parse(JSON.stringify(spec)));

describe.each(listProviders().map((spec) => [spec.id, spec] as const))('%s as plain JSON', (_id, spec) => {
  const copy = viaJson(spec);
  const secret = secretFor(spec);
  const vectors = {
    'a valid request': { body: BODY, receivedAtMs: NOW_MS, secrets: [secret] },
    'a tampered body': { body: Buffer.from(`${BODY.toString('utf8')} `), receivedAtMs: NOW_MS, secrets: [secret] },
    'a request checked 10 minutes late': { body: BODY, receivedAtMs: NOW_MS + 10 * MIN_MS, secrets: [secret] },
    'a wrong secret': { body: BODY, receivedAtMs: NOW_MS, secrets: ['not-it'] },
  };

  it('parses back to the same spec', () => {
    expect(copy).toEqual(spec);
  });

  it('signs exactly as the original does', () => {
    const ctx = { nowMs: NOW_MS, id: 'msg_roundtrip' };
    expect(signRequest(copy, BODY, secret, ctx)).toEqual(signRequest(spec, BODY, secret, ctx));
  });

  it.each(Object.entries(vectors))('gives the original verdict on %s', (_name, vector) => {
    const headers = signRequest(spec, BODY, secret, { nowMs: NOW_MS, id: 'msg_roundtrip' });
    const req = { headers, body: vector.body, receivedAtMs: vector.receivedAtMs };
    expect(verifyRequest(copy, req, { secrets: vector.secrets })).toEqual(verifyRequest(spec, req, { secrets: vector.secrets }));
  });

  it('verifies as valid what the original signs', () => {
    const headers = signRequest(spec, BODY, secret, { nowMs: NOW_MS });
    expect(verifyRequest(copy, { headers, body: BODY, receivedAtMs: NOW_MS }, { secrets: [secret] }).status).toBe('valid');
  });
});
