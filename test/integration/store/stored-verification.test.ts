import { afterAll, describe, expect, it } from 'vitest';
import type { HeaderField, Verification } from '../../../shared/domain.js';
import { requireProvider, verifyWithProfile } from '../../../shared/providers/registry.js';
import { signRequest } from '../../../shared/verify/sign.js';
import type { NewCapture } from '../../../electron/core/store/deliveries.js';
import { openStore, type Store } from '../../../electron/core/store/index.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';

afterAll(removeTempDirs);

const NOW = Date.UTC(2026, 10, 23, 12);
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

function capture(headers: HeaderField[], body: Buffer, verification: Verification, endpointId: number | null = null): NewCapture {
  return {
    receivedAtMs: NOW,
    method: 'POST',
    path: '/hooks/x',
    query: '',
    httpVersion: '1.1',
    headers,
    body,
    truncated: false,
    incomplete: null,
    remoteAddress: '127.0.0.1',
    remotePort: 50_000,
    durationMs: 0.1,
    endpointId,
    endpointPath: null,
    provider: verification.provider,
    verification,
    responseStatus: 200,
  };
}

function signed(providerId: string, secret: string, verifyWith = secret) {
  const body = Buffer.from(JSON.stringify({ type: 'invoice.paid', data: { id: 'in_1', note: 'x'.repeat(400) } }));
  const headers = signRequest(requireProvider(providerId), body, secret, { nowMs: NOW });
  const verification = verifyWithProfile(providerId, { headers, body, receivedAtMs: NOW }, [verifyWith]);
  return capture(headers, body, verification);
}

function withStore(fn: (store: Store) => void) {
  const store = openStore(tempDbFile());
  try {
    fn(store);
  } finally {
    store.close();
  }
}

const storedJson = (store: Store, id: number) => store.db.prepare('SELECT verification FROM deliveries WHERE id = ?').pluck().get(id) as string;

describe('verdicts as stored', () => {
  // Raw-body HMAC (AgileTune, GitHub), a signed "id.timestamp.body" (Standard Webhooks), Stripe's
  // "timestamp.body", a mismatch, a static key, and an unsigned request.
  const cases: Array<[string, () => NewCapture]> = [
    ['a valid raw-body signature', () => signed('agiletune', SECRET)],
    ['a valid GitHub signature', () => signed('github', SECRET)],
    ['a valid Standard Webhooks signature', () => signed('standard-webhooks', SECRET)],
    ['a valid Stripe signature', () => signed('stripe', 'whsec_stripe_test')],
    ['a mismatch', () => signed('agiletune', SECRET, 'whsec_rotated')],
    ['a static key', () => signed('workspace', 'ws-static-key-1')],
    ['an unsigned request', () => capture([], Buffer.from('{}'), verifyWithProfile(null, { headers: [], body: Buffer.from('{}'), receivedAtMs: NOW }, []))],
  ];

  it.each(cases)('%s reads back exactly as verified', (_name, make) => {
    withStore((store) => {
      const c = make();
      const [id] = store.deliveries.insertMany([c]);
      expect(store.deliveries.get(id!)!.verification).toEqual(c.verification);
      const { signedPayloadPreview: _preview, ...evidence } = c.verification.evidence ?? {};
      const listed = store.deliveries.list()[0]!.verification;
      expect(listed).toEqual(c.verification.evidence ? { ...c.verification, evidence } : c.verification);
    });
  });

  it('stores neither the body preview nor a repeated signature for a valid raw-body HMAC', () => {
    withStore((store) => {
      const c = signed('agiletune', SECRET);
      expect(c.verification.status).toBe('valid');
      const [id] = store.deliveries.insertMany([c]);
      const json = storedJson(store, id!);
      expect(json).not.toContain('invoice.paid');
      expect(json.split(c.verification.evidence!.received!).length - 1).toBe(1);
      expect(json.length).toBeLessThan(JSON.stringify(c.verification).length - 200);
    });
  });

  it('stores a valid prefixed signature\'s digest once: the expected one is the signature read from the header', () => {
    withStore((store) => {
      const c = signed('github', SECRET);
      expect(c.verification.evidence!.signatures).toEqual([c.verification.evidence!.expected]);
      const [id] = store.deliveries.insertMany([c]);
      const json = storedJson(store, id!);
      expect(json.split(c.verification.evidence!.expected!).length - 1).toBe(1);
      expect(store.deliveries.get(id!)!.verification).toEqual(c.verification);
    });
  });

  it('keeps the preview of a payload that is not the body alone', () => {
    withStore((store) => {
      const c = signed('standard-webhooks', SECRET);
      const [id] = store.deliveries.insertMany([c]);
      expect(c.verification.evidence!.signedPayloadPreview).not.toBe(c.body.toString().slice(0, 240));
      expect(storedJson(store, id!)).toContain(c.verification.evidence!.signedPayloadPreview!.slice(0, 40));
    });
  });

  it('reads a verdict stored whole by an earlier version unchanged', () => {
    withStore((store) => {
      const c = signed('agiletune', SECRET);
      const [id] = store.deliveries.insertMany([c]);
      store.db.prepare('UPDATE deliveries SET verification = ? WHERE id = ?').run(JSON.stringify(c.verification), id);
      expect(store.deliveries.get(id!)!.verification).toEqual(c.verification);
    });
  });

  it('re-verification stores the same form', () => {
    withStore((store) => {
      const c = signed('agiletune', SECRET, 'whsec_rotated');
      const [id] = store.deliveries.insertMany([c]);
      const fixed = verifyWithProfile('agiletune', { headers: c.headers, body: c.body, receivedAtMs: NOW }, [SECRET]);
      store.deliveries.updateVerification(id!, fixed, c.body);
      expect(store.deliveries.get(id!)!.verification).toEqual(fixed);
      expect(storedJson(store, id!)).not.toContain('invoice.paid');
    });
  });

  it('stores a capture whose endpoint was deleted before the commit, without the endpoint', () => {
    withStore((store) => {
      const endpoint = store.endpoints.create({ path: '/hooks/gone' });
      store.endpoints.delete(endpoint.id);
      const c = { ...signed('agiletune', SECRET), endpointId: endpoint.id };
      const ids = store.deliveries.insertMany([signed('agiletune', SECRET), c]);
      expect(ids).toHaveLength(2);
      expect(store.db.prepare('SELECT endpoint_id FROM deliveries WHERE id = ?').pluck().get(ids[1])).toBeNull();
    });
  });
});
