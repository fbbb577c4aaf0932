// Shopify: `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the raw body>`, keyed with the app's client
// secret (or the store's webhook secret for admin-created webhooks) as text. The topic travels in
// `X-Shopify-Topic`, the delivery id in `X-Shopify-Webhook-Id`. Nothing time-based is signed.
import type { ProviderSpecInput } from '../spec.js';

const MIN = 60_000;
const customer = { id: 207119551, email: 'bob.norman@example.com', first_name: 'Bob', last_name: 'Norman' };
const order = {
  id: 450789469,
  admin_graphql_api_id: 'gid://shopify/Order/450789469',
  name: '#9999',
  email: customer.email,
  created_at: '2026-03-20T08:00:00-04:00',
  currency: 'USD',
  total_price: '403.00',
  subtotal_price: '393.00',
  financial_status: 'pending',
  fulfillment_status: null,
  customer,
  line_items: [{ id: 466157049, title: 'Aviator sunglasses', quantity: 1, price: '89.99', sku: 'SKU2006-001', product_id: 632910392 }],
};

export const shopify: ProviderSpecInput = {
  id: 'shopify',
  name: 'Shopify',
  docsUrl: 'https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook',
  signature: { kind: 'hmac', header: 'X-Shopify-Hmac-Sha256', algorithm: 'sha256', encoding: 'base64', signedPayload: '{body}', secretEncoding: 'utf8' },
  idHeader: 'X-Shopify-Webhook-Id',
  detectHeaders: ['X-Shopify-Hmac-Sha256'],
  staticHeaders: {
    'X-Shopify-Topic': '{event}',
    'X-Shopify-Shop-Domain': 'example-shop.myshopify.com',
    'X-Shopify-API-Version': '2025-07',
  },
  // The topic is the X-Shopify-Topic header; bodies are the resource itself.
  eventField: null,
  events: [
    { name: 'orders/create', description: 'An order was placed', sample: order },
    { name: 'orders/paid', description: 'An order was paid', sample: { ...order, financial_status: 'paid' } },
    {
      name: 'products/update',
      description: 'A product was changed',
      sample: {
        id: 632910392,
        title: 'Aviator sunglasses',
        handle: 'aviator-sunglasses',
        status: 'active',
        vendor: 'Example Optics',
        updated_at: '2026-03-20T08:05:00-04:00',
        variants: [{ id: 808950810, sku: 'SKU2006-001', price: '89.99', inventory_quantity: 41 }],
      },
    },
    { name: 'customers/create', description: 'A customer account was created', sample: { ...customer, created_at: '2026-03-20T07:55:00-04:00', state: 'enabled', verified_email: true } },
    { name: 'app/uninstalled', description: 'The app was uninstalled from the shop', sample: { id: 548380009, name: 'Example Shop', domain: 'example-shop.myshopify.com', email: 'owner@example.com' } },
  ],
  retry: {
    timeoutMs: 5_000,
    success: 'any-2xx',
    // Doubling from 1 min: 8 retries over about 4 h 15 min.
    retryDelaysMs: [1, 2, 4, 8, 16, 32, 64, 128].map((m) => m * MIN),
    finalState: 'disabled',
    notes: [
      'Shopify publishes only an approximation: "8 retries over 4 hours with exponential backoff". Hookscope doubles from 1 minute (the last retry about 4 h 15 min after the first attempt).',
      'Shopify waits 1 s for the connection and 5 s for the whole answer; only a 2xx succeeds.',
      'After 8 consecutive failures Shopify deletes a subscription created through the Admin API (shown here as disabled). Retries carry the original payload: use X-Shopify-Triggered-At to spot stale ones.',
    ],
  },
  notes: [
    'X-Shopify-Hmac-Sha256 is the base64 HMAC-SHA256 of the raw body, keyed with the app\'s client secret as text. Decode nothing; compare in constant time.',
    'The topic is in X-Shopify-Topic and the delivery id in X-Shopify-Webhook-Id (the same on every retry: use it to drop duplicates).',
  ],
};
