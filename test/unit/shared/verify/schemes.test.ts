// Verdicts for the built-in schemes beyond the SDK round trips: published test vectors, tampering,
// the timestamp window in both directions, rotation (several signatures, several secrets), and
// GitHub's legacy SHA-1 header.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWithProfile } from '../../../../shared/providers/registry.js';
import {
  BODY,
  MIN_MS,
  OLD_STRIPE_SECRET,
  OLD_WHSEC,
  STRIPE_SECRET,
  WHSEC,
  headerOf,
  replaceHeader,
  request,
  signedBy,
} from '../providers/scheme-fixtures.js';

const hmacHex = (algorithm: string, secret: string, payload: string | Buffer) => createHmac(algorithm, secret).update(payload).digest('hex');
const hmacBase64 = (secret: string, payload: string | Buffer) => createHmac('sha256', secret).update(payload).digest('base64');
const tampered = Buffer.from(BODY.toString('utf8').replace('usr_1', 'usr_2'), 'utf8');

describe('GitHub', () => {
  const vectorBody = Buffer.from('Hello, World!', 'utf8');
  const vectorSecret = "It's a Secret to Everybody";
  const vectorSignature = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

  it("accepts GitHub's published test vector", () => {
    const verdict = verifyWithProfile('github', request([{ name: 'X-Hub-Signature-256', value: vectorSignature }], vectorBody), [vectorSecret]);
    expect(verdict).toMatchObject({ status: 'valid', provider: 'github' });
  });

  it("signs GitHub's published test vector exactly", () => {
    expect(headerOf(signedBy('github', vectorSecret, { body: vectorBody }), 'X-Hub-Signature-256')).toBe(vectorSignature);
  });

  it('rejects the test vector signature over a tampered body, saying it is a mismatch', () => {
    const verdict = verifyWithProfile('github', request([{ name: 'X-Hub-Signature-256', value: vectorSignature }], Buffer.from('Hello, World?')), [vectorSecret]);
    expect(verdict.status).toBe('invalid');
    expect(verdict.reason).toMatch(/Signature mismatch: X-Hub-Signature-256/);
  });

  it('verifies a request carrying only the legacy X-Hub-Signature with SHA-1 and says it is legacy', () => {
    const headers = [{ name: 'X-Hub-Signature', value: `sha1=${hmacHex('sha1', 'octo', BODY)}` }];
    const verdict = verifyWithProfile('github', request(headers), ['octo']);
    expect(verdict.status).toBe('valid');
    expect(verdict.reason).toMatch(/^Legacy SHA-1 signature only/);
    expect(verdict.hints.join(' ')).toMatch(/legacy X-Hub-Signature \(HMAC-SHA-1\).*X-Hub-Signature-256/);
  });

  it('reports a wrong legacy SHA-1 signature as invalid, still naming the legacy scheme', () => {
    const headers = [{ name: 'X-Hub-Signature', value: `sha1=${hmacHex('sha1', 'other', BODY)}` }];
    const verdict = verifyWithProfile('github', request(headers), ['octo']);
    expect(verdict.status).toBe('invalid');
    expect(verdict.reason).toMatch(/^Legacy SHA-1 signature only: Signature mismatch/);
  });

  it('recognises a request with only the legacy header as GitHub', () => {
    const headers = [{ name: 'X-Hub-Signature', value: `sha1=${hmacHex('sha1', 'octo', BODY)}` }];
    expect(verifyWithProfile(null, request(headers), ['octo'])).toMatchObject({ status: 'valid', provider: 'github', detected: true });
  });

  it('checks X-Hub-Signature-256 and ignores the legacy header when both arrive', () => {
    const headers = [
      { name: 'X-Hub-Signature', value: 'sha1=0000000000000000000000000000000000000000' },
      { name: 'X-Hub-Signature-256', value: `sha256=${hmacHex('sha256', 'octo', BODY)}` },
    ];
    const verdict = verifyWithProfile('github', request(headers), ['octo']);
    expect(verdict.status).toBe('valid');
    expect(verdict.reason).not.toMatch(/Legacy/);
  });
});

describe('Slack', () => {
  const secret = '8f742231b10e8888abcd99yyyzzz85a5';

  it('accepts v0= over "v0:<timestamp>:<body>" computed independently', () => {
    const nowMs = Date.now();
    const ts = String(Math.floor(nowMs / 1000));
    const headers = [
      { name: 'X-Slack-Request-Timestamp', value: ts },
      { name: 'X-Slack-Signature', value: `v0=${hmacHex('sha256', secret, `v0:${ts}:${BODY.toString('utf8')}`)}` },
    ];
    expect(verifyWithProfile('slack', request(headers, BODY, nowMs), [secret])).toMatchObject({ status: 'valid', provider: 'slack' });
  });

  it('rejects a tampered body', () => {
    expect(verifyWithProfile('slack', request(signedBy('slack', secret), tampered), [secret]).status).toBe('invalid');
  });

  it('rejects a timestamp 6 minutes old, saying by how much', () => {
    const nowMs = Date.now();
    const verdict = verifyWithProfile('slack', request(signedBy('slack', secret, { nowMs: nowMs - 6 * MIN_MS }), BODY, nowMs), [secret]);
    expect(verdict.status).toBe('invalid');
    expect(verdict.reason).toBe('The timestamp is 6 min old, outside the ±5 min tolerance.');
  });
});

