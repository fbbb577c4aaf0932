// Workspace's scheme, from its document: X-Webhook-Signature: sha256=<hex HMAC-SHA256 of the payload>,
// with X-Webhook-ID and X-Webhook-Timestamp (unix seconds) beside it. The document's sample handler
// hashes JSON.stringify(req.body) and compares with the header without stripping `sha256=`.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWithProfile } from '../../../../shared/providers/registry.js';
import {
  RECEIVED_AT_MS,
  SPACED_JSON,
  WORKSPACE,
  findHint,
  hmacSha256,
  requestWithSignature,
  reserialised,
  signedRequest,
} from '../../../fixtures/seed-signers.js';

const SECRET = 'your_webhook_secret';
const body = Buffer.from(
  '{"event":"task.created","timestamp":"2025-10-14T10:30:00Z","webhook_id":"webhook_123","data":{"id":"task_789","name":"Design homepage"}}',
  'utf8',
);
const verify = (req: ReturnType<typeof signedRequest>, secrets: string[] = [SECRET]) => verifyWithProfile('workspace', req, secrets);

describe('Workspace sha256= signature', () => {
  it('sends X-Webhook-ID and X-Webhook-Timestamp beside the signature in the vectors', () => {
    const names = signedRequest(WORKSPACE, body, SECRET).headers.map((h) => h.name);
    expect(names).toEqual(expect.arrayContaining(['X-Webhook-Signature', 'X-Webhook-ID', 'X-Webhook-Timestamp']));
  });

  it('accepts sha256=<hex> computed independently over the raw body', () => {
    expect(verify(signedRequest(WORKSPACE, body, SECRET)).status).toBe('valid');
  });

  it('accepts a signature whatever the receive time (no timestamp tolerance is documented)', () => {
    const req = signedRequest(WORKSPACE, body, SECRET);
    expect(verify({ ...req, receivedAtMs: RECEIVED_AT_MS + 30 * 24 * 3600 * 1000 }).status).toBe('valid');
  });

  it('accepts a signature without X-Webhook-ID and X-Webhook-Timestamp, which are not signed', () => {
    const req = signedRequest(WORKSPACE, body, SECRET);
    const onlySignature = { ...req, headers: req.headers.filter((h) => !/^x-webhook-(id|timestamp)$/i.test(h.name)) };
    expect(verify(onlySignature).status).toBe('valid');
  });

  it('accepts a signature whatever X-Webhook-Timestamp says, since the timestamp is not signed', () => {
    const req = signedRequest(WORKSPACE, body, SECRET);
    const changed = { ...req, headers: req.headers.map((h) => (h.name === 'X-Webhook-Timestamp' ? { ...h, value: '1' } : h)) };
    expect(verify(changed).status).toBe('valid');
  });

  describe('the sha256= prefix', () => {
    it('rejects a bare hex digest without the sha256= prefix', () => {
      expect(verify(requestWithSignature(WORKSPACE, body, hmacSha256(SECRET, body))).status).toBe('invalid');
    });

    it('says the sha256= prefix is missing when the bare digest is right', () => {
      const v = verify(requestWithSignature(WORKSPACE, body, hmacSha256(SECRET, body)));
      expect(v.reason).toContain('sha256=');
      findHint(v.hints, /digest itself is right/i);
    });

    it('names the missing prefix alongside a wrong digest', () => {
      const v = verify(requestWithSignature(WORKSPACE, body, hmacSha256(SECRET, body, 'base64')));
      expect(v.status).toBe('invalid');
      findHint(v.hints, /sha256=/, /prefix/i);
      findHint(v.hints, /base64/i);
    });

    it('names a sha1= prefix where sha256= is expected', () => {
      const v = verify(requestWithSignature(WORKSPACE, body, `sha1=${hmacSha256(SECRET, body)}`));
      expect(v.status).toBe('invalid');
      findHint(v.hints, /sha1=/, /sha256=/);
    });

    it('rejects a header holding only the prefix without throwing', () => {
      expect(verify(requestWithSignature(WORKSPACE, body, 'sha256=')).status).toBe('invalid');
    });
  });

  describe("the document's sample handler", () => {
    // A faithful copy of the handler in the document, to show what Hookscope diagnoses.
    function documentHandlerAccepts(rawBody: Buffer, signatureHeader: string, secret: string): boolean {
      const payload = JSON.stringify(JSON.parse(rawBody.toString('utf8')));
      const expectedSignature = createHmac('sha256', secret).update(payload).digest('hex');
      return timingSafeEqual(Buffer.from(signatureHeader), Buffer.from(expectedSignature));
    }

    it('throws on a genuine delivery, because sha256= makes the lengths differ, where Hookscope says valid', () => {
      const req = signedRequest(WORKSPACE, body, SECRET);
      const header = req.headers.find((h) => h.name === 'X-Webhook-Signature')!.value;
      expect(() => documentHandlerAccepts(body, header, SECRET)).toThrow(RangeError);
      expect(verify(req).status).toBe('valid');
    });

    it('accepts only a bare digest over compact JSON, the very request Hookscope says lacks sha256=', () => {
      const digest = createHmac('sha256', SECRET).update(JSON.stringify(JSON.parse(body.toString('utf8')))).digest('hex');
      expect(documentHandlerAccepts(body, digest, SECRET)).toBe(true);
      const v = verify(requestWithSignature(WORKSPACE, body, digest));
      expect(v.status).toBe('invalid');
      expect(v.reason).toContain('sha256=');
    });

    it('names re-serialised JSON when a sender signs JSON.stringify(JSON.parse(body)) of a spaced body', () => {
      const v = verify(requestWithSignature(WORKSPACE, SPACED_JSON, `sha256=${hmacSha256(SECRET, reserialised(SPACED_JSON))}`));
      expect(v.status).toBe('invalid');
      findHint(v.hints, /re-?seriali[sz]ed/i);
    });

    it('names both mistakes when the digest is over re-serialised JSON and lacks sha256=', () => {
      const v = verify(requestWithSignature(WORKSPACE, SPACED_JSON, hmacSha256(SECRET, reserialised(SPACED_JSON))));
      expect(v.status).toBe('invalid');
      findHint(v.hints, /re-?seriali[sz]ed/i);
      findHint(v.hints, /sha256=/, /prefix/i);
    });
  });
});
