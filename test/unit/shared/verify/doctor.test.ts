// The signature doctor, one classic mistake per test: each test makes the mistake on the sender's
// side with node:crypto, and checks the verdict names it (and so the fix) in a hint.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HeaderField, Verification } from '../../../../shared/domain.js';
import { verifyWithProfile } from '../../../../shared/providers/registry.js';
import { BODY, MIN_MS, STRIPE_SECRET, WHSEC, headerOf, replaceHeader, request, signedBy } from '../providers/scheme-fixtures.js';

const SECRET = 'octo-secret-42';
const hmac = (key: string | Buffer, payload: string | Buffer, algorithm = 'sha256') => createHmac(algorithm, key).update(payload).digest();
const github = (value: string, body: Buffer = BODY, secrets: string[] = [SECRET]) =>
  verifyWithProfile('github', request([{ name: 'X-Hub-Signature-256', value }], body, Date.now()), secrets);
const hints = (verdict: Verification) => verdict.hints.join('\n');

/** A Standard Webhooks request whose signature the test computes itself from `key` and `payload`. */
function standardWebhooks(key: Buffer, build: (id: string, ts: string) => string, format = (sig: string) => `v1,${sig}`) {
  const nowMs = Date.now();
  const ts = String(Math.floor(nowMs / 1000));
  const headers: HeaderField[] = [
    { name: 'webhook-id', value: 'msg_doc_1' },
    { name: 'webhook-timestamp', value: ts },
    { name: 'webhook-signature', value: format(hmac(key, build('msg_doc_1', ts)).toString('base64')) },
  ];
  return verifyWithProfile('standard-webhooks', request(headers, BODY, nowMs), [WHSEC]);
}
const whsecKey = Buffer.from(WHSEC.slice('whsec_'.length), 'base64');
const swPayload = (id: string, ts: string) => `${id}.${ts}.${BODY.toString('utf8')}`;

function stripe(key: string | Buffer, secrets: string[] = [STRIPE_SECRET]) {
  const nowMs = Date.now();
  const ts = Math.floor(nowMs / 1000);
  const value = `t=${ts},v1=${hmac(key, `${ts}.${BODY.toString('utf8')}`).toString('hex')}`;
  return verifyWithProfile('stripe', request([{ name: 'Stripe-Signature', value }], BODY, nowMs), secrets);
}