describe('Shopify', () => {
  const secret = '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';

  it('accepts a base64 HMAC-SHA256 of the raw body computed independently', () => {
    const headers = [{ name: 'X-Shopify-Hmac-Sha256', value: hmacBase64(secret, BODY) }, { name: 'X-Shopify-Topic', value: 'orders/create' }];
    expect(verifyWithProfile('shopify', request(headers), [secret])).toMatchObject({ status: 'valid', provider: 'shopify' });
  });

  it('rejects a tampered body', () => {
    const headers = [{ name: 'X-Shopify-Hmac-Sha256', value: hmacBase64(secret, BODY) }];
    expect(verifyWithProfile('shopify', request(headers, tampered), [secret]).status).toBe('invalid');
  });

  it('names a hex digest sent where base64 is expected', () => {
    const headers = [{ name: 'X-Shopify-Hmac-Sha256', value: hmacHex('sha256', secret, BODY) }];
    const verdict = verifyWithProfile('shopify', request(headers), [secret]);
    expect(verdict.status).toBe('invalid');
    expect(verdict.hints.join(' ')).toMatch(/hex-encoded where this scheme expects base64/);
  });
});

describe.each([
  ['standard-webhooks', WHSEC, OLD_WHSEC, 'webhook-signature'],
  ['svix', WHSEC, OLD_WHSEC, 'svix-signature'],
  ['stripe', STRIPE_SECRET, OLD_STRIPE_SECRET, 'Stripe-Signature'],
])('%s timestamps and rotation', (providerId, secret, oldSecret, signatureHeader) => {
  const at = (offsetMs: number) => {
    const nowMs = Date.now();
    return { nowMs, headers: signedBy(providerId, secret, { nowMs: nowMs + offsetMs }) };
  };

  it('accepts a timestamp 4 minutes old', () => {
    const { nowMs, headers } = at(-4 * MIN_MS);
    expect(verifyWithProfile(providerId, request(headers, BODY, nowMs), [secret]).status).toBe('valid');
  });

  it('rejects a timestamp 10 minutes old, saying by how much and the window', () => {
    const { nowMs, headers } = at(-10 * MIN_MS);
    const verdict = verifyWithProfile(providerId, request(headers, BODY, nowMs), [secret]);
    expect(verdict.status).toBe('invalid');
    expect(verdict.reason).toBe('The timestamp is 10 min old, outside the ±5 min tolerance.');
  });

  it('rejects a timestamp 7 minutes in the future, saying by how much', () => {
    const { nowMs, headers } = at(7 * MIN_MS);
    const verdict = verifyWithProfile(providerId, request(headers, BODY, nowMs), [secret]);
    expect(verdict.status).toBe('invalid');
    expect(verdict.reason).toBe('The timestamp is 7 min in the future, outside the ±5 min tolerance.');
  });

  it('rejects a tampered body as a signature mismatch', () => {
    const { nowMs, headers } = at(0);
    const verdict = verifyWithProfile(providerId, request(headers, tampered, nowMs), [secret]);
    expect(verdict.status).toBe('invalid');
    expect(verdict.reason).toMatch(/^Signature mismatch/);
  });

  it('accepts a header carrying the old and the new signature with only the new secret set', () => {
    const nowMs = Date.now();
    const current = headerOf(signedBy(providerId, secret, { nowMs }), signatureHeader);
    const previous = headerOf(signedBy(providerId, oldSecret, { nowMs }), signatureHeader);
    const both = providerId === 'stripe' ? `${previous},${current.split(',')[1]}` : `${previous} ${current}`;
    const headers = replaceHeader(signedBy(providerId, secret, { nowMs }), signatureHeader, both);
    const verdict = verifyWithProfile(providerId, request(headers, BODY, nowMs), [secret]);
    expect(verdict).toMatchObject({ status: 'valid', hints: [] });
  });

  it('accepts a signature made with the previous secret and says the sender still uses it', () => {
    const nowMs = Date.now();
    const verdict = verifyWithProfile(providerId, request(signedBy(providerId, oldSecret, { nowMs }), BODY, nowMs), [secret, oldSecret]);
    expect(verdict.status).toBe('valid');
    expect(verdict.hints.join(' ')).toMatch(/previous secret \(rotation\)/);
  });

  it('rejects a signature made with the previous secret once it is no longer set', () => {
    const nowMs = Date.now();
    const verdict = verifyWithProfile(providerId, request(signedBy(providerId, oldSecret, { nowMs }), BODY, nowMs), [secret]);
    expect(verdict.status).toBe('invalid');
  });

  it('shows the expected and received signatures, the signed string and the scheme as evidence', () => {
    const { nowMs, headers } = at(0);
    const verdict = verifyWithProfile(providerId, request(headers, tampered, nowMs), [secret]);
    expect(verdict.evidence).toMatchObject({ header: signatureHeader, received: headerOf(headers, signatureHeader) });
    expect(verdict.evidence?.expected).toMatch(/^[0-9a-f]{64}$|^[A-Za-z0-9+/]{43}=$/);
    expect(verdict.evidence?.signedPayloadPreview).toContain('usr_2');
    expect(verdict.evidence?.scheme).toMatch(/^HMAC-SHA256/);
  });
});
