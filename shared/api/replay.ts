// Replay, auto-forward records, diffs and exports in the API contract.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { messageDiffSchema } from '../diff/types.js';
import { headerFieldSchema } from '../domain.js';
import { EXPORT_FORMATS } from '../export/index.js';
import { method } from './define.js';

/** How a replay was made: as captured, re-signed (fresh timestamp/id and signature), or an auto-forward. */
export const REPLAY_MODES = ['as-captured', 're-signed', 'forward'] as const;
export const replayModeSchema = lazySchema(() => z.enum(REPLAY_MODES));
export type ReplayMode = z.infer<typeof replayModeSchema>;

/** One replay of a delivery, as sent and as answered. */
export const replaySchema = lazySchema(() => z.object({
  id: z.number().int(),
  deliveryId: z.number().int(),
  createdAt: z.string(),
  mode: replayModeSchema,
  /** True when the body or headers were edited before sending. */
  edited: z.boolean(),
  /** The target as given (`--to`, or the endpoint's forwardTo). */
  target: z.string(),
  /** What was sent: headers without hop-by-hop ones (Host, Content-Length and Connection are set per connection). */
  request: z.object({ method: z.string(), url: z.string(), headers: z.array(headerFieldSchema), bodyBase64: z.string() }),
  /** The handler's answer, or null when none arrived. The body is capped (`truncated`). */
  response: z
    .object({
      status: z.number().int(),
      headers: z.array(headerFieldSchema),
      bodyBase64: z.string(),
      bodyText: z.string().nullable(),
      truncated: z.boolean(),
    })
    .nullable(),
  durationMs: z.number(),
  /** Why the exchange failed (`refused-target`, `refused`, `timeout`, `reset`, `tls`, `dns`, `not-sent`, …), or null. */
  error: z.object({ kind: z.string(), message: z.string() }).nullable(),
  /** Why the handler was not reached (nothing on that port, the other loopback family, TLS to plain HTTP, a 404 on a new path…), in words, or null. */
  diagnosis: z.string().nullable(),
}));
export type Replay = z.infer<typeof replaySchema>;

export const replayFinishedSchema = lazySchema(() => z.object({
  id: z.number().int(),
  deliveryId: z.number().int(),
  mode: replayModeSchema,
  target: z.string(),
  status: z.number().int().nullable(),
  durationMs: z.number(),
  error: z.object({ kind: z.string(), message: z.string() }).nullable(),
  diagnosis: z.string().nullable().optional(),
}));

const id = lazySchema(() => z.number().int().positive());
const hostName = lazySchema(() => z.string().min(1).max(253));

export const replaySendSchema = lazySchema(() => z
  .object({
    /** Deliveries to replay, sent in this order, each after the previous one's response. */
    ids: z.array(id).min(1).max(1000),
    target: z.string().url().max(2048),
    mode: z.enum(['as-captured', 're-signed']).default('as-captured'),
    /** Secret to re-sign with (default: the endpoint's). */
    secret: z.string().min(1).max(4096).optional(),
    /** Replacement body (exact bytes, base64). */
    bodyBase64: z.string().max(40_000_000).optional(),
    /** Headers to set (replacing any of the same name, in place) before sending. */
    headers: z.array(headerFieldSchema).max(100).optional(),
    /** Header names to drop before sending. */
    removeHeaders: z.array(z.string().min(1).max(256)).max(100).optional(),
    /** Re-sign an edited request (default true); false sends the edit with its stale signature (and edited signing headers as given). */
    resign: z.boolean().optional(),
    /** Non-loopback hosts the user explicitly allows. */
    allowHosts: z.array(hostName).max(20).optional(),
    timeoutMs: z.number().int().min(1).max(600_000).optional(),
  })
  .strict());

/**
 * How `replay.send`'s bad-input messages name its options: as API fields, so the message is right for
 * any caller. A shell with its own words for them (the CLI's flags, the UI's fields) puts those in
 * with `rewordReplayMessage`.
 */
export const REPLAY_OPTION_PHRASES = {
  secret: 'give one as "secret"',
  keepSignature: 'set "resign": false to send the edit with its old signature',
  asCaptured: 'replay it as captured ("mode": "as-captured")',
} as const;
export type ReplayOptionWords = Record<keyof typeof REPLAY_OPTION_PHRASES, string>;

export function rewordReplayMessage(message: string, words: ReplayOptionWords): string {
  let out = message;
  for (const key of Object.keys(REPLAY_OPTION_PHRASES) as Array<keyof ReplayOptionWords>) out = out.split(REPLAY_OPTION_PHRASES[key]).join(words[key]);
  return out;
}

export const deliveryDiffSchema = lazySchema(() => messageDiffSchema.extend({
  a: z.number().int(),
  b: z.number().int(),
  /** Differences in the request line (method, path, query). */
  request: z.array(z.object({ field: z.enum(['method', 'path', 'query']), old: z.string(), new: z.string() })),
}));

export const replayDiffSchema = lazySchema(() => messageDiffSchema.extend({
  deliveryId: z.number().int(),
  replayId: z.number().int(),
  against: z.enum(['response', 'request']),
}));

export const replayMethods = {
  'replay.send': method(() => replaySendSchema, () => z.object({ replays: z.array(replaySchema) }), { readsDeliveries: { through: ({ ids }) => ids.reduce((a, b) => Math.max(a, b)) } }),
  'replays.list': method(() => z.object({ deliveryId: id }).strict(), () => z.object({ items: z.array(replaySchema) }), { readsDeliveries: { through: ({ deliveryId }) => deliveryId } }),
  'diff.deliveries': method(() => z.object({ a: id, b: id }).strict(), () => deliveryDiffSchema, { readsDeliveries: { through: ({ a, b }) => Math.max(a, b) } }),
  /** The delivery against what its replay got back (`response`, default) or against what the replay sent (`request`). */
  'diff.replay': method(
    () => z.object({ deliveryId: id, replayId: id, against: z.enum(['response', 'request']).default('response') }).strict(),
    () => replayDiffSchema,
    { readsDeliveries: { through: ({ deliveryId }) => deliveryId } },
  ),
  'export.deliveries': method(
    () => z
      .object({
        ids: z.array(id).min(1).max(10_000),
        format: z.enum(EXPORT_FORMATS),
        redact: z.boolean().default(false),
        /** Send-to URL for cURL and HAR, with replay's path rule. */
        target: z.string().url().max(2048).optional(),
      })
      .strict(),
    () => z.object({ format: z.enum(EXPORT_FORMATS), mimeType: z.string(), content: z.string() }),
    { readsDeliveries: true },
  ),
};

export const replayEvents = {
  'replay.finished': replayFinishedSchema,
};
