// The handler check's ids, in suite order: a contract (`--only`, the JSON's `checks[].id`). Kept apart
// from the scenarios so the API contract (and the renderer) can name them without the signing code.
export const CHECK_IDS = [
  'signed-accepted',
  'wrong-secret',
  'wrong-key',
  'key-case',
  'missing-signature',
  'empty-signature',
  'body-byte-changed',
  'body-whitespace-changed',
  'stale-timestamp',
  'timestamp-replayed',
  'duplicate-acknowledged',
  'out-of-order-acknowledged',
  'large-event-accepted',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];
