// Signature vectors shared by the three HMAC seed providers (AgileTune, Almirant, Workspace): every
// request is signed with node:crypto from the provider's document, never with shared/verify/sign.ts.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWithProfile } from '../../../../shared/providers/registry.js';
import {
  AGILETUNE,
  ALMIRANT,
  HMAC_SEEDS,
  RECEIVED_AT_MS,
  SPACED_JSON,
  TRICKY_BODIES,
  WORKSPACE,
  findHint,
  named,
  flipByte,
  hmacSha256,
  requestWithSignature,
  reserialised,
  signedRequest,
  unsignedRequest,
} from '../../../fixtures/seed-signers.js';

const SECRET = 'whk_9f8e7d6c5b4a39281706';
const body = Buffer.from('{"event":"task.updated","timestamp":"2026-03-20T12:00:00Z","data":{"id":"tsk_abc123"}}', 'utf8');

describe.each(named(HMAC_SEEDS))('%s signature vectors', (_name, seed) => {
  const verify = (req: ReturnType<typeof signedRequest>, secrets: string[] = [SECRET]) => verifyWithProfile(seed.id, req, secrets);
  const withDigest = (b: Buffer, digest: string) => requestWithSignature(seed, b, seed.format(digest));

  describe('verdicts', () => {
    it('accepts a signature computed independently over the raw body', () => {
      expect(verify(signedRequest(seed, body, SECRET))).toMatchObject({ status: 'valid', provider: seed.id });
    });

    it('names the signature header in the reason of a valid verdict', () => {
      expect(verify(signedRequest(seed, body, SECRET)).reason).toContain(seed.header);
    });

    it('gives no hints with a valid verdict', () => {
      expect(verify(signedRequest(seed, body, SECRET)).hints).toEqual([]);
    });

    it('does not mark the provider as detected when the endpoint names it', () => {
      expect(verify(signedRequest(seed, body, SECRET)).detected).toBeUndefined();
    });

    it('finds the signature header whatever the case of its name', () => {
      const req = signedRequest(seed, body, SECRET);
      const lowered = { ...req, headers: req.headers.map((h) => ({ name: h.name.toLowerCase(), value: h.value })) };
      expect(verify(lowered).status).toBe('valid');
    });

    it('rejects a signature made with another secret', () => {
      expect(verify(signedRequest(seed, body, 'someone-elses-secret')).status).toBe('invalid');
    });

    it('suggests the secret differs when a signature was made with another secret', () => {
      const v = verify(signedRequest(seed, body, 'someone-elses-secret'));
      findHint(v.hints, /secret/i, /differ/i);
    });

    it('says what failed in the reason of a mismatch', () => {
      const v = verify(signedRequest(seed, body, 'someone-elses-secret'));
      expect(v.reason).toMatch(/mismatch/i);
      expect(v.reason).toContain(seed.header);
    });

    it('shows the expected and received values as evidence of a mismatch', () => {
      const sent = seed.format(hmacSha256('someone-elses-secret', body));
      const v = verify(requestWithSignature(seed, body, sent));
      expect(v.evidence).toMatchObject({ header: seed.header, received: sent, expected: hmacSha256(SECRET, body) });
    });

    it('reports unsigned when the signature header is missing', () => {
      const v = verify(unsignedRequest(body, seed.extraHeaders()));
      expect(v).toMatchObject({ status: 'unsigned', provider: seed.id });
      expect(v.reason).toContain(seed.header);
    });

    it('reports no-secret when the header is present but no secret is configured', () => {
      expect(verify(signedRequest(seed, body, SECRET), []).status).toBe('no-secret');
    });

    it('treats an empty configured secret as no secret', () => {
      expect(verify(signedRequest(seed, body, SECRET), ['']).status).toBe('no-secret');
    });

    it('rejects a body tampered with after signing', () => {
      const signed = signedRequest(seed, body, SECRET);
      const tampered = { ...signed, body: Buffer.from(body.toString('utf8').replace('tsk_abc123', 'tsk_abc124'), 'utf8') };
      expect(verify(tampered).status).toBe('invalid');
    });

    it('rejects a body with one extra byte appended after signing', () => {
      const signed = signedRequest(seed, body, SECRET);
      expect(verify({ ...signed, body: Buffer.concat([body, Buffer.from(' ')]) }).status).toBe('invalid');
    });

    it('accepts a signature made with a previous secret during a rotation, and says so', () => {
      const v = verify(signedRequest(seed, body, 'old-secret'), [SECRET, 'old-secret']);
      expect(v.status).toBe('valid');
      findHint(v.hints, /previous secret/i);
    });

    it('warns that a body cut at the size limit cannot be checked', () => {
      const signed = signedRequest(seed, body, SECRET);
      const v = verify({ ...signed, body: body.subarray(0, 20), truncated: true });
      expect(v.status).toBe('invalid');
      findHint(v.hints, /size limit/i);
    });
  });

  describe('tricky bodies signed over their exact bytes', () => {
    it.each(TRICKY_BODIES)('accepts a body with %s', (_description, tricky) => {
      expect(verify(signedRequest(seed, tricky, SECRET)).status).toBe('valid');
    });

    it.each(TRICKY_BODIES.filter(([, b]) => b.length > 0))('rejects a body with %s once one byte is changed', (_description, tricky) => {
      const signed = signedRequest(seed, tricky, SECRET);
      expect(verify({ ...signed, body: flipByte(tricky, tricky.length - 1) }).status).toBe('invalid');
    });

    it('rejects invalid UTF-8 bytes once a string round trip has replaced them with U+FFFD', () => {
      const invalidUtf8 = TRICKY_BODIES.find(([d]) => d === 'invalid UTF-8 bytes')![1];
      const signed = signedRequest(seed, invalidUtf8, SECRET);
      expect(verify({ ...signed, body: Buffer.from(invalidUtf8.toString('utf8'), 'utf8') }).status).toBe('invalid');
    });

    it('accepts a non-ASCII secret used as its UTF-8 bytes', () => {
      expect(verify(signedRequest(seed, body, 'sécret-🔑'), ['sécret-🔑']).status).toBe('valid');
    });
  });

  describe('hints for classic mistakes', () => {
    it('names re-serialised JSON when the signature covers JSON.stringify(JSON.parse(body))', () => {
      const v = verify(withDigest(SPACED_JSON, hmacSha256(SECRET, reserialised(SPACED_JSON))));
      expect(v.status).toBe('invalid');
      findHint(v.hints, /re-?seriali[sz]ed/i, /raw/i);
    });

    it('names hex vs base64 when the digest is base64-encoded', () => {
      const v = verify(withDigest(body, hmacSha256(SECRET, body, 'base64')));
      expect(v.status).toBe('invalid');
      findHint(v.hints, /base64/i, /hex/i);
    });

    it('names uppercase hex when the digest is in capitals', () => {
      const v = verify(withDigest(body, hmacSha256(SECRET, body).toUpperCase()));
      expect(v.status).toBe('invalid');
      findHint(v.hints, /uppercase/i);
    });

    it('names a trailing newline added to the signed payload but not sent', () => {
      const v = verify(withDigest(body, hmacSha256(SECRET, Buffer.concat([body, Buffer.from('\n')]))));
      expect(v.status).toBe('invalid');
      findHint(v.hints, /trailing newline/i);
    });

    it('names a final newline that was sent but left out of the signed payload', () => {
      const sent = Buffer.concat([body, Buffer.from('\n')]);
      const v = verify(withDigest(sent, hmacSha256(SECRET, body)));
      expect(v.status).toBe('invalid');
      findHint(v.hints, /newline/i);
    });

    it.each([
      ['a trailing newline', `${SECRET}\n`],
      ['a trailing CRLF', `${SECRET}\r\n`],
      ['surrounding spaces', `  ${SECRET}  `],
      ['a leading tab', `\t${SECRET}`],
    ])('names whitespace around the configured secret (%s) when the sender used the trimmed secret', (_description, configured) => {
      const v = verify(signedRequest(seed, body, SECRET), [configured]);
      expect(v.status).toBe('invalid');
      findHint(v.hints, /whitespace/i, /trim/i);
    });

    it('names a trailing newline on the sender\'s secret when the configured secret is clean', () => {
      const v = verify(signedRequest(seed, body, `${SECRET}\n`), [SECRET]);
      expect(v.status).toBe('invalid');
      findHint(v.hints, /secret/i, /newline/i);
    });

    it('names the body decoded as latin1 and re-encoded as UTF-8 before signing', () => {
      const utf8 = Buffer.from('{"name":"Zoë"}', 'utf8');
      const v = verify(withDigest(utf8, hmacSha256(SECRET, Buffer.from(utf8.toString('latin1'), 'utf8'))));
      expect(v.status).toBe('invalid');
      findHint(v.hints, /latin1/i);
    });

    it('names HMAC-SHA1 used instead of HMAC-SHA256', () => {
      const v = verify(withDigest(body, createHmac('sha1', SECRET).update(body).digest('hex')));
      expect(v.status).toBe('invalid');
      findHint(v.hints, /SHA1/i);
    });
  });

  describe('empty signature header', () => {
    it('rejects an empty signature header, saying it is empty', () => {
      const v = verify(requestWithSignature(seed, body, ''));
      expect(v.status).toBe('invalid');
      expect(v.reason).toMatch(/empty/i);
    });

    it('does not blame the secret for an empty signature header', () => {
      const v = verify(requestWithSignature(seed, body, '  '));
      expect(v.hints.some((h) => /secret/i.test(h))).toBe(false);
    });
  });

  describe('length mismatches in the comparison', () => {
    it.each([
      ['an empty value', ''],
      ['a short value', 'abc'],
      ['half a digest', hmacSha256(SECRET, body).slice(0, 32)],
      ['a digest with one extra character', `${hmacSha256(SECRET, body)}0`],
      ['a very long value (100 000 characters)', 'a'.repeat(100_000)],
      ['64 characters that are 128 bytes in UTF-8', 'é'.repeat(64)],
      ['a value with control characters', '\u0000\u0001\u007f'],
    ])('returns invalid rather than throwing for %s', (_description, value) => {
      const req = requestWithSignature(seed, body, seed.format(value));
      let v: ReturnType<typeof verify> | undefined;
      expect(() => {
        v = verify(req);
      }).not.toThrow();
      expect(v?.status).toBe('invalid');
    });
  });
});

