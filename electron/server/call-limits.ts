// How many request bytes the HTTP bridge reads for each API method (issue #17). Most inputs are a few
// ids and flags: reading a 50 MB body for `stats.get` took 14.9 s, held the receiver (same process)
// the whole time and grew the process to 1.6 GB before the body was refused. So every method gets a
// small limit unless this table names it, and an oversized call is refused with 413 from its
// Content-Length, or as soon as a streamed body passes the limit, before it is parsed.
//
// Only the methods that carry exact body bytes (base64) are large, and their limit is read from their
// schemas, so raising a schema's maximum raises the bridge's limit with it.
import { checkRunSchema } from '../../shared/api/check.js';
import type { MethodName } from '../../shared/api/contract.js';
import { replaySendSchema } from '../../shared/api/replay.js';
import { sendStartSchema } from '../../shared/api/sender.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** Any method this table does not name: ids, flags, a search string, a page cursor. */
export const DEFAULT_CALL_BODY = 64 * KiB;

/**
 * The largest exact-body field any method accepts (base64 of a body past the receiver's 25 MiB
 * limit), plus room for the rest of the JSON (ids, headers, up to 10,000 event names, escapes).
 */
export const LARGE_CALL_BODY =
  Math.max(
    declaredMaxLength(replaySendSchema.shape.bodyBase64.unwrap().maxLength, 'replay.send bodyBase64'),
    declaredMaxLength(sendStartSchema.shape.bodyBase64.unwrap().maxLength, 'send.start bodyBase64'),
    declaredMaxLength(checkRunSchema.shape.bodyBase64.unwrap().maxLength, 'check.run bodyBase64'),
  ) +
  16 * MiB;

/** Methods whose inputs can be larger than DEFAULT_CALL_BODY, and why. */
export const CALL_BODY_LIMITS: Partial<Record<MethodName, number>> = {
  // Exact body bytes: an edited replay, a mock send's payload, a handler check's payload, a pasted request.
  'replay.send': LARGE_CALL_BODY,
  'send.start': LARGE_CALL_BODY,
  'check.run': LARGE_CALL_BODY,
  'verify.request': LARGE_CALL_BODY,
  // A response body of up to 1,000,000 characters and 100 headers of up to 8 KiB (JSON escapes take
  // up to 6 bytes a character).
  'endpoints.create': 16 * MiB,
  'endpoints.update': 16 * MiB,
  // Up to 100,000 ids (about 17 bytes each at most, with the comma).
  'deliveries.verifyMany': 2 * MiB,
  'deliveries.delete': 2 * MiB,
  // Up to 10,000 ids.
  'export.deliveries': 256 * KiB,
};

/** Bytes the bridge reads for a call to `method` (an unknown name gets the default, and then a 404). */
export function callBodyLimit(method: string): number {
  return Object.prototype.hasOwnProperty.call(CALL_BODY_LIMITS, method) ? CALL_BODY_LIMITS[method as MethodName]! : DEFAULT_CALL_BODY;
}

function declaredMaxLength(max: number | null, field: string): number {
  if (max === null) throw new Error(`${field} has no maximum length: the HTTP bridge's body limit is derived from it`);
  return max;
}
