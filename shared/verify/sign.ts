// Signing as a provider does, over the exact bytes that will be sent. The sender and re-signed replays
// both come through here, so what Hookscope sends always verifies with the same spec.
import { randomUUID } from 'node:crypto';
import type { HeaderField } from '../domain.js';
import { STATIC_HEADER_PLACEHOLDER, type ProviderSpec } from '../providers/spec.js';
import { hmac } from './crypto.js';
import { decodeSecret, formatSignatureHeader, signedPayload } from './signature-format.js';

export interface SignContext {
  nowMs: number;
  /** Delivery id for schemes that carry one; a fresh one is made when absent. */
  id?: string;
  /**
   * The event being sent. When given, the provider's static headers are added too, filled in (see
   * providerHeaders: GitHub's X-GitHub-Event, Shopify's X-Shopify-Topic, Workspace's X-Webhook-ID). Re-signing a captured request
   * leaves it out: the captured request already has those headers.
   */
  event?: string;
}

/** The headers that authenticate `body` as `spec`'s provider would send them. */
export function signRequest(spec: ProviderSpec, body: Buffer, secret: string, ctx: SignContext): HeaderField[] {
  const headers = ctx.event === undefined ? [] : providerHeaders(spec, ctx.event, body);
  const sig = spec.signature;
  if (sig.kind === 'static-key') return [...headers, { name: sig.header, value: secret }];
  const timestamp = String(Math.floor(ctx.nowMs / 1000));
  const id = ctx.id ?? newDeliveryId(spec);
  const key = decodeSecret(sig.secretEncoding, secret);
  const digest = hmac(sig.algorithm, key, signedPayload(sig.signedPayload, body, id, timestamp)).toString(sig.encoding);
  if (spec.idHeader) headers.push({ name: spec.idHeader, value: id });
  if (spec.timestamp) headers.push({ name: spec.timestamp.header, value: timestamp });
  headers.push({ name: sig.header, value: formatSignatureHeader(sig, digest, timestamp) });
  if (sig.legacy) {
    // Providers that still send a legacy signature beside the current one (GitHub's SHA-1) send both.
    const legacy = hmac(sig.legacy.algorithm, key, signedPayload(sig.signedPayload, body, id, timestamp)).toString(sig.encoding);
    headers.push({ name: sig.legacy.header, value: `${sig.legacy.prefix}${legacy}` });
  }
  return headers;
}

/**
 * The provider's fixed headers for one event, placeholders filled in one pass (so an event name cannot
 * smuggle in another placeholder): `{event}`, and `{body.NAME|DEFAULT}` with the body's top-level
 * field NAME when it is a string (or a safe integer) of printable ASCII a header carries as the body
 * does, else DEFAULT. Workspace's X-Webhook-ID is the body's `webhook_id`: a `--data` body naming
 * another webhook gets its id.
 */
export function providerHeaders(spec: ProviderSpec, event: string, body?: Uint8Array): HeaderField[] {
  let fields: Record<string, unknown> | null | undefined;
  const field = (name: string): string | undefined => {
    fields ??= topLevelFields(body);
    const value = fields?.[name];
    const text = typeof value === 'string' ? value : Number.isSafeInteger(value) ? String(value) : undefined;
    return text !== undefined && text.length > 0 && text.length <= 256 && /^[\x20-\x7e]+$/.test(text) ? text : undefined;
  };
  return Object.entries(spec.staticHeaders).map(([name, value]) => ({
    name,
    value: value.replace(STATIC_HEADER_PLACEHOLDER, (placeholder: string, fieldName: string | undefined, fallback: string | undefined) =>
      fieldName === undefined ? event : (field(fieldName) ?? fallback ?? ''),
    ),
  }));
}

function topLevelFields(body: Uint8Array | undefined): Record<string, unknown> | null {
  if (!body) return null;
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(body));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Names of the headers `signRequest` sets, so a re-sign can drop the stale ones first. */
export function signingHeaderNames(spec: ProviderSpec): string[] {
  const names = [spec.signature.header];
  if (spec.signature.kind === 'hmac' && spec.signature.legacy) names.push(spec.signature.legacy.header);
  if (spec.idHeader) names.push(spec.idHeader);
  if (spec.timestamp) names.push(spec.timestamp.header);
  return names;
}

/** Schemes that sign their id use Svix-style `msg_…` ids; the others (GitHub's delivery GUID) a UUID. */
function newDeliveryId(spec: ProviderSpec): string {
  const sig = spec.signature;
  if (sig.kind === 'hmac' && sig.signedPayload.includes('{id}')) return `msg_${randomUUID().replace(/-/g, '')}`;
  return randomUUID();
}