describe.each(named([AGILETUNE, ALMIRANT]))('%s, a scheme without a prefix', (_name, seed) => {
  it('names a sha256= prefix added where the scheme has none', () => {
    const v = verifyWithProfile(seed.id, requestWithSignature(seed, body, `sha256=${hmacSha256(SECRET, body)}`), [SECRET]);
    expect(v.status).toBe('invalid');
    findHint(v.hints, /sha256=/, /prefix/i);
  });

  it('does not call a prefixed signature a secret mismatch', () => {
    const v = verifyWithProfile(seed.id, requestWithSignature(seed, body, `sha256=${hmacSha256(SECRET, body)}`), [SECRET]);
    expect(v.hints.some((h) => /secret/i.test(h))).toBe(false);
  });

  it('ignores X-Webhook-* headers: they are not part of this scheme', () => {
    const req = signedRequest(seed, body, SECRET);
    const v = verifyWithProfile(seed.id, { ...req, headers: [...req.headers, ...WORKSPACE.extraHeaders()] }, [SECRET]);
    expect(v.status).toBe('valid');
  });

  it('does not check any timestamp, so an old capture still verifies', () => {
    const req = signedRequest(seed, body, SECRET);
    const v = verifyWithProfile(seed.id, { ...req, receivedAtMs: RECEIVED_AT_MS + 365 * 24 * 3600 * 1000 }, [SECRET]);
    expect(v.status).toBe('valid');
  });
});
