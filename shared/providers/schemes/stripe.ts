// Stripe: `Stripe-Signature: t=<unix s>,v1=<hex HMAC-SHA256>[,v1=…]` over "{timestamp}.{body}". The
// endpoint secret (`whsec_…`) is used as it is, prefix included, NOT base64-decoded like Standard
// Webhooks' `whsec_`. Several v1= entries appear while a rolled secret's old one is still valid.
// Stripe's libraries reject timestamps older than 300 s; Hookscope checks both ways (a timestamp far in
// the future is as suspicious). The retry intervals are not published: see the retry notes.
import type { ProviderSpecInput } from '../spec.js';

const MIN = 60_000;
const created = 1774008000; // 2026-03-20T12:00:00Z

function event(type: string, id: string, description: string, object: Record<string, unknown>) {
  return {
    name: type,
    description,
    sample: {
      id,
      object: 'event',
      api_version: '2025-03-31.basil',
      created,
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: 'req_9Yk2Lm3Np4', idempotency_key: 'b5d7c1e2-4f6a-4c8b-9d0e-1f2a3b4c5d6e' },
      type,
    },
  };
}

const paymentIntent = {
  id: 'pi_3Qx7Lm2eZvKYlo2C1a2b3c4d',
  object: 'payment_intent',
  amount: 2000,
  amount_received: 2000,
  currency: 'eur',
  customer: 'cus_RkT8pQ3vW2xY1z',
  status: 'succeeded',
  latest_charge: 'ch_3Qx7Lm2eZvKYlo2C0e9f8g7h',
  metadata: { order_id: '6735' },
};

export const stripe: ProviderSpecInput = {
  id: 'stripe',
  name: 'Stripe',
  docsUrl: 'https://docs.stripe.com/webhooks#verify-events',
  signature: {
    kind: 'hmac',
    header: 'Stripe-Signature',
    algorithm: 'sha256',
    encoding: 'hex',
    format: 'stripe',
    signedPayload: '{timestamp}.{body}',
    secretEncoding: 'utf8',
    toleranceSec: 300,
  },
  detectHeaders: ['Stripe-Signature'],
  eventField: 'type',
  events: [
    event('payment_intent.succeeded', 'evt_3Qx7Lm2eZvKYlo2C1kP9aB3c', 'A payment was captured', paymentIntent),
    event('checkout.session.completed', 'evt_1Qx7Ln2eZvKYlo2Cq8R7sT6u', 'A Checkout session was paid', {
      id: 'cs_test_a1B2c3D4e5F6g7H8',
      object: 'checkout.session',
      amount_total: 2000,
      currency: 'eur',
      customer: paymentIntent.customer,
      customer_details: { email: 'jenny.rosen@example.com', name: 'Jenny Rosen' },
      mode: 'payment',
      payment_intent: paymentIntent.id,
      payment_status: 'paid',
      status: 'complete',
    }),
    event('invoice.paid', 'evt_1Qx7Lo2eZvKYlo2CvW5xY4zA', 'A subscription invoice was paid', {
      id: 'in_1Qx7Lm2eZvKYlo2CzY8x7W6v',
      object: 'invoice',
      amount_paid: 1500,
      currency: 'eur',
      customer: paymentIntent.customer,
      status: 'paid',
      subscription: 'sub_1Qx7Lm2eZvKYlo2CuT5s4R3q',
      hosted_invoice_url: 'https://invoice.stripe.com/i/acct_1Nv0FGQ9RKHgCVdK/test_YWNjdF8x',
    }),
    event('customer.subscription.deleted', 'evt_1Qx7Lp2eZvKYlo2Cb3C2d1E0', 'A subscription ended', {
      id: 'sub_1Qx7Lm2eZvKYlo2CuT5s4R3q',
      object: 'subscription',
      customer: paymentIntent.customer,
      status: 'canceled',
      canceled_at: created,
      cancellation_details: { reason: 'cancellation_requested' },
    }),
    event('charge.refunded', 'evt_3Qx7Lq2eZvKYlo2Cf9G8h7I6', 'A charge was refunded', {
      id: paymentIntent.latest_charge,
      object: 'charge',
      amount: 2000,
      amount_refunded: 2000,
      currency: 'eur',
      payment_intent: paymentIntent.id,
      refunded: true,
    }),
  ],
  retry: {
    timeoutMs: 30_000,
    timeoutAssumed: true,
    success: 'any-2xx',
    // Doubling from 1 min: 12 retries, the last about 68 h after the first attempt.
    retryDelaysMs: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048].map((m) => m * MIN),
    finalState: 'failed',
    notes: [
      'Stripe publishes only an approximation: in live mode it retries "for up to three days with an exponential back off"; in a sandbox (test mode), three times over a few hours. The intervals are not published: Hookscope doubles from 1 minute (12 retries, the last about 68 hours after the first attempt). Change the schedule to model test mode.',
      'The per-attempt timeout is not published: Hookscope uses 30 s. Answer quickly and do the work afterwards.',
      'Any 2xx succeeds. After days of failures Stripe emails the account and may disable the endpoint; events are not guaranteed to arrive in order, and one event may arrive twice.',
    ],
  },
  notes: [
    'Stripe-Signature is "t=<unix seconds>,v1=<hex HMAC-SHA256>" over "<t>.<raw body>", keyed with the endpoint secret as it is (whsec_ included, not base64-decoded).',
    'Several v1= entries may appear (a rolled secret stays valid for a while): any one matching is enough. v0= entries are test-only legacy signatures and are ignored.',
    'Stripe\'s libraries reject a timestamp older than 300 s by default; Hookscope also rejects one more than 300 s in the future.',
    'An API key (sk_…/rk_…) is not the webhook signing secret: copy the endpoint\'s whsec_… secret.',
  ],
};