describe('the signature doctor names', () => {
  it('a signature over re-serialised JSON', () => {
    const spaced = Buffer.from('{"action": "opened", "number": 1347, "sender": {"login": "octocat"}}');
    const verdict = github(`sha256=${hmac(SECRET, JSON.stringify(JSON.parse(spaced.toString()))).toString('hex')}`, spaced);
    expect(verdict.status).toBe('invalid');
    expect(hints(verdict)).toMatch(/re-serialised JSON \(JSON\.stringify\(JSON\.parse\(body\)\)\).*raw request body/);
  });

  it('a signature over re-serialised JSON with its keys reordered', () => {
    const body = Buffer.from('{"number":1347,"action":"opened"}');
    const verdict = github(`sha256=${hmac(SECRET, '{"action":"opened","number":1347}').toString('hex')}`, body);
    expect(hints(verdict)).toMatch(/keys reordered/);
  });

  it('a signature over pretty-printed JSON', () => {
    const verdict = github(`sha256=${hmac(SECRET, JSON.stringify(JSON.parse(BODY.toString()), null, 2)).toString('hex')}`);
    expect(hints(verdict)).toMatch(/pretty-printed JSON/);
  });

  it('a missing sha256= prefix, with the digest itself right', () => {
    const verdict = github(hmac(SECRET, BODY).toString('hex'));
    expect(verdict.status).toBe('invalid');
    expect(verdict.reason).toMatch(/lacks the sha256= prefix/);
    expect(hints(verdict)).toMatch(/send X-Hub-Signature-256: sha256=<signature>/);
  });

  it('a sha1= prefix where sha256= is expected', () => {
    const verdict = github(`sha1=${hmac(SECRET, BODY).toString('hex')}`);
    expect(hints(verdict)).toMatch(/carries sha1= where this scheme expects sha256=/);
  });

  it('a Standard Webhooks signature without its v1, tag', () => {
    const verdict = standardWebhooks(whsecKey, swPayload, (sig) => sig);
    expect(verdict.reason).toMatch(/Malformed webhook-signature/);
    expect(hints(verdict)).toMatch(/lacks the v1, prefix: send webhook-signature: v1,<base64 signature>/);
  });

  it('a Standard Webhooks signature tagged v1= instead of v1,', () => {
    const verdict = standardWebhooks(whsecKey, swPayload, (sig) => `v1=${sig}`);
    expect(hints(verdict)).toMatch(/carries v1= where this scheme expects v1,/);
  });

  it('a base64 digest where hex is expected', () => {
    expect(hints(github(`sha256=${hmac(SECRET, BODY).toString('base64')}`))).toMatch(/base64-encoded where this scheme expects hex/);
  });

  it('a hex digest where base64 is expected', () => {
    const verdict = standardWebhooks(whsecKey, swPayload, (sig) => `v1,${Buffer.from(sig, 'base64').toString('hex')}`);
    expect(hints(verdict)).toMatch(/hex-encoded where this scheme expects base64/);
  });

  it('an uppercase hex digest', () => {
    expect(hints(github(`sha256=${hmac(SECRET, BODY).toString('hex').toUpperCase()}`))).toMatch(/uppercase hex/);
  });

  it('a whsec_ secret used as text instead of being decoded', () => {
    expect(hints(standardWebhooks(Buffer.from(WHSEC), swPayload))).toMatch(/secret's text itself: this scheme strips whsec_ and base64-decodes/);
  });

  it('a whsec_ secret stripped but not base64-decoded', () => {
    expect(hints(standardWebhooks(Buffer.from(WHSEC.slice(6)), swPayload))).toMatch(/base64 part of the secret as text/);
  });

  it("a Stripe whsec_ secret decoded the Standard Webhooks way, where Stripe uses it as it is", () => {
    const decoded = Buffer.from(STRIPE_SECRET.slice(6), 'base64');
    expect(hints(stripe(decoded))).toMatch(/base64-decoded secret \(whsec_ stripped and decoded.*uses the secret's text as the HMAC key/);
  });

  it('a Stripe secret used without its whsec_ prefix', () => {
    expect(hints(stripe(STRIPE_SECRET.slice(6)))).toMatch(/without its whsec_ prefix/);
  });

  it('a secret stored with a trailing newline', () => {
    expect(hints(github(`sha256=${hmac(SECRET, BODY).toString('hex')}`, BODY, [`${SECRET}\n`]))).toMatch(/whitespace or a newline/);
  });

  it('a secret signed with a trailing newline on the sender side', () => {
    const verdict = github(`sha256=${hmac(`${SECRET}\n`, BODY).toString('hex')}`);
    expect(hints(verdict)).toMatch(/secret plus a trailing newline/);
  });

  it('a trailing newline signed but not sent', () => {
    expect(hints(github(`sha256=${hmac(SECRET, Buffer.concat([BODY, Buffer.from('\n')])).toString('hex')}`))).toMatch(/plus a trailing newline that was not sent/);
  });

  it('a trailing newline sent but not signed', () => {
    const withNewline = Buffer.concat([BODY, Buffer.from('\n')]);
    expect(hints(github(`sha256=${hmac(SECRET, BODY).toString('hex')}`, withNewline))).toMatch(/without its final newline/);
  });

  it('a body decoded as latin1 before signing', () => {
    const latin1 = Buffer.from(BODY.toString('latin1'), 'utf8');
    expect(hints(github(`sha256=${hmac(SECRET, latin1).toString('hex')}`))).toMatch(/decoded as latin1/);
  });

  it('HMAC-SHA1 where HMAC-SHA256 is expected', () => {
    expect(hints(github(`sha256=${hmac(SECRET, BODY, 'sha1').toString('hex')}`))).toMatch(/HMAC-SHA1, not HMAC-SHA256/);
  });

  it('two mistakes at once: re-serialised JSON and a base64 digest', () => {
    const spaced = Buffer.from('{"action": "opened"}');
    const verdict = github(`sha256=${hmac(SECRET, '{"action":"opened"}').toString('base64')}`, spaced);
    expect(hints(verdict)).toMatch(/re-serialised JSON/);
    expect(hints(verdict)).toMatch(/base64-encoded where this scheme expects hex/);
  });

  it('a stale timestamp, with how stale, when the signature itself is right', () => {
    const nowMs = Date.now();
    const verdict = verifyWithProfile('svix', request(signedBy('svix', WHSEC, { nowMs: nowMs - 42 * MIN_MS }), BODY, nowMs), [WHSEC]);
    expect(verdict.status).toBe('invalid');
    expect(verdict.hints).toHaveLength(1);
    expect(hints(verdict)).toMatch(/signature itself is right, but it was made 42 min before the request arrived \(the window is ±5 min\)/);
  });

  it('a future timestamp, with how far ahead, as a clock problem', () => {
    const nowMs = Date.now();
    const verdict = verifyWithProfile('stripe', request(signedBy('stripe', STRIPE_SECRET, { nowMs: nowMs + 3 * 3600_000 }), BODY, nowMs), [STRIPE_SECRET]);
    expect(verdict.reason).toBe('The timestamp is 3 h in the future, outside the ±5 min tolerance.');
    expect(hints(verdict)).toMatch(/3 h ahead of this machine's clock.*NTP/);
  });

  it('a timestamp sent in milliseconds', () => {
    const nowMs = Date.now();
    const ts = String(nowMs);
    const signature = hmac(whsecKey, `msg_ms.${ts}.${BODY.toString('utf8')}`).toString('base64');
    const headers = [
      { name: 'webhook-id', value: 'msg_ms' },
      { name: 'webhook-timestamp', value: ts },
      { name: 'webhook-signature', value: `v1,${signature}` },
    ];
    expect(hints(verifyWithProfile('standard-webhooks', request(headers, BODY, nowMs), [WHSEC]))).toMatch(/in milliseconds: this scheme signs unix seconds/);
  });

  it('a stale timestamp beside a mismatch, as a second problem', () => {
    const nowMs = Date.now();
    const headers = signedBy('svix', WHSEC, { nowMs: nowMs - 20 * MIN_MS, body: Buffer.from('{"other":true}') });
    expect(hints(verifyWithProfile('svix', request(headers, BODY, nowMs), [WHSEC]))).toMatch(/timestamp is also 20 min old/);
  });

  it('a previous secret still used by the sender during a rotation', () => {
    const verdict = github(`sha256=${hmac('old-secret', BODY).toString('hex')}`, BODY, [SECRET, 'old-secret']);
    expect(verdict.status).toBe('valid');
    expect(hints(verdict)).toMatch(/previous secret \(rotation\)/);
  });

  it('an API key pasted where the whsec_ signing secret belongs', () => {
    const verdict = stripe(STRIPE_SECRET, ['sk_test_51Nv0FGQ9RKHgCVdKx']);
    expect(verdict.status).toBe('invalid');
    expect(hints(verdict)).toMatch(/looks like an API key \(sk_\/rk_\/pk_…\), not a webhook signing secret \(whsec_…\)/);
  });

  it('a Standard Webhooks secret missing its whsec_ prefix', () => {
    const headers = signedBy('standard-webhooks', WHSEC);
    const verdict = verifyWithProfile('standard-webhooks', request(headers), ['not-the-secret']);
    expect(hints(verdict)).toMatch(/start with whsec_/);
  });

  it('a different secret when no common mistake explains the signature', () => {
    expect(hints(github(`sha256=${hmac('someone-else', BODY).toString('hex')}`))).toMatch(/No common mistake reproduces.*secret is most likely different/);
  });
});

describe('the evidence of a mismatch', () => {
  it('shows the expected and received signatures, the signed string and the scheme', () => {
    const headers = signedBy('standard-webhooks', WHSEC, { id: 'msg_evidence' });
    const tamperedHeaders = replaceHeader(headers, 'webhook-signature', 'v1,AAAA');
    const verdict = verifyWithProfile('standard-webhooks', request(tamperedHeaders), [WHSEC]);
    const ts = headerOf(headers, 'webhook-timestamp');
    expect(verdict.evidence).toEqual({
      header: 'webhook-signature',
      received: 'v1,AAAA',
      expected: headerOf(headers, 'webhook-signature').slice(3),
      scheme: 'HMAC-SHA256 (base64) of "{id}.{timestamp}.{body}"',
      signedPayloadPreview: `msg_evidence.${ts}.${BODY.toString('utf8')}`,
      signatures: ['AAAA'],
      timestamp: { header: 'webhook-timestamp', value: ts, ageSec: expect.any(Number), toleranceSec: 300 },
    });
  });
});
