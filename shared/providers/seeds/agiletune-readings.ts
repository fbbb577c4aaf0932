// Where AgileTune's document is vague or contradicts itself: its words, Hookscope's reading and the
// other one (issue #20). Shown by `providers show agiletune`, the README and the sender view.
import type { Reading } from '../spec.js';

export const AGILETUNE_READINGS: Reading[] = [
  {
    id: 'attempt-count',
    topic: 'How many attempts',
    quote: '“1st retry — after 1 minute” … “5th retry — after 12 hours” … “After 5 failed attempts, the webhook is marked as failing.”',
    reading: 'The five listed retries after the first attempt: 6 attempts (at 0, 1 m, 6 m, 36 m, 2 h 36 m, 14 h 36 m), then the webhook is marked failing.',
    alternative: 'Five attempts in all ("after 5 failed attempts"): the first and four retries, the 12 h retry never made.',
    option: '--retry-reading document-count',
  },
  {
    id: 'wait-origin',
    topic: 'What each wait is measured from',
    quote: '“AgileTune retries the delivery with exponential backoff:” … “1st retry — after 1 minute” … “2nd retry — after 5 minutes”',
    reading: 'Each wait counts from the start of the previous attempt, so the attempts fall at 0, 1 m, 6 m, 36 m, 2 h 36 m and 14 h 36 m.',
    alternative: 'Each wait counts from the first attempt (attempts at 0, 1 m, 5 m, 30 m, 2 h, 12 h), or from the end of the previous attempt (after its answer or its 30-second timeout).',
    option: null,
  },
  {
    id: 'failing-scope',
    topic: 'What "failing" stops',
    quote: '“After 5 failed attempts, the webhook is marked as failing.”',
    reading: 'The webhook is marked failing, but it keeps delivering: in a batch, the other events go on with their own schedules.',
    alternative: 'A failing webhook sends nothing more, as Workspace\'s disabled one does.',
    option: null,
  },
  {
    id: 'content-type',
    topic: 'Which content types',
    quote: '“Choose a Content type (JSON recommended)”',
    reading: 'JSON (application/json) by default. The other content type is not named: --content-type form sends application/x-www-form-urlencoded with the JSON in one `payload` field (the convention of the setup screen this one follows, GitHub\'s), signed over the form bytes as sent.',
    alternative: 'A form body whose fields are the payload\'s own fields, or a signature over the JSON inside the form; the document says neither.',
    option: '--content-type form',
  },
  {
    id: 'signed-bytes',
    topic: 'What is signed',
    quote: '“an HMAC-SHA256 signature of the payload using your webhook secret” … “.update(payload)” … “.digest("hex");”',
    reading: 'The bare hex HMAC-SHA256 of the raw body bytes as sent (no `sha256=` prefix: the sample compares the header with the hex digest directly).',
    alternative: 'The HMAC of the body as the handler\'s framework re-serialises it; the sample\'s `payload: string` does not say which string.',
    option: null,
  },
];
