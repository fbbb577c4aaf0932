import { describe, expect, it } from 'vitest';
import { REDACTED, redactDelivery } from '../../../../shared/export/redact.js';
import { delivery } from './fixtures.js';

const SECRET = 'sk_live_abc+123';

describe('redaction', () => {
  const original = delivery(
    Buffer.from(`{"token":"${SECRET}","other":"kept"}`),
    [
      { name: 'X-AgileTune-Signature', value: 'deadbeef' },
      { name: 'authorization', value: 'Bearer t' },
      { name: 'Cookie', value: 's=1' },
      { name: 'x-signingKey', value: 'aptly-key' },
      { name: 'X-Echo', value: `secret=${SECRET}` },
      { name: 'X-Request-Id', value: 'r1' },
    ],
    { query: `key=${encodeURIComponent(SECRET)}`, verification: { status: 'invalid', provider: 'agiletune', reason: 'mismatch', hints: [], evidence: { expected: 'cafe' } } },
  );
  const redacted = redactDelivery(original, { headerNames: ['X-AgileTune-Signature'], secrets: [SECRET, ''] });
  const value = (name: string) => redacted.headers.find((h) => h.name === name)?.value;

  it('hides signature headers, Authorization, Cookie and x-signingKey', () => {
    for (const name of ['X-AgileTune-Signature', 'authorization', 'Cookie', 'x-signingKey']) expect(value(name)).toBe(REDACTED);
  });

  it('replaces the secret wherever it appears: header values, query, body', () => {
    expect(value('X-Echo')).toBe(`secret=${REDACTED}`);
    expect(redacted.query).toBe(`key=${REDACTED}`);
    expect(redacted.bodyText).toBe(`{"token":"${REDACTED}","other":"kept"}`);
    expect(Buffer.from(redacted.bodyBase64, 'base64').toString()).toBe(redacted.bodyText);
    expect(JSON.stringify(redacted)).not.toContain(SECRET);
  });

  it('keeps everything else, and drops the expected signature from the evidence', () => {
    expect(value('X-Request-Id')).toBe('r1');
    expect(redacted.headers.map((h) => h.name)).toEqual(original.headers.map((h) => h.name));
    expect(redacted.verification.evidence).toBeUndefined();
  });

  it('replaces the secret inside a binary body too', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0x00]), Buffer.from(SECRET), Buffer.from([0x80])]);
    const out = Buffer.from(redactDelivery(delivery(bytes, []), { headerNames: [], secrets: [SECRET] }).bodyBase64, 'base64');
    expect(out.equals(Buffer.concat([Buffer.from([0xff, 0x00]), Buffer.from(REDACTED), Buffer.from([0x80])]))).toBe(true);
  });
});
