// Recognising a provider from its headers alone, for endpoints that name none.
import { describe, expect, it } from 'vitest';
import type { HeaderField } from '../../../../shared/domain.js';
import { detectProvider, listProviders } from '../../../../shared/providers/registry.js';
import { WHSEC, signedBy } from './scheme-fixtures.js';

const detected = (headers: HeaderField[]) => detectProvider(headers)?.id;

describe('provider detection', () => {
  it.each(['standard-webhooks', 'svix', 'stripe', 'github', 'slack', 'shopify'])('recognises %s from the headers its signer sends', (id) => {
    const secret = id === 'standard-webhooks' || id === 'svix' ? WHSEC : 'secret';
    expect(detected(signedBy(id, secret))).toBe(id);
  });

  it('tells Svix from Standard Webhooks by the header names', () => {
    expect(detected([{ name: 'svix-id', value: 'msg_1' }, { name: 'svix-timestamp', value: '1' }, { name: 'svix-signature', value: 'v1,x' }])).toBe('svix');
    expect(detected([{ name: 'webhook-id', value: 'msg_1' }, { name: 'webhook-timestamp', value: '1' }, { name: 'webhook-signature', value: 'v1,x' }])).toBe('standard-webhooks');
  });

  it('does not take Standard Webhooks webhook-signature for Workspace X-Webhook-Signature', () => {
    expect(detected([{ name: 'webhook-signature', value: 'v1,x' }])).toBe('standard-webhooks');
    expect(detected([{ name: 'X-Webhook-Signature', value: 'sha256=x' }])).toBe('workspace');
  });

  it('recognises GitHub by X-Hub-Signature-256', () => {
    expect(detected([{ name: 'X-Hub-Signature-256', value: 'sha256=x' }])).toBe('github');
  });

  it('recognises GitHub by the legacy X-Hub-Signature alone', () => {
    expect(detected([{ name: 'X-Hub-Signature', value: 'sha1=x' }])).toBe('github');
  });

  it('matches header names whatever their case', () => {
    expect(detected([{ name: 'STRIPE-SIGNATURE', value: 't=1,v1=x' }])).toBe('stripe');
    expect(detected([{ name: 'x-shopify-hmac-sha256', value: 'x' }])).toBe('shopify');
  });

  it('recognises nothing from ordinary headers', () => {
    expect(detected([{ name: 'Content-Type', value: 'application/json' }, { name: 'User-Agent', value: 'curl/8' }])).toBeUndefined();
  });

  it('gives every built-in provider identifying headers no other provider shares', () => {
    const seen = new Map<string, string>();
    for (const spec of listProviders()) {
      const key = spec.detectHeaders.map((h) => h.toLowerCase()).sort().join('+');
      expect(seen.get(key), `${spec.id} and ${seen.get(key)} are detected by the same headers`).toBeUndefined();
      seen.set(key, spec.id);
    }
  });
});
