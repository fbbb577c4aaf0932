// Where Almirant's document is vague or contradicts itself: its words, Hookscope's reading and the
// other one (issue #20). Shown by `providers show almirant`, the README and the sender view.
import type { Reading } from '../spec.js';

export const ALMIRANT_READINGS: Reading[] = [
  {
    id: 'success-rule',
    topic: 'What counts as delivered',
    quote: '“A delivery is considered failed when:” … “Your server responds with an HTTP status code >= 400” … “Your server should respond with an HTTP 2xx status code (ideally 200) as quickly as possible.”',
    reading: 'Any status below 400 succeeds, so a 3xx counts as delivered (the redirect is not followed).',
    alternative: 'Only a 2xx succeeds: a 3xx fails and is retried.',
    option: '--success any-2xx',
  },
  {
    id: 'attempt-count',
    topic: 'How many attempts',
    quote: '“Wait before retry” (table: 1 Immediate, 2 1 minute, 3 5 minutes, 4 30 minutes, 5 2 hours) … “After 5 failed attempts, the delivery is marked as failed and will not be retried.”',
    reading: 'The table lists the five attempts: the first at once, then +1 m, +5 m, +30 m, +2 h; then the delivery is marked failed.',
    alternative: 'The table lists retries ("Wait before retry") after an immediate first attempt: 6 attempts, the first retry at once.',
    option: '--retry-reading document-count',
  },
  {
    id: 'wait-origin',
    topic: 'What each wait is measured from',
    quote: '“Almirant automatically retries failed deliveries with exponential backoff:” … “Wait before retry”',
    reading: 'Each wait counts from the start of the previous attempt (attempts at 0, 1 m, 6 m, 36 m, 2 h 36 m).',
    alternative: 'Each wait counts from the first attempt (0, 1 m, 5 m, 30 m, 2 h), or from the failure (up to 10 s after the attempt started).',
    option: null,
  },
  {
    id: 'localhost',
    topic: 'Which URLs may be plain HTTP',
    quote: '“Almirant will not send webhooks to unencrypted HTTP URLs (except localhost in development).”',
    reading: 'Every loopback address counts as localhost (localhost, 127.0.0.0/8, ::1); any other plain-HTTP URL is refused.',
    alternative: 'Only the host name `localhost` is excepted, not 127.0.0.1 or ::1.',
    option: null,
  },
  {
    id: 'payload-shape',
    topic: 'What the body holds',
    quote: '“const event = JSON.parse(rawBody);” … “console.log(\'Event received:\', event.type);”',
    reading: 'A JSON event whose `type` is the event name: the only field the document shows. Hookscope adds `id`, `created_at` and `data` (each event\'s payload is marked invented).',
    alternative: 'Any other shape around `type`: the document shows no payload.',
    option: null,
  },
  {
    id: 'paused',
    topic: 'A disabled webhook',
    quote: '“Deliveries are paused but the configuration is preserved.”',
    reading: 'Not simulated: the sender plays a webhook that stays enabled.',
    alternative: 'Paused deliveries are held and sent once the webhook is enabled again, or dropped.',
    option: null,
  },
];
