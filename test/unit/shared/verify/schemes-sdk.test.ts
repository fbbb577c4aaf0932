// The official SDKs as independent peers, in both directions: what they sign, Hookscope verifies as
// valid; what Hookscope's signer produces, they accept. No network: Stripe is constructed offline.
import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { verifyWithProfile } from '../../../../shared/providers/registry.js';
import { BODY, STRIPE_SECRET, WHSEC, headerOf, headerRecord, request, signedBy } from '../providers/scheme-fixtures.js';

const stripeClient = new Stripe('sk_test_x');
const text = BODY.toString('utf8');

describe('Standard Webhooks and the standardwebhooks SDK', () => {
  it('accepts what the SDK signs', () => {
    const nowMs = Date.now();
    const signature = new StandardWebhook(WHSEC).sign('msg_sdk_1', new Date(nowMs), text);
    const headers = [
      { name: 'webhook-id', value: 'msg_sdk_1' },
      { name: 'webhook-timestamp', value: String(Math.floor(nowMs / 1000)) },
      { name: 'webhook-signature', value: signature },
    ];
    expect(verifyWithProfile('standard-webhooks', request(headers, BODY, nowMs), [WHSEC])).toMatchObject({ status: 'valid' });
  });

  it('produces headers the SDK verifies', () => {
    const headers = signedBy('standard-webhooks', WHSEC);
    expect(new StandardWebhook(WHSEC).verify(text, headerRecord(headers))).toEqual(JSON.parse(text));
  });

  it('is recognised from the SDK-signed headers without a configured provider', () => {
    const signature = new StandardWebhook(WHSEC).sign('msg_sdk_2', new Date(), text);
    const headers = [
      { name: 'webhook-id', value: 'msg_sdk_2' },
      { name: 'webhook-timestamp', value: String(Math.floor(Date.now() / 1000)) },
      { name: 'webhook-signature', value: signature },
    ];
    expect(verifyWithProfile(null, request(headers), [WHSEC])).toMatchObject({ status: 'valid', provider: 'standard-webhooks', detected: true });
  });
});

describe('Svix and the svix SDK', () => {
  it('accepts what the SDK signs', () => {
    const nowMs = Date.now();
    const signature = new SvixWebhook(WHSEC).sign('msg_svix_1', new Date(nowMs), text);
    const headers = [
      { name: 'svix-id', value: 'msg_svix_1' },
      { name: 'svix-timestamp', value: String(Math.floor(nowMs / 1000)) },
      { name: 'svix-signature', value: signature },
    ];
    expect(verifyWithProfile('svix', request(headers, BODY, nowMs), [WHSEC])).toMatchObject({ status: 'valid', provider: 'svix' });
  });

  it('produces headers the SDK verifies', () => {
    const headers = signedBy('svix', WHSEC);
    expect(new SvixWebhook(WHSEC).verify(text, headerRecord(headers))).toEqual(JSON.parse(text));
  });

  it('produces headers the SDK rejects once the body is tampered with', () => {
    const headers = signedBy('svix', WHSEC);
    expect(() => new SvixWebhook(WHSEC).verify(text.replace('Zoë', 'Zoe'), headerRecord(headers))).toThrow();
  });
});

describe('Stripe and the stripe SDK', () => {
  it('accepts a header made by generateTestHeaderString', () => {
    const nowMs = Date.now();
    const header = stripeClient.webhooks.generateTestHeaderString({ payload: text, secret: STRIPE_SECRET, timestamp: Math.floor(nowMs / 1000) });
    const verdict = verifyWithProfile('stripe', request([{ name: 'Stripe-Signature', value: header }], BODY, nowMs), [STRIPE_SECRET]);
    expect(verdict).toMatchObject({ status: 'valid', provider: 'stripe' });
  });

  it('produces a header constructEvent accepts', () => {
    const header = headerOf(signedBy('stripe', STRIPE_SECRET), 'Stripe-Signature');
    const event = stripeClient.webhooks.constructEvent(BODY, header, STRIPE_SECRET);
    expect(event).toEqual(JSON.parse(text));
  });

  it('produces a header constructEvent rejects with another secret', () => {
    const header = headerOf(signedBy('stripe', STRIPE_SECRET), 'Stripe-Signature');
    expect(() => stripeClient.webhooks.constructEvent(BODY, header, 'whsec_someone_else')).toThrow(/signature/i);
  });
});

describe('GitHub and @octokit/webhooks-methods', () => {
  it('accepts what octokit signs', async () => {
    const signature = await octokitSign('octo-secret', text);
    const verdict = verifyWithProfile('github', request([{ name: 'X-Hub-Signature-256', value: signature }]), ['octo-secret']);
    expect(verdict).toMatchObject({ status: 'valid', provider: 'github' });
  });

  it('produces a signature octokit verifies', async () => {
    const header = headerOf(signedBy('github', 'octo-secret'), 'X-Hub-Signature-256');
    await expect(octokitVerify('octo-secret', text, header)).resolves.toBe(true);
  });

  it('produces a signature octokit rejects once the body is tampered with', async () => {
    const header = headerOf(signedBy('github', 'octo-secret'), 'X-Hub-Signature-256');
    await expect(octokitVerify('octo-secret', `${text} `, header)).resolves.toBe(false);
  });
});
