// Aptly's scheme, from its document: the Webhook Signing Key itself travels in x-signingKey and the
// handler compares it with the key from the Card Sources panel. No HMAC: the body is not protected.
import { describe, expect, it } from 'vitest';
import { verifyWithProfile } from '../../../../shared/providers/registry.js';
import { APTLY_HEADER, TRICKY_BODIES, aptlyRequest, findHint, flipByte, signedRequest, unsignedRequest, AGILETUNE } from '../../../fixtures/seed-signers.js';

const KEY = 'apk_5b1f0c9e2d7a4c38b6e1';
const card = Buffer.from('{"Name":"John Smith","Status":"New","Email":"john@example.com"}', 'utf8');
const verify = (req: ReturnType<typeof aptlyRequest>, secrets: string[] = [KEY]) => verifyWithProfile('aptly', req, secrets);

/** The document's own handler: req.headers["x-signingkey"] === signingKey. */
const documentHandlerAccepts = (headers: ReturnType<typeof aptlyRequest>['headers'], signingKey: string) =>
  headers.find((h) => h.name.toLowerCase() === 'x-signingkey')?.value === signingKey;

describe('Aptly static signing key', () => {
  describe('valid key', () => {
    it('accepts a request carrying the configured signing key', () => {
      expect(verify(aptlyRequest(card, KEY))).toMatchObject({ status: 'valid', provider: 'aptly' });
    });

    it('agrees with the document\'s own handler on the request it accepts', () => {
      const req = aptlyRequest(card, KEY);
      expect(documentHandlerAccepts(req.headers, KEY)).toBe(true);
      expect(verify(req).status).toBe('valid');
    });

    it('names the x-signingKey header in the reason', () => {
      expect(verify(aptlyRequest(card, KEY)).reason).toContain(APTLY_HEADER);
    });

    it('says in the reason that the key is a static shared secret', () => {
      expect(verify(aptlyRequest(card, KEY)).reason).toMatch(/static shared secret/i);
    });

    it('says in the reason that the body is not integrity-protected', () => {
      expect(verify(aptlyRequest(card, KEY)).reason).toMatch(/not integrity-protected/i);
    });

    it('gives no hints with a valid key', () => {
      expect(verify(aptlyRequest(card, KEY)).hints).toEqual([]);
    });

    it('finds the header whatever the case of its name (Node lowercases it to x-signingkey)', () => {
      const req = aptlyRequest(card, KEY);
      expect(verify({ ...req, headers: req.headers.map((h) => ({ name: h.name.toLowerCase(), value: h.value })) }).status).toBe('valid');
    });

    it('never shows the configured key in the evidence', () => {
      const v = verify(aptlyRequest(card, 'nope-not-the-key'));
      expect(JSON.stringify(v)).not.toContain(KEY);
    });

    it('rejects a previous key: regenerating "invalidates the old key", so there is no rotation window', () => {
      const v = verify(aptlyRequest(card, 'apk_old_key_000'), [KEY, 'apk_old_key_000']);
      expect(v.status).toBe('invalid');
      findHint(v.hints, /matches a key that was regenerated/i);
    });
  });

  describe('failures', () => {
    it('rejects a different key', () => {
      expect(verify(aptlyRequest(card, 'apk_regenerated_9999')).status).toBe('invalid');
    });

    it('suggests the key differs (regenerated in Aptly) when a different key arrives', () => {
      const v = verify(aptlyRequest(card, 'apk_regenerated_9999'));
      findHint(v.hints, /not the one set here|regenerated/i);
    });

    it('rejects a key that is a prefix of the configured key', () => {
      expect(verify(aptlyRequest(card, KEY.slice(0, 8))).status).toBe('invalid');
    });

    it('rejects an empty x-signingKey without blaming the key', () => {
      const v = verify(aptlyRequest(card, ''));
      expect(v.status).toBe('invalid');
      expect(v.reason).toMatch(/empty/i);
      expect(v.hints.some((h) => /regenerated/i.test(h))).toBe(false);
    });

    it('reports unsigned when x-signingKey is missing', () => {
      const v = verify(unsignedRequest(card));
      expect(v).toMatchObject({ status: 'unsigned', provider: 'aptly' });
      expect(v.reason).toContain(APTLY_HEADER);
    });

    it('reports no-secret when the key arrives but none is configured', () => {
      expect(verify(aptlyRequest(card, KEY), []).status).toBe('no-secret');
    });

    it('names the letter case when the keys differ only in case', () => {
      const v = verify(aptlyRequest(card, KEY.toUpperCase()));
      expect(v.status).toBe('invalid');
      findHint(v.hints, /case/i);
    });

    it.each([
      ['a trailing newline on the configured key', `${KEY}\n`, KEY],
      ['spaces around the configured key', `  ${KEY}  `, KEY],
      ['a trailing space on the key sent', KEY, `${KEY} `],
    ])('names surrounding whitespace when the keys differ by %s', (_description, configured, sent) => {
      const v = verify(aptlyRequest(card, sent), [configured]);
      expect(v.status).toBe('invalid');
      findHint(v.hints, /whitespace/i);
    });
  });

  describe('the body is not protected', () => {
    it('still accepts the key when the body was changed in transit (nothing covers the body)', () => {
      const req = aptlyRequest(card, KEY);
      const v = verify({ ...req, body: Buffer.from(card.toString('utf8').replace('New', 'Won'), 'utf8') });
      expect(v.status).toBe('valid');
      expect(v.reason).toMatch(/not integrity-protected/i);
    });

    it.each(TRICKY_BODIES)('accepts the key with a body containing %s', (_description, tricky) => {
      expect(verify(aptlyRequest(tricky, KEY)).status).toBe('valid');
    });

    it('accepts the key whatever the body bytes, even after a flipped byte', () => {
      expect(verify(aptlyRequest(flipByte(card, 3), KEY)).status).toBe('valid');
    });
  });

  describe('length mismatches in the comparison', () => {
    it.each([
      ['a one-character key', 'a'],
      ['a very long key (100 000 characters)', 'k'.repeat(100_000)],
      ['a key of the right length in characters but not in bytes', 'é'.repeat(KEY.length)],
    ])('returns invalid rather than throwing for %s', (_description, sent) => {
      let v: ReturnType<typeof verify> | undefined;
      expect(() => {
        v = verify(aptlyRequest(card, sent));
      }).not.toThrow();
      expect(v?.status).toBe('invalid');
    });
  });

  describe('endpoint set to Aptly, headers of another provider', () => {
    it('names AgileTune when an AgileTune-signed request reaches an Aptly endpoint', () => {
      const v = verify(signedRequest(AGILETUNE, card, KEY));
      expect(v.status).toBe('unsigned');
      findHint(v.hints, /AgileTune/);
    });
  });
});
