import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWithProfile } from '../../../../shared/providers/registry.js';
import { DOCTOR_HASH_BUDGET } from '../../../../shared/verify/doctor.js';

const hex = (secret: string, body: Buffer) => createHmac('sha256', secret).update(body).digest('hex');
const check = (provider: string, header: string, value: string, body: Buffer) =>
  verifyWithProfile(provider, { headers: [{ name: header, value }], body, receivedAtMs: Date.now() }, ['s3cret']);

describe('the signature doctor on edge cases', () => {
  it('names a stripped final newline on a body that is not valid UTF-8', () => {
    const body = Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]);
    const v = check('agiletune', 'X-AgileTune-Signature', hex('s3cret', body.subarray(0, 4)), body);
    expect(v.status).toBe('invalid');
    expect(v.hints.join(' ')).toMatch(/without its final newline/);
  });

  it('names an extra newline added to a body that already ends in one', () => {
    const body = Buffer.from('{"a": 1}\n');
    const v = check('almirant', 'X-Almirant-Signature', hex('s3cret', Buffer.from('{"a": 1}\n\n')), body);
    expect(v.hints.join(' ')).toMatch(/plus a trailing newline/);
  });

  it('names an uppercase prefix instead of blaming the secret', () => {
    const body = Buffer.from('{"event":"task.created"}');
    const v = check('workspace', 'X-Webhook-Signature', `SHA256=${hex('s3cret', body)}`, body);
    expect(v.status).toBe('invalid');
    expect(v.hints.join(' ')).toMatch(/SHA256=.*exactly sha256=/);
    expect(v.hints.join(' ')).not.toMatch(/secret is most likely different/);
  });

  it('names both mistakes when two of them produce the same bytes', () => {
    // Compact JSON with a final newline: stripping the newline and re-serialising give the same payload.
    const body = Buffer.from('{"a":1}\n');
    const v = check('agiletune', 'X-AgileTune-Signature', hex('s3cret', Buffer.from('{"a":1}')), body);
    const hints = v.hints.join(' ');
    expect(hints).toMatch(/without its final newline/);
    expect(hints).toMatch(/Equally possible: .*re-serialised JSON/);
  });

  it('still names a cheap mistake on a large body', () => {
    const body = Buffer.alloc(3 * 1024 * 1024, 0x61);
    const v = check('agiletune', 'X-AgileTune-Signature', hex('s3cret', Buffer.concat([body, Buffer.from('\n')])), body);
    expect(v.hints.join(' ')).toMatch(/plus a trailing newline/);
  });

  it('bounds its work on a body too large to try every mistake, and says so', () => {
    const body = Buffer.alloc(DOCTOR_HASH_BUDGET + 1, 0x61);
    const v = check('agiletune', 'X-AgileTune-Signature', hex('another-secret', body), body);
    expect(v.status).toBe('invalid');
    expect(v.hints.join(' ')).toMatch(/No mistake among the 1 most likely .* too large to try all \d+\. The secret is most likely different/);
  });
});
