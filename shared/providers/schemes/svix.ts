// Svix: the Standard Webhooks scheme under `svix-id`, `svix-timestamp` and `svix-signature` (Svix's
// libraries also accept the `webhook-*` names). Retry schedule, 15 s timeout and the failure handling
// are Svix's published ones.
import type { ProviderSpecInput } from '../spec.js';
import { STANDARD_WEBHOOKS_RETRY_DELAYS_MS, standardWebhooksScheme } from './standard-webhooks.js';

const message = { id: 'msg_2a7Lq9', created_at: '2026-03-20T12:00:00Z' };

export const svix: ProviderSpecInput = standardWebhooksScheme({
  id: 'svix',
  name: 'Svix',
  docsUrl: 'https://docs.svix.com/receiving/verifying-payloads/how-manual',
  headerPrefix: 'svix',
  events: [
    {
      name: 'invoice.paid',
      description: 'An invoice was paid (an event type defined by the sending application)',
      sample: { type: 'invoice.paid', data: { id: 'invoice_7Qp2', amount_cents: 12900, currency: 'USD', customer: 'acct_31Kd' } },
    },
    {
      name: 'user.updated',
      description: 'A user profile changed',
      sample: { type: 'user.updated', data: { id: 'user_48Fh', email: 'grace@example.com', changes: { plan: { from: 'free', to: 'team' } } } },
    },
    {
      name: 'message.attempt.exhausted',
      description: 'Operational webhook: every attempt to deliver a message to an endpoint failed',
      sample: {
        type: 'message.attempt.exhausted',
        data: { appId: 'app_1srOrx2ZWZBpBUvZwXKQmoEYga2', endpointId: 'ep_1srOrx2ZWZBpBUvZwXKQmoEYga2', msgId: message.id, lastAttempt: { id: 'atmpt_1srOrx2ZWZBpBUvZwXKQmoEYga2', timestamp: message.created_at, responseStatusCode: 500 } },
      },
    },
    {
      name: 'endpoint.disabled',
      description: 'Operational webhook: an endpoint was disabled after failing for 5 days',
      sample: { type: 'endpoint.disabled', data: { appId: 'app_1srOrx2ZWZBpBUvZwXKQmoEYga2', endpointId: 'ep_1srOrx2ZWZBpBUvZwXKQmoEYga2', failSince: '2026-03-15T12:00:00Z' } },
    },
  ],
  retry: {
    timeoutMs: 15_000,
    success: 'any-2xx',
    retryDelaysMs: STANDARD_WEBHOOKS_RETRY_DELAYS_MS,
    finalState: 'failed',
    notes: [
      'Svix tries immediately, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, each period starting after the previous failure (about 27.6 h in all).',
      'After the last attempt the message is marked Failed for that endpoint; an endpoint whose deliveries all fail for 5 days is disabled.',
      'A response header "webhook-delivery: abort-message" stops the retries; a 3xx counts as a failure.',
    ],
  },
  notes: ['Svix\'s libraries accept either svix-* or webhook-* headers; Hookscope recognises each by its own names.'],
});
