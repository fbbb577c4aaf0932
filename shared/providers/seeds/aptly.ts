// Aptly, as its webhook document describes it: the signing key itself travels in x-signingKey (a
// static shared secret, no HMAC: the body is not protected); only HTTP 200 succeeds, within 60 s;
// Aptly retries indefinitely until the URL changes and delivers in the order events happened.
// The retry interval is not documented: we retry every minute by default (configurable per send).
import type { ProviderSpecInput } from '../spec.js';
import { APTLY_READINGS } from './aptly-readings.js';

/** The document's payload example: board fields, "The exact fields present depend on your board structure". */
const DOCUMENT_EXAMPLE = { Name: 'John Smith', Status: 'New', Email: 'john@example.com' };
const EXTENDED = {
  kind: 'extended' as const,
  documented: Object.keys(DOCUMENT_EXAMPLE),
  basis: 'The document\'s one payload example (Name, Status, Email) stands for every event; the other board fields are Hookscope\'s.',
};

const card = {
  ...DOCUMENT_EXAMPLE,
  Phone: '+1 555 0100',
  Company: 'Example Corp',
  'Card ID': 'c_8f3a21',
  'Updated At': '2026-03-20T12:00:00Z',
};

export const APTLY_DEFAULT_RETRY_MS = 60_000;

export const aptly: ProviderSpecInput = {
  id: 'aptly',
  name: 'Aptly',
  signature: { kind: 'static-key', header: 'x-signingKey' },
  detectHeaders: ['x-signingKey'],
  eventField: null,
  events: [
    { name: 'card.created', description: 'Card created (Aptly sends the card\'s board fields; the body names no event)', sample: card, fidelity: EXTENDED },
    { name: 'card.updated', description: 'Card updated', sample: { ...card, Status: 'Contacted', 'Updated At': '2026-03-20T12:05:00Z' }, fidelity: EXTENDED },
    { name: 'card.deleted', description: 'Card deleted', sample: { ...card, Status: 'Deleted', 'Updated At': '2026-03-20T12:10:00Z' }, fidelity: EXTENDED },
    {
      name: 'comment.posted',
      description: 'Comment posted on a card',
      sample: { ...card, Comment: 'Called, left a voicemail.', 'Comment Author': 'Jane Doe', 'Updated At': '2026-03-20T12:15:00Z' },
      fidelity: EXTENDED,
    },
    {
      name: 'file.uploaded',
      description: 'File uploaded to a card',
      sample: { ...card, File: 'contract-signed.pdf', 'File Size': 184220, 'Updated At': '2026-03-20T12:20:00Z' },
      fidelity: EXTENDED,
    },
  ],
  retry: {
    timeoutMs: 60_000,
    success: 'exactly-200',
    retryDelaysMs: [],
    repeatEveryMs: APTLY_DEFAULT_RETRY_MS,
    finalState: 'retrying',
    inOrder: true,
    notes: [
      'Only exactly HTTP 200 succeeds: 201, 202 and 204 count as failures.',
      'Aptly retries indefinitely until the Webhook URL is changed; its interval is not documented, so Hookscope retries every 60 s by default (set another with --retry-every-ms) until you stop the run.',
      'Events are delivered in the order they happen: a failing event holds back the ones after it.',
    ],
  },
  notes: [
    'x-signingKey carries the signing key itself: a static shared secret. It authenticates the sender to anyone who can keep it secret, but the body has no integrity protection and a captured request can be replayed.',
    'Regenerating the key "invalidates the old key": a request carrying a previous key set on the endpoint is invalid, not accepted as a rotation.',
  ],
  readings: APTLY_READINGS,
  rotation: 'immediate',
};
