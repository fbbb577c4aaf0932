// Where the Workspace document is vague or contradicts itself: its words, Hookscope's reading and the
// other one (issue #20). Shown by `providers show workspace`, the README and the sender view.
import type { Reading } from '../spec.js';

export const WORKSPACE_READINGS: Reading[] = [
  {
    id: 'attempt-count',
    topic: 'How many attempts',
    quote: '“Retry 1: After 1 minute” … “Retry 3: After 30 minutes” … “After 3 failures, webhook is disabled.”',
    reading: 'The first attempt and the three listed retries: 4 attempts (at 0, 1 m, 6 m, 36 m), then the webhook is disabled.',
    alternative: 'Three attempts in all: the third failure disables the webhook before the 30 m retry.',
    option: '--retry-reading document-count',
  },
  {
    id: 'failure-scope',
    topic: 'Whose failures are counted',
    quote: '“After 3 consecutive failures, webhooks auto-disable.”',
    reading: 'Counted per delivery: one delivery\'s failed attempts in a row. A webhook disabled that way sends nothing more (the batch\'s other runs end disabled).',
    alternative: 'Counted per webhook, across deliveries: any three failed attempts in a row, of any events, disable it.',
    option: null,
  },
  {
    id: 'success-rule',
    topic: 'What counts as delivered',
    quote: '“Returns 200 status” … “Return 200 response immediately:”',
    reading: 'Only HTTP 200 succeeds: 201, 202 and 204 fail and are retried.',
    alternative: 'Any 2xx succeeds; the document only ever shows 200.',
    option: '--success any-2xx',
  },
  {
    id: 'wait-origin',
    topic: 'What each wait is measured from',
    quote: '“Retry 1: After 1 minute” … “Retry 2: After 5 minutes”',
    reading: 'Each wait counts from the start of the previous attempt (attempts at 0, 1 m, 6 m, 36 m).',
    alternative: 'Each wait counts from the first attempt (0, 1 m, 5 m, 30 m), or from the end of the previous attempt.',
    option: null,
  },
  {
    id: 'timeout',
    topic: 'How long an attempt may take',
    quote: '“Return 200 ASAP”',
    reading: 'Not documented: Hookscope gives each attempt 30 s.',
    alternative: 'Any other limit.',
    option: '--timeout-ms N',
  },
  {
    id: 'signed-payload',
    topic: 'What is signed',
    quote: '“const payload = JSON.stringify(req.body);” … “X-Webhook-Signature: sha256=abc123...”',
    reading: 'sha256=<hex HMAC-SHA256 of the raw body bytes>. Hookscope sends compact JSON, on which the sample\'s JSON.stringify(req.body) happens to give the same bytes; --pretty-body sends the same JSON pretty-printed, and a handler that re-serialises then fails.',
    alternative: 'The HMAC of JSON.stringify of the parsed body, whatever bytes were sent (as the sample handler assumes).',
    option: '--pretty-body',
  },
  {
    id: 'webhook-id',
    topic: 'What X-Webhook-ID names',
    quote: '“X-Webhook-ID: webhook_123” … “"webhook_id": "webhook_123",”',
    reading: 'The webhook: the body\'s webhook_id, the same on every delivery and retry.',
    alternative: 'The delivery: a fresh id per delivery that a handler could deduplicate on.',
    option: null,
  },
  {
    id: 'timestamp',
    topic: 'What X-Webhook-Timestamp holds',
    quote: '“X-Webhook-Timestamp: 1634234567”',
    reading: 'Unix seconds of the attempt, sent on every attempt, signed or not; it is not signed and no tolerance is documented, so Hookscope checks none.',
    alternative: 'The time of the event, the same on every retry.',
    option: null,
  },
  {
    id: 'https',
    topic: 'Plain HTTP targets',
    quote: '“Webhooks must use HTTPS in production.”',
    reading: 'Not enforced by the sender: a handler on your machine is not production.',
    alternative: 'Refuse plain-HTTP URLs other than localhost, as Almirant does.',
    option: null,
  },
];
