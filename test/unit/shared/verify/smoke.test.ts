import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWithProfile } from '../../../../shared/providers/registry.js';

const body = Buffer.from('{"event":"task.updated","data":{"id":"tsk_1"}}');
const hex = (secret: string, b: Buffer) => createHmac('sha256', secret).update(b).digest('hex');

describe('verification smoke', () => {
  it('accepts an AgileTune signature computed independently', () => {
    const v = verifyWithProfile('agiletune', { headers: [{ name: 'X-AgileTune-Signature', value: hex('s3cret', body) }], body, receivedAtMs: Date.now() }, ['s3cret']);
    expect(v.status).toBe('valid');
  });
  it('names the re-serialised JSON mistake', () => {
    const spaced = Buffer.from('{"event": "task.updated", "data": {"id": "tsk_1"}}');
    const sig = hex('s3cret', Buffer.from(JSON.stringify(JSON.parse(spaced.toString()))));
    const v = verifyWithProfile('agiletune', { headers: [{ name: 'X-AgileTune-Signature', value: sig }], body: spaced, receivedAtMs: Date.now() }, ['s3cret']);
    expect(v.status).toBe('invalid');
    expect(v.hints.join(' ')).toMatch(/re-serialised JSON/);
  });
  it('detects Workspace and names a missing sha256= prefix', () => {
    const v = verifyWithProfile(null, { headers: [{ name: 'x-webhook-signature', value: hex('k', body) }], body, receivedAtMs: Date.now() }, ['k']);
    expect(v).toMatchObject({ status: 'invalid', provider: 'workspace', detected: true });
    expect(v.reason).toMatch(/sha256=/);
  });
});
