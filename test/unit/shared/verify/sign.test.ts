import { createHmac } from 'node:crypto';
import { verify as octokitVerify } from '@octokit/webhooks-methods';
import { describe, expect, it } from 'vitest';
import { requireProvider } from '../../../../shared/providers/registry.js';
import { signingHeaderNames, signRequest } from '../../../../shared/verify/sign.js';

const valueOf = (headers: Array<{ name: string; value: string }>, name: string) => headers.find((h) => h.name === name)?.value;

describe('signing as a provider', () => {
  const github = requireProvider('github');
  const body = Buffer.from('{"zen":"Design for failure.","hook_id":1}');

  it('sends GitHub\'s event header, a delivery GUID and both the SHA-256 and legacy SHA-1 signatures', async () => {
    const headers = signRequest(github, body, 'It\'s a Secret', { nowMs: Date.now(), event: 'ping' });
    expect(valueOf(headers, 'X-GitHub-Event')).toBe('ping');
    expect(valueOf(headers, 'X-GitHub-Delivery')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await octokitVerify('It\'s a Secret', body.toString(), valueOf(headers, 'X-Hub-Signature-256')!)).toBe(true);
    expect(valueOf(headers, 'X-Hub-Signature')).toBe(`sha1=${createHmac('sha1', 'It\'s a Secret').update(body).digest('hex')}`);
  });

  it('adds no provider headers when re-signing a captured request (no event given)', () => {
    const headers = signRequest(github, body, 's', { nowMs: Date.now() });
    expect(headers.map((h) => h.name).sort()).toEqual([...signingHeaderNames(github)].sort());
  });

  it('uses msg_ ids for schemes that sign their id', () => {
    const headers = signRequest(requireProvider('standard-webhooks'), body, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', { nowMs: Date.now() });
    expect(valueOf(headers, 'webhook-id')).toMatch(/^msg_[0-9a-f]{32}$/);
  });
});
