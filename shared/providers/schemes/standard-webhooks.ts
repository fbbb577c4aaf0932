// Standard Webhooks (standardwebhooks.com): `webhook-id`, `webhook-timestamp` and `webhook-signature`,
// the last holding space-separated `v1,<base64 HMAC-SHA256>` entries over "{id}.{timestamp}.{body}";
// secrets are `whsec_` + base64, decoded to get the key. Several entries let a sender sign with the new
// and the old secret during a rotation. Svix (svix.ts) is the same scheme under `svix-*` header names,
// so both come from `standardWebhooksScheme`.
import type { ProviderSpecInput } from '../spec.js';

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;

/** The reference schedule (Svix's): after the first attempt, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const STANDARD_WEBHOOKS_RETRY_DELAYS_MS = [5 * SEC, 5 * MIN, 30 * MIN, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];

interface SchemeNames {
  id: string;
  name: string;
  docsUrl: string;
  /** `webhook` or `svix`: the headers are `<prefix>-id`, `<prefix>-timestamp`, `<prefix>-signature`. */
  headerPrefix: string;
  events: ProviderSpecInput['events'];
  retry: ProviderSpecInput['retry'];
  notes: string[];
}

export function standardWebhooksScheme(names: SchemeNames): ProviderSpecInput {
  const header = (part: string) => `${names.headerPrefix}-${part}`;
  return {
    id: names.id,
    name: names.name,
    docsUrl: names.docsUrl,
    signature: {
      kind: 'hmac',
      header: header('signature'),
      algorithm: 'sha256',
      encoding: 'base64',
      format: 'standard-webhooks',
      signedPayload: '{id}.{timestamp}.{body}',
      secretEncoding: 'whsec',
    },
    idHeader: header('id'),
    timestamp: { header: header('timestamp'), toleranceSec: 300 },
    // The signature header alone: its name already tells Svix (`svix-`) from Standard Webhooks (`webhook-`),
    // and a request missing the id or timestamp is better reported as such than left unrecognised.
    detectHeaders: [header('signature')],
    eventField: 'type',
    events: names.events,
    retry: names.retry,
    notes: [
      `${header('signature')} holds space-separated "v1,<base64 HMAC-SHA256>" entries over "<${header('id')}>.<${header('timestamp')}>.<raw body>"; any one matching is enough (several appear during a secret rotation).`,
      'The secret is "whsec_" followed by base64: strip the prefix and base64-decode the rest to get the HMAC key.',
      `${header('timestamp')} (unix seconds) must be within 5 minutes of now, in either direction.`,
      ...names.notes,
    ],
  };
}

const customer = { id: 'cus_8Kd2Lq', email: 'ada@example.com', name: 'Ada Lovelace' };

export const standardWebhooks: ProviderSpecInput = standardWebhooksScheme({
  id: 'standard-webhooks',
  name: 'Standard Webhooks',
  docsUrl: 'https://www.standardwebhooks.com/',
  headerPrefix: 'webhook',
  events: [
    {
      name: 'user.created',
      description: 'A user signed up',
      sample: { type: 'user.created', timestamp: '2026-03-20T12:00:00.000000Z', data: { id: 'usr_2Nf8Xk', email: customer.email, name: customer.name } },
    },
    {
      name: 'invoice.paid',
      description: 'An invoice was paid in full',
      sample: {
        type: 'invoice.paid',
        timestamp: '2026-03-20T12:05:00.000000Z',
        data: { id: 'inv_5Tq1Zr', customer_id: customer.id, amount: 4900, currency: 'EUR', paid_at: '2026-03-20T12:04:58Z' },
      },
    },
    {
      name: 'subscription.canceled',
      description: 'A subscription was canceled',
      sample: {
        type: 'subscription.canceled',
        timestamp: '2026-03-21T08:30:00.000000Z',
        data: { id: 'sub_3Pw7Vd', customer_id: customer.id, plan: 'pro-monthly', ends_at: '2026-04-20T00:00:00Z' },
      },
    },
  ],
  retry: {
    timeoutMs: 15 * SEC,
    timeoutAssumed: true,
    success: 'any-2xx',
    retryDelaysMs: STANDARD_WEBHOOKS_RETRY_DELAYS_MS,
    finalState: 'failed',
    notes: [
      'The Standard Webhooks specification recommends retries with exponential backoff but fixes no schedule: Hookscope plays the reference one (Svix\'s): immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, each after the previous failure.',
      'The timeout is not fixed by the specification: Hookscope uses Svix\'s 15 s.',
      'Only a 2xx counts as success; a 3xx redirect is a failure.',
    ],
  },
  notes: ['Standard Webhooks is a specification many senders implement: check your sender\'s own retry policy and secret format.'],
});
