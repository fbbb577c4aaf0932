// Two findings the doctor used to file under "the secret is most likely different": a signature that
// cannot be this scheme's at all (wrong length), and a sender whose copy of the secret carries
// whitespace. Each mistake is made on the sender's side with node:crypto.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Verification } from '../../../../shared/domain.js';
import { verifyWithProfile } from '../../../../shared/providers/registry.js';
import { BODY, STRIPE_SECRET, WHSEC, replaceHeader, request, signedBy } from '../providers/scheme-fixtures.js';

const SECRET = 'octo-secret-42';
const hex = (key: string, payload: string | Buffer, algorithm = 'sha256') => createHmac(algorithm, key).update(payload).digest('hex');
const github = (value: string, secrets: string[] = [SECRET]) =>
  verifyWithProfile('github', request([{ name: 'X-Hub-Signature-256', value }], BODY), secrets);
const agiletune = (value: string) => verifyWithProfile('agiletune', request([{ name: 'X-AgileTune-Signature', value }], BODY), [SECRET]);
const hints = (verdict: Verification) => verdict.hints.join('\n');
const SECRET_DIFFERENT = /secret is most likely different/;

describe('a signature of the wrong length', () => {
  it('is named for a hex scheme, with the length expected and the length received', () => {
    const verdict = github('sha256=deadbeef');
    expect(verdict.status).toBe('invalid');
    expect(hints(verdict)).toMatch(/wrong length: expected 64 hex characters \(HMAC-SHA-256\), got 8/);
    expect(hints(verdict)).not.toMatch(SECRET_DIFFERENT);
  });

  it('is named for a scheme without a prefix', () => {
    expect(hints(agiletune('deadbeef'))).toMatch(/wrong length: expected 64 hex characters/);
  });

  it('is named inside Stripe\'s t=…,v1=… header', () => {
    const ts = Math.floor(Date.now() / 1000);
    const verdict = verifyWithProfile('stripe', request([{ name: 'Stripe-Signature', value: `t=${ts},v1=deadbeef` }], BODY), [STRIPE_SECRET]);
    expect(hints(verdict)).toMatch(/wrong length: expected 64 hex characters/);
  });

  it('is counted in base64 characters for a base64 scheme', () => {
    const headers = replaceHeader(signedBy('standard-webhooks', WHSEC), 'webhook-signature', 'v1,AAAA');
    const verdict = verifyWithProfile('standard-webhooks', request(headers), [WHSEC]);
    expect(hints(verdict)).toMatch(/wrong length: expected 44 base64 characters \(HMAC-SHA-256\), got 4/);
  });

  it('points at another algorithm when the length is that algorithm\'s', () => {
    const verdict = github(`sha256=${hex('someone-else', BODY, 'sha1')}`);
    expect(hints(verdict)).toMatch(/expected 64 hex characters .* got 40\. 40 is the length of an HMAC-SHA-1 signature/);
  });

  it('is not claimed for a digest of the right length made with another secret', () => {
    const verdict = github(`sha256=${hex('someone-else', BODY)}`);
    expect(hints(verdict)).toMatch(SECRET_DIFFERENT);
    expect(hints(verdict)).not.toMatch(/wrong length/);
  });

  it('is not claimed for unpadded base64 of the right digest length', () => {
    const headers = signedBy('standard-webhooks', 'whsec_QGY0QWNYMDhUa1BqM3hnWGtGN2tqMjdr');
    const unpadded = headers.map((h) => (h.name === 'webhook-signature' ? { ...h, value: h.value.replace(/=+$/, '') } : h));
    const verdict = verifyWithProfile('standard-webhooks', request(unpadded), [WHSEC]);
    expect(verdict.status).toBe('invalid');
    expect(hints(verdict)).not.toMatch(/wrong length/);
  });
});

describe('whitespace around the sender\'s copy of the secret', () => {
  it.each([
    ['a trailing space', `${SECRET} `, /plus a trailing space/],
    ['a leading space', ` ${SECRET}`, /plus a leading space/],
    ['a trailing CRLF', `${SECRET}\r\n`, /plus a trailing CRLF/],
    ['a trailing tab', `${SECRET}\t`, /plus a trailing tab/],
    ['a trailing newline', `${SECRET}\n`, /plus a trailing newline/],
  ])('is named when the sender signed with %s', (_what, sendersSecret, named) => {
    const verdict = github(`sha256=${hex(sendersSecret, BODY)}`);
    expect(verdict.status).toBe('invalid');
    expect(hints(verdict)).toMatch(named);
    expect(hints(verdict)).not.toMatch(SECRET_DIFFERENT);
  });

  it('says the whitespace is on the sender\'s side and how to fix it', () => {
    expect(hints(github(`sha256=${hex(` ${SECRET}`, BODY)}`))).toMatch(/sender's copy of the secret has surrounding whitespace.*Trim the secret where the sender loads it/);
  });
});
