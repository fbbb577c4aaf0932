// Where Aptly's document is vague or contradicts itself: its words, Hookscope's reading and the other
// one (issue #20). Shown by `providers show aptly`, the README and the sender view.
import type { Reading } from '../spec.js';

export const APTLY_READINGS: Reading[] = [
  {
    id: 'ordering',
    topic: 'Ordering',
    quote: '“Webhooks are delivered in the order that events occur on the board.”',
    reading: 'Strictly: an event is sent only once the one before it was delivered, so a failing event holds back the rest.',
    alternative: 'Sent in the order they occur, without waiting: a later event overtakes a failing one\'s retries.',
    option: '--no-in-order',
  },
  {
    id: 'retry-interval',
    topic: 'How often it retries',
    quote: '“If Aptly does not receive a 200, the delivery is marked as failed. Aptly will continue retrying the webhook indefinitely until you update or remove the Webhook URL.”',
    reading: 'The interval is not documented: every 60 s, indefinitely (capped at 10 attempts under the virtual clock, the run then reported `retrying`).',
    alternative: 'Any other interval, or a growing backoff.',
    option: '--retry-every-ms N',
  },
  {
    id: 'success-rule',
    topic: 'What counts as delivered',
    quote: '“Your server must return a 200 HTTP status within 60 seconds. If Aptly does not receive a 200, the delivery is marked as failed.”',
    reading: 'Only exactly 200 succeeds: 201, 202 and 204 fail and are retried.',
    alternative: '"A 200" meant loosely: any 2xx.',
    option: '--success any-2xx',
  },
  {
    id: 'key-rotation',
    topic: 'A regenerated key',
    quote: '“If your Webhook Signing Key is ever exposed, return to Card Sources and regenerate it immediately. This invalidates the old key.”',
    reading: 'The old key stops working at once: a delivery carrying a previous key set on the endpoint is invalid, with a hint that it matches a regenerated key.',
    alternative: 'A grace period in which the old key is still sent or accepted; the document names none.',
    option: null,
  },
  {
    id: 'event-names',
    topic: 'Event names',
    quote: '“Card created” … “File uploaded to a card” … “key/value pairs where the key is the name of a board field”',
    reading: 'Hookscope names them card.created, card.updated, card.deleted, comment.posted and file.uploaded. The names are ours: nothing in the body or the headers says which event happened.',
    alternative: 'None in the document: a handler cannot tell the events apart except by the board\'s own fields.',
    option: null,
  },
  {
    id: 'event-fields',
    topic: 'Comment and file events',
    quote: '“The exact fields present depend on your board structure.”',
    reading: 'Every event sends the card\'s fields; comment and file events add Comment / Comment Author and File / File Size as if they were board fields (marked invented).',
    alternative: 'Comment and file events carry their own objects, or only the card\'s fields.',
    option: null,
  },
];
